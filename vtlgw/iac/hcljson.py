"""Terraform's JSON syntax (``.tf.json``) read into the same nodes as a ``.tf`` file.

A ``.tf.json`` file is one JSON object whose ``resource`` property holds
``{"TYPE": {"NAME": {attributes}}}`` and whose ``locals`` property holds ``{"NAME": value}``
(Terraform's "JSON Configuration Syntax"; other properties, and ``"//"`` comments in a body,
are not needed here). Every JSON string is a Terraform template, as in that syntax: it is read
by :func:`~vtlgw.iac.hclparse.parse_template` with an origin map through the JSON escapes
(:func:`~vtlgw.iac.jsonhost.load_json_host`), so ``"${file(\\"x.vtl\\")}"`` is a ``file()``
call and a template's characters map to their host offsets, escapes included. Objects and
arrays become object and tuple constructors; JSON numbers, booleans and ``null`` literals.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from vtlgw.iac.hclnodes import (
    Attribute,
    Block,
    Body,
    Expr,
    Item,
    Literal,
    ObjectCons,
    Template,
    Text,
    TupleCons,
)
from vtlgw.iac.hclparse import parse_template
from vtlgw.iac.hclscan import host_error
from vtlgw.iac.jsonhost import load_json_host
from vtlgw.iac.tree import HostList, HostMapping, HostString
from vtlgw.location import LineIndex


def json_body(text: str, *, name: str) -> Body:
    """The ``resource`` and ``locals`` blocks of the ``.tf.json`` file ``name``."""
    return _Converter(text, name).body(load_json_host(text, name=name))


class _Converter:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.lines = LineIndex(text)

    def _mapping(self, value: Any, what: str, at: int) -> HostMapping:
        if not isinstance(value, HostMapping):
            found = "a list" if isinstance(value, HostList) else "a value"
            found = "a string" if isinstance(value, str) else found
            message = f"expected {what} as a JSON object, found {found}"
            raise host_error(message, self.name, self.lines, at)
        return value

    def body(self, root: Any) -> Body:
        root = self._mapping(root, "the file", getattr(root, "start", 0))
        items: list[Attribute | Block] = []
        for key, value in root.items():
            if key == "resource":
                for type_, named in self._mapping(value, "resource", key.start).items():
                    for name, body in self._mapping(
                        named, f"resource {type_}", type_.start
                    ).items():
                        block = self._mapping(body, f"resource {type_}.{name}", name.start)
                        attributes = self._attributes(block)
                        start = type_.start - 1
                        items.append(
                            Block("resource", (type_, name), attributes, start, block.start)
                        )
            elif key == "locals":
                locals_ = self._mapping(value, "locals", key.start)
                items.append(
                    Block("locals", (), self._attributes(locals_), key.start - 1, locals_.start)
                )
        return Body(tuple(items))

    def _attributes(self, block: HostMapping) -> Body:
        return Body(
            tuple(
                Attribute(str(key), self.expr(value, key), key.start - 1)
                for key, value in block.items()
                if key != "//"
            )
        )

    def expr(self, value: Any, key: HostString) -> Expr:
        """The expression a JSON value stands for (``key`` places values without a position)."""
        if isinstance(value, HostString):
            template = parse_template(
                str(value), name=self.name, host_text=self.text, origin=value.offsets
            )
            return replace(template, opened=value.start - 1)
        if isinstance(value, HostMapping):
            items = tuple(
                Item(self._key(name), None, self.expr(inner, name)) for name, inner in value.items()
            )
            return ObjectCons(items, value.start, value.start + 1)
        if isinstance(value, HostList):
            elements = tuple(self.expr(inner, key) for inner in value)
            return TupleCons(elements, value.start, value.start + 1)
        at = key.start
        if value is None:
            return Literal("null", "null", at, at + 1)
        if isinstance(value, bool):
            return Literal("bool", "true" if value else "false", at, at + 1)
        return Literal("number", repr(value), at, at + 1)

    def _key(self, key: HostString) -> Template:
        positions = tuple(key.offsets(index) for index in range(len(key)))
        end = key.offsets(len(key))
        return Template((Text(str(key), positions),), key.start, end, key.start - 1)
