"""Figures on pages: web figures (names, variants, ``<picture>``), the gallery and its
manifest, what cached files depend on, and the worker processes that draw many at once."""
