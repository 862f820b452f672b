"""Record the plain-VTL conformance corpus from the Apache Velocity 1.7 oracle.

Reads the case definitions in ``casedefs/``, renders every topic's cases through the oracle in
one batch (one JVM per topic), and writes ``cases/<topic>.json``. Case ids (``<topic>-<nnn>``)
are kept stable: a case whose template and context already appear in the recorded file keeps
its id, and new cases get the next free number. Running it again with unchanged definitions
rewrites identical files. It refuses to run without the oracle, because the expected outputs
must come from real Velocity, never from vtlgw.

Usage: ``python tests/conformance/build_cases.py [--oracle PATH] [TOPIC ...]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from casedefs import Case, all_topics  # noqa: E402

CASES_DIR = HERE / "cases"
DEFAULT_ORACLE = "/work/shared/oracle/velocity17"
SOURCE = "oracle: Apache Velocity 1.7"
ID_RE = re.compile(r"^(?P<topic>[a-z_]+)-(?P<num>\d{3,})$")
ERROR_RE = re.compile(r"^ERROR: (?P<cls>[\w.$]+)(?::|$)")
# An identity hash (``[B@1b6d3586``) differs on every run: such an output cannot be a fixture.
IDENTITY_HASH_RE = re.compile(r"@[0-9a-f]{5,8}\b")


class OracleUnavailable(RuntimeError):
    """The oracle is missing or did not answer."""


def find_oracle(explicit: str | None) -> str:
    """Return a runnable oracle path or raise :class:`OracleUnavailable` with a clear message."""
    candidate = explicit or os.environ.get("VELOCITY17_ORACLE") or DEFAULT_ORACLE
    path = shutil.which(candidate) or (candidate if os.access(candidate, os.X_OK) else None)
    if path is None:
        raise OracleUnavailable(
            f"Velocity 1.7 oracle not found at {candidate!r}. The conformance corpus is recorded "
            "from real Apache Velocity only; install it (see /work/shared/oracle/README.md) or "
            "pass --oracle PATH / set VELOCITY17_ORACLE."
        )
    return path


def run_oracle(oracle: str, cases: tuple[Case, ...]) -> list[str]:
    """Render ``cases`` in one oracle process and return one output string per case."""
    batch = [{"template": c.template, "context": c.context} for c in cases]
    proc = subprocess.run(
        [oracle],
        input=json.dumps(batch),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0:
        raise OracleUnavailable(f"oracle exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    outputs = json.loads(proc.stdout)
    if not isinstance(outputs, list) or len(outputs) != len(cases):
        raise OracleUnavailable("oracle answered with the wrong number of outputs")
    return [str(o) for o in outputs]


def load_existing_ids(topic: str) -> dict[str, str]:
    """Map case key -> id for the cases already recorded in ``cases/<topic>.json``."""
    path = CASES_DIR / f"{topic}.json"
    if not path.exists():
        return {}
    recorded = json.loads(path.read_text(encoding="utf-8"))
    return {
        json.dumps([r["template"], r["context"]], sort_keys=True): str(r["id"]) for r in recorded
    }


def assign_ids(topic: str, cases: tuple[Case, ...]) -> list[str]:
    """Stable ids: reuse recorded ids for known cases, number new ones after the highest."""
    keys = [c.key() for c in cases]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise SystemExit(f"{topic}: duplicate case definitions: {dupes[:3]}")
    existing = load_existing_ids(topic)
    matches = (ID_RE.match(i) for i in existing.values())
    used = [int(m.group("num")) for m in matches if m is not None]
    next_num = max(used, default=0) + 1
    ids = []
    for key in keys:
        if key in existing:
            ids.append(existing[key])
        else:
            ids.append(f"{topic}-{next_num:03d}")
            next_num += 1
    return ids


def record(case_id: str, topic: str, case: Case, output: str) -> dict[str, Any]:
    """One JSON record: ``expected`` for a rendering, ``error``/``error_message`` for a failure."""
    if IDENTITY_HASH_RE.search(output) and not IDENTITY_HASH_RE.search(case.template):
        raise SystemExit(f"{case_id}: output has an identity hash, not reproducible: {output!r}")
    rec: dict[str, Any] = {
        "id": case_id,
        "topic": topic,
        "template": case.template,
        "context": case.context,
    }
    match = ERROR_RE.match(output)
    if match and match.group("cls") == "oracle":
        raise SystemExit(f"{case_id}: the oracle rejected the case: {output}")
    if match:
        rec["error"] = match.group("cls").rsplit(".", 1)[-1]
        rec["error_message"] = output
    else:
        rec["expected"] = output
    rec["note"] = case.note
    rec["source"] = SOURCE
    return rec


def build_topic(oracle: str, topic: str, cases: tuple[Case, ...]) -> Path:
    """Record one topic and write its JSON file; returns the path written."""
    ids = assign_ids(topic, cases)
    outputs = run_oracle(oracle, cases)
    records = [record(i, topic, c, o) for i, c, o in zip(ids, cases, outputs, strict=True)]
    records.sort(key=lambda r: int(r["id"].rsplit("-", 1)[1]))
    path = CASES_DIR / f"{topic}.json"
    path.write_text(format_records(records), encoding="utf-8")
    return path


def format_records(records: list[dict[str, Any]]) -> str:
    """JSON with one field per line and each value compact, so diffs stay one line per change."""
    blocks = []
    for rec in records:
        fields = [
            f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=True)}" for k, v in rec.items()
        ]
        blocks.append("  {\n" + ",\n".join(fields) + "\n  }")
    return "[\n" + ",\n".join(blocks) + "\n]\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topics", nargs="*", help="topics to re-record (default: all)")
    parser.add_argument("--oracle", help=f"path of velocity17 (default {DEFAULT_ORACLE})")
    args = parser.parse_args(argv)
    topics = all_topics()
    unknown = [t for t in args.topics if t not in topics]
    if unknown:
        parser.error(f"unknown topics {unknown}; known: {', '.join(topics)}")
    try:
        oracle = find_oracle(args.oracle)
    except OracleUnavailable as exc:
        print(f"build_cases: {exc}", file=sys.stderr)
        return 2
    CASES_DIR.mkdir(exist_ok=True)
    total = 0
    for topic in args.topics or list(topics):
        try:
            path = build_topic(oracle, topic, topics[topic])
        except OracleUnavailable as exc:
            print(f"build_cases: {topic}: {exc}", file=sys.stderr)
            return 2
        total += len(topics[topic])
        print(f"{path.relative_to(HERE)}: {len(topics[topic])} cases")
    print(f"{total} cases recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
