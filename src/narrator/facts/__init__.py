"""Stage 2: facts. Every figure the article may state, computed once with pandas.

``compute_facts(events, month)`` turns the clean event table into a ``MonthFacts``
(see ``narrator.model``); nothing downstream computes a number.
"""

from .compute import FACT_COLUMNS, compute_facts, previous_month

__all__ = ["FACT_COLUMNS", "compute_facts", "previous_month"]
