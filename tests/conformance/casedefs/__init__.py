"""Definitions of the plain-VTL conformance corpus, one module per topic.

Each topic module exposes ``TOPIC`` (its name, equal to the module name) and ``CASES`` (a
tuple of :class:`Case`). The generator ``build_cases.py`` records every case's output from the
Apache Velocity 1.7 oracle; the test suite checks that the recorded files still match these
definitions.
"""

from __future__ import annotations

import importlib

from casedefs.model import Case

TOPICS: tuple[str, ...] = (
    "lexing",
    "whitespace",
    "comments",
    "escaping",
    "string_literals",
    "set_directive",
    "conditionals",
    "foreach",
    "macros",
    "collections",
    "arithmetic",
    "comparison",
    "tostring",
    "string_methods",
    "map_methods",
    "list_methods",
    "number_methods",
    "method_arguments",
    "class_names",
)


def topic_cases(topic: str) -> tuple[Case, ...]:
    """The case definitions of one topic, in corpus order."""
    module = importlib.import_module(f"casedefs.{topic}")
    if topic != module.TOPIC:
        raise ValueError(f"casedefs.{topic} declares TOPIC={module.TOPIC!r}")
    return tuple(module.CASES)


def all_topics() -> dict[str, tuple[Case, ...]]:
    """Every topic name mapped to its case definitions, in corpus order."""
    return {topic: topic_cases(topic) for topic in TOPICS}


__all__ = ["TOPICS", "Case", "all_topics", "topic_cases"]
