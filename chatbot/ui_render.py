"""Pure rendering for the web UI: cards, the side panel, chat text, the status line, the footer.

Everything here returns strings; nothing imports Gradio. Text from users, the catalogue and the
model is escaped: user text is shown exactly as typed (never as HTML or Markdown), the model's
text keeps its Markdown (bold titles) but never its HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

from chatbot.kinds import FEEDBACK_WORDS, FeedbackKind

SYNOPSIS_CHARS = 280
# A rating average over fewer votes than this is noise (half the omdb movies have 2 votes or
# fewer); the card then leaves the rating out rather than call two votes "highly rated".
MIN_RATING_VOTES = 20
EMPTY_PANEL = "Nothing yet. Tell me what you like, or rate a card."
FEEDBACK_LABELS: dict[str, str] = {kind: FEEDBACK_WORDS[kind].done for kind in FeedbackKind}
# (action, button text, what a screen reader hears before the film's label)
CARD_ACTIONS = (
    *(
        (str(kind), FEEDBACK_WORDS[kind].button, FEEDBACK_WORDS[kind].button)
        for kind in FeedbackKind
    ),
    ("why", "Why this one?", "Why this one"),
    ("more", "More like this", "More like this"),
)
# Award results ("Empire Awards - Winner", "Emmy Award – Nomination") are standings, never genres.
_AWARD = re.compile(
    r"\b(?:award|awards|prize|emmy|oscar|globe)\b.*[-–]\s*(?:winner|nomination)$", re.I
)
# CommonMark punctuation that can start Markdown structure, plus HTML's specials.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~&\"'$=:]")


def shorten(text: str, limit: int = SYNOPSIS_CHARS) -> str:
    """Cut text at a word boundary to at most `limit` characters, marking the cut with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-")
    return cut + "…"


def safe_link(url: object) -> str | None:
    """The URL if it is an absolute http(s) link, else None (never render javascript: links)."""
    if not isinstance(url, str) or not url.strip():
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    return url.strip()


def item_label(item: Mapping[str, Any]) -> str:
    """'Title (Year)' for a reply item dict."""
    title = str(item.get("title") or item.get("id") or "?")
    year = item.get("year")
    return f"{title} ({year})" if year else title


def literal_text(text: str) -> str:
    """User text for the chat, which renders Markdown: every character that could start Markdown
    or HTML becomes a numeric character reference, so the text shows exactly as typed (CommonMark
    never treats a character reference as structure). Line breaks are kept."""
    lines = text.replace("\r\n", "\n").split("\n")
    out = []
    for line in lines:
        body = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", line)
        # leading spaces would make an indented code block; non-breaking ones keep the look
        stripped = body.lstrip(" ")
        out.append("&#160;" * (len(body) - len(stripped)) + stripped)
    return "\n".join(out)


def reply_text(text: str) -> str:
    """The model's reply for the chat: its Markdown stays, any HTML in it is shown as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean_genres(genres: Iterable[str], facet_names: Iterable[str] = ()) -> list[str]:
    """Genre names only: drops award results and the names of other facets ("Standing") that a
    catalogue source may have filed under genres; keeps order, drops duplicates."""
    facets = {f.casefold() for f in facet_names}
    out: list[str] = []
    for g in genres:
        name = " ".join(str(g).split())
        if not name or name.casefold() in facets or _AWARD.search(name):
            continue
        if name.casefold() not in {x.casefold() for x in out}:
            out.append(name)
    return out


def rating_text(rating: Any, votes: Any) -> str | None:
    """'★ 8.1/10 (1,234 votes)'; None when there is no rating or too few votes to mean anything.
    `votes` None means the catalogue has no vote counts at all: the rating is shown as it is."""
    if rating is None:
        return None
    if votes is None:
        return f"★ {float(rating):.1f}/10"
    if int(votes) < MIN_RATING_VOTES:
        return None
    return f"★ {float(rating):.1f}/10 ({int(votes):,} votes)"


def card_meta_line(item: Mapping[str, Any]) -> str:
    """Genres · runtime · rating (with its vote count) · price, as plain text."""
    parts: list[str] = []
    genres = clean_genres(item.get("genres") or ())
    if genres:
        parts.append(", ".join(genres[:4]))
    runtime = item.get("runtime")
    if runtime:
        hours, minutes = divmod(int(runtime), 60)
        parts.append(f"{hours} h {minutes:02d} min" if hours else f"{minutes} min")
    rating = rating_text(item.get("rating"), item.get("votes"))
    if rating:
        parts.append(rating)
    price = item.get("price")
    if price is not None:
        parts.append(f"{float(price):.2f}")
    return " · ".join(parts)


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_card(item: Mapping[str, Any], index: int = 0, *, actions: bool = True) -> str:
    """One recommendation (an item of Reply.to_dict()['items']) as escaped card HTML, with its
    buttons; every button carries the item id and an accessible name that names the film."""
    e = html.escape
    label = item_label(item)
    title = e(str(item.get("title") or item.get("id") or "?"))
    year = item.get("year")
    year_html = f' <span class="rec-year">({e(str(year))})</span>' if year else ""
    title_id = f"card-title-{index}"
    out = [
        f'<article class="rec-card" id="card-{index}" data-item-id="{_attr(item.get("id", ""))}"'
        f' aria-labelledby="{title_id}">'
    ]
    out.append(f'<h3 class="rec-title" id="{title_id}">{title}{year_html}</h3>')
    meta = card_meta_line(item)
    if meta:
        out.append(f'<p class="rec-meta">{e(meta)}</p>')
    description = str(item.get("description") or "").strip()
    if description:
        note = (
            ' <span class="rec-note">(from catalogue facts)</span>'
            if item.get("description_composed")
            else ""
        )
        out.append(f'<p class="rec-synopsis">{e(shorten(description))}{note}</p>')
    reason = str(item.get("reason") or "").strip()
    if not reason and item.get("reasons"):
        reason = str(item["reasons"][0])
    if reason:
        out.append(f'<p class="rec-reason"><strong>Why:</strong> {e(reason)}</p>')
    links = []
    trailer = safe_link(item.get("trailer_url"))
    if trailer:
        links.append(
            f'<a href="{_attr(trailer)}" target="_blank" rel="noopener noreferrer"'
            f' aria-label="Trailer of {_attr(label)}">▶ Trailer</a>'
        )
    page = safe_link(item.get("url"))
    if page:
        links.append(
            f'<a href="{_attr(page)}" target="_blank" rel="noopener noreferrer"'
            f' aria-label="Details of {_attr(label)}">Details</a>'
        )
    if links:
        out.append(f'<p class="rec-links">{" · ".join(links)}</p>')
    if actions:
        out.append('<div class="rec-actions">')
        for act, text, spoken in CARD_ACTIONS:
            out.append(
                f'<button type="button" class="card-btn" id="card-{index}-{act}"'
                f' data-act="{act}" data-item="{_attr(item.get("id", ""))}"'
                f' aria-label="{_attr(f"{spoken}: {label}")}">{e(text)}</button>'
            )
        out.append("</div>")
    out.append("</article>")
    return "".join(out)


def render_cards(items: Sequence[Mapping[str, Any]]) -> str:
    """All cards of a turn in one grid (stacked on narrow screens)."""
    if not items:
        return '<div class="rec-grid rec-empty" data-count="0"></div>'
    cards = "".join(render_card(item, i) for i, item in enumerate(items))
    return (
        f'<section class="rec-grid" data-count="{len(items)}" aria-label="Suggestions">'
        f"{cards}</section>"
    )


def render_panel(summary: str, beliefs: Sequence[Mapping[str, Any]]) -> str:
    """The 'What I know about you' panel: the summary and one removal button per belief, from
    the same state (so the two never disagree)."""
    e = html.escape
    if not beliefs:
        return (
            f'<div class="panel" data-count="0"><p class="panel-summary">{e(EMPTY_PANEL)}</p></div>'
        )
    text = summary.strip() or "I have noted a few things."
    out = [
        f'<div class="panel" data-count="{len(beliefs)}">',
        f'<p class="panel-summary">{e(text)}</p>',
        '<p class="panel-hint">Click a line to make me forget it.</p>',
        '<ul class="beliefs">',
    ]
    for j, b in enumerate(beliefs):
        label = str(b.get("label") or b.get("id"))
        out.append(
            f'<li><button type="button" class="belief-btn" id="belief-{j}" data-act="forget-belief"'
            f' data-belief="{_attr(b.get("id", ""))}" aria-label="{_attr("Forget: " + label)}">'
            f"✕ {e(label)}</button></li>"
        )
    out.append("</ul></div>")
    return "".join(out)


def belief_button_label(belief: Mapping[str, Any]) -> str:
    """Text of the one-click removal button for a belief."""
    return f"✕ {belief.get('label') or belief.get('id')}"


def feedback_message(kind: FeedbackKind | str, label: str) -> str:
    """What the chat shows as the user's turn when a card button is clicked (a plain string
    from the browser is checked against FeedbackKind; ValueError names the kinds)."""
    try:
        return f"{FEEDBACK_LABELS[kind]}: {label}"
    except KeyError:
        raise ValueError(
            f"unknown feedback kind {kind!r}; use one of {sorted(map(str, FeedbackKind))}"
        ) from None


def turn_status(
    text: str,
    turn: int,
    *,
    state: str,
    first_text_s: float | None = None,
    total_s: float | None = None,
) -> str:
    """The line under the chat. `state` is loading | idle | queued | running | done; the data
    attributes let scripts and tests wait for turn N and read its timings (milliseconds)."""
    attrs = [f'data-turn="{turn}"', f'data-state="{_attr(state)}"', 'class="turn-status"']
    if first_text_s is not None:
        attrs.append(f'data-first-text-ms="{round(first_text_s * 1000)}"')
    if total_s is not None:
        attrs.append(f'data-total-ms="{round(total_s * 1000)}"')
    live = ' role="status" aria-live="polite"'
    return f"<div {' '.join(attrs)}{live}>{html.escape(text)}</div>"


def reply_markdown(text: str, notices: Sequence[str] = ()) -> str:
    """The assistant's chat message: the reply text, then any notices as a quoted note."""
    body = text.strip()
    # the writer already puts the notes at the end of its text; show each one once
    notes = [n.strip() for n in notices if n and n.strip() and n.strip() not in body]
    if notes:
        body += "\n\n" + "\n".join(f"> Note: {n}" for n in notes)
    return body


_URL = re.compile(r"https?://[^\s),;<>]+")
_PHRASE_BEFORE = re.compile(r"([^,;()\n]{1,40}?)\s+$")


def _host(url: str) -> str:
    host = urlparse(url).netloc
    return host[4:] if host.startswith("www.") else host


def _link(url: str, text: str) -> str:
    return (
        f'<a href="{_attr(url)}" target="_blank" rel="noopener noreferrer">{html.escape(text)}</a>'
    )


def _linked_line(line: str) -> str:
    """A plain credit line with bare URLs turned into links with words for text: a short phrase
    right before a URL ("CC BY 2.0 DE https://…") becomes the link; otherwise the host name."""
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(line):
        url = m.group(0)
        before = line[pos : m.start()]
        host = _host(url)
        at = before.casefold().rfind(host.casefold()) if host else -1
        phrase = _PHRASE_BEFORE.search(before)
        if at >= 0:  # "omdb.org (the open media database, https://www.omdb.org)"
            out.append(html.escape(before[:at]))
            out.append(_link(url, before[at : at + len(host)]))
            out.append(html.escape(re.sub(r"[,;\s]+$", "", before[at + len(host) :])))
        elif phrase and phrase.group(1).strip():  # "CC BY 2.0 DE https://…"
            words = phrase.group(1)
            lead = len(words) - len(words.lstrip())
            out.append(html.escape(before[: phrase.start(1) + lead]))
            out.append(_link(url, words.strip()))
        else:
            out.append(html.escape(before))
            out.append(_link(url, host))
        pos = m.end()
    out.append(html.escape(line[pos:]))
    return "".join(out)


def attribution_html(meta: Mapping[str, Any]) -> str:
    """Footer crediting the catalogue's data sources, from catalogue metadata ('' when none).

    Understands `sources: [{name, url, license, license_url}]`, or a single `source`/`license`/
    `license_url`, or ready-made plain-text `attribution` lines (URLs become links with words).
    """
    e = html.escape
    lines = meta.get("attribution")
    if isinstance(lines, list) and all(isinstance(x, str) for x in lines) and lines:
        linked = [f"<p>{_linked_line(' '.join(x.split()))}</p>" for x in lines if x.strip()]
        return '<footer class="attribution">' + "".join(linked) + "</footer>"
    sources = meta.get("sources")
    if not isinstance(sources, list):
        single = {k: meta.get(k) for k in ("source", "source_url", "license", "license_url")}
        sources = (
            [{"name": single["source"], "url": single["source_url"], **single}]
            if single["source"]
            else []
        )
    parts: list[str] = []
    for src in sources:
        if not isinstance(src, Mapping) or not src.get("name"):
            continue
        name = str(src["name"])
        url = safe_link(src.get("url"))
        name_html = _link(url, name) if url else e(name)
        lic = str(src.get("license") or "").strip()
        lic_url = safe_link(src.get("license_url"))
        if lic and lic_url:
            lic_html = f" ({_link(lic_url, lic)})"
        elif lic:
            lic_html = f" ({e(lic)})"
        else:
            lic_html = ""
        what = str(src.get("what") or "").strip()
        parts.append(f"{e(what) + ' from ' if what else ''}{name_html}{lic_html}")
    if not parts and isinstance(meta.get("attribution"), str) and meta["attribution"].strip():
        parts.append(_linked_line(meta["attribution"].strip()))
    if not parts:
        return ""
    return '<footer class="attribution">' + " · ".join(parts) + "</footer>"
