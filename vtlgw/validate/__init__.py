"""Checks on rendered output and a simulation of the API Gateway steps around a template.

``jsonout`` checks that output is well-formed JSON without duplicate keys, ``schema`` validates
it against a JSON Schema, ``selection`` holds the gateway's selection rules (selection patterns,
request and response template choice, passthrough), ``integration`` loads integration
descriptions, ``simulate`` runs one event through an integration, and ``report`` prints results.
"""

from __future__ import annotations
