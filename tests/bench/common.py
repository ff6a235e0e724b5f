"""Shared helpers for `make bench`: best-of timing, peak memory, and the row format printed."""
from __future__ import annotations

import gc
import subprocess
import sys
import time
import tracemalloc
from typing import Any, Callable


def best_ms(fn: Callable[[], Any], repeat: int = 5, number: int = 1) -> float:
    """Best wall time of `repeat` runs of `number` calls, per call, in ms (the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best * 1000


def peak_mib(fn: Callable[[], Any]) -> float:
    """Peak Python heap allocated while fn runs, in MiB (tracemalloc; measured apart from timing)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def process_ms(argv: list[str], repeat: int = 5) -> float:
    """Best wall time of a whole process, in ms."""
    return best_ms(lambda: subprocess.run(argv, check=True, capture_output=True), repeat=repeat)


def row(measure: str, ours_ms: float, baseline: str, baseline_ms: float, target: str, met: bool,
        peak: float | None = None, unit: str = "ms") -> dict[str, Any]:
    """One printed line; ratio = baseline / ours, so above 1 means we are faster (or smaller)."""
    ratio = baseline_ms / ours_ms if ours_ms else float("inf")
    return {"measure": measure, "ours_ms": ours_ms, "baseline": baseline, "baseline_ms": baseline_ms,
            "ratio": ratio, "target": target, "met": met, "peak_mib": peak, "unit": unit}


PYTHON = sys.executable
