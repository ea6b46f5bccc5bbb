"""Write pytorch_reference.json: f(z) and autograd's f'(z) from PyTorch itself, float64.

Run by hand where torch is installed (``pip install torch``), never by the tests:
``python tests/data/make_pytorch_reference.py > tests/data/pytorch_reference.json``.
"""

import json

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
}
Z = [-7.25, -2.5, -0.75, -0.2, 0.3, 1.5, 4.0]
out = {}
for name, f in FUNCTIONS.items():
    x = torch.tensor(Z, requires_grad=True)
    y = f(x)
    y.sum().backward()
    out[name] = {"z": Z, "value": y.detach().tolist(), "grad": x.grad.tolist()}
print(json.dumps({"torch": torch.__version__, "functions": out}, indent=1))
