"""Checks on rendered output.

``jsonout`` checks that output is well-formed JSON without duplicate keys (``trace`` points a JSON
error back at the template line), ``schema`` validates it against a JSON Schema, ``check``
combines both into a ``result.ValidationReport``, and ``report`` prints reports as text or JSON.
The gateway steps around a template live in :mod:`vtlgw.simulate`.
"""

from __future__ import annotations
