"""``python -m sigplot``: the same command as ``sigplot``."""

from sigplot.cli import main

main(prog_name="sigplot")
