"""sigplot: the logistic sigmoid, its derivatives and related curves, plotted.

The names that need numpy or matplotlib are imported on first use, so that
``sigplot --help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sigplot.maths.catalog import FUNCTION_NAMES as FUNCTIONS
from sigplot.maths.errors import SigplotError, SigplotWarning
from sigplot.spec.alt_text import describe
from sigplot.spec.options import FigureSpec, build_spec

__version__ = "0.1.0"

__all__ = [
    "FUNCTIONS",
    "FigureSpec",
    "SigplotError",
    "SigplotWarning",
    "__version__",
    "animation",
    "build_spec",
    "describe",
    "evaluate",
    "explorer",
    "figure",
    "save",
    "sigmoid",
]

_LAZY = {
    "animation": "sigplot.output.pipeline",
    "sigmoid": "sigplot.maths.functions",
    "evaluate": "sigplot.maths.functions",
    "explorer": "sigplot.output.pipeline",
    "figure": "sigplot.output.pipeline",
    "save": "sigplot.output.pipeline",
}

if TYPE_CHECKING:
    from sigplot.maths.functions import evaluate, sigmoid
    from sigplot.output.pipeline import animation, explorer, figure, save


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sigplot' has no attribute {name!r}")
