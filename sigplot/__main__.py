"""``python -m sigplot``: the same command as ``sigplot``."""

from sigplot.cli import run

run()
