"""Did-you-mean hints for names a user got slightly wrong (keys, rules, directives, methods).

Kept apart from the file loaders so that code which only needs a hint (the linter) does not
import PyYAML.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'X'?)`` for the closest of ``choices`` (case-insensitive), or ``''``."""
    folded = {choice.lower(): choice for choice in choices}
    if name.lower() in folded:
        return f" (did you mean {folded[name.lower()]!r}?)"
    close = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.75)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""
