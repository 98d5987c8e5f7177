"""Reports: metrics.json, report.md (plots as PNG files) and a self-contained report.html."""

from __future__ import annotations

import base64
import html
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.fileio import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

RAW_KEYS = ("latencies_ms",)  # bulky per-turn lists: kept out of metrics.json


@dataclass
class Section:
    """One part of a report: text, an optional table and optional figures (name -> PNG bytes)."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    figures: dict[str, bytes] = field(default_factory=dict)


def write_report(
    out_dir: str | os.PathLike[str],
    title: str,
    metrics: dict[str, Any],
    sections: Sequence[Section],
) -> dict[str, Path]:
    """Write metrics.json, raw.json, report.md, plots/*.png and report.html into out_dir."""
    out = Path(out_dir)
    (out / "plots").mkdir(parents=True, exist_ok=True)
    compact = _without_raw(metrics)
    paths = {"metrics": out / "metrics.json", "raw": out / "raw.json"}
    atomic_write_text(paths["metrics"], json.dumps(compact, indent=2, sort_keys=False) + "\n")
    atomic_write_text(paths["raw"], json.dumps(_raw_only(metrics)) + "\n")
    for section in sections:
        for name, png in section.figures.items():
            atomic_write_bytes(out / "plots" / f"{name}.png", png)
    paths["markdown"] = out / "report.md"
    atomic_write_text(paths["markdown"], render_markdown(title, sections))
    paths["html"] = out / "report.html"
    atomic_write_text(paths["html"], render_html(title, sections))
    return paths


def _without_raw(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_raw(v) for k, v in value.items() if k not in RAW_KEYS}
    return value


def _raw_only(value: Any, path: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            where = f"{path}.{k}" if path else k
            if k in RAW_KEYS:
                found[where] = v
            else:
                found.update(_raw_only(v, where))
    return found


def render_markdown(title: str, sections: Sequence[Section]) -> str:
    """The report as Markdown; figures link to plots/<name>.png."""
    lines = [f"# {title}", ""]
    for s in sections:
        lines += [f"## {s.title}", ""]
        for p in s.paragraphs:
            lines += [p, ""]
        if s.headers:
            lines.append("| " + " | ".join(s.headers) + " |")
            lines.append("|" + "|".join("---" for _ in s.headers) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in s.rows]
            lines.append("")
        for name in s.figures:
            lines += [f"![{name}](plots/{name}.png)", ""]
    return "\n".join(lines)


def render_html(title: str, sections: Sequence[Section]) -> str:
    """The report as one HTML file with every plot embedded as a base64 PNG (no external links)."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
        "text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
        "img{max-width:100%;display:block;margin:1em 0}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for s in sections:
        parts.append(f"<h2>{html.escape(s.title)}</h2>")
        parts += [f"<p>{_inline(p)}</p>" for p in s.paragraphs]
        if s.headers:
            parts.append("<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in s.headers))
            for row in s.rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
        for name, png in s.figures.items():
            data = base64.b64encode(png).decode("ascii")
            parts.append(f"<img alt='{html.escape(name)}' src='data:image/png;base64,{data}'>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _inline(text: str) -> str:
    # the Markdown paragraphs use `code` only
    escaped = html.escape(text)
    pieces = escaped.split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def fmt(value: Any, digits: int = 3) -> str:
    """Numbers for tables: floats to `digits` places, missing as an en dash."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def new_figure(width: float = 7.0, height: float = 4.0) -> Figure:
    """A matplotlib Figure not registered with pyplot (no global state, no display needed)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def recall_plot(
    ks: Sequence[int],
    systems: dict[str, dict[str, float]],
    reference: dict[str, dict[str, Any]],
    title: str,
) -> bytes:
    """Recall@k curves of our systems (lines) and published reference rows (dashed, markers)."""
    fig = new_figure()
    ax = fig.add_subplot()
    for name, res in systems.items():
        ax.plot(ks, [res.get(f"recall@{k}", 0.0) for k in ks], marker="o", lw=2, label=name)
    for name, ref in reference.items():
        pts = [(k, ref[f"recall@{k}"]) for k in ks if f"recall@{k}" in ref]
        if pts:
            xs, ys = zip(*pts, strict=True)
            ax.plot(xs, ys, ls="--", marker="s", ms=5, alpha=0.7, label=f"{name} (published)")
    ax.set_xscale("log")
    ax.set_xticks(list(ks), [str(k) for k in ks])
    ax.set_xlabel("k")
    ax.set_ylabel("Recall@k")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    return png(fig)


def latency_plot(latencies: dict[str, Sequence[float]], title: str) -> bytes:
    """Histogram of per-turn latency for each system (log-spaced bins)."""
    import numpy as np

    fig = new_figure()
    ax = fig.add_subplot()
    values = [v for vs in latencies.values() for v in vs if v > 0]
    if values:
        bins = np.geomspace(max(min(values), 1e-3), max(values) * 1.01, 40).tolist()
        for name, vs in latencies.items():
            p50 = float(np.median(vs)) if len(vs) else 0.0
            ax.hist(
                [v for v in vs if v > 0], bins=bins, alpha=0.55, label=f"{name} (p50 {p50:.1f} ms)"
            )
        ax.set_xscale("log")
        ax.legend(fontsize=8)
    ax.set_xlabel("latency per turn (ms, log scale)")
    ax.set_ylabel("turns")
    ax.set_title(title)
    return png(fig)


@dataclass(frozen=True)
class Panel:
    """One small bar chart: label -> value, with an optional reference line."""

    title: str
    values: dict[str, float]
    hline: tuple[float, str] | None = None


def panels_plot(panels: Sequence[Panel], title: str) -> bytes:
    """Small bar charts side by side (each with its own scale)."""
    fig = new_figure(width=3.2 * len(panels), height=3.6)
    fig.suptitle(title)
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, p in zip(axes, panels, strict=True):
        names = list(p.values)
        bars = ax.bar(range(len(names)), [p.values[n] for n in names], color="C0")
        ax.bar_label(bars, fmt="%.3f", fontsize=7)
        ax.set_xticks(range(len(names)), names, rotation=20, ha="right", fontsize=8)
        if p.hline is not None:
            ax.axhline(p.hline[0], color="C3", ls="--", lw=1, label=p.hline[1])
            ax.legend(fontsize=7, loc="best")
        top = max([*p.values.values(), p.hline[0] if p.hline else 0.0])
        ax.set_ylim(0, max(top * 1.2, 0.05))
        ax.set_title(p.title, fontsize=9)
    return png(fig)


def bar_plot(
    groups: dict[str, dict[str, float]],
    title: str,
    ylabel: str,
    *,
    hline: tuple[float, str] | None = None,
) -> bytes:
    """Grouped bars: one group per key of `groups`, one bar per inner key."""
    import numpy as np

    fig = new_figure()
    ax = fig.add_subplot()
    names = list(groups)
    series = list(dict.fromkeys(s for g in groups.values() for s in g))
    width = 0.8 / max(1, len(series))
    x = np.arange(len(names))
    for j, s in enumerate(series):
        vals = [groups[n].get(s, 0.0) for n in names]
        bars = ax.bar(x + j * width - 0.4 + width / 2, vals, width, label=s)
        ax.bar_label(bars, fmt="%.3f", fontsize=7)
    if hline is not None:
        ax.axhline(hline[0], color="k", ls=":", lw=1, label=hline[1])
    ax.set_xticks(x, names)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    return png(fig)


def line_plot(xs: Sequence[float], series: dict[str, Sequence[float]], title: str, xlabel: str,
              ylabel: str) -> bytes:  # fmt: skip
    """Simple lines over shared x values."""
    fig = new_figure()
    ax = fig.add_subplot()
    for name, ys in series.items():
        ax.plot(xs, ys, marker="o", lw=2, label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    top = max((y for ys in series.values() for y in ys), default=0.0)
    ax.set_ylim(0, min(1.0, max(0.1, top * 1.25)))
    ax.set_xticks(list(xs))
    ax.grid(alpha=0.3)
    ax.set_title(title)
    ax.legend(fontsize=8)
    return png(fig)


def redial_sections(m: dict[str, Any]) -> list[Section]:
    """Sections of the ReDial report from `redial.evaluate` output (plus run info under 'run')."""
    run = m.get("run", {})
    sections = [_redial_setup(m)]
    for conv, label in (("full", "Recall@k, full"), ("new_only", "Recall@k, new items only")):
        sections.append(_recall_section(m, conv, label))
    sections.append(_speed_section(m))
    sections.append(_limitations_redial(m))
    if run.get("recommender"):
        sections.append(_recommender_section(run["recommender"]))
    return sections


def _redial_setup(m: dict[str, Any]) -> Section:
    """Data, catalogue, ground truth and the two conventions."""
    run = m.get("run", {})
    return Section(
        "Setup",
        [
            f"Data: `{run.get('data', '?')}` — {run.get('dialogues', '?')} dialogues, "
            f"{m['cases']} recommender turns that mention a movie and have context. "
            f"Catalogue: `{run.get('catalog', '?')}` ({run.get('catalog_items', '?')} items), "
            f"embedder `{run.get('embedder', '?')}`.",
            "Ground truth: every movie mentioned in the recommender turn. `full`: items "
            "mentioned earlier stay candidates and targets. `new_only`: targets mentioned "
            "earlier are dropped and earlier items are removed from the ranking (He et al., "
            "2023). recall@k counts each ground-truth item as one sample (as KBRD/KGSF/UniCRS); "
            "turn_recall@k averages turns.",
            f"Ground-truth items missing from the catalogue (counted as misses): "
            f"{m['out_of_catalogue']:.1%}. Published systems rank ReDial's own 6,924 movies, so "
            "they never lose these; our upper bound is 1 - out_of_catalogue.",
            f"Popularity counts: `{run.get('popularity_source', '?')}` (never the test file).",
        ],
    )


def _recall_section(m: dict[str, Any], conv: str, label: str) -> Section:
    """Our recall@k against the published figures under one convention ('full', 'new_only')."""
    ks = m["ks"]
    refs = {n: r for n, r in m["reference"].items() if r["convention"] == conv}
    rows = [
        [name, "ours"] + [fmt(res.get(f"recall@{k}")) for k in ks] + [str(res["samples"])]
        for name, res in m[conv].items()
    ]
    rows += [
        [name, "published"] + [fmt(r.get(f"recall@{k}")) for k in ks] + ["–"]
        for name, r in refs.items()
    ]
    return Section(
        label,
        headers=["system", "source", *(f"R@{k}" for k in ks), "samples"],
        rows=rows,
        figures={f"recall_{conv}": recall_plot(ks, m[conv], refs, label)},
    )


def _speed_section(m: dict[str, Any]) -> Section:
    """Ranking throughput and latency per system."""
    speed = m["speed"]
    return Section(
        "Speed",
        [
            "Latency: time to rank one turn (context → 50+ candidates), one process, after "
            "one untimed warm-up call (model loading). "
            "items/s: ground-truth items scored per second (turns/s × items per turn)."
        ],
        headers=["system", "turns/s", "items/s", "p50 ms", "p95 ms", "max ms"],
        rows=[
            [
                n,
                fmt(s["turns_per_s"], 1),
                fmt(s["items_per_s"], 1),
                fmt(s["latency_ms"].get("p50"), 2),
                fmt(s["latency_ms"].get("p95"), 2),
                fmt(s["latency_ms"].get("max"), 2),
            ]
            for n, s in speed.items()
        ],
        figures={
            "latency": latency_plot(
                {n: s.get("latencies_ms", []) for n, s in speed.items()}, "Latency per turn"
            )
        },
    )


def recommender_summary(manifest: dict[str, Any]) -> dict[str, Any]:
    """The parts of a trained recommender's manifest.json that a report shows."""
    held = manifest.get("holdout", {})
    return {
        "model": manifest.get("model"),
        "data": {k: v for k, v in manifest.get("data", {}).items() if k != "sha256"},
        "data_sha256": manifest.get("data", {}).get("sha256"),
        "settings": manifest.get("settings"),
        "blend": manifest.get("blend"),
        "items": manifest.get("items"),
        "bytes": manifest.get("artefact", {}).get("bytes"),
        "training_seconds": manifest.get("seconds"),
        "holdout": {
            k: held.get(k) for k in ("groups", "cases", "without_model", "model_alone", "blend")
        }
        | {"reranker": (manifest.get("reranker_training") or {}).get("holdout")},
        "reranker": {
            k: v
            for k, v in (manifest.get("reranker_training") or {}).items()
            if k not in ("penalty_grid", "holdout")
        },
    }


def _recommender_section(r: dict[str, Any]) -> Section:
    held = r.get("holdout") or {}
    rows = []
    for name in ("without_model", "model_alone", "blend", "reranker"):
        res = held.get(name) or {}
        if res:
            rows.append([name] + [fmt(res.get(f"recall@{k}")) for k in (1, 10, 50)])
    settings = r.get("settings") or {}
    blend = r.get("blend") or {}
    source = (r.get("data") or {}).get("path", "logged sessions")
    return Section(
        "Trained recommender (used by `dialogue`, absent from `handtuned`)",
        [
            f"{r.get('model')}. Trained on `{source}` "
            f"in {r.get('training_seconds')} s; {r.get('items')} items, "
            f"{(r.get('bytes') or 0) / 1e6:.1f} MB; lambda {settings.get('lambda')}, "
            f"blend: learned x {blend.get('learned')}, popularity x {blend.get('popularity')}.",
            f"Tuned on {held.get('groups')} held-out training groups ({held.get('cases')} turns), "
            "never on the evaluated file. Hold-out recall (new items only) below.",
        ],
        headers=["on the hold-out", "R@1", "R@10", "R@50"],
        rows=rows,
    )


def _limitations_redial(m: dict[str, Any]) -> Section:
    lim = m["limitations"]
    cat_share = next(iter(lim.values()))["popularity_bias@10"]["catalogue_share"] if lim else 0.0
    return Section(
        "Limitations",
        [
            "Popularity bias: share of top-10 slots held by the 10% most-voted catalogue items "
            f"(their catalogue share is {cat_share:.1%}). Coverage: distinct items ever in a "
            "top-10 / catalogue size. Diversity: mean pairwise genre distance (1 - Jaccard) "
            "within a top-10. The last two columns split `full` Recall@10 by whether the target "
            "has a real abstract or a description composed from facets.",
        ],
        headers=[
            "system",
            "top-10% share",
            "coverage",
            "distinct",
            "diversity",
            "R@10 real abstract",
            "R@10 composed",
        ],
        rows=[_limitations_row(n, x) for n, x in lim.items()],
        figures=_limitations_figures(lim, cat_share),
    )


def _limitations_row(name: str, x: dict[str, Any]) -> list[str]:
    """One system's row of the ReDial limitations table."""
    real, comp = x["by_description"]["real"], x["by_description"]["composed"]
    return [
        name,
        fmt(x["popularity_bias@10"]["recommended_share"]),
        fmt(x["coverage@10"]["coverage"]),
        str(x["coverage@10"]["distinct_items"]),
        fmt(x["intra_list_diversity@10"]),
        f"{fmt(real['recall@10'])} (n={real['samples']})",
        f"{fmt(comp['recall@10'])} (n={comp['samples']})",
    ]


def _limitations_figures(lim: dict[str, Any], cat_share: float) -> dict[str, bytes]:
    """Popularity bias, coverage and diversity panels; Recall@10 by target description."""
    return {
        "popularity_bias": panels_plot(
            [
                Panel(
                    "slots held by top-10% most-voted",
                    {n: x["popularity_bias@10"]["recommended_share"] for n, x in lim.items()},
                    (cat_share, "catalogue share"),
                ),
                Panel(
                    "catalogue coverage",
                    {n: x["coverage@10"]["coverage"] for n, x in lim.items()},
                ),
                Panel(
                    "intra-list genre diversity",
                    {n: x["intra_list_diversity@10"] for n, x in lim.items()},
                ),
            ],
            "Top-10 lists: popularity bias, coverage, diversity",
        ),
        "by_description": bar_plot(
            {
                n: {k: x["by_description"][k]["recall@10"] for k in ("real", "composed")}
                for n, x in lim.items()
            },
            "Recall@10 (full) by target description",
            "Recall@10",
        ),  # fmt: skip
    }


def simulate_sections(m: dict[str, Any]) -> list[Section]:
    """Sections of the simulation report from `simulate.summarise` output (+ 'run')."""
    return [_simulate_setup(m), _simulate_latency(m), _simulate_limitations(m)]


def _simulate_setup(m: dict[str, Any]) -> Section:
    """The setup, the headline metrics and success by turn (all users and per opening)."""
    run = m.get("run", {})
    turns = list(range(1, m["max_turns"] + 1))
    succ = [m["success_by_turn"][str(t)] for t in turns]
    series: dict[str, Sequence[float]] = {"all users": succ}
    head = Section(
        "Setup",
        [
            f"{m['users']} simulated users, at most {m['max_turns']} turns, LLM "
            f"`{run.get('llm', '?')}`, embedder `{run.get('embedder', '?')}`, seed "
            f"{run.get('seed', '?')}, openings from `{run.get('data') or 'cold start'}` "
            f"(share of cold starts: {run.get('cold_share', '?')}).",
            "Each user has one hidden target item. They open with a real ReDial seeker opening "
            "(target: a movie the recommender suggested and the seeker liked) or cold, answer "
            "with the target's facets (genre, decade, mood, language, ...), and turn down the "
            "first shown miss with a reason (too old / too recent / not into <genre>). They "
            "never say the target's title (leaks counted below). Success: the target is shown.",
        ],
        headers=["metric", "value"],
        rows=[
            ["success rate", fmt(m["success_rate"])],
            ["avg turns (failures count max)", fmt(m["avg_turns"], 2)],
            ["avg turns to success", fmt(m["avg_turns_to_success"], 2)],
            *[[f"final list {k}", fmt(v)] for k, v in m["recall@k_final"].items()],
            [
                "feedback compliance",
                f"{fmt(m['feedback_compliance'])} ({m['feedback_checks']} turns)",
            ],
            [
                "of which avoided-facet compliance",
                f"{fmt(m['avoided_facet_compliance'])} ({m['avoided_facet_checks']} turns)",
            ],
            ["hallucinated item rate", fmt(m["hallucinated_item_rate"])],
            ["target title leaks", str(m["target_title_leaks"])],
            [
                "latency p50 / p95 ms",
                f"{fmt(m['latency_ms'].get('p50'), 1)} / {fmt(m['latency_ms'].get('p95'), 1)}",
            ],
        ],  # fmt: skip
    )
    if m.get("hallucinated_titles"):
        head.paragraphs.append(
            "Unshown titles found in replies: " + "; ".join(m["hallucinated_titles"])
        )
    for key, g in m.get("by_source", {}).items():
        series[f"{key} openings (n={g['users']})"] = [
            g.get("success_by_turn", {}).get(str(t), 0.0) for t in turns
        ]
    head.figures["success_by_turn"] = line_plot(
        turns, series, "Share of users whose target was shown by turn t", "turn", "success"
    )
    return head


def _simulate_latency(m: dict[str, Any]) -> Section:
    return Section(
        "Latency",
        ["Wall time of `DialogueManager.respond` per turn (understanding, ranking, writing)."],
        figures={
            "latency": latency_plot({"respond": m.get("latencies_ms", [])}, "Latency per turn")
        },
    )


def _simulate_limitations(m: dict[str, Any]) -> Section:
    """Popularity bias, coverage, diversity and success by target description and opening."""
    lim = m["limitations"]
    groups = {f"{k} (n={g['users']})": g for k, g in lim["by_description"].items()}
    by_source = m.get("by_source", {})
    return Section(
        "Limitations",
        [
            f"Top-10% most-voted items hold {lim['popularity_bias']['recommended_share']:.1%} of "
            f"shown slots (catalogue share {lim['popularity_bias']['catalogue_share']:.1%}). "
            f"Coverage {lim['coverage']['coverage']:.1%} ({lim['coverage']['distinct_items']} "
            f"distinct items); intra-list genre diversity {lim['intra_list_diversity']:.3f}.",
        ],
        headers=["target description", "users", "success rate", "final R@10"],
        rows=[
            [k, str(g["users"]), fmt(g["success_rate"]), fmt(g["recall@10_final"])]
            for k, g in lim["by_description"].items()
        ],  # fmt: skip
        figures={
            "bias": panels_plot(
                [
                    Panel(
                        "shown slots held by top-10% most-voted",
                        {"shown": lim["popularity_bias"]["recommended_share"]},
                        (lim["popularity_bias"]["catalogue_share"], "catalogue share"),
                    ),
                    Panel(
                        "success by target description",
                        {k: g["success_rate"] for k, g in groups.items()},
                    ),
                    Panel(
                        "success by opening",
                        {f"{k} (n={g['users']})": g["success_rate"] for k, g in by_source.items()},
                    ),
                ],
                "Simulated users: popularity bias and where success comes from",
            )
        },
    )
