"""Velocity 1.7 arithmetic and numeric comparison over the value model.

Velocity's ``MathUtils`` picks a calculation base from the operand classes: ``long`` when both
are integral (Integer/Long), ``BigInteger`` when either is one, ``double`` when either is a
Double, ``float`` when a Float (from ``floatValue()``) meets no Double, and ``BigDecimal`` when
a BigInteger meets a Double or Float. ``long`` sums and differences that
overflow move to BigInteger, ``long`` products use Java's own (imperfect) overflow check, and
``long`` quotients wrap as Java's do (``Long.MIN_VALUE / -1``). Division or modulo by any zero is
``None`` (Velocity logs it and yields null). ``BigInteger % negative`` and any BigDecimal modulo
throw, as on the JVM. BigDecimal values are :class:`decimal.Decimal` (exact).

All operands are plain values from :mod:`vtlgw.engine.values`; ``bool`` is never a number.
``+`` with a String operand concatenates toString()s; when the other operand is null, Velocity
concatenates that operand's source text (``'a' + $nope`` gives ``a$nope``), which only the
compiler knows, so :func:`add` returns None for it.
"""

from __future__ import annotations

import math
import struct
from decimal import Context, Decimal
from typing import Any, Final

from vtlgw.engine.jexception import JavaException

INT_MIN: Final = -(2**31)
INT_MAX: Final = 2**31 - 1
LONG_MIN: Final = -(2**63)
LONG_MAX: Final = 2**63 - 1

# Calculation bases, as MathUtils names them.
_LONG: Final = 1
_BIGINTEGER: Final = 2
_DOUBLE: Final = 3
_BIGDECIMAL: Final = 4
_FLOAT: Final = 5


class JavaFloat(float):
    """A ``java.lang.Float`` (from ``floatValue()``): a float already rounded to 32 bits."""

    __slots__ = ()


def to_float32(value: float) -> JavaFloat:
    """Round to single precision (Java's ``(float)`` cast)."""
    try:
        return JavaFloat(struct.unpack("<f", struct.pack("<f", value))[0])
    except OverflowError:
        return JavaFloat(math.copysign(math.inf, value))


NUMBER_TYPES: Final = frozenset({int, float, Decimal, JavaFloat})


def _is_big(value: Any) -> bool:
    return type(value) is int and not LONG_MIN <= value <= LONG_MAX


def _base(a: Any, b: Any) -> int:
    """The calculation base for two numbers (both already known to be numbers)."""
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return _BIGINTEGER if _is_big(a) or _is_big(b) else _LONG
    if ta is Decimal or tb is Decimal or _is_big(a) or _is_big(b):
        return _BIGDECIMAL
    return _DOUBLE if ta is float or tb is float else _FLOAT


def _to_decimal(value: Any) -> Decimal:
    if type(value) is JavaFloat:
        value = float(value)
    if type(value) is float and (math.isnan(value) or math.isinf(value)):
        raise JavaException("java.lang.NumberFormatException", "Infinite or NaN")
    return value if type(value) is Decimal else Decimal(value)


def _wrap_long(value: int) -> int:
    return ((value - LONG_MIN) % 2**64) + LONG_MIN


def _trunc_div(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _numbers(a: Any, b: Any) -> bool:
    return type(a) in NUMBER_TYPES and type(b) in NUMBER_TYPES


def _is_zero(value: Any) -> bool:
    return bool(value == 0)


def _decimal_exact(op: str, a: Decimal, b: Decimal) -> Decimal:
    # Exact sum/difference/product: give the context room for every digit.
    digits = len(a.as_tuple().digits) + len(b.as_tuple().digits)
    span = abs(int(a.as_tuple().exponent) - int(b.as_tuple().exponent))

    context = Context(prec=digits + span + 2)
    if op == "+":
        result = context.add(a, b)
    elif op == "-":
        result = context.subtract(a, b)
    else:
        result = context.multiply(a, b)
    return result.copy_abs() if result.is_zero() else result  # BigDecimal has no -0


def add(a: Any, b: Any) -> Any:
    """``a + b`` on numbers (string concatenation is the caller's: it needs node literals)."""
    if type(a) is int and type(b) is int:  # long overflow moves to BigInteger: exact either way
        return a + b
    if type(a) is str or type(b) is str:
        if a is None or b is None:
            return None
        from vtlgw.engine.javatypes import to_string

        return f"{to_string(a)}{to_string(b)}"
    if not _numbers(a, b):
        return None
    base = _base(a, b)
    if base == _DOUBLE:
        return float(a) + float(b)
    if base == _FLOAT:
        return to_float32(float(to_float32(a)) + float(to_float32(b)))
    if base == _BIGDECIMAL:
        return _decimal_exact("+", _to_decimal(a), _to_decimal(b))
    return a + b


def sub(a: Any, b: Any) -> Any:
    """``a - b``."""
    if type(a) is int and type(b) is int:
        return a - b
    if not _numbers(a, b):
        return None
    base = _base(a, b)
    if base == _DOUBLE:
        return float(a) - float(b)
    if base == _FLOAT:
        return to_float32(float(to_float32(a)) - float(to_float32(b)))
    if base == _BIGDECIMAL:
        return _decimal_exact("-", _to_decimal(a), _to_decimal(b))
    return a - b


def mul(a: Any, b: Any) -> Any:
    """``a * b``; long products keep Java's overflow test (``Long.MIN_VALUE * -1`` wraps)."""
    if not _numbers(a, b):
        return None
    base = _base(a, b)
    if base == _DOUBLE:
        return float(a) * float(b)
    if base == _FLOAT:
        return to_float32(float(to_float32(a)) * float(to_float32(b)))
    if base == _BIGDECIMAL:
        return _decimal_exact("*", _to_decimal(a), _to_decimal(b))
    product: int = a * b
    if base == _LONG and not LONG_MIN <= product <= LONG_MAX:
        wrapped = _wrap_long(product)
        if _wrap_long(_trunc_div(wrapped, b)) == a:
            return wrapped
    return product


def div(a: Any, b: Any) -> Any:
    """``a / b``: integer division truncates; a zero divisor gives ``None``."""
    if not _numbers(a, b) or _is_zero(b):
        return None
    base = _base(a, b)
    if base == _DOUBLE:
        return float(a) / float(b)
    if base == _FLOAT:
        return to_float32(float(to_float32(a)) / float(to_float32(b)))
    if base == _BIGDECIMAL:
        return _decimal_divide(_to_decimal(a), _to_decimal(b))
    quotient = _trunc_div(a, b)
    return _wrap_long(quotient) if base == _LONG else quotient


def _decimal_divide(a: Decimal, b: Decimal) -> Decimal:
    """``a.divide(b, ROUND_HALF_DOWN)``: the quotient at ``a``'s scale."""
    sign_a, digits_a, exp_a = a.as_tuple()
    sign_b, digits_b, exp_b = b.as_tuple()
    unscaled_a = int("".join(map(str, digits_a)) or "0") * (-1 if sign_a else 1)
    unscaled_b = int("".join(map(str, digits_b)) or "0") * (-1 if sign_b else 1)
    scale_b = -int(exp_b)
    numerator, denominator = unscaled_a, unscaled_b
    if scale_b >= 0:
        numerator *= 10**scale_b
    else:
        denominator *= 10 ** (-scale_b)
    quotient = abs(numerator) // abs(denominator)
    remainder = abs(numerator) - quotient * abs(denominator)
    if 2 * remainder > abs(denominator):
        quotient += 1
    if (numerator < 0) != (denominator < 0):
        quotient = -quotient
    return Decimal(f"{quotient}E{int(exp_a)}")  # exact: no context rounding


def mod(a: Any, b: Any) -> Any:
    """``a % b`` with Java's sign rules; a zero divisor gives ``None``."""
    if not _numbers(a, b) or _is_zero(b):
        return None
    base = _base(a, b)
    if base in (_DOUBLE, _FLOAT):
        x, y = float(a), float(b)
        if math.isinf(x) or math.isnan(x) or math.isnan(y):
            result = math.nan
        else:
            result = x if math.isinf(y) else math.fmod(x, y)
        return result if base == _DOUBLE else to_float32(result)
    if base == _BIGDECIMAL:
        raise JavaException(
            "java.lang.ArithmeticException", "Cannot calculate the modulo of BigDecimals."
        )
    if base == _BIGINTEGER:
        if b < 0:
            raise JavaException("java.lang.ArithmeticException", "BigInteger: modulus not positive")
        return a % b
    return a - b * _trunc_div(a, b)


def compare_numbers(a: Any, b: Any) -> int:
    """``MathUtils.compare``: -1/0/1 (NaN compares equal to everything in the double base)."""
    base = _base(a, b)
    if base == _BIGDECIMAL:
        x: Any = _to_decimal(a)
        y: Any = _to_decimal(b)
    elif base in (_DOUBLE, _FLOAT):
        x, y = float(a), float(b)
    else:
        x, y = a, b
    if x < y:
        return -1
    if x > y:
        return 1
    return 0


def compare(a: Any, b: Any) -> int | None:
    """For ``< <= > >=``: the sign of the comparison, ``None`` when 1.7 cannot compare."""
    if type(a) is int and type(b) is int:
        return (a > b) - (a < b)
    if not _numbers(a, b):
        return None
    return compare_numbers(a, b)
