"""``$input`` and ``$util`` stand-ins with the same members for vtlgw and for airspeed.

The engine comparison must give both engines the same work. vtlgw receives
:class:`~vtlgw.engine.values.VtlObject` subclasses (the only way host objects reach its
templates); airspeed, which resolves members with Python ``getattr``, receives plain objects
whose method names are the VTL names. Both delegate to the same code (``$util`` is vtlgw's own
:class:`~vtlgw.apigw.util.Util`), so their outputs match. The full API Gateway stack (``$input``
and ``$context`` built from an event) is measured separately through ``vtlgw.render``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vtlgw.apigw.util import Util
from vtlgw.engine.values import MISSING, VtlObject

Params = Mapping[str, Mapping[str, str]]


def _param(params: Params, name: Any) -> Any:
    for group in ("path", "querystring", "header"):
        if name in params[group]:
            return params[group][name]
    return None


class VtlInput(VtlObject):
    """``$input`` for vtlgw: ``body``, ``params()`` and ``params(name)``."""

    java_class_name = "com.amazonaws.apigateway.Input"

    def __init__(self, params: Params, body: str) -> None:
        self._params = {group: dict(values) for group, values in params.items()}
        self._body = body

    def vtl_get(self, name: str) -> Any:
        """``$input.body``."""
        return self._body if name == "body" else MISSING

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """``$input.params()`` / ``$input.params('x')`` (path, then query, then header)."""
        if name != "params" or len(args) > 1:
            return MISSING
        return self._params if not args else _param(self._params, args[0])


class AirspeedInput:
    """``$input`` for airspeed (members found by ``getattr``)."""

    def __init__(self, params: Params, body: str) -> None:
        self._params = {group: dict(values) for group, values in params.items()}
        self.body = body

    def params(self, name: str | None = None) -> Any:
        """Same lookups as :meth:`VtlInput.vtl_call`."""
        return self._params if name is None else _param(self._params, name)


class AirspeedUtil:
    """``$util`` for airspeed: each method calls vtlgw's ``$util``."""

    def __init__(self) -> None:
        self._util = Util()

    def _call(self, name: str, value: Any) -> Any:
        return self._util.vtl_call(name, (value,))

    def escapeJavaScript(self, value: Any) -> Any:  # VTL method names are camelCase
        """``$util.escapeJavaScript``."""
        return self._call("escapeJavaScript", value)

    def urlEncode(self, value: Any) -> Any:
        """``$util.urlEncode``."""
        return self._call("urlEncode", value)

    def urlDecode(self, value: Any) -> Any:
        """``$util.urlDecode``."""
        return self._call("urlDecode", value)

    def base64Encode(self, value: Any) -> Any:
        """``$util.base64Encode``."""
        return self._call("base64Encode", value)

    def base64Decode(self, value: Any) -> Any:
        """``$util.base64Decode``."""
        return self._call("base64Decode", value)

    def parseJson(self, value: Any) -> Any:
        """``$util.parseJson``."""
        return self._call("parseJson", value)


def vtlgw_hosts(params: Params, body: str) -> dict[str, Any]:
    """``input`` and ``util`` for vtlgw."""
    return {"input": VtlInput(params, body), "util": Util()}


def airspeed_hosts(params: Params, body: str) -> dict[str, Any]:
    """``input`` and ``util`` for airspeed."""
    return {"input": AirspeedInput(params, body), "util": AirspeedUtil()}
