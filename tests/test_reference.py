"""Every catalogue function and its first derivative against truths that share nothing
with sigplot's code: values PyTorch itself computed, and formulas copied from PyTorch's
documentation into mpmath here. A misreading of a definition (as selu once used CELU's
e^(z/alpha)) cannot then sit both in the code and in its test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mpmath as mp
import numpy as np
import pytest

from sigplot import FUNCTIONS, evaluate

# f(z) and autograd's f'(z) as PyTorch 2.13.0 (CPU, float64) computed them, written by
# tests/data/make_pytorch_reference.py (run by hand where torch is installed).
PYTORCH = json.loads((Path(__file__).parent / "data" / "pytorch_reference.json").read_text())
TORCH: dict[str, dict[str, list[float]]] = PYTORCH["functions"]
Z = TORCH["sigmoid"]["z"]

# PyTorch's own arithmetic is not exact everywhere: hardsigmoid's gradient is a float32 1/6,
# and gelu_tanh's 0.5 z (1 + tanh u) cancels to 0 in the far left tail (true: -1.1e-16).
TORCH_RTOL = 1e-7
TORCH_ATOL = 1e-12


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("order", [0, 1])
def test_values_and_gradients_agree_with_pytorch(name: str, order: int) -> None:
    expected = np.array(TORCH[name]["grad" if order else "value"])
    got = evaluate(name, np.array(TORCH[name]["z"]), order)
    assert np.allclose(got, expected, rtol=TORCH_RTOL, atol=TORCH_ATOL), (got, expected)


def test_every_function_has_a_pytorch_truth() -> None:
    assert set(TORCH) == set(FUNCTIONS) == set(DOCUMENTED)


half, one = mp.mpf(1) / 2, mp.mpf(1)
# torch.nn.SELU's documented constants, and CELU/ELU's default alpha = 1.
SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")


def _u(z: Any) -> Any:
    # 0.044715 as the double PyTorch computes with (mpf of the decimal string differs by
    # 1e-17, which the left tail magnifies past an ulp).
    return mp.sqrt(2 / mp.pi) * (z + mp.mpf(0.044715) * z**3)


# The formulas as PyTorch's documentation writes them (torch.nn.<Name>), in mpmath.
DOCUMENTED: dict[str, Callable[[Any], Any]] = {
    "sigmoid": lambda z: 1 / (1 + mp.exp(-z)),
    "tanh": lambda z: (mp.exp(z) - mp.exp(-z)) / (mp.exp(z) + mp.exp(-z)),
    "softplus": lambda z: mp.log(1 + mp.exp(z)),  # beta = 1, the exact function
    "softsign": lambda z: z / (1 + abs(z)),
    "silu": lambda z: z / (1 + mp.exp(-z)),
    "gelu": lambda z: z * (1 + mp.erf(z / mp.sqrt(2))) / 2,
    # 0.5 z (1 + tanh u) = z / (1 + e^-2u): the same number, without 1 + tanh u cancelling.
    "gelu_tanh": lambda z: z / (1 + mp.exp(-2 * _u(z))),
    "mish": lambda z: z * mp.tanh(mp.log(1 + mp.exp(z))),
    "elu": lambda z: max(0, z) + min(0, one * (mp.exp(z) - 1)),
    "selu": lambda z: SELU_SCALE * (max(0, z) + min(0, SELU_ALPHA * (mp.exp(z) - 1))),
    "celu": lambda z: max(0, z) + min(0, one * (mp.exp(z / one) - 1)),
    "relu": lambda z: max(0, z),
    "leaky_relu": lambda z: max(0, z) + mp.mpf("0.01") * min(0, z),
    "relu6": lambda z: min(max(0, z), 6),
    "hardsigmoid": lambda z: 0 if z <= -3 else (1 if z >= 3 else z / 6 + half),
    "hardtanh": lambda z: 1 if z > 1 else (-1 if z < -1 else z),
    "hardswish": lambda z: 0 if z <= -3 else (z if z >= 3 else z * (z + 3) / 6),
    "logsigmoid": lambda z: mp.log(1 / (1 + mp.exp(-z))),
    "tanhshrink": lambda z: z - mp.tanh(z),
    "softshrink": lambda z: z - half if z > half else (z + half if z < -half else 0),
    "hardshrink": lambda z: z if abs(z) > half else 0,
}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_and_slope_agree_with_the_documented_formula(name: str) -> None:
    f = DOCUMENTED[name]
    with mp.workdps(60):
        value = [float(f(mp.mpf(z))) for z in Z]
        slope = [float(mp.diff(f, mp.mpf(z))) for z in Z]  # no point of Z is at a kink
    assert np.allclose(evaluate(name, np.array(Z)), value, rtol=8.9e-16, atol=1e-300)  # 4 ulp
    assert np.allclose(evaluate(name, np.array(Z), 1), slope, rtol=8.9e-16, atol=1e-300)


def test_selu_is_not_celu_with_selus_alpha() -> None:
    # The value PyTorch documents in spirit: SELU(-1) = scale alpha (1/e - 1).
    assert evaluate("selu", -1.0) == pytest.approx(-1.1113307378125625, rel=1e-15)
