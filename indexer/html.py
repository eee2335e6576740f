"""Article extraction from saved web pages, with beautifulsoup4.

Rules, in order:

1. Decode: byte-order mark, else the page's ``<meta charset>``, else the plain-text detection
   of :func:`indexer.readers.decode_bytes`.
2. Read hints the markup states outright: the title (``og:title``, the article's ``<h1>``,
   ``<title>``) and the publication time (``article:published_time``, ``<time datetime>``).
3. Drop what is never article text: scripts, styles, forms, ``nav``/``header``/``footer``/
   ``aside``, ARIA navigation/banner/contentinfo/complementary regions, and any element whose
   class or id names a menu, sidebar, share widget, breadcrumb, comment box or related-article
   list (the words are in ``_CHROME_WORDS``).
4. Pick the article body: ``[itemprop=articleBody]``, ``<article>``, a known CMS content class,
   ``<main>``; failing those, the element holding the most paragraph text.
5. Turn block elements into lines, so the text reads as the page showed it.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

from .decoding import RawDocument, UnreadableFile, decode_bytes

__all__ = ["extract_article"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "input", "select", "textarea", "nav", "header", "footer", "aside", "menu", "object", "embed",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu"}
# Words in a class or id that mark page chrome. Matched as whole words of the name split on
# "-", "_" and spaces, so "ads" does not match "heads".
_CHROME_WORDS = {
    "menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "sidebar", "side",
    "share", "sharing", "social", "related", "relate", "tinkhac", "othernews", "other",
    "comment", "comments", "footer", "header", "banner", "ads", "advert", "advertisement",
    "toolbar", "print", "tags", "tag", "widget", "pagination", "pager", "login", "search",
    "subscribe", "newsletter", "cookie", "popup", "modal", "hotline", "rating", "qrcode",
    "meta", "views", "author-box",
}
_BODY_SELECTORS = (
    "[itemprop=articleBody]",
    "article",
    ".article-body, .article-content, .articleBody, .entry-content, .post-content, "
    ".news-content, .news-detail, .detail-content, .content-detail, .item-page, #content-detail",
    "main",
    "[role=main]",
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "tr", "table", "blockquote", "figcaption", "figure", "pre", "dd", "dt", "br",
    "hr", "caption", "address",
}


def extract_article(data: bytes) -> RawDocument:
    """The article of an HTML page as text with one line per block, plus title/date hints."""
    declared = _META_CHARSET.search(data[:4096])
    text, encoding = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    soup = BeautifulSoup(text, "html.parser")
    hints = _hints(soup)
    _drop_chrome(soup)
    root, heading = _article_root(soup)
    body = _block_text(root) if root is not None else ""
    if heading and body.strip():
        body = f"{heading}\n\n{body}"
    if not body.strip():
        raise UnreadableFile("no article text found in the HTML page")
    return RawDocument(text=body, format="html", encoding=encoding, hints=hints)


def _hints(soup: BeautifulSoup) -> dict[str, str]:
    hints: dict[str, str] = {}
    og_title = soup.find("meta", attrs={"property": "og:title"})
    h1 = soup.find("h1")
    if og_title and og_title.get("content"):
        hints["title"] = str(og_title["content"]).strip()
    elif h1 and h1.get_text(strip=True):
        hints["title"] = h1.get_text(" ", strip=True)
    elif soup.title and soup.title.string:
        # "<title>Article – Site name</title>": the site name is chrome.
        hints["title"] = re.split(r"\s+[|–—-]\s+", soup.title.string.strip())[0]
    published = soup.find("meta", attrs={"property": "article:published_time"})
    time_tag = soup.find("time", attrs={"datetime": True})
    if published and published.get("content"):
        hints["published"] = str(published["content"])
    elif time_tag is not None:
        hints["published"] = str(time_tag["datetime"])
    return hints


def _drop_chrome(soup: BeautifulSoup) -> None:
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        if _is_chrome(tag):
            tag.decompose()


def _is_chrome(tag: Tag) -> bool:
    if tag.get("role") in _DROP_ROLES or tag.get("aria-hidden") == "true":
        return True
    if tag.get("itemprop") == "articleBody" or tag.name in ("article", "main"):
        return False
    names = " ".join([*tag.get("class", []), str(tag.get("id", ""))]).lower()
    words = set(re.split(r"[\s_\-]+", names))
    return bool(words & _CHROME_WORDS)


def _article_root(soup: BeautifulSoup) -> tuple[Tag | None, str]:
    """The element holding the article, and a heading found just above it (if any)."""
    for selector in _BODY_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return found, ""
    best, best_length = None, 0
    for candidate in soup.find_all(["div", "section", "td"]):
        length = sum(len(p.get_text(strip=True)) for p in candidate.find_all("p", recursive=False))
        if length > best_length:
            best, best_length = candidate, length
    if best is None:
        return soup.body or soup, ""
    # Old table layouts put the headline in a short block right above the paragraphs.
    above = best.find_previous_sibling(True)
    heading = above.get_text(" ", strip=True) if above is not None else ""
    if heading and len(heading) <= 250 and above.find("a") is None:
        return best, heading
    return best, ""


def _block_text(root: Tag) -> str:
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return "\n".join(line.strip() for line in root.get_text().split("\n"))
