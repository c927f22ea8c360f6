"""Indexing in worker processes, so a big sync uses every core.

Each worker (``python -m index.indexing_pool``) builds its own tagger once, then takes
chunks of files: it parses and tags them, adds them to its own new Whoosh segment, and
sends back what the catalog, the mention store and story grouping need. The parent holds
the index's write lock throughout, hands out chunks as workers finish them (so they stay
even), applies deletions, writes those records as results stream in, and finally commits
the workers' segments in one table of contents.

Workers are fresh interpreters talking pickle over their stdin/stdout: never forked (the
app syncs from a thread, and forking a threaded process can deadlock), never re-running
the caller's ``__main__`` (as multiprocessing's spawn does), and gone as soon as the
parent's pipe closes. Starting one costs about a second, so small syncs stay serial.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from index.errors import BriefError
from index.indexjob import FileJob, FileResult, Tagger, prepare_file

PARALLEL_MIN = 400
"""Files a sync must look at before workers pay for their start-up (~1 s each)."""
MAX_WORKERS = 4
"""Each worker writes one segment, and every segment costs each search a little."""
CHUNK = 16
"""Files per task: small enough to keep workers even, big enough to batch messages."""
AHEAD = 2
"""Chunks handed to a worker before it returns one, so it never waits for the next."""


class PoolError(BriefError):
    """The worker processes could not finish the job (one died, or failed to start)."""


def worker_count(files: int) -> int:
    """How many worker processes a sync of ``files`` files should use (0: stay serial)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    if cores < 2 or files < PARALLEL_MIN:
        return 0
    return min(cores, MAX_WORKERS, files // (PARALLEL_MIN // 2))


class IndexingPool:
    """Worker processes indexing one sync's files into new segments of the index in
    ``index_folder``. Use as a context manager: leaving it stops any worker still running
    (an interrupted sync leaves only uncommitted segment files, removed by the next
    commit). ``make_tagger`` is called once in each worker (it must be picklable: a
    class or a ``functools.partial`` of one); its fingerprint must equal ``fingerprint``."""

    def __init__(
        self,
        index_folder: Path,
        make_tagger: Callable[[], Tagger],
        fingerprint: str,
        *,
        workers: int,
        limitmb: int = 256,
        retag: bool = False,
    ) -> None:
        self.index_folder = Path(index_folder)
        self.make_tagger = make_tagger
        self.fingerprint = fingerprint
        self.workers = max(1, workers)
        self.limitmb = limitmb
        self.retag = retag
        self.segments: list[Any] = []
        """The workers' finished segments (whoosh ``Segment``), once :meth:`run` is done."""
        self._processes: list[subprocess.Popen[bytes]] = []
        self._inbox: queue.Queue[tuple[str, int, Any]] = queue.Queue()

    def run(self, jobs: list[FileJob]) -> Iterator[FileResult]:
        """Index ``jobs``, yielding each file's result as it arrives (in no set order).
        Raises :class:`PoolError` when a worker dies or fails."""
        chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
        chunks.reverse()  # popped from the end: handed out in library order
        setup = (
            str(self.index_folder),
            self.make_tagger,
            self.fingerprint,
            self.limitmb,
            self.retag,
        )
        for number in range(self.workers):
            self._start(number, setup)
        outstanding = [0] * self.workers
        for number in range(self.workers):
            for _ in range(AHEAD):
                self._hand_out(number, chunks, outstanding)
        finished: dict[int, Any] = {}
        while len(finished) < self.workers:
            kind, number, payload = self._inbox.get()
            if kind == "chunk":
                outstanding[number] -= 1
                self._hand_out(number, chunks, outstanding)
                yield from payload
            elif kind == "done":
                finished[number] = payload
            elif kind == "error":
                raise PoolError(f"an indexing worker failed: {payload}")
            elif kind == "gone" and number not in finished:
                code = self._processes[number].wait()
                raise PoolError(f"an indexing worker stopped unexpectedly (exit code {code})")
        self.segments = [s for s in finished.values() if s is not None]
        for process in self._processes:
            process.wait(timeout=30)

    def _start(self, number: int, setup: tuple[object, ...]) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
        process = subprocess.Popen(
            [sys.executable, "-m", "index.indexing_pool"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=root,
        )
        self._processes.append(process)
        assert process.stdin is not None and process.stdout is not None
        self._send(number, [p for p in sys.path if p])  # the test or tool's modules too
        self._send(number, setup)
        threading.Thread(
            target=_listen,
            args=(process.stdout, number, self._inbox),
            name=f"brief-indexer-{number}",
            daemon=True,
        ).start()

    def _hand_out(self, number: int, chunks: list[list[FileJob]], outstanding: list[int]) -> None:
        if chunks:
            self._send(number, chunks.pop())
            outstanding[number] += 1
        elif outstanding[number] == 0:
            self._send(number, None)
            outstanding[number] = -1  # told to finish

    def _send(self, number: int, message: object) -> None:
        pipe = self._processes[number].stdin
        try:
            pickle.dump(message, pipe, protocol=pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
            pipe.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            pass  # the worker is gone; its listener reports it

    def close(self) -> None:
        """Stop the workers still running (their segments are never committed)."""
        for process in self._processes:
            if process.poll() is None:
                process.terminate()
        for process in self._processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
        self._processes.clear()

    def __enter__(self) -> IndexingPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _listen(pipe: BinaryIO, number: int, inbox: queue.Queue[tuple[str, int, Any]]) -> None:
    """Read one worker's messages into the parent's inbox until its pipe closes."""
    try:
        while True:
            kind, payload = pickle.load(pipe)
            inbox.put((kind, number, payload))
    except Exception:
        inbox.put(("gone", number, None))


def _serve(inbox: BinaryIO, outbox: BinaryIO) -> None:
    """A worker's life: build the tagger, index chunks until told to stop, then finish
    its segment and send it back. Any failure is reported, never swallowed."""

    def send(kind: str, payload: object) -> None:
        pickle.dump((kind, payload), outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()

    try:
        sys.path[:0] = [p for p in pickle.load(inbox) if p not in sys.path]
        folder, make_tagger, fingerprint, limitmb, retag = pickle.load(inbox)
        from index.searchindex import finish_segment, segment_writer

        # Tagging allocates many short-lived objects and each chunk ends with a full
        # collection anyway: young collections every 50,000 allocations, not 700, took
        # 1,048 collections of a 600-article run down to 39 (0.34 -> 0.19 s).
        gc.set_threshold(50_000, 20, 100)
        tagger = make_tagger()
        if tagger.fingerprint != fingerprint:
            raise BriefError("the entity lists changed as indexing started")
        writer = segment_writer(Path(folder), limitmb=limitmb)
        while (chunk := pickle.load(inbox)) is not None:
            out: list[FileResult] = []
            for job in chunk:
                result, document = prepare_file(job, tagger, retag=retag)
                if document is not None:
                    writer.add_document(**document)
                out.append(result)
            send("chunk", out)
            # The postings waiting for the segment are millions of tuples the collector
            # would walk again and again (a tenth of a 10,000-article build): collect what
            # this chunk left behind, then put the survivors out of its sight.
            gc.collect()
            gc.freeze()
        send("done", finish_segment(writer))
    except EOFError:
        return  # the parent is gone: nobody wants this segment
    except BaseException:
        lines = traceback.format_exc().strip().splitlines()
        send("error", lines[-1] if lines else "unknown error")


if __name__ == "__main__":
    # The protocol owns the real stdout; anything printed goes to stderr instead.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, protocol_out)
