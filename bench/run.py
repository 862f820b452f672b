"""Benchmark vtlgw against stock airspeed 0.7.1 on the same templates, in the same run.

``python bench/run.py`` renders each workload of :mod:`workloads` with every available engine in
interleaved rounds and prints the median renders/s, the vtlgw/airspeed ratio, the cold compile
time of the 5 KB template, and, once they exist, ``vtlgw.render`` on the repository's
``templates/connect.vtl`` with its recorded event and the wall time of one ``vtlgw render``
process. ``--jvm`` adds Apache Velocity 1.7 on the JVM for the plain-VTL workloads; ``--json``
writes the results. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:  # run as a script or imported by the smoke test
    sys.path.insert(0, str(BENCH))

from engines import EngineAdapter, airspeed_adapter, vtlgw_adapter  # noqa: E402
from machine import describe, one_line  # noqa: E402
from timing import interleaved_rates, interleaved_seconds  # noqa: E402
from workloads import REPO_CONNECT_EVENT, REPO_CONNECT_TEMPLATE, Workload, workloads  # noqa: E402

ROOT = BENCH.parent
ORACLE = "/work/shared/oracle/velocity17"
COMPILE_WORKLOAD = "mix-5k"


def _row(measure: str, unit: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"measure": measure, "unit": unit, "airspeed": None, "vtlgw": None}
    row.update({"speedup": None, "jvm": None, "note": ""})
    row.update(values)
    a, v = row["airspeed"], row["vtlgw"]
    if a and v:
        row["speedup"] = v / a if unit == "renders/s" else a / v
    return row


def first_difference(a: str, b: str) -> str:
    """Where two outputs first differ, as ``line N: 'a...' vs 'b...'``."""
    for number, (left, right) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), 1):
        if left != right:
            return f"line {number}: {left[:60]!r} vs {right[:60]!r}"
    return f"lengths {len(a)} vs {len(b)} (one is a prefix of the other)"


def bench_workloads(
    adapters: list[EngineAdapter], loads: tuple[Workload, ...], args: argparse.Namespace
) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    """Renders/s of every workload on every engine; also returns the first outputs."""
    rows, outputs = [], {}
    for load in loads:
        text = load.text
        fns, outs = {}, {}
        for adapter in adapters:
            render = adapter.compile(text, load.name)
            variables = load.vtlgw_vars() if adapter.vars_kind == "vtlgw" else load.airspeed_vars()
            outs[adapter.name] = render(variables)
            fns[adapter.name] = lambda r=render, v=variables: r(v)
        note = f"{load.source}; {len(text)} B in, {len(next(iter(outs.values())))} B out"
        recorded = load.recorded_output()
        for engine_name, out in outs.items():
            if recorded is not None and out != recorded:
                diff = first_difference(out, recorded)
                print(f"WARNING: {load.name}: {engine_name} differs from Velocity 1.7: {diff}")
                note += f"; {engine_name} != Velocity 1.7"
        if len(set(outs.values())) > 1:
            names = list(outs)
            diff = first_difference(outs[names[0]], outs[names[1]])
            print(f"WARNING: {load.name}: engines disagree ({names[0]} vs {names[1]}): {diff}")
            note += "; OUTPUTS DIFFER"
        rates = interleaved_rates(fns, repeats=args.repeats, target_s=args.target)
        rows.append(_row(f"render {load.name}", "renders/s", note=note, **rates))
        outputs[load.name] = outs
    return rows, outputs


def bench_compile(
    adapters: list[EngineAdapter], loads: tuple[Workload, ...], args: argparse.Namespace
) -> list[dict[str, Any]]:
    """Cold parse+compile time of the 5 KB template, in milliseconds."""
    load = next(w for w in loads if w.name == COMPILE_WORKLOAD)
    text = load.text
    fns = {a.name: (lambda a=a: a.compile_seconds(text)) for a in adapters}
    per_round = max(1, round(args.target / 0.01))
    secs = interleaved_seconds(fns, repeats=args.repeats, per_round=per_round)
    ms = {name: 1000 * s for name, s in secs.items()}
    return [_row(f"compile {load.name}", "ms", note=f"{len(text)} B, fresh engine", **ms)]


def bench_jvm(
    loads: tuple[Workload, ...], outputs: dict[str, dict[str, str]], n: int
) -> dict[str, Any]:
    """Velocity 1.7 renders/s and warm parse ms per plain-VTL workload (``--jvm``)."""
    results: dict[str, Any] = {}
    for load in loads:
        if load.request is not None:
            continue
        case = json.dumps({"template": load.text, "context": load.plain_context()})
        proc = subprocess.run(
            [ORACLE, "--bench", str(n)], input=case, capture_output=True, text=True, timeout=600
        )
        if proc.returncode != 0:
            print(f"WARNING: JVM bench failed for {load.name}: {proc.stderr.strip()[:200]}")
            continue
        result = json.loads(proc.stdout)
        if any(out != result["output"] for out in outputs.get(load.name, {}).values()):
            print(f"WARNING: {load.name}: Velocity 1.7 output differs from the Python engines")
        results[load.name] = result
    return results


def _render_function() -> tuple[Any, str]:
    """``vtlgw.render``, else ``vtlgw.apigw.render.render`` (not re-exported yet), else None."""
    import vtlgw

    if hasattr(vtlgw, "render"):
        return vtlgw.render, "vtlgw.render"
    try:
        from vtlgw.apigw.render import render
    except ImportError:
        return None, ""
    return render, "vtlgw.apigw.render.render (vtlgw.render is not re-exported)"


def bench_render_api(args: argparse.Namespace) -> dict[str, Any]:
    """Renders/s of ``vtlgw.render`` on the repository's connect template and recorded event."""
    template, event = ROOT / REPO_CONNECT_TEMPLATE, ROOT / REPO_CONNECT_EVENT
    missing = [str(p.relative_to(ROOT)) for p in (template, event) if not p.is_file()]
    render, label = _render_function()
    if render is None:
        missing.append("vtlgw.render")
    measure = "vtlgw.render(connect.vtl, event)"
    if missing:
        return _row(measure, "renders/s", note="skipped: not there yet: " + ", ".join(missing))
    import vtlgw

    text = template.read_text(encoding="utf-8")
    event_data = json.loads(event.read_text(encoding="utf-8"))
    engine = vtlgw.Engine()
    try:
        render(text, event_data, engine=engine)
    except Exception as exc:  # report, do not crash the whole benchmark
        return _row(measure, "renders/s", note=f"skipped: render failed: {exc!r}"[:200])
    rates = interleaved_rates(
        {"vtlgw": lambda: render(text, event_data, engine=engine)},
        repeats=args.repeats,
        target_s=args.target,
    )
    note = f"{label}; shared Engine (compile cache), event dict"
    return _row(measure, "renders/s", note=note, **rates)


def bench_cli(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Median wall time of one ``python -m vtlgw render`` process (and of a bare interpreter)."""
    template, event = REPO_CONNECT_TEMPLATE, REPO_CONNECT_EVENT
    cmd = [sys.executable, "-m", "vtlgw", "render", template, "--event", event]
    measure = "process: vtlgw render connect.vtl"
    missing = [p for p in (template, event) if not (ROOT / p).is_file()]
    if missing:
        return [_row(measure, "ms", note="skipped: not there yet: " + ", ".join(missing))]
    bare = [sys.executable, "-c", "pass"]
    rows = []
    for label, command in (("process: python -c pass (floor)", bare), (measure, cmd)):
        times, failure = [], ""
        for i in range(args.cli_runs + 1):
            start = time.perf_counter()
            proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
            took = time.perf_counter() - start
            if proc.returncode != 0:
                failure = (proc.stderr.strip().splitlines() or ["?"])[-1][:160]
                break
            if i:  # the first run only warms the OS file cache
                times.append(took)
        if failure:
            rows.append(_row(label, "ms", note=f"skipped: exit {proc.returncode}: {failure}"))
        else:
            note = f"median of {len(times)} runs: {' '.join(command[1:])}"
            rows.append(_row(label, "ms", vtlgw=1000 * statistics.median(times), note=note))
    return rows


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if unit == "renders/s" else f"{value:,.2f}"


def print_table(rows: list[dict[str, Any]]) -> None:
    """The results as a markdown table."""
    print("| measure | unit | airspeed | vtlgw | speed-up | JVM Velocity 1.7 | note |")
    print("|---|---|---:|---:|---:|---:|---|")
    for r in rows:
        a, v, j = (_fmt(r[k], r["unit"]) for k in ("airspeed", "vtlgw", "jvm"))
        up = f"{r['speedup']:.1f}x" if r["speedup"] else "-"
        print(f"| {r['measure']} | {r['unit']} | {a} | {v} | {up} | {j} | {r['note']} |")
    print("\nspeed-up: vtlgw/airspeed for renders/s, airspeed/vtlgw for times (>1: vtlgw faster).")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="interleaved rounds (median)")
    parser.add_argument("--target", type=float, default=0.3, help="seconds per timed batch")
    parser.add_argument("--cli-runs", type=int, default=5, help="process runs to take a median of")
    parser.add_argument("--jvm", action="store_true", help="also run Velocity 1.7 on the JVM")
    parser.add_argument("--jvm-renders", type=int, default=10000, help="renders per JVM run")
    parser.add_argument(
        "--flavor", choices=("apigateway", "velocity"), default="apigateway", help="vtlgw flavor"
    )
    parser.add_argument("--json", type=Path, help="write machine-readable results here")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test, no figures)")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.target, args.cli_runs = 1, 0.005, 1
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    args = parse_args(argv)
    info = describe(ROOT)
    print(f"machine: {one_line(info)}")
    print(f"method: median of {args.repeats} interleaved rounds of ~{args.target}s batches\n")
    adapters = [a for a in (airspeed_adapter(), vtlgw_adapter(args.flavor)) if a is not None]
    notes = []
    if not any(a.name == "vtlgw" for a in adapters):
        notes.append("vtlgw.Engine is not available yet: airspeed is measured alone.")
    if not any(a.name == "airspeed" for a in adapters):
        notes.append("airspeed is not installed (pip install -e '.[bench]'): vtlgw alone.")
    for note in notes:
        print(f"NOTE: {note}")
    loads = workloads(ROOT)
    rows, outputs = bench_workloads(adapters, loads, args)
    rows += bench_compile(adapters, loads, args)
    if args.jvm:
        jvm = bench_jvm(loads, outputs, args.jvm_renders)
        for row in rows:
            name = row["measure"].split(" ", 1)[1]
            if name in jvm:
                key = "renders_per_second" if row["unit"] == "renders/s" else "warm_parse_ms"
                row["jvm"] = jvm[name][key]
    if any(a.name == "vtlgw" for a in adapters):
        rows.append(bench_render_api(args))
    else:
        rows.append(
            _row("vtlgw.render(connect.vtl, event)", "renders/s", note="skipped: no engine")
        )
    rows += bench_cli(args)
    print()
    print_table(rows)
    if args.json:
        result = {"version": 1, "machine": info, "args": vars(args), "notes": notes, "rows": rows}
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
