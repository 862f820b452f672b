"""Java strings are UTF-16: helpers that count, index and compare in UTF-16 code units.

A Python string holding characters beyond U+FFFF is converted to one Python character per
UTF-16 unit (surrogates included) before indexing; the common all-BMP case costs one scan.
JDK 17 also keeps strings whose characters all fit in Latin-1 in a separate coder, which
shows in a few exception messages and in ``compareToIgnoreCase``.
"""

from __future__ import annotations

import re
import struct
from typing import Final

_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")


def units(text: str) -> str:
    """``text`` as UTF-16 code units (one Python character each)."""
    if text.isascii() or _ASTRAL.search(text) is None:
        return text
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(map(chr, struct.unpack(f"<{len(data) // 2}H", data)))


def from_units(text: str) -> str:
    """Rejoin surrogate pairs produced by :func:`units`."""
    if text.isascii():
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def is_latin1(text: str) -> bool:
    """Would JDK 17 store ``text`` with the Latin-1 coder?"""
    return text.isascii() or max(text) <= "\xff"


def compare_units(a: str, b: str) -> int:
    """``String.compareTo`` over code units: first difference, else the length difference."""
    for x, y in zip(a, b, strict=False):
        if x != y:
            return ord(x) - ord(y)
    return len(a) - len(b)
