"""From a spec to a matplotlib figure: compute the curves and the marks ``--annotate``
places, then draw them (axes, value axis, legend, notes, marks, panels, sweeps)."""
