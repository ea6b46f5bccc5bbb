"""The baseline for bench_gallery: the same figures drawn one after another in one
process, as a loop script would (no workers, no cache). Usage: SPEC OUT_DIR."""

import sys
from pathlib import Path

from sigplot.web.gallery import load
from sigplot.web.gallery_build import build_entry

book = load(sys.argv[1])
Path(sys.argv[2]).mkdir(parents=True, exist_ok=True)
for entry in book.entries:
    build_entry(entry, sys.argv[2])
