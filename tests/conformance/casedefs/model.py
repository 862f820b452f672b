"""The shape of one conformance case definition and the shared contexts cases draw from.

A definition carries what the oracle needs (template, context) plus a one-line note of the
single behaviour it pins. Ids are not part of the definition: the generator assigns them and
keeps them stable across re-recordings by matching template and context.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Case:
    """One template rendered with one JSON context; ``note`` says what it pins."""

    template: str
    note: str
    context: dict[str, Any] = field(default_factory=dict)

    def key(self) -> str:
        """Identity of the case: template plus canonical context (notes may be reworded)."""
        return json.dumps([self.template, self.context], sort_keys=True)


def C(template: str, note: str, context: dict[str, Any] | None = None) -> Case:
    """Build a case (short name so topic modules stay readable)."""
    return Case(template=template, note=note, context=dict(context or {}))


# A rich context shaped like a parsed JSON event: object -> LinkedHashMap, array -> ArrayList,
# integer -> Integer/Long, number with a dot -> Double, null -> null.
RICH: MappingProxyType[str, Any] = MappingProxyType(
    {
        "s": "Hello, World",
        "n": 42,
        "neg": -7,
        "zero": 0,
        "d": 3.5,
        "big": 3000000000,
        "t": True,
        "f": False,
        "nul": None,
        "e": "",
        "m": {"a": 1, "b": "x", "c": [1, 2], "d": {"e": None}},
        "l": [1, "two", 3.0, True, None],
        "el": [],
        "em": {},
    }
)


def rich(**extra: Any) -> dict[str, Any]:
    """A fresh copy of :data:`RICH` with ``extra`` keys added or replaced."""
    ctx = json.loads(json.dumps(dict(RICH)))
    ctx.update(extra)
    return ctx  # type: ignore[no-any-return]
