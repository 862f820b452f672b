"""vtlgw: render, validate and lint AWS API Gateway VTL mapping templates offline.

The public API is re-exported here; see each object's documentation.
"""

from __future__ import annotations

from vtlgw.engine.environment import Engine as Engine
from vtlgw.engine.environment import Template as Template
from vtlgw.engine.runtime import Options as Options
from vtlgw.errors import InputError as InputError
from vtlgw.errors import LimitExceeded as LimitExceeded
from vtlgw.errors import SecurityError as SecurityError
from vtlgw.errors import TemplateRuntimeError as TemplateRuntimeError
from vtlgw.errors import TemplateSyntaxError as TemplateSyntaxError
from vtlgw.errors import VtlgwError as VtlgwError

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
]
__version__ = "0.1.0"
