"""``$util``: the six helper functions API Gateway gives every mapping template (ref §3).

Each function reproduces the Java library API Gateway is built on, character for character:
``escapeJavaScript`` is commons-lang ``StringEscapeUtils.escapeJavaScript`` (§3.1, I),
``urlEncode``/``urlDecode`` are ``java.net.URLEncoder``/``URLDecoder`` with UTF-8 (§3.2, V),
``base64Encode``/``base64Decode`` are standard padded base64 of the UTF-8 bytes (§11.9, V) and
``parseJson`` gives the same object model as ``$input.path`` (§3, D). A null argument yields
null, which renders empty (§11.9, V). Any other member, AppSync's ``toJson`` included, does not
exist (§4, O).
"""

from __future__ import annotations

import base64
import binascii
import re
from types import MappingProxyType
from typing import Any, ClassVar

from vtlgw.apigw.jsonvalue import JsonSyntaxError, parse_json
from vtlgw.engine.javatypes import to_string
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.values import MISSING, VtlObject

_URL_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-*_")
_BASE64_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")
_JS_ESCAPES = MappingProxyType(
    {
        "'": "\\'",
        '"': '\\"',
        "\\": "\\\\",
        "/": "\\/",
        "\b": "\\b",
        "\n": "\\n",
        "\t": "\\t",
        "\f": "\\f",
        "\r": "\\r",
    }
)


# Printable ASCII that escapeJavaScript leaves alone (everything but ' " \ /).
_JS_PLAIN = re.compile(r"[ !#-&(-.0-\[\]-~]*")


def java_string(value: Any) -> str:
    """``String.valueOf(value)``: Java ``toString`` of any value-model value (null gives "")."""
    if isinstance(value, str):
        return value
    text = to_string(value)
    return "" if text is None else text


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [data[i] | (data[i + 1] << 8) for i in range(0, len(data), 2)]


def escape_javascript(text: str) -> str:
    """commons-lang 2.6 ``escapeJavaScript``: ``'`` -> ``\\'``, ``/`` -> ``\\/``, and every
    UTF-16 unit above U+007F or below U+0020 as ``\\uXXXX`` (uppercase hex) unless it has a short
    escape (ref §3.1, I; quote behaviour D)."""
    if _JS_PLAIN.fullmatch(text):
        return text  # nothing to escape: the common case, kept cheap
    out: list[str] = []
    for unit in _utf16_units(text):
        if unit > 0x7F:
            out.append(f"\\u{unit:04X}")
        elif unit < 0x20:
            out.append(_JS_ESCAPES.get(chr(unit)) or f"\\u{unit:04X}")
        else:
            char = chr(unit)
            out.append(_JS_ESCAPES.get(char, char))
    return "".join(out)


def url_encode(text: str) -> str:
    """``URLEncoder.encode(text, "UTF-8")``: keep ``A-Za-z0-9.-*_``, space as ``+``, every other
    UTF-8 byte as ``%XX`` (ref §3.2, V). Unpaired surrogates encode as ``?`` like Java does."""
    out: list[str] = []
    for byte in text.encode("utf-8", "replace"):
        if byte in _URL_SAFE:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def url_decode(text: str) -> str:
    """``URLDecoder.decode(text, "UTF-8")``: ``+`` is a space, runs of ``%XX`` are UTF-8 bytes.

    Raises ValueError with Java's message for a bad or truncated escape, as Java throws
    IllegalArgumentException there.
    """
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "+":
            out.append(" ")
            index += 1
        elif char == "%":
            data = bytearray()
            while index < length and text[index] == "%":
                if index + 2 >= length:
                    raise ValueError("URLDecoder: Incomplete trailing escape (%) pattern")
                data.append(_escaped_byte(text[index + 1 : index + 3]))
                index += 3
            out.append(data.decode("utf-8", "replace"))
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _escaped_byte(digits: str) -> int:
    """The byte of a ``%XX`` escape as URLDecoder reads it: ``Integer.parseInt(digits, 16)``
    (an optional sign, then hex digits) with JDK 17's messages for what it rejects."""
    bad = "URLDecoder: Illegal hex characters in escape (%) pattern - "
    first = 1 if digits[0] in "+-" else 0
    for offset in range(first, len(digits)):
        if not _is_hex_digit(digits[offset]):
            raise ValueError(f'{bad}Error at index {offset} in: "{digits}"')
    value = int(digits, 16)
    if value < 0:
        raise ValueError(f"{bad}negative value")
    return value


def _is_hex_digit(char: str) -> bool:
    try:
        int(char, 16)  # like Character.digit(char, 16): Unicode decimal digits count too
    except ValueError:
        return False
    return True


def base64_encode(text: str) -> str:
    """Standard padded base64 (``+/``) of the UTF-8 bytes, no line breaks (ref §11.9, V)."""
    return base64.b64encode(text.encode("utf-8", "replace")).decode("ascii")


def base64_decode(text: str) -> str:
    """Decode standard base64 to UTF-8 text; characters outside the alphabet are skipped and
    missing padding is tolerated (lenient, like commons-codec: I)."""
    cleaned = "".join(ch for ch in text if ch in _BASE64_ALPHABET)
    cleaned = cleaned.replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        data = base64.b64decode(cleaned)
    except binascii.Error as exc:
        raise ValueError(f"invalid base64 text: {exc}") from None
    return data.decode("utf-8", "replace")


class Util(VtlObject):
    """The ``$util`` object. Only its six documented methods exist."""

    java_class_name: ClassVar[str] = "com.amazonaws.apigateway.Util"

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """Run ``$util.name(args)``; MISSING for unknown names or a wrong argument count."""
        function = _FUNCTIONS.get(name)
        if function is None or len(args) != 1:
            return MISSING
        value = args[0]
        if value is None or value is MISSING:
            return None
        try:
            return function(value)
        except ValueError as exc:
            # the engine reports it as Velocity does: "Invocation of method ... threw ..."
            java_class = _EXCEPTIONS.get(name, "java.lang.IllegalArgumentException")
            raise JavaException(java_class, str(exc)) from exc


def _parse(value: Any) -> Any:
    try:
        return parse_json(java_string(value))
    except JsonSyntaxError as exc:
        raise ValueError(f"Unexpected character: {exc}") from None


_EXCEPTIONS = MappingProxyType({"parseJson": "net.minidev.json.parser.ParseException"})
_FUNCTIONS = MappingProxyType(
    {
        "escapeJavaScript": lambda value: escape_javascript(java_string(value)),
        "urlEncode": lambda value: url_encode(java_string(value)),
        "urlDecode": lambda value: url_decode(java_string(value)),
        "base64Encode": lambda value: base64_encode(java_string(value)),
        "base64Decode": lambda value: base64_decode(java_string(value)),
        "parseJson": _parse,
    }
)
