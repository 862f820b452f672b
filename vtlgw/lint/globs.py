"""Path globs of ``[tool.vtlgw]``: which templates a per-file-ignores or per-file-api key names.

A glob is matched against a template's path relative to the folder of the configuration file,
with ``/`` separators:

* ``*`` matches any run of characters within one path segment, ``?`` one character, ``[abc]``
  and ``[!abc]`` one character of (or not of) a set; none of them match ``/``;
* ``**`` as a whole segment matches any number of folders, none included (``ws/**/*.vtl``
  matches ``ws/a.vtl`` and ``ws/x/y/a.vtl``); a glob ending in ``/`` (or ``/**``) matches
  everything under that folder;
* a glob without ``/`` matches the file name in any folder (``connect*.vtl``);
* ``\\`` is read as ``/``, so a glob written with Windows separators works the same; a leading
  ``./`` or ``/`` is dropped.

Matching is case-sensitive. A template outside the configuration's folder (``../x.vtl``, or an
absolute path elsewhere) is matched by the file-name globs only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _segment(segment: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = segment.find("]", i + 2 if segment[i + 1 : i + 2] in ("!", "]") else i + 1)
            if close < 0:
                out.append(re.escape(char))
            else:
                body = segment[i + 1 : close]
                negate = body.startswith("!")
                body = body[1:] if negate else body
                escaped = body.replace("\\", "\\\\").replace("^", "\\^")
                out.append(f"[{'^/' if negate else ''}{escaped}]")
                i = close
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def normalize(glob: str) -> str:
    """``glob`` with ``/`` separators, no leading ``./`` or ``/``, a folder glob as ``dir/**``."""
    text = re.sub("/+", "/", glob.replace("\\", "/"))
    while text.startswith("./"):
        text = text[2:]
    text = text.lstrip("/")
    if text.endswith("/"):
        text += "**"
    return text


@dataclass(frozen=True)
class PathGlob:
    """One compiled glob."""

    text: str
    pattern: re.Pattern[str]
    name_only: bool

    def matches(self, relative: str | None, name: str) -> bool:
        """Whether the glob matches a template at ``relative`` (``None``: outside the root)."""
        if self.name_only:
            return self.pattern.fullmatch(name) is not None
        return relative is not None and self.pattern.fullmatch(relative) is not None


def compile_glob(glob: str) -> PathGlob:
    """The :class:`PathGlob` of ``glob`` (see the module docstring for the syntax)."""
    text = normalize(glob)
    if "/" not in text:
        return PathGlob(glob, re.compile(_segment(text)), name_only=True)
    parts: list[str] = []
    segments = text.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            parts.append(".*" if last else "(?:[^/]+/)*")
        else:
            parts.append(_segment(segment) + ("" if last else "/"))
    return PathGlob(glob, re.compile("".join(parts)), name_only=False)
