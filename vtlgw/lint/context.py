"""What a rule sees of one template: the source, its parsed tree, and where it runs.

The context parses the template once (a syntax error leaves ``parsed`` as ``None`` and is
kept in ``syntax_error``), maps template offsets to locations (through the host file's map for
an embedded template) and answers the questions several rules ask: the effective API kind and
route, and the source text of a node.
"""

from __future__ import annotations

from vtlgw.engine import nodes as n
from vtlgw.engine.parser import ParsedTemplate, parse
from vtlgw.errors import TemplateSyntaxError, VtlgwError
from vtlgw.lint.source import ApiKind, LintSource
from vtlgw.location import LineIndex, SourceLocation

#: Templates larger than this are not parsed at all (the size rule reports them): API Gateway
#: refuses anything over 300 KB, and parsing megabytes would only slow the hook down.
MAX_PARSED_SIZE = 1024 * 1024


class LintContext:
    """One template being linted."""

    def __init__(self, source: LintSource) -> None:
        self.source = source
        self.lines = LineIndex(source.text)
        self.parsed: ParsedTemplate | None = None
        self.syntax_error: VtlgwError | None = None
        if len(source.text) <= MAX_PARSED_SIZE:
            try:
                self.parsed = parse(source.text, name=source.name)
            except (TemplateSyntaxError, VtlgwError) as exc:
                self.syntax_error = exc

    @property
    def api(self) -> ApiKind | None:
        """The API kind, when configured or declared (``None``: unknown, rules stay general)."""
        return self.source.api

    @property
    def route_kind(self) -> str | None:
        """``connect``, ``disconnect``, ``message`` or ``None`` (REST, or unknown)."""
        return self.source.route_kind

    @property
    def host_path(self) -> str | None:
        """The key path of an embedded template in its host file."""
        return None if self.source.host is None else self.source.host.key_path_text

    def location(self, start: int, end: int) -> SourceLocation:
        """The location of template characters ``start`` to ``end`` (end exclusive)."""
        host = self.source.host
        if host is not None:
            return host.location(start, end)
        line, column = self.lines.line_col(start)
        end_line, end_column = self.lines.line_col(max(end, start))
        return SourceLocation(self.source.name, line, column, end_line, end_column)

    def text(self, node: n.Node) -> str:
        """The template text of ``node``."""
        return self.source.text[node.start : node.end]
