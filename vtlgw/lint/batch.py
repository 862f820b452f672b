"""Lint many template files: per-file configuration, input errors kept per file, in parallel.

A :class:`Job` is what every file of one run shares: the linter (its selection), the
configuration (per-file ignores and API kinds) and the command line's API kind and route.
:func:`lint_paths` lints files and yields one :class:`Outcome` per file, in the order given:
its findings, or the input error that stopped it (not UTF-8, too large, a malformed
``vtlgw:`` comment), or the one-line description of a bug in vtlgw. Nothing is printed here.

With ``workers`` above 1 (``vtlgw lint --jobs``), the files are linted by worker processes
forked from this one, after the first file is linted here so the rules' lazy imports and tables
are loaded once. Where ``fork`` is not available, or if the workers cannot be started, files
are linted in this process; the outcomes are the same either way. One process is the default:
pre-commit already runs a hook on several batches of files at once, and on a busy 2-core
machine the workers' start and hand-over cost more than they save (see ``bench/lint.py``).
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


def workers_for(count: int, jobs: int) -> int:
    """How many worker processes to use for ``count`` files when ``jobs`` are asked for.

    ``jobs`` 0 means one per available core. Never more than one per
    :data:`FILES_PER_WORKER` files, and 1 (lint in this process) where ``fork`` is missing.
    """
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if jobs == 0:
        try:
            jobs = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            jobs = os.cpu_count() or 1
    return max(1, min(jobs, count // FILES_PER_WORKER))


def lint_paths(
    job: Job, paths: Sequence[str], *, workers: int = 1, show_traceback: bool = False
) -> Iterator[Outcome]:
    """One :class:`Outcome` per file of ``paths``, in order, linted by ``workers`` processes.

    (See the module docstring; :func:`workers_for` says how many workers are worth it.)
    """
    count = workers
    if count <= 1 or show_traceback or len(paths) < 2:
        for path in paths:
            yield lint_path(job, path, show_traceback=show_traceback)
        return
    # The first file is linted here, before forking: the rules' lazy imports (the engine for
    # the render check) and tables are then loaded once, not once per worker.
    yield lint_path(job, paths[0])
    done = 1
    rest = paths[1:]
    size = -(-len(rest) // (count * 4))  # a few chunks per worker, to even out the load
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
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
