"""Selection patterns: Java regexes matched against the whole string, as ``String.matches`` does.

Selection patterns are Java regular expressions (ref §8.2: D for Java syntax, I strong for
whole-string matching). They are translated by the engine's Java regex support
(:func:`vtlgw.engine.jpattern.compile_java`, the same translation ``$s.matches(...)`` uses in
templates), so the two agree on syntax: line terminators for ``.``, ``^`` and ``$``, ASCII
``\\w \\d \\s``, POSIX and Unicode ``\\p{...}`` classes, nested classes and ``&&``, mid-pattern
inline flags, ``\\Q...\\E``. A pattern Java rejects, or that the translation cannot express
(Unicode blocks such as ``\\p{InGreek}``, ``\\G``), is an :class:`InputError` naming the pattern.

One adjustment is made here: Java's ``(?i)`` without ``u``/``U`` folds case for ASCII letters
only (recorded: ``(?i)k`` does not match the KELVIN SIGN, nor ``(?i)é`` ``É``), while the
translation compiles without ``re.ASCII`` and so folds by Unicode rules. Such patterns are
recompiled with ``re.ASCII``; the engine spells ``\\w \\d \\s`` as explicit sets, so that flag
then changes only case folding and ``\\b``/``\\B``, which see ASCII word characters only (JDK 8
to 17 count Unicode letters too). The lead is told about the engine's side of this difference.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jpattern import compile_java as _engine_compile
from vtlgw.engine.jregex import REGEX_TIMEOUT
from vtlgw.errors import InputError
from vtlgw.simulate.quoting import quote

_INLINE_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(?:-[a-zA-Z]*)?[:)]")


def _ascii_case_only(pattern: str) -> bool:
    """Whether the pattern turns on CASE_INSENSITIVE without UNICODE_CASE or the Unicode classes."""
    turned_on = "".join(_INLINE_FLAGS.findall(pattern))
    return "i" in turned_on and not ({"u", "U"} & set(turned_on))


@lru_cache(maxsize=256)
def compile_java(pattern: str) -> regex.Pattern[str]:
    """Compile a Java regex for whole-string matching; :class:`InputError` if unusable."""
    try:
        compiled = _engine_compile(pattern)
    except JavaException as exc:
        detail = exc.message.split("\n", 1)[0]
        raise InputError(
            f"selection pattern {quote(pattern)} is not a usable regex: {detail}"
        ) from None
    if _ascii_case_only(pattern):
        return regex.compile(
            compiled.pattern, flags=(compiled.flags & ~regex.UNICODE) | regex.ASCII
        )
    return compiled


def java_matches(pattern: str, value: str | None) -> bool:
    """``value.matches(pattern)`` as Java evaluates it; ``None`` is tested as ``""``."""
    subject = "" if value is None else value
    try:
        return compile_java(pattern).fullmatch(subject, timeout=REGEX_TIMEOUT) is not None
    except TimeoutError:
        raise InputError(
            f"selection pattern {quote(pattern)} backtracks catastrophically on this value"
        ) from None
