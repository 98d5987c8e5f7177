"""Pure rendering for the web UI: reply items to card HTML, interest state to the side panel."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

SYNOPSIS_CHARS = 280
EMPTY_PANEL = "_Nothing yet. Tell me what you like, or rate a card._"
FEEDBACK_LABELS = {"like": "Liked", "dislike": "Not for me", "seen": "Seen it"}


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


def card_meta_line(item: Mapping[str, Any]) -> str:
    """Genres · runtime · rating · price, as plain text (empty parts left out)."""
    parts: list[str] = []
    genres = item.get("genres") or ()
    if genres:
        parts.append(", ".join(str(g) for g in list(genres)[:4]))
    runtime = item.get("runtime")
    if runtime:
        hours, minutes = divmod(int(runtime), 60)
        parts.append(f"{hours} h {minutes:02d} min" if hours else f"{minutes} min")
    rating = item.get("rating")
    if rating is not None:
        parts.append(f"★ {float(rating):.1f}/10")
    price = item.get("price")
    if price is not None:
        parts.append(f"{float(price):.2f}")
    return " · ".join(parts)


def render_card(item: Mapping[str, Any]) -> str:
    """One recommendation (an item of Reply.to_dict()['items']) as escaped card HTML."""
    e = html.escape
    title = e(str(item.get("title") or item.get("id") or "?"))
    year = item.get("year")
    year_html = f' <span class="rec-year">({e(str(year))})</span>' if year else ""
    out = [f'<article class="rec-card" data-item-id="{e(str(item.get("id", "")))}">']
    out.append(f'<h3 class="rec-title">{title}{year_html}</h3>')
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
            f'<a href="{e(trailer)}" target="_blank" rel="noopener noreferrer">▶ Trailer</a>'
        )
    page = safe_link(item.get("url"))
    if page:
        links.append(f'<a href="{e(page)}" target="_blank" rel="noopener noreferrer">Details</a>')
    if links:
        out.append(f'<p class="rec-links">{" · ".join(links)}</p>')
    out.append("</article>")
    return "".join(out)


def render_summary(summary: str, beliefs: Sequence[Mapping[str, Any]]) -> str:
    """Markdown for the 'What I know about you' panel (beliefs themselves are buttons)."""
    if not beliefs:
        return EMPTY_PANEL
    text = summary.strip() or "I have noted a few things."
    return text + "\n\n_Click a line below to make me forget it._"


def belief_button_label(belief: Mapping[str, Any]) -> str:
    """Label of the one-click removal button for a belief."""
    return f"✕ {belief.get('label') or belief.get('id')}"


def feedback_message(kind: str, label: str) -> str:
    """What the chat shows as the user's turn when a card button is clicked."""
    try:
        return f"{FEEDBACK_LABELS[kind]}: {label}"
    except KeyError:
        raise ValueError(
            f"unknown feedback kind {kind!r}; use one of {sorted(FEEDBACK_LABELS)}"
        ) from None


def turn_status(text: str, turn: int, *, done: bool) -> str:
    """The line under the chat: 'Thinking…' while a turn runs, its duration after (the data
    attributes let scripts and tests wait for turn N to finish)."""
    state = "done" if done else "running"
    attrs = f'data-turn="{turn}" data-state="{state}" class="turn-status"'
    return f"<div {attrs}>{html.escape(text)}</div>"


def reply_markdown(text: str, notices: Sequence[str] = ()) -> str:
    """The assistant's chat message: the reply text, then any notices as a quoted note."""
    body = text.strip()
    # the writer already puts the notes at the end of its text; show each one once
    notes = [n.strip() for n in notices if n and n.strip() and n.strip() not in body]
    if notes:
        body += "\n\n" + "\n".join(f"> Note: {n}" for n in notes)
    return body


_URL = re.compile(r"https?://[^\s),;<>&]+")


def _link(url: str) -> str:
    return f'<a href="{url}" target="_blank" rel="noopener noreferrer">{url}</a>'


def attribution_html(meta: Mapping[str, Any]) -> str:
    """Footer crediting the catalogue's data sources, from catalogue metadata ('' when none).

    Understands `sources: [{name, url, license, license_url}]`, or a single `source`/`license`/
    `license_url`, or a ready-made plain-text `attribution`.
    """
    e = html.escape
    lines = meta.get("attribution")
    if isinstance(lines, list) and all(isinstance(x, str) for x in lines) and lines:
        # ready-made credit lines (the omdb builder writes these): escape, then link bare URLs
        linked = [_URL.sub(lambda m: _link(m.group(0)), e(x.strip())) for x in lines if x.strip()]
        return '<footer class="attribution">' + " · ".join(linked) + "</footer>"
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
        name = e(str(src["name"]))
        url = safe_link(src.get("url"))
        name_html = (
            f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer">{name}</a>'
            if url
            else name
        )
        lic = str(src.get("license") or "").strip()
        lic_url = safe_link(src.get("license_url"))
        if lic and lic_url:
            lic_html = (
                f' (<a href="{e(lic_url)}" target="_blank" rel="noopener noreferrer">{e(lic)}</a>)'
            )
        elif lic:
            lic_html = f" ({e(lic)})"
        else:
            lic_html = ""
        what = str(src.get("what") or "").strip()
        parts.append(f"{e(what) + ' from ' if what else ''}{name_html}{lic_html}")
    if not parts and isinstance(meta.get("attribution"), str) and meta["attribution"].strip():
        parts.append(e(meta["attribution"].strip()))
    if not parts:
        return ""
    return '<footer class="attribution">' + " · ".join(parts) + "</footer>"
