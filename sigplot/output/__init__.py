"""From a figure to bytes and files: the formats, deterministic encoding, writing without
damage, data files, the terminal, animations, and the one pipeline that runs it all."""
