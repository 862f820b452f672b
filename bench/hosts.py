"""``$input`` and ``$util`` stand-ins with the same members for vtlgw and for airspeed.

The engine comparison must give both engines the same work. vtlgw receives
:class:`~vtlgw.engine.values.VtlObject` subclasses (the only way host objects reach its
templates); airspeed, which resolves members with Python ``getattr``, receives plain objects
whose method names are the VTL names. Both call the same functions, so their outputs match.
The full API Gateway stack (real ``$input`` from an event) is measured separately through
``vtlgw.render``.
"""

from __future__ import annotations

from typing import Any

from vtlgw.apigw.util import escape_javascript
from vtlgw.engine.values import MISSING, VtlObject

HEADERS = (
    ("Host", "abcd123456.execute-api.us-east-1.amazonaws.com"),
    ("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"),
    ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ("Sec-WebSocket-Protocol", "chat.v2"),
    ("Sec-WebSocket-Version", "13"),
    ("User-Agent", 'Mozilla/5.0 (X11; Linux x86_64) "bench"'),
    ("X-Amzn-Trace-Id", "Root=1-673202fb-5d8c3e1f2a4b6c7d8e9f0a1b"),
    ("X-Forwarded-For", "166.90.225.1"),
    ("X-Forwarded-Port", "443"),
    ("X-Forwarded-Proto", "https"),
)
QUERY = (("token", "abc/def+ghi"), ("room", "lobby"))


def _params() -> dict[str, dict[str, str]]:
    return {"path": {}, "querystring": dict(QUERY), "header": dict(HEADERS)}


class VtlInput(VtlObject):
    """``$input`` for vtlgw: ``params()`` and ``params(name)`` only."""

    java_class_name = "com.amazonaws.apigateway.Input"

    def __init__(self) -> None:
        self._params = _params()

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """``$input.params()`` / ``$input.params('x')`` (path, then query, then header)."""
        if name != "params":
            return MISSING
        if not args:
            return self._params
        for group in ("path", "querystring", "header"):
            if args[0] in self._params[group]:
                return self._params[group][args[0]]
        return None


class VtlUtil(VtlObject):
    """``$util`` for vtlgw: ``escapeJavaScript`` only."""

    java_class_name = "com.amazonaws.apigateway.Util"

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """``$util.escapeJavaScript(s)``."""
        if name == "escapeJavaScript" and len(args) == 1:
            return None if args[0] is None else escape_javascript(str(args[0]))
        return MISSING


class AirspeedInput:
    """``$input`` for airspeed (found by ``getattr``)."""

    def __init__(self) -> None:
        self._params = _params()

    def params(self, name: str | None = None) -> Any:
        """Same lookups as :meth:`VtlInput.vtl_call`."""
        if name is None:
            return self._params
        for group in ("path", "querystring", "header"):
            if name in self._params[group]:
                return self._params[group][name]
        return None


class AirspeedUtil:
    """``$util`` for airspeed."""

    def escapeJavaScript(self, text: Any) -> Any:  # noqa: N802  (the VTL name)
        """Same as :meth:`VtlUtil.vtl_call`."""
        return None if text is None else escape_javascript(str(text))


def vtlgw_hosts() -> dict[str, Any]:
    """``input`` and ``util`` for vtlgw."""
    return {"input": VtlInput(), "util": VtlUtil()}


def airspeed_hosts() -> dict[str, Any]:
    """``input`` and ``util`` for airspeed."""
    return {"input": AirspeedInput(), "util": AirspeedUtil()}
