"""``String.format`` (``java.util.Formatter``) for the conversions templates use.

Supported: ``%s %S %b %B %h %H %c %C %d %o %x %X %e %E %f %g %G %% %n`` with the flags
``- # + space 0 , (``, width, precision, explicit (``2$``) and relative (``<``) argument
indexes. Floating-point conversions start from Java's shortest digits (``Double.toString``)
and round half-up, as Java's Formatter does (``%.2f`` of 1.005 is ``1.01``). Conversions
Java has but templates do not need (``%a``, dates ``%t``) throw
``UnknownFormatConversionException``; so do unknown ones. A wrong argument type throws
``IllegalFormatConversionException`` and a missing argument ``MissingFormatArgumentException``,
with Java's messages.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, NamedTuple

from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jnumbers import INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, JavaFloat
from vtlgw.engine.jobjects import JavaChar

_SPEC: Final = re.compile(r"%(\d+\$|<)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])")
_FLOATING: Final = frozenset({float, JavaFloat, Decimal})
_CONVERSIONS: Final = frozenset("bBhHsScCdoxXeEfgG%n")


def _fail(java_class: str, message: str) -> JavaException:
    return JavaException(f"java.util.{java_class}", message)


class _Spec(NamedTuple):
    argument: str | None
    flags: str
    width: str | None
    precision: int | None
    conversion: str


_FLAG_ORDER: Final = "-#+ 0,("
_FLAG_PRINT_ORDER: Final = "-^#+ 0,("  # Flags.toString, '^' standing for an upper-case conversion
_GENERAL_BAD: Final = "+ 0,("
_CHAR_BAD: Final = "#+ 0,("


def _flag_text(flags: str, conversion: str = "") -> str:
    marked = flags + ("^" if conversion.isupper() else "")
    return "".join(flag for flag in _FLAG_PRINT_ORDER if flag in marked)


def _spec_text(spec: _Spec) -> str:
    index = spec.argument if spec.argument and spec.argument != "<" else ""
    precision = "" if spec.precision is None else f".{spec.precision}"
    return f"%{_flag_text(spec.flags)}{index}{spec.width or ''}{precision}{spec.conversion}"


def _mismatch(flag: str, conversion: str) -> JavaException:
    return _fail(
        "FormatFlagsConversionMismatchException", f"Conversion = {conversion}, Flags = {flag}"
    )


def _check_bad(spec: _Spec, bad: str) -> None:
    for flag in _FLAG_ORDER:
        if flag in bad and flag in spec.flags:
            raise _mismatch(flag, spec.conversion.lower())


def _check_numeric(spec: _Spec) -> None:
    flags = spec.flags
    if spec.width is None and ("-" in flags or "0" in flags):
        raise _fail("MissingFormatWidthException", _spec_text(spec))
    if ("+" in flags and " " in flags) or ("-" in flags and "0" in flags):
        raise _fail(
            "IllegalFormatFlagsException", f"Flags = '{_flag_text(flags, spec.conversion)}'"
        )


def _validate(spec: _Spec) -> None:
    """Java's FormatSpecifier checks, made before any argument is looked at."""
    kind = spec.conversion.lower()
    if kind in "bhs":
        if kind in "bh" and "#" in spec.flags:
            raise _mismatch("#", kind)
        if spec.width is None and "-" in spec.flags:
            raise _fail("MissingFormatWidthException", _spec_text(spec))
        _check_bad(spec, _GENERAL_BAD)
    elif kind == "c":
        if spec.precision is not None:
            raise _fail("IllegalFormatPrecisionException", str(spec.precision))
        _check_bad(spec, _CHAR_BAD)
        if spec.width is None and "-" in spec.flags:
            raise _fail("MissingFormatWidthException", _spec_text(spec))
    elif kind in "dox":
        _check_numeric(spec)
        if spec.precision is not None:
            raise _fail("IllegalFormatPrecisionException", str(spec.precision))
        _check_bad(spec, "#" if kind == "d" else ",")
    elif kind in "efg":
        _check_numeric(spec)
        _check_bad(spec, {"e": ",", "g": "#", "f": ""}[kind])
    elif spec.precision is not None:  # % and n
        raise _fail("IllegalFormatPrecisionException", str(spec.precision))
    elif kind == "%":
        if spec.flags.replace("-", ""):
            raise _fail("IllegalFormatFlagsException", f"Flags = '{_flag_text(spec.flags)}'")
        if spec.width is None and "-" in spec.flags:
            raise _fail("MissingFormatWidthException", _spec_text(spec))
    elif kind == "n":
        if spec.width is not None:
            raise _fail("IllegalFormatWidthException", spec.width)
        if spec.flags:
            raise _fail("IllegalFormatFlagsException", f"Flags = '{_flag_text(spec.flags)}'")


def _parse(template: str) -> list[str | _Spec]:
    """Split ``template`` into literal text and validated specifiers."""
    pieces: list[str | _Spec] = []
    position = 0
    for match in _SPEC.finditer(template):
        _literal_text(template[position : match.start()], pieces)
        position = match.end()
        index, flags, width, precision, conversion = match.groups()
        if conversion not in _CONVERSIONS:
            raise _fail("UnknownFormatConversionException", f"Conversion = '{conversion}'")
        spec = _Spec(index, flags, width, int(precision[1:]) if precision else None, conversion)
        _validate(spec)
        pieces.append(spec)
    _literal_text(template[position:], pieces)
    return pieces


def _literal_text(text: str, pieces: list[str | _Spec]) -> None:
    if "%" in text:
        bad = text[text.index("%") + 1 : text.index("%") + 2]
        raise _fail("UnknownFormatConversionException", f"Conversion = '{bad or '%'}'")
    pieces.append(text)


def java_format(template: str, args: tuple[Any, ...]) -> str:
    """``String.format(template, args...)``."""
    out: list[str] = []
    ordinary = 0
    previous: int | None = None
    for piece in _parse(template):
        if isinstance(piece, str):
            out.append(piece)
            continue
        if piece.conversion == "n":
            out.append("\n")
            continue
        if piece.conversion == "%":
            out.append(_pad("%", piece.flags, piece.width))
            continue
        if piece.argument == "<":
            chosen = previous
        elif piece.argument:
            chosen = int(piece.argument[:-1]) - 1
        else:
            chosen = ordinary
            ordinary += 1
        if chosen is None or not 0 <= chosen < len(args):
            raise _fail("MissingFormatArgumentException", f"Format specifier '{_spec_text(piece)}'")
        previous = chosen
        text = _convert(piece.conversion, args[chosen], piece.flags, piece.precision)
        numeric = piece.conversion.lower() in "doxefg" and args[chosen] is not None
        if numeric and "0" in piece.flags and piece.width:
            out.append(_zero_pad(text, piece.width))
        else:
            out.append(_pad(text, piece.flags, piece.width))
    return "".join(out)


def _zero_pad(text: str, width: str) -> str:
    """The ``0`` flag: zeros go after the sign, parenthesis or radix prefix."""
    lead = re.match(r"[-+ (]?(?:0x)?", text)
    cut = lead.end() if lead else 0
    return text[:cut] + text[cut:].rjust(int(width) - cut, "0")


def _pad(text: str, flags: str, width: str | None) -> str:
    if not width or len(text) >= int(width):
        return text
    return text.ljust(int(width)) if "-" in flags else text.rjust(int(width))


def _convert(conversion: str, value: Any, flags: str, precision: int | None) -> str:
    from vtlgw.engine.javatypes import class_name, java_hash, to_string

    upper = conversion.isupper()
    kind = conversion.lower()
    if kind == "s" and "#" in flags:  # only a java.util.Formattable takes '#'
        raise _mismatch("#", "s")
    if value is None and kind in "efg":
        text = "null" if precision is None else "null"[:precision]
        return text.upper() if upper else text
    if kind == "b":
        text = "false" if value is None or value is False else "true"
    elif kind == "h":
        text = "null" if value is None else format(java_hash(value) & 0xFFFFFFFF, "x")
    elif kind == "s":
        shown = to_string(value)
        text = "null" if shown is None else shown
    elif kind == "c":
        text = _character(value, class_name)
    elif kind in "dox":
        text = _integral(kind, value, flags, class_name)
    else:
        text = _floating(kind, value, flags, precision, class_name)
        precision = None
    if precision is not None and kind in "bhs":
        text = text[:precision]
    return text.upper() if upper else text


def _character(value: Any, class_name: Any) -> str:
    if value is None:
        return "null"
    if type(value) is JavaChar:
        return str(value.char)
    if type(value) is int and 0 <= value <= 0x10FFFF:
        return chr(value)
    raise _fail("IllegalFormatConversionException", f"c != {class_name(value)}")


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ",".join(parts)


def _signed(magnitude: str, negative: bool, flags: str) -> str:
    if negative:
        return f"({magnitude})" if "(" in flags else f"-{magnitude}"
    if "+" in flags:
        return f"+{magnitude}"
    return f" {magnitude}" if " " in flags else magnitude


def _integral(kind: str, value: Any, flags: str, class_name: Any) -> str:
    if value is None:
        return "null"
    if type(value) is not int:
        raise _fail("IllegalFormatConversionException", f"{kind} != {class_name(value)}")
    if kind == "d":
        digits = str(abs(value))
        return _signed(_group(digits) if "," in flags else digits, value < 0, flags)
    if LONG_MIN <= value <= LONG_MAX:
        for flag in "( +":  # only a BigInteger may carry a sign in octal or hex
            if flag in flags:
                raise _mismatch(flag, kind)
        if value < 0:
            value += 2**32 if INT_MIN <= value <= INT_MAX else 2**64
    text = format(abs(value), kind)
    if "#" in flags:
        text = ("0" if kind == "o" else "0x") + text
    return _signed(text, value < 0, flags)  # a BigInteger keeps its sign


def _floating(kind: str, value: Any, flags: str, precision: int | None, class_name: Any) -> str:
    from vtlgw.engine.javatypes import to_string

    if value is None:
        return "null"
    if type(value) not in _FLOATING:
        raise _fail("IllegalFormatConversionException", f"{kind} != {class_name(value)}")
    number = float(value) if type(value) is not Decimal else None
    if number is not None and (number != number or number in (float("inf"), float("-inf"))):
        text = "NaN" if number != number else "Infinity"
        return text if number != number else _signed(text, number < 0, flags)
    exact = Decimal(to_string(value) or "0")  # Java starts from the shortest digits
    negative = exact.is_signed()  # the sign bit: -0.0 prints as negative
    exact = abs(exact)
    places = 6 if precision is None else precision
    if kind == "g":
        places = places or 1
        rounded = exact.quantize(Decimal(1), ROUND_HALF_UP) if exact.is_zero() else exact
        if not exact.is_zero():
            rounded = _round_significant(exact, places)
        if exact.is_zero() or Decimal("1e-4") <= rounded < Decimal(10) ** places:
            shown = places - 1 - (rounded.adjusted() if not exact.is_zero() else 0)
            return _fixed(exact, max(shown, 0), negative, flags)
        return _scientific(exact, places - 1, negative, flags)
    if kind == "e":
        return _scientific(exact, places, negative, flags)
    return _fixed(exact, places, negative, flags)


def _round_significant(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(value.adjusted() - digits + 1), ROUND_HALF_UP)


def _fixed(value: Decimal, places: int, negative: bool, flags: str) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"
    if "#" in flags and places == 0:
        text += "."
    if "," in flags:
        whole, dot, fraction = text.partition(".")
        text = _group(whole) + dot + fraction
    return _signed(text, negative, flags)


def _scientific(value: Decimal, places: int, negative: bool, flags: str) -> str:
    if value.is_zero():
        mantissa, exponent = Decimal(0), 0
    else:
        exponent = value.adjusted()
        mantissa = value.scaleb(-exponent)
        mantissa = mantissa.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if mantissa >= 10:
            mantissa, exponent = mantissa.scaleb(-1), exponent + 1
    body = f"{mantissa.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"
    if "#" in flags and places == 0:
        body += "."
    sign = "-" if exponent < 0 else "+"
    return _signed(f"{body}e{sign}{abs(exponent):02d}", negative, flags)
