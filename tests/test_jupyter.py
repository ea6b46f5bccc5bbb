"""Figures and animations in a real Jupyter kernel (ipykernel, driven by nbclient): they
display with nothing else imported, no pyplot and no %matplotlib."""

from __future__ import annotations

import base64
import sys
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def run_cells(*sources: str) -> list[list[dict[str, Any]]]:
    """Run the cells in a fresh kernel of this Python; each cell's outputs."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    client = nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3")
    client.km = client.create_kernel_manager()
    client.km.kernel_cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    client.execute()
    return [cell.outputs for cell in notebook.cells]


def test_a_figure_displays_in_a_fresh_kernel() -> None:
    (figure, modules) = run_cells(
        "import sigplot\nfig = sigplot.figure(points=51)\nfig",
        "import sys\nprint('matplotlib.pyplot' in sys.modules)",
    )
    data = figure[0]["data"]
    assert isinstance(data, dict)
    assert data["image/svg+xml"].startswith("<?xml")
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert "The sigmoid and its first derivative" in data["image/svg+xml"]
    assert modules[0]["text"] == "False\n"  # shown without pyplot


def test_an_animation_displays_as_a_player() -> None:
    (outputs,) = run_cells(
        "import sigplot\nsigplot.animation(sweep='tangent -1 1', frames=3, points=51)"
    )
    data = outputs[0]["data"]
    assert isinstance(data, dict)
    assert data["text/html"].count("data:image/png;base64") == 3


def test_an_explorer_displays_inline() -> None:
    (sweep, still, modules) = run_cells(
        "import sigplot\nsigplot.explorer(sweep='tangent -1 1', frames=3, points=51)",
        "sigplot.explorer(functions='sigmoid,tanh', points=51)",
        "import sys\nprint('matplotlib.pyplot' in sys.modules)",
    )
    shown = sweep[0]["data"]["text/html"]
    assert shown.count("<svg") == 1 and '<input type="range"' in shown
    assert (
        'max="2"' in shown
        and "sp-play" in shown
        and "tangent at z = −1: sigmoid(z₀) = 0.269" in shown
    )
    page = still[0]["data"]["text/html"]
    assert '<input type="range"' in page and "<button" not in page  # a cursor, no player
    assert "z = 0: sigmoid 0.5" in page
    assert modules[0]["text"] == "False\n"
