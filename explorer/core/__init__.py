"""Pure-Python core: reading, cleaning, metadata, outline, targets. Never imports Qt."""
