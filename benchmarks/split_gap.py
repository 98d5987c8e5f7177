"""How much harder ReDial's test dialogues are than held-out training dialogues, for the same
item-to-item model: EASE fitted on the training dialogues minus a hold-out (the trainer's split,
`chatbot.recommender.data.group_position`, seed 0, 10%), then new-items-only Recall@1/10/50 with
the gold context (every movie mentioned before the recommender turn, weight 1) on that hold-out
and on the dev half of the test split; prints figures, trains nothing under var/.

    .venv/bin/python benchmarks/split_gap.py [--lam 500] [--popularity 0,0.05,0.2]

A ranking is the EASE score over the items of the training baskets (divided by the turn's best
score) plus `popularity` x log(1 + training mentions) / log(1 + the most mentions); movies
mentioned earlier are left out ("new items only", He et al., CIKM 2023); targets outside the
catalogue count as misses. Cases are ReDial recommender turns with earlier messages
(chatbot.evaluation.redial.extract_cases). Steck, "Embarrassingly Shallow Autoencoders for
Sparse Data", WWW 2019 (EASE).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np

from chatbot.catalog import load_catalog
from chatbot.config import Settings
from chatbot.evaluation.redial import Dialogue, extract_cases, read_dialogues, redial_item_map
from chatbot.recommender.data import group_position
from chatbot.recommender.train import fit_ease

KS = (1, 10, 50)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lam", type=float, default=500.0, help="EASE L2 weight (lambda)")
    parser.add_argument("--holdout", type=float, default=0.1, help="share of training dialogues")
    parser.add_argument(
        "--popularity", default="0,0.05,0.2", help="comma-separated popularity weights"
    )
    args = parser.parse_args()
    settings = Settings.from_env()
    redial = Path(settings.redial_dir)
    catalog = load_catalog(settings.catalog_path)
    item_map = redial_item_map(catalog)
    train = read_dialogues(redial / "train_partial.jsonl")
    dev = read_dialogues(redial / "test_dev.jsonl")
    held = [d for d in train if group_position(d.id, 0) < args.holdout]
    fit = [d for d in train if group_position(d.id, 0) >= args.holdout]

    def basket(d: Dialogue) -> list[str]:
        return sorted({item_map[r] for m in d.messages for r in m.movie_ids if r in item_map})

    baskets = [b for b in map(basket, fit) if len(b) >= 2]
    started = time.perf_counter()
    ids, weights = fit_ease(baskets, args.lam)
    print(
        f"EASE lambda {args.lam:g}: {len(ids):,} items from {len(baskets):,} training baskets "
        f"({len(held):,} hold-out dialogues left out), {time.perf_counter() - started:.1f} s"
    )
    row = {item_id: n for n, item_id in enumerate(ids)}
    counts = Counter(i for d in fit for i in basket(d))
    pop = np.log1p(np.array([counts[i] for i in ids], dtype=np.float32))
    pop /= pop.max()
    for weight in (float(w) for w in args.popularity.split(",")):
        for name, dialogues in (("training hold-out", held), ("test dev half", dev)):
            hits, targets = dict.fromkeys(KS, 0), 0
            cases = extract_cases(dialogues)
            for case in cases:
                rows = [row[item_map[r]] for r in case.context_movie_ids if item_map.get(r) in row]
                scores = weights[rows].sum(0) if rows else np.zeros(len(ids), np.float32)
                best = float(scores.max()) if rows else 0.0
                scores = (scores / best if best > 0 else scores) + weight * pop
                said = {item_map[r] for r in case.context_movie_ids if r in item_map}
                top = [ids[n] for n in np.argsort(-scores)[: max(KS) + len(said)]]
                ranked = [i for i in top if i not in said][: max(KS)]
                for rid in case.new_target_ids:
                    targets += 1
                    target = item_map.get(rid)
                    for k in KS:
                        hits[k] += target is not None and target in ranked[:k]
            figures = " / ".join(f"{hits[k] / targets:.3f}" for k in KS)
            print(
                f"popularity {weight:<4g} {name:<17} {len(cases):>5,} turns {targets:>5,} targets"
                f"  new-only R@1/10/50 {figures}"
            )


if __name__ == "__main__":
    main()
