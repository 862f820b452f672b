"""Cheap checks that keep a render's memory and time bounded where a single Java operation
could blow up: printing a structure shared with itself many times over, integers squared
past any use, collections doubled in a loop.

Each check is O(what it allows), so it costs little on normal data and stops at its budget on
hostile data.
"""

from __future__ import annotations

from typing import Any


def exceeds_size(value: Any, budget: int) -> bool:
    """Whether printing ``value`` would visit more than ``budget`` elements.

    Shared sub-structures count every time they would be printed, which is what makes
    ``#set($l = [$l, $l])`` in a loop dangerous; a structure containing itself counts once
    per level until the budget runs out.
    """
    remaining = budget
    stack: list[tuple[Any, Any]] = [(value, None)]
    while stack:
        item, parent = stack.pop()
        remaining -= 1
        if remaining < 0:
            return True
        kind = type(item)
        if kind is str or kind is int or kind is float or kind is bool or item is None:
            continue
        if item is parent:
            continue  # Java prints a direct self-reference as "(this Collection)"
        if isinstance(item, dict):
            stack.extend((child, item) for child in item)
            stack.extend((child, item) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, item) for child in item)
    return False


def collection_size(value: Any) -> int:
    """Number of direct elements of a list or map (0 for anything else)."""
    if isinstance(value, (list, dict)):
        return len(value)
    return 0
