"""How fast ``vtlgw lint`` feels in a pre-commit hook: 200 templates, interpreter start included.

``python bench/lint.py`` copies the repository's mapping templates (``templates/``,
``fixtures/integrations/templates/``; not the engine benchmark's plain-VTL templates in
``bench/templates/``) into a temporary project, varied
(a header comment naming the copy, a stage-variable name changed, and in one copy out of ten a
typical mistake, so the report has findings to print), in folders that a ``pyproject.toml``
maps to their API kind and route, as a real project would. It then times, as separate
processes, each run ``--runs`` times (best and median):

* ``python -c pass``, the floor;
* ``python -c "import vtlgw.cli"``, what every ``vtlgw`` command pays;
* ``vtlgw lint DIR`` with the default rules (the console script, as pre-commit runs it);
* ``vtlgw lint --jobs 0 DIR``, the same in one worker process per core;
* ``vtlgw lint --select VTL1,VTL3,VTL4,VTL5 DIR``, without the rules that render (VTL2xx).

It also lints the same templates in one process, for the cost per template without the start,
and lists which heavy modules an import of the lint command and a lint run load. It prints the
machine (cores, CPU model, Python). ``--json OUT`` writes everything; ``--quick`` uses 10
templates and one run (for the smoke test; the figures mean nothing then).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:  # run as a script or imported by a smoke test
    sys.path.insert(0, str(BENCH))

from machine import describe, one_line  # noqa: E402

#: Where each source template runs: the folder its copies go to.
FOLDERS = {
    "connect.vtl": "ws-connect",
    "dynamodb-putitem-connect.vtl": "ws-connect",
    "connect-putitem.vtl": "ws-connect",
    "disconnect.vtl": "ws-disconnect",
    "default.vtl": "ws-default",
    "sqs-sendmessage.vtl": "ws-default",
    "rest-lambda.vtl": "rest",
}
CONFIG = """\
[tool.vtlgw]

[tool.vtlgw.per-file-api]
"ws-connect/" = { route = "$connect" }
"ws-disconnect/" = { route = "$disconnect" }
"ws-default/" = { route = "$default" }
"rest/" = { api = "rest" }
"""
#: Modules a lint run should not need (the render rules may load the engine; see the report).
HEAVY = (
    "jsonschema",
    "yaml",
    "hypothesis",
    "airspeed",
    "vtlgw.validate.schema",
    "vtlgw.engine.compiler",
    "vtlgw.engine.parser",
    "vtlgw.apigw.render",
    "vtlgw.simulate",
    "vtlgw.cases",
)
RENDERLESS = "VTL1,VTL3,VTL4,VTL5"


def sources() -> list[Path]:
    """The repository's templates, in a stable order."""
    found = [
        *sorted((ROOT / "templates").glob("*.vtl")),
        *sorted((ROOT / "fixtures" / "integrations" / "templates").glob("*.vtl")),
    ]
    if not found:
        raise SystemExit("no templates found under templates/ or fixtures/integrations/templates/")
    return found


def _vary(text: str, index: int) -> str:
    varied = f"## copy {index} of a repository template (bench/lint.py)\n" + text.replace(
        "$stageVariables.table", f"$stageVariables.table{index}"
    )
    if index % 10 == 9:  # a typical mistake, so the report prints findings
        varied += '\n#parse("common.vtl")\n'
    return varied


def build(folder: Path, count: int) -> Path:
    """``count`` varied templates under ``folder``/templates, with a pyproject.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    templates = folder / "templates"
    originals = sources()
    for index in range(count):
        source = originals[index % len(originals)]
        target = templates / FOLDERS.get(source.name, "misc") / f"{source.stem}-{index:03d}.vtl"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_vary(source.read_text(encoding="utf-8"), index), encoding="utf-8")
    return templates


def console_script() -> list[str]:
    """The ``vtlgw`` console script (pre-commit runs it), else ``python -m vtlgw``."""
    beside = Path(sys.executable).with_name("vtlgw")
    found = str(beside) if beside.exists() else shutil.which("vtlgw")
    return [found] if found else [sys.executable, "-m", "vtlgw"]


def time_process(argv: list[str], cwd: Path, runs: int) -> dict[str, Any]:
    """Wall seconds of ``argv`` (stdout discarded), best and median of ``runs``, and the least
    CPU time (user + system, all its processes), which a busy neighbour disturbs less."""
    samples, cpu, code = [], [], 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        samples.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code = done.returncode
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} exited {code}: {done.stderr.decode()[:500]}")
    return {
        "command": " ".join(argv),
        "best_s": min(samples),
        "median_s": statistics.median(samples),
        "cpu_best_s": min(cpu),
        "exit": code,
    }


_MODULES = """
import io, sys
from contextlib import redirect_stdout
{body}
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_modules(body: str, cwd: Path) -> list[str]:
    """Which :data:`HEAVY` modules (or their submodules) a fresh interpreter has after ``body``."""
    done = subprocess.run(
        [sys.executable, "-c", _MODULES.format(body=body)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the module probe failed: {done.stderr[-1000:]}")
    names = set(done.stderr.split())
    return [h for h in HEAVY if any(n == h or n.startswith(h + ".") for n in names)]


def in_process(project: Path, templates: Path, runs: int) -> dict[str, float]:
    """Milliseconds per template linted in this process (median of ``runs``), rules loaded."""
    from vtlgw.lint.config import load_config
    from vtlgw.lint.linter import Linter
    from vtlgw.lint.registry import ALL_RULES
    from vtlgw.lint.selection import Selection
    from vtlgw.lint.source import LintSource

    config = load_config(project / "pyproject.toml", tuple(r.code for r in ALL_RULES))
    sources = []
    for path in sorted(templates.rglob("*.vtl")):
        api, route = config.api_for(str(path))
        sources.append(
            LintSource(path.read_text(encoding="utf-8"), str(path), api=api, route=route)
        )
    result = {}
    for label, selection in (
        ("default", Selection()),
        ("renderless", Selection(select=tuple(RENDERLESS.split(",")))),
    ):
        linter = Linter(selection)
        linter.lint(sources[0])  # warm up: imports, tables
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            for source in sources:
                linter.lint(source)
            samples.append((time.perf_counter() - start) / len(sources) * 1000)
        result[f"{label} rules, ms per template"] = statistics.median(samples)
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print the report, return the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="templates to lint (200)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each process (5)")
    parser.add_argument("--json", dest="json_out", help="also write the results here")
    parser.add_argument("--quick", action="store_true", help="10 templates, 1 run (smoke test)")
    args = parser.parse_args(argv)
    count, runs = (10, 1) if args.quick else (args.count, args.runs)
    info = describe(ROOT)
    print(f"machine: {one_line(info)}")
    with tempfile.TemporaryDirectory(prefix="vtlgw-lint-bench-") as tmp:
        project = Path(tmp)
        templates = build(project, count)
        relative = str(templates.relative_to(project))
        vtlgw = console_script()
        rows = [
            time_process([sys.executable, "-c", "pass"], project, runs),
            time_process([sys.executable, "-c", "import vtlgw.cli"], project, runs),
            time_process([*vtlgw, "lint", relative], project, runs),
            time_process([*vtlgw, "lint", "--jobs", "0", relative], project, runs),
            time_process([*vtlgw, "lint", "--select", RENDERLESS, relative], project, runs),
        ]
        lint_import = "import vtlgw.cli.lint"
        # a few templates, linted in the one process (many would go to worker processes)
        few = build(project / "few", len(sources()))
        run_body = (
            "from vtlgw.cli import main\n"
            "with redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding='utf-8')):\n"
            "    main(['lint', 'templates'{extra}])"
        )
        modules = {
            lint_import: loaded_modules(lint_import, project),
            "vtlgw lint DIR": loaded_modules(run_body.format(extra=""), few.parent),
            f"vtlgw lint --select {RENDERLESS} DIR": loaded_modules(
                run_body.format(extra=f", '--select', {RENDERLESS!r}"), few.parent
            ),
        }
        per_template = in_process(project, templates, max(runs, 1))
    print(f"templates: {count} (copies of {len(sources())} repository templates, varied)")
    print(f"{'process':<58} {'best':>8} {'median':>8} {'CPU':>8}")
    for row in rows:
        command = row["command"].replace(str(Path(sys.executable)), "python")
        command = command.replace(" ".join(vtlgw), "vtlgw")
        print(
            f"{command:<58} {row['best_s']:>7.3f}s {row['median_s']:>7.3f}s "
            f"{row['cpu_best_s']:>7.3f}s"
        )
    for label, value in per_template.items():
        print(f"in one process, {label}: {value:.2f}")
    for what, heavy in modules.items():
        print(f"{what} loads: {', '.join(heavy) if heavy else 'none of ' + ', '.join(HEAVY)}")
    results = {
        "machine": info,
        "templates": count,
        "runs": runs,
        "processes": rows,
        "in_process": per_template,
        "heavy_modules": modules,
    }
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
