"""Stage 3: draft. The built-in jinja2 writer, the LLM prompts and the LLM client.

Nothing here checks numbers (that is stage 4); ``narrator.compose`` runs the
draft → check → repair loop.
"""

from .writer import draft_builtin

__all__ = ["draft_builtin"]
