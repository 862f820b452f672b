"""Where a Terraform integration is used: its WebSocket route, or its REST method and resource.

The file's own resources say it, when they are written out:

* a WebSocket integration's route is the ``route_key`` of the ``aws_apigatewayv2_route`` whose
  ``target`` references it (``"integrations/${aws_apigatewayv2_integration.connect.id}"``);
  when several routes with different keys do, the route is left unknown. An
  ``aws_apigatewayv2_integration_response`` takes the route of its ``integration_id``.
* a REST integration's method is its ``http_method`` (a literal, or the ``http_method`` of the
  ``aws_api_gateway_method`` it references) and the path of its ``resource_id``, built from
  ``aws_api_gateway_resource`` ``path_part`` and ``parent_id`` up to an API's
  ``root_resource_id``: ``GET /items/{id}``, as the other readers label operations.
"""

from __future__ import annotations

from collections.abc import Iterator

from vtlgw.iac.hclnodes import Block, Expr, Sequence, Template, Traversal, literal_text
from vtlgw.iac.hclvalue import TerraformScope

#: how many resources a method or resource path is followed through
MAX_HOPS = 32


class Context:
    """What the other resources of a file say about an integration."""

    def __init__(self, resources: dict[tuple[str, str], Block], scope: TerraformScope) -> None:
        self._resources = resources
        self._scope = scope
        #: integration name -> the route keys that target it (built on first use)
        self._routes: dict[str, set[str | None]] | None = None

    def facts(self, block: Block) -> dict[str, str | None]:
        """``route`` (WebSocket) or ``method`` (REST: ``GET /items/{id}``, or ``GET`` when the
        path is not known) of the integration ``block``, where known."""
        type_ = block.labels[0]
        if type_ == "aws_apigatewayv2_integration":
            return {"route": self._route(block.labels[1])}
        if type_ == "aws_apigatewayv2_integration_response":
            named = self._named(block, "integration_id", "aws_apigatewayv2_integration", "id")
            return {"route": None if named is None else self._route(named)}
        method, path = self._method(block, 0), self._resource(block, 0)
        label = f"{method} {path}" if method and path and path.startswith("/") else method
        return {"method": label}

    def _attr(self, block: Block, name: str) -> Expr | None:
        attribute = block.body.attribute(name)
        return None if attribute is None else self._scope.deref(attribute.value)

    def _literal(self, block: Block, name: str) -> str | None:
        return literal_text(self._attr(block, name))

    def _named(self, block: Block, name: str, type_: str, attribute: str) -> str | None:
        """The name of the ``type_`` resource whose ``attribute`` ``block``'s ``name`` is."""
        expr = self._attr(block, name)
        return (
            expr.steps[0] if isinstance(expr, Traversal) and _is(expr, type_, attribute) else None
        )

    def _route(self, integration: str) -> str | None:
        if self._routes is None:
            self._routes = {}
            for (type_, _), block in self._resources.items():
                if type_ == "aws_apigatewayv2_route":
                    key = self._literal(block, "route_key")
                    for name in _integrations(self._attr(block, "target")):
                        self._routes.setdefault(name, set()).add(key)
        keys = self._routes.get(integration, set())
        return next(iter(keys)) if len(keys) == 1 else None

    def _method(self, block: Block, hops: int) -> str | None:
        literal = self._literal(block, "http_method")
        if literal is not None or hops >= MAX_HOPS:
            return literal
        named = self._named(block, "http_method", "aws_api_gateway_method", "http_method")
        method = self._resources.get(("aws_api_gateway_method", named or ""))
        return None if method is None else self._method(method, hops + 1)

    def _resource(self, block: Block, hops: int) -> str | None:
        literal = self._literal(block, "resource_id")
        if literal is not None or hops >= MAX_HOPS:
            return literal
        expr = self._attr(block, "resource_id")
        if _is(expr, "aws_api_gateway_rest_api", "root_resource_id"):
            return "/"
        named = self._named(block, "resource_id", "aws_api_gateway_resource", "id")
        if named is not None:
            return self._path(named, hops + 1)
        named = self._named(block, "resource_id", "aws_api_gateway_method", "resource_id")
        method = self._resources.get(("aws_api_gateway_method", named or ""))
        return None if method is None else self._resource(method, hops + 1)

    def _path(self, name: str, hops: int) -> str | None:
        block = self._resources.get(("aws_api_gateway_resource", name))
        part = None if block is None else self._literal(block, "path_part")
        if block is None or part is None or hops >= MAX_HOPS:
            return None
        if _is(self._attr(block, "parent_id"), "aws_api_gateway_rest_api", "root_resource_id"):
            return "/" + part
        parent = self._named(block, "parent_id", "aws_api_gateway_resource", "id")
        above = None if parent is None else self._path(parent, hops + 1)
        return None if above is None else f"{above.rstrip('/')}/{part}"


def _is(expr: Expr | None, type_: str, attribute: str) -> bool:
    return (
        isinstance(expr, Traversal)
        and expr.root == type_
        and len(expr.steps) == 2
        and expr.steps[1] == attribute
    )


def _integrations(expr: Expr | None) -> Iterator[str]:
    """The WebSocket integrations a route ``target`` references (``aws_apigatewayv2_integration
    .NAME`` itself, or interpolated in a template)."""
    if isinstance(expr, Traversal) and expr.root == "aws_apigatewayv2_integration" and expr.steps:
        yield expr.steps[0]
    elif isinstance(expr, Template):
        for part in expr.parts:
            if isinstance(part, Sequence) and part.expr is not None:
                yield from _integrations(part.expr)
