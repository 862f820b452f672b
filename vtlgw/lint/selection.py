"""Which rules run: ruff's select / extend-select / ignore by code or code prefix.

A rule runs when the longest matching entry among the selections is a select (``VTL2`` selects
every 2xx rule, opt-in ones included) and not an ignore; an ignore wins a tie. Without an
explicit ``select`` the default rules are selected. Unknown codes and prefixes are
configuration errors, so a typo never silently disables a check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from vtlgw.errors import InputError

_CODE = re.compile(r"VTL[0-9]{0,3}")


def check_codes(entries: Iterable[str], known: Iterable[str], *, where: str) -> tuple[str, ...]:
    """``entries`` upper-cased and checked: each must be a prefix of some known rule code."""
    codes = tuple(known)
    result = []
    for entry in entries:
        code = entry.strip().upper()
        if not _CODE.fullmatch(code) or not any(c.startswith(code) for c in codes):
            raise InputError(
                f"unknown rule code or prefix {entry!r}; "
                "expected VTL followed by up to three digits of an existing rule "
                "(`vtlgw rules` lists them)",
                name=where,
            )
        result.append(code)
    return tuple(result)


@dataclass(frozen=True)
class Selection:
    """A resolved choice of rules."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def enabled(self, code: str, *, default: bool) -> bool:
        """Whether the rule ``code`` (in the default set or not) runs."""
        best = -1
        chosen = default if self.select is None else False
        for entries, verdict in (
            (self.select or (), True),
            (self.extend_select, True),
            (self.ignore, False),
        ):
            for entry in entries:
                if code.startswith(entry) and len(entry) >= best:
                    if len(entry) > best or not verdict:
                        chosen = verdict
                    best = len(entry)
        return chosen

    def without(self, codes: Iterable[str]) -> Selection:
        """This selection with ``codes`` (or prefixes) ignored as well."""
        return Selection(self.select, self.extend_select, (*self.ignore, *codes))
