"""Loading the recorded conformance corpus and mapping oracle failures to vtlgw errors.

Shared by the conformance test (which renders each case with vtlgw) and the corpus check
(which validates the recorded files themselves). Reading needs no Java.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vtlgw.errors import TemplateRuntimeError, TemplateSyntaxError, VtlgwError

CASES_DIR = Path(__file__).resolve().parent / "cases"
SOURCE = "oracle: Apache Velocity 1.7"

# Which vtlgw error a Velocity failure corresponds to. Parse-time failures are syntax errors;
# failures while rendering are runtime errors. The two raw Java exceptions are Velocity itself
# crashing: a malformed \u escape in a string literal (caught when the template is
# initialised, so a syntax error) and a list modified while #foreach iterates it (runtime).
ERROR_CLASSES: MappingProxyType[str, type[VtlgwError]] = MappingProxyType(
    {
        "ParseErrorException": TemplateSyntaxError,
        "TemplateInitException": TemplateSyntaxError,
        "StringIndexOutOfBoundsException": TemplateSyntaxError,
        "MethodInvocationException": TemplateRuntimeError,
        "VelocityException": TemplateRuntimeError,
        "ConcurrentModificationException": TemplateRuntimeError,
    }
)


def case_files() -> list[Path]:
    """Every recorded topic file, sorted by name."""
    return sorted(CASES_DIR.glob("*.json"))


def load_cases() -> list[dict[str, Any]]:
    """All recorded cases of every topic, in file then id order."""
    cases: list[dict[str, Any]] = []
    for path in case_files():
        cases.extend(json.loads(path.read_text(encoding="utf-8")))
    return cases
