"""Timing helpers: calibrated batches, interleaved rounds and medians.

Engines are timed in the same process, in alternating order round after round, so that a noisy
neighbour on a shared machine slows every engine alike; each figure is the median over rounds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping


def calibrate(fn: Callable[[], object], target_s: float) -> int:
    """How many calls of ``fn`` take about ``target_s`` seconds (at least 1)."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        took = time.perf_counter() - start
        if took >= target_s / 4 or n >= 1_000_000:
            return max(1, round(n * target_s / max(took, 1e-9)))
        n *= 4


def batch_rate(fn: Callable[[], object], n: int) -> float:
    """Calls per second over ``n`` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - start)


def interleaved_rates(
    fns: Mapping[str, Callable[[], object]], *, repeats: int, target_s: float
) -> dict[str, float]:
    """Median calls/s per named function over ``repeats`` interleaved rounds."""
    sizes = {name: calibrate(fn, target_s) for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for round_no in range(repeats):
        order = names if round_no % 2 == 0 else names[::-1]
        for name in order:
            samples[name].append(batch_rate(fns[name], sizes[name]))
    return {name: statistics.median(values) for name, values in samples.items()}


def interleaved_seconds(
    fns: Mapping[str, Callable[[], float]], *, repeats: int, per_round: int
) -> dict[str, float]:
    """Median seconds per call of functions that time themselves (return their own duration).

    Used for compile timing, where a fresh engine must be built outside the timed region.
    """
    samples: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for round_no in range(repeats):
        order = names if round_no % 2 == 0 else names[::-1]
        for name in order:
            total = sum(fns[name]() for _ in range(per_round))
            samples[name].append(total / per_round)
    return {name: statistics.median(values) for name, values in samples.items()}
