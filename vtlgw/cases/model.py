"""The case-file format: load a YAML file of cases and validate it with precise errors.

A case file holds ``cases:``, a list of mappings (or the list itself at the top level). Each
case names a ``template`` (file) or ``template_text`` (inline), or an ``integration``
description; an ``event`` (a file path, ``{file: path}``, ``{inline: {...}}``, or a synthetic
event ``{route: connect|message|disconnect|rest, seed: N, ...overrides}``); optional
``stage_variables``, ``context`` and ``backend`` (inline or ``{file: path}``); and ``expect``.
Paths are relative to the case file. Mistakes raise :class:`~vtlgw.errors.InputError` with the
file, line and column and what was expected there. See ``docs/validation.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from vtlgw.document import Document, KeyPath, load_document
from vtlgw.errors import InputError
from vtlgw.simulate.backend import BackendResponse, backend_from_document, load_backend
from vtlgw.simulate.integration import Integration, load_integration

OUTPUT_CHECKS = ("output", "contains", "json", "json_subset", "schema", "valid_json")
OUTCOME_CHECKS = (
    "error",
    "request_template",
    "response_key",
    "client_kind",
    "client_status",
    "connection",
    "client_headers",
)
NESTED_CHECKS = ("response", "client_body")
EXPECT_KEYS = OUTPUT_CHECKS + OUTCOME_CHECKS + NESTED_CHECKS
CASE_KEYS = (
    "name",
    "template",
    "template_text",
    "integration",
    "event",
    "backend",
    "stage_variables",
    "context",
    "expect",
)
ROUTES = ("connect", "message", "disconnect", "rest")


@dataclass(frozen=True)
class OutputExpect:
    """Checks on one text: exact, substring, JSON equality or subset, schema, well-formedness."""

    output: str | None = None
    contains: tuple[str, ...] = ()
    json: Any = None
    has_json: bool = False
    json_subset: Any = None
    has_json_subset: bool = False
    schema: Path | None = None
    valid_json: bool | None = None

    @property
    def empty(self) -> bool:
        """True when nothing is checked."""
        return not (
            self.output is not None
            or self.contains
            or self.has_json
            or self.has_json_subset
            or self.schema is not None
            or self.valid_json is not None
        )


@dataclass(frozen=True)
class Expect:
    """Everything a case expects."""

    primary: OutputExpect = field(default_factory=OutputExpect)
    response: OutputExpect = field(default_factory=OutputExpect)
    client_body: OutputExpect = field(default_factory=OutputExpect)
    error: str | None = None
    request_template: str | None = None
    response_key: str | None = None
    client_kind: str | None = None
    client_status: int | None = None
    connection: str | None = None
    client_headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """One runnable case."""

    name: str
    file: str
    line: int
    event: Mapping[str, Any]
    expect: Expect
    template_text: str | None = None
    template_name: str | None = None
    integration: Integration | None = None
    backend: BackendResponse | None = None
    stage_variables: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)


def _mapping(doc: Document, path: KeyPath, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise doc.error(path, f"expected a mapping, found {type(value).__name__}")
    return value


def _known(doc: Document, path: KeyPath, data: Mapping[str, Any], keys: tuple[str, ...]) -> None:
    for key in data:
        if key not in keys:
            where = (*path, str(key))
            raise doc.error(where, f"unknown key; expected one of {', '.join(keys)}", at_key=True)


def _event(doc: Document, path: KeyPath, raw: Any) -> dict[str, Any]:
    from vtlgw.events import load_event, synthesize
    from vtlgw.events.load import parse_event
    from vtlgw.events.synth import SynthOptions

    if isinstance(raw, str):
        raw = {"file": raw}
    spec = _mapping(doc, path, raw)
    if "file" in spec:
        return load_event(doc.resolve(str(spec["file"])))
    if "inline" in spec:
        inline = _mapping(doc, (*path, "inline"), spec["inline"])
        try:  # the events module checks the proxy event shape
            return parse_event(json.dumps(inline), name=doc.name)
        except InputError as exc:
            raise doc.error((*path, "inline"), exc.message) from exc
        except (TypeError, ValueError) as exc:
            raise doc.error((*path, "inline"), f"not a JSON value: {exc}") from exc
    if "route" not in spec:
        raise doc.error(path, "expected a file path, {file: path}, {inline: {...}} or {route: ...}")
    route = spec["route"]
    if route not in ROUTES:
        raise doc.error((*path, "route"), f"expected one of {', '.join(ROUTES)}, found {route!r}")
    seed = spec.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise doc.error((*path, "seed"), f"expected an integer, found {seed!r}")
    overrides = {str(k): v for k, v in spec.items() if k not in ("route", "seed")}
    known = sorted(f.name for f in fields(SynthOptions))
    for key in overrides:
        if key not in known:
            message = f"unknown event override; expected one of {', '.join(known)}"
            raise doc.error((*path, key), message, at_key=True)
    try:
        return synthesize(str(route), seed=seed, **overrides)
    except (TypeError, ValueError) as exc:
        raise doc.error(path, f"cannot synthesize the event: {exc}") from exc


def _output_expect(doc: Document, path: KeyPath, data: Mapping[str, Any]) -> OutputExpect:
    output = data.get("output")
    if output is not None and not isinstance(output, str):
        raise doc.error((*path, "output"), "expected the exact output as a string")
    contains = data.get("contains", ())
    if isinstance(contains, str):
        contains = (contains,)
    if not isinstance(contains, (list, tuple)) or not all(isinstance(c, str) for c in contains):
        raise doc.error((*path, "contains"), "expected a string or a list of strings")
    schema = data.get("schema")
    if schema is not None and not isinstance(schema, str):
        raise doc.error((*path, "schema"), "expected a path to a JSON Schema file")
    valid_json = data.get("valid_json")
    if valid_json is not None and not isinstance(valid_json, bool):
        raise doc.error((*path, "valid_json"), "expected true or false")
    return OutputExpect(
        output=output,
        contains=tuple(contains),
        json=data.get("json"),
        has_json="json" in data,
        json_subset=data.get("json_subset"),
        has_json_subset="json_subset" in data,
        schema=None if schema is None else doc.resolve(schema),
        valid_json=valid_json,
    )


def _expect(doc: Document, path: KeyPath, raw: Any) -> Expect:
    data = _mapping(doc, path, raw)
    _known(doc, path, data, EXPECT_KEYS)
    nested = {}
    for key in NESTED_CHECKS:
        if key in data:
            sub = _mapping(doc, (*path, key), data[key])
            _known(doc, (*path, key), sub, OUTPUT_CHECKS)
            nested[key] = _output_expect(doc, (*path, key), sub)
    status = data.get("client_status")
    if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
        raise doc.error((*path, "client_status"), f"expected an integer status, found {status!r}")
    connection = data.get("connection")
    if connection not in (None, "accepted", "refused"):
        raise doc.error(
            (*path, "connection"), f"expected accepted or refused, found {connection!r}"
        )
    headers = _mapping(doc, (*path, "client_headers"), data.get("client_headers") or {})
    strings = {}
    for key in ("error", "request_template", "response_key", "client_kind"):
        value = data.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise doc.error((*path, key), "expected a string")
        strings[key] = None if value is None else str(value)
    return Expect(
        primary=_output_expect(doc, path, data),
        response=nested.get("response", OutputExpect()),
        client_body=nested.get("client_body", OutputExpect()),
        client_status=status,
        connection=connection,
        client_headers={str(k): str(v) for k, v in headers.items()},
        **strings,
    )


def _case(doc: Document, path: KeyPath, raw: Any) -> Case:
    data = _mapping(doc, path, raw)
    _known(doc, path, data, CASE_KEYS)
    sources = [key for key in ("template", "template_text", "integration") if key in data]
    if len(sources) != 1:
        raise doc.error(path, "expected exactly one of template, template_text, integration")
    name = str(data.get("name") or f"case {path[-1]}")
    if "event" not in data:
        raise doc.error((*path, "event"), "is required")
    text = template_name = None
    integration = None
    if "template" in data:
        template_path = doc.resolve(str(data["template"]))
        try:
            text = template_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise doc.error(
                (*path, "template"), f"cannot read template {str(template_path)!r}"
            ) from exc
        template_name = str(template_path)
    elif "template_text" in data:
        if not isinstance(data["template_text"], str):
            raise doc.error((*path, "template_text"), "expected the template as a string")
        text, template_name = data["template_text"], f"{doc.name}#{name}"
    else:
        integration = load_integration(doc.resolve(str(data["integration"])))
    backend = None
    if "backend" in data:
        raw_backend = data["backend"]
        if isinstance(raw_backend, Mapping) and set(raw_backend) == {"file"}:
            backend = load_backend(doc.resolve(str(raw_backend["file"])))
        else:
            backend = backend_from_document(doc.sub((*path, "backend")))
    line = doc.marks.get(path, (0, 0))[0]
    return Case(
        name=name,
        file=doc.name,
        line=line,
        event=_event(doc, (*path, "event"), data["event"]),
        expect=_expect(doc, (*path, "expect"), data.get("expect", {})),
        template_text=text,
        template_name=template_name,
        integration=integration,
        backend=backend,
        stage_variables=_mapping(doc, (*path, "stage_variables"), data.get("stage_variables", {})),
        context=_mapping(doc, (*path, "context"), data.get("context", {})),
    )


def load_cases(path: str | Path) -> tuple[Case, ...]:
    """Load and validate every case in a case file."""
    doc = load_document(path)
    data = doc.data
    prefix: KeyPath = ()
    if isinstance(data, Mapping):
        _known(doc, (), data, ("cases",))
        data, prefix = data.get("cases"), ("cases",)
    if not isinstance(data, list) or not data:
        raise doc.error(prefix, "expected a non-empty list of cases")
    return tuple(_case(doc, (*prefix, index), item) for index, item in enumerate(data))
