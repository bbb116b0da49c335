"""Timing helpers every benchmark under bench/ shares, so that "p95" means the same in every table of
docs/benchmarks.md.

A script run as `python bench/<name>.py` finds this module next to it (Python puts the script's folder
first on sys.path): `from timing import percentiles, timed`.
"""

import statistics
import time


def percentile(samples, fraction):
    """The nearest-rank percentile of the samples: the value below which `fraction` of them lie
    (0.95 for p95). With few samples it is one of the measured values, never an interpolation."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def percentiles(samples):
    """(p50, p95) of the samples: the median, and the nearest-rank 95th percentile."""
    return statistics.median(samples), percentile(samples, 0.95)


def spread(samples):
    """(p50, p95, max) of the samples: the tail next to the median."""
    return (*percentiles(samples), max(samples))


def elapsed_ms(started):
    """Milliseconds since `started`, a time.perf_counter() value."""
    return (time.perf_counter() - started) * 1000


def timed(function, *args, **kwargs):
    """(milliseconds of wall-clock time, CPU milliseconds of this process) of one call. On a loaded
    machine the wall time includes waiting for a core; the CPU time is what the call itself costs."""
    started, cpu = time.perf_counter(), time.process_time()
    function(*args, **kwargs)
    return elapsed_ms(started), (time.process_time() - cpu) * 1000


def repeat_ms(function, rounds, warm_up=1):
    """The wall-clock milliseconds of `rounds` calls of function(), after `warm_up` calls not counted
    (they fill caches and compile templates, like a site that has been running)."""
    for _ in range(warm_up):
        function()
    return [timed(function)[0] for _ in range(rounds)]
