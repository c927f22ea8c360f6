"""Indexing one article file: read, hash, parse and tag it, and make its Whoosh document
and the records the catalog, the mention store and story grouping take.

Both the serial sync and the indexing worker processes run :func:`prepare_file`, so an
article is indexed the same way whichever path a sync takes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal, Protocol

from index.article import Article
from index.catalog import ArticleSummary, CatalogRow
from index.library import Problem, load_file
from index.mentions import EntityType, Mention
from index.search import word_set
from index.searchindex import describe
from index.stories import StoryDraft

FACET_TYPES = frozenset({"PERSON", "ORG", "PLACE", "WEAPON"})
"""Entity types searchable with ``entity:`` and counted in facets (not dates, quantities)."""

FileStatus = Literal["unchanged", "unreadable", "dropped", "indexed"]


class Tagger(Protocol):
    """What indexing needs of an entity tagger (``index.entities.EntityTagger``)."""

    @property
    def fingerprint(self) -> str: ...

    def tag(self, article: Article) -> list[Mention]: ...


@dataclass(frozen=True, slots=True)
class FileJob:
    """One file a sync must look at: where it is, its stamps, and the content hash the
    catalog has for it (None when it is new)."""

    id: str
    location: str
    mtime_ns: int
    size: int
    old_hash: str | None


@dataclass(slots=True)
class FileResult:
    """What indexing one file produced. ``status``: "unchanged" (same content hash, only
    its stamps move), "unreadable" (the file could not be read; its indexed version
    stays), "dropped" (it no longer parses; it leaves the index) or "indexed"."""

    job: FileJob
    status: FileStatus
    digest: str = ""
    problems: list[Problem] = field(default_factory=list)
    row: CatalogRow | None = None
    mentions: list[Mention] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    story: StoryDraft | None = None

    @property
    def id(self) -> str:
        return self.job.id

    def __reduce__(self) -> tuple[object, ...]:
        # Mentions travel from a worker as plain tuples: pickling ~70 dataclass instances
        # per article cost more than the rest of the result.
        mentions = [(m.start, m.end, m.text, m.type, m.entity, m.in_caption) for m in self.mentions]
        fields = (self.job, self.status, self.digest, self.problems, self.row, mentions)
        return _unpickle_result, (*fields, self.words, self.story)


def _unpickle_result(
    job: FileJob,
    status: FileStatus,
    digest: str,
    problems: list[Problem],
    row: CatalogRow | None,
    mentions: list[tuple[int, int, str, EntityType, str, bool]],
    words: set[str],
    story: StoryDraft | None,
) -> FileResult:
    found = [Mention(*m) for m in mentions]
    return FileResult(job, status, digest, problems, row, found, words, story)


def prepare_file(
    job: FileJob, tagger: Tagger, *, retag: bool
) -> tuple[FileResult, dict[str, object] | None]:
    """Index ``job``'s file: the result and, when it is to be (re)indexed, its Whoosh
    document. ``retag`` re-indexes a file even when its content is unchanged (the tagger
    changed). A tagger that raises costs the article its mentions, never the sync."""
    from pathlib import Path

    path = Path(job.location)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(job.id, f"cannot read: {exc.strerror or exc}")
        return FileResult(job, "unreadable", problems=[problem]), None
    digest = hashlib.sha256(data).hexdigest()
    if job.old_hash == digest and not retag:
        return FileResult(job, "unchanged", digest), None
    loaded = load_file(path, job.id)
    problems = list(loaded.problems)
    article = loaded.article
    if article is None:
        return FileResult(job, "dropped", digest, problems), None
    try:
        mentions = tagger.tag(article)
    except Exception as exc:  # a tagger bug must not stop indexing
        problems.append(Problem(job.id, f"entity tagging failed: {describe(exc)}", skipped=False))
        mentions = []
    names = tuple(
        dict.fromkeys(m.entity for m in mentions if not m.in_caption and m.type in FACET_TYPES)
    )
    row = CatalogRow(ArticleSummary.of(article), job.mtime_ns, job.size, digest, names)
    result = FileResult(
        job,
        "indexed",
        digest,
        problems,
        row,
        mentions,
        word_set(article.body),
        StoryDraft.of(article),
    )
    return result, document(article, names)


def document(article: Article, entities: tuple[str, ...]) -> dict[str, object]:
    """The article's Whoosh document (see ``index.searchindex.build_schema``)."""
    doc: dict[str, object] = {
        "id": article.id,
        "path": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "outlet_key": article.outlet,
        "body": article.body,
        "passages": [(p.start, p.end, p.kind) for p in article.paragraphs],
    }
    if article.published is not None:
        doc["published"] = article.published.replace(tzinfo=None)
    for key in ("author", "url", "story"):
        value = getattr(article, key)
        if value:
            doc[key] = value
    if entities:
        doc["entity"] = ",".join(name.replace(",", " ") for name in entities)
    return doc
