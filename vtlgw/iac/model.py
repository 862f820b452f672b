"""What a reader finds in a host file: one :class:`EmbeddedTemplate` per mapping template.

An embedded template is the text API Gateway receives (after the deploy tool's substitutions),
where it sits in its host (file, key path, and a map from each template offset to a host text
offset), and what the host says about it: request or response template, content type (the map
key), API kind, route or method, and the substitutions applied. It is a
:class:`~vtlgw.lint.source.HostMap` for the linter, so findings print at host positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from vtlgw.lint.source import LintSource
from vtlgw.location import LineIndex, OffsetMap, SourceLocation

ApiKind = Literal["websocket", "rest"]
TemplateKind = Literal["request", "response"]
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Substitution:
    """One thing the deploy tool replaces before API Gateway sees the template.

    ``source`` is what the host wrote (``${AWS::Region}``, ``${var.table}``), ``value`` what
    the template text holds instead: the resolved literal when the reader knows it (a ``Fn::Sub``
    variable map entry with a literal value, ``${!Literal}`` giving ``${Literal}``), or the visible
    placeholder ``{{AWS::Region}}`` when the value is known only at deploy time (``known`` False).
    ``start`` and ``end`` are the template offsets of ``value``.
    """

    source: str
    value: str
    known: bool
    start: int
    end: int


@dataclass(frozen=True)
class EmbeddedTemplate:
    """A mapping template inside a host file."""

    host: str
    host_text: str = field(repr=False)
    key_path: KeyPath
    text: str
    offsets: OffsetMap = field(repr=False)
    kind: TemplateKind
    content_type: str | None = None
    api: ApiKind | None = None
    route: str | None = None
    method: str | None = None
    resource: str | None = None
    substitutions: tuple[Substitution, ...] = ()
    _lines: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lines", LineIndex(self.host_text))

    @property
    def name(self) -> str:
        """The host file, as findings name it."""
        return self.host

    @property
    def key_path_text(self) -> str:
        """``Resources/ConnectIntegration/Properties/RequestTemplates/$default``."""
        return "/".join(str(part) for part in self.key_path)

    @property
    def selector(self) -> str:
        """``HOST#KEY/PATH``: names this template wherever a TEMPLATE is accepted."""
        return f"{self.host}#{self.key_path_text}"

    @property
    def deploy_time(self) -> bool:
        """True when the text depends on a value known only at deploy time."""
        return any(not sub.known for sub in self.substitutions)

    def lint_source(self, *, api: ApiKind | None = None, route: str | None = None) -> LintSource:
        """This template as the linter takes it: at host positions, with what the host says
        about it (``api`` and ``route`` replace the host's when given)."""
        return LintSource(
            self.text,
            self.host,
            api=api or self.api,
            route=route or self.route,
            content_type=self.content_type,
            host=self,
        )

    def host_offset(self, offset: int) -> int:
        """The host text offset of template offset ``offset``."""
        return self.offsets(min(max(offset, 0), len(self.text)))

    def position(self) -> tuple[int, int]:
        """1-based host line and column where the template text starts."""
        return self._lines.line_col(self.host_offset(0))

    def location(self, start: int, end: int) -> SourceLocation:
        """The host span of template characters ``start`` to ``end`` (the linter's HostMap)."""
        line, column = self._lines.line_col(self.host_offset(start))
        end_line, end_column = self._lines.line_col(self.host_offset(max(end, start)))
        return SourceLocation(self.host, line, column, end_line, end_column)
