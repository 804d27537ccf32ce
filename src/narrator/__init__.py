"""narrator: the monthly funding report, computed from deal-level data and checked.

The public API (everything else is internal and may change)::

    import narrator
    facts = narrator.build_facts("2025-11")              # the shipped sample; data="export.csv" for yours
    article = narrator.compose(facts)                     # built-in writer; llm=LLMSettings(...) for a model
    narrator.save(article, Path("out/2025-11"), ["md", "html", "docx"])
    report = narrator.check_article("国内融资事件214起。", facts)   # every number of any text, checked

Names are loaded on first use, so ``import narrator`` (and the ``narrate`` CLI) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "build_facts": "pipeline",
    "Inputs": "pipeline",
    "compose": "compose",
    "save": "compose",
    "Article": "compose",
    "check_article": "check",
    "CheckReport": "check",
    "Mention": "check",
    "MonthFacts": "model",
    "Fact": "model",
    "Settings": "config",
    "load_settings": "config",
    "LLMSettings": "draft.llm",
    "NarratorError": "errors",
}

__all__ = [
    "Article", "CheckReport", "Fact", "Inputs", "LLMSettings", "Mention", "MonthFacts", "NarratorError",
    "Settings", "build_facts", "check_article", "compose", "load_settings", "save",
]
assert sorted(__all__) == sorted(_EXPORTS)

if TYPE_CHECKING:
    from .check import CheckReport, Mention, check_article
    from .compose import Article, compose, save
    from .config import Settings, load_settings
    from .draft.llm import LLMSettings
    from .errors import NarratorError
    from .model import Fact, MonthFacts
    from .pipeline import Inputs, build_facts


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'narrator' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
