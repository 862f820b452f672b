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
from vtlgw.apigw.variables import build_variables
from vtlgw.engine.values import VtlObject
from vtlgw.validate.integration import TemplateSource

OVERRIDE_GROUPS = ("requestOverride", "responseOverride")


class SharedGroup(VtlObject):
    """A ``$context`` group that outlives one render.

    The engine copies plain maps it is given, so what a template ``#set``s into
    ``$context.responseOverride`` would be lost when the render ends. A host object is passed
    by reference: this one forwards every read, ``Map`` method and setter to the
    :class:`~vtlgw.apigw.context.ContextGroup` it wraps, so the simulation (and the response
    template) see the overrides (ref §8.5 (D), §11.13 (V)). Nested groups are wrapped too, and
    every key written is remembered: a parameter may be overridden only once (ref §8.5 (D)).
    """

    java_class_name = ContextGroup.java_class_name

    def __init__(self, group: ContextGroup) -> None:
        self.group = group
        self.written: set[str] = set()
        self.repeated: list[str] = []
        for key, value in list(group.items()):
            if isinstance(value, ContextGroup):
                group[key] = SharedGroup(value)

    def vtl_get(self, name: str) -> Any:
        """``$group.name``."""
        return self.group.vtl_get(name)

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """``Map`` methods and ``setName(value)``; writes are recorded."""
        writes = name == "put" and len(args) == 2
        setter = name.startswith("set") and len(name) > 3 and len(args) == 1
        before = dict(self.group) if writes or setter else None
        result = self.group.vtl_call(name, args)
        if before is not None:
            changed = [k for k, v in self.group.items() if k not in before or before[k] is not v]
            if not changed:  # the same value again: find the key that was written
                candidates = (args[0],) if writes else (name[3:], name[3:4].lower() + name[4:])
                changed = [k for k in candidates if k in self.group][:1]
            for key in changed:
                if key in self.written:
                    self.repeated.append(str(key))
                self.written.add(str(key))
        return result

    def plain(self) -> dict[str, Any]:
        """The group's content as plain dicts."""
        return {k: v.plain() if isinstance(v, SharedGroup) else v for k, v in self.group.items()}

    def all_repeated(self, prefix: str) -> list[str]:
        """Dotted names of every key written more than once, here and in nested groups."""
        names = [f"{prefix}.{key}" for key in self.repeated]
        for key, value in self.group.items():
            if isinstance(value, SharedGroup):
                names.extend(value.all_repeated(f"{prefix}.{key}"))
        return names

    def vtl_str(self) -> str:
        """Prints empty, like every nested ``$context`` group (ref §11.12 (V))."""
        return ""


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
        api: str,
        engine: EngineLike | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self._event = event
        self._api = api
        self._engine = engine
        self._options = dict(options or {})
        self.context: dict[str, Any] = self._variables(None)["context"]  # type: ignore[assignment]
        for name in OVERRIDE_GROUPS:
            group = self.context.get(name)
            if isinstance(group, ContextGroup):
                self.context[name] = SharedGroup(group)

    def _variables(self, body: str | None) -> dict[str, object]:
        return build_variables(self._event, api=self._api, body=body, **self._options)  # type: ignore[arg-type]

    def _render(self, template: TemplateSource, body: str | None) -> str:
        variables = self._variables(body)
        variables["context"] = self.context
        if self._engine is None:
            self._engine = default_engine()
        return self._engine.compile(template.text, name=template.name).render(variables)

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
