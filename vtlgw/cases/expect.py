"""The ``expect:`` block of a case: what it may check, for which kind of case, and nothing less.

A template case (``template`` or ``template_text``) can check its output (``output``,
``contains``, ``json``, ``json_subset``, ``schema``, ``valid_json``) or its render ``error``.
An integration case can also check the simulation's outcomes (``request_template``,
``response_key``, ``client_kind``, ``client_status``, ``client_headers``, ``connection``) and
the same output checks nested under ``response`` and ``client_body``. An expectation that
cannot apply to the case's kind, one that checks nothing (``contains: []``, ``response: {}``,
a ``null`` value) and a block that checks nothing at all are
:class:`~vtlgw.errors.InputError` at their position, so no case passes without checking
something.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from vtlgw.cases.inputs import describe, json_value, load_file, mapping, string
from vtlgw.document import Document, KeyPath, did_you_mean
from vtlgw.errors import InputError
from vtlgw.simulate.outcome import FINDING_CODES, ClientKind
from vtlgw.validate.schema import SchemaCheck, load_schema

OUTPUT_CHECKS = ("output", "contains", "json", "json_subset", "schema", "valid_json")
OUTCOME_CHECKS = (
    "error",
    "request_template",
    "response_key",
    "client_kind",
    "client_status",
    "connection",
    "client_headers",
    "findings",
)
NESTED_CHECKS = ("response", "client_body")
EXPECT_KEYS = OUTPUT_CHECKS + OUTCOME_CHECKS + NESTED_CHECKS
TEMPLATE_CHECKS = (*OUTPUT_CHECKS, "error")
INTEGRATION_ONLY = tuple(key for key in EXPECT_KEYS if key not in TEMPLATE_CHECKS)
CLIENT_KINDS = tuple(kind for kind in get_args(ClientKind) if kind != "unknown")
CONNECTIONS = ("accepted", "refused")
NULLABLE = frozenset({"json", "json_subset"})  # null is a JSON value to compare with


@dataclass(frozen=True)
class OutputExpect:
    """Checks on one text: exact, substring, JSON equality or subset, schema, well-formedness."""

    output: str | None = None
    contains: tuple[str, ...] = ()
    json: Any = None
    has_json: bool = False
    json_subset: Any = None
    has_json_subset: bool = False
    schema: SchemaCheck | None = None
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
    #: the simulation finding codes the case expects (``None``: none may occur)
    findings: tuple[str, ...] | None = None


SchemaCache = dict[Path, SchemaCheck]


def _checks_nothing(doc: Document, path: KeyPath, allowed: tuple[str, ...]) -> InputError:
    return doc.error(path, f"checks nothing; expected at least one of {', '.join(allowed)}")


def _output_expect(
    doc: Document, path: KeyPath, data: Mapping[str, Any], schemas: SchemaCache
) -> OutputExpect:
    output = data.get("output")
    if output is not None and not isinstance(output, str):
        raise doc.error(
            (*path, "output"), f"expected the exact output as a string, found {describe(output)}"
        )
    contains = data.get("contains", ())
    if "contains" in data:
        at = (*path, "contains")
        contains = [contains] if isinstance(contains, str) else contains
        if not isinstance(contains, list) or not contains:
            found = "an empty list" if contains == [] else describe(data["contains"])
            raise doc.error(at, f"expected a string or a non-empty list of strings, found {found}")
        for index, needle in enumerate(contains):
            spot = at if isinstance(data["contains"], str) else (*at, index)
            string(doc, spot, needle, "text the output must contain (every output contains '')")
    for key in ("json", "json_subset"):
        if key in data:
            json_value(doc, (*path, key), data[key])
    valid_json = data.get("valid_json")
    if valid_json is not None and not isinstance(valid_json, bool):
        raise doc.error(
            (*path, "valid_json"), f"expected true or false, found {describe(valid_json)}"
        )
    if valid_json is False:
        clash = [key for key in ("json", "json_subset", "schema") if key in data]
        if clash:
            message = f"expects output that is not JSON, so {clash[0]} cannot hold; drop one"
            raise doc.error((*path, "valid_json"), message, at_key=True)
    schema = None
    if "schema" in data:
        at = (*path, "schema")
        schema_file = doc.resolve(
            string(doc, at, data["schema"], "a path to a JSON Schema file"), at=at
        )
        if schema_file not in schemas:
            schemas[schema_file] = load_file(doc, at, data["schema"], load_schema)
        schema = schemas[schema_file]
    return OutputExpect(
        output=output,
        contains=tuple(contains),
        json=data.get("json"),
        has_json="json" in data,
        json_subset=data.get("json_subset"),
        has_json_subset="json_subset" in data,
        schema=schema,
        valid_json=valid_json,
    )


def _headers(doc: Document, path: KeyPath, raw: Any) -> dict[str, str]:
    headers = mapping(doc, path, raw, "a mapping of header names to values")
    if not headers:
        raise doc.error(path, "checks nothing; expected at least one header name and value")
    result: dict[str, str] = {}
    seen: dict[str, str] = {}
    for name, value in headers.items():
        at = (*path, str(name))
        if not isinstance(name, str) or not name:
            raise doc.error(at, f"expected a header name, found {describe(name)}", at_key=True)
        if name.lower() in seen:
            message = f"the same header as {seen[name.lower()]} (header names ignore case)"
            raise doc.error(at, message, at_key=True)
        seen[name.lower()] = name
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise doc.error(at, f"expected the header value as a string, found {describe(value)}")
        result[name] = str(value)
    return result


def _outcome_string(doc: Document, path: KeyPath, value: Any, what: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return string(doc, path, value, what)


def parse_expect(
    doc: Document,
    case_path: KeyPath,
    data: Mapping[str, Any],
    *,
    integration: bool,
    schemas: SchemaCache,
) -> Expect:
    """The ``expect`` of the case at ``case_path``; ``integration`` says which kind it is."""
    allowed = EXPECT_KEYS if integration else TEMPLATE_CHECKS
    path = (*case_path, "expect")
    if "expect" not in data:
        message = (
            f"checks nothing: expected an expect: block with at least one of {', '.join(allowed)}"
        )
        raise doc.error(case_path, message)
    raw = data["expect"]
    expect = mapping(doc, path, {} if raw is None else raw, "a mapping of expectations")
    doc.check_keys(path, expect, EXPECT_KEYS)
    for key, value in expect.items():
        at = (*path, key)
        if not integration and key in INTEGRATION_ONLY:
            message = (
                f"{key} applies only to integration cases; this case renders a template, "
                f"which can check {', '.join(TEMPLATE_CHECKS)}"
            )
            raise doc.error(at, message, at_key=True)
        if value is None and key not in NULLABLE:
            raise doc.error(at, "expected a value to check, found null")
    if not expect:
        raise _checks_nothing(doc, path, allowed)
    nested = {}
    for key in NESTED_CHECKS:
        if key in expect:
            sub = mapping(doc, (*path, key), expect[key], "a mapping of output checks")
            doc.check_keys((*path, key), sub, OUTPUT_CHECKS)
            if not sub:
                raise _checks_nothing(doc, (*path, key), OUTPUT_CHECKS)
            nested[key] = _output_expect(doc, (*path, key), sub, schemas)
    primary = _output_expect(doc, path, expect, schemas)
    if not integration and "error" in expect and not primary.empty:
        message = (
            "a template that fails to render has no output, so the output checks cannot hold "
            "with it; expect the error or the output"
        )
        raise doc.error((*path, "error"), message, at_key=True)
    return Expect(
        primary=primary,
        response=nested.get("response", OutputExpect()),
        client_body=nested.get("client_body", OutputExpect()),
        **_outcomes(doc, path, expect),
    )


def _outcomes(doc: Document, path: KeyPath, expect: Mapping[str, Any]) -> dict[str, Any]:
    """The outcome expectations of ``expect`` as :class:`Expect` keyword arguments."""
    status = expect.get("client_status")
    if status is not None and (type(status) is not int or not 100 <= status <= 599):
        shown = str(status) if type(status) is int else describe(status)
        message = f"expected an integer status 100-599, found {shown}"
        raise doc.error((*path, "client_status"), message)
    connection = expect.get("connection")
    if connection is not None and connection not in CONNECTIONS:
        message = f"expected accepted or refused, found {connection!r}"
        raise doc.error((*path, "connection"), message)
    kind = expect.get("client_kind")
    if kind is not None and kind not in CLIENT_KINDS:
        message = f"expected one of {', '.join(CLIENT_KINDS)}, found {kind!r}"
        raise doc.error((*path, "client_kind"), message)
    found: dict[str, Any] = {"client_status": status, "connection": connection, "client_kind": kind}
    for key, what in (
        ("error", "a part of the expected error message"),
        ("request_template", "a request template key, passthrough or reject"),
        ("response_key", "an integration response key"),
    ):
        value = expect.get(key)
        found[key] = None if value is None else _outcome_string(doc, (*path, key), value, what)
    if "client_headers" in expect:
        found["client_headers"] = _headers(doc, (*path, "client_headers"), expect["client_headers"])
    if "findings" in expect:
        found["findings"] = _findings(doc, (*path, "findings"), expect["findings"])
    return found


def _findings(doc: Document, path: KeyPath, raw: Any) -> tuple[str, ...]:
    """The expected simulation finding codes: a list of known codes (``[]``: none)."""
    if not isinstance(raw, list):
        raise doc.error(path, f"expected a list of finding codes, found {describe(raw)}")
    codes = []
    for index, code in enumerate(raw):
        if not isinstance(code, str) or code not in FINDING_CODES:
            shown = describe(code) if not isinstance(code, str) else repr(code)
            hint = did_you_mean(code, FINDING_CODES) if isinstance(code, str) else ""
            message = (
                f"unknown finding code {shown}{hint}; expected one of {', '.join(FINDING_CODES)}"
            )
            raise doc.error((*path, index), message)
        codes.append(code)
    return tuple(sorted(codes))
