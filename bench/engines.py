"""Uniform handles on the engines under test: vtlgw's own engine and stock airspeed 0.7.1.

An adapter compiles a template once and returns its render function, and times one cold
compile. vtlgw is used through its public API only (``vtlgw.Engine(...).compile(text)`` then
``.render(variables)``); airspeed through ``airspeed.Template(text)`` then ``.merge(namespace)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

RenderFn = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class EngineAdapter:
    """How the benchmark drives one engine."""

    name: str
    compile: Callable[[str, str], RenderFn]  # (text, name) -> render(variables)
    compile_seconds: Callable[[str], float]  # one cold compile, construction excluded
    vars_kind: str  # "vtlgw" or "airspeed": which variable set the engine takes


def airspeed_adapter() -> EngineAdapter | None:
    """The airspeed adapter, or None when airspeed is not installed."""
    try:
        import airspeed  # type: ignore[import-untyped]
    except ImportError:
        return None

    def compile_(text: str, name: str) -> RenderFn:
        template = airspeed.Template(text, filename=name)
        template.ensure_compiled()
        return template.merge  # type: ignore[no-any-return]

    def compile_seconds(text: str) -> float:
        start = time.perf_counter()
        airspeed.Template(text).ensure_compiled()
        return time.perf_counter() - start

    return EngineAdapter("airspeed", compile_, compile_seconds, "airspeed")


def vtlgw_available() -> bool:
    """True once the vtlgw engine exposes ``vtlgw.Engine``."""
    try:
        import vtlgw
    except ImportError:
        return False
    return hasattr(vtlgw, "Engine")


def vtlgw_adapter(flavor: Literal["apigateway", "velocity"] = "apigateway") -> EngineAdapter | None:
    """The vtlgw adapter, or None while ``vtlgw.Engine`` does not exist yet."""
    if not vtlgw_available():
        return None
    import vtlgw

    def compile_(text: str, name: str) -> RenderFn:
        template = vtlgw.Engine(flavor=flavor).compile(text, name=name)
        return template.render

    def compile_seconds(text: str) -> float:
        engine = vtlgw.Engine(flavor=flavor)  # fresh engine: no compiled-template cache hit
        start = time.perf_counter()
        engine.compile(text, name="bench")
        return time.perf_counter() - start

    return EngineAdapter("vtlgw", compile_, compile_seconds, "vtlgw")
