"""Tracing a JSON error in the output back to the template line that caused it."""

from __future__ import annotations

import pytest

from vtlgw.validate.jsonout import check_json
from vtlgw.validate.trace import trace_json_error

TEMPLATE = """{
  "name": "$input.path('$.name')",
  "count": $input.path('$.missing'),
  "msg": "$util.escapeJavaScript($input.path('$.m'))"
}"""


def _first_offset(output: str) -> int:
    offset = check_json(output).findings[0].offset
    assert offset is not None
    return offset


def test_unquoted_reference_that_rendered_empty_is_found() -> None:
    # ref §9.4 and §11.1 (V): a null reference renders as nothing, leaving `"count": ,`.
    output = '{\n  "name": "bob",\n  "count": ,\n  "msg": "x"\n}'
    spot = trace_json_error(TEMPLATE, output, _first_offset(output))
    assert spot is not None
    assert (spot.line, spot.column) == (3, 12)
    assert spot.snippet == "$input.path('$.missing')"
    assert "rendered empty" in spot.reason


def test_escape_javascript_quote_is_traced() -> None:
    # ref §3.1 (D) and §9.1 (O): escapeJavaScript emits \' which JSON rejects.
    output = '{\n  "name": "bob",\n  "count": 1,\n  "msg": "it\\\'s"\n}'
    spot = trace_json_error(TEMPLATE, output, _first_offset(output))
    assert spot is not None
    assert spot.line == 4
    assert "escapeJavaScript" in spot.reason


def test_reference_is_chosen_by_surrounding_literals() -> None:
    template = '{"a": $x, "b": $y}'
    output = '{"a": 1, "b": }'
    spot = trace_json_error(template, output, _first_offset(output))
    assert spot is not None
    assert spot.snippet == "$y"


def test_no_claim_when_nothing_fits() -> None:
    template = '#set($body = "{")\n$body'
    output = "{"
    assert trace_json_error(template, output, _first_offset(output)) is None


def test_a_spot_carries_its_whole_template_line() -> None:
    output = '{\n  "name": "bob",\n  "count": ,\n  "msg": "x"\n}'
    spot = trace_json_error(TEMPLATE, output, _first_offset(output))
    assert spot is not None
    assert spot.source_line == "  \"count\": $input.path('$.missing'),"


@pytest.mark.parametrize(
    ("separator", "line"),
    [("\n", 3), ("\r\n", 3), ("\r", 3), ("\f", 2), ("\u2028", 2), ("\x85", 2), ("\v", 2)],
)
def test_lines_are_numbered_like_the_engine_numbers_them(separator: str, line: int) -> None:
    # The engine breaks lines at \n, \r\n and \r only (vtlgw.location.LineIndex); a form feed
    # or U+2028 inside a line must not shift the line the error is reported on.
    template = f"#set($a = 1){separator}## note\n" + "{\"count\": $input.path('$.missing')}"
    output = '{"count": }'
    spot = trace_json_error(template, output, _first_offset(output))
    assert spot is not None
    assert (spot.line, spot.column) == (line, 11)
    assert spot.source_line == "{\"count\": $input.path('$.missing')}"


def test_no_claim_when_two_spots_fit_equally_well() -> None:
    # which #if branch ran is not in the output, so either line could be the culprit
    template = (
        "{\n#if($x)\n  \"count\": $input.path('$.a'),\n#else\n"
        '  "count": $input.path(\'$.missing\'),\n#end\n  "z": 1\n}'
    )
    output = '{\n  "count": ,\n  "z": 1\n}'
    assert trace_json_error(template, output, _first_offset(output)) is None


def test_the_better_fit_wins_over_a_weaker_one() -> None:
    # both lines fit `"b": ,` but line 1 also matches the `, ` before `"b"`
    template = '"b": $z,\n{"a": $x, "b": $y, "c": 1}'
    output = '{"a": 1, "b": , "c": 1}'
    spot = trace_json_error(template, output, _first_offset(output))
    assert spot is not None
    assert (spot.line, spot.snippet) == (2, "$y")
