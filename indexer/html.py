"""Article extraction from saved web pages of any site builder, with beautifulsoup4.

Rules, in order:

1. Decode: byte-order mark, else the page's ``<meta charset>``, else the plain-text detection
   of :func:`indexer.readers.decode_bytes`.
2. Read hints the markup states outright: ``og:title``, the publication time
   (``article:published_time``, ``itemprop=datePublished``, ``<time datetime>``, Blogger's
   ``abbr.published``…), and the site the page belongs to (the host of its canonical or
   ``og:url`` link, else its ``og:site_name``: chrome is learned per site). Then remove what never holds text a reader sees: the ``<head>``,
   scripts, styles, templates, embedded objects, form controls, comments.
3. Read the page as lines, one per block (paragraph, heading, list item, cell, ``<br>``),
   each of a kind: *chrome* (matched by a rule of ``indexer/data/chrome.txt``, the line
   rules that ingestion applies to every format), *link* (half its characters or more in
   links), *text* (ten words or more, under a third in links, a sentence) or *short* (the
   rest: titles, dates, captions, signatures). Every element counts the characters of each
   kind that it holds.
4. Drop page chrome: ``nav``/``header``/``footer``/``aside``/``menu``, forms, ARIA navigation,
   banner, contentinfo, complementary and search regions, hidden elements, and elements
   whose class or id names a menu, sidebar, share widget, breadcrumb, comment box, counter
   or related-article list (``_CHROME_WORDS``; ``camelCase`` and ``snake_case`` names are
   split into words, and Vietnamese names written as one word are matched by their parts:
   ``boxTinLienQuan``, ``chiase``). **Never for its tag or name alone**: an element that
   holds half the page's text or more is the article's container, not chrome, and stays
   (the ``<form>`` around a whole ASP.NET, SharePoint or DotNetNuke page; a wrapper
   ``class="has-sidebar"``), while the chrome inside it still goes. So a search, login,
   poll or comment form is dropped and a form around the page is not. A block opened by a
   chrome heading goes whole, wherever it sits ("Tin liên quan", "Đọc nhiều", "Thống kê
   truy cập", "Ý kiến bạn đọc", "Bản quyền ©": the ``tail`` rules of ``chrome.txt`` and
   ``_BLOCK_HEADINGS``), so a related box in the middle of an article takes no paragraph
   with it; a heading alone among its siblings goes with the blocks of links after it.
5. Find the article by text density: the run of lines, in reading order, of best score
   (characters of text lines, less those of link and chrome lines, of lines in dropped
   chrome, and a tenth of those of short lines), with the short lines right after it (a
   signature); its container is the smallest element holding the whole run. A known CMS
   body (schema.org's ``articleBody``; ``entry-content``, ``post-body``,
   ``field--name-body``, ``journal-content-article``, ``edn_articleContent``,
   ``item-page``…) that holds the run is taken instead, and one elsewhere when it holds half
   as much text; one inside the run is not (the run has a lead paragraph set apart from
   the body). No page with a text line yields "no article text": when every text line
   sits in chrome, the names misled and the page is read with none dropped (and from
   markup too tangled to walk, its text lines are taken as they are); a page with no text
   line is read from its short lines outside the chrome; a page with neither (menus and a
   footer) is refused.
6. Drop chrome inside the container: a block of two links or more and no text line
   (pager, tag list, share bar, "In bài | Gửi email"). Chrome *lines* (a view counter,
   "Về đầu trang", a byline) are left to the line rules, which read the publication stamps
   they carry.
7. The title: a heading or one-line block that ``og:title`` or ``<title>`` contains (the
   longest); else a heading that opens the article; else the heading nearest above it with
   no text line between (old table layouts). ``og:title`` is the title unless it is a page's
   name (under four words: "Tin hoạt động") and the page shows a headline; failing both,
   the longest part of ``<title>`` ("Article – Site"). The headline is the text's first line.
8. Turn block elements into lines; a data table's row (cells with inline text only) becomes
   one line of cells joined by `` | ``, as in Word files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PreformattedString

from .chrome import load_rules
from .decoding import RawDocument, UnreadableFile, decode_bytes
from .normalize import normalize_line

__all__ = ["extract_article", "block_lines"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# Rule 2: never text a reader sees, whatever holds them.
_NEVER_TEXT = (
    "head", "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object",
    "embed", "input", "button", "select", "option", "datalist", "textarea", "map", "audio",
    "video",
)
# Rule 4: chrome by tag or role, unless it holds the article.
_CHROME_TAGS = {"nav", "header", "footer", "aside", "menu", "form", "dialog", "marquee"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
                 "menubar", "toolbar", "dialog"}
# Words in a class or id that mark page chrome, matched as whole words of the name split on
# "-", "_", spaces and camelCase, so "ads" does not match "heads".
_CHROME_WORDS = {
    "menu", "menus", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "pathway",
    "sidebar", "side", "share", "sharing", "sharer", "social", "addthis", "addtoany", "a2a",
    "related", "relate", "tinkhac", "othernews", "other", "comment", "comments", "respond",
    "footer", "header", "banner", "ads", "advert", "advertisement", "toolbar", "print",
    "tags", "tag", "widget", "pagination", "pager", "pagenav", "login", "search", "subscribe",
    "newsletter", "cookie", "popup", "modal", "hotline", "rating", "ratings", "qrcode", "meta",
    "views", "counter", "stats", "statistics", "hits", "byline", "createdby", "modifydate",
    "topper", "skip", "marquee", "feeds", "poll",
}
# Parts of names written as one word: "boxTinLienQuan", "chiase", "mainmenu", "sitefooter".
_CHROME_STEMS = ("lienquan", "tinkhac", "chiase", "binhluan", "quangcao", "thongke",
                 "dangnhap", "timkiem", "duongdan", "docnhieu", "congcu", "menu", "footer",
                 "sidebar", "breadcrumb")
# Classes that hide an element from the reader.
_HIDDEN_CLASSES = {"hidden", "hide", "visually-hidden", "screen-reader-text", "sr-only",
                   "element-invisible", "helper-hidden-accessible", "d-none", "invisible"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NAME_SPLIT = re.compile(r"[\s_\-:.]+")
# Headings that open a block of chrome (rule 4), besides the tail rules of chrome.txt.
_BLOCK_HEADINGS = re.compile(
    r"(?i)^(?:Tin nổi bật|Tin tiêu điểm|Tin mới|Tin đọc nhiều|Đọc nhiều(?: nhất)?|"
    r"Xem nhiều(?: nhất)?|Bài đăng phổ biến|Thống kê truy cập|Ai đang online|"
    r"Ý kiến bạn đọc|Ý kiến của bạn|Bình luận|Gửi ý kiến|Gửi bình luận|Để lại bình luận|"
    r"Liên kết website|Bản quyền\b|Copyright\b|©)"
)

# Rule 5: known article bodies (schema.org's articleBody first, then CMS classes and ids).
_BODY_CLASSES = {
    "entry-content", "post-body", "article-body", "article-content", "articleBody",
    "post-content", "news-content", "news-detail", "detail-content", "content-detail",
    "field--name-body", "field-name-body", "journal-content-article", "edn_articleContent",
    "item-page", "node__content",
}
_BODY_IDS = {"content-detail", "news-bodyhtml"}
_TITLE_CLASS = re.compile(r"title|tieude|tieu-de|heading|headline", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:»>-]\s+|\s*[|»]\s*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”')]*$|[.!?;]\s")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "dl", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "blockquote",
    "figcaption", "figure", "pre", "dd", "dt", "br", "hr", "caption", "address", "center",
    "header", "footer", "nav", "aside", "form", "fieldset", "legend", "details", "summary",
    "marquee", "body", "html",
})
_VOID_BLOCKS = {"br", "hr"}
_CELLS = ("td", "th")
_CELL_BLOCKS = sorted(_BLOCK_TAGS - {"td", "th"})

TEXT, LINK, CHROME, SHORT = range(4)


@dataclass(eq=False)  # lines are told apart by identity
class _Line:
    text: str
    owner: Tag  # the innermost block element holding the line
    links: int = 0  # characters (spaces aside) inside links
    kind: int = SHORT


@dataclass
class _Page:
    """Every element's characters by kind of line (rule 3), and its place in the page."""

    soup: BeautifulSoup
    tags: list[Tag]
    lines: list[_Line]
    order: dict[int, int] = field(default_factory=dict)  # id(tag) -> document position
    end: dict[int, int] = field(default_factory=dict)  # id(tag) -> its last descendant's
    counts: dict[int, list[float]] = field(default_factory=dict)

    def of(self, tag: Tag) -> list[float]:
        return self.counts.get(id(tag), [0.0, 0.0, 0.0, 0.0])

    def text(self, tag: Tag) -> float:
        return self.of(tag)[TEXT]

    def size(self, tag: Tag) -> float:
        return sum(self.of(tag))

    def subtree(self, tag: Tag) -> list[Tag]:
        """The tag and every tag inside it."""
        if tag is self.soup:
            return [tag, *self.tags]
        return self.tags[self.order[id(tag)]:self.end[id(tag)] + 1]

    def contains(self, outer: Tag, inner: Tag) -> bool:
        return self.order[id(outer)] <= self.order[id(inner)] <= self.end[id(outer)]

    def count(self, dropped: set[int]) -> None:
        """Count the lines of every element left, leaving out the ``dropped`` ones."""
        self.counts = {}
        for line in self.lines:
            if id(line.owner) in dropped:
                continue
            counts = self.counts.setdefault(id(line.owner), [0.0, 0.0, 0.0, 0.0])
            size = len(line.text.replace(" ", ""))
            if line.kind == TEXT:
                counts[TEXT] += size - line.links
                counts[LINK] += line.links
            else:
                counts[line.kind] += size
        for tag in reversed(self.tags):  # children come after their parent
            own = self.counts.get(id(tag))
            if own is None or tag.parent is None or id(tag) in dropped:
                continue
            into = self.counts.setdefault(id(tag.parent), [0.0, 0.0, 0.0, 0.0])
            for kind in range(4):
                into[kind] += own[kind]


def extract_article(data: bytes) -> RawDocument:
    """The article of an HTML page as text with one line per block, plus title/date hints."""
    declared = _META_CHARSET.search(data[:4096])
    text, encoding = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    soup = BeautifulSoup(text, "html.parser")
    hints = _meta_hints(soup)
    title_tag = " ".join(soup.title.get_text(" ").split()) if soup.title is not None else ""
    for node in soup.find_all(string=lambda node: isinstance(node, Comment)):
        node.extract()
    for tag in soup.find_all(_NEVER_TEXT):
        if not tag.decomposed:
            tag.decompose()
    page = _measure(soup)
    dropped = _drop_chrome(page)
    roots = _article(page, dropped)
    if roots is None:
        raise UnreadableFile("no article text found in the HTML page")
    stated = hints.get("title", "")
    headline = _headline(page, roots, f"{stated} {title_tag}")
    if headline and (len(stated.split()) < 4 or _key(headline) in _key(stated)):
        # og:title names a page ("Tin hoạt động" on Google Sites), not always its article.
        hints["title"] = headline
    elif not stated and title_tag:
        hints["title"] = _title_from_title_tag(title_tag)
    links = _link_blocks(page, roots, dropped)
    if "published" not in hints:
        published = _stamp_around(page, roots, dropped | links, headline)
        if published:
            hints["published"] = published
    lines = [line for root in roots for line in block_lines(root, dropped | links)]
    if not any(lines):  # (tangled markup) the text lines themselves, never nothing
        lines = [line for root in roots for line in block_lines(root, dropped)] or \
            [line.text for line in page.lines if line.kind == TEXT]
    if not any(lines):
        raise UnreadableFile("no article text found in the HTML page")
    if headline:
        key = _key(headline)
        lines = [headline, "", *(line for line in lines if _key(line) != key)]
    return RawDocument(text="\n".join(lines), format="html", encoding=encoding, hints=hints)


# --- rule 3: lines and their kinds ------------------------------------------------------


def _measure(soup: BeautifulSoup) -> _Page:
    tags = soup.find_all(True)
    # Inline chrome (a hidden link, a <span class="share">) owns its lines, so that what is
    # counted is what is left out.
    inline_chrome = {id(tag) for tag in tags if tag.name not in _BLOCK_TAGS and _is_chrome(tag)}
    page = _Page(soup=soup, tags=tags, lines=_walk(soup, frozenset(), own_lines=inline_chrome))
    page.order[id(soup)] = -1
    for position, tag in enumerate(tags):
        page.order[id(tag)] = position
    for position in range(len(tags) - 1, -1, -1):  # a tag ends with its last descendant
        tag = tags[position]
        last_child = None
        for child in reversed(tag.contents):
            if isinstance(child, Tag):
                last_child = child
                break
        page.end[id(tag)] = page.end[id(last_child)] if last_child is not None else position
    page.end[id(soup)] = len(tags) - 1
    rules = load_rules()
    for line in page.lines:
        line.kind = _kind(line, rules)
    page.count(set())
    return page


def _walk(root: Tag, skip: frozenset[int] | set[int], rows: dict[int, str] | None = None,
          own_lines: set[int] | frozenset[int] = frozenset()) -> list[_Line]:
    """The lines of ``root``, leaving out the elements in ``skip``; an element in ``rows``
    is one line of the text given; an element in ``own_lines`` owns its lines as a block
    does."""
    lines: list[_Line] = []
    parts: list[str] = []
    links = 0
    owners: list[Tag] = [root]
    in_link = 0

    def flush() -> None:
        nonlocal links
        text = " ".join("".join(parts).split())
        if text:
            lines.append(_Line(text, owners[-1], min(links, len(text))))
        parts.clear()
        links = 0

    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                parts.append(str(node))
                if in_link:
                    links += len("".join(str(node).split()))
            continue
        if not isinstance(node, Tag):
            continue
        if entering:
            if id(node) in skip:
                continue
            if rows and id(node) in rows:
                flush()
                lines.append(_Line(rows[id(node)], node))
                continue
            block = node.name in _BLOCK_TAGS or id(node) in own_lines
            if block:
                flush()
                if node.name in _VOID_BLOCKS:
                    continue
                owners.append(node)
            if node.name == "a":
                in_link += 1
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node.contents))
        else:
            if node.name == "a":
                in_link -= 1
            if node.name in _BLOCK_TAGS or id(node) in own_lines:
                flush()
                owners.pop()
    flush()
    return lines


def _kind(line: _Line, rules) -> int:
    text = line.text
    size = len(text.replace(" ", ""))
    words = len(text.split())
    if words <= 40:
        normal = normalize_line(text)
        if any(rule.pattern.search(normal) for rule in rules):
            return CHROME
    if line.links * 2 >= size:
        return LINK
    if words >= 10 and line.links * 3 < size and (_SENTENCE_END.search(text) or words >= 25):
        return TEXT
    return SHORT


# --- rules 2 and 7: hints and the headline ---------------------------------------------


def _meta_hints(soup: BeautifulSoup) -> dict[str, str]:
    """The title and publication time the page's markup states (one pass over its tags)."""
    metas: dict[str, str] = {}
    stamps: dict[str, str] = {}  # kind of element -> the first stamp of that kind
    canonical = ""
    for tag in soup.find_all(True):
        if tag.name == "link" and "canonical" in (tag.get("rel") or []) and not canonical:
            canonical = str(tag.get("href", ""))
            continue
        if tag.name == "meta":
            content = " ".join(str(tag.get("content", "")).split())
            for attr in ("property", "name", "itemprop"):
                if content and tag.get(attr):
                    metas.setdefault(str(tag[attr]).lower(), content)
            continue
        if "datePublished" in str(tag.get("itemprop", "")):
            value = tag.get("datetime") or tag.get("content") or tag.get("title")
            if value and str(value).strip():
                stamps.setdefault("itemprop", str(value).strip())
        if tag.name == "time" and str(tag.get("datetime", "")).strip():
            stamps.setdefault("time", str(tag["datetime"]).strip())
        elif tag.name == "abbr" and "published" in tag.get("class", []) and tag.get("title"):
            stamps.setdefault("abbr", str(tag["title"]).strip())
        elif re.search(r"dateCreated|dc:created", str(tag.get("property", ""))) and \
                str(tag.get("content", "")).strip():
            stamps.setdefault("property", str(tag["content"]).strip())
    hints: dict[str, str] = {}
    title = metas.get("og:title") or metas.get("twitter:title")
    if title:
        hints["title"] = title
    published = next((metas[name] for name in _PUBLISHED_META if metas.get(name)), "") or \
        next((stamps[kind] for kind in ("itemprop", "time", "abbr", "property") if kind in stamps),
             "")
    if published:
        hints["published"] = published
    site = _site_of(canonical, metas.get("og:url", ""), metas.get("og:site_name", ""))
    if site:
        hints["site"] = site
    return hints


def _site_of(canonical: str, url: str, name: str) -> str:
    """The site a page belongs to: the host of its canonical or ``og:url`` link (without
    ``www.``), else the site name it states."""
    for link in (canonical, url):
        try:
            host = urlsplit(link.strip()).hostname or ""
        except ValueError:
            continue
        if "." in host:
            return host.removeprefix("www.")
    return " ".join(name.split())[:200]


_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate",
                   "publishdate", "dc.date.issued", "dc.date")


def _key(text: str) -> str:
    return " ".join(normalize_line(text).casefold().split())


def _title_from_title_tag(title: str) -> str:
    """"Article – Site name": the longest part (site names are the shorter, as a rule)."""
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    return max(parts, key=len) if parts else ""


def _headline(page: _Page, roots: list[Tag], stated: str) -> str:
    """The article's headline as the page shows it: the longest heading or one-line block
    that ``og:title`` or ``<title>`` contains; else a heading that opens the article; else
    the heading nearest above it with no text line between."""
    stated = _key(stated)
    start = page.order[id(roots[0])]
    end = max(page.end[id(root)] for root in roots)
    named: list[str] = []
    headings: list[tuple[int, str]] = []
    for line in page.lines:
        owner = line.owner
        if line.kind == CHROME or line.kind == TEXT and not _in_heading(owner) or \
                id(owner) not in page.order:
            continue
        text = line.text
        if not 12 <= len(text) <= 300 or len(text.split()) < 4 or text.endswith("."):
            continue
        if line.links * 2 >= len(text.replace(" ", "")):
            continue
        if stated and _key(text) in stated:
            named.append(text)
        if _is_heading(owner, page):
            headings.append((page.order[id(owner)], text))
    if named:
        return max(named, key=len)
    inside = [text for position, text in headings if start <= position <= end]
    if inside:
        first = next(iter(_walk(roots[0], frozenset())), None)
        if first is not None and _key(first.text) == _key(inside[0]):
            return inside[0]
    above = [(position, text) for position, text in headings if position < start]
    if above and not any(line.kind == TEXT and above[-1][0] < page.order.get(id(line.owner), -2)
                         < start for line in page.lines):
        return above[-1][1]
    return ""


def _stamp_around(page: _Page, roots: list[Tag], dropped: set[int], headline: str) -> str:
    """A publication stamp that a chrome rule reads in a line left out of the text between
    the headline and the article's end: a byline dropped with its block, or a date in a
    table row of its own (Joomla 1.5's ``createdate``)."""
    rules = [rule.pattern for rule in load_rules() if "published" in rule.pattern.groupindex]
    start, end = page.order[id(roots[0])], page.end[id(roots[-1])]
    positions = [index for index, line in enumerate(page.lines)
                 if start <= page.order.get(id(line.owner), -1) <= end]
    inside = [page.lines[index] for index in positions]
    first = positions[0] if positions else 0
    key = _key(headline) if headline else None
    before = 0
    for index in range(first - 1, max(first - 12, -1), -1):
        if key is not None and _key(page.lines[index].text) == key:
            before = index
            break
    else:
        before = max(first - 3, 0)
    for line in page.lines[before:first] + [line for line in inside if id(line.owner) in dropped]:
        if line.kind != CHROME:
            continue  # (a line left in the text gives its stamp through the line rules)
        normal = normalize_line(line.text)
        for rule in rules:
            found = rule.search(normal)
            if found and found.group("published"):
                return found.group("published")
    return ""


def _in_heading(tag: Tag) -> bool:
    """A heading element, or a block inside one (Google Sites puts a <div> in its <h1>)."""
    for _ in range(3):
        if tag is None or not isinstance(tag, Tag):
            return False
        if tag.name in _HEADINGS or tag.get("itemprop") == "headline":
            return True
        tag = tag.parent
    return False


def _is_heading(tag: Tag, page: _Page) -> bool:
    if _in_heading(tag):
        return True
    names = " ".join([*tag.get("class", []), str(tag.get("id", ""))])
    if _TITLE_CLASS.search(names):
        return True
    # Old table layouts: a cell or block whose text is all bold.
    if tag.name in ("td", "div", "p") and page.size(tag) <= 300:
        bold = tag.find(["b", "strong"])
        return bold is not None and bold.get_text(strip=True) == tag.get_text(strip=True)
    return False


# --- rule 4: chrome by tag, role, name and heading --------------------------------------


def _name_words(tag: Tag) -> tuple[set[str], str]:
    names = [*tag.get("class", []), str(tag.get("id", ""))]
    words: set[str] = set()
    for name in names:
        for part in _NAME_SPLIT.split(name):
            words.update(word.lower() for word in _CAMEL.split(part) if word)
            words.add(part.lower())
    return words, " ".join(names).lower()


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("html", "body"):
        return False
    if tag.name in _CHROME_TAGS or tag.get("role") in _CHROME_ROLES:
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden") or \
            _HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    if {name.lower() for name in tag.get("class", [])} & _HIDDEN_CLASSES:
        return True
    if tag.name in ("article", "main") or "articleBody" in str(tag.get("itemprop", "")):
        return False
    words, joined = _name_words(tag)
    return bool(words & _CHROME_WORDS) or any(stem in joined for stem in _CHROME_STEMS)


def _drop_chrome(page: _Page) -> set[int]:
    """Ids of the chrome elements to leave out, and of everything inside them."""
    whole = page.text(page.soup)
    dropped: set[int] = set()

    def drop(tag: Tag) -> None:
        dropped.update(id(inner) for inner in page.subtree(tag))

    def holds_article(tag: Tag) -> bool:
        return bool(whole) and page.text(tag) * 2 >= whole

    for tag in page.tags:
        if id(tag) not in dropped and _is_chrome(tag) and not holds_article(tag):
            drop(tag)
    tails = [rule.pattern for rule in load_rules() if rule.kind == "tail"]
    for line in page.lines:
        if id(line.owner) in dropped or len(line.text.split()) > 12:
            continue
        normal = normalize_line(line.text)
        if _BLOCK_HEADINGS.search(normal) or any(tail.search(normal) for tail in tails):
            for tag in _block_opened_by(page, line.owner, holds_article):
                drop(tag)
    return dropped


def _block_opened_by(page: _Page, heading: Tag, holds_article) -> list[Tag]:
    """The block a chrome heading opens: its outermost element whose first block is the
    heading and which does not hold the article; for a heading alone among its siblings,
    the heading and the blocks of links and chrome after it."""
    if holds_article(heading):
        return []
    block = heading
    while block.parent is not None and block.parent is not page.soup:
        parent = block.parent
        first = next((child for child in parent.children
                      if isinstance(child, Tag) and child.get_text(strip=True)
                      or isinstance(child, NavigableString) and child.strip()), None)
        if first is not block or holds_article(parent) or parent.name in ("body", "html"):
            break
        block = parent
    if block is not heading:
        return [block]
    found = [heading]
    for sibling in heading.find_next_siblings(True):
        text, link, chrome, short = page.of(sibling)
        if text or short > link + chrome or not (link or chrome):
            break
        found.append(sibling)
    return found


# --- rule 5: the article's container ----------------------------------------------------


def _article(page: _Page, dropped: set[int]) -> list[Tag] | None:
    """The block holding the article; None when the page has no line outside its chrome
    but links and chrome."""
    if page.text(page.soup):
        run = _densest_run(page, dropped)
        if run is None:
            # The page has text lines, and none left once its chrome is dropped: the names
            # misled. Text never yields "no article text": take the page as it is.
            dropped.clear()
            run = _densest_run(page, dropped)
    else:
        # No line is a sentence of ten words: short paragraphs are the article, if any
        # stand outside the chrome.
        for line in page.lines:
            if line.kind == SHORT and id(line.owner) not in dropped:
                line.kind = TEXT
        run = _densest_run(page, dropped)
        if run is None:
            return None
    page.count(dropped)
    root = _common_ancestor(*run)
    bodies: tuple[list[Tag], list[Tag]] = ([], [])
    for tag in page.tags:
        if id(tag) in dropped or not page.text(tag):
            continue
        if "articleBody" in str(tag.get("itemprop", "")).split():
            bodies[0].append(tag)
        elif _BODY_CLASSES.intersection(tag.get("class", [])) or tag.get("id") in _BODY_IDS:
            bodies[1].append(tag)
    for found in bodies:
        if not found:
            continue
        chosen = max(found, key=page.text)
        if page.contains(chosen, root):
            return [chosen]  # the CMS's body holds the run: all of it is the article
        if page.contains(root, chosen):
            break  # the run holds more than the CMS's body (a lead paragraph set apart)
        if page.text(chosen) * 2 >= page.text(root):
            return [chosen]
    return [root]


def _densest_run(page: _Page, dropped: set[int]) -> tuple[Tag, Tag] | None:
    """The owners of the first and last lines of the run of lines, in reading order, of
    best score; lines in dropped chrome count against it. The short lines right after
    the run (a signature) belong to it."""
    best = (0.0, -1, -1)
    total, start = 0.0, 0
    weights = []
    for index, line in enumerate(page.lines):
        size = len(line.text.replace(" ", ""))
        if id(line.owner) in dropped:
            weight = -size
        elif line.kind == TEXT:
            weight = size - 2 * line.links
        elif line.kind == SHORT:
            weight = -size / 10
        else:
            weight = -size
        weights.append(weight)
        if total <= 0:
            total, start = 0.0, index
        total += weight
        if total > best[0] and line.kind == TEXT and id(line.owner) not in dropped:
            best = (total, start, index)
    if best[1] < 0:
        return None
    _, first, last = best
    while first < last and weights[first] <= 0:
        first += 1
    for index in range(last + 1, min(last + 4, len(page.lines))):
        line = page.lines[index]
        if line.kind != SHORT or id(line.owner) in dropped:
            break
        last = index
    return page.lines[first].owner, page.lines[last].owner


def _common_ancestor(first: Tag, last: Tag) -> Tag:
    above = {id(first)} | {id(parent) for parent in first.parents}
    node = last
    while id(node) not in above and node.parent is not None:
        node = node.parent
    return node


# --- rule 6: chrome inside the container ------------------------------------------------


def _link_blocks(page: _Page, roots: list[Tag], dropped: set[int]) -> set[int]:
    """Blocks inside the article of two links or more and no text line."""
    found: set[int] = set()
    for root in roots:
        for tag in page.subtree(root)[1:]:
            if id(tag) in found or id(tag) in dropped:
                continue
            text, link, chrome, short = page.of(tag)
            if text or not link or link * 10 < (link + chrome + short) * 6:
                continue
            inside = page.subtree(tag)
            if sum(inner.name == "a" and inner.has_attr("href") for inner in inside) >= 2:
                found.update(id(inner) for inner in inside)
    return found


# --- rule 8: lines ----------------------------------------------------------------------


def block_lines(root: Tag, skip: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """The text of ``root`` as the page shows it, one line per block (``skip``: ids of
    elements left out); a data table's row is one line of its cells joined by " | "."""
    rows = {}
    for row in root.find_all("tr"):
        if id(row) in skip:
            continue
        cells = [cell for cell in row.find_all(_CELLS, recursive=False)
                 if cell.get_text(strip=True)]
        if len(cells) >= 2 and all(cell.find(_CELL_BLOCKS) is None
                                   and len(cell.get_text(strip=True)) <= 300 for cell in cells):
            rows[id(row)] = " | ".join(" ".join(cell.get_text(" ").split()) for cell in cells)
    return [line.text for line in _walk(root, skip, rows)]
