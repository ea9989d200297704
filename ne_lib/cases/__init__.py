"""Validation cases, one module per chapter, each defining ``CASES`` (see ne_lib.validation)."""
