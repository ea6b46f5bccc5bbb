"""The maths, checked and public: ``sigmoid``, ``evaluate`` and the ``FUNCTIONS`` names.

Pure numpy, no matplotlib or click. Every function accepts any float input (including
+-inf, nan and +-1e308) without a floating-point warning and returns float64 of the
input's shape (a numpy scalar for a scalar).
"""

from __future__ import annotations

import math
from typing import overload

import numpy as np
import numpy.typing as npt

from sigplot.activations import EVALUATORS
from sigplot.catalog import FUNCTION_NAMES, require_function
from sigplot.errors import SigplotError
from sigplot.logistic import FloatArray

FUNCTIONS: tuple[str, ...] = FUNCTION_NAMES
_CHUNK = 16384


def _as_float_array(z: npt.ArrayLike) -> FloatArray:
    try:
        return np.asarray(z, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise SigplotError("z", z, "must be real numbers") from exc


def check_order(name: str, order: object) -> int:
    """Return ``order`` as an int, or raise SigplotError unless ``name`` supports it."""
    top = require_function(name).max_order
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)):
        raise SigplotError("orders", order, "must be a whole number")
    if not 0 <= order <= top:
        raise SigplotError("orders", order, f"is not supported by {name} (orders 0 to {top})")
    return int(order)


def _check_scale(field: str, value: float, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise SigplotError(field, value, "must be a number")
    x = float(value)
    if not math.isfinite(x) or (positive and x <= 0):
        raise SigplotError(
            field, value, "must be positive and finite" if positive else "must be finite"
        )
    return x


@overload
def evaluate(
    name: str, z: float, order: int = 0, *, gain: float = 1.0, shift: float = 0.0
) -> np.float64: ...
@overload
def evaluate(
    name: str, z: npt.ArrayLike, order: int = 0, *, gain: float = 1.0, shift: float = 0.0
) -> FloatArray: ...
def evaluate(
    name: str, z: npt.ArrayLike, order: int = 0, *, gain: float = 1.0, shift: float = 0.0
) -> FloatArray | np.float64:
    """The ``order``-th derivative of ``f(gain * (z - shift))`` with respect to z.

    ``name`` is one of :data:`FUNCTIONS`; the derivative of order n carries the factor
    gain**n. Raises SigplotError for an unknown name, order, gain or shift.
    """
    n = check_order(name, order)
    k = _check_scale("gain", gain, positive=True)
    z0 = _check_scale("shift", shift, positive=False)
    x = _as_float_array(z)
    flat = x.ravel()
    result = np.empty_like(flat)
    # Overflow to +-inf and underflow to 0 are the true limits in these formulas.
    with np.errstate(over="ignore", under="ignore"):
        # In cache-sized chunks: the formulas make many temporaries, cheap when they are small.
        for start in range(0, flat.size, _CHUNK):
            part = flat[start : start + _CHUNK]
            arg = part if (k == 1.0 and z0 == 0.0) else k * (part - z0)
            result[start : start + _CHUNK] = EVALUATORS[name](arg, n) * k**n
    shaped = np.where(np.isnan(flat), np.nan, result).reshape(x.shape)
    return shaped[()] if shaped.ndim == 0 else shaped


@overload
def sigmoid(z: float, order: int = 0) -> np.float64: ...
@overload
def sigmoid(z: npt.ArrayLike, order: int = 0) -> FloatArray: ...
def sigmoid(z: npt.ArrayLike, order: int = 0) -> FloatArray | np.float64:
    """Return the ``order``-th derivative (0-3) of sigma(z) = 1/(1+e^-z), as float64.

    Accurate at every float z (about 1 ulp for orders 0-2; order 3 to 1e-12 away from
    its two zeros), vectorised over any shape, and silent: no overflow warnings.
    """
    return evaluate("sigmoid", z, order)
