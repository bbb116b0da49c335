"""Run every benchmark under bench/, one after the other, and say which ones failed.

    .venv/bin/python bench/run_all.py [--quick] [--only NAME ...] [--timeout SECONDS]

Each script runs in its own process on its own throw-away SQLite database (DATABASE_URL and
DJANGO_SETTINGS_MODULE are removed from its environment: a benchmark generates thousands of rows and
must never write into a real database; run one script by hand with DATABASE_URL to measure
PostgreSQL). Its output is shown as it comes; then one summary line per script, and the exit status is
1 if any script failed or timed out.

--quick runs each script on small data with few rounds (a few minutes in all): a smoke test for CI
that the scripts still run against the current code, not a measure. Their numbers mean nothing.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The helpers, and the two scripts that look at a portal someone serves (`make run`): screenshots.py and
# quality.py (Lighthouse, the W3C checker) are run by hand with --base (docs/benchmarks.md).
NOT_BENCHMARKS = {"run_all.py", "timing.py", "shareloc_data.py", "screenshots.py", "quality.py"}

# Small data and few rounds for --quick, per script (a script missing here runs with no argument).
QUICK_ARGUMENTS = {
    "belette_search": ["--agents", "2100", "--rounds", "1"],
    "portal_pages": ["--aids", "20", "--news", "20", "--rounds", "3"],
    "programme_pages": ["--applications", "20", "--reviewers", "1", "--rounds", "3"],
    # Enough pages that "page 2 of a kind" exists (a page past the last answers 400).
    "search_page": ["--pages", "300", "--rounds", "2", "--fresh"],  # --workdir added below
    "shareloc_api": ["--rounds", "5", "--scale", "1"],
    "shareloc_booking": ["--rounds", "3"],
    "shareloc_planning": ["--rounds", "3"],
}


def benchmarks():
    return sorted(path for path in HERE.glob("*.py") if path.name not in NOT_BENCHMARKS)


def command_for(script, quick, workdir):
    command = [sys.executable, str(script)]
    if quick:
        command += QUICK_ARGUMENTS.get(script.stem, [])
        if script.stem == "search_page":  # never wipe the database a full run keeps for next time
            command += ["--workdir", str(workdir / "search_page")]
    return command


def run(script, quick, timeout, workdir):
    """(status, seconds) of one script: "ok", "FAILED (exit N)" or "TIMED OUT"."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    environment["PYTHONUNBUFFERED"] = "1"
    command = command_for(script, quick, workdir)
    print(f"\n===== {script.name} {' '.join(command[2:])}".rstrip(), flush=True)
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=HERE.parent, env=environment, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "TIMED OUT", time.monotonic() - started
    status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
    return status, time.monotonic() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data, few rounds: a smoke test, not a measure")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run these scripts only (e.g. portal_pages)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed to each script")
    options = parser.parse_args(argv)

    scripts = benchmarks()
    if options.only:
        unknown = set(options.only) - {script.stem for script in scripts}
        if unknown:
            parser.error(f"no such benchmark: {', '.join(sorted(unknown))}")
        scripts = [script for script in scripts if script.stem in options.only]
    started, began = time.monotonic(), time.strftime("%Y-%m-%d %H:%M %Z")
    results = []
    with tempfile.TemporaryDirectory(prefix="maregion-bench-") as workdir:
        for script in scripts:
            results.append((script.name, *run(script, options.quick, options.timeout, Path(workdir))))
    print(f"\n===== summary ({'quick' if options.quick else 'full'} run started {began})")
    for name, status, seconds in results:
        print(f"{name:<24} {status:<18} {seconds:7.1f} s")
    failed = [name for name, status, _seconds in results if status != "ok"]
    print(f"{len(results) - len(failed)}/{len(results)} ok in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
