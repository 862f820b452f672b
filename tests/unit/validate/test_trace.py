"""Tracing a JSON error in the output back to the template line that caused it."""

from __future__ import annotations

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
