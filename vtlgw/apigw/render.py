"""Render a mapping template for an event the way API Gateway does: the public ``render()``.

``render(template_text, event, **options)`` loads the event when given a path or JSON text,
builds the template variables (:func:`~vtlgw.apigw.variables.build_variables`) and renders with
an :class:`vtlgw.Engine`. Pass ``engine=`` to reuse one engine and its compiled-template cache
across many renders; :func:`render_compiled` renders an already compiled template.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from vtlgw.apigw.variables import build_variables

if TYPE_CHECKING:
    from vtlgw import Engine, Template

EventSource = Mapping[str, Any] | str | os.PathLike[str]


def _event_dict(event: EventSource) -> Mapping[str, Any]:
    if isinstance(event, Mapping):
        return event
    from vtlgw.events.load import load_event

    return load_event(event)


def render(
    template_text: str,
    event: EventSource,
    *,
    flavor: Literal["apigateway", "velocity"] = "apigateway",
    engine: Engine | None = None,
    name: str = "<template>",
    **options: Any,
) -> str:
    """Render ``template_text`` for ``event`` and return the output text.

    ``event`` is a Lambda-proxy-shaped dict, a path to a JSON file, or JSON text. Options:
    ``stage_variables`` (laid over the event's), ``context`` (deep-merged into ``$context``),
    ``api`` (``"websocket"``/``"rest"``, else detected), ``body`` (replaces the event body),
    ``flavor`` (for a new engine), ``engine`` (an existing :class:`vtlgw.Engine` to reuse),
    ``name`` (template name in error messages), and the
    :class:`~vtlgw.apigw.options.GatewayOptions` fields. Raises :class:`vtlgw.errors.VtlgwError`
    subclasses for template, render and input problems.
    """
    if engine is None:
        from vtlgw import Engine as EngineClass

        engine = EngineClass(flavor=flavor)
    template = engine.compile(template_text, name=name)
    return render_compiled(template, event, **options)


def render_compiled(template: Template, event: EventSource, **options: Any) -> str:
    """Render an already compiled template for ``event`` (same options as :func:`render`)."""
    variables = build_variables(_event_dict(event), **options)
    return template.render(variables)
