"""Loading case files: the accepted forms and precise errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.cases.model import load_cases
from vtlgw.errors import InputError

ROOT = Path(__file__).parents[3]
FIXTURES = ROOT / "fixtures"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(text)
    return path


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
        "- {template_text: a, event: e.json}\n"
        "- {template_text: a, event: {file: e.json}}\n"
        "- {template_text: a, event: {inline: {body: y}}}\n"
        "- {template_text: a, event: {route: message, seed: 4, body: z}}\n",
    )
    cases = load_cases(path)
    assert [case.event.get("body") for case in cases] == ["x", "x", "y", "z"]
    assert cases[3].event["requestContext"]["eventType"] == "MESSAGE"
    assert load_cases(path)[3].event == cases[3].event  # seeded events are reproducible


def test_backend_inline_and_file(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("status: 404\n")
    integration = FIXTURES / "integrations" / "rest-http.yaml"
    path = _write(
        tmp_path,
        f"cases:\n"
        f"  - {{integration: {integration}, event: {{route: rest}}, backend: {{status: 201}}}}\n"
        f"  - {{integration: {integration}, event: {{route: rest}}, backend: {{file: b.yaml}}}}\n",
    )
    assert [case.backend.status for case in load_cases(path) if case.backend] == [201, 404]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("cases: []\n", 1, 8, "cases: expected a non-empty list of cases"),
        ("other: 1\n", 1, 1, "other: unknown key; expected one of cases"),
        ("- {event: {route: rest}}\n", 1, 3, "expected exactly one of template, template_text"),
        ("- template_text: a\n", 1, 3, "[0].event: is required"),
        ("- {template_text: a, event: {route: ws}}\n", 1, 37, "expected one of connect, message"),
        ("- {template_text: a, event: {route: rest, seed: x}}\n", 1, 49, "expected an integer"),
        (
            "- {template_text: a, event: {route: rest, colour: red}}\n",
            1,
            43,
            "[0].event.colour: unknown event override; expected one of account_id",
        ),
        ("- {template_text: a, event: {nothing: 1}}\n", 1, 29, "expected a file path"),
        ("- {template_text: a, event: e.json}\n", 0, 0, "cannot read event file"),
        (
            "- {template_text: a, event: {inline: {headers: 7}}}\n",
            1,
            38,
            "[0].event.inline: headers: expected an object or null, found a number",
        ),
        ("- {template: nope.vtl, event: {route: rest}}\n", 1, 14, "cannot read template"),
        ("- {template_text: a, event: {route: rest}, expect: {outptu: x}}\n", 1, 53, "unknown key"),
        (
            "- {template_text: a, event: {route: rest}, expect: {connection: open}}\n",
            1,
            65,
            "expected accepted or refused",
        ),
        (
            "- {template_text: a, event: {route: rest}, expect: {client_status: ok}}\n",
            1,
            68,
            "expected an integer status",
        ),
        (
            "- {template_text: a, event: {route: rest}, expect: {response: {status: 1}}}\n",
            1,
            64,
            "[0].expect.response.status: unknown key",
        ),
        (
            "- {template_text: a, event: {route: rest}, backend: {status: 99}}\n",
            1,
            62,
            "[0].backend.status: expected an HTTP status 100-599",
        ),
        ("- [unclosed\n", 2, 1, "not valid YAML/JSON"),
    ],
)
def test_invalid_case_files_say_where_and_what(
    tmp_path: Path, text: str, line: int, column: int, fragment: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_cases(path)
    error = info.value
    assert fragment in error.message
    assert (error.line, error.column) == (line, column)
    assert str(path) in error.name or "e.json" in error.name
