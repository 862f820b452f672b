"""The API Gateway facts of the reference, one case each, rendered with ``vtlgw.Engine()``.

``cases.json`` restates the engine-level facts of ``apigateway-vtl.md`` (§5.3, §5.4 and
§11 items 1-5, 10 and 11) as templates with the output the reference says API Gateway gives.
The expected outputs come from the reference's statements, never from running vtlgw. Each case
names its section and confidence tag in ``source`` and the sentence it checks in ``fact``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

import vtlgw
from vtlgw.engine.values import JsonList
from vtlgw.errors import LimitExceeded, TemplateRuntimeError, TemplateSyntaxError, VtlgwError

CASES_FILE = Path(__file__).resolve().parent / "cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))

# The vtlgw error a case may name in "error" (an allowlist, not a lookup by name).
ERRORS: MappingProxyType[str, type[VtlgwError]] = MappingProxyType(
    {
        "TemplateSyntaxError": TemplateSyntaxError,
        "TemplateRuntimeError": TemplateRuntimeError,
        "LimitExceeded": LimitExceeded,
    }
)
REQUIRED_KEYS = frozenset({"id", "template", "context", "source", "fact"})
OPTIONAL_KEYS = frozenset({"expected", "error", "json_arrays", "options", "padding"})
SOURCE_RE = re.compile(
    r"^apigateway-vtl\.md §(?P<section>\d+\.\d+) \((?P<tag>[DVOIU](?:/[DVOIU])?)\)"
    r"(?:, §\d+\.\d+ \([DVOIU]\))*$"
)
# Every section the cases must cover, with the fewest cases each must have: every bullet of
# §11.1-§11.5, §11.10 and §11.11 and every engine-level row of §5.3, several phrasings each.
MIN_CASES_PER_SECTION: MappingProxyType[str, int] = MappingProxyType(
    {
        "5.3": 6,
        "5.4": 5,
        "11.1": 8,
        "11.2": 10,
        "11.3": 8,
        "11.4": 8,
        "11.5": 6,
        "11.10": 12,
        "11.11": 8,
    }
)


def _as_json_arrays(value: Any) -> Any:
    """Turn every list into a :class:`JsonList`, as ``$input.path`` and ``parseJson`` give."""
    if isinstance(value, list):
        return JsonList(_as_json_arrays(item) for item in value)
    if isinstance(value, dict):
        return {key: _as_json_arrays(item) for key, item in value.items()}
    return value


def template_of(case: dict[str, Any]) -> str:
    """The case's template, behind a ``#* *#`` comment that pads it to ``padding.bytes``."""
    template: str = case["template"]
    padding = case.get("padding")
    if padding is None:
        return template
    room = padding["bytes"] - len(f"#**#{template}".encode())
    char: str = padding["char"]
    count, rest = divmod(room, len(char.encode()))
    padded: str = "#*" + char * count + "x" * rest + "*#" + template
    assert len(padded.encode()) == padding["bytes"]
    return padded


def context_of(case: dict[str, Any]) -> dict[str, Any]:
    """The case's variables, with JSON arrays when the case asks for them."""
    context: dict[str, Any] = case["context"]
    return _as_json_arrays(context) if case.get("json_arrays") else context


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_fact(case: dict[str, Any]) -> None:
    """One reference fact: API Gateway's output, or the vtlgw error for its failure."""
    engine = vtlgw.Engine(**case.get("options", {}))
    template, context = template_of(case), context_of(case)
    if "error" in case:
        with pytest.raises(ERRORS[case["error"]]):
            engine.render(template, context)
    else:
        assert engine.render(template, context) == case["expected"], (
            f"{case['source']}: {case['fact']}"
        )


def test_cases_are_well_formed() -> None:
    """Every case has one outcome, a unique id, a traceable source and a stated fact."""
    counts = Counter(case["id"] for case in CASES)
    assert [case_id for case_id, n in counts.items() if n > 1] == []
    for case in CASES:
        assert REQUIRED_KEYS <= case.keys() <= REQUIRED_KEYS | OPTIONAL_KEYS, case["id"]
        assert ("expected" in case) != ("error" in case), case["id"]
        assert case.get("error", "TemplateSyntaxError") in ERRORS, case["id"]
        match = SOURCE_RE.match(case["source"])
        assert match is not None, case["id"]
        assert case["id"].startswith(match.group("section") + "-"), case["id"]
        assert case["fact"].strip().endswith("."), case["id"]
        options = case.get("options", {})
        assert set(options) <= set(vtlgw.Options.__dataclass_fields__), case["id"]


def test_every_section_is_covered() -> None:
    """The cases restate each engine-level section of the reference several ways."""
    per_section = Counter(
        SOURCE_RE.match(case["source"]).group("section")  # type: ignore[union-attr]
        for case in CASES
    )
    assert set(per_section) == set(MIN_CASES_PER_SECTION)
    short = {
        section: per_section[section]
        for section, least in MIN_CASES_PER_SECTION.items()
        if per_section[section] < least
    }
    assert short == {}
