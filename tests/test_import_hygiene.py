"""The layers stay apart: importing ``index`` and every module in it loads neither Textual
nor rich (checked in a fresh interpreter, so nothing imported by other tests counts)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import index

SCRIPT = """
import importlib, json, pkgutil, sys
import index
names = ["index"]
for info in pkgutil.walk_packages(index.__path__, "index."):
    names.append(info.name)
failed = {}
for name in names:
    try:
        importlib.import_module(name)
    except Exception as exc:  # reported, not hidden
        failed[name] = repr(exc)
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich"})
print(json.dumps({"modules": names, "failed": failed, "loaded": loaded}))
"""


def test_index_imports_without_textual_or_rich() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    expected = {"index"} | {i.name for i in pkgutil.walk_packages(index.__path__, "index.")}
    assert set(report["modules"]) == expected
    assert len(report["modules"]) > 10, "every submodule was tried"
    assert report["failed"] == {}
    assert report["loaded"] == [], f"index pulled in {report['loaded']}"
