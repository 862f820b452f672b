"""Explain every plain-VTL corpus case the ``apigateway`` flavor renders differently.

For each case recorded from Velocity 1.7 in ``cases/*.json``, render it with ``vtlgw.Engine()``.
Where the outcome differs from the recording, search the smallest set of deviation options
(the :class:`vtlgw.Options` fields whose ``apigateway`` default differs from ``velocity``'s)
which, switched back to their ``velocity`` values on an otherwise ``apigateway`` engine,
reproduces the recording exactly. The result is written to ``apigateway/deviations.json``
(case id -> sorted option names). A differing case that no set explains is an engine bug: it is
listed on stderr, left out of the file, and the script exits with status 1.

    python tests/conformance/build_apigateway_deviations.py           # rewrite the file
    python tests/conformance/build_apigateway_deviations.py --check   # compare, write nothing
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import itertools
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "apigateway" / "deviations.json"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # conformance_data, when run as a script

from conformance_data import ERROR_CLASSES, load_cases  # noqa: E402

import vtlgw  # noqa: E402
from vtlgw.errors import VtlgwError  # noqa: E402

# Options that name the flavor rather than change behaviour.
NOT_DEVIATIONS = frozenset({"flavor"})


def velocity_values() -> dict[str, Any]:
    """Each deviation option with its ``velocity`` value (fields whose defaults differ)."""
    agw = dataclasses.asdict(vtlgw.Options.for_flavor("apigateway"))
    vel = dataclasses.asdict(vtlgw.Options.for_flavor("velocity"))
    return {
        name: value
        for name, value in vel.items()
        if name not in NOT_DEVIATIONS and agw[name] != value
    }


def matches_record(engine: vtlgw.Engine, case: Mapping[str, Any]) -> bool:
    """Whether ``engine`` reproduces the case's recorded Velocity 1.7 outcome exactly."""
    try:
        rendered = engine.render(case["template"], copy.deepcopy(case["context"]))
    except VtlgwError as error:
        return "error" in case and isinstance(error, ERROR_CLASSES[case["error"]])
    return "error" not in case and rendered == case["expected"]


class Explainer:
    """Finds, per case, the smallest set of options to switch back; one engine per set."""

    def __init__(self, reverts: Mapping[str, Any]) -> None:
        self.reverts = dict(reverts)
        self._engines: dict[tuple[str, ...], vtlgw.Engine] = {}

    def engine(self, options: tuple[str, ...]) -> vtlgw.Engine:
        """The apigateway engine with ``options`` set to their velocity values (cached)."""
        if options not in self._engines:
            self._engines[options] = vtlgw.Engine(**{o: self.reverts[o] for o in options})
        return self._engines[options]

    def subsets(self) -> Iterable[tuple[str, ...]]:
        """Non-empty option sets, smallest first, each sorted, in a fixed order."""
        names = sorted(self.reverts)
        for size in range(1, len(names) + 1):
            yield from itertools.combinations(names, size)

    def explain(self, case: Mapping[str, Any]) -> list[str] | None:
        """``[]`` if the apigateway flavor already matches, the smallest set that makes it
        match, or ``None`` when no set does."""
        if matches_record(self.engine(()), case):
            return []
        for subset in self.subsets():
            if matches_record(self.engine(subset), case):
                return list(subset)
        return None


def build() -> tuple[dict[str, list[str]], list[str]]:
    """The deviations of the whole corpus, and the ids of the cases nothing explains."""
    explainer = Explainer(velocity_values())
    deviations: dict[str, list[str]] = {}
    unexplained: list[str] = []
    for case in load_cases():
        options = explainer.explain(case)
        if options is None:
            unexplained.append(case["id"])
        elif options:
            deviations[case["id"]] = options
    return deviations, unexplained


def serialise(deviations: Mapping[str, list[str]]) -> str:
    """The file's text: one id per line, sorted, so diffs stay readable."""
    return json.dumps(deviations, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rebuild (or with ``--check`` verify) ``deviations.json``; 1 if any case is unexplained."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the file, write nothing")
    args = parser.parse_args(argv)
    deviations, unexplained = build()
    text = serialise(deviations)
    status = 0
    for case_id in unexplained:
        print(f"unexplained (engine bug?): {case_id}", file=sys.stderr)
        status = 1
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date", file=sys.stderr)
            status = 1
    else:
        OUTPUT.write_text(text, encoding="utf-8")
    counts: dict[str, int] = {}
    for options in deviations.values():
        for option in options:
            counts[option] = counts.get(option, 0) + 1
    print(f"{len(deviations)} cases deviate; {len(unexplained)} unexplained; by option: {counts}")
    return status


if __name__ == "__main__":
    sys.exit(main())
