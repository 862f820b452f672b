"""Smoke tests for the benchmark scripts in ``bench/``: they run, once, on tiny sizes.

No timing is asserted (figures depend on the machine). What is asserted is what the benchmark
and the engine decision record rely on: the bench templates render on airspeed exactly as the
recorded Velocity 1.7 output, the result JSON has its documented shape, and the airspeed
findings quoted in ``docs/decisions/0001-engine.md`` still hold for the installed airspeed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Import helper for the bench scripts (plain modules in ``bench/``, not a package)."""
    pytest.importorskip("airspeed")  # a bench-only extra: pip install -e '.[bench]'
    monkeypatch.syspath_prepend(str(BENCH))

    def load(name: str) -> ModuleType:
        __import__(name)
        return sys.modules[name]

    return load


def test_plain_bench_templates_match_velocity_on_airspeed(bench: Any) -> None:
    import airspeed  # type: ignore[import-untyped]

    workloads = bench("workloads")
    plain = [w for w in workloads.workloads(BENCH.parent) if w.request is None]
    assert {w.name for w in plain} == {"builder-1k", "mix-5k"}
    for load in plain:
        recorded = load.recorded_output()
        assert recorded is not None, f"{load.recorded_path} missing"
        assert airspeed.Template(load.text).merge(load.airspeed_vars()) == recorded


def test_bench_connect_template_renders_json_on_airspeed(bench: Any) -> None:
    import airspeed

    workloads = bench("workloads")
    own = workloads.BENCH_TEMPLATES / "connect.vtl"
    connect = next(w for w in workloads.workloads(BENCH.parent) if w.path == own)
    out = json.loads(airspeed.Template(connect.text).merge(connect.airspeed_vars()))
    context = connect.plain_context()["context"]
    assert out["connectionId"] == context["connectionId"]
    callback = f"/{context['stage']}/@connections/{context['connectionId']}"
    assert out["callbackUrl"].endswith(callback)


def test_run_quick_writes_result_json(bench: Any, tmp_path: Path, capsys: Any) -> None:
    run = bench("run")
    target = tmp_path / "bench.json"
    assert run.main(["--quick", "--json", str(target)]) == 0
    result = json.loads(target.read_text(encoding="utf-8"))
    assert result["version"] == 1
    assert result["machine"]["nproc"].isdigit()
    rows = {row["measure"]: row for row in result["rows"]}
    for name in ("render connect", "render builder-1k", "render mix-5k"):
        assert rows[name]["airspeed"] > 0
    for name in ("render builder-1k", "render mix-5k"):
        assert "!= Velocity 1.7" not in rows[name]["note"]
    assert rows["compile mix-5k"]["airspeed"] > 0
    assert "| measure |" in capsys.readouterr().out


def test_conformance_replay_judges_outputs_and_errors(bench: Any) -> None:
    conformance = bench("airspeed_conformance")
    ok = conformance.run_case(
        {"id": "a", "topic": "t", "template": "$x!", "context": {"x": 1}, "expected": "1!"}
    )
    assert (ok.agrees, ok.kind) == (True, "match")
    # ref §5.2: Velocity 1.7 truncates -7 / 2 to -3; airspeed floors to -4
    wrong = conformance.run_case(
        {"id": "b", "topic": "t", "template": "#set($x = -7 / 2)$x", "expected": "-3"}
    )
    assert (wrong.agrees, wrong.kind, wrong.got) == (False, "wrong-output", "-4")
    raised = conformance.run_case({"id": "c", "topic": "t", "template": "#end", "error": "X"})
    assert (raised.agrees, raised.kind) == (True, "raised-as-expected")


def test_sandbox_probe_reaches_python_internals(bench: Any) -> None:
    sandbox = bench("airspeed_sandbox")
    result = sandbox.run_probe(
        "class of a string", "$s.__class__", r"<class 'str'>", mem_mb=512, cpu_s=10, wall_s=30
    )
    assert result.outcome == "ESCAPE"


def test_sandbox_probe_runs_vtlgw_in_the_same_jail(bench: Any) -> None:
    sandbox = bench("airspeed_sandbox")
    result = sandbox.run_probe(
        "module import via globals",
        "$s.length.__globals__.os.getpid()",
        r"^\d+$",
        mem_mb=512,
        cpu_s=10,
        wall_s=30,
        engine="vtlgw",
    )
    assert result.outcome == "contained", result.detail


def test_airspeed_errors_positions(bench: Any) -> None:
    errors = bench("airspeed_errors")
    assert errors.probe("a\nb\n#set($x = )", {})[1:] == ("yes", "3:11")
    exc, attrs, where = errors.probe("a\nb\n  $l.get(5)", {"l": [1]})
    assert (exc, attrs) == ("TemplateExecutionError <- IndexError", "no")
    assert where.startswith("offsets 6-")
    assert errors.offset_to_line_col("a\nb\ncd", 5) == "3:2"


def test_vtlgw_never_imports_airspeed() -> None:
    # airspeed is a bench-only extra (docs/decisions/0001-engine.md)
    package = BENCH.parent / "vtlgw"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+airspeed\b", path.read_text("utf-8"), re.M)
    ]
    assert offenders == []
    probe = "import sys, vtlgw, vtlgw.cli; print('airspeed' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
