"""Suppression comments and the template's own API kind / route declaration.

``#* vtlgw: noqa: VTL201, VTL213 *#`` on a line suppresses those codes on that line;
``#* vtlgw: noqa *#`` suppresses every code there. ``#* vtlgw: file-noqa: VTL5 *#`` anywhere
suppresses those codes (or, without codes, everything) in the whole template. A ``##`` line
comment works too but is not safe: Velocity's ``##`` comment swallows its line break, so adding
one changes what the template renders (rule VTL503 says so). A block comment ``#* ... *#``
renders nothing and keeps the line break, so it is the form to use.

``#* vtlgw: api=websocket route=$connect *#`` declares where the template runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vtlgw.location import LineIndex

_DIRECTIVE = re.compile(
    r"(?P<open>#\*|##)\s*vtlgw:\s*(?P<kind>file-noqa|noqa)\b(?:\s*:\s*(?P<codes>[A-Za-z0-9,\s]*?))?"
    r"\s*(?P<close>\*#|$)",
    re.MULTILINE,
)
_DECLARE = re.compile(r"#\*\s*vtlgw:\s*(?P<body>(?:api|route)\s*=[^*]*?)\s*\*#", re.MULTILINE)
_SETTING = re.compile(r"(api|route)\s*=\s*(\S+)")


@dataclass(frozen=True)
class Suppression:
    """One noqa comment: where it is and what it suppresses (``None``: everything)."""

    line: int
    start: int
    end: int
    codes: tuple[str, ...] | None
    whole_file: bool
    line_comment: bool


@dataclass
class Suppressions:
    """Every noqa comment of a template, and which of them suppressed something."""

    items: list[Suppression] = field(default_factory=list)
    used: dict[int, set[str]] = field(default_factory=dict)

    def suppresses(self, code: str, line: int) -> bool:
        """Whether ``code`` on template ``line`` is suppressed (and record the use)."""
        for index, item in enumerate(self.items):
            if not item.whole_file and item.line != line:
                continue
            if item.codes is None or any(code.startswith(c) for c in item.codes):
                self.used.setdefault(index, set()).add(code)
                return True
        return False

    def unused(self) -> list[tuple[Suppression, tuple[str, ...]]]:
        """Comments, and the codes they list, that suppressed nothing."""
        result: list[tuple[Suppression, tuple[str, ...]]] = []
        for index, item in enumerate(self.items):
            used = self.used.get(index, set())
            if item.codes is None:
                if not used:
                    result.append((item, ()))
                continue
            idle = tuple(c for c in item.codes if not any(u.startswith(c) for u in used))
            if idle:
                result.append((item, idle))
        return result


def find_suppressions(text: str, lines: LineIndex) -> Suppressions:
    """Every noqa comment in ``text``."""
    found = Suppressions()
    if "vtlgw:" not in text:
        return found
    for match in _DIRECTIVE.finditer(text):
        line_comment = match.group("open") == "##"
        if not line_comment and match.group("close") != "*#":
            continue
        raw = match.group("codes")
        codes = None
        if raw is not None and raw.strip():
            codes = tuple(c.strip().upper() for c in raw.split(",") if c.strip())
        found.items.append(
            Suppression(
                line=lines.line_col(match.start())[0],
                start=match.start(),
                end=match.end(),
                codes=codes,
                whole_file=match.group("kind") == "file-noqa",
                line_comment=line_comment,
            )
        )
    return found


def declared_settings(text: str) -> dict[str, str]:
    """``api`` and ``route`` declared in ``#* vtlgw: api=... route=... *#`` comments."""
    settings: dict[str, str] = {}
    if "vtlgw:" not in text:
        return settings
    for match in _DECLARE.finditer(text):
        for key, value in _SETTING.findall(match.group("body")):
            settings[key] = value
    return settings
