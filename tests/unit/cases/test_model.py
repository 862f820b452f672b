"""Loading case files: the accepted forms and precise errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.cases.model import load_cases
from vtlgw.errors import InputError

ROOT = Path(__file__).parents[3]
FIXTURES = ROOT / "fixtures"
CHECK = "expect: {output: a}"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(text, "utf-8")
    return path


def _error(tmp_path: Path, text: str) -> InputError:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_cases(path)
    return info.value


def test_fixture_case_files_load() -> None:
    files = sorted((FIXTURES / "cases").glob("*.vtlcase.yaml"))
    assert files
    for path in files:
        cases = load_cases(path)
        assert all(case.name and case.line > 0 for case in cases)


def test_event_forms(tmp_path: Path) -> None:
    (tmp_path / "e.json").write_text('{"body": "x", "requestContext": {"stage": "s"}}')
    path = _write(
        tmp_path,
        f"- {{template_text: a, event: e.json, {CHECK}}}\n"
        f"- {{template_text: a, event: {{file: e.json}}, {CHECK}}}\n"
        f"- {{template_text: a, event: {{inline: {{body: y}}}}, {CHECK}}}\n"
        f"- {{template_text: a, event: {{route: message, seed: 4, body: z}}, {CHECK}}}\n",
    )
    cases = load_cases(path)
    assert [case.event.get("body") for case in cases] == ["x", "x", "y", "z"]
    assert cases[3].event["requestContext"]["eventType"] == "MESSAGE"
    assert load_cases(path)[3].event == cases[3].event  # seeded events are reproducible


def test_inline_events_shared_by_an_alias_are_separate_copies(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"- {{template_text: a, event: {{inline: &e {{headers: {{A: b}}}}}}, {CHECK}}}\n"
        f"- {{template_text: a, event: {{inline: *e}}, {CHECK}}}\n",
    )
    first, second = load_cases(path)
    assert first.event == second.event
    assert first.event["headers"] is not second.event["headers"]


def test_backend_inline_and_file(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("status: 404\n")
    integration = FIXTURES / "integrations" / "rest-http.yaml"
    check = "expect: {client_status: 200}"
    path = _write(
        tmp_path,
        f"cases:\n"
        f"  - {{integration: {integration}, event: {{route: rest}}, backend: {{status: 201}}, "
        f"{check}}}\n"
        f"  - {{integration: {integration}, event: {{route: rest}}, backend: {{file: b.yaml}}, "
        f"{check}}}\n",
    )
    assert [case.backend.status for case in load_cases(path) if case.backend] == [201, 404]


def test_case_names_default_to_their_index(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"- {{name: first, template_text: a, event: {{route: rest}}, {CHECK}}}\n"
        f"- {{template_text: a, event: {{route: rest}}, {CHECK}}}\n",
    )
    assert [(case.name, case.line) for case in load_cases(path)] == [("first", 1), ("case 1", 2)]


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("cases: []\n", "1:8", "cases: expected a non-empty list of cases, found an empty list"),
        ("cases: 3\n", "1:8", "cases: expected a non-empty list of cases, found a number"),
        (
            "case: []\n",
            "1:1",
            "case: unknown key (did you mean 'cases'?); expected one of cases",
        ),
        ("- 3\n", "1:3", "[0]: expected a case (a mapping), found a number"),
        (
            f"- {{event: {{route: rest}}, {CHECK}}}\n",
            "1:3",
            "[0]: expected one of template, template_text, integration; found none",
        ),
        (
            f"- {{template: a.vtl, template_text: a, event: {{route: rest}}, {CHECK}}}\n",
            "1:21",
            "[0].template_text: a case takes exactly one of template, template_text, "
            "integration; found template and template_text",
        ),
        (
            f"- {{Template_Text: a, event: {{route: rest}}, {CHECK}}}\n",
            "1:4",
            "[0].Template_Text: unknown key (did you mean 'template_text'?); expected one of "
            "name, template, template_text, integration, event, backend, stage_variables, "
            "context, expect",
        ),
        (
            f"- {{template_text: a, {CHECK}}}\n",
            "1:3",
            "[0].event: is required; expected a file path, {file: path}, {inline: {...}} or "
            "{route: connect|message|...}",
        ),
        (
            f"- {{name: 3, template_text: a, event: {{route: rest}}, {CHECK}}}\n",
            "1:10",
            "[0].name: expected the case name as a string, found a number",
        ),
        (
            f"- {{template_text: [a], event: {{route: rest}}, {CHECK}}}\n",
            "1:19",
            "[0].template_text: expected the template as a string, found a list",
        ),
        (
            f"- {{template_text: a, event: {{route: rest}}, stage_variables: {{a: [1]}}, "
            f"{CHECK}}}\n",
            "1:65",
            "[0].stage_variables.a: stage variables are strings; found a list",
        ),
        (
            f"- {{template_text: a, event: {{route: rest}}, stage_variables: {{v: 1.10}}, "
            f"{CHECK}}}\n",
            "1:65",
            "[0].stage_variables.v: stage variables are strings; found a number; quote it",
        ),
        (
            f"- {{template_text: a, event: {{route: rest}}, stage_variables: [a], {CHECK}}}\n",
            "1:61",
            "[0].stage_variables: expected a mapping of stage variable names to values, "
            "found a list",
        ),
        (
            f"- {{template_text: a, event: {{route: rest}}, context: {{t: 2024-01-01}}, "
            f"{CHECK}}}\n",
            "1:57",
            "[0].context.t: expected a JSON value, found a date (quote it to make it a string)",
        ),
        (
            f"- {{template_text: a, event: {{route: rest}}, backend: {{status: 200}}, {CHECK}}}\n",
            "1:44",
            "[0].backend: backend applies only to integration cases; this case renders a template",
        ),
        (
            "- [unclosed\n",
            "2:1",
            "not valid YAML/JSON: expected ',' or ']', but got '<stream end>'",
        ),
    ],
)
def test_invalid_case_files_say_where_and_what(
    tmp_path: Path, text: str, position: str, message: str
) -> None:
    error = _error(tmp_path, text)
    assert str(error).splitlines()[0] == f"{tmp_path / 'c.vtlcase.yaml'}:{position}: {message}"


def test_inline_backend_errors_keep_their_case_file_position(tmp_path: Path) -> None:
    integration = FIXTURES / "integrations" / "rest-http.yaml"
    error = _error(
        tmp_path,
        f"- integration: {integration}\n"
        "  event: {route: rest}\n"
        "  backend: {status: 99}\n"
        "  expect: {client_status: 200}\n",
    )
    assert str(error).splitlines()[0] == (
        f"{tmp_path / 'c.vtlcase.yaml'}:3:21: "
        "[0].backend.status: expected an HTTP status 100-599, found 99"
    )


def test_inline_backend_values_must_be_json(tmp_path: Path) -> None:
    integration = FIXTURES / "integrations" / "rest-http.yaml"
    error = _error(
        tmp_path,
        f"- integration: {integration}\n"
        "  event: {route: rest}\n"
        "  backend: {body: {when: 2024-01-01}}\n"
        "  expect: {client_status: 200}\n",
    )
    assert str(error).splitlines()[0] == (
        f"{tmp_path / 'c.vtlcase.yaml'}:3:26: "
        "[0].backend.body.when: expected a JSON value, found a date (quote it to make it a string)"
    )
