"""What a catalogue holds (counts, facet coverage, credits) and bring-your-own conversion."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chatbot.catalog import Catalog, Item, load_catalog, write_catalog
from chatbot.errors import CatalogError

# always reported, even at 0%, so that a catalogue's gaps are visible
CORE_FIELDS = ("year", "genre", "runtime", "rating", "trailer")
OPTIONAL_FIELDS = ("price", "url", "image", "tags")


def _has(item: Item, name: str) -> bool:
    if name == "trailer":
        return bool(item.trailer_url)
    if name in ("year", "runtime", "rating", "price", "url", "image"):
        return getattr(item, name) is not None
    return bool(item.facet(name))


def summarize_catalog(
    catalog: Catalog, *, path: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """Counts, per-field coverage (share of items with at least one value), top genres and the
    source/license lines from the catalogue's metadata."""
    n = len(catalog)
    composed = sum(1 for i in catalog if i.description_composed)
    names = list(CORE_FIELDS)
    names += [f for f in OPTIONAL_FIELDS if any(_has(i, f) for i in catalog)]
    names += [f for f in catalog.facet_names() if f != "genre"]
    coverage = {f: round(sum(1 for i in catalog if _has(i, f)) / n, 4) if n else 0.0 for f in names}
    meta = catalog.meta
    attribution = meta.get("attribution") or []
    if isinstance(attribution, str):
        attribution = [attribution]
    out: dict[str, Any] = {
        "path": str(path) if path is not None else None,
        "items": n,
        "with_abstract": n - composed,
        "composed_description": composed,
        "coverage": coverage,
        "top_genres": catalog.facet_values("genre").most_common(15),
        "source": meta.get("source", "unknown"),
        "license": meta.get("license"),
        "attribution": list(attribution),
        "built_at": meta.get("built_at"),
        "build_seconds": meta.get("build_seconds"),
    }
    with_redial = sum(1 for i in catalog if i.extra.get("redial_ids"))
    if with_redial:
        out["with_redial_ids"] = with_redial
    return out


def format_summary(summary: Mapping[str, Any]) -> str:
    """The human-readable `chatbot catalog info` text."""
    n = summary["items"]
    lines = [f"Catalogue {summary.get('path') or ''}".rstrip()]
    lines.append(
        f"  items        {n:,} ({summary['with_abstract']:,} with a real description, "
        f"{summary['composed_description']:,} composed from facets)"
    )
    if "with_redial_ids" in summary:
        lines.append(
            f"  ReDial       {summary['with_redial_ids']:,} items linked to ReDial movie ids"
        )
    built = summary.get("built_at")
    source = f"  source       {summary['source']}"
    if built:
        source += f", built {built}"
        if summary.get("build_seconds") is not None:
            source += f" in {summary['build_seconds']} s"
    lines.append(source)
    lines.append("")
    lines.append("Coverage (share of items with at least one value)")
    width = max((len(k) for k in summary["coverage"]), default=5)
    for name, share in summary["coverage"].items():
        bar = "█" * round(share * 20)
        lines.append(f"  {name:<{width}}  {share * 100:5.1f}%  {bar}")
    if summary["top_genres"]:
        lines.append("")
        lines.append(
            "Top genres: " + ", ".join(f"{g} ({c:,})" for g, c in summary["top_genres"][:10])
        )
    lines.append("")
    lines.append(
        f"License: {summary.get('license') or 'not stated (add it to the .meta.json sidecar)'}"
    )
    for credit in summary.get("attribution") or ():
        lines.append(f"Credit:  {credit}")
    return "\n".join(lines)


def convert_catalog_file(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    mapping: Mapping[str, str] | str | None = None,
) -> Catalog:
    """Validate a JSONL/CSV catalogue (CatalogError names file, line and field) and write it as
    JSONL with a metadata sidecar; on any error nothing is written."""
    src, dst = Path(source), Path(out)
    if dst.exists() and src.resolve() == dst.resolve():
        raise CatalogError("--out would overwrite the input; choose another path", path=str(dst))
    catalog = load_catalog(src, mapping=mapping)
    meta: dict[str, Any] = {
        "source": f"file: {src.name}",
        "input": str(src),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": {"items": len(catalog), "facets": dict(_facet_counts(catalog))},
    }
    for key in ("license", "attribution"):
        if key in catalog.meta:
            meta[key] = catalog.meta[key]
    write_catalog(catalog.items, dst, meta=meta)
    return load_catalog(dst)


def _facet_counts(catalog: Catalog) -> Counter[str]:
    counts: Counter[str] = Counter()
    for item in catalog:
        counts.update(k for k, v in item.facets.items() if v)
    return counts
