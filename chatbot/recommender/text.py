"""What people asked for in words -> what was recommended next: a text-to-item model (opt-in,
`chatbot train recommender --text`; README "Training the recommender" says why it is not the
default).

Ridge regression in closed form from TF-IDF features of the user's latest messages to the items
recommended next. Training pairs come from ReDial's training dialogues: the seeker's last
`SAID_KEEP` messages before a recommender turn (movie mentions left out: they are EASE's part)
and the movies the recommender named there for the first time. Features: scikit-learn's
TfidfVectorizer (word unigrams and bigrams, sublinear tf, English stop words, at most
`MAX_FEATURES` terms seen in at least `MIN_DF` training contexts). Weights:
W = (X'X + lam I)^-1 X'Y (X: contexts x terms, Y: contexts x items, 0/1), each term's row
pruned to its `KEEP` largest positive weights. An item's score for a message history is
x W, x the TF-IDF row of the joined messages; the Ranker adds it to the EASE score (`Blend.text`).

Measured on 1,123 held-out turns of the training dialogues (README, "Training the
recommender"): EASE alone new-item Recall@10 / @50 0.205 / 0.399, with this model's score
added (weight 0.1, lambda 20) 0.232 / 0.428. It reads words only, so "no horror" adds to horror
films like "horror" does: the hard filters, not this model, keep avoided kinds out (as for every
learned score); `EaseModel.inputs` decides when the words count at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from chatbot.fileio import atomic_write_with

TEXT_FILE = "text.npz"
MAX_FEATURES = 5000  # 4,000 / 5,000 / 8,000 terms: the same hold-out recall within 0.003
MIN_DF = 3
KEEP = 512  # weights kept per term (128: -0.01 Recall@10 on the hold-out)
LAMBDAS = (10.0, 20.0, 50.0)


def _vectorizer(vocabulary: Sequence[str] | None = None) -> object:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=1 if vocabulary is not None else MIN_DF,
        max_features=None if vocabulary is not None else MAX_FEATURES,
        sublinear_tf=True,
        stop_words="english",
        vocabulary=list(vocabulary) if vocabulary is not None else None,
        dtype=np.float64,
    )


class TextModel:
    """Pruned ridge weights from TF-IDF terms to items.

    `vocabulary` (V,) terms; `idf` (V,) their inverse document frequencies; `cols` / `vals`
    (V, keep): each term's strongest positive weights, as column numbers into the item list
    shared with the EASE model (n items)."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: np.ndarray,
        cols: np.ndarray,
        vals: np.ndarray,
        n_items: int,
    ) -> None:
        if not (len(vocabulary) == len(idf) == cols.shape[0] == vals.shape[0]):
            raise ValueError(
                f"text model: {len(vocabulary)} terms, {len(idf)} idf values, "
                f"{cols.shape[0]}/{vals.shape[0]} weight rows"
            )
        if cols.size and int(cols.max()) >= n_items:
            raise ValueError(f"text model: a weight column beyond the {n_items} items")
        self.vocabulary = [str(t) for t in vocabulary]
        self.idf = np.asarray(idf, dtype=np.float64)
        self.cols, self.vals, self.n_items = cols, vals.astype(np.float32), n_items
        self._vec = _vectorizer(self.vocabulary)
        self._vec.idf_ = self.idf  # type: ignore[attr-defined]

    def features(self, texts: Sequence[str]) -> object:
        """TF-IDF rows (len(texts), V), scipy CSR."""
        return self._vec.transform(list(texts))  # type: ignore[attr-defined]

    def scores(self, said: Sequence[str]) -> np.ndarray:
        """Scores (n,) float32 for the user's messages joined into one text; zeros for none."""
        out = np.zeros(self.n_items, dtype=np.float32)
        text = " ".join(t for t in said if t)
        if not text.strip():
            return out
        row = self.features([text])
        for term, weight in zip(row.indices, row.data, strict=True):  # type: ignore[attr-defined]
            np.add.at(out, self.cols[term], np.float32(weight) * self.vals[term])
        return out

    def save(self, folder: Path) -> Path:
        """Write folder/text.npz (atomic); returns the path."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / TEXT_FILE
        atomic_write_with(
            path,
            lambda f: np.savez_compressed(
                f,
                vocabulary=np.array(self.vocabulary),
                idf=self.idf.astype(np.float32),
                cols=self.cols.astype(np.int32),
                vals=self.vals.astype(np.float16),
            ),
        )
        return path

    @classmethod
    def load(cls, path: Path, n_items: int) -> TextModel:
        """Read a text.npz written by `save`; OSError / ValueError / KeyError when unreadable."""
        with np.load(path, allow_pickle=False) as z:
            return cls(z["vocabulary"], z["idf"], z["cols"], z["vals"], n_items)


def fit_text_model(
    texts: Sequence[str],
    targets: Sequence[Sequence[int]],
    n_items: int,
    lam: float,
    *,
    keep: int = KEEP,
) -> TextModel:
    """Fit on (context text, item columns recommended next) pairs; ValueError when the texts
    share too few terms to learn from (fewer than MIN_DF contexts per term)."""
    import scipy.sparse as sp

    if len(texts) != len(targets):
        raise ValueError(f"{len(texts)} texts for {len(targets)} target lists")
    vec = _vectorizer()
    x = vec.fit_transform(list(texts))  # type: ignore[attr-defined]
    rows = [r for r, cols in enumerate(targets) for _ in cols]
    cols = [c for cs in targets for c in cs]
    y = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), n_items))
    gram = (x.T @ x).toarray()
    gram[np.diag_indices_from(gram)] += lam
    w = np.linalg.solve(gram, (x.T @ y).toarray())
    keep = min(keep, n_items)
    top = np.argpartition(-w, keep - 1, axis=1)[:, :keep]
    vals = np.maximum(np.take_along_axis(w, top, axis=1), 0.0)
    order = np.argsort(-vals, axis=1)
    return TextModel(
        vec.get_feature_names_out(),  # type: ignore[attr-defined]
        vec.idf_,  # type: ignore[attr-defined]
        np.take_along_axis(top, order, axis=1).astype(np.int32),
        np.take_along_axis(vals, order, axis=1).astype(np.float32),
        n_items,
    )
