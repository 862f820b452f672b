"""Record what the Java libraries behind ``$util`` return, using the Velocity 1.7 oracle.

Run by hand when inputs change (needs Java and ../shared/oracle):
``python tests/unit/apigw/record_java.py > tests/unit/apigw/java_recorded.json``. The oracle
reaches commons-lang 2.6 ``StringEscapeUtils``, ``java.net.URLEncoder``/``URLDecoder`` through
reflection from a template; doubles print through ``Double.toString``; ``URLDecoder``'s
exceptions come from a small Java program run by ``java`` (JDK 17). Tests replay the file
without Java.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ORACLE = Path(__file__).resolve().parents[3].parent / "shared" / "oracle" / "velocity17"

STRINGS = [
    "it's",
    'say "hi"',
    "a/b",
    "back\\slash",
    "tab\there\nnew\rret\bback\fform",
    "\u0001\u001f\u007f\u0080\u00ff\u0100\u0fff\u1000",
    "caf\u00e9 na\u00efve",
    "\U0001f600 emoji",
    "\u2028\u2029",
    "<script>&amp;</script>",
    "",
    " ",
    "~*'()!._-+=?&%#@:;,$[]{}|^`",
    '{"some": "value"}',
    "some raw data",
    "{}",
    "\u65e5\u672c\u8a9e",
]
ENCODED = [
    "a+b%20c",
    "%7B%22some%22%3A+%22value%22%7D",
    "caf%C3%A9",
    "%F0%9F%98%80",
    "plain",
    "100%25",
    "%e2%82%ac",
    "%C3",
    "%FF%FE",
    "a*b.c-d_e~",
]
# Doubles whose shortest repr Java also prints. Known divergence, not probed: the oracle's JDK
# prints a few values with extra digits (2.0**60 -> 1.15292150460684698E18, 5e-324 -> 4.9E-324).
DOUBLES = [
    0.0,
    1.0,
    10.0,
    0.5,
    0.001,
    0.0001,
    1234567.0,
    9999999.0,
    10000000.0,
    1.5e-5,
    123456.789,
    1e21,
    1e100,
    3.141592653589793,
    -2.5,
    100.0 / 3,
    8.95,
    19.95,
]


# Unpaired UTF-16 surrogates (a Java String can hold them): URLEncoder and getBytes("UTF-8")
# turn each into '?'.
LONE_SURROGATES = ["a\ud800b\udc00c", "\udfff"]
# Bad escapes: URLDecoder throws IllegalArgumentException. Velocity's reflection wraps it in an
# InvocationTargetException without the message, so these run as a plain Java program.
BAD_ESCAPES = ["%G1", "%1G", "abc%4", "%", "%-1", "%+1", "% 1", "%%41", "%4", "%-0", "%X1", "%+G"]
# Base64 of bytes that are not UTF-8: Java's new String(bytes, UTF_8) puts U+FFFD for each bad
# sequence (the same program).
NOT_UTF8_BASE64 = ["/w==", "wyg=", "4oI=", "YWL/Yw=="]
JAVA_PROGRAM = """
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class Decode {
    public static void main(String[] args) throws Exception {
        for (int i = 1; i < args.length; i++) {
            try {
                if (args[0].equals("url")) {
                    System.out.println(java.net.URLDecoder.decode(args[i], "UTF-8"));
                } else {
                    byte[] data = Base64.getDecoder().decode(args[i]);
                    System.out.println(new String(data, StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                System.out.println("ERROR: " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
"""


def _run_java(mode: str, texts: list[str]) -> list[str]:
    """JAVA_PROGRAM's line for each text: ``url`` decodes with URLDecoder, ``base64`` with
    Base64.getDecoder() into a UTF-8 String; an exception prints as ``ERROR: class: message``."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "Decode.java"
        source.write_text(JAVA_PROGRAM, "utf-8")
        done = subprocess.run(
            ["java", str(source), mode, *texts], capture_output=True, text=True, check=True
        )
    return done.stdout.split("\n")[: len(texts)]


def _reflect(cls: str, method: str, arity: int, call: str) -> str:
    types = ", ".join(["$s.getClass()"] * arity)
    return (
        f"#set($c = $s.getClass().forName('{cls}'))"
        f"#set($m = $c.getMethod('{method}', {types}))$m.invoke($s, {call})"
    )


def main() -> None:
    """Run the oracle once over every probe and print the recorded JSON."""
    cases = []
    for text in STRINGS:
        esc = _reflect("org.apache.commons.lang.StringEscapeUtils", "escapeJavaScript", 1, "$in")
        enc = _reflect("java.net.URLEncoder", "encode", 2, "$in, 'UTF-8'")
        b64 = (
            "#set($c = $s.getClass().forName('java.util.Base64'))"
            "#set($e = $c.getMethod('getEncoder').invoke($s))"
            "$e.encodeToString($in.getBytes('UTF-8'))"
        )
        cases += [
            {"template": esc, "context": {"s": "", "in": text}},
            {"template": enc, "context": {"s": "", "in": text}},
            {"template": b64, "context": {"s": "", "in": text}},
        ]
    for text in ENCODED:
        dec = _reflect("java.net.URLDecoder", "decode", 2, "$in, 'UTF-8'")
        cases.append({"template": dec, "context": {"s": "", "in": text}})
    for number in DOUBLES:
        cases.append({"template": "$d", "context": {"d": number}})
    for text in LONE_SURROGATES:
        esc = _reflect("org.apache.commons.lang.StringEscapeUtils", "escapeJavaScript", 1, "$in")
        enc = _reflect("java.net.URLEncoder", "encode", 2, "$in, 'UTF-8'")
        b64 = (
            "#set($c = $s.getClass().forName('java.util.Base64'))"
            "#set($e = $c.getMethod('getEncoder').invoke($s))"
            "$e.encodeToString($in.getBytes('UTF-8'))"
        )
        cases += [
            {"template": enc, "context": {"s": "", "in": text}},
            {"template": b64, "context": {"s": "", "in": text}},
            {"template": esc, "context": {"s": "", "in": text}},
        ]
    done = subprocess.run(
        [str(ORACLE)], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    outputs = iter(json.loads(done.stdout))
    record: dict[str, list[list[object]]] = {
        "escapeJavaScript": [],
        "urlEncode": [],
        "base64Encode": [],
        "urlDecode": [],
        "doubleToString": [],
        "loneSurrogates": [],
        "urlDecodeErrors": [],
        "base64DecodeNotUtf8": [],
    }
    for text in STRINGS:
        record["escapeJavaScript"].append([text, next(outputs)])
        record["urlEncode"].append([text, next(outputs)])
        record["base64Encode"].append([text, next(outputs)])
    for text in ENCODED:
        record["urlDecode"].append([text, next(outputs)])
    for number in DOUBLES:
        record["doubleToString"].append([number, next(outputs)])
    for text in LONE_SURROGATES:
        record["loneSurrogates"].append([text, next(outputs), next(outputs), next(outputs)])
    for text, decoded in zip(BAD_ESCAPES, _run_java("url", BAD_ESCAPES), strict=True):
        record["urlDecodeErrors"].append([text, decoded])
    for text, decoded in zip(NOT_UTF8_BASE64, _run_java("base64", NOT_UTF8_BASE64), strict=True):
        record["base64DecodeNotUtf8"].append([text, decoded])
    json.dump(record, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
