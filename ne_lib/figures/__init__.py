"""Interactive figures, one module per chapter (see ne_lib.interactive)."""
