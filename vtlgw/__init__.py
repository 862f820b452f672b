"""vtlgw: render, validate and lint AWS API Gateway VTL mapping templates offline.

The public API is re-exported here and imported lazily on first use, so ``vtlgw --help`` and
the error classes load without the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vtlgw.errors import InputError as InputError
from vtlgw.errors import LimitExceeded as LimitExceeded
from vtlgw.errors import SecurityError as SecurityError
from vtlgw.errors import TemplateRuntimeError as TemplateRuntimeError
from vtlgw.errors import TemplateSyntaxError as TemplateSyntaxError
from vtlgw.errors import VtlgwError as VtlgwError

if TYPE_CHECKING:
    from vtlgw.apigw.render import render as render
    from vtlgw.engine.environment import Engine as Engine
    from vtlgw.engine.environment import Template as Template
    from vtlgw.engine.runtime import Options as Options

__all__ = [
    "Engine",
    "InputError",
    "LimitExceeded",
    "Options",
    "SecurityError",
    "Template",
    "TemplateRuntimeError",
    "TemplateSyntaxError",
    "VtlgwError",
    "render",
]
__version__ = "0.1.0"

_LAZY = {
    "Engine": "vtlgw.engine.environment",
    "Template": "vtlgw.engine.environment",
    "Options": "vtlgw.engine.runtime",
    "render": "vtlgw.apigw.render",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'vtlgw' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
