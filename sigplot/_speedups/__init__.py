"""Measurement caches that make sigplot's drawing faster: mathtext parses, text layouts,
text outlines and tick placements shared while sigplot draws."""
