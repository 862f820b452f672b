"""``vtlgw:`` comments in a template: suppressions, and the template's API kind / route.

Forms (the codes are rule codes or prefixes, separated by commas or spaces)::

    #* vtlgw: noqa: VTL201, VTL213 *#     those codes, on this line
    #* vtlgw: noqa *#                     every code, on this line
    #* vtlgw: file-noqa: VTL5 *#          those codes (or, without codes, all) in the template
    #* vtlgw: api=websocket route=$connect *#   where the template runs

A block comment ``#* ... *#`` renders nothing and keeps the line break around it, so it is the
safe form. ``## vtlgw: ...`` works too, but Velocity's ``##`` comment swallows the line break
after it: alone on its own line it removes that line cleanly, after other text it joins the
line with the next one in the output (rule VTL503 reports that). Only a comment that starts
with ``vtlgw:`` is a directive; text inside another comment (``#* see ## vtlgw: noqa *#``) is
not. A ``vtlgw:`` comment that is none of the forms above (a misspelt ``noqa``, an unknown
setting, ``api=grpc``) is an :class:`~vtlgw.errors.InputError` at its position, so a
suppression or a declaration never silently does nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vtlgw.errors import InputError
from vtlgw.lint.selection import hint
from vtlgw.lint.source import HostMap
from vtlgw.location import LineIndex

_API_KINDS = ("websocket", "rest")
#: The start of something whose text is not template code: a block comment, a line comment,
#: an unparsed ``#[[ ... ]]#`` block.
_OPENERS = re.compile(r"#\*|##|#\[\[")
_DIRECTIVE = re.compile(r"\s*vtlgw:")
_KIND = re.compile(r"(file-noqa|noqa)(?![\w-])", re.IGNORECASE)
_CODE = re.compile(r"VTL[0-9]{1,3}(?![\w])", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*,\s*|\s+")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_SETTING = re.compile(r"([A-Za-z][\w-]*)\s*=\s*([^\s,]*)")


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


@dataclass(frozen=True)
class Declaration:
    """What a template says about where it runs (``None``: not declared)."""

    api: str | None = None
    route: str | None = None


@dataclass
class Directives:
    """The ``vtlgw:`` comments of one template."""

    suppressions: Suppressions = field(default_factory=Suppressions)
    declaration: Declaration = field(default_factory=Declaration)


@dataclass(frozen=True)
class _Comment:
    start: int  # the comment's first character (``#``)
    body_start: int  # just after ``vtlgw:``
    body: str
    end: int  # just after the comment (``*#``, or the end of the line)
    line_comment: bool


def _comments(text: str) -> list[_Comment]:
    """The comments of ``text`` that start with ``vtlgw:``, in order."""
    found: list[_Comment] = []
    position = 0
    while True:
        match = _OPENERS.search(text, position)
        if match is None:
            return found
        opener = match.group()
        if opener == "#[[":
            close = text.find("]]#", match.end())
            position = len(text) if close < 0 else close + 3
            continue
        if opener == "#*":
            close = text.find("*#", match.end())
            if close < 0:
                return found  # unclosed: a syntax error (VTL101), not a directive
            end, body_end, position = close + 2, close, close + 2
        else:
            newline = _NEWLINE.search(text, match.end())
            body_end = len(text) if newline is None else newline.start()
            end = body_end
            position = len(text) if newline is None else newline.end()
        directive = _DIRECTIVE.match(text, match.end(), body_end)
        if directive is not None:
            found.append(
                _Comment(
                    start=match.start(),
                    body_start=directive.end(),
                    body=text[directive.end() : body_end],
                    end=end,
                    line_comment=opener == "##",
                )
            )


class _Reader:
    """Turns the ``vtlgw:`` comments of one template into :class:`Directives`."""

    def __init__(self, lines: LineIndex, name: str, host: HostMap | None) -> None:
        self.lines = lines
        self.name = name
        self.host = host
        self.directives = Directives()
        #: each declared setting: its value and where it was first declared
        self.settings: dict[str, tuple[str, int]] = {}

    def error(self, offset: int, message: str) -> InputError:
        if self.host is not None:  # an embedded template: the position in the host file
            where = self.host.location(offset, offset)
            return InputError(
                f"{message} [{self.host.key_path_text}]",
                name=where.name,
                line=where.line,
                column=where.column,
            )
        line, column = self.lines.line_col(offset)
        return InputError(
            message, name=self.name, line=line, column=column, source_line=self.lines.line(line)
        )

    def read(self, comment: _Comment) -> None:
        body = comment.body
        lead = len(body) - len(body.lstrip())
        kind = _KIND.match(body, lead)
        if kind is not None:
            self._suppression(comment, kind)
        elif "=" in body:
            self._declaration(comment)
        else:
            word = body.split()[0] if body.split() else ""
            shown = (
                f"{word!r}{hint(word.rstrip(':'), ('noqa', 'file-noqa'))}" if word else "nothing"
            )
            raise self.error(
                comment.body_start + lead,
                f"found {shown} after 'vtlgw:'; expected noqa, noqa: CODES, file-noqa, "
                "file-noqa: CODES, or settings such as api=websocket route=$connect",
            )

    def _suppression(self, comment: _Comment, kind: re.Match[str]) -> None:
        body, word = comment.body, kind.group().lower()
        rest = body[kind.end() :]
        codes: tuple[str, ...] | None = None
        if rest.strip():
            colon = rest.lstrip()
            offset = comment.body_start + kind.end() + len(rest) - len(colon)
            if not colon.startswith(":"):
                raise self.error(
                    offset,
                    f"found {colon.strip()!r} after '{word}'; expected '{word}' alone (every "
                    f"code) or '{word}: ' and rule codes, such as '{word}: VTL201'",
                )
            codes = self._codes(colon[1:], offset + 1, word)
        line = self.lines.line_col(comment.start)[0]
        self.directives.suppressions.items.append(
            Suppression(
                line=line,
                start=comment.start,
                end=comment.end,
                codes=codes,
                whole_file=word == "file-noqa",
                line_comment=comment.line_comment,
            )
        )

    def _codes(self, text: str, offset: int, word: str) -> tuple[str, ...]:
        codes: list[str] = []
        position = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        while position < end:
            match = _CODE.match(text, position)
            if match is None:
                token = re.match(r"[^\s,]*", text[position:])
                shown = token.group() if token and token.group() else text[position:end]
                raise self.error(
                    offset + position,
                    f"found {shown!r} in the codes of '{word}:'; expected rule codes or "
                    "prefixes such as VTL201 or VTL2, separated by commas or spaces",
                )
            codes.append(match.group().upper())
            position = match.end()
            separator = _SEPARATOR.match(text, position)
            if separator is not None:
                position = separator.end()
            elif position < end:
                continue  # the next match fails and reports what follows
        if not codes:
            raise self.error(
                offset,
                f"'{word}:' without codes; write '{word}' alone to suppress every code, or "
                f"list codes such as '{word}: VTL201'",
            )
        return tuple(codes)

    def _declaration(self, comment: _Comment) -> None:
        body = comment.body
        position = len(body) - len(body.lstrip())
        end = len(body.rstrip())
        while position < end:
            match = _SETTING.match(body, position)
            offset = comment.body_start + position
            if match is None:
                raise self.error(
                    offset,
                    f"found {body[position:end]!r} in a vtlgw declaration; expected "
                    "api=websocket or api=rest, and route=ROUTE_KEY",
                )
            self._setting(match.group(1), match.group(2), offset)
            position = match.end()
            separator = _SEPARATOR.match(body, position)
            if separator is not None:
                position = separator.end()

    def _setting(self, key: str, value: str, offset: int) -> None:
        if key not in ("api", "route"):
            raise self.error(
                offset,
                f"unknown setting {key!r}{hint(key, ('api', 'route'))} in a vtlgw "
                "declaration; expected api=websocket, api=rest or route=ROUTE_KEY",
            )
        if not value:
            expected = "api=websocket or api=rest" if key == "api" else "route=ROUTE_KEY"
            raise self.error(offset, f"{key}= without a value; expected {expected}")
        if key == "api" and value not in _API_KINDS:
            raise self.error(
                offset, f"the template declares api={value!r}; expected api=websocket or api=rest"
            )
        before = self.settings.get(key)
        if before is not None and before[0] != value:
            line, column = self.lines.line_col(before[1])
            raise self.error(
                offset,
                f"the template declares {key}={value} here and {key}={before[0]} at line "
                f"{line}, column {column}; declare it once",
            )
        self.settings.setdefault(key, (value, offset))

    def finish(self) -> Directives:
        """The directives read, the declaration checked as a whole."""
        api = self.settings.get("api")
        route = self.settings.get("route")
        if route is not None and api is not None and api[0] == "rest":
            raise self.error(
                route[1],
                "the template declares api=rest and a route; routes belong to WebSocket APIs: "
                "drop route=... or declare api=websocket",
            )
        self.directives.declaration = Declaration(
            # only WebSocket APIs have routes: a route alone declares api=websocket
            api=api[0] if api is not None else ("websocket" if route is not None else None),
            route=route[0] if route is not None else None,
        )
        return self.directives


def find_directives(
    text: str, lines: LineIndex, name: str = "<template>", *, host: HostMap | None = None
) -> Directives:
    """Every ``vtlgw:`` comment in ``text``; a malformed one raises :class:`InputError`.

    The error names ``name`` and the line and column, or, for a template embedded in a host
    file (``host``), the host file's position and the template's key path.
    """
    reader = _Reader(lines, name, host)
    if "vtlgw:" in text:
        for comment in _comments(text):
            reader.read(comment)
    return reader.finish()


def find_suppressions(text: str, lines: LineIndex) -> Suppressions:
    """Every noqa comment in ``text`` (see :func:`find_directives`)."""
    return find_directives(text, lines).suppressions


def declared_settings(text: str) -> dict[str, str]:
    """``api`` and ``route`` as the template declares them (absent keys: not declared)."""
    declaration = find_directives(text, LineIndex(text)).declaration
    return {
        key: value
        for key, value in (("api", declaration.api), ("route", declaration.route))
        if value is not None
    }
