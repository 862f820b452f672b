"""The case-file format: load a YAML file of cases and validate it with precise errors.

A case file holds ``cases:``, a list of mappings (or the list itself at the top level). Each
case names exactly one of a ``template`` (file), ``template_text`` (inline) or an
``integration`` description; an ``event`` (a file path, ``{file: path}``, ``{inline: {...}}``,
or a synthetic event ``{route: connect|message|disconnect|rest, seed: N, ...overrides}``);
optional ``stage_variables`` and ``context``; for an integration an optional ``backend``
(inline or ``{file: path}``); and an ``expect`` block that checks something (see
:mod:`vtlgw.cases.expect`). Paths are relative to the case file. Mistakes raise
:class:`~vtlgw.errors.InputError` with the file, line and column and what was expected there
(:mod:`vtlgw.cases.inputs` says where errors in referenced files are reported). See
``docs/validation.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vtlgw.cases.expect import Expect, SchemaCache, parse_expect
from vtlgw.cases.inputs import (
    EVENT_FORMS,
    describe,
    json_value,
    load_case_event,
    load_file,
    mapping,
    read_integration,
    read_template,
    string,
)
from vtlgw.document import Document, KeyPath, load_document
from vtlgw.errors import InputError

if TYPE_CHECKING:
    from vtlgw.iac.model import EmbeddedTemplate
from vtlgw.simulate.backend import BackendResponse, backend_from_document, load_backend
from vtlgw.simulate.integration import Integration

SOURCES = ("template", "template_text", "integration")
CASE_KEYS = (
    "name",
    *SOURCES,
    "event",
    "backend",
    "stage_variables",
    "context",
    "expect",
)


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
    #: the IaC file position of a template read from one (errors move there)
    template_host: EmbeddedTemplate | None = field(default=None, compare=False, repr=False)
    integration: Integration | None = None
    backend: BackendResponse | None = None
    stage_variables: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)


def _source(doc: Document, path: KeyPath, data: Mapping[str, Any]) -> str:
    sources = [key for key in SOURCES if key in data]
    if not sources:
        raise doc.error(path, f"expected one of {', '.join(SOURCES)}; found none")
    if len(sources) > 1:
        message = (
            f"a case takes exactly one of {', '.join(SOURCES)}; found {sources[0]} and {sources[1]}"
        )
        raise doc.error((*path, sources[1]), message, at_key=True)
    return sources[0]


def _backend(doc: Document, path: KeyPath, raw: Any) -> BackendResponse:
    if isinstance(raw, Mapping) and set(raw) == {"file"}:
        return load_file(doc, (*path, "file"), raw["file"], load_backend)
    json_value(doc, path, raw)
    return backend_from_document(doc.sub(path))


def _check_route(
    doc: Document,
    path: KeyPath,
    integration: Integration,
    event: Mapping[str, Any],
    backend: BackendResponse | None,
) -> None:
    """An event that cannot reach the integration (or a backend that cannot answer it) is an
    error at the case's ``event`` (or ``backend``): simulating it would report an outcome that
    cannot happen."""
    from vtlgw.simulate.route import check_route

    try:
        check_route(integration, event)
    except InputError as exc:
        raise doc.error((*path, "event"), exc.message) from exc
    try:
        check_route(integration, event, backend)
    except InputError as exc:
        raise doc.error((*path, "backend"), exc.message) from exc


def _stage_variables(doc: Document, path: KeyPath, raw: Any) -> Mapping[str, Any]:
    variables = mapping(doc, path, raw, "a mapping of stage variable names to values")
    for name, value in variables.items():
        at = (*path, str(name))
        if not isinstance(name, str) or not name:
            raise doc.error(
                at, f"expected a stage variable name, found {describe(name)}", at_key=True
            )
        if not isinstance(value, str):  # YAML reads 1.10 as 1.1 and yes as true: quote them
            hint = "; quote it" if isinstance(value, (bool, int, float)) else ""
            raise doc.error(at, f"stage variables are strings; found {describe(value)}{hint}")
    return variables


def _context(doc: Document, path: KeyPath, raw: Any) -> Mapping[str, Any]:
    context = mapping(doc, path, raw, "a mapping merged into $context")
    json_value(doc, path, context)
    return context


def _case(doc: Document, path: KeyPath, raw: Any, schemas: SchemaCache) -> Case:
    data = mapping(doc, path, raw, "a case (a mapping)")
    doc.check_keys(path, data, CASE_KEYS)
    source = _source(doc, path, data)
    name = f"case {path[-1]}"
    if "name" in data:
        name = string(doc, (*path, "name"), data["name"], "the case name as a string")
    if "event" not in data:
        raise doc.error((*path, "event"), f"is required; expected {EVENT_FORMS}")
    text = template_name = None
    template_host = None
    integration = None
    at = (*path, source)
    if source == "template":
        text, template_name, template_host = read_template(doc, at, data["template"])
    elif source == "template_text":
        if not isinstance(data["template_text"], str):
            found = describe(data["template_text"])
            raise doc.error(at, f"expected the template as a string, found {found}")
        text, template_name = data["template_text"], f"{doc.name}#{name}"
    else:
        integration = read_integration(doc, at, data["integration"])
    backend = None
    if "backend" in data:
        if integration is None:
            message = "backend applies only to integration cases; this case renders a template"
            raise doc.error((*path, "backend"), message, at_key=True)
        backend = _backend(doc, (*path, "backend"), data["backend"])
    event = load_case_event(doc, (*path, "event"), data["event"])
    if integration is not None:
        _check_route(doc, path, integration, event, backend)
    return Case(
        name=name,
        file=doc.name,
        line=doc.marks.get(path, (0, 0))[0],
        event=event,
        expect=parse_expect(doc, path, data, integration=integration is not None, schemas=schemas),
        template_text=text,
        template_name=template_name,
        template_host=template_host,
        integration=integration,
        backend=backend,
        stage_variables=_stage_variables(
            doc, (*path, "stage_variables"), data.get("stage_variables", {})
        ),
        context=_context(doc, (*path, "context"), data.get("context", {})),
    )


def load_cases(path: str | Path) -> tuple[Case, ...]:
    """Load and validate every case in a case file."""
    doc = load_document(path)
    data = doc.data
    prefix: KeyPath = ()
    if isinstance(data, Mapping):
        doc.check_keys((), data, ("cases",))
        data, prefix = data.get("cases"), ("cases",)
    if not isinstance(data, list) or not data:
        found = "an empty list" if data == [] else describe(data)
        raise doc.error(prefix, f"expected a non-empty list of cases, found {found}")
    schemas: SchemaCache = {}
    return tuple(_case(doc, (*prefix, index), item, schemas) for index, item in enumerate(data))
