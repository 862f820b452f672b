"""The one error hierarchy every vtlgw failure belongs to.

Every error that comes from a template carries where it happened: the template name, a 1-based
line and column, and a source excerpt with a caret. Library code raises these; only the CLI
prints them.
"""

from __future__ import annotations

from vtlgw.location import SourceLocation

#: The widest source line an excerpt shows whole; longer lines are cut to this many characters
#: around the column, with ``...`` where text was left out.
EXCERPT_WIDTH = 120
_CUT = "..."


def excerpt(source_line: str, column: int, *, width: int = EXCERPT_WIDTH) -> str:
    """``source_line`` and, below it, a caret under the 1-based ``column``.

    Tabs before the column are kept in the caret line so the caret lines up in any terminal.
    A line longer than ``width`` is shown as a window around the column, at most ``width``
    characters with the ``...`` that mark the side (or sides) where text was cut, the caret
    still under the right character.
    """
    index = max(column - 1, 0)
    start, end = 0, len(source_line)
    if end > width:
        window = width - 2 * len(_CUT)
        start = max(0, min(index - window // 2, end - window))
        end = start + window
    shown = source_line[start:end]
    head = _CUT if start > 0 else ""
    tail = _CUT if end < len(source_line) else ""
    pad = " " * len(head) + "".join("\t" if ch == "\t" else " " for ch in shown[: index - start])
    return f"{head}{shown}{tail}\n{pad}^"


class VtlgwError(Exception):
    """Base of every error vtlgw raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        name: str = "<template>",
        line: int = 0,
        column: int = 0,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.name = name
        self.line = line
        self.column = column
        self.source_line = source_line

    @property
    def excerpt(self) -> str:
        """The offending source line and a caret under the column ('' when unknown)."""
        if self.source_line is None or self.line <= 0:
            return ""
        return excerpt(self.source_line, self.column)

    def location(self) -> SourceLocation:
        """Where the error is; prints as ``name:line:col`` (the name alone when unknown)."""
        return SourceLocation.point(self.name, self.line, self.column)

    def __str__(self) -> str:
        head = f"{self.location()}: {self.message}"
        excerpt = self.excerpt
        return f"{head}\n{excerpt}" if excerpt else head

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild,
            (type(self), self.message, self.name, self.line, self.column, self.source_line),
        )


def _rebuild(
    cls: type[VtlgwError],
    message: str,
    name: str,
    line: int,
    column: int,
    source_line: str | None,
) -> VtlgwError:
    return cls(message, name=name, line=line, column=column, source_line=source_line)


class TemplateSyntaxError(VtlgwError):
    """The template text does not parse.

    ``opened_at`` is where the block that is still open starts, when the error is that a block
    was never closed (a linter or an editor points there, as Python does for an unclosed
    bracket; the error itself stays where Velocity reports it).
    """

    def __init__(
        self,
        message: str,
        *,
        name: str = "<template>",
        line: int = 0,
        column: int = 0,
        source_line: str | None = None,
        opened_at: SourceLocation | None = None,
    ) -> None:
        super().__init__(message, name=name, line=line, column=column, source_line=source_line)
        self.opened_at = opened_at


class TemplateRuntimeError(VtlgwError):
    """Rendering failed: a Java method threw, an unsupported directive ran, and so on."""


class SecurityError(VtlgwError):
    """The template tried to reach something outside the sandbox."""


class LimitExceeded(VtlgwError):
    """A configured resource limit (size, iterations, depth, steps) was exceeded."""


class InputError(VtlgwError):
    """An input other than the template (an event, a schema, a case file) is unusable."""
