"""Checks on the recorded conformance corpus itself: shape, ids, size, and agreement with the
case definitions in ``casedefs/`` (so nobody edits an expected output by hand or forgets to
re-record after changing a definition).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from casedefs import TOPICS, topic_cases
from conformance_data import ERROR_CLASSES, SOURCE, case_files, load_cases

MIN_CASES = 650
REQUIRED_KEYS = frozenset({"id", "topic", "template", "context", "note", "source"})
ID_RE = re.compile(r"^(?P<topic>[a-z_]+)-(?P<num>\d{3,})$")


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    """Every recorded case."""
    return load_cases()


def test_corpus_is_big_enough(cases: list[dict[str, Any]]) -> None:
    assert len(cases) >= MIN_CASES


def test_ids_are_unique_and_well_formed(cases: list[dict[str, Any]]) -> None:
    counts = Counter(c["id"] for c in cases)
    assert [i for i, n in counts.items() if n > 1] == []
    for case in cases:
        match = ID_RE.match(case["id"])
        assert match is not None, case["id"]
        assert match.group("topic") == case["topic"], case["id"]


def test_every_topic_has_a_file_and_no_file_is_stray() -> None:
    assert [p.stem for p in case_files()] == sorted(TOPICS)


def test_each_file_holds_only_its_topic() -> None:
    for path in case_files():
        recorded = json.loads(path.read_text(encoding="utf-8"))
        assert recorded, path.name
        assert {c["topic"] for c in recorded} == {path.stem}


def test_every_case_has_exactly_one_outcome(cases: list[dict[str, Any]]) -> None:
    for case in cases:
        assert case.keys() >= REQUIRED_KEYS, case["id"]
        assert case["source"] == SOURCE, case["id"]
        assert isinstance(case["template"], str) and isinstance(case["context"], dict)
        assert case["note"].strip(), case["id"]
        if "error" in case:
            assert "expected" not in case, case["id"]
            assert case["error_message"].startswith("ERROR: "), case["id"]
        else:
            assert isinstance(case["expected"], str), case["id"]
            assert not case["expected"].startswith("ERROR: "), case["id"]


def test_every_error_class_has_a_vtlgw_counterpart(cases: list[dict[str, Any]]) -> None:
    unknown = {c["error"] for c in cases if "error" in c} - ERROR_CLASSES.keys()
    assert unknown == set()


def test_every_topic_has_outputs_and_errors_are_a_minority(cases: list[dict[str, Any]]) -> None:
    for topic in TOPICS:
        topic_cases_ = [c for c in cases if c["topic"] == topic]
        rendered = [c for c in topic_cases_ if "expected" in c]
        assert len(rendered) * 2 > len(topic_cases_), topic


@pytest.mark.parametrize("topic", TOPICS)
def test_recorded_file_matches_definitions(topic: str) -> None:
    """Re-run ``python tests/conformance/build_cases.py`` when this fails."""
    path = next(p for p in case_files() if p.stem == topic)
    recorded = json.loads(path.read_text(encoding="utf-8"))
    defined = topic_cases(topic)
    recorded_keys = [json.dumps([r["template"], r["context"]], sort_keys=True) for r in recorded]
    assert sorted(recorded_keys) == sorted(c.key() for c in defined)
    notes = {json.dumps([r["template"], r["context"]], sort_keys=True): r["note"] for r in recorded}
    assert all(notes[c.key()] == c.note for c in defined)
