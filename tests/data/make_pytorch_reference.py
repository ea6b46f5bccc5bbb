"""Write pytorch_reference.json: f(z) and autograd's f'(z) from PyTorch itself, float64.

Run by hand where torch is installed (``pip install torch``), never by the tests:
``python tests/data/make_pytorch_reference.py > tests/data/pytorch_reference.json``.
"""

import json
from typing import Any

import torch
import torch.nn.functional as F  # noqa: N812 (PyTorch's own spelling)

torch.set_default_dtype(torch.float64)
FUNCTIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softplus": F.softplus,
    "softsign": F.softsign,
    "silu": F.silu,
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "mish": F.mish,
    "elu": F.elu,
    "selu": F.selu,
    "celu": F.celu,
    "relu": F.relu,
    "leaky_relu": F.leaky_relu,
    "relu6": F.relu6,
    "hardsigmoid": F.hardsigmoid,
    "hardtanh": F.hardtanh,
    "hardswish": F.hardswish,
    "logsigmoid": F.logsigmoid,
    "tanhshrink": F.tanhshrink,
    "softshrink": F.softshrink,
    "hardshrink": F.hardshrink,
    "threshold": lambda x: F.threshold(x, 0.0, 0.5),
    "prelu": lambda x: F.prelu(x, torch.tensor([0.25])),
    "rrelu": lambda x: F.rrelu(x, training=False),
    "hard_silu": F.hardswish,
    "exponential": torch.exp,
    "identity": torch.nn.Identity(),
    # Not in torch.nn: the published formulas in torch, so autograd differentiates them.
    "squareplus": lambda x: (x + torch.sqrt(x * x + 4)) / 2,
    "sparse_plus": lambda x: torch.where(x <= -1, 0.0, torch.where(x >= 1, x, (x + 1) ** 2 / 4)),
    "sparse_sigmoid": lambda x: torch.clamp((x + 1) / 2, 0.0, 1.0),
    "relu_squared": lambda x: F.relu(x) ** 2,
    "quick_gelu": lambda x: x * torch.sigmoid(1.702 * x),
    "snake": lambda x: x + torch.sin(x) ** 2,
}
# Functions at parameters, by sigplot's call text.
CALLS = {
    "elu(alpha=0.5)": lambda x: F.elu(x, alpha=0.5),
    "celu(alpha=2)": lambda x: F.celu(x, alpha=2.0),
    "leaky_relu(negative_slope=0.2)": lambda x: F.leaky_relu(x, 0.2),
    "softplus(beta=2)": lambda x: F.softplus(x, beta=2.0, threshold=1e9),
    "softplus(beta=3, threshold=4)": lambda x: F.softplus(x, beta=3.0, threshold=4.0),
    "hardtanh(min_val=-2, max_val=3)": lambda x: F.hardtanh(x, -2.0, 3.0),
    "softshrink(lambd=1.3)": lambda x: F.softshrink(x, 1.3),
    "hardshrink(lambd=0.25)": lambda x: F.hardshrink(x, 0.25),
    "threshold(threshold=0.1, value=20)": lambda x: F.threshold(x, 0.1, 20.0),
    "prelu(weight=-0.5)": lambda x: F.prelu(x, torch.tensor([-0.5])),
    "rrelu(lower=0.1, upper=0.4)": lambda x: F.rrelu(x, 0.1, 0.4, training=False),
    "squareplus(b=0.5)": lambda x: (x + torch.sqrt(x * x + 0.5)) / 2,
    "snake(alpha=0.37)": lambda x: x + torch.sin(0.37 * x) ** 2 / 0.37,
}
Z = [-7.25, -2.5, -0.75, -0.2, 0.3, 1.5, 4.0]


def values(f: Any) -> dict[str, Any]:
    x = torch.tensor(Z, requires_grad=True)
    y = f(x)
    y.sum().backward()
    assert x.grad is not None
    return {"z": Z, "value": y.detach().tolist(), "grad": x.grad.tolist()}


out = {name: values(f) for name, f in FUNCTIONS.items()}
calls = {name: values(f) for name, f in CALLS.items()}
print(json.dumps({"torch": torch.__version__, "functions": out, "calls": calls}, indent=1))
