"""What kind of value a user wrote, in the words messages use: ``null``, ``a string``, ...

Input files are YAML, JSON or events built in code; each reader names the collections and the
other values in its own vocabulary (``an array`` for JSON, ``a list`` for YAML), but the scalars
read the same everywhere, so they are named here once.
"""

from __future__ import annotations


def scalar_kind(value: object) -> str | None:
    """``null``, ``a boolean``, ``a number`` or ``a string``; ``None`` for any other value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return None
