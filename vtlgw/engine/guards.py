"""Cheap checks that keep a render's memory and time bounded where a single Java operation
could blow up: printing a structure shared with itself many times over, integers squared
past any use, collections doubled in a loop.

Each check is O(what it allows), so it costs little on normal data and stops at its budget on
hostile data.
"""

from __future__ import annotations

from typing import Any


def exceeds_size(value: Any, budget: int) -> bool:
    """Whether printing ``value`` would visit more than ``budget`` elements, or never end.

    Shared sub-structures count every time they would be printed, which is what makes
    ``#set($l = [$l, $l])`` in a loop dangerous. A structure containing itself directly is
    printed once (Java writes "(this Collection)"); any longer cycle is reported at once, as
    Java would overflow its stack on it.
    """
    remaining = budget
    on_path: set[int] = set()
    stack: list[tuple[Any, Any, bool]] = [(value, None, False)]
    while stack:
        item, parent, leaving = stack.pop()
        if leaving:
            on_path.discard(id(item))
            continue
        remaining -= 1
        if remaining < 0:
            return True
        if not isinstance(item, (dict, list)) or item is parent:
            continue  # scalars, and Java's "(this Collection)" for a direct self-reference
        if id(item) in on_path:
            return True  # a longer cycle: Java's toString never ends
        on_path.add(id(item))
        stack.append((item, None, True))
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        stack.extend((child, item, False) for child in children)
    return False


def collection_size(value: Any) -> int:
    """Number of direct elements of a list or map (0 for anything else)."""
    if isinstance(value, (list, dict)):
        return len(value)
    return 0
