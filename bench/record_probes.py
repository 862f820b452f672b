"""Record Apache Velocity 1.7's output for the early airspeed probes.

The probes in ``bench/probes/early.json`` are plain-VTL cases in the conformance corpus's shape
(``{id, topic, template, context, expected | error}``). This script sends every case to the JVM
oracle (``/work/shared/oracle/velocity17``) in one batch and writes back ``expected`` (the rendered
text) or ``error`` (the Java exception class) so the probes can be replayed without Java.
With ``--templates`` it records instead the output of each plain-VTL benchmark template into
``bench/templates/<name>.velocity17.out``, which ``bench/run.py`` checks every engine against.
Usage: ``python bench/record_probes.py [cases.json | --templates] [--oracle PATH]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CASES = HERE / "probes" / "early.json"
DEFAULT_ORACLE = "/work/shared/oracle/velocity17"


def record(cases: list[dict[str, Any]], oracle: str) -> list[dict[str, Any]]:
    """Return the cases with ``expected`` or ``error`` filled in from the oracle's outputs."""
    batch = [{"template": c["template"], "context": c.get("context", {})} for c in cases]
    proc = subprocess.run(
        [oracle], input=json.dumps(batch), capture_output=True, text=True, check=True, timeout=300
    )
    outputs = json.loads(proc.stdout)
    recorded = []
    for case, out in zip(cases, outputs, strict=True):
        new = {k: v for k, v in case.items() if k not in ("expected", "error")}
        if out.startswith("ERROR: "):
            # keep only the exception class: messages are long and not part of the contract
            new["error"] = out[len("ERROR: ") :].split(":", 1)[0].rsplit(".", 1)[-1]
        else:
            new["expected"] = out
        recorded.append(new)
    return recorded


def record_templates(oracle: str) -> None:
    """Write Velocity 1.7's output of every plain-VTL workload next to its template."""
    from workloads import workloads

    plain = [w for w in workloads(HERE.parent) if w.request is None]
    cases = [{"template": w.text, "context": w.plain_context()} for w in plain]
    recorded = record(cases, oracle)
    for load, case in zip(plain, recorded, strict=True):
        if "error" in case:
            raise SystemExit(f"{load.name}: Velocity 1.7 failed: {case['error']}")
        load.recorded_path.write_text(case["expected"], encoding="utf-8")
        print(f"recorded {load.recorded_path.relative_to(HERE.parent)}")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--oracle", default=DEFAULT_ORACLE)
    parser.add_argument("--templates", action="store_true", help="record the bench templates")
    args = parser.parse_args()
    if args.templates:
        record_templates(args.oracle)
        return
    cases = json.loads(args.cases.read_text(encoding="utf-8"))
    recorded = record(cases, args.oracle)
    args.cases.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", "utf-8")
    errors = sum(1 for c in recorded if "error" in c)
    print(f"recorded {len(recorded)} cases ({errors} errors) into {args.cases}")


if __name__ == "__main__":
    main()
