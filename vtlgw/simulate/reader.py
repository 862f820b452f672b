"""Reading the fields of an integration description, strictly and with positioned errors.

:class:`FieldReader` wraps a :class:`~vtlgw.document.Document` and reads one kind of value at a
key path: a mapping, a string, a status code, a selection pattern, a mapping template (inline
text or ``{file: path}``), response parameters. Every mistake is an
:class:`~vtlgw.errors.InputError` at the value's (or the key's) line and column. Unknown keys
are refused with a "did you mean" hint; a key that belongs to the other API kind (a REST
``requestTemplates`` in a WebSocket description) or an API Gateway field vtlgw does not simulate
says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from vtlgw.document import Document, KeyPath, did_you_mean, format_path, read_text_file
from vtlgw.errors import InputError
from vtlgw.simulate.backend import is_parameter_source
from vtlgw.simulate.javaregex import compile_java
from vtlgw.simulate.quoting import key_text, kind, quote

#: Template files larger than this are refused before they are read (the engine's own limit on
#: template size is far lower; this only keeps a hostile path from exhausting memory).
MAX_TEMPLATE_FILE_BYTES = 16 * 1024 * 1024
_STATUS = re.compile(r"[1-5]\d\d")
_HEADER_TARGET = "method.response.header."


class FieldReader:
    """Reads typed values out of one parsed description, raising positioned InputErrors."""

    def __init__(self, document: Document, api_label: str) -> None:
        self.doc = document
        self.api_label = api_label  # "WebSocket" or "REST", for messages

    def at(self, path: KeyPath) -> Any:
        """The raw value at ``path`` (which must exist)."""
        value = self.doc.data
        for part in path:
            value = value[_key(value, part)]
        return value

    def has(self, path: KeyPath) -> bool:
        """Whether ``path`` holds a value other than null."""
        parent = self.at(path[:-1])
        key = path[-1]
        if isinstance(parent, Mapping):
            found = _key(parent, key)
            return found in parent and parent[found] is not None
        return isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent)

    def keys(
        self,
        path: KeyPath,
        allowed: tuple[str, ...],
        *,
        other_api: Iterable[str] = (),
        not_simulated: Iterable[str] = (),
    ) -> None:
        """Refuse the first key of the mapping at ``path`` that is not in ``allowed``.

        ``other_api`` are keys of the other API kind's descriptions, ``not_simulated`` real API
        Gateway fields that vtlgw does not simulate: both get a message that says so.
        """
        data = self.at(path)
        other, inert = frozenset(other_api), frozenset(not_simulated)
        for key in data:
            name = key_text(key)
            if name in allowed:
                continue
            where = (*path, name)
            expected = f"expected one of {', '.join(allowed)}"
            hint = did_you_mean(name, allowed)
            if name in other:
                other_label = "REST" if self.api_label == "WebSocket" else "WebSocket"
                message = f"a {other_label} key in a {self.api_label} integration{hint}; {expected}"
                raise self.doc.error(where, message, at_key=True)
            if name in inert:
                message = (
                    f"an API Gateway field that vtlgw does not simulate; remove it ({expected})"
                )
                raise self.doc.error(where, message, at_key=True)
            self.doc.check_keys(path, {name: None}, allowed)

    def mapping(self, path: KeyPath, *, required: bool = False) -> Mapping[str, Any]:
        """The mapping at ``path`` (``{}`` when absent unless ``required``)."""
        if path and not self.has(path):
            if required:
                raise self.doc.error(path, "is required")
            return {}
        value = self.at(path)
        if value is None:
            if required:  # a list item written as `- ` or `- null`
                raise self.doc.error(path, "expected a mapping, found null")
            return {}
        if not isinstance(value, Mapping):
            raise self.doc.error(path, f"expected a mapping, found {kind(value)}")
        return value

    def text_key(self, path: KeyPath, key: Any) -> str:
        """A mapping key that names something (a media type, a pattern): not null or a boolean."""
        text = key_text(key)
        if key is None or isinstance(key, bool):
            raise self.doc.error((*path, text), f"expected a text key, found {text}", at_key=True)
        return text

    def string(self, path: KeyPath, *, choices: tuple[str, ...] = ()) -> str | None:
        """The text at ``path`` (numbers are read as their text), or ``None`` when absent."""
        if not self.has(path):
            return None
        value = self.at(path)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.doc.error(path, f"expected a string, found {kind(value)}")
        text = str(value)
        if choices and text not in choices:
            raise self.doc.error(path, f"expected one of {', '.join(choices)}, found {quote(text)}")
        return text

    def status(self, path: KeyPath, value: Any, *, at_key: bool = False) -> str:
        """A method response status code (``100``-``599``) given at ``path``."""
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not _STATUS.fullmatch(text):
            scalar = isinstance(value, (str, int)) or (at_key and value is None)
            found = quote(key_text(value)) if scalar else kind(value)
            hint = "; OpenAPI's 'default' belongs under responses" if value == "default" else ""
            message = f"expected an HTTP status code 100-599 such as '200', found {found}{hint}"
            raise self.doc.error(path, message, at_key=at_key)
        return text

    def pattern(self, path: KeyPath, pattern: str | None) -> str | None:
        """A selection pattern that compiles as a Java regex (``None``/empty: the default)."""
        if pattern:
            try:
                compile_java(pattern)
            except InputError as exc:
                raise self.doc.error(path, exc.message) from exc
        return pattern or None

    def template(self, path: KeyPath) -> tuple[str, str]:
        """A mapping template's text and the name its errors are reported under."""
        value = self.at(path)
        if isinstance(value, str):
            return value, f"{self.doc.name}#{format_path((*self.doc.prefix, *path))}"
        if not isinstance(value, Mapping) or "file" not in value:
            raise self.doc.error(path, "expected template text or {file: path}")
        self.doc.check_keys(path, {key_text(k): None for k in value}, ("file",))
        where = (*path, "file")
        relative = value["file"]
        if not isinstance(relative, str) or not relative:
            raise self.doc.error(where, f"expected a file path, found {kind(relative)}")
        target = self.doc.resolve(relative, at=where)
        what = f"template file {quote(str(target))}"
        if target.exists() and not target.is_file():
            raise self.doc.error(where, f"{what} is not a regular file")
        try:
            if target.exists() and target.stat().st_size > MAX_TEMPLATE_FILE_BYTES:
                limit = MAX_TEMPLATE_FILE_BYTES // (1024 * 1024)
                raise self.doc.error(where, f"{what} is larger than {limit} MiB")
            return read_text_file(target, what), str(target)
        except InputError as exc:
            if exc.line:  # already positioned (the size check above)
                raise
            raise self.doc.error(where, exc.message) from None
        except OSError as exc:
            raise self.doc.error(where, f"cannot read {what}: {exc.strerror or exc}") from None

    def parameters(self, path: KeyPath, *, rest: bool) -> dict[str, str]:
        """Response parameters; REST targets and sources are checked (ref §8.1 (D))."""
        result = {}
        for key in self.mapping(path):
            name = self.text_key(path, key)
            value = self.string((*path, name))
            source = "" if value is None else value
            if rest and not name.startswith(_HEADER_TARGET):
                raise self.doc.error(
                    (*path, name),
                    f"expected a {_HEADER_TARGET}NAME target (only headers can be mapped, "
                    "ref §8.1 (D))",
                    at_key=True,
                )
            if rest and not is_parameter_source(source):
                raise self.doc.error(
                    (*path, name),
                    f"unknown source {quote(source)}; expected 'static text' (single-quoted), "
                    "integration.response.header.NAME, integration.response.multivalueheader."
                    "NAME, integration.response.body, integration.response.body.PATH, "
                    "stageVariables.NAME or context.NAME",
                )
            result[name] = source
        return result


def _key(container: Any, part: str | int) -> Any:
    """``part`` as the container's own key: YAML may key a mapping by ``200``, paths say "200"."""
    if isinstance(container, Mapping) and part not in container:
        return next((key for key in container if key_text(key) == part), part)
    return part
