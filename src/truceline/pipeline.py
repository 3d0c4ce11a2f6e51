"""The whole flow for one text: article -> NLP doc -> actors -> events -> agreements -> record."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from truceline.actors import complete, registry, resolve
from truceline.actors.registry import user_files_from_env
from truceline.agreements import extract_agreements
from truceline.config import load_settings
from truceline.events import Coder, dyadic
from truceline.frame import build_frame
from truceline.gazetteer import gazetteer
from truceline.models import Article, ArticleRef, TrucelineRecord
from truceline.nlp import load_nlp
from truceline.sources import article_from_text, read_article
from truceline.statements import extract_statements

# outlets and agencies ("Reuters said", "state TV reported") report the news; they are not its actors
MEDIA_SECTORS = {"JRN"}  # (MED is health workers and hospitals)


class Pipeline:
    """Loads the models and vocabularies once; ``extract`` codes one article."""

    def __init__(self, actors: Iterable[str | Path] = ()) -> None:
        files = tuple(str(p) for p in actors) + tuple(user_files_from_env()) + tuple(load_settings().actors)
        self.registry = registry(files)
        patterns = gazetteer().entity_patterns()
        seen = {p["pattern"] for p in patterns}
        patterns += [p for p in self.registry.entity_patterns() if p["pattern"] not in seen]
        self.nlp = load_nlp(patterns)
        self.coder = Coder()

    def extract(
        self,
        text: str,
        *,
        published: date | None = None,
        url: str | None = None,
        title: str | None = None,
        source: str | None = None,
    ) -> TrucelineRecord:
        return self.extract_article(article_from_text(text, published=published, url=url, title=title, source=source))

    def extract_file(
        self, path: str | Path, *, published: date | None = None, url: str | None = None, title: str | None = None
    ) -> TrucelineRecord:
        return self.extract_article(read_article(path, published=published, url=url, title=title))

    def extract_article(self, article: Article) -> TrucelineRecord:
        return self._code(self.nlp(article.text), article)

    def extract_articles(self, articles: list[Article], batch_size: int = 16) -> list[TrucelineRecord]:
        """Code several articles, parsing them together (``Language.pipe``): faster than one by one."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=batch_size)
        return [self._code(doc, article) for doc, article in zip(docs, articles, strict=True)]

    def _code(self, doc: Doc, article: Article) -> TrucelineRecord:
        res = resolve(doc, self.registry, article.published, article.source)
        frame = build_frame(doc, res, article.published)
        events = self.coder.code(doc, res, article.id, article.published, frame=frame)
        complete(
            res, (a for e in events for a in (e.source, e.target, e.reported_by)), self.registry, article.published
        )
        # the second side's copy of a joint act ("+each_side") is the same sentence's act: one is enough there
        agreements = extract_agreements(
            doc, res, [e for e in events if "+each_side" not in e.rule], article.id, article.published, frame
        )
        statements = extract_statements(doc, res, events, article.id)
        complete_events = [e for e in events if dyadic(e)]
        return TrucelineRecord(
            article=ArticleRef(
                id=article.id, url=article.url, title=article.title, source=article.source, published=article.published
            ),
            actors=[a for a in res.actors if a.sector not in MEDIA_SECTORS],
            outlets=[a for a in res.actors if a.sector in MEDIA_SECTORS],
            unresolved=res.unresolved,
            frame=frame,
            events=complete_events,
            partial_events=[e for e in events if not dyadic(e)],
            agreements=agreements,
            statements=statements,
            warnings=article.warnings,
        )


_DEFAULT: Pipeline | None = None


def extract(
    text: str,
    *,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> TrucelineRecord:
    """One-call shortcut: code one text with the default pipeline (loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT.extract(text, published=published, url=url, title=title, source=source)
