"""narrator: the monthly funding report, computed from deal-level data and checked."""

__version__ = "0.1.0"
