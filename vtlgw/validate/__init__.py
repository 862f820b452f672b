"""Checks on rendered output and a simulation of the API Gateway steps around a template.

``jsonout`` checks that output is well-formed JSON without duplicate keys (``trace`` points a JSON
error back at the template line), ``schema`` validates it against a JSON Schema and ``check``
combines both into a ``result.ValidationReport``. ``javaregex``, ``expression`` and
``selection`` hold the gateway's selection rules (whole-string Java regexes, selection
expressions, template choice, passthrough). ``document`` reads positioned YAML/JSON inputs,
``integration`` and ``backend`` load integration descriptions and backend answers, ``render``,
``simulate`` and ``rest`` run one event through an integration into an ``outcome.Simulation``,
and ``report`` prints results as text or JSON.
"""

from __future__ import annotations
