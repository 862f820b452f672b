"""VTL4xx rules: the 300 KB template limit (VTL401) and the 1000-iteration #foreach cap (VTL402).

(Named ``test_lint_limits.py`` because ``tests/unit/engine/test_limits.py`` exists and the test
folders are not packages.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.lint.context import MAX_PARSED_SIZE
from vtlgw.lint.linter import Linter
from vtlgw.lint.rules.limits import FOREACH_CAP, MAX_TEMPLATE_BYTES
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource

ROOT = Path(__file__).resolve().parents[3]
REAL_TEMPLATES = sorted(
    [*ROOT.glob("templates/*.vtl"), *ROOT.glob("fixtures/integrations/templates/*")]
)


def lint(text: str, select: str = "VTL4") -> list[tuple[str, int, int, str]]:
    findings = Linter(Selection(select=(select,))).lint(LintSource(text, "t.vtl"))
    return [(f.code, f.location.line, f.location.column, f.message) for f in findings]


# --- VTL401 template-too-large ------------------------------------------------------------


def test_the_limit_is_300_kib_as_the_engine_enforces() -> None:
    from vtlgw.engine.runtime import Options

    assert MAX_TEMPLATE_BYTES == 307_200 == Options().max_template_size


def test_a_template_at_the_limit_is_clean_one_byte_more_is_reported() -> None:
    at_limit = "x" * MAX_TEMPLATE_BYTES
    assert lint(at_limit, "VTL401") == []
    assert lint(at_limit + "y", "VTL401") == [
        (
            "VTL401",
            1,
            1,
            "the template is 307,201 bytes of UTF-8; API Gateway refuses mapping templates "
            "over 300 KB (307,200 bytes) at deployment (ref §5.4): move constant data out of "
            "the template",
        )
    ]


def test_size_counts_utf8_bytes_not_characters() -> None:
    text = "\u20ac" * 102_401  # three bytes each: 307,203 bytes in 102,401 characters
    [(code, line, column, message)] = lint(text, "VTL401")
    assert (code, line, column) == ("VTL401", 1, 1)
    assert message.startswith("the template is 307,203 bytes of UTF-8;")


def test_a_template_too_large_to_parse_is_still_reported() -> None:
    text = '{"a": "' + "x" * (MAX_PARSED_SIZE + 10) + '"}'
    findings = lint(text, "VTL")
    assert [(code, line, column) for code, line, column, _ in findings] == [("VTL401", 1, 1)]


def test_the_catalogue_example_stands_for_a_large_template() -> None:
    from vtlgw.lint.rules.limits import TemplateTooLarge

    assert lint(TemplateTooLarge.bad, "VTL401") == []  # as printed, the example is small
    expanded = TemplateTooLarge.example(TemplateTooLarge.bad)
    assert len(expanded.encode()) > 307_200
    assert [code for code, *_ in lint(expanded, "VTL401")] == ["VTL401"]
    assert TemplateTooLarge.example(TemplateTooLarge.good) == TemplateTooLarge.good


# --- VTL402 foreach-over-cap --------------------------------------------------------------


def test_range_literal_over_the_cap() -> None:
    text = '[\n  #foreach($i in [1..2000])"$i"#if($foreach.hasNext),#end#end\n]'
    assert lint(text) == [
        (
            "VTL402",
            2,
            3,
            "this #foreach walks 2,000 items, but API Gateway stops every #foreach after 1000 "
            "iterations (ref §5.4): the rest is never rendered",
        )
    ]


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("#foreach($i in [2000..1])$i#end", 2000),
        ("#foreach($i in [0..1000])$i#end", 1001),
        ("#foreach($i in [-500..500])$i#end", 1001),
        ("#set($r = [1..5000])\n#foreach($i in $r)$i#end", 5000),
        ("#foreach($i in [" + ", ".join(["1"] * 1001) + "])$i#end", 1001),
    ],
    ids=["reversed", "from-zero", "negative", "through-a-variable", "list-literal"],
)
def test_sizes_known_without_rendering(text: str, size: int) -> None:
    [(code, _, _, message)] = lint(text)
    assert code == "VTL402"
    assert message.startswith(f"this #foreach walks {size:,} items,")


@pytest.mark.parametrize(
    "text",
    [
        "#foreach($i in [1..1000])$i#end",
        "#foreach($i in [0..999])$i#end",
        "#foreach($i in [0..$max])$i#end",
        "#set($r = [1..5000])#set($r = [1..2])#foreach($i in $r)$i#end",
        "#foreach($r in [[1..2000]])#foreach($i in $r)$i#end#end",
        "#foreach($i in $input.path('$.items'))$i#end",
        "#foreach($i [1..2000])$i#end",
    ],
)
def test_loops_within_the_cap_or_of_unknown_size_are_clean(text: str) -> None:
    assert lint(text) == []


def test_the_cap_is_the_engines() -> None:
    from vtlgw.engine.runtime import Options

    assert FOREACH_CAP == Options().foreach_cap == 1000


@pytest.mark.parametrize("path", REAL_TEMPLATES, ids=lambda path: path.name)
def test_repository_templates_are_clean(path: Path) -> None:
    assert lint(path.read_text(encoding="utf-8")) == []
