"""The baseline: the blog figure drawn by a plain matplotlib script, saved as SVG."""

import sys
from typing import Any

import matplotlib.pyplot as plt
import numpy as np


def sigmoid(x: Any) -> Any:
    return 1 / (1 + np.exp(-x))


x = np.arange(-6, 6, 0.01)
fig, ax = plt.subplots(figsize=(9, 5))
ax.spines["left"].set_position("center")
ax.spines["right"].set_color("none")
ax.spines["top"].set_color("none")
ax.xaxis.set_ticks_position("bottom")
ax.yaxis.set_ticks_position("left")
ax.plot(x, sigmoid(x), color="#307EC7", linewidth=3, label="sigmoid")
ax.plot(x, sigmoid(x) * (1 - sigmoid(x)), color="#9621E2", linewidth=3, label="derivative")
ax.legend(loc="upper right", frameon=False)
fig.savefig(sys.argv[1])
