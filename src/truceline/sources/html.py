"""Web pages: the article's main text, title, date, URL and outlet from the page, through trafilatura.

Boilerplate (menus, cookie banners, "related stories", footers) is left out by trafilatura's
extractor. The date comes from the page's metadata (``article:published_time``, JSON-LD
``datePublished``, ``<time datetime>``), found by htmldate inside trafilatura; nothing is fetched.
"""

from __future__ import annotations

import logging
import re

from truceline.errors import InputError
from truceline.models import Article, Warning
from truceline.sources.documents import MIN_PAGE_WORDS, clean_text, parse_date
from truceline.sources.reader import article_from_text, decode_bytes

for _name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)
# trafilatura and lxml are imported where they are used: reading plain text should not pay for them

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes, name: str) -> tuple[str, str, list[Warning]]:
    """The page's declared charset first (``<meta charset>``), then BOMs, UTF-8 and detection."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii", "replace").lower()
        try:
            return data.decode(encoding), encoding, []
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
    return decode_bytes(data, name)


def looks_like_html(head: bytes) -> bool:
    start = head.lstrip()[:512].lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<body" in start or b"<head" in start


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    if "<" not in fragment:
        return clean_text(fragment)
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return clean_text(re.sub(r"<[^>]+>", " ", fragment))
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        block.tail = "\n\n" + (block.tail or "")
    return clean_text(root.text_content())


def article_from_html(
    data: bytes, name: str, *, url: str | None = None, source: str | None = None, ref: str | None = None
) -> Article:
    """One web page as an article. Raises :class:`InputError` when the page holds no article."""
    import trafilatura

    html, encoding, warnings = decode_html(data, name)
    if not html.strip():
        raise InputError(f"{name}: is empty")
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise InputError(f"{name}: the page could not be parsed ({type(exc).__name__})") from None
    meta = doc.as_dict() if doc is not None else {}
    text = clean_text(meta.get("text") or "")
    words = len(text.split())
    if words < MIN_PAGE_WORDS:
        raise InputError(
            f"{name}: no article text found in the page ({words} words outside menus and scripts; "
            f"at least {MIN_PAGE_WORDS} needed)"
        )
    tail = html.rstrip()[-200:].lower()
    if "</html>" not in tail and "</body>" not in tail:
        warnings.append(
            Warning(code="html_truncated", message="the page ends without </body></html>: it may be cut short")
        )
    published = None
    try:
        published = parse_date(meta.get("date"))
    except ValueError:
        warnings.append(Warning(code="bad_date", message=f"the page's date {meta.get('date')!r} is not a date"))
    title = meta.get("title") or None
    return article_from_text(
        text,
        published=published,
        url=url or meta.get("url") or None,
        title=title,
        source=source or meta.get("sitename") or meta.get("hostname") or None,
        encoding=encoding,
        warnings=warnings,
        ref=ref or name,
    )
