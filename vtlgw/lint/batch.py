"""Lint many template files: per-file configuration, input errors kept per file, in parallel.

A :class:`Job` is what every file of one run shares: the linter (its selection), the
configuration (per-file ignores and API kinds) and the command line's API kind and route.
:func:`lint_paths` lints files and yields one :class:`Outcome` per file, in the order given:
its findings, or the input error that stopped it (not UTF-8, too large, a malformed
``vtlgw:`` comment), or the one-line description of a bug in vtlgw. Nothing is printed here.

With many files and more than one CPU, the files are linted by worker processes forked from
this one (the rules are already imported, so a worker starts in milliseconds). Where ``fork``
is not available, with few files, or if the workers cannot be started, files are linted in
this process; the outcomes are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from vtlgw.errors import InputError
from vtlgw.lint.config import LintConfig
from vtlgw.lint.files import read_template
from vtlgw.lint.finding import LintFinding
from vtlgw.lint.linter import Linter
from vtlgw.lint.source import ApiKind, LintSource

#: Files per worker process below which forking does not pay for itself.
FILES_PER_WORKER = 16


@dataclass(frozen=True)
class Job:
    """What every file of one run shares."""

    linter: Linter
    config: LintConfig
    api: ApiKind | None = None
    route: str | None = None

    def where(self, name: str, *, configured: bool = True) -> tuple[ApiKind | None, str | None]:
        """The API kind and route of ``name``: the command line's pair, else the configured."""
        if self.api is not None:
            return self.api, self.route
        if self.route is not None:
            return "websocket", self.route  # only WebSocket APIs have routes
        return self.config.api_for(name) if configured else (None, None)

    def lint_text(self, text: str, name: str, *, configured: bool = True) -> list[LintFinding]:
        """The findings of one template (``configured``: apply the per-file settings)."""
        api, route = self.where(name, configured=configured)
        selection = self.config.selection_for(name, self.linter.selection) if configured else None
        return self.linter.lint(LintSource(text, name, api=api, route=route), selection=selection)


@dataclass(frozen=True)
class Outcome:
    """What linting one file gave: findings, or an input error, or a bug's description."""

    name: str
    findings: tuple[LintFinding, ...] = ()
    error: str | None = None
    bug: str | None = None


def lint_path(job: Job, path: str, *, show_traceback: bool = False) -> Outcome:
    """Lint the template file ``path`` (a bug propagates when ``show_traceback``)."""
    try:
        return Outcome(path, tuple(job.lint_text(read_template(path), path)))
    except InputError as exc:
        return Outcome(path, error=str(exc))
    except Exception as exc:
        if show_traceback:
            raise
        return Outcome(path, bug=f"{type(exc).__name__}: {exc}")


def _lint_chunk(job: Job, paths: Sequence[str]) -> list[Outcome]:
    return [lint_path(job, path) for path in paths]


def workers_for(count: int) -> int:
    """How many worker processes to use for ``count`` files (1: lint in this process)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, count // FILES_PER_WORKER))


def lint_paths(
    job: Job, paths: Sequence[str], *, workers: int | None = None, show_traceback: bool = False
) -> Iterator[Outcome]:
    """One :class:`Outcome` per file of ``paths``, in order (see the module docstring)."""
    count = workers_for(len(paths)) if workers is None else workers
    if count <= 1 or show_traceback or len(paths) < 2:
        for path in paths:
            yield lint_path(job, path, show_traceback=show_traceback)
        return
    size = -(-len(paths) // (count * 4))  # a few chunks per worker, to even out the load
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    done = 0
    for stream in (sys.stdout, sys.stderr):  # a forked worker must not write pending output again
        stream.flush()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for outcomes in pool.map(_lint_chunk, [job] * len(chunks), chunks):
                yield from outcomes
                done += len(outcomes)
    except (BrokenProcessPool, OSError):
        pass  # the workers could not run: lint what is left here
    for path in paths[done:]:
        yield lint_path(job, path)
