"""Run the smoke suite (``pytest -m smoke``) on the versions pyproject.toml allows.

- the oldest: the lowest Python, matplotlib and numpy that pyproject allows, pinned;
- the newest: the highest supported Python (its classifiers) with the newest releases;
- each matplotlib release between the lowest and the pinned one that the speed layer is
  enabled on (``sigplot._speedups.TESTED``: 3.9, 3.10): the latest on a Python between
  the lowest and the highest (3.12, which it also covers) with the smoke suite, which
  holds the speed layer's tests; the rest on the lowest Python with those tests alone
  (``pytest -m speedups``: the same bytes on and off, and the rest). One environment
  fewer than a run for each: the command's time is bounded (README).

Each gets a fresh virtual environment under ``.venv-versions/``, installed from PyPI with
the ``smoke`` extra by uv. Part of the README's test command (so CI runs it); exits 1 when any
run fails or a supported Python is missing from the machine. Run: python tests/versions.py
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from uv import find_uv_bin

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOWEST = {"matplotlib", "numpy", "myst-parser"}  # the dependencies whose lowest release is run


def supported_pythons() -> list[str]:
    """'3.11', '3.12', ... from the classifiers, the first being requires-python's lowest."""
    found = [
        m.group(1)
        for c in PROJECT["classifiers"]
        if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))
    ]
    return sorted(found, key=lambda v: tuple(map(int, v.split("."))))


def lowest_pins() -> list[str]:
    """matplotlib>=3.8 -> matplotlib==3.8, for each dependency in LOWEST."""
    pins = []
    for requirement in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["smoke"]]:
        name, _, version = requirement.partition(">=")
        if name in LOWEST:
            pins.append(f"{name}=={version}")
    return pins


def interpreter(version: str) -> str | None:
    """A working pythonX.Y: on PATH, or in pyenv's versions (whose shims may be inactive)."""
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(f"{pyenv}/versions/{version}.*/bin/python{version}"))
    for candidate in candidates:
        if candidate and subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
            return candidate
    return None


def run(name: str, python: str, pins: list[str], marker: str = "smoke") -> tuple[bool, str]:
    """Install and run the smoke suite in a fresh environment: (passed, what it printed)."""
    venv = ROOT / ".venv-versions" / name
    shutil.rmtree(venv, ignore_errors=True)
    bin_ = venv / "bin"
    # uv (from PyPI, in the test extra) makes and fills the environment: pip took 25 s of
    # CPU for each, uv 8 s, which the four environments' runs side by side share. It
    # compiles the bytecode at once, as pip does: where none may be written (the
    # environment variable PYTHONDONTWRITEBYTECODE), each process compiled matplotlib again.
    uv = find_uv_bin()
    steps = [
        [uv, "venv", "-q", "--python", python, str(venv)],
        [uv, "pip", "install", "-q", "--compile-bytecode", "--python", str(bin_ / "python"),
         "-e", f"{ROOT}[smoke]", *pins],
    ]  # fmt: skip
    for step in steps:
        done = subprocess.run(step, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            failure = f"versions: {name}: could not install ({' '.join(step[-2:])})"
            return False, done.stdout + done.stderr + failure + "\n"
    report = subprocess.run(
        [str(bin_ / "python"), "-c",
         "import sys, matplotlib, numpy; "
         "print(sys.version.split()[0], matplotlib.__version__, numpy.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    head = f"versions: {name}: Python {report[0]}, matplotlib {report[1]}, numpy {report[2]}\n"
    tests = [str(bin_ / "python"), "-m", "pytest", "-m", marker, "-q", "-p", "no:cacheprovider"]
    done = subprocess.run(tests, cwd=ROOT, capture_output=True, text=True)
    return done.returncode == 0, head + done.stdout + done.stderr


def middle_releases() -> list[str]:
    """The speed layer's tested matplotlib releases that neither the oldest run nor the
    full suite (the pinned release) covers."""
    from sigplot._speedups import TESTED

    pinned = next(d.split("==")[1] for d in PROJECT["optional-dependencies"]["test"]
                  if d.startswith("matplotlib=="))  # fmt: skip
    lowest = next(p.split("==")[1] for p in lowest_pins() if p.startswith("matplotlib=="))
    covered = {".".join(v.split(".")[:2]) for v in (pinned, lowest)}
    return [release for release in TESTED if release not in covered]


def main() -> int:
    pythons = supported_pythons()
    middle, between = middle_releases(), pythons[1:-1]
    paired = list(zip(reversed(middle), between, strict=False))  # the latest releases first
    alone = middle[: len(middle) - len(paired)]  # the earlier releases, on the lowest Python
    plan = [(f"oldest-py{pythons[0]}", pythons[0], lowest_pins(), "smoke")]
    plan += [(f"matplotlib{r}-py{pythons[0]}", pythons[0], [f"matplotlib=={r}.*"], "speedups")
             for r in alone]  # fmt: skip
    plan += [(f"matplotlib{r}-py{v}", v, [f"matplotlib=={r}.*"], "smoke") for r, v in paired]
    plan += [(f"newest-py{v}", v, [], "smoke")
             for v in between[len(paired):] + pythons[-1:]]  # fmt: skip
    failed = []
    runs = {}
    # The environments are independent: install and test them all at once (with a core
    # each and one more, the speed layer's tests ran alone after the smoke suites, a core
    # of CI's two idle; the gain was within the machine's noise, 248 s and 295 s against
    # 264 s), then report each run's output whole, in the plan's order.
    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        for name, version, pins, marker in plan:
            python = interpreter(version)
            if python is None:
                print(f"versions: {name}: python{version} is not on this machine", flush=True)
                failed.append(name)
            else:
                runs[name] = pool.submit(run, name, python, pins, marker)
        for name in [p[0] for p in plan if p[0] in runs]:
            passed, output = runs[name].result()
            print(output, end="", flush=True)
            if not passed:
                failed.append(name)
    print(f"versions: {len(plan) - len(failed)} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
