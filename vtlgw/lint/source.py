"""What the linter lints: a template's text, its name, and what is known about where it runs.

A :class:`LintSource` is a ``.vtl`` file, stdin, or (with the IaC readers) a template found in
a host file. Its ``api`` and ``route`` come from configuration or from a declaration comment in
the template itself (``#* vtlgw: api=websocket route=$connect *#``); ``content_type`` is the
request or response template's key when the host says it (``application/json``). A template
embedded in a host file brings a :class:`HostMap` so findings point into the host file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from vtlgw.location import SourceLocation

ApiKind = Literal["websocket", "rest"]
ROUTE_KINDS = ("connect", "message", "disconnect")


class HostMap(Protocol):
    """Where the characters of an embedded template sit in the file that holds it."""

    @property
    def name(self) -> str:
        """The host file."""
        ...

    @property
    def key_path_text(self) -> str:
        """The key that holds the template in the host (``Resources/X/Properties/...``)."""
        ...

    def location(self, start: int, end: int) -> SourceLocation:
        """The host file's span for the template's characters ``start`` to ``end``."""
        ...


@dataclass(frozen=True)
class LintSource:
    """One template to lint."""

    text: str
    name: str
    api: ApiKind | None = None
    route: str | None = None
    content_type: str | None = None
    host: HostMap | None = None

    @property
    def route_kind(self) -> str | None:
        """``connect``, ``disconnect``, ``message`` (any other WebSocket route) or ``None``."""
        if self.route is None:
            return None
        if self.route == "$connect":
            return "connect"
        if self.route == "$disconnect":
            return "disconnect"
        return "message"
