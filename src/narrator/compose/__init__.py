"""Stage 6: compose the article (draft → check → repair or fall back) and save it."""

from .article import Article, Progress, Silent, compose, save, title_of

__all__ = ["Article", "Progress", "Silent", "compose", "save", "title_of"]
