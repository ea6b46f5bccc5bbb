"""Every catalogue function and its first derivative against truths that share nothing
with sigplot's code: values PyTorch itself computed, and the documented formulas of
tests/reference.py (their order 0, differentiated by mpmath). A misreading of a definition
(as selu once used CELU's e^(z/alpha)) cannot then sit both in the code and in its test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import mpmath as mp
import numpy as np
import pytest
from reference import TRUTH

from sigplot import FUNCTIONS, evaluate

# f(z) and autograd's f'(z) as PyTorch 2.13.0 (CPU, float64) computed them, written by
# tests/data/make_pytorch_reference.py (run by hand where torch is installed): torch.nn's
# functions, the others as their published formulas in torch (autograd differentiates
# them), and functions at parameters ("calls").
PYTORCH = json.loads((Path(__file__).parent / "data" / "pytorch_reference.json").read_text())
TORCH: dict[str, dict[str, list[float]]] = PYTORCH["functions"]
Z = TORCH["sigmoid"]["z"]

# PyTorch's own arithmetic is not exact everywhere: hardsigmoid's gradient is a float32 1/6,
# and gelu_tanh's 0.5 z (1 + tanh u) cancels to 0 in the far left tail (true: -1.1e-16).
TORCH_RTOL = 1e-7
TORCH_ATOL = 1e-12


@pytest.mark.parametrize("name", sorted(TORCH))
@pytest.mark.parametrize("order", [0, 1])
def test_values_and_gradients_agree_with_pytorch(name: str, order: int) -> None:
    expected = np.array(TORCH[name]["grad" if order else "value"])
    got = evaluate(name, np.array(TORCH[name]["z"]), order)
    assert np.allclose(got, expected, rtol=TORCH_RTOL, atol=TORCH_ATOL), (got, expected)


@pytest.mark.parametrize("call", sorted(PYTORCH["calls"]))
@pytest.mark.parametrize("order", [0, 1])
def test_functions_at_parameters_agree_with_pytorch(call: str, order: int) -> None:
    # PyTorch's own F.elu(x, alpha=0.5), F.softplus(x, beta=3, threshold=4) ... at float64.
    data = PYTORCH["calls"][call]
    expected = np.array(data["grad" if order else "value"])
    got = evaluate(call, np.array(data["z"]), order)
    assert np.allclose(got, expected, rtol=TORCH_RTOL, atol=TORCH_ATOL), (got, expected)


def test_every_function_has_a_truth() -> None:
    assert set(TORCH) <= set(FUNCTIONS) == set(TRUTH)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_and_slope_agree_with_the_documented_formula(name: str) -> None:
    def f(z: Any) -> Any:
        return TRUTH[name](z, 0)

    with mp.workdps(60):
        value = [float(f(mp.mpf(z))) for z in Z]
        slope = [float(mp.diff(f, mp.mpf(z))) for z in Z]  # no point of Z is at a kink
    assert np.allclose(evaluate(name, np.array(Z)), value, rtol=8.9e-16, atol=1e-300)  # 4 ulp
    assert np.allclose(evaluate(name, np.array(Z), 1), slope, rtol=8.9e-16, atol=1e-300)


def test_selu_is_not_celu_with_selus_alpha() -> None:
    # The value PyTorch documents in spirit: SELU(-1) = scale alpha (1/e - 1).
    assert evaluate("selu", -1.0) == pytest.approx(-1.1113307378125625, rel=1e-15)
