"""RSS and Atom files, through feedparser: one article per entry.

The entry's full text is its ``content`` (``content:encoded`` in RSS, ``<content>`` in Atom), else
its ``description`` / ``summary``. The outlet is the feed's title; the date is the one the entry
gives, as written (not shifted to UTC). A feed that is not well-formed XML is read as far as
feedparser can; a warning names the problem, and entries with no title and no text are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from truceline.errors import InputError
from truceline.sources.documents import Loaded, parse_date, problem
from truceline.sources.html import fragment_text
from truceline.sources.reader import article_from_text

MIN_ENTRY_WORDS = 12


def looks_like_feed(head: bytes) -> bool:
    start = head.lstrip()[:1024].lower()
    return b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start


def _entry_text(entry: dict) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return fragment_text(value)
    return fragment_text(entry.get("summary") or entry.get("description") or "")


def read_feed(data: bytes, name: str) -> Iterator[Loaded]:
    """Each entry as a loaded article or a problem; a feed-level problem first, as a warning."""
    import feedparser  # imported here: reading plain text should not pay for it

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0][:120]
        if not entries:
            yield problem(name, "bad_feed", f"not a readable RSS/Atom feed ({reason})", fatal=True)
            return
        yield problem(name, "bad_feed", f"the feed is not well-formed XML ({reason}); read {len(entries)} entries")
    outlet = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        ref = f"{name}#{n}"
        text = _entry_text(entry)
        title = entry.get("title") or None
        if len(text.split()) < MIN_ENTRY_WORDS:
            yield problem(ref, "empty_entry", f"entry {n} has no article text ({len(text.split())} words); skipped")
            continue
        published = None
        raw = entry.get("published") or entry.get("updated")
        try:
            published = parse_date(raw)
        except ValueError:
            yield problem(ref, "bad_date", f"entry {n}: the date {raw!r} is not a date; stored without one")
        try:
            article = article_from_text(
                text, published=published, url=entry.get("link"), title=title, source=outlet, ref=ref
            )
        except InputError as exc:
            yield problem(ref, "bad_entry", str(exc))
            continue
        yield Loaded(ref=ref, article=article)
