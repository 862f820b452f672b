"""Replay the plain-VTL conformance corpus through stock airspeed 0.7.1 and count agreement.

Each case is ``{id, topic, template, context, expected | error}`` with the output recorded from
Apache Velocity 1.7. A case with ``expected`` agrees when airspeed renders exactly that text; a
case with ``error`` agrees when airspeed raises. The corpus is ``tests/conformance/cases/*.json``;
until it exists the early probes in ``bench/probes/early.json`` are used. ``--engine vtlgw``
replays the same cases through ``vtlgw.Engine(flavor="velocity")`` for comparison (a vtlgw
exception that is not a ``VtlgwError`` counts as ``crashed``). Usage:
``python bench/airspeed_conformance.py [--engine airspeed|vtlgw] [--cases FILE ...] [--failures]
[--json OUT]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import signal
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS_GLOB = "tests/conformance/cases/*.json"
EARLY_PROBES = HERE / "probes" / "early.json"
CASE_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Outcome:
    """What airspeed did with one case, and whether that agrees with Velocity 1.7."""

    id: str
    topic: str
    agrees: bool
    kind: str  # match, raised-as-expected, wrong-output, raised, no-error, timeout, crashed
    got: str


class _CaseTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _CaseTimeout


def default_case_files(root: Path) -> list[Path]:
    """The corpus files if the corpus exists, else the early probes."""
    files = sorted(root.glob(CORPUS_GLOB))
    return files or [EARLY_PROBES]


def load_cases(files: list[Path]) -> list[dict[str, Any]]:
    """All cases of the given files, in order."""
    cases: list[dict[str, Any]] = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data if isinstance(data, list) else data.get("cases", []):
            cases.append({"topic": path.stem, **case})  # the file names the topic by default
    return cases


def _airspeed_render(template: str, context: dict[str, Any]) -> str:
    import airspeed  # type: ignore[import-untyped]

    return airspeed.Template(template).merge(context)  # type: ignore[no-any-return]


def _vtlgw_render(template: str, context: dict[str, Any]) -> str:
    import vtlgw

    return vtlgw.Engine(flavor="velocity").render(template, context)


RENDERERS = {"airspeed": _airspeed_render, "vtlgw": _vtlgw_render}


def _is_crash(engine: str, exc: Exception) -> bool:
    """A vtlgw failure that is not one of its own errors is a bug, not a template error."""
    if engine != "vtlgw":
        return False  # airspeed raises plain Python exceptions by design
    from vtlgw.errors import VtlgwError

    return not isinstance(exc, VtlgwError)


def run_case(
    case: dict[str, Any], timeout_s: float = CASE_TIMEOUT_S, engine: str = "airspeed"
) -> Outcome:
    """Render one case (fresh copy of its context) with ``engine`` and judge the result."""
    cid, topic = str(case.get("id", "?")), str(case.get("topic", "?"))
    wants_error = "error" in case
    render = RENDERERS[engine]
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        out = render(case["template"], copy.deepcopy(case.get("context", {})))
    except _CaseTimeout:
        return Outcome(cid, topic, False, "timeout", f"> {timeout_s}s")
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"[:300]
        if _is_crash(engine, exc):
            return Outcome(cid, topic, False, "crashed", detail)
        kind = "raised-as-expected" if wants_error else "raised"
        return Outcome(cid, topic, wants_error, kind, detail)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if wants_error:
        return Outcome(cid, topic, False, "no-error", out)
    if out == case["expected"]:
        return Outcome(cid, topic, True, "match", out)
    return Outcome(cid, topic, False, "wrong-output", out)


def table(outcomes: list[Outcome]) -> str:
    """Per-topic agreement table (markdown) with a total row."""
    by_topic: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_topic[o.topic].append(o)
    lines = [
        "| topic | cases | agree | % | wrong output | raised | no error | timeout | crashed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def row(name: str, group: list[Outcome]) -> str:
        kinds = Counter(o.kind for o in group)
        ok = sum(o.agrees for o in group)
        pct = 100.0 * ok / len(group) if group else 0.0
        return (
            f"| {name} | {len(group)} | {ok} | {pct:.0f} | {kinds['wrong-output']} | "
            f"{kinds['raised']} | {kinds['no-error']} | {kinds['timeout']} | {kinds['crashed']} |"
        )

    for topic in sorted(by_topic):
        lines.append(row(topic, by_topic[topic]))
    lines.append(row("**total**", outcomes))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit status (0 even when airspeed disagrees)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=sorted(RENDERERS), default="airspeed")
    parser.add_argument("--cases", nargs="*", type=Path, help="case files (default: corpus)")
    parser.add_argument("--root", type=Path, default=HERE.parent, help="repository root")
    parser.add_argument("--failures", action="store_true", help="list every disagreement")
    parser.add_argument("--json", type=Path, help="write per-case outcomes to this file")
    args = parser.parse_args(argv)
    files = args.cases or default_case_files(args.root)
    cases = load_cases(files)
    outcomes = [run_case(c, engine=args.engine) for c in cases]
    label = f"{args.engine} {version(args.engine)}"
    if args.engine == "vtlgw":
        label += ' (Engine(flavor="velocity"))'
    print(f"{label} vs Velocity 1.7 on {len(cases)} cases from:")
    for f in files:
        print(f"  {f}")
    print()
    print(table(outcomes))
    if args.failures:
        print()
        for o in outcomes:
            if not o.agrees:
                case = next(c for c in cases if str(c.get("id")) == o.id)
                want = case.get("expected", f"<error {case.get('error')}>")
                print(f"- {o.id} [{o.kind}] template={case['template']!r}")
                print(f"    want={want!r}\n    got ={o.got!r}")
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
