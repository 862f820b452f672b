"""Probe stock airspeed 0.7.1 with sandbox escapes and resource bombs, each in a jailed process.

Every probe renders one untrusted template with airspeed in a child Python process limited to
``--mem`` MB of address space, ``--cpu`` seconds of CPU and ``--wall`` seconds of wall time, so a
hang or a memory bomb cannot take the machine down. Outcomes: ``ESCAPE`` (the output shows Python
internals were reached), ``HANG`` (killed by the time limit), ``MEMORY`` (MemoryError or killed by
the address-space limit), ``PY-ERROR`` (a raw Python exception surfaced, for example
RecursionError), ``NO-LIMIT`` (a gateway limit is not enforced), ``contained`` (nothing reached, no
crash, or refused with one of vtlgw's own errors). ``--engine vtlgw`` runs the same probes
through ``vtlgw.Engine()`` (API Gateway flavor) for comparison. Usage:
``python bench/airspeed_sandbox.py [--engine airspeed|vtlgw] [--json OUT] [--mem MB] [--cpu S]
[--wall S]``.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# a leak of /etc/hostname shows as its content; the placeholder is filled in at run time
HOSTNAME = "<content of /etc/hostname>"

# (name, template, regex that proves a Python-internals leak in the output, or "" for bombs)
PROBES: tuple[tuple[str, str, str], ...] = (
    ("class of a string", "$s.__class__", r"<class 'str'>"),
    ("mro", "$s.__class__.__mro__", r"<class 'object'>"),
    ("subclasses of object", "$s.__class__.__base__.__subclasses__().size()", r"^\d{3,}$"),
    ("host object globals", "$input.params.__func__.__globals__.keys()", r"dict_keys"),
    ("str.format traversal", "#set($f = '{0.__class__.__mro__}')$f.format($s)", r"<class"),
    ("dict method __self__", "$m.get.__self__.__class__", r"<class 'dict'>"),
    ("list method __qualname__", "$l.append.__qualname__", r"list\.append"),
    ("extra-method lambda globals", "$s.length.__globals__.keys().__len__()", r"^\d+$"),
    ("module import via globals", "$s.length.__globals__.os.getpid()", r"^\d+$"),
    (
        "file read via builtins",
        "$s.length.__globals__.__builtins__.open('/etc/hostname').read()",
        HOSTNAME,
    ),
    ("context mutation", "$m.clear()$m.isEmpty()", r"True$"),
    ("range object leak", "#set($r = [1..3])$r", r"range\("),
    ("#include of a file", "#include('/etc/hostname')", HOSTNAME),
    ("#evaluate of built text", "#set($d = '$')#evaluate(\"${d}s.__class__\")", r"<class"),
    (
        "no 1000-iteration cap",
        "#set($c = 0)#foreach($i in [1..5000])#set($c = $i)#end$c",
        r"^5000$",
    ),
    ("foreach over 10^8 range", "#foreach($i in [1..100000000])#end", ""),
    ("foreach output 10^8", "#foreach($i in [1..100000000])$i#end", ""),
    (
        "string doubling x40",
        "#set($x = 'ab')#foreach($i in [1..40])#set($x = \"$x$x\")#end$x.length()",
        "",
    ),
    ("string times 10^10", "#set($x = $s * 10000000000)$x.length()", ""),
    ("big power", "$n.__pow__(100000000).bit_length()", ""),
    ("deep macro recursion", "#macro(r $k)#r($k)#end#r(1)", ""),
    ("nested #if x150 (parse)", "#if(true)" * 150 + "x" + "#end" * 150, ""),
    ("nested parens x5000 (parse)", "#set($x = " + "(" * 5000 + "1" + ")" * 5000 + ")$x", ""),
)

CHILD_SOURCE = r"""
import json, sys
probe = json.loads(sys.stdin.read())
ctx = {"s": "x", "n": 7, "m": {"a": 1}, "l": [1, 2]}
params = {"path": {}, "querystring": {}, "header": {"Host": "h"}}
vtlgw_error = False
try:
    if probe["engine"] == "vtlgw":
        sys.path.insert(0, probe["bench"])
        import vtlgw
        from hosts import VtlInput
        ctx["input"] = VtlInput(params, "{}")
        out = vtlgw.Engine().render(probe["template"], ctx)
    else:
        import airspeed

        class Input:
            def params(self, name=None):
                return params if name is None else params["header"].get(name)

        ctx["input"] = Input()
        out = airspeed.Template(probe["template"]).merge(ctx)
    res = {"status": "ok", "output": out[:400]}
except BaseException as exc:
    if probe["engine"] == "vtlgw":
        vtlgw_error = isinstance(exc, vtlgw.VtlgwError)
    root = exc
    while root.__cause__ is not None:
        root = root.__cause__
    res = {"status": "raised", "exc": type(exc).__name__, "root": type(root).__name__,
           "message": str(exc if vtlgw_error else root)[:200], "vtlgw_error": vtlgw_error}
sys.stdout.write(json.dumps(res))
"""


@dataclass(frozen=True)
class SandboxResult:
    """The outcome of one probe."""

    name: str
    template: str
    outcome: str
    seconds: float
    detail: str


def _hostname_text() -> str:
    try:
        with open("/etc/hostname", encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        return "\0no hostname file\0"


def _limits(mem_mb: int, cpu_s: int) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb * 2**20, mem_mb * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))

    return apply


def run_probe(
    name: str,
    template: str,
    leak: str,
    *,
    mem_mb: int,
    cpu_s: int,
    wall_s: float,
    engine: str = "airspeed",
) -> SandboxResult:
    """Render one probe in a resource-limited child process and classify what happened."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD_SOURCE],
            input=json.dumps({"template": template, "engine": engine, "bench": str(HERE)}),
            capture_output=True,
            text=True,
            timeout=wall_s,
            preexec_fn=_limits(mem_mb, cpu_s),
        )
    except subprocess.TimeoutExpired:
        return SandboxResult(name, template, "HANG", wall_s, f"killed after {wall_s:.0f}s wall")
    took = time.perf_counter() - start
    if proc.returncode != 0 or not proc.stdout:
        sig = -proc.returncode if proc.returncode < 0 else 0
        tail = proc.stderr.strip().splitlines()[-1:] or [""]
        outcome = "HANG" if sig in (9, 24) else "MEMORY" if "MemoryError" in tail[0] else "CRASH"
        return SandboxResult(name, template, outcome, took, f"rc={proc.returncode} {tail[0]}")
    res = json.loads(proc.stdout)
    if res["status"] == "ok":
        out = res["output"]
        if leak == HOSTNAME:
            leak = "^" + re.escape(_hostname_text()) + "$"
        leaked = bool(leak) and re.search(leak, out) is not None
        label = "NO-LIMIT" if name.startswith("no ") else "ESCAPE"
        return SandboxResult(name, template, label if leaked else "contained", took, repr(out))
    detail = f"{res['exc']} <- {res['root']}: {res['message']}"
    if res.get("vtlgw_error"):  # vtlgw refused the template with one of its own errors
        return SandboxResult(name, template, "contained", took, f"{res['exc']}: {res['message']}")
    if res["root"] == "MemoryError":
        return SandboxResult(name, template, "MEMORY", took, detail)
    if res["root"] in ("TemplateSyntaxError", "TemplateError"):
        return SandboxResult(name, template, "contained", took, detail)
    return SandboxResult(name, template, "PY-ERROR", took, detail)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mem", type=int, default=512, help="address-space limit per probe, MB")
    parser.add_argument("--cpu", type=int, default=10, help="CPU-time limit per probe, s")
    parser.add_argument("--wall", type=float, default=15.0, help="wall-time limit per probe, s")
    parser.add_argument("--engine", choices=("airspeed", "vtlgw"), default="airspeed")
    parser.add_argument("--only", help="run only probes whose name contains this text")
    parser.add_argument("--json", help="write results to this file")
    args = parser.parse_args(argv)
    results = [
        run_probe(n, t, leak, mem_mb=args.mem, cpu_s=args.cpu, wall_s=args.wall, engine=args.engine)
        for n, t, leak in PROBES
        if not args.only or args.only in n
    ]
    limits = f"{args.mem} MB address space, {args.cpu} s CPU, {args.wall} s wall"
    print(f"engine: {args.engine}; limits per probe: {limits}\n")
    print("| probe | template | outcome | s | detail |")
    print("|---|---|---|---:|---|")
    for r in results:
        tpl = r.template if len(r.template) <= 60 else r.template[:57] + "..."
        detail = r.detail.replace("|", "\\|").replace("\n", " ")[:120]
        print(f"| {r.name} | `{tpl}` | {r.outcome} | {r.seconds:.1f} | {detail} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump([asdict(r) for r in results], fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
