"""A legend tried at spot after spot keeps its size: its box is packed once and moved.

``Legend.get_window_extent`` packs the legend's rows and columns again at every call
(a millisecond), then moves the packed box by the legend's offset for its present
location; the packing does not depend on the location, so a legend tried at a hundred
spots need pack once. Off, matplotlib's own call at every spot: the same boxes.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.legend import Legend
from matplotlib.transforms import Bbox


def moving_extent(legend: Legend, on: bool) -> Callable[[], Bbox]:
    """A function giving ``legend``'s window extent where it stands when called, while
    only its location changes: the packed box measured now and moved by the offset
    matplotlib computes for the location (with the layer ``on``), else the full call."""
    if not on:
        return legend.get_window_extent
    renderer = legend.figure._get_renderer()  # type: ignore[union-attr]
    packer = legend._legend_box  # type: ignore[attr-defined]
    packed: Bbox = packer.get_bbox(renderer)

    def extent() -> Bbox:
        x, y = packer.get_offset(packed, renderer)
        return packed.translated(x, y)

    return extent
