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
``${opt:...}``, ...) are resolved at deploy time: :func:`serverless_text` says how they are read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vtlgw.document import confined, read_text_file
from vtlgw.errors import InputError
from vtlgw.iac.model import EmbeddedTemplate, KeyPath, Substitution
from vtlgw.iac.openapi import TreeReader, describe, is_sub, key_of, load_tree
from vtlgw.iac.positions import MappedText
from vtlgw.iac.tree import HostList, HostMapping, HostString, Tagged
from vtlgw.location import OffsetMap

#: the largest template file a ``${file(...)}`` variable may include
MAX_INCLUDED_BYTES = 1024 * 1024
#: the deepest nesting of serverless variables read (``${self:a.${opt:b}}`` is two)
MAX_NESTING = 32
#: the integrations whose templates the framework deploys (``integration:`` values, lowered)
_TEMPLATED = MappingProxyType({"lambda": "AWS", "aws": "AWS", "http": "HTTP", "mock": "MOCK"})
_PROXIES = ("lambda-proxy", "aws-proxy", "aws_proxy", "http-proxy", "http_proxy")
_PROXY_SERVICES = ("kinesis", "sqs", "s3", "sns", "dynamodb", "eventbridge")
_SIMPLE_RESPONSES = ("success", "clientError", "serverError")
_JSON = "application/json"
# a serverless variable source type as the framework's parser reads it after '${'
_TYPE = re.compile(r"[a-z][a-zA-Z0-9.]*")
# file types ${file(...)} parses instead of including as text
_STRUCTURED = (".yml", ".yaml", ".json", ".js", ".tfstate")


class ServerlessReader(TreeReader):
    """Reads serverless.yml templates; template text gets the framework's variables applied."""

    def __init__(self, name: str, host_text: str) -> None:
        super().__init__(name, host_text)
        self.base_dir = Path(name).parent

    def template_text(
        self, value: Any, path: KeyPath, *, key: Any = None
    ) -> tuple[str, OffsetMap, tuple[Substitution, ...]]:
        """The text API Gateway receives: serverless variables become placeholders."""
        if isinstance(value, HostString):
            return serverless_text(self, value, path)
        # the framework resolves its variables first, then CloudFormation its Fn::Sub/Fn::Join
        found: list[tuple[int, Substitution]] = []
        converted = _converted(self, value, path, found)
        text, offsets, subs = super().template_text(converted, path, key=key)
        return text, offsets, _merged(text, offsets, subs, found)


def _converted(
    reader: ServerlessReader, value: Any, path: KeyPath, found: list[tuple[int, Substitution]]
) -> Any:
    """``value`` with the framework's variables resolved in every string it holds; each
    variable is added to ``found`` with the host offset it was written at."""
    if isinstance(value, HostString):
        text, offsets, subs = serverless_text(reader, value, path)
        found.extend((offsets(sub.start), sub) for sub in subs)
        return HostString(text, offsets, value.start) if subs else value
    if isinstance(value, Tagged):
        return Tagged(value.tag, _converted(reader, value.value, path, found), value.start)
    if isinstance(value, HostList):
        items = HostList(_converted(reader, item, path, found) for item in value)
        items.start = value.start
        return items
    if isinstance(value, HostMapping):
        mapping = HostMapping(
            (key, _converted(reader, item, path, found)) for key, item in value.items()
        )
        mapping.start = value.start
        return mapping
    return value


def _merged(
    text: str,
    offsets: OffsetMap,
    subs: tuple[Substitution, ...],
    found: list[tuple[int, Substitution]],
) -> tuple[Substitution, ...]:
    """CloudFormation's substitutions and the framework's, each framework variable at the
    offset of ``text`` where its value landed, in text order."""
    merged = list(subs)
    first: dict[int, int] = {}
    if found:
        for index in range(len(text)):
            first.setdefault(offsets(index), index)
    for host_offset, sub in found:
        at = first.get(host_offset)
        # (a variable in an Fn::Sub variable that the text never uses is not in it)
        if at is not None and text.startswith(sub.value, at):
            merged.append(Substitution(sub.source, sub.value, sub.known, at, at + len(sub.value)))
    return tuple(sorted(merged, key=lambda sub: sub.start))


def _variable_end(text: str, start: int, stop: int) -> int | None:
    """The end of the serverless variable at ``text[start:]`` (which starts ``${``), or
    ``None`` when the framework leaves it alone (VTL's ``${name}``, ``${AWS::Region}``).

    -1 means the variable is never closed. As the framework's parser, a variable is
    ``${type:...}`` or ``${type(...)...}`` with a lower-case type; quoted strings after ``(``,
    ``,`` or ``:`` may hold a ``}``, and nested variables nest.
    """
    match = _TYPE.match(text, start + 2)
    if match is None or match.end() >= stop or text[match.end()] not in ":(":
        return None
    depth, index, previous = 1, match.end(), ""
    while index < stop:
        char = text[index]
        if char in "'\"" and previous in "(,:":
            close = text.find(char, index + 1, stop)
            if close == -1:
                return -1
            index, previous = close + 1, char
            continue
        if text.startswith("${", index):
            depth += 1
            index += 2
            previous = "{"
            continue
        if char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        if char != " ":
            previous = char
        index += 1
    return -1


def serverless_text(
    reader: ServerlessReader, value: HostString, path: KeyPath
) -> tuple[str, OffsetMap, tuple[Substitution, ...]]:
    """``value`` after the framework's variable resolution, as far as it is known offline.

    ``${file(template.vtl)}`` of a text file is the file's text (read inside the project); any
    other variable (``${self:custom.x}``, ``${opt:stage}``, ``${env:X}``, ``${sls:stage}``) is
    known only at deploy time and becomes the placeholder ``{{self:custom.x}}``. VTL's own
    ``${name}`` and ``$name`` are left alone, as the framework leaves them. A VTL formal call
    such as ``${util.escapeJavaScript($x)}`` reads to the framework as a variable of an unknown
    source, which fails the deploy: that is an error here too.
    """
    built = MappedText()
    subs: list[Substitution] = []
    _resolve(_Scan(reader, value, path), 0, len(value), built, subs)
    if not subs:
        return str(value), value.offsets, ()
    return built.text(), built.offsets(value.offsets(len(value))), tuple(subs)


class _Scan:
    """One host string being resolved."""

    def __init__(self, reader: ServerlessReader, value: HostString, path: KeyPath) -> None:
        self.reader = reader
        self.text = str(value)
        self.offsets = value.offsets
        self.path = path

    def error(self, index: int, message: str) -> InputError:
        return self.reader.error(None, self.path, message, offset=self.offsets(index))


def _resolve(
    scan: _Scan,
    begin: int,
    stop: int,
    built: MappedText,
    subs: list[Substitution] | None,
    depth: int = 0,
) -> str:
    """Append ``scan.text[begin:stop]`` to ``built`` with its variables resolved, and return
    what was appended; record the outermost variables in ``subs`` (``None`` inside one)."""
    text, offsets = scan.text, scan.offsets
    pieces: list[str] = []
    index = copied = begin
    while index < stop:
        if text[index] == "\\":
            index += 2
            continue
        end = _variable_end(text, index, stop) if text.startswith("${", index) else None
        if end is None:
            index += 1
            continue
        if end == -1:
            raise scan.error(index, "a serverless variable is never closed with '}'")
        kind = _TYPE.match(text, index + 2)
        assert kind is not None
        if "." in kind.group() and text[kind.end()] == "(":
            raise scan.error(
                index,
                f"serverless reads '${{{kind.group()}(' as a variable of the unknown source "
                f"{kind.group()!r} and fails the deploy; write VTL's ${kind.group()}(...) "
                "without braces",
            )
        if depth >= MAX_NESTING:
            raise scan.error(index, f"serverless variables nested more than {MAX_NESTING} deep")
        built.add_mapped(text, offsets, copied, index)
        pieces.append(text[copied:index])
        source = text[index:end]
        start = len(built)
        included = _included(scan, source, index) if subs is not None else None
        if included is not None:
            built.add_at(included, offsets(index))
            shown = included
        else:
            built.add("{{", offsets(index))
            inner = _resolve(scan, index + 2, end - 1, built, None, depth + 1)
            built.add_at("}}", offsets(end - 1))
            shown = f"{{{{{inner}}}}}"
        pieces.append(shown)
        if subs is not None:
            subs.append(Substitution(source, shown, included is not None, start, len(built)))
        index = copied = end
    built.add_mapped(text, offsets, copied, stop)
    pieces.append(text[copied:stop])
    return "".join(pieces)


_FILE = re.compile(r"\$\{file\(\s*(?:'([^']*)'|\"([^\"]*)\"|([^)'\"$,\s]+))\s*\)\}")


def _included(scan: _Scan, source: str, index: int) -> str | None:
    """The text ``${file(path)}`` includes, or ``None`` when ``source`` is another variable."""
    match = _FILE.fullmatch(source)
    if match is None:
        return None
    relative = next(group for group in match.groups() if group is not None)
    if relative.lower().endswith(_STRUCTURED):
        return None  # parsed by the framework, not included as text: known at deploy time
    base = scan.reader.base_dir
    what = f"template file {relative!r}"
    try:
        target = confined(base / relative, named_in=base)
        return read_text_file(target, what, limit=MAX_INCLUDED_BYTES)
    except InputError as exc:
        raise scan.error(index, exc.message) from None


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
    reader = ServerlessReader(path, text)
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
