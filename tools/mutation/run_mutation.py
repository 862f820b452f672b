"""Run mutmut over one vtlgw package at a time and write a per-module score summary.

Usage (from anywhere; see docs/mutation.md)::

    python tools/mutation/run_mutation.py apigw
    python tools/mutation/run_mutation.py engine --sample
    python tools/mutation/run_mutation.py engine --modules vtlgw/engine/jstring.py
    python tools/mutation/run_mutation.py apigw --retest    # after adding tests: survivors again
    python tools/mutation/run_mutation.py apigw --summary-only   # re-read a finished run

Each package (tools/mutation/packages.toml) runs in its own scratch copy of the working tree
(``--workdir``, default ``~/.cache/vtlgw-mutation/<package>``), because mutmut writes a
``mutants/`` tree beside the sources and runs the tests from there: the real tree is never
touched. The copy gets a generated ``[tool.mutmut]`` section and mutation_conftest.py as its
root ``conftest.py``. mutmut runs niced, with ``--max-children`` workers (default 1) and the
fork-server isolation, so every mutant imports vtlgw afresh (module-level tables built from a
mutated function are rebuilt, and no ``lru_cache`` carries results across mutants).

The summary (``summary.md``, ``summary.json`` and ``survivors.txt`` with the diff of every
surviving mutant, in the work directory) counts each module's mutants by outcome. The score is
killed (including timeouts) over all mutants that ran or had no test; mutants listed in
``tools/mutation/survivors.toml`` as equivalent are shown apart and left out of the adjusted
score.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGES = HERE / "packages.toml"
KNOWN_SURVIVORS = HERE / "survivors.toml"
MUTMUT_REQUIREMENT = "mutmut==3.8.1"

# mutmut 3.8's exit-code meanings (mutmut.stats.status_by_exit_code), except 255: mutmut calls
# it a timeout, but it is the worker's pytest.main raising, which here means the mutant broke
# the import of a module (its tests then "do not exist": pytest's usage error, exit 4).
STATUS_BY_EXIT_CODE = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    35: "suspicious",
    36: "timeout",
    37: "type check",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "crashed",
    -11: "segfault",
    -9: "segfault",
    2: "interrupted",
    None: "not checked",
}
DETECTED = ("killed", "timeout", "crashed", "segfault")
ALIVE = ("survived", "no tests", "suspicious")
COUNTED = (*DETECTED, *ALIVE)


@dataclass(frozen=True)
class Package:
    """One entry of packages.toml."""

    name: str
    mutate: tuple[str, ...]
    tests: tuple[str, ...]
    deselect: tuple[str, ...]
    sample: tuple[str, ...]


def load_packages() -> dict[str, Package]:
    """Every package of packages.toml, by name."""
    data = tomllib.loads(PACKAGES.read_text("utf-8"))
    return {
        name: Package(
            name=name,
            mutate=tuple(entry["mutate"]),
            tests=tuple(entry["tests"]),
            deselect=tuple(entry.get("deselect", ())),
            sample=tuple(entry.get("sample", ())),
        )
        for name, entry in data["package"].items()
    }


def working_tree_files() -> list[str]:
    """Tracked and untracked (not ignored) files of the working tree, as it is now."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    names = [name for name in listed.stdout.decode("utf-8").split("\0") if name]
    return [name for name in names if (ROOT / name).is_file()]


def copy_tree(workdir: Path, *, fresh: bool = True) -> None:
    """Copy the working tree into ``workdir``: a fresh copy, or (``fresh=False``) over the old
    one, keeping mutmut's ``mutants/`` (file times are kept, so mutmut re-mutates exactly the
    sources that changed)."""
    if fresh and workdir.exists():
        shutil.rmtree(workdir)
    for name in working_tree_files():
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)


def forget_survivors(workdir: Path, modules: list[str]) -> int:
    """Clear mutmut's verdict on every surviving mutant of ``modules`` (globs) so the next run
    tests it again."""
    forgotten = 0
    for meta in (workdir / "mutants").rglob("*.py.meta"):
        module = str(meta.relative_to(workdir / "mutants"))[: -len(".meta")]
        if not any(fnmatch.fnmatch(module, pattern) for pattern in modules):
            continue
        data = json.loads(meta.read_text("utf-8"))
        codes = data["exit_code_by_key"]
        for name, code in codes.items():
            if STATUS_BY_EXIT_CODE.get(code, "suspicious") in ALIVE:
                codes[name] = None
                forgotten += 1
        meta.write_text(json.dumps(data, indent=4), "utf-8")
    return forgotten


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def without_mutmut_section(text: str) -> str:
    """``text`` (a pyproject.toml) with any ``[tool.mutmut]`` table removed."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("["):
            skipping = line.strip() == "[tool.mutmut]"
        if not skipping:
            kept.append(line)
    return "".join(kept)


def configure(workdir: Path, package: Package, modules: list[str]) -> None:
    """Write the copy's ``[tool.mutmut]`` section and its root conftest.py."""
    selection = list(package.tests)
    # the fork server imports hypothesis (a pytest plugin) before pytest starts, so pytest
    # cannot assertion-rewrite it and warns, which filterwarnings=error would make fatal
    pytest_args = ["-p", "no:cacheprovider", "-W", "ignore::pytest.PytestAssertRewriteWarning"]
    for node in package.deselect:
        pytest_args += ["--deselect", node]
    section = "\n".join(
        [
            "",
            "[tool.mutmut]",
            'source_paths = ["vtlgw"]',
            f"only_mutate = {_toml_list(modules)}",
            f"pytest_add_cli_args_test_selection = {_toml_list(selection)}",
            f"pytest_add_cli_args = {_toml_list(pytest_args)}",
            'also_copy = ["fixtures", "templates", "bench", "conftest.py"]',
            'process_isolation = "forkserver"',
            'forkserver_warmup = "import"',
            'preload_modules_file = "preload.txt"',
            "use_git_change_detection = false",
            "",
        ]
    )
    pyproject = workdir / "pyproject.toml"
    pyproject.write_text(without_mutmut_section(pyproject.read_text("utf-8")) + section, "utf-8")
    shutil.copy2(HERE / "mutation_conftest.py", workdir / "conftest.py")
    shutil.copy2(HERE / "preload.txt", workdir / "preload.txt")


def check_mutmut(python: str) -> None:
    """Stop with a hint when ``python`` cannot run mutmut."""
    found = subprocess.run(
        [python, "-c", "import mutmut, importlib.metadata as m; print(m.version('mutmut'))"],
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        sys.exit(
            f"{python} cannot import mutmut; install it ({MUTMUT_REQUIREMENT}), preferably in a"
            " separate environment: see docs/mutation.md"
        )


def run_mutmut(python: str, workdir: Path, max_children: int, log: Path) -> int:
    """``nice -n 19 python -m mutmut run`` in the copy; its output goes to ``log``."""
    command = [python, "-m", "mutmut", "run", "--max-children", str(max_children)]
    if shutil.which("nice"):
        command = ["nice", "-n", "19", *command]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("MUTANT_UNDER_TEST", None)
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=workdir, stdout=out, stderr=subprocess.STDOUT, env=env)
    return done.returncode


def load_known_survivors() -> dict[str, dict[str, str]]:
    """survivors.toml: mutant name -> {"kind": "equivalent" | "left", "why": ...}."""
    if not KNOWN_SURVIVORS.exists():
        return {}
    data: dict[str, dict[str, str]] = tomllib.loads(KNOWN_SURVIVORS.read_text("utf-8"))["mutant"]
    return data


def read_results(workdir: Path) -> dict[str, dict[str, str]]:
    """module path -> {mutant name: status}, from mutmut's ``.meta`` files."""
    results: dict[str, dict[str, str]] = {}
    for meta in sorted((workdir / "mutants").rglob("*.py.meta")):
        module = str(meta.relative_to(workdir / "mutants"))[: -len(".meta")]
        data = json.loads(meta.read_text("utf-8"))
        results[module] = {
            name: STATUS_BY_EXIT_CODE.get(code, "suspicious")
            for name, code in data["exit_code_by_key"].items()
        }
    return results


def score(counts: Counter[str], equivalent: int = 0) -> float | None:
    """Detected over counted mutants (percent), ``equivalent`` survivors left out."""
    total = sum(counts[status] for status in COUNTED) - equivalent
    if total <= 0:
        return None
    return 100.0 * sum(counts[status] for status in DETECTED) / total


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def survivor_diffs(python: str, workdir: Path, names: list[str]) -> str:
    """The diff of each named mutant, from mutmut's own ``show`` code (one process)."""
    if not names:
        return ""
    script = (
        "import sys\n"
        "from mutmut.mutation.diff_apply import get_diff_for_mutant\n"
        "for name in sys.stdin.read().split():\n"
        "    try:\n"
        "        diff = get_diff_for_mutant(name)\n"
        "    except Exception as exc:\n"
        "        diff = f'(no diff: {exc})'\n"
        "    print(f'## {name}'); print(diff); print()\n"
    )
    shown = subprocess.run(
        [python, "-c", script],
        cwd=workdir,
        input="\n".join(names),
        capture_output=True,
        text=True,
    )
    return shown.stdout + shown.stderr


def summarise(python: str, workdir: Path, package: Package, minutes: float | None) -> str:
    """Write summary.md, summary.json and survivors.txt; return the Markdown."""
    results = read_results(workdir)
    known = load_known_survivors()
    rows = []
    total: Counter[str] = Counter()
    total_equivalent = 0
    survivors: list[str] = []
    for module, statuses in results.items():
        counts = Counter(statuses.values())
        if not statuses:
            continue
        alive = sorted(n for n, s in statuses.items() if s in ALIVE)
        survivors += alive
        equivalent = sum(1 for n in alive if known.get(n, {}).get("kind") == "equivalent")
        total += counts
        total_equivalent += equivalent
        rows.append((module, counts, equivalent))
    lines = [
        f"# Mutation score: {package.name}",
        "",
        f"mutmut {MUTMUT_REQUIREMENT.split('==')[1]}; tests: {' '.join(package.tests)}"
        + (f"; {minutes:.0f} min" if minutes is not None else ""),
        "",
        "| module | mutants | killed | timeout | crashed | survived | no tests | not run "
        "| equivalent | score | adjusted |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for module, counts, equivalent in [*rows, ("**total**", total, total_equivalent)]:
        lines.append(
            f"| {module} | {sum(counts.values())} | {counts['killed']} | {counts['timeout']} "
            f"| {counts['crashed']} "
            f"| {counts['survived'] + counts['suspicious']} | {counts['no tests']} "
            f"| {counts['not checked'] + counts['interrupted']} | {equivalent} "
            f"| {_percent(score(counts))} | {_percent(score(counts, equivalent))} |"
        )
    unexplained = [n for n in survivors if n not in known]
    lines += ["", f"{len(survivors)} survivors, {len(unexplained)} not in survivors.toml:", ""]
    lines += [f"- `{name}`" for name in unexplained]
    markdown = "\n".join(lines) + "\n"
    (workdir / "summary.md").write_text(markdown, "utf-8")
    summary = {
        "package": package.name,
        "minutes": minutes,
        "modules": {
            module: {**counts, "equivalent": equivalent, "score": score(counts)}
            for module, counts, equivalent in rows
        },
        "total": {**total, "equivalent": total_equivalent, "score": score(total)},
        "adjusted_score": score(total, total_equivalent),
        "survivors": {name: known.get(name, {}) for name in survivors},
    }
    (workdir / "summary.json").write_text(json.dumps(summary, indent=1) + "\n", "utf-8")
    (workdir / "survivors.txt").write_text(survivor_diffs(python, workdir, survivors), "utf-8")
    return markdown


def chosen_modules(package: Package, args: argparse.Namespace) -> list[str]:
    """The files to mutate: ``--modules``, else ``--sample``, else the package's globs."""
    if args.modules:
        return list(args.modules)
    if args.sample:
        if not package.sample:
            sys.exit(f"package {package.name!r} has no sample in {PACKAGES.name}")
        return list(package.sample)
    return list(package.mutate)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    packages = load_packages()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", choices=sorted(packages))
    parser.add_argument(
        "--python",
        default=os.environ.get("VTLGW_MUTATION_PYTHON", sys.executable),
        help="the interpreter that has mutmut (default: $VTLGW_MUTATION_PYTHON, else this one)",
    )
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--sample", action="store_true", help="mutate the package's sample only")
    parser.add_argument("--modules", nargs="+", help="globs of files to mutate instead")
    parser.add_argument("--resume", action="store_true", help="keep the copy and its results")
    parser.add_argument(
        "--retest",
        action="store_true",
        help="refresh the copy from the working tree and test the survivors again",
    )
    parser.add_argument("--summary-only", action="store_true", help="summarise a finished run")
    args = parser.parse_args(argv)
    package = packages[args.package]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    workdir: Path = args.workdir or cache / "vtlgw-mutation" / package.name
    modules = chosen_modules(package, args)
    minutes = None
    if not args.summary_only:
        check_mutmut(args.python)
        if args.retest:
            if not (workdir / "mutants").exists():
                sys.exit(f"nothing to retest in {workdir}: run the package first")
            copy_tree(workdir, fresh=False)
            configure(workdir, package, modules)
            print(f"testing {forget_survivors(workdir, modules)} survivors again", file=sys.stderr)
            # mutmut maps only new tests incrementally: old tests never reach new functions
            (workdir / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        elif not (args.resume and (workdir / "mutants").exists()):
            copy_tree(workdir)
            configure(workdir, package, modules)
        unknown = [m for m in modules if not any(fnmatch.fnmatch(f, m) for f in _sources(workdir))]
        if unknown:
            sys.exit(f"no source file matches {', '.join(unknown)}")
        started = _now()
        code = run_mutmut(args.python, workdir, args.max_children, workdir / "mutmut.log")
        minutes = (_now() - started) / 60
        if code != 0:
            print(f"mutmut exited with {code}; see {workdir / 'mutmut.log'}", file=sys.stderr)
            return code
    print(summarise(args.python, workdir, package, minutes), end="")
    print(f"\nsummary: {workdir / 'summary.md'}; survivor diffs: {workdir / 'survivors.txt'}")
    return 0


def _sources(workdir: Path) -> list[str]:
    return [str(p.relative_to(workdir)) for p in (workdir / "vtlgw").rglob("*.py")]


def _now() -> float:
    return time.monotonic()


if __name__ == "__main__":
    sys.exit(main())
