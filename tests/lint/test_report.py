"""The report formats: text, JSON, GitHub workflow commands and SARIF 2.1.0, exactly.

The SARIF schema is not available offline, so the SARIF output is checked against
:data:`SARIF_SUBSET`, written here by hand from the SARIF 2.1.0 specification for the objects
the reporter emits: every object closed (``additionalProperties: false``, as in the official
schema), the required properties, the enumerations and the minimums.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from vtlgw import __version__
from vtlgw.lint.finding import LintFinding
from vtlgw.lint.registry import ALL_RULES
from vtlgw.lint.report import REPORTERS, github_report, json_report, sarif_report, text_report
from vtlgw.lint.rules.style import UnusedNoqa
from vtlgw.lint.rules.syntax import LoaderDirective, SyntaxError_
from vtlgw.location import SourceLocation

RULES = (SyntaxError_, LoaderDirective, UnusedNoqa)


def finding(
    name: str = "t.vtl",
    span: tuple[int, int, int, int] = (2, 1, 2, 7),
    *,
    code: str = "VTL104",
    message: str = "#parse cannot load another template on API Gateway (ref §5.1)",
    severity: str = "error",
    host_path: str | None = None,
) -> LintFinding:
    rule = {"VTL104": "include-not-supported", "VTL101": "syntax-error"}.get(code, "unused-noqa")
    return LintFinding(
        code=code,
        rule=rule,
        message=message,
        location=SourceLocation(name, *span),
        severity=severity,  # type: ignore[arg-type]
        host_path=host_path,
    )


# --- text ------------------------------------------------------------------------------------


def test_text_is_ruffs_shape_with_a_count() -> None:
    findings = [
        finding(),
        finding("u.vtl", (1, 4, 1, 20), code="VTL502", message="unused", severity="warning"),
    ]
    assert text_report(findings, RULES) == (
        "t.vtl:2:1: VTL104 #parse cannot load another template on API Gateway (ref §5.1)\n"
        "u.vtl:1:4: VTL502 unused\n"
        "Found 2 findings.\n"
    )
    assert text_report(findings[:1], RULES).endswith("\nFound 1 finding.\n")


def test_text_names_the_host_key_of_an_embedded_template() -> None:
    out = text_report([finding("api.yaml", (12, 9, 12, 15), host_path="Resources.M")], RULES)
    assert out.splitlines()[0] == (
        "api.yaml:12:9: VTL104 #parse cannot load another template on API Gateway (ref §5.1) "
        "[Resources.M]"
    )


def test_text_when_clean_and_when_inputs_failed() -> None:
    assert text_report([], RULES) == "All checks passed!\n"
    assert text_report([], RULES, problems=1) == (
        "Found 0 findings; 1 input could not be linted (reported on stderr).\n"
    )
    assert text_report([finding()], RULES, problems=2).splitlines()[-1] == (
        "Found 1 finding; 2 inputs could not be linted (reported on stderr)."
    )


# --- JSON ------------------------------------------------------------------------------------


def test_json_is_an_array_of_the_documented_shape() -> None:
    out = json_report([finding(host_path="Resources.M.Properties")], RULES)
    assert json.loads(out) == [
        {
            "code": "VTL104",
            "rule": "include-not-supported",
            "message": "#parse cannot load another template on API Gateway (ref §5.1)",
            "severity": "error",
            "path": "t.vtl",
            "line": 2,
            "column": 1,
            "end_line": 2,
            "end_column": 7,
            "host_path": "Resources.M.Properties",
        }
    ]
    assert "§" in out  # UTF-8, not \u escapes
    assert json_report([], RULES) == "[]\n"


# --- GitHub ----------------------------------------------------------------------------------


def test_github_annotations() -> None:
    findings = [
        finding(),
        finding(code="VTL502", message="unused", severity="warning", span=(3, 2, 3, 9)),
    ]
    assert github_report(findings, RULES) == (
        "::error file=t.vtl,line=2,col=1,endLine=2,endColumn=7,title=VTL104 "
        "include-not-supported::#parse cannot load another template on API Gateway (ref §5.1)\n"
        "::warning file=t.vtl,line=3,col=2,endLine=3,endColumn=9,title=VTL502 unused-noqa::"
        "unused\n"
    )
    assert github_report([], RULES) == ""


def test_github_escapes_messages_and_properties() -> None:
    odd = finding(
        "dir,x/a:b%c.vtl",
        message="100% wrong: a, b\nnext line\r",
    )
    assert github_report([odd], RULES) == (
        "::error file=dir%2Cx/a%3Ab%25c.vtl,line=2,col=1,endLine=2,endColumn=7,title=VTL104 "
        "include-not-supported::100%25 wrong: a, b%0Anext line%0D\n"
    )


def test_github_without_a_position_names_the_file_only() -> None:
    out = github_report([finding(span=(0, 0, 0, 0))], RULES)
    assert out.startswith("::error file=t.vtl,title=VTL104 include-not-supported::")


# --- SARIF -----------------------------------------------------------------------------------

_TEXT = {"type": "string"}


def _closed(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "required": list(required),
    }


_MESSAGE = _closed({"text": _TEXT, "markdown": _TEXT}, ("text",))
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_POSITIVE = {"type": "integer", "minimum": 1}
SARIF_SUBSET: dict[str, Any] = _closed(
    {
        "$schema": _TEXT,
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "items": _closed(
                {
                    "tool": _closed(
                        {
                            "driver": _closed(
                                {
                                    "name": _TEXT,
                                    "version": _TEXT,
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": _closed(
                                            {
                                                "id": _TEXT,
                                                "name": _TEXT,
                                                "shortDescription": _MESSAGE,
                                                "fullDescription": _MESSAGE,
                                                "help": _MESSAGE,
                                                "defaultConfiguration": _closed(
                                                    {
                                                        "enabled": {"type": "boolean"},
                                                        "level": _LEVEL,
                                                    }
                                                ),
                                            },
                                            ("id",),
                                        ),
                                    },
                                },
                                ("name",),
                            )
                        },
                        ("driver",),
                    ),
                    "invocations": {
                        "type": "array",
                        "items": _closed(
                            {"executionSuccessful": {"type": "boolean"}}, ("executionSuccessful",)
                        ),
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": _closed(
                            {
                                "ruleId": _TEXT,
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": _LEVEL,
                                "message": _closed({"text": _TEXT}, ("text",)),
                                "locations": {
                                    "type": "array",
                                    "items": _closed(
                                        {
                                            "physicalLocation": _closed(
                                                {
                                                    "artifactLocation": _closed(
                                                        {
                                                            "uri": {
                                                                "type": "string",
                                                                "pattern": r"^\S+$",
                                                            }
                                                        }
                                                    ),
                                                    "region": _closed(
                                                        {
                                                            "startLine": _POSITIVE,
                                                            "startColumn": _POSITIVE,
                                                            "endLine": _POSITIVE,
                                                            "endColumn": _POSITIVE,
                                                        },
                                                        ("startLine",),
                                                    ),
                                                },
                                                ("artifactLocation",),
                                            )
                                        }
                                    ),
                                },
                                "properties": {"type": "object"},
                            },
                            ("message",),
                        ),
                    },
                },
                ("tool",),
            ),
        },
    },
    ("version", "runs"),
)


def sarif(findings: list[LintFinding], **kwargs: int) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(sarif_report(findings, ALL_RULES, **kwargs))
    jsonschema.validate(document, SARIF_SUBSET)
    return document


def test_sarif_carries_the_rule_catalogue() -> None:
    run = sarif([])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "vtlgw"
    assert run["tool"]["driver"]["version"] == __version__
    assert [r["id"] for r in rules] == [r.code for r in ALL_RULES]
    first = rules[0]
    assert first["name"] == "syntax-error"
    assert first["shortDescription"] == {"text": "The template does not parse"}
    assert first["defaultConfiguration"] == {"enabled": True, "level": "error"}
    assert "Bad:\n```\n#if(" in first["help"]["markdown"]
    opt_in = next(r for r, rule in zip(rules, ALL_RULES, strict=True) if not rule.default)
    assert opt_in["defaultConfiguration"]["enabled"] is False
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_results() -> None:
    run = sarif(
        [
            finding(),
            finding("api.yaml", (4, 3, 5, 1), code="VTL502", severity="warning", host_path="M"),
        ]
    )["runs"][0]
    first, second = run["results"]
    assert first == {
        "ruleId": "VTL104",
        "ruleIndex": [r.code for r in ALL_RULES].index("VTL104"),
        "level": "error",
        "message": {"text": "#parse cannot load another template on API Gateway (ref §5.1)"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "t.vtl"},
                    "region": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 7},
                }
            }
        ],
    }
    assert second["level"] == "warning"
    assert second["properties"] == {"hostPath": "M"}
    assert second["locations"][0]["physicalLocation"]["region"]["endColumn"] == 1


def test_sarif_a_point_covers_one_character_and_no_position_has_no_region() -> None:
    point, nowhere = sarif([finding(span=(1, 1, 1, 1)), finding(span=(0, 0, 0, 0))])["runs"][0][
        "results"
    ]
    assert point["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 2,
    }
    assert "region" not in nowhere["locations"][0]["physicalLocation"]


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("templates/connect.vtl", "templates/connect.vtl"),
        ("my templates/a b.vtl", "my%20templates/a%20b.vtl"),
        ("templates\\win.vtl", "templates/win.vtl"),
        ("../x%.vtl", "../x%25.vtl"),
        ("<stdin>", "%3Cstdin%3E"),
        ("/abs/dir/a b.vtl", "file:///abs/dir/a%20b.vtl"),
    ],
)
def test_sarif_uris_are_uri_references(name: str, uri: str) -> None:
    result = sarif([finding(name)])["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri


def test_sarif_says_when_inputs_could_not_be_linted() -> None:
    assert sarif([], problems=1)["runs"][0]["invocations"] == [{"executionSuccessful": False}]


def test_every_format_is_registered() -> None:
    assert dict(REPORTERS) == {
        "text": text_report,
        "json": json_report,
        "github": github_report,
        "sarif": sarif_report,
    }


def test_the_subset_schema_rejects_what_the_real_one_rejects() -> None:
    good = sarif([finding()])
    for broken in (
        {**good, "version": "2.0.0"},
        {**good, "extra": 1},
        {"version": "2.1.0"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SARIF_SUBSET)
    result = good["runs"][0]["results"][0]
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(good, SARIF_SUBSET)
