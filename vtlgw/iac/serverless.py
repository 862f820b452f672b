"""serverless.yml: the mapping templates of ``http`` events and of the service-proxy plugin.

The Serverless Framework writes an ``http`` event's templates into the REST API it deploys
(``lib/plugins/aws/package/compile/events/api-gateway/lib/method/integration.js``):

* ``functions.<fn>.events[].http.request.template.<content type>``: request templates (a null
  value removes one of the framework's defaults, so it is no template);
* ``...http.response.template``: one text, the ``application/json`` response template of every
  status code;
* ``...http.response.statusCodes.<code>.template``: a text (``application/json``) or a mapping
  of content type to text.

The serverless-apigateway-service-proxy plugin adds
``custom.apiGatewayServiceProxies[].<service>.request.template.<content type>``, the simplified
``response.template.success|clientError|serverError`` (``application/json``) and the full
``response[].responseTemplates.<content type>``.

Templates apply only to the non-proxy integrations (``integration: lambda``, ``http``,
``mock``); a template on a ``lambda-proxy`` event (the default) is never deployed, so it is an
error rather than a template that lints clean. The framework's variables (``${self:...}``,
``${opt:...}``, ...) are resolved at deploy time: :mod:`vtlgw.iac.slsvars` says how they are
read, and how the serverless-cloudformation-sub-variables plugin's ``#{Name}`` is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vtlgw.iac.model import EmbeddedTemplate, KeyPath, Substitution
from vtlgw.iac.openapi import TreeReader, describe, is_sub, key_of, load_tree
from vtlgw.iac.slsvars import converted, hash_pattern, merged, sub_variables
from vtlgw.iac.tree import HostString
from vtlgw.location import OffsetMap

#: the integrations whose templates the framework deploys (``integration:`` values, lowered)
_TEMPLATED = MappingProxyType({"lambda": "AWS", "aws": "AWS", "http": "HTTP", "mock": "MOCK"})
_PROXIES = ("lambda-proxy", "aws-proxy", "aws_proxy", "http-proxy", "http_proxy")
_PROXY_SERVICES = ("kinesis", "sqs", "s3", "sns", "dynamodb", "eventbridge")
_SIMPLE_RESPONSES = ("success", "clientError", "serverError")
_JSON = "application/json"
_SUB_PLUGIN = "serverless-cloudformation-sub-variables"


class ServerlessReader(TreeReader):
    """Reads serverless.yml templates: the framework's variables are resolved first, then
    (with the plugin) ``#{Name}`` rewritten, then CloudFormation's ``Fn::Sub``/``Fn::Join``."""

    def __init__(
        self, name: str, host_text: str, *, hash_variables: re.Pattern[str] | None = None
    ) -> None:
        super().__init__(name, host_text)
        self.base_dir = Path(name).parent
        self.hash_variables = hash_variables

    def template_text(
        self, value: Any, path: KeyPath, *, key: Any = None
    ) -> tuple[str, OffsetMap, tuple[Substitution, ...]]:
        """The text API Gateway receives, its offset map and substitutions."""
        found: list[tuple[int, Substitution]] = []
        resolved = converted(self, value, path, found)
        if self.hash_variables is not None:
            resolved = sub_variables(resolved, self.hash_variables)
        if isinstance(resolved, HostString):
            return str(resolved), resolved.offsets, tuple(sub for _, sub in found)
        text, offsets, subs = super().template_text(resolved, path, key=key)
        host = self.host_text
        subs = tuple(  # a rewritten #{Name} is named as written
            replace(sub, source="#" + sub.source[1:])
            if host.startswith("#", offsets(sub.start)) and sub.source.startswith("${")
            else sub
            for sub in subs
        )
        return text, offsets, merged(text, offsets, subs, found)


def _hash_variables(tree: Mapping[Any, Any]) -> re.Pattern[str] | None:
    """The serverless-cloudformation-sub-variables pattern, when the service uses the plugin."""
    plugins = tree.get("plugins")
    if isinstance(plugins, Mapping):
        plugins = plugins.get("modules")
    if not isinstance(plugins, list) or _SUB_PLUGIN not in plugins:
        return None
    custom = tree.get("custom")
    sub = custom.get("sub") if isinstance(custom, Mapping) else None
    if isinstance(sub, Mapping):
        return hash_pattern(str(sub.get("prefix", "#{")), str(sub.get("suffix", "}")))
    return hash_pattern()


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str) else None


def _label(event: Mapping[Any, Any]) -> str | None:
    """``GET /items/{id}`` from an event's ``method`` and ``path``."""
    method, route = _text(event.get("method")), _text(event.get("path"))
    if method is None or route is None:
        return None
    return f"{method.upper()} /{route.lstrip('/')}"


def _integration(reader: ServerlessReader, http: Mapping[Any, Any], path: KeyPath) -> str:
    """The integration type an ``http`` event deploys (``AWS_PROXY`` by default)."""
    raw = http.get("integration")
    if raw is None:
        return "AWS_PROXY"
    lowered = (_text(raw) or "").lower()
    if lowered in _TEMPLATED:
        return _TEMPLATED[lowered]
    if lowered in _PROXIES:
        return "HTTP_PROXY" if lowered.startswith("http") else "AWS_PROXY"
    choices = ", ".join((*_TEMPLATED, *_PROXIES))
    found = describe(raw) if not isinstance(raw, str) else repr(str(raw))
    raise reader.error(
        raw, (*path, "integration"), f"expected one of {choices}, found {found}", key=http
    )


class _Found:
    """The templates found so far, and what every one of them shares."""

    def __init__(self, reader: ServerlessReader, **fields: Any) -> None:
        self.reader = reader
        self.fields = fields
        self.templates: list[EmbeddedTemplate] = []

    def table(self, holder: Mapping[Any, Any], name: str, path: KeyPath, kind: str) -> None:
        """A mapping of content type to template at ``holder[name]`` (null entries skipped)."""
        at = (*path, name)
        key = key_of(holder, name)
        value = holder.get(name)
        if value is not None and not isinstance(value, Mapping):
            message = (
                f"expected a mapping of content type to template, found {describe(value)}; "
                "the framework ignores anything else here"
            )
            raise self.reader.error(value, at, message, key=key)
        for content_type, text in self.reader.mapping(value, at, key=key).items():
            if text is not None:
                self.add(text, (*at, str(content_type)), content_type, str(content_type), kind)

    def text_or_table(self, holder: Mapping[Any, Any], name: str, path: KeyPath) -> None:
        """A response template: one text (``application/json``) or a content type mapping."""
        value = holder.get(name)
        if value is None or (isinstance(value, Mapping) and not is_sub(value)):
            self.table(holder, name, path, "response")
        else:
            self.add(value, (*path, name), key_of(holder, name), _JSON, "response")

    def add(self, value: Any, path: KeyPath, key: Any, content_type: str, kind: str) -> None:
        """One template."""
        self.templates.append(
            self.reader.template(
                value,
                path,
                key=key,
                kind="request" if kind == "request" else "response",
                content_type=content_type,
                **self.fields,
            )
        )


def _http_event(
    reader: ServerlessReader, http: Mapping[Any, Any], path: KeyPath
) -> list[EmbeddedTemplate]:
    found = _Found(reader, api="rest", method=_label(http))
    request = reader.mapping(http.get("request"), (*path, "request"), key=key_of(http, "request"))
    response_path = (*path, "response")
    response = reader.mapping(http.get("response"), response_path, key=key_of(http, "response"))
    found.table(request, "template", (*path, "request"), "request")
    found.text_or_table(response, "template", response_path)
    codes_path = (*response_path, "statusCodes")
    codes = reader.mapping(
        response.get("statusCodes"), codes_path, key=key_of(response, "statusCodes")
    )
    for code, spec in codes.items():
        code_path = (*codes_path, str(code))
        found.text_or_table(reader.mapping(spec, code_path, key=code), "template", code_path)
    if found.templates and _integration(reader, http, path).endswith("_PROXY"):
        first = found.templates[0]
        raise reader.error(
            None,
            first.key_path,
            "the framework deploys no templates for a proxy integration (lambda-proxy is the "
            "default); set integration: lambda, http or mock",
            offset=first.host_offset(0),
        )
    return found.templates


def _proxy(
    reader: ServerlessReader, body: Mapping[Any, Any], path: KeyPath
) -> list[EmbeddedTemplate]:
    found = _Found(reader, api="rest", method=_label(body))
    request_path = (*path, "request")
    request = reader.mapping(body.get("request"), request_path, key=key_of(body, "request"))
    found.table(request, "template", request_path, "request")
    response_path = (*path, "response")
    response = body.get("response")
    if isinstance(response, list):
        for index, item in enumerate(response):
            item_path = (*response_path, index)
            spec = reader.mapping(item, item_path, key=response)
            found.table(spec, "responseTemplates", item_path, "response")
    else:
        spec = reader.mapping(response, response_path, key=key_of(body, "response"))
        simple_path = (*response_path, "template")
        simple = reader.mapping(spec.get("template"), simple_path, key=key_of(spec, "template"))
        for name in _SIMPLE_RESPONSES:
            if simple.get(name) is not None:
                found.add(
                    simple[name], (*simple_path, name), key_of(simple, name), _JSON, "response"
                )
    return found.templates


def _functions(tree: Mapping[Any, Any]) -> list[tuple[KeyPath, Any]]:
    """``(key path, definition)`` of every function (``functions`` may be a list of maps)."""
    functions = tree.get("functions")
    if isinstance(functions, Mapping):
        return [(("functions", str(name)), body) for name, body in functions.items()]
    if isinstance(functions, list):
        return [
            (("functions", index, str(name)), body)
            for index, group in enumerate(functions)
            if isinstance(group, Mapping)
            for name, body in group.items()
        ]
    return []


def read_serverless(path: str, text: str) -> list[EmbeddedTemplate]:
    """Every mapping template in the serverless.yml ``path`` holding ``text``.

    Errors in the file itself (bad YAML, a template that is not text, a template the framework
    would not deploy, a serverless variable that breaks the deploy) raise :class:`InputError`
    at their host position.
    """
    tree = load_tree(path, text)
    if not isinstance(tree, Mapping):
        return []
    reader = ServerlessReader(path, text, hash_variables=_hash_variables(tree))
    found: list[EmbeddedTemplate] = []
    for function_path, body in _functions(tree):
        events = body.get("events") if isinstance(body, Mapping) else None
        if not isinstance(events, list):
            continue
        for index, event in enumerate(events):
            http = event.get("http") if isinstance(event, Mapping) else None
            if isinstance(http, Mapping):
                found.extend(_http_event(reader, http, (*function_path, "events", index, "http")))
    custom = tree.get("custom")
    proxies = custom.get("apiGatewayServiceProxies") if isinstance(custom, Mapping) else None
    for index, item in enumerate(proxies if isinstance(proxies, list) else ()):
        if not isinstance(item, Mapping):
            continue
        for service, body in item.items():
            if str(service) in _PROXY_SERVICES and isinstance(body, Mapping):
                where = ("custom", "apiGatewayServiceProxies", index, str(service))
                found.extend(_proxy(reader, body, where))
    return found
