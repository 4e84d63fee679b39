"""How the benchmarks print a figure measured over several runs: the median, then every run."""
from __future__ import annotations

import statistics


def median_runs(values, unit: str = "s", scale: float = 1.0) -> str:
    """``values`` (seconds, say) as "2.80 s (2.80, 2.95, 2.68)": the median, then each run in its
    order, each times ``scale`` and in ``unit`` (``scale=1000, unit="ms"`` for milliseconds)."""
    return f"{statistics.median(values) * scale:.2f} {unit} ({', '.join(f'{v * scale:.2f}' for v in values)})"
