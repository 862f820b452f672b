"""Events: load recorded Lambda proxy events and synthesize realistic ones."""

from __future__ import annotations

from vtlgw.events.load import load_event as load_event
from vtlgw.events.synth import synthesize as synthesize

__all__ = ["load_event", "synthesize"]
