"""The figure spec: every option declared once (``FigureSpec``), its parsers and the one
validation, the presets (looks, as data), sweeps (one spec per value) and the alt text.
Neither numpy nor matplotlib is imported here."""
