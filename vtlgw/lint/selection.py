"""Which rules run: ruff's select / extend-select / ignore by code or code prefix, in layers.

A :class:`Selection` is one layer (the configuration's, or the command line's) on top of the
layer below it (``base``). Within a layer the most specific matching entry decides (``VTL214``
beats ``VTL2``) and an ignore wins a tie with a select; a rule no entry of the layer matches
keeps the verdict of the layer below. A layer with a ``select`` starts afresh: everything it
does not select is off, whatever the layers below said (``--select VTL104`` on the command line
runs VTL104 even when the configuration ignores it). The bottom of the stack is the default
rules. A prefix selects the opt-in rules it covers too (``VTL2`` is every 2xx rule).

Unknown codes and prefixes are configuration errors, so a typo never silently disables a
check.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from vtlgw.errors import InputError

_CODE = re.compile(r"VTL[0-9]{0,3}")


def hint(word: str, choices: Iterable[str], *, cutoff: float = 0.7) -> str:
    """`` (did you mean 'X'?)`` for the choice closest to ``word``, or ``''``.

    A choice of the same length that differs in one character (a typo such as ``VTL2O1``)
    comes first; otherwise the closest by :mod:`difflib`.
    """
    options = list(choices)
    for choice in options:
        if len(choice) == len(word) and sum(a != b for a, b in zip(choice, word, strict=True)) == 1:
            return f" (did you mean {choice!r}?)"
    close = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


def is_code(code: str, known: Iterable[str]) -> bool:
    """Whether ``code`` (upper case) is a rule code or a prefix of one."""
    return _CODE.fullmatch(code) is not None and any(c.startswith(code) for c in known)


def unknown_code_message(entry: str, known: Iterable[str]) -> str:
    """What to say about ``entry``, which is no rule code or prefix: found, expected, a hint."""
    return (
        f"unknown rule code or prefix {entry!r}{hint(entry.strip().upper(), known)}; expected "
        "VTL followed by up to three digits of an existing rule (`vtlgw rules` lists them)"
    )


def check_codes(entries: Iterable[str], known: Iterable[str], *, where: str) -> tuple[str, ...]:
    """``entries`` upper-cased and checked: each must be a prefix of some known rule code.

    ``where`` names the option or key (an :class:`InputError` naming it is raised otherwise).
    """
    codes = tuple(known)
    result = []
    for entry in entries:
        code = entry.strip().upper()
        if not is_code(code, codes):
            raise InputError(unknown_code_message(entry, codes), name=where)
        result.append(code)
    return tuple(result)


@dataclass(frozen=True)
class Selection:
    """One layer of rule choices (``select=None``: keep what the layers below chose)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    base: Selection | None = None

    def enabled(self, code: str, *, default: bool) -> bool:
        """Whether the rule ``code`` (a default rule or an opt-in one) runs."""
        below = default if self.base is None else self.base.enabled(code, default=default)
        chosen = below if self.select is None else False
        best = -1
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

    def then(
        self,
        *,
        select: tuple[str, ...] | None = None,
        extend_select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
    ) -> Selection:
        """A new layer on top of this one (the command line's on top of the configuration's)."""
        if select is None and not extend_select and not ignore:
            return self
        return Selection(select, extend_select, ignore, base=self)

    def without(self, codes: Iterable[str]) -> Selection:
        """This selection with ``codes`` (or prefixes) ignored on top (per-file ignores)."""
        return self.then(ignore=tuple(codes))
