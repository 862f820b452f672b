"""Render the templates of one simulated request, sharing ``$context`` between them.

A request template and the response template of the same request see one ``$context``: what the
request template writes to ``$context.requestOverride``/``responseOverride`` is still there for
the response template and for the gateway afterwards (ref §8.5 (D), §11.13 (V)). A response
template sees the backend's response body as ``$input.body`` and the method request's parameters
as ``$input.params()``. Rendering goes through :class:`vtlgw.Engine` and
:func:`vtlgw.apigw.variables.build_variables`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Protocol

from vtlgw.apigw.context import ContextGroup
from vtlgw.apigw.options import DEFAULT_RENDER_OPTIONS, ApiKind, RenderOptions
from vtlgw.apigw.shared import SharedGroup
from vtlgw.apigw.variables import build_variables
from vtlgw.errors import VtlgwError
from vtlgw.simulate.integration import TemplateSource

OVERRIDE_GROUPS = ("requestOverride", "responseOverride")


class CompiledTemplate(Protocol):
    """What :meth:`vtlgw.Engine.compile` returns."""

    def render(self, variables: Mapping[str, object]) -> str:
        """Render with ``variables``."""
        ...


class EngineLike(Protocol):
    """The part of :class:`vtlgw.Engine` a simulation uses."""

    def compile(self, template_text: str, name: str = ...) -> CompiledTemplate:
        """Compile a template (cached per engine)."""
        ...


def default_engine(flavor: str = "apigateway") -> EngineLike:
    """A new :class:`vtlgw.Engine` in the API Gateway flavour."""
    engine: EngineLike = importlib.import_module("vtlgw").Engine(flavor=flavor)
    return engine


class GatewayRenderer:
    """Renders request and response templates for one event with a shared ``$context``."""

    def __init__(
        self,
        event: Mapping[str, Any],
        *,
        api: ApiKind,
        engine: EngineLike | None = None,
        options: RenderOptions = DEFAULT_RENDER_OPTIONS,
    ) -> None:
        self._event = event
        self._api = api
        self._engine = engine
        self._options = options.replace(api=api)
        self.context: dict[str, Any] = self._variables(None)["context"]  # type: ignore[assignment]
        for name in OVERRIDE_GROUPS:
            group = self.context.get(name)
            if isinstance(group, ContextGroup):
                self.context[name] = SharedGroup(group)

    def _variables(self, body: str | None) -> dict[str, object]:
        options = self._options if body is None else self._options.replace(body=body)
        return build_variables(self._event, options)

    def _render(self, template: TemplateSource, body: str | None) -> str:
        variables = self._variables(body)
        variables["context"] = self.context
        if self._engine is None:
            self._engine = default_engine()
        try:
            return self._engine.compile(template.text, name=template.name).render(variables)
        except VtlgwError as exc:
            if template.host is None:
                raise
            from vtlgw.iac.hosted import host_error

            raise host_error(exc, template.host) from exc

    def request(self, template: TemplateSource) -> str:
        """Render a request template against the event."""
        return self._render(template, None)

    def response(self, template: TemplateSource, body: str) -> str:
        """Render a response template with ``$input`` bound to the backend ``body``."""
        return self._render(template, body)

    def override_group(self, group: str) -> dict[str, Any]:
        """``$context.requestOverride`` or ``responseOverride`` as a plain dict."""
        found = self.context.get(group)
        if isinstance(found, SharedGroup):
            return found.plain()
        return dict(found) if isinstance(found, Mapping) else {}

    def repeated_overrides(self) -> list[str]:
        """Override parameters written more than once so far (ref §8.5 (D): a 5XX)."""
        names: list[str] = []
        for group in OVERRIDE_GROUPS:
            found = self.context.get(group)
            if isinstance(found, SharedGroup):
                names.extend(found.all_repeated(group))
        return names
