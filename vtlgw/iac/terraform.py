"""Mapping templates in Terraform files: ``request_templates`` and ``response_templates``.

:func:`read_terraform` reads a ``.tf`` file (HCL native syntax, :mod:`vtlgw.iac.hclparse`) or
a ``.tf.json`` file (Terraform's JSON syntax, :mod:`vtlgw.iac.hcljson`) and returns one
:class:`~vtlgw.iac.model.EmbeddedTemplate` per entry of the template maps of

* ``aws_api_gateway_integration`` (``request_templates``; a REST API: the method and path,
  ``GET /items/{id}``, from ``http_method`` and ``resource_id`` when the file says them),
* ``aws_api_gateway_integration_response`` (``response_templates``),
* ``aws_apigatewayv2_integration`` (``request_templates``; a WebSocket API: the route from an
  ``aws_apigatewayv2_route`` whose ``target`` names the integration),
* ``aws_apigatewayv2_integration_response`` (``response_templates``).

The key path is ``("aws_apigatewayv2_integration.connect", "request_templates", "$default")``
and the template's ``resource`` the address ``aws_apigatewayv2_integration.connect``.
A value is a quoted string, a heredoc, ``file()`` / ``templatefile()`` (then the template's
``host`` is that file), ``jsonencode(...)``, or a ``local`` holding one of these; anything else
is known only at deploy time and becomes the placeholder ``{{var.x}}``. Terraform's own
substitution is applied as :mod:`vtlgw.iac.hcltemplate` describes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType

from vtlgw.document import MAX_DOCUMENT_CHARS
from vtlgw.errors import InputError
from vtlgw.iac.hclfiles import is_file_call, read_template_file
from vtlgw.iac.hcljson import json_body
from vtlgw.iac.hclnodes import (
    Attribute,
    Block,
    Body,
    Call,
    Expr,
    ObjectCons,
    Template,
    literal_text,
)
from vtlgw.iac.hclparse import parse_config
from vtlgw.iac.hclroutes import Context
from vtlgw.iac.hcltemplate import Piece, render
from vtlgw.iac.hclvalue import TerraformScope, passthrough, source_of, start_of
from vtlgw.iac.model import ApiKind, EmbeddedTemplate, TemplateKind
from vtlgw.location import OffsetMap


@dataclass(frozen=True)
class _Kind:
    attribute: str
    kind: TemplateKind
    api: ApiKind


#: resource type -> the attribute holding its templates, request or response, and the API kind
RESOURCES = MappingProxyType(
    {
        "aws_api_gateway_integration": _Kind("request_templates", "request", "rest"),
        "aws_api_gateway_integration_response": _Kind("response_templates", "response", "rest"),
        "aws_apigatewayv2_integration": _Kind("request_templates", "request", "websocket"),
        "aws_apigatewayv2_integration_response": _Kind(
            "response_templates", "response", "websocket"
        ),
    }
)


def read_terraform(path: str, text: str) -> list[EmbeddedTemplate]:
    """Every mapping template in the Terraform file ``path`` holding ``text``.

    Errors in the file itself (an unterminated heredoc, an unclosed block, a bad escape, a
    template file that cannot be read) are :class:`~vtlgw.errors.InputError` at their
    position in the file.
    """
    if path.lower().endswith(".tf.json"):
        body = json_body(text, name=path)
    elif len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(f"the file is longer than {MAX_DOCUMENT_CHARS:,} characters", name=path)
    else:
        body = parse_config(text, name=path)
    scope = TerraformScope(path, text, _locals(body, path, text))
    resources = _resources(body, scope)
    reader = _Reader(path, text, scope, Context(resources, scope))
    found: list[EmbeddedTemplate] = []
    for (type_, name), block in resources.items():
        kind = RESOURCES.get(type_)
        attribute = block.body.attribute(kind.attribute) if kind else None
        if kind is not None and attribute is not None:
            found.extend(reader.templates(f"{type_}.{name}", block, attribute, kind))
    return found


def _locals(body: Body, path: str, text: str) -> dict[str, Expr]:
    found: dict[str, Expr] = {}
    where: dict[str, int] = {}
    scope = TerraformScope(path, text, {})
    for block in body.blocks("locals"):
        for item in block.body.items:
            if isinstance(item, Attribute):
                if item.name in found:
                    first = scope.where(where[item.name])
                    scope.fail(f"local.{item.name} is defined twice (first at {first})", item.start)
                found[item.name] = item.value
                where[item.name] = item.start
    return found


def _resources(body: Body, scope: TerraformScope) -> dict[tuple[str, str], Block]:
    found: dict[tuple[str, str], Block] = {}
    for block in body.blocks("resource"):
        if len(block.labels) != 2:
            labels = len(block.labels)
            scope.fail(
                f"a resource block takes two labels, a type and a name; found {labels}", block.start
            )
        address = (block.labels[0], block.labels[1])
        if address in found:
            first = scope.where(found[address].start)
            scope.fail(
                f"resource {'.'.join(address)} is defined twice (first at {first})", block.start
            )
        found[address] = block
    return found


class _Reader:
    def __init__(self, path: str, text: str, scope: TerraformScope, context: Context) -> None:
        self.path = path
        self.text = text
        self.scope = scope
        self.context = context
        self.module_dir = os.path.dirname(path) or "."

    def templates(
        self, address: str, block: Block, attribute: Attribute, kind: _Kind
    ) -> Iterator[EmbeddedTemplate]:
        scope = self.scope
        facts = {**self.context.facts(block), "resource": address}
        value = scope.deref(attribute.value)
        prefix = (address, kind.attribute)
        if not isinstance(value, ObjectCons):
            yield self._embedded(self._unknown(value), value.end, prefix, kind, None, facts)
            return
        seen: dict[str, int] = {}
        for item in value.items:
            key = scope.key(item.name, item.key, {})
            known = key is not None and key.known
            written = key.text if key is not None else "{{" + source_of(item.key) + "}}"
            if written in seen:
                first = scope.where(seen[written])
                scope.fail(
                    f"{kind.attribute} sets {written!r} twice (first at {first}); Terraform "
                    "keeps only the last",
                    start_of(item.key),
                )
            seen[written] = start_of(item.key)
            content_type = written if known else None
            yield self._template(item.value, (*prefix, written), kind, content_type, facts)

    def _template(
        self,
        expr: Expr,
        key_path: tuple[str, ...],
        kind: _Kind,
        content_type: str | None,
        facts: dict[str, str | None],
    ) -> EmbeddedTemplate:
        scope = self.scope
        expr = scope.deref(expr)
        inner = passthrough(expr)
        expr = scope.deref(inner) if inner is not None else expr
        if is_file_call(expr):
            assert isinstance(expr, Call)
            read = read_template_file(expr, scope, self.module_dir)
            if read is not None:
                piece, end = read.rendered, len(read.text)
                return self._embedded(piece, end, key_path, kind, content_type, facts, read.text)
        if isinstance(expr, Template):
            return self._embedded(
                render(expr, scope), expr.end, key_path, kind, content_type, facts
            )
        if isinstance(expr, Call) and expr.name == "jsonencode" and len(expr.args) == 1:
            piece = scope.json(expr.args[0], {})
        else:
            piece = scope.string(expr, {}) or self._unknown(expr)
        end = piece.positions[-1] + 1 if piece.positions else expr.end
        return self._embedded(piece, end, key_path, kind, content_type, facts)

    def _unknown(self, expr: Expr) -> Piece:
        piece = Piece(self.path)
        literal = literal_text(expr)
        if literal is not None:
            piece.add(literal, range(expr.start, expr.start + len(literal)))
        else:
            piece.placeholder(source_of(expr), source_of(expr), expr.start, expr.end)
        return piece

    def _embedded(
        self,
        piece: Piece,
        end: int,
        key_path: tuple[str, ...],
        kind: _Kind,
        content_type: str | None,
        facts: dict[str, str | None],
        host_text: str | None = None,
    ) -> EmbeddedTemplate:
        return EmbeddedTemplate(
            host=piece.host,
            host_text=self.text if host_text is None else host_text,
            key_path=key_path,
            text=piece.text,
            offsets=OffsetMap.from_positions(piece.positions, end),
            kind=kind.kind,
            content_type=content_type,
            api=kind.api,
            route=facts.get("route"),
            method=facts.get("method"),
            resource=facts.get("resource"),
            substitutions=tuple(piece.subs),
        )
