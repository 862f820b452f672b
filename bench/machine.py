"""Describe the machine a benchmark ran on: cores, CPU model, Python, package versions, commit."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def _commit(root: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip()


def describe(root: Path) -> dict[str, str]:
    """Key facts about this machine and software, as strings."""
    return {
        "nproc": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "airspeed": _version("airspeed"),
        "vtlgw": _version("vtlgw"),
        "commit": _commit(root),
    }


def one_line(info: dict[str, str]) -> str:
    """The machine description as a single line for a report header."""
    return (
        f"{info['nproc']} cores, {info['cpu']}, {info['implementation']} {info['python']}, "
        f"airspeed {info['airspeed']}, vtlgw {info['vtlgw']} @ {info['commit']}"
    )
