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
    ``#set($l = [$l, $l])`` in a loop dangerous: its printed size doubles per level. Each
    distinct list or map is sized once (post-order, memoised by identity), so the check costs
    the number of distinct objects, not the printed size. A structure containing itself
    directly counts once (Java writes "(this Collection)"); a longer cycle is reported at once,
    as Java would overflow its stack on it.
    """
    if not isinstance(value, (dict, list)):
        return budget < 1
    sizes: dict[int, int] = {}
    on_path = {id(value)}
    # each frame: [container, iterator over its elements, elements counted so far]
    stack: list[list[Any]] = [[value, iter(_elements(value)), 1]]
    while stack:
        frame = stack[-1]
        container, elements, total = frame
        descended = False
        for child in elements:
            if not isinstance(child, (dict, list)) or child is container:
                total += 1
            elif id(child) in sizes:
                total += sizes[id(child)]
            elif id(child) in on_path:
                return True
            else:
                frame[2] = total
                on_path.add(id(child))
                stack.append([child, iter(_elements(child)), 1])
                descended = True
                break
            if total > budget:
                return True
        if descended:
            continue
        stack.pop()
        on_path.discard(id(container))
        sizes[id(container)] = total
        if stack:
            stack[-1][2] += total
            if stack[-1][2] > budget:
                return True
        elif total > budget:
            return True
    return False


def _elements(container: Any) -> list[Any]:
    if isinstance(container, dict):
        return [*container.keys(), *container.values()]
    return list(container)


def collection_size(value: Any) -> int:
    """Number of direct elements of a list or map (0 for anything else)."""
    if isinstance(value, (list, dict)):
        return len(value)
    return 0
