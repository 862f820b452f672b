"""Selection patterns are Java regexes matched against the whole string.

The expected values were recorded from Java itself: each case ran as ``$s.matches($p)`` through
the Velocity 1.7 oracle in shared/oracle (``String.matches`` is a whole-string Java match).
ref §8.2 (D for Java syntax; I, strong, for whole-string matching).
"""

from __future__ import annotations

import pytest

from vtlgw.errors import InputError
from vtlgw.validate.javaregex import java_matches

JAVA_RECORDED = [
    ("a.b", "a\nb", False),
    ("a.b", "a\rb", False),
    ("a.b", "a\u2028b", False),
    ("a.b", "a\x85b", False),
    ("a.b", "a\tb", True),
    ("Not Found", "x Not Found y", False),
    (".*Not Found.*", "x Not Found y", True),
    (".*", "", True),
    (".+", "", False),
    (".*", "line1\nline2", False),
    (".*BadRequest.*", "line1\nBadRequest", False),
    ("(?s).*BadRequest.*", "line1\nBadRequest", True),
    ("[\\s\\S]*BadRequest[\\s\\S]*", "line1\nBadRequest\n", True),
    ("ab$", "ab\n", False),
    ("ab\\z", "ab", True),
    ("\\p{Alpha}+", "ab", True),
    ("\\p{Alpha}+", "aé", False),
    ("\\P{Digit}+", "ab", True),
    ("[\\p{Digit}x]+", "1x2", True),
    ("4\\d{2}", "404", True),
    ("4\\d{2}", "4040", False),
    ("2\\d{2}", "200", True),
    ("\\w+", "aé", False),
    ("\\d", "٣", False),
    ("a\\sb", "a\xa0b", False),
    ("(?i)ab", "AB", True),
    ("(?i)k", "\u212a", False),  # KELVIN SIGN
    ("a[.]b", "a.b", True),
    ("a[.]b", "axb", False),
    ("a[^x]b", "a\nb", True),
    ("\\Qa.b\\E", "a.b", True),
    ("\\Qa.b\\E", "axb", False),
    ("[]a]+", "]a", True),
    ("[^]a]", "b", True),
    ("Invalid.*", 'Invalid input: "x"', True),
    (".*\\[400\\].*", "[400] Bad", True),
    ("(\\n|.)*Error(\\n|.)*", "a\nError\nb", True),
    ("", "", True),
    ("", "x", False),
]


@pytest.mark.parametrize(("pattern", "value", "expected"), JAVA_RECORDED)
def test_matches_like_java_string_matches(pattern: str, value: str, expected: bool) -> None:
    assert java_matches(pattern, value) is expected


def test_none_is_matched_as_empty_string() -> None:
    # ref §8.2 (D): `.*` matches every error, including a null one.
    assert java_matches(".*", None)
    assert not java_matches(".+", None)


@pytest.mark.parametrize("pattern", ["[a-z&&[^aeiou]]", "[a[b]]", "\\p{InGreek}", "(?<x", "a(?s)b"])
def test_unusable_patterns_are_input_errors(pattern: str) -> None:
    with pytest.raises(InputError, match=r"selection pattern|unsupported"):
        java_matches(pattern, "x")
