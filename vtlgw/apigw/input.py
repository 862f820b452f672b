"""``$input``: the request body and parameters as a mapping template sees them (ref §2, §11).

``$input.body`` is the raw text, ``{}`` when the body is empty or absent (§11.6, V).
``$input.path(p)`` evaluates JSONPath and returns the value model (maps print ``{k=v}``, arrays
compact JSON: §2.1, V); no match is null (§11.7, V). ``$input.json(p)`` returns compact JSON text.
``$input.params()`` is ``{path={...}, querystring={...}, header={...}}`` and ``$input.params(x)``
looks in path, then query string, then header (§11.8, V). Each call hands out fresh objects, so
a template that modifies a returned map does not change what the next call sees.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from vtlgw.apigw.jsonpath import JsonPathError, compile_path
from vtlgw.apigw.jsonvalue import to_json, to_model
from vtlgw.apigw.options import GatewayOptions
from vtlgw.apigw.util import java_string
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.values import MISSING, JsonList, VtlObject

_UNPARSED: Any = object()
_INVALID: Any = object()


class Params:
    """The three parameter maps of a request, already filtered and decoded."""

    __slots__ = ("header", "path", "querystring")

    def __init__(
        self,
        *,
        path: Mapping[str, str] | None = None,
        querystring: Mapping[str, str] | None = None,
        header: Mapping[str, str] | None = None,
    ) -> None:
        self.path: dict[str, str] = dict(path or {})
        self.querystring: dict[str, str] = dict(querystring or {})
        self.header: dict[str, str] = dict(header or {})


#: what ``$input.json`` of a path with no match gives, by the ``json_missing`` option (§2.3)
_JSON_MISSING: Mapping[str, str | None] = MappingProxyType(
    {"quotes": '""', "empty": None, "null": "null"}
)


class Input(VtlObject):
    """The ``$input`` object: ``body``, ``json(p)``, ``path(p)``, ``params()``, ``params(x)``."""

    java_class_name: ClassVar[str] = "com.amazonaws.apigateway.Input"

    def __init__(
        self,
        body: str | None,
        params: Params,
        *,
        include_path: bool = True,
        options: GatewayOptions | None = None,
    ) -> None:
        self._body = body if body else "{}"
        self._params = params
        self._include_path = include_path
        self._options = options or GatewayOptions()
        self._document: Any = _UNPARSED
        self._paths: dict[str, Any] = {}

    @property
    def body(self) -> str:
        """The raw body text (``{}`` when the request had none)."""
        return self._body

    def vtl_get(self, name: str) -> Any:
        """``$input.body``; anything else is not a property of ``$input``."""
        if name == "body":
            return self._body
        return MISSING

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """``json``, ``path``, ``params``, and the ``getBody()`` spelling of ``body``."""
        if name == "params":
            if not args:
                return self.params()
            if len(args) == 1:
                return self.param(None if args[0] is None else java_string(args[0]))
            return MISSING
        if name in ("json", "path") and len(args) == 1:
            path = "$" if args[0] is None else java_string(args[0])
            return self.json(path) if name == "json" else self.path(path)
        if name == "getBody" and not args:
            return self._body
        return MISSING

    def _parsed(self) -> Any:
        if self._document is _UNPARSED:
            try:
                self._document = json.loads(self._body)
            except ValueError:
                self._document = _INVALID
        if self._document is _INVALID and self._options.invalid_body == "error":
            raise JavaException(
                "com.jayway.jsonpath.InvalidJsonException", "the request body is not valid JSON"
            )
        return self._document

    def _select(self, path: str) -> Any:
        document = self._parsed()
        if document is _INVALID:
            return MISSING
        compiled = self._paths.get(path)
        if compiled is None:
            try:
                compiled = compile_path(path)
            except JsonPathError as exc:
                raise JavaException("com.jayway.jsonpath.InvalidPathException", str(exc)) from exc
            self._paths[path] = compiled
        return compiled.evaluate(document)

    def path(self, path: str) -> Any:
        """``$input.path(path)``: the value model at ``path``, or None when nothing matches."""
        found = self._select(path)
        if found is MISSING:
            return None
        if isinstance(found, JsonList):
            return JsonList(to_model(item) for item in found)
        return to_model(found)

    def json(self, path: str) -> str | None:
        """``$input.json(path)``: compact JSON text of the match; no match is ``json_missing``."""
        found = self._select(path)
        if found is MISSING:
            return _JSON_MISSING[self._options.json_missing]
        return to_json(found)

    def params(self) -> dict[str, dict[str, str]]:
        """``$input.params()``: fresh ``{path, querystring, header}`` maps."""
        result: dict[str, dict[str, str]] = {}
        if self._include_path:
            result["path"] = dict(self._params.path)
        result["querystring"] = dict(self._params.querystring)
        result["header"] = dict(self._params.header)
        return result

    def param(self, name: str | None) -> str | None:
        """``$input.params(name)``: path, then query string, then header; None if absent."""
        if name is None:
            return None
        for group in (self._params.path, self._params.querystring):
            if name in group:
                return group[name]
        headers = self._params.header
        if name in headers:
            return headers[name]
        if self._options.params_ignore_case:
            folded = name.lower()
            for key, value in headers.items():
                if key.lower() == folded:
                    return value
        return None
