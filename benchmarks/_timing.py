"""The timing every benchmark script uses (imported as ``_timing`` from the scripts'
own folder, which Python puts first on the path when a script runs)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(task: Callable[[], object], repeats: int, warm_up: bool = True) -> float:
    """Median wall time (``time.perf_counter``) of ``repeats`` calls of ``task``, after one
    call that is not timed when ``warm_up``."""
    if warm_up:
        task()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
