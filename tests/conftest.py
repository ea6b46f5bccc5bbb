"""Shared test setup: a headless backend for the reference drawings, and helpers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
