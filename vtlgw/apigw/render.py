"""Render a mapping template for an event the way API Gateway does.

:func:`render_event` is the one way to render a compiled template for an event: it checks the
event's shape (the same checks as for an event file), builds the template variables
(:func:`~vtlgw.apigw.variables.build_variables`) from a :class:`RenderOptions` and renders.
:func:`render` is the public shortcut from template text: it compiles with an
:class:`vtlgw.Engine` (pass ``engine=`` to reuse one and its compiled-template cache).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from vtlgw.apigw.options import DEFAULT_RENDER_OPTIONS, RenderOptions
from vtlgw.apigw.variables import build_variables

if TYPE_CHECKING:
    from vtlgw import Engine, Template

EventSource = Mapping[str, Any] | str | os.PathLike[str]


def load_event_source(event: EventSource) -> dict[str, Any]:
    """An event given as a dict, a path to a JSON file, or JSON text, shape-checked."""
    from vtlgw.events.load import check_event, load_event

    if isinstance(event, Mapping):
        return check_event(event)
    return load_event(event)


def render_event(
    template: Template, event: EventSource, options: RenderOptions = DEFAULT_RENDER_OPTIONS
) -> str:
    """Render a compiled ``template`` for ``event`` with ``options``.

    Raises :class:`~vtlgw.errors.InputError` when the event does not have the proxy event
    shape, and the other :class:`~vtlgw.errors.VtlgwError` subclasses for render problems.
    """
    return template.render(build_variables(load_event_source(event), options))


def render(
    template_text: str,
    event: EventSource,
    *,
    flavor: Literal["apigateway", "velocity"] = "apigateway",
    engine: Engine | None = None,
    name: str = "<template>",
    options: RenderOptions | None = None,
    **keywords: Any,
) -> str:
    """Render ``template_text`` for ``event`` and return the output text.

    ``event`` is a Lambda-proxy-shaped dict, a path to a JSON file, or JSON text. Give the
    render options as ``options=RenderOptions(...)`` or as keywords (``stage_variables``,
    ``context``, ``api``, ``body`` and the :class:`~vtlgw.apigw.options.GatewayOptions`
    fields); an unknown keyword raises :class:`TypeError` naming it. ``flavor`` is for a new
    engine, ``engine`` an existing :class:`vtlgw.Engine` to reuse, ``name`` the template name
    in error messages. Raises :class:`vtlgw.errors.VtlgwError` subclasses for template, render
    and input problems.
    """
    if options is None:
        options = RenderOptions.of(**keywords)
    elif keywords:
        raise TypeError("give render options as options= or as keywords, not both")
    if engine is None:
        from vtlgw import Engine as EngineClass

        engine = EngineClass(flavor=flavor)
    return render_event(engine.compile(template_text, name=name), event, options)
