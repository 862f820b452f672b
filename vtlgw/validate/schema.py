"""JSON Schema checks of rendered output with the jsonschema package.

The draft is the one the schema names in ``$schema`` (draft 4, 6, 7, 2019-09 and 2020-12);
a schema without ``$schema`` is read as 2020-12. ``$ref`` may point at other local files,
relative to the referring schema's file, through a ``referencing`` registry whose retriever
reads only the local disk: a URI under the root schema's own ``http(s)`` ``$id`` is read from
the root schema's directory, and anything else over the network is refused. Every violation
is reported with the JSON pointer of the offending value and the schema rule (keyword and
schema path).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
import yaml
from jsonschema.protocols import Validator

from vtlgw.errors import InputError
from vtlgw.validate.jsonout import escape_pointer_token
from vtlgw.validate.result import SCHEMA_VIOLATION, Finding

_DRAFTS = MappingProxyType(
    {
        "http://json-schema.org/draft-04/schema": "draft-04",
        "http://json-schema.org/draft-06/schema": "draft-06",
        "http://json-schema.org/draft-07/schema": "draft-07",
        "https://json-schema.org/draft/2019-09/schema": "2019-09",
        "https://json-schema.org/draft/2020-12/schema": "2020-12",
    }
)


def pointer(parts: Iterable[str | int]) -> str:
    """An RFC 6901 JSON pointer from path parts (``''`` is the whole document)."""
    return "".join(f"/{escape_pointer_token(str(part))}" for part in parts)


def _read_document(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read schema: {exc.strerror or exc}", name=str(path)) from exc
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            return yaml.safe_load(text)
        return json.loads(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise InputError(f"schema is not valid JSON or YAML: {exc}", name=str(path)) from exc


def _local_path(uri: str, base_dir: Path, id_base: str | None = None) -> Path:
    if id_base and uri.startswith(id_base):
        # a sibling of the root schema's $id: read it from the root schema's directory
        return base_dir / unquote(urlsplit(uri[len(id_base) :]).path)
    parts = urlsplit(uri)
    if parts.scheme in ("", "file") and not parts.netloc:
        raw = unquote(parts.path)
        candidate = Path(raw)
        return candidate if candidate.is_absolute() else base_dir / candidate
    raise InputError(
        f"$ref {uri!r} is not a local file; vtlgw never fetches schemas over the network",
        name=uri,
    )


@dataclass(frozen=True)
class SchemaCheck:
    """A compiled schema ready to validate many outputs."""

    path: str
    draft: str
    validator: Validator

    def check(self, instance: Any) -> tuple[Finding, ...]:
        """Every violation of the schema by ``instance``, in document order."""
        errors = sorted(
            self.validator.iter_errors(instance),
            key=lambda e: ([str(p) for p in e.absolute_path], list(map(str, e.schema_path))),
        )
        findings = []
        for error in errors:
            where = pointer(error.absolute_path)
            rule = str(error.validator)
            findings.append(
                Finding(
                    code=SCHEMA_VIOLATION,
                    message=f"{where or '(root)'}: {error.message} [{rule}]",
                    pointer=where,
                    rule=rule,
                    schema_path="#" + pointer(error.absolute_schema_path),
                )
            )
        return tuple(findings)


def load_schema(path: str | Path) -> SchemaCheck:
    """Load a schema file (JSON or YAML), check it against its draft and set up ``$ref``.

    Raises :class:`InputError` when the file is unreadable, not JSON/YAML, not a valid schema
    of its draft, or names an unknown ``$schema``.
    """
    schema_path = Path(path)
    schema = _read_document(schema_path)
    if not isinstance(schema, dict):
        raise InputError("a schema file must hold a JSON object", name=str(path))
    declared = schema.get("$schema")
    if declared is not None and str(declared).rstrip("#") not in _DRAFTS:
        known = ", ".join(sorted(_DRAFTS))
        raise InputError(f"unknown $schema {declared!r}; expected one of {known}", name=str(path))
    draft = _DRAFTS[str(declared).rstrip("#")] if declared is not None else "2020-12"
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = pointer(exc.absolute_path) or "(root)"
        raise InputError(
            f"invalid {draft} schema at {where}: {exc.message}", name=str(path)
        ) from exc
    base_dir = schema_path.resolve().parent
    specification = referencing.jsonschema.specification_with(
        str(declared or "https://json-schema.org/draft/2020-12/schema")
    )

    root_id = schema.get("$id", schema.get("id"))
    id_base = None
    if isinstance(root_id, str) and urlsplit(root_id).scheme in ("http", "https"):
        id_base = root_id.split("#", 1)[0].rsplit("/", 1)[0] + "/"

    def retrieve(uri: str) -> referencing.Resource[Any]:
        target = _local_path(uri, base_dir, id_base)
        contents = _read_document(target)
        return referencing.Resource.from_contents(contents, default_specification=specification)

    registry: referencing.Registry[Any] = referencing.Registry(retrieve=retrieve)  # type: ignore[call-arg]
    validator = cls(schema, registry=registry)
    return SchemaCheck(path=str(path), draft=draft, validator=validator)


def validate_instance(check: SchemaCheck, instance: Any) -> tuple[Finding, ...]:
    """Violations of ``check``'s schema by ``instance``; unresolvable ``$ref`` is an input error."""
    try:
        return check.check(instance)
    except referencing.exceptions.Unresolvable as exc:
        link: BaseException | None = exc
        while link is not None:
            if isinstance(link, InputError):
                raise InputError(link.message, name=check.path) from exc
            link = link.__cause__ or link.__context__
        raise InputError(f"cannot resolve $ref: {exc}", name=check.path) from exc
