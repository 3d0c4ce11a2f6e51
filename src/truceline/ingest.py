"""Ingest: loaded articles -> (copy of a stored story | coded and stored) -> merged views.

For each article from the sources stage:

1. an article whose normalised text is already stored is an **exact copy**: its outlet, URL and
   title are kept as another copy of that story, and it is not coded again;
2. otherwise, with near-duplicate detection on, a text that shares at least ``NEAR_JACCARD`` of its
   word 5-grams with a stored story is a **near copy** of it (kept with its own text), not coded;
3. otherwise it is coded and stored as a new story.

Problems (bad lines, unreadable files) are recorded in the store and never stop the batch.
Articles are coded in small batches (``spacy.Language.pipe``). After the batch, agreements are
merged across articles and each event's independent sources are counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from datasketch import MinHash

from truceline.models import Article, Warning
from truceline.sources.dedup import NEAR_JACCARD, NearDuplicates, from_bytes, jaccard, minhash, shingles
from truceline.sources.dedup import signature_bytes as to_bytes
from truceline.sources.documents import Loaded

if TYPE_CHECKING:
    from truceline.pipeline import Pipeline
    from truceline.store import Store

BATCH = 16


@dataclass
class IngestSummary:
    stored: int = 0
    exact_copies: int = 0
    near_copies: int = 0
    already: int = 0
    failed: int = 0
    warnings: list[Warning] = field(default_factory=list)
    agreements: int = 0

    @property
    def seen(self) -> int:
        return self.stored + self.exact_copies + self.near_copies + self.already


class Ingestor:
    """One batch of ingest into one store with one pipeline."""

    def __init__(
        self,
        store: Store,
        pipe: Pipeline,
        *,
        dedup: bool = True,
        near_jaccard: float = NEAR_JACCARD,
        on_warning: Callable[[Warning], None] | None = None,
    ) -> None:
        self.store, self.pipe = store, pipe
        self.dedup, self.near_jaccard = dedup, near_jaccard
        self.on_warning = on_warning
        self.summary = IngestSummary()
        self.index = NearDuplicates()
        self._shingles: dict[str, set[int]] = {}
        self._pending: list[tuple[Article, bytes | None]] = []
        self.touched: set[str] = set()  # articles stored by this batch: what the agreements rebuild looks at
        self.outcomes: Counter[str] = Counter()
        if dedup:
            for article_id, data in store.signatures():
                self.index.add(article_id, from_bytes(data))

    # ------------------------------------------------------------------ one document
    def add(self, loaded: Loaded) -> str:
        """Take one loaded document; returns what became of it (stored, exact, near, already, failed, warning)."""
        if loaded.problem is not None:
            self._warn(loaded.ref, loaded.problem, loaded.fatal)
            if loaded.fatal:
                self.summary.failed += 1
                return "failed"
            return "warning"
        article = loaded.article
        assert article is not None
        outcome = self._place(article)
        self.outcomes[outcome] += 1
        if len(self._pending) >= BATCH:
            self.flush()
        return outcome

    def _place(self, article: Article) -> str:
        store = self.store
        known = store.copy_of(article.id) or (article.id if store.has_article(article.id) else None)
        pending = next((a for a, _ in self._pending if a.id == article.id), None)
        if known is not None or pending is not None:
            if pending is not None and known is None:
                self.flush()  # store the original first, so the copy has something to point to
                known = article.id
            relation = "exact" if store.add_copy(known, article, "exact") else None
            if relation is None:
                self.summary.already += 1
                return "already"
            self.summary.exact_copies += 1
            return "exact"
        signature = None
        if self.dedup:
            sh = shingles(article.text)
            sig = minhash(sh)
            story, similarity = self._near(sh, sig)
            if story is not None:
                if any(a.id == story for a, _ in self._pending):
                    self.flush()
                store.add_copy(story, article, "near", similarity)
                self.summary.near_copies += 1
                return "near"
            self.index.add(article.id, sig)
            self._shingles[article.id] = sh
            signature = to_bytes(sig)
        for w in article.warnings:
            self._warn(article.ref or article.id, w, False)
        self._pending.append((article, signature))
        return "stored"

    def _near(self, sh: set[int], sig: MinHash) -> tuple[str | None, float]:
        best, best_sim = None, 0.0
        for cand in self.index.candidates(sig):
            other = self._shingles.get(cand)
            if other is None:
                text = self.store.article_text(cand)
                other = shingles(text) if text else set()
                self._shingles[cand] = other
            sim = jaccard(sh, other)
            if sim >= self.near_jaccard and sim > best_sim:
                best, best_sim = cand, sim
        return best, best_sim

    def _warn(self, ref: str, warning: Warning, fatal: bool) -> None:
        message = warning.message if warning.message.startswith(ref) else f"{ref}: {warning.message}"
        if self.store.add_warning(ref, warning.code, message, fatal):
            shown = Warning(code=warning.code, message=message)
            self.summary.warnings.append(shown)
            if self.on_warning is not None:
                self.on_warning(shown)

    # ------------------------------------------------------------------ batches
    def flush(self) -> None:
        """Code and store the articles waiting in the batch."""
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        records = self.pipe.extract_articles([a for a, _ in batch])
        for (article, signature), record in zip(batch, records, strict=True):
            if self.store.add(record, article.text, article=article, minhash=signature):
                self.summary.stored += 1
                self.touched.add(article.id)
            else:
                self.summary.already += 1

    def run(self, documents: Iterable[Loaded], progress: Callable[[Loaded], None] | None = None) -> IngestSummary:
        for loaded in documents:
            self.add(loaded)
            if progress is not None:
                progress(loaded)
        return self.finish()

    def finish(self) -> IngestSummary:
        """Store what is left, then rebuild the views that span articles."""
        from truceline import ledger

        self.flush()
        changed = self.summary.stored or self.summary.exact_copies or self.summary.near_copies
        built = self.store.merged_count()
        if changed or not built:
            # only the arrangements between the sides the new articles name are recomputed (a first build,
            # or a store whose merged view is empty, is built in full)
            ledger.rebuild(self.store, self.touched if built else None)
            ledger.corroborate(self.store)
        self.summary.agreements = self.store.merged_count()
        return self.summary
