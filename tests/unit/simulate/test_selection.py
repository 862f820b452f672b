"""Template choice, passthrough and integration-response selection rules."""

from __future__ import annotations

import pytest

from vtlgw.simulate.selection import (
    ResponseRule,
    choose_rest_request_template,
    choose_rest_response_template,
    choose_websocket_request_template,
    choose_websocket_response_template,
    media_type,
    select_response,
    websocket_rules,
)

JSON_ONLY = {"application/json": "{}"}


# ref §8.4 (D): every row and column of the passthrough table.
@pytest.mark.parametrize(
    ("templates", "content_type", "behavior", "action", "status"),
    [
        # a template exists for the content type: transform whatever the behaviour
        (JSON_ONLY, "application/json", "WHEN_NO_MATCH", "transform", None),
        (JSON_ONLY, "application/json", "WHEN_NO_TEMPLATES", "transform", None),
        (JSON_ONLY, "application/json", "NEVER", "transform", None),
        # templates exist, none for it
        (JSON_ONLY, "text/plain", "WHEN_NO_MATCH", "passthrough", None),
        (JSON_ONLY, "text/plain", "WHEN_NO_TEMPLATES", "reject", 415),
        (JSON_ONLY, "text/plain", "NEVER", "reject", 415),
        # no templates at all
        ({}, "text/plain", "WHEN_NO_MATCH", "passthrough", None),
        ({}, "text/plain", "WHEN_NO_TEMPLATES", "passthrough", None),
        ({}, "text/plain", "NEVER", "reject", 415),
    ],
)
def test_rest_passthrough_table_ref_8_4_D(
    templates: dict[str, str], content_type: str, behavior: str, action: str, status: int | None
) -> None:
    choice = choose_rest_request_template(templates, content_type, behavior)
    assert (choice.action, choice.status) == (action, status)
    assert choice.key == ("application/json" if action == "transform" else None)


def test_rest_content_type_parameters_ignored_and_absent_means_json_ref_8_4_D() -> None:
    templates = {"application/json": "j", "application/x-www-form-urlencoded": "f"}
    assert choose_rest_request_template(templates, "application/json; charset=UTF-8").key == (
        "application/json"
    )
    assert choose_rest_request_template(templates, None).key == "application/json"
    form = "application/x-www-form-urlencoded;charset=utf-8"
    assert choose_rest_request_template(templates, form).key == "application/x-www-form-urlencoded"


def test_unknown_passthrough_behavior_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown passthrough"):
        choose_rest_request_template({}, None, "SOMETIMES")


def test_media_type() -> None:
    assert media_type("Text/HTML; charset=utf-8, application/json") == "text/html"
    assert media_type("") is None


# ref §6.2 (D): expression value, then $default; (O/I) application/json without expression.
def test_websocket_request_template_by_expression_then_default() -> None:
    templates = {"join": "J", "$default": "D"}
    assert choose_websocket_request_template(templates, "join").key == "join"
    assert choose_websocket_request_template(templates, "leave").key == "$default"
    assert choose_websocket_request_template(templates, None).key == "$default"


def test_websocket_application_json_only_without_expression_ref_6_2_OI() -> None:
    assert choose_websocket_request_template(JSON_ONLY, None).key == "application/json"
    choice = choose_websocket_request_template(JSON_ONLY, "join")
    assert (choice.action, choice.key) == ("passthrough", None)


@pytest.mark.parametrize(
    ("behavior", "action"),
    [("WHEN_NO_MATCH", "passthrough"), ("WHEN_NO_TEMPLATES", "reject"), ("NEVER", "reject")],
)
def test_websocket_passthrough_when_no_key_matches_ref_6_2_D(behavior: str, action: str) -> None:
    assert choose_websocket_request_template({"join": "J"}, "leave", behavior).action == action


def test_rest_response_template_by_accept_ref_8_3_D() -> None:
    templates = {"text/html": "H", "application/json": "J", "application/xml": "X"}
    assert choose_rest_response_template(templates, "text/html").key == "text/html"
    # only the first media type of Accept counts
    assert choose_rest_response_template(templates, "application/xml, text/html").key == (
        "application/xml"
    )
    assert choose_rest_response_template(templates, None).key == "application/json"
    assert choose_rest_response_template(templates, "image/png").key == "application/json"
    assert choose_rest_response_template({"text/html": "H", "text/csv": "C"}, "x/y").key == (
        "text/html"
    )
    assert choose_rest_response_template({}, "text/html").action == "passthrough"


def test_websocket_response_template_ref_6_3_D() -> None:
    templates = {"200": "ok", "$default": "d"}
    assert choose_websocket_response_template(templates, "200").key == "200"
    assert choose_websocket_response_template(templates, "404").key == "$default"
    assert choose_websocket_response_template({"200": "ok"}, "404").action == "passthrough"


REST_RULES = (
    ResponseRule("200", None),
    ResponseRule("400", ".*BadRequest.*"),
    ResponseRule("404", ".*Not Found.*"),
)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("", "200"),  # Lambda success is tested as "" (ref §11.14 (V))
        ("BadRequest: name missing", "400"),
        ("[BadRequest] x", "400"),
        ("Item Not Found", "404"),
        ("Not", "200"),
        # `.` does not match a newline, so a multi-line errorMessage escapes `.*X.*`
        ("line one\nBadRequest", "200"),
    ],
)
def test_selection_patterns_whole_string_ref_8_2(value: str, key: str) -> None:
    assert select_response(REST_RULES, value, endpoint_status=200).key == key


def test_partial_match_is_not_enough_ref_8_2_I() -> None:
    rules = (ResponseRule("400", "BadRequest"), ResponseRule("200", ""))
    selection = select_response(rules, "BadRequest: x", endpoint_status=200)
    assert (selection.key, selection.default_used) == ("200", True)


def test_dot_plus_never_matches_a_success_ref_8_2_V() -> None:
    rules = (ResponseRule("500", ".+"), ResponseRule("200", None))
    assert select_response(rules, "", endpoint_status=200).key == "200"
    assert select_response(rules, "boom", endpoint_status=200).key == "500"


def test_dot_star_acts_as_default_ref_8_2_D() -> None:
    rules = (ResponseRule("500", ".*"),)
    assert select_response(rules, None, endpoint_status=200).key == "500"
    assert select_response(rules, "anything", endpoint_status=200).key == "500"


def test_no_match_no_default_gives_500_log_ref_5_5_O() -> None:
    rules = (ResponseRule("400", "4\\d{2}"),)
    selection = select_response(rules, "502", endpoint_status=502)
    assert selection.key is None
    assert selection.error_log == (
        "Execution failed due to configuration error: No match for output mapping and no "
        "default output mapping configured. Endpoint Response Status Code: 502"
    )


def test_overlapping_patterns_report_all_matches_ref_8_2_U() -> None:
    rules = (ResponseRule("400", "4\\d\\d"), ResponseRule("404", "404"))
    selection = select_response(rules, "404", endpoint_status=404)
    assert selection.key == "400"
    assert selection.matched == ("400", "404")


def test_websocket_rules_from_keys_ref_6_3_D() -> None:
    rules = websocket_rules(["/2\\d\\d/", "$default"])
    assert select_response(rules, "204", endpoint_status=204).key == "/2\\d\\d/"
    assert select_response(rules, "500", endpoint_status=500).key == "$default"
    with pytest.raises(ValueError, match="must be \\$default or /regex/"):
        websocket_rules(["200"])


@pytest.mark.parametrize(
    ("behavior", "action"),
    [("WHEN_NO_MATCH", "passthrough"), ("WHEN_NO_TEMPLATES", "passthrough"), ("NEVER", "reject")],
)
def test_websocket_without_templates_ref_6_2_D(behavior: str, action: str) -> None:
    # The "no templates at all" row of the passthrough table, on a WebSocket integration.
    assert choose_websocket_request_template({}, None, behavior).action == action
    assert choose_websocket_request_template({}, "join", behavior).action == action


def test_empty_pattern_beside_a_default_is_a_default_not_a_regex_ref_8_1_D() -> None:
    # An empty pattern would whole-match "" (a Lambda success, ref §11.14 (V)) if it were tried
    # as a regex; API Gateway treats it as the default response instead (ref §8.1 (D)).
    rules = (ResponseRule("200", None), ResponseRule("500", ""))
    success = select_response(rules, "", endpoint_status=200)
    assert (success.key, success.matched, success.default_used) == ("200", (), True)
    assert select_response(rules, "boom", endpoint_status=200).key == "200"
    first = select_response(tuple(reversed(rules)), "", endpoint_status=200)
    assert (first.key, first.default_used) == ("500", True)


def test_reasons_quote_values_as_written() -> None:
    choice = choose_websocket_request_template({"$default": "D"}, "it's\na\\b")
    assert choice.reason == "no template 'it's\\na\\b'; using $default"
