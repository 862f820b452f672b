"""Velocity 1.7's argument conversion rules, as small predicates over the value model.

Velocity picks a Java overload by "method invocation conversion": a boxed argument fits a
primitive parameter only by widening (Integer -> int/long/double, Long -> long/double, Double
-> double), a Character fits only ``char`` (never ``int``), null fits any reference parameter
but no primitive, and nothing is parsed from a String. Each method in the dispatch tables uses
these predicates and answers MISSING when no overload applies.
"""

from __future__ import annotations

from typing import Any, Final

from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jnumbers import INT_MAX, INT_MIN, LONG_MAX, LONG_MIN
from vtlgw.engine.jobjects import JavaChar


def is_int(value: Any) -> bool:
    """Fits a Java ``int`` parameter (an Integer)."""
    return type(value) is int and INT_MIN <= value <= INT_MAX


def is_long(value: Any) -> bool:
    """Fits a ``long`` parameter (an Integer or a Long)."""
    return type(value) is int and LONG_MIN <= value <= LONG_MAX


def is_double(value: Any) -> bool:
    """Fits a ``double`` parameter (Integer, Long or Double)."""
    return type(value) is float or is_long(value)


def is_char(value: Any) -> bool:
    """Fits a ``char`` parameter (a Character only)."""
    return type(value) is JavaChar


def is_string(value: Any) -> bool:
    """Fits a ``String``/``CharSequence`` parameter (a String or null)."""
    return value is None or type(value) is str


def npe(detail: str = "") -> JavaException:
    """A ``NullPointerException`` with JDK 17's helpful message."""
    return JavaException("java.lang.NullPointerException", detail)


def class_cast(actual: str, target: str) -> JavaException:
    """The ``ClassCastException`` a bridge ``compareTo(Object)`` throws."""
    suffix = (
        f" ({actual} and {target} are in module java.base of loader 'bootstrap')"
        if actual.startswith("java.") and target.startswith("java.")
        else ""
    )
    return JavaException(
        "java.lang.ClassCastException", f"class {actual} cannot be cast to class {target}{suffix}"
    )


VOID: Final = ""
"""What a ``void`` method returns to a template (Velocity renders it as nothing)."""
