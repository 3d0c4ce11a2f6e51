"""Sources: read a file or a text into an :class:`~truceline.models.Article`."""

from truceline.sources.reader import article_from_text, article_id, normalise_text, read_article

__all__ = ["article_from_text", "article_id", "normalise_text", "read_article"]
