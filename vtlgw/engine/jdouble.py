"""Java's ``Double.toString`` as the JDK 17 runtime prints it.

Velocity prints every ``java.lang.Double`` through ``Double.toString``. JDK 17 still uses the
old ``FloatingDecimal`` digit generator, which differs from the shortest round-trip digits that
Python's ``repr`` gives in four ways, all measured against the oracle on ~23,000 doubles:

* the rounding interval is open (a boundary value never counts as inside it), so ``1.0E23``
  prints as ``9.999999999999999E22``;
* for an exact power of two the interval is a quarter ulp wide on both sides, so ``2^-24``
  prints all its digits (``5.9604644775390625E-8``);
* in scientific form at least two significant digits are generated (``4.9E-324``);
* integral values below 2^63 print their exact digits, with a few trailing digits rounded off
  for binary exponents above 54 (``1.37342863480957901E18``).

Known gap: a handful of subnormals with very few significant bits (below 1e-313) get one digit
less or more than Java gives them (Java misestimates their exponent).

The digits are generated with exact integer arithmetic (a Steele & White style loop), then laid
out as Java does: plain notation for 1e-3 <= |x| < 1e7, otherwise ``d.dddE±n``.
"""

from __future__ import annotations

import math
import struct
from functools import lru_cache
from typing import Final

_LOG10_2 = 0.30102999566398120
_POWERS_OF_TEN: Final = tuple(10**n for n in range(345))


def _bits(value: float, single: bool) -> tuple[int, int]:
    """(mantissa with hidden bit, exponent of its lowest bit) of a finite value > 0."""
    if single:
        raw = struct.unpack("<I", struct.pack("<f", value))[0]
        biased, fraction = (raw >> 23) & 0xFF, raw & ((1 << 23) - 1)
        return (fraction, -149) if biased == 0 else (fraction | (1 << 23), biased - 150)
    raw = struct.unpack("<Q", struct.pack("<d", value))[0]
    biased = (raw >> 52) & 0x7FF
    fraction = raw & ((1 << 52) - 1)
    if biased == 0:
        return fraction, -1074
    return fraction | (1 << 52), biased - 1075


def _exact_integer_digits(value: float, single: bool) -> tuple[str, int]:
    """Digits and decimal exponent of an integral value below 2^63 (Java's long fast path)."""
    whole = int(value)
    binary_exponent = whole.bit_length() - 1
    excess = binary_exponent - (25 if single else 54)
    dropped = int(excess * _LOG10_2) if excess > 1 else 0
    exponent = len(str(whole))
    if dropped:
        power = 10**dropped
        whole, residue = divmod(whole, power)
        if residue >= power // 2:
            whole += 1
        exponent = len(str(whole)) + dropped
    return str(whole).rstrip("0") or "0", exponent


def _generated_digits(value: float, single: bool) -> tuple[str, int]:
    """Digits ``d1d2...`` and exponent ``k`` with value ~= 0.d1d2... * 10**k."""
    mantissa, exponent = _bits(value, single)
    power_of_two = mantissa == 1 << (23 if single else 52)
    shift = 2 if power_of_two else 1
    if exponent >= 0:
        rest, scale, margin = mantissa << (exponent + shift), 1 << shift, 1 << exponent
    else:
        rest, scale, margin = mantissa << shift, 1 << (shift - exponent), 1
    k = math.ceil(math.log10(value))
    if k >= 0:
        scale *= 10**k
    else:
        rest *= 10 ** (-k)
        margin *= 10 ** (-k)
    while rest >= scale:
        scale *= 10
        k += 1
    while rest * 10 < scale:
        rest *= 10
        margin *= 10
        k -= 1
    force_second = k < -2 or k >= 8
    digits: list[int] = []
    while True:
        rest *= 10
        margin *= 10
        digit, rest = divmod(rest, scale)
        low = rest < margin
        high = rest + margin > scale
        if force_second and not digits:
            low = high = False
        if low or high:
            break
        digits.append(digit)
    if high and (not low or 2 * rest > scale or (2 * rest == scale and digit % 2 == 1)):
        digit += 1
    digits.append(digit)
    index = len(digits) - 1
    while digits[index] == 10:
        digits[index] = 0
        if index == 0:
            digits.insert(0, 1)
            k += 1
            break
        digits[index - 1] += 1
        index -= 1
    text = "".join(map(str, digits)).rstrip("0")
    return text or "0", k


def double_to_string(value: float) -> str:
    """Java ``Double.toString(value)`` (JDK 17 digits)."""
    return _to_string(value, single=False)


def float_to_string(value: float) -> str:
    """Java ``Float.toString(value)`` of a value already rounded to single precision."""
    return _to_string(value, single=True)


def _to_string(value: float, *, single: bool) -> str:
    if value != value:
        return "NaN"
    if value == math.inf:
        return "Infinity"
    if value == -math.inf:
        return "-Infinity"
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    return _finite_to_string(value, single)


def _shortest_if_same(value: float) -> tuple[str, int] | None:
    """Python's shortest digits when Java's generator provably gives the same ones.

    They agree unless the mantissa is a power of two or the value is subnormal (Java narrows
    or misjudges the interval), a single digit would be printed in E-form (Java forces two),
    or the shortest candidate lies exactly on the rounding boundary (Java's interval is
    open). Checking those is cheaper than generating the digits.
    """
    mantissa, exponent = _bits(value, False)
    if mantissa == 1 << 52 or mantissa < 1 << 52:
        return None
    head, _, tail = repr(value).partition("e")
    whole, _, fraction = head.partition(".")
    shift = int(tail) if tail else 0
    significant = whole.lstrip("0")
    if significant:
        k = len(significant) + shift
    else:
        k = shift - (len(fraction) - len(fraction.lstrip("0")))
    digits = (whole + fraction).lstrip("0").rstrip("0")
    if len(digits) == 1 and not 1e-3 <= value < 1e7:
        return None
    # On the boundary: 2 * |D - v| == ulp, with D = digits * 10**q and v = mantissa * 2**exponent.
    number, q = int(digits), k - len(digits)
    if q >= 0:
        decimal, scale_ten = number * _POWERS_OF_TEN[q], 1
    else:
        decimal, scale_ten = number, _POWERS_OF_TEN[-q]
    if exponent >= 0:
        boundary = abs(decimal - (mantissa * scale_ten << exponent)) << 1 == scale_ten << exponent
    else:
        boundary = abs((decimal << -exponent) - mantissa * scale_ten) << 1 == scale_ten
    return None if boundary else (digits, k)


@lru_cache(maxsize=1024)
def _finite_to_string(value: float, single: bool) -> str:
    # Zero and NaN never get here: 0.0 == -0.0 would share a cache slot.
    sign = "-" if value < 0 else ""
    magnitude = -value if value < 0 else value
    if magnitude < 9.223372036854775808e18 and magnitude.is_integer():
        digits, k = _exact_integer_digits(magnitude, single)
    else:
        shortcut = None if single else _shortest_if_same(magnitude)
        digits, k = shortcut or _generated_digits(magnitude, single)
    if 1e-3 <= magnitude < 1e7:
        if k <= 0:
            return f"{sign}0.{'0' * -k}{digits}"
        if k >= len(digits):
            return f"{sign}{digits}{'0' * (k - len(digits))}.0"
        return f"{sign}{digits[:k]}.{digits[k:]}"
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{k - 1}"
