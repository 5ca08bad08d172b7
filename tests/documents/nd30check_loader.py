"""Load the independent checker (checks/nd30/nd30check.py) by path for the project's tests.

The checker never imports the project; the tests import the checker.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

CHECKER = Path(__file__).resolve().parents[2] / "checks" / "nd30" / "nd30check.py"


def _load():
    if "nd30check" in sys.modules:
        return sys.modules["nd30check"]
    spec = importlib.util.spec_from_file_location("nd30check", CHECKER)
    module = importlib.util.module_from_spec(spec)
    sys.modules["nd30check"] = module
    spec.loader.exec_module(module)
    return module


nd30check = _load()


def nd30_findings(data: bytes, kind: str = "auto", *, draft: bool = False):
    """(detected kind, failures, warnings) of a .docx given as bytes."""
    with tempfile.NamedTemporaryFile(suffix=".docx") as f:
        f.write(data)
        f.flush()
        found_kind, findings = nd30check.check_file(f.name, kind, draft)
    fails = [x for x in findings if not x.warning]
    warns = [x for x in findings if x.warning]
    return found_kind, fails, warns


def assert_nd30(data: bytes, kind: str, *, draft: bool = False, no_warnings: bool = False):
    found_kind, fails, warns = nd30_findings(data, kind, draft=draft)
    report = "\n".join(x.render() for x in fails + (warns if no_warnings else []))
    assert not fails, f"Nghị định 30 check failed ({kind}):\n{report}"
    if no_warnings:
        assert not warns, f"Nghị định 30 warnings ({kind}):\n{report}"
    return warns
