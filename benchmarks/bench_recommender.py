"""Added ranking latency of the trained recommender: one turn (3 picks with reasons), with and
without the model, over held-out training dialogues (never the test split); prints figures.

    .venv/bin/python benchmarks/bench_recommender.py [--turns 300]

Query texts are embedded in batches first, so the figures are the ranking itself (the MiniLM
query encode is the same with and without the model).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from chatbot.catalog import load_catalog
from chatbot.config import Settings
from chatbot.evaluation.redial import read_dialogues
from chatbot.ranking import Ranker
from chatbot.recommender.data import redial_data
from chatbot.recommender.model import EaseModel, load_model, model_dir
from chatbot.retrieval import Retriever


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=300, help="held-out turns to time")
    args = parser.parse_args()
    settings = Settings.from_env()
    catalog = load_catalog(settings.catalog_path)
    model = load_model(catalog, settings)
    if model is None:
        raise SystemExit(f"no trained recommender in {model_dir(settings)}: run `make setup`")
    m = model.manifest
    print(
        f"model: {m['items']:,} items, {m['artefact']['bytes'] / 1e6:.1f} MB on disk, "
        f"trained in {m['seconds']} s (lambda {m['settings']['lambda']})"
    )
    dialogues = read_dialogues(settings.redial_dir / "train_partial.jsonl")
    data = redial_data(dialogues, catalog, holdout=0.1, seed=0, max_cases=args.turns)
    states = [case.state for case in data.cases]
    retriever = Retriever.open(catalog, settings, progress=False)
    rankers = {
        "hand-tuned": Ranker(catalog, retriever, settings, learned=None),
        "trained": Ranker(catalog, retriever, settings, learned=model, encoder=None),
    }
    if model.text is not None:  # the same model without its text-to-item part
        ease = EaseModel(
            model.item_ids,
            model.cols,
            model.vals,
            model.counts,
            model.blend,
            model.manifest,
            model.reranker,
        )
        rankers["EASE only"] = Ranker(catalog, retriever, settings, learned=ease, encoder=None)
    from chatbot.recommender.encoder import load_encoder

    encoder = load_encoder(catalog, settings)
    if encoder is not None:  # the opt-in fine-tuned encoder (`train recommender --encoder`)
        rankers["+ encoder"] = Ranker(catalog, retriever, settings, learned=model, encoder=encoder)
    times: dict[str, list[float]] = {}
    for name, ranker in rankers.items():
        ranker.cache_size = 4 * len(states) + 16
        if name == "+ encoder":
            # the retrieval query vectors as for the others, but the encoder's context vector is
            # computed per turn (it is what the encoder adds at serving time)
            ranker._vectors = rankers["trained"]._vectors
        else:
            ranker.prefetch(states)
        ranker.rank(states[0], 3)
        times[name] = []
        for state in states:
            start = time.perf_counter()
            ranker.rank(state, 3)
            times[name].append((time.perf_counter() - start) * 1000)
    for name, ms in times.items():
        p50, p95 = np.percentile(ms, [50, 95])
        print(f"{name:<11} {len(ms)} turns: p50 {p50:.1f} ms, p95 {p95:.1f} ms per turn")
    added = np.array(times["trained"]) - np.array(times["hand-tuned"])
    p50, p95 = np.percentile(added, [50, 95])
    print(f"added by the model: p50 {p50:+.1f} ms, p95 {p95:+.1f} ms per turn")
    if "EASE only" in times:
        added = np.array(times["trained"]) - np.array(times["EASE only"])
        p50, p95 = np.percentile(added, [50, 95])
        print(f"added by the text model: p50 {p50:+.1f} ms, p95 {p95:+.1f} ms per turn")
    if "+ encoder" in times:
        added = np.array(times["+ encoder"]) - np.array(times["trained"])
        p50, p95 = np.percentile(added, [50, 95])
        print(f"added by the encoder: p50 {p50:+.1f} ms, p95 {p95:+.1f} ms per turn")


if __name__ == "__main__":
    main()
