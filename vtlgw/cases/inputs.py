"""What a case reads besides its expectations: events, referenced files and inline values.

Every problem is an :class:`~vtlgw.errors.InputError` that points into the case file. A file the
case names (an event, a template, a backend, an integration, a schema) that cannot be read, is
not UTF-8 or is wrong as a whole is reported at the case file's position of the key that names
it, and the message names the file. A mistake inside a referenced file that has a position of
its own keeps it (that is where it must be fixed) and says which case key named the file.
Inline values must be JSON values: YAML dates, binary data, sets, non-string keys and
non-finite numbers are refused where they are written.
"""

from __future__ import annotations

import copy
import datetime
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from vtlgw.document import Document, KeyPath, format_path, read_text_file
from vtlgw.errors import InputError
from vtlgw.kinds import scalar_kind

if TYPE_CHECKING:
    from vtlgw.iac.model import EmbeddedTemplate
    from vtlgw.simulate.integration import Integration

T = TypeVar("T")

ROUTES = ("connect", "message", "disconnect", "rest")
EVENT_FORMS = "a file path, {file: path}, {inline: {...}} or {route: connect|message|...}"


def mapping(doc: Document, path: KeyPath, value: Any, what: str = "a mapping") -> Mapping[str, Any]:
    """``value`` when it is a mapping, else an error at ``path`` saying what was found."""
    if not isinstance(value, Mapping):
        raise doc.error(path, f"expected {what}, found {describe(value)}")
    return value


def describe(value: Any) -> str:
    """How a YAML value is named in messages: ``null``, ``a string``, ``a date``..."""
    scalar = scalar_kind(value)
    if scalar is not None:
        return scalar
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date (quote it to make it a string)"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def string(doc: Document, path: KeyPath, value: Any, what: str) -> str:
    """``value`` when it is a non-empty string, else an error at ``path`` expecting ``what``."""
    if not isinstance(value, str) or not value:
        found = "an empty string" if value == "" else describe(value)
        raise doc.error(path, f"expected {what}, found {found}")
    return value


def where(doc: Document, path: KeyPath) -> str:
    """``file:line:col`` of the value at ``path`` (just the file when unknown)."""
    return str(doc.error(path, "").location())


@contextmanager
def referenced(doc: Document, path: KeyPath) -> Iterator[None]:
    """Report errors loading the file named at ``path`` against the case file.

    An error with a position in the referenced file keeps it and gains ``(named at
    case-file:line:col, key.path)``; any other is raised at ``path`` and names the file. An error
    already in the case file (from an inline part) passes unchanged.
    """
    try:
        yield
    except InputError as exc:
        if exc.name == doc.name:  # already positioned in this file (an inline part)
            raise
        if exc.line > 0:
            note = f" (named at {where(doc, path)}, {format_path((*doc.prefix, *path))})"
            raise InputError(
                exc.message + note,
                name=exc.name,
                line=exc.line,
                column=exc.column,
                source_line=exc.source_line,
            ) from exc
        raise doc.error(path, f"{exc.name}: {exc.message}") from exc


def load_file(doc: Document, path: KeyPath, value: Any, load: Callable[[Path], T]) -> T:
    """``load`` the file whose name is the string ``value`` at ``path``, relative to ``doc``."""
    name = string(doc, path, value, "a file path")
    with referenced(doc, path):
        return load(doc.resolve(name, at=path))


def read_template(
    doc: Document, path: KeyPath, value: Any
) -> tuple[str, str, EmbeddedTemplate | None]:
    """The text, name and host of the template named at ``path``: a template file (no host),
    or a template in an IaC file (``host.yaml#KEY/PATH``, or a host file holding one template),
    relative to the case file.

    An embedded template is named by its selector (``host.yaml#Resources/.../$default``); its
    host lets the runner report render errors at host positions.
    """
    name = string(doc, path, value, "a file path")
    selector = _host_selector(doc, path, name)
    if selector is None:
        text = load_file(doc, path, name, lambda p: read_text_file(p, "template"))
        return text, str(doc.resolve(name, at=path)), None
    from vtlgw.iac.detect import read_host
    from vtlgw.iac.selector import Selector, pick

    host, rest = selector
    resolved = str(doc.resolve(host, at=path))
    with referenced(doc, path):
        template = pick(read_host(resolved), Selector(resolved, rest))
    return template.text, template.selector, template


def read_integration(doc: Document, path: KeyPath, value: Any) -> Integration:
    """The integration named at ``path``: a description file, or an IaC resource
    (``host.yaml#RESOURCE``, as ``vtlgw simulate --integration`` takes it), relative to the
    case file."""
    from vtlgw.simulate.integration import load_integration

    name = string(doc, path, value, "a file path")
    whole = Path(name) if Path(name).is_absolute() else doc.base_dir / name
    if "#" not in name or whole.is_file():
        return load_file(doc, path, name, load_integration)
    from vtlgw.iac.integration import integration_from_host

    host, _, rest = name.partition("#")
    if not host or not rest.strip("/"):
        missing = "no host file before '#'" if not host else "no resource after '#'"
        raise doc.error(path, f"expected an integration file or HOST#RESOURCE, found {missing}")
    resolved = str(doc.resolve(host, at=path))
    with referenced(doc, path):
        return integration_from_host(resolved, rest)


def _host_selector(doc: Document, path: KeyPath, name: str) -> tuple[str, str | None] | None:
    """``(host, key path or None)`` when ``name`` names an IaC host file, else ``None``."""
    from vtlgw.iac.detect import HOST_SUFFIXES
    from vtlgw.iac.selector import tokens

    whole = Path(name) if Path(name).is_absolute() else doc.base_dir / name
    if "#" in name and not whole.is_file():
        host, _, rest = name.partition("#")
        if not host or not tokens(rest):
            missing = "no host file before '#'" if not host else "no key path after '#'"
            raise doc.error(path, f"expected a template file or HOST#KEY/PATH, found {missing}")
        return host, rest
    if name.lower().endswith(HOST_SUFFIXES):
        return name, None
    return None


def json_value(doc: Document, path: KeyPath, value: Any) -> None:
    """Raise at the first part of ``value`` that JSON cannot hold (a date, a set, a 1: key...)."""
    stack: list[tuple[KeyPath, Any]] = [(path, value)]
    while stack:
        here, item = stack.pop()
        if item is None or isinstance(item, (bool, int, str)):
            continue
        if isinstance(item, float):
            if not math.isfinite(item):
                raise doc.error(here, f"expected a JSON number, found {item!r}")
            continue
        children: list[tuple[KeyPath, Any]] = []
        if isinstance(item, list):
            children = [((*here, index), child) for index, child in enumerate(item)]
        elif isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    found = describe(key)
                    hint = "" if "quote" in found else "; quote it"
                    message = f"expected a string key, found {found}{hint}"
                    raise doc.error((*here, str(key)), message, at_key=True)
                children.append(((*here, key), child))
        else:
            raise doc.error(here, f"expected a JSON value, found {describe(item)}")
        stack.extend(reversed(children))  # so the first mistake in the file is reported


def _event_problem(doc: Document, path: KeyPath, exc: InputError) -> InputError:
    """``check_event``'s ``a.b: message`` moved to the position of ``a.b`` under ``path``."""
    head, sep, rest = exc.message.partition(": ")
    keys = tuple(head.split(".")) if sep else ()
    if keys and (*path, *keys) in doc.marks:
        return doc.error((*path, *keys), rest)
    return doc.error(path, exc.message)


def _synthetic(doc: Document, path: KeyPath, spec: Mapping[str, Any]) -> dict[str, Any]:
    from vtlgw.events import synthesize
    from vtlgw.events.load import check_event
    from vtlgw.events.synth import SynthOptions

    route = spec["route"]
    if route not in ROUTES:
        raise doc.error((*path, "route"), f"expected one of {', '.join(ROUTES)}, found {route!r}")
    seed = spec.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise doc.error((*path, "seed"), f"expected an integer, found {describe(seed)}")
    options = {item.name: str(item.type) for item in fields(SynthOptions)}
    doc.check_keys(path, spec, ("route", "seed", *sorted(options)))
    overrides: dict[str, Any] = {}
    for key, value in spec.items():
        if key in ("route", "seed"):
            continue
        kind = options[key]
        at = (*path, key)
        if value is None and "None" not in kind:
            raise doc.error(at, f"expected a value for {key}, found null")
        if value is not None:
            if kind.startswith("str") and not isinstance(value, str):
                raise doc.error(at, f"expected a string, found {describe(value)}")
            if kind.startswith("int") and (isinstance(value, bool) or not isinstance(value, int)):
                raise doc.error(at, f"expected an integer, found {describe(value)}")
            if kind.startswith("dict"):
                mapping(doc, at, value)
        json_value(doc, at, value)
        overrides[key] = value
    try:
        event = synthesize(str(route), seed=seed, **overrides)
    except (TypeError, ValueError, OverflowError, OSError) as exc:
        raise doc.error(path, f"cannot synthesize the event: {exc}") from exc
    try:
        return check_event(event, name=doc.name)
    except InputError as exc:
        raise doc.error(path, f"the synthetic event is not a proxy event: {exc.message}") from exc


def load_case_event(doc: Document, path: KeyPath, raw: Any) -> dict[str, Any]:
    """The event of a case, from any of the forms in :data:`EVENT_FORMS`."""
    from vtlgw.events import load_event
    from vtlgw.events.load import check_event

    if isinstance(raw, str):
        return load_file(doc, path, raw, load_event)
    spec = mapping(doc, path, raw, EVENT_FORMS)
    if "file" in spec:
        doc.check_keys(path, spec, ("file",))
        return load_file(doc, (*path, "file"), spec["file"], load_event)
    if "inline" in spec:
        doc.check_keys(path, spec, ("inline",))
        at = (*path, "inline")
        inline = mapping(doc, at, spec["inline"], "the event as a mapping")
        json_value(doc, at, inline)
        try:
            return check_event(copy.deepcopy(dict(inline)), name=doc.name)
        except InputError as exc:
            raise _event_problem(doc, at, exc) from exc
    if "route" not in spec:
        raise doc.error(path, f"expected {EVENT_FORMS}")
    return _synthetic(doc, path, spec)
