"""JSON Schema checks of rendered output with the jsonschema package.

The draft is the one the schema names in ``$schema`` (draft 4, 6, 7, 2019-09 and 2020-12);
a schema without ``$schema`` is read as 2020-12. ``$ref`` may point at other local files,
relative to the referring schema's file, through a ``referencing`` registry whose retriever
reads only the local disk: a URI under the root schema's own ``http(s)`` ``$id`` is read from
the root schema's directory, and anything else over the network is refused. Every violation
is reported with the JSON pointer of the offending value and the schema rule (keyword and
schema path).

Everything about the schema is checked when it is loaded, before any output is validated:
each file (the root and every file a ``$ref`` reaches, each read once) must be UTF-8 JSON or
YAML and a valid schema of its draft, every regular expression in it must compile, and every
``$ref`` must resolve. A broken or missing file is named in the error, with the JSON pointer
inside it and the ``$ref`` that led there. Refs between files may form cycles: each file is
walked once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
from jsonschema.protocols import Validator

from vtlgw.document import confined, parse_document, read_text_file
from vtlgw.errors import InputError
from vtlgw.jsondata import deeper_than, json_data_problem, parse_json
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
_DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: Keywords whose value is a reference resolved like ``$ref`` (first, statically).
_REF_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")
#: The deepest output checked against a schema (deeper is a finding, not a pass).
MAX_INSTANCE_DEPTH = 100
#: The most schema documents one root may reach through ``$ref``.
MAX_SCHEMA_DOCUMENTS = 1000
#: What ``re.compile`` raises for a pattern it cannot compile.
_REGEX_ERRORS = (re.error, OverflowError, RecursionError, ValueError)


def pointer(parts: Iterable[str | int]) -> str:
    """An RFC 6901 JSON pointer from path parts (``''`` is the whole document)."""
    return "".join(f"/{escape_pointer_token(str(part))}" for part in parts)


class _Remote(Exception):
    """A ``$ref`` to a URI that is not a local file."""


def _read_document(path: Path) -> Any:
    """The JSON (or, for ``.yaml``/``.yml``, YAML) document in ``path``; InputError naming it."""
    text = read_text_file(path, "schema")
    if path.suffix.lower() in (".yaml", ".yml"):
        doc = parse_document(text, name=str(path), base_dir=path.parent)
        problem = json_data_problem(doc.data)  # YAML can hold more than JSON: int keys, dates
        if problem is not None:
            raise doc.error(*problem)
        return doc.data
    return parse_json(text, name=str(path), what="schema")


def _local_path(uri: str, base_dir: Path, id_base: str | None = None) -> Path:
    if id_base and uri.startswith(id_base):
        # a sibling of the root schema's $id: read it from the root schema's directory
        return base_dir / unquote(urlsplit(uri[len(id_base) :]).path)
    parts = urlsplit(uri)
    if parts.scheme in ("", "file") and not parts.netloc:
        raw = unquote(parts.path)
        candidate = Path(raw)
        return candidate if candidate.is_absolute() else base_dir / candidate
    raise _Remote(f"$ref {uri!r} is not a local file; vtlgw never fetches schemas over the network")


def _format_checker() -> jsonschema.FormatChecker:
    """Checks ``format: regex`` in metaschemas (``pattern``...) with the ``re`` that validates."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("regex", raises=_REGEX_ERRORS)
    def _is_regex(instance: object) -> bool:
        if isinstance(instance, str):
            re.compile(instance)
        return True

    return checker


def _validator_class(contents: Any, name: str) -> tuple[str, type[Validator]]:
    """The draft and validator class of a schema document (2020-12 without ``$schema``)."""
    declared = contents.get("$schema") if isinstance(contents, Mapping) else None
    if declared is None:
        return "2020-12", jsonschema.Draft202012Validator
    if str(declared).rstrip("#") not in _DRAFTS:
        known = ", ".join(sorted(_DRAFTS))
        raise InputError(f"unknown $schema {declared!r}; expected one of {known}", name=name)
    draft = _DRAFTS[str(declared).rstrip("#")]
    return draft, jsonschema.validators.validator_for(contents)


def _check_document(contents: Any, name: str) -> str:
    """Check one schema document against its draft's metaschema; its draft."""
    draft, cls = _validator_class(contents, name)
    metaschema = cls.META_SCHEMA
    meta_cls = jsonschema.validators.validator_for(metaschema, default=cls)
    meta = meta_cls(metaschema, format_checker=_format_checker())
    error = jsonschema.exceptions.best_match(meta.iter_errors(contents))
    if error is not None:
        where = pointer(error.absolute_path) or "(root)"
        detail = f" ({error.cause})" if error.cause is not None else ""
        message = f"invalid {draft} schema at {where}: {error.message}{detail}"
        raise InputError(message, name=name)
    return draft


def _pointers(document: Any) -> dict[int, str]:
    """The JSON pointer of every object in ``document`` (iteratively), by ``id``."""
    found: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, Mapping):
            found.setdefault(id(value), where)
            items: Iterable[tuple[Any, Any]] = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        stack.extend((item, f"{where}/{escape_pointer_token(str(key))}") for key, item in items)
    return found


@dataclass
class _Documents:
    """The schema files one root reaches, each read and checked once (local to a load)."""

    base_dir: Path
    id_base: str | None
    specification: referencing.Specification[Any]
    by_uri: dict[str, tuple[referencing.Resource[Any], str]]
    by_file: dict[Path, Any]

    def retrieve(self, uri: str) -> referencing.Resource[Any]:
        """The resource at ``uri``: read, parsed and checked against its draft on first use."""
        if uri in self.by_uri:
            return self.by_uri[uri][0]
        if len(self.by_uri) >= MAX_SCHEMA_DOCUMENTS:
            raise InputError(f"$ref reaches more than {MAX_SCHEMA_DOCUMENTS} schema documents")
        path = confined(_local_path(uri, self.base_dir, self.id_base), named_in=self.base_dir)
        key = path.resolve()
        if key not in self.by_file:
            contents = _read_document(path)
            _check_document(contents, str(path))
            self.by_file[key] = contents
        resource = referencing.Resource.from_contents(
            self.by_file[key], default_specification=self.specification
        )
        self.by_uri[uri] = (resource, str(path))
        return resource

    def file_of(self, contents: Any) -> str | None:
        """The file whose whole document is ``contents``."""
        for resource, name in self.by_uri.values():
            if resource.contents is contents:
                return name
        return None


def _unresolvable(
    exc: referencing.exceptions.Unresolvable, ref: str, name: str, where: str, docs: _Documents
) -> InputError:
    """An InputError for a ``$ref`` in ``name`` at pointer ``where`` that does not resolve."""
    via = f"($ref {ref!r} at {name}#{where})"
    link: BaseException | None = exc
    while link is not None:
        if isinstance(link, InputError):
            return InputError(
                f"{link.message} {via}",
                name=link.name,
                line=link.line,
                column=link.column,
                source_line=link.source_line,
            )
        if isinstance(link, _Remote):
            return InputError(f"{where}: {link}", name=name)
        if isinstance(link, OSError):
            return InputError(f"cannot read schema: {link.strerror or link} {via}", name=name)
        link = link.__cause__ or link.__context__
    if isinstance(exc, referencing.exceptions.PointerToNowhere):
        target = docs.file_of(exc.resource.contents) or name
        return InputError(f"JSON pointer {exc.ref!r} points to nothing here {via}", name=target)
    if isinstance(exc, referencing.exceptions.NoSuchAnchor):
        target = docs.file_of(exc.resource.contents) or name
        return InputError(f"no anchor {exc.anchor!r} here {via}", name=target)
    return InputError(f"{where}: cannot resolve $ref {ref!r}", name=name)


def _check_patterns(schema: Mapping[str, Any], draft: str, name: str, where: str) -> None:
    """``patternProperties`` names are regexes too (draft 4's metaschema does not say so)."""
    patterns = schema.get("patternProperties")
    if not isinstance(patterns, Mapping):
        return
    for key in patterns:
        try:
            re.compile(key)
        except _REGEX_ERRORS as exc:
            message = (
                f"invalid {draft} schema at {where}/patternProperties: {key!r} is not a 'regex'"
            )
            raise InputError(f"{message} ({exc})", name=name) from None


Registry = referencing.Registry[Any]


def _walk(
    registry: Registry, base: str, root: referencing.Resource[Any], name: str, docs: _Documents
) -> Registry:
    """Resolve every reference in the document ``root`` (of file ``name``), check patterns.

    Each document a reference retrieves is added to the registry (and crawled) as soon as it is
    read, so later references to it are found without another crawl; the grown registry is
    returned.
    """
    draft, _ = _validator_class(root.contents, name)
    pointers = _pointers(root.contents)
    known = len(docs.by_uri)
    stack = [(base, root)]
    while stack:
        here, resource = stack.pop()
        contents = resource.contents
        if isinstance(contents, Mapping):
            where = pointers.get(id(contents), "")
            _check_patterns(contents, draft, name, where)
            for keyword in _REF_KEYWORDS:
                ref = contents.get(keyword)
                if not isinstance(ref, str):
                    continue
                try:
                    registry.resolver(base_uri=here).lookup(ref)
                except referencing.exceptions.Unresolvable as exc:
                    at = f"{where}/{escape_pointer_token(keyword)}"
                    raise _unresolvable(exc, ref, name, at, docs) from None
                if len(docs.by_uri) > known:
                    added = list(docs.by_uri.items())[known:]
                    registry = registry.with_resources((u, r) for u, (r, _) in added).crawl()
                    known = len(docs.by_uri)
        for sub in resource.subresources():
            sub_id = sub.id()
            stack.append((here if sub_id is None else urljoin(here, sub_id), sub))
    return registry


def _resolve_all(root: referencing.Resource[Any], name: str, docs: _Documents) -> Registry:
    """A crawled registry of the root and every document its references reach, each walked once."""
    base = root.id() or ""
    registry: Registry = referencing.Registry(retrieve=docs.retrieve)  # type: ignore[call-arg]
    registry = registry.with_resource(base, root).crawl()
    registry = _walk(registry, base, root, name, docs)
    walked: set[str] = set()
    while len(walked) < len(docs.by_uri):
        for uri, (resource, file_name) in list(docs.by_uri.items()):
            if uri not in walked:
                walked.add(uri)
                registry = _walk(registry, uri, resource, file_name, docs)
    return registry


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
    """Load a schema file (JSON or YAML), check it and every file it refers to, resolve ``$ref``.

    Raises :class:`InputError` when the file or a file a ``$ref`` reaches is unreadable, not
    UTF-8, not JSON/YAML, not a valid schema of its draft (regular expressions included), or
    names an unknown ``$schema``, and when a ``$ref`` does not resolve or is not local.
    """
    schema_path = Path(path)
    schema = _read_document(schema_path)
    if not isinstance(schema, dict):
        raise InputError("a schema file must hold a JSON object", name=str(path))
    draft = _check_document(schema, str(path))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    specification = referencing.jsonschema.specification_with(
        str(schema.get("$schema", _DEFAULT_DIALECT))
    )
    root_id = schema.get("$id", schema.get("id"))
    id_base = None
    if isinstance(root_id, str) and urlsplit(root_id).scheme in ("http", "https"):
        id_base = root_id.split("#", 1)[0].rsplit("/", 1)[0] + "/"
    docs = _Documents(
        schema_path.parent, id_base, specification, {}, {schema_path.resolve(): schema}
    )
    root = referencing.Resource.from_contents(schema, default_specification=specification)
    registry = _resolve_all(root, str(path), docs)
    return SchemaCheck(path=str(path), draft=draft, validator=cls(schema, registry=registry))


def _too_deep(why: str) -> tuple[Finding, ...]:
    message = f"(root): {why} (an output vtlgw cannot check does not pass)"
    return (Finding(code=SCHEMA_VIOLATION, message=message, pointer=""),)


def validate_instance(check: SchemaCheck, instance: Any) -> tuple[Finding, ...]:
    """Violations of ``check``'s schema by ``instance``; unresolvable ``$ref`` is an input error.

    An instance nested more than :data:`MAX_INSTANCE_DEPTH` levels, or too deep for the schema
    to be checked within Python's recursion limit, gives one finding saying so.
    """
    if deeper_than(instance, MAX_INSTANCE_DEPTH) is not None:
        return _too_deep(f"nested more than {MAX_INSTANCE_DEPTH} levels deep to check")
    try:
        return check.check(instance)
    except RecursionError:
        return _too_deep("nested too deeply to check against this schema")
    except referencing.exceptions.Unresolvable as exc:
        link: BaseException | None = exc
        while link is not None:
            if isinstance(link, InputError):
                raise InputError(link.message, name=link.name) from exc
            if isinstance(link, _Remote):
                raise InputError(str(link), name=check.path) from exc
            link = link.__cause__ or link.__context__
        raise InputError(f"cannot resolve $ref: {exc}", name=check.path) from exc
