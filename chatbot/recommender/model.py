"""The trained item-to-item model the Ranker blends in: loading, manifest checks, scoring, reasons.

The model is EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): a
closed-form item-item weight matrix B learned from baskets of items that people named together
(ReDial training dialogues) or liked / saw in one session (logged sessions). An item's score
for a context is sum_j w_j * B[j, item] over the context items j (liked, shown, seen, disliked,
each with a tuned weight w). Each row of B keeps only its strongest weights (see `prune_rows`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.errors import ChatbotError
from chatbot.fileio import atomic_write_with, file_sha256
from chatbot.recommender.rerank import Reranker
from chatbot.recommender.text import TextModel

if TYPE_CHECKING:
    from chatbot.ranking import Candidate, Ranker

log = logging.getLogger(__name__)

MODEL_FILE = "ease.npz"
MANIFEST_FILE = "manifest.json"
# v2: EASE plus an optional LightGBM re-ranker (reranker.txt); v3: plus an optional
# text-to-item model (text.npz)
FORMAT = "ease-ltr-v3"
# still loaded (without the parts they lack); `make setup` retrains them
OLD_FORMATS = ("ease-topk-v1", "ease-ltr-v2")
# a pick is explained by a liked item X ("people who liked X often chose this") only when it is
# among X's strongest neighbours in B (rank, not a raw weight, so it reads the same for any data)
REASON_NEIGHBOURS = 20


class ModelError(ChatbotError):
    """A recommender artefact is missing, corrupt or made for another catalogue."""


Artefact = TypeVar("Artefact", bound=Sized)


def read_manifest(
    folder: Path, formats: Collection[str], catalog: Catalog, retrain: str
) -> dict[str, Any]:
    """folder/manifest.json after the checks every recommender artefact shares (the EASE model,
    the fine-tuned encoder): readable JSON, a format among `formats`, made for this catalogue's
    item ids (`catalog_ids_hash`). ModelError otherwise, naming the file and ending with
    `retrain` (what to run to rebuild the artefact)."""
    path = folder / MANIFEST_FILE
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}: unreadable manifest ({e}); {retrain}") from e
    if manifest.get("format") not in formats:
        raise ModelError(f"{path}: format {manifest.get('format')!r}; {retrain}")
    made_for = manifest.get("catalog", {})
    if made_for.get("ids_sha256") != catalog_ids_hash(catalog):
        where = f" ({made_for['path']})" if made_for.get("path") else ""
        raise ModelError(f"{path}: trained for another catalogue{where}; {retrain}")
    return manifest


def check_digest(path: Path, sha256: object, retrain: str) -> None:
    """ModelError unless `path` is a file whose SHA-256 is `sha256` (the manifest's record)."""
    digest = file_sha256(path) if path.is_file() else None
    if digest != sha256:
        raise ModelError(f"{path}: missing or does not match the manifest; {retrain}")


def load_artefact(
    load: Callable[[Path, Catalog], Artefact],
    folder: Path,
    catalog: Catalog,
    *,
    what: str,
    otherwise: str = "",
) -> Artefact | None:
    """`load(folder, catalog)`, or None when folder holds no manifest (logged at info) or the
    artefact is unusable (a ModelError, logged as a warning): the Ranker then ranks without it.
    `what` names the artefact in the log lines, `otherwise` says what is used instead."""
    instead = f"; {otherwise}" if otherwise else ""
    if not (folder / MANIFEST_FILE).is_file():
        log.info("no %s in %s%s", what, folder, instead)
        return None
    try:
        artefact = load(folder, catalog)
    except ModelError as e:
        log.warning("not using the %s: %s%s", what, e, instead)
        return None
    log.info("%s loaded from %s (%d items)", what, folder, len(artefact))
    return artefact


@dataclass(frozen=True)
class ContextWeights:
    """How much each kind of context item counts in the learned score (tuned on the hold-out)."""

    liked: float = 1.0
    shown: float = 1.0
    seen: float = 1.0
    disliked: float = 0.0  # never above 0: a film turned down is no reason for its neighbours

    def context(self, state: Any) -> dict[str, float]:
        """{item id: weight} from an InterestState (later kinds override earlier ones)."""
        out: dict[str, float] = {}
        for kind in ("shown", "seen", "disliked", "liked"):
            weight = float(getattr(self, kind))
            for item_id in getattr(state, kind):
                if weight:
                    out[item_id] = weight
                else:
                    out.pop(item_id, None)
        return out


@dataclass(frozen=True)
class Blend:
    """How the learned score joins the hand-tuned score in the Ranker.

    score = hand-tuned score (similarity + facet boosts + `popularity` x log-popularity) +
    `learned` x (learned score / the best learned score of the turn), where the learned score
    is the EASE score plus `text` x the text model's score of the user's latest messages."""

    learned: float = 0.5
    popularity: float = 0.3
    candidates: int = 100  # the learned model's best items join the retrieval candidates
    weights: ContextWeights = field(default_factory=ContextWeights)
    popular: int = 0  # the items most often named in the training baskets join them too
    text: float = 0.0  # weight of the text-to-item model (chatbot.recommender.text)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the manifest."""
        return {
            "learned": self.learned,
            "popularity": self.popularity,
            "candidates": self.candidates,
            "weights": vars(self.weights).copy(),
            "popular": self.popular,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Blend:
        """The inverse of to_dict (missing keys keep their defaults)."""
        weights = ContextWeights(**{k: float(v) for k, v in d.get("weights", {}).items()})
        return cls(
            learned=float(d.get("learned", cls.learned)),
            popularity=float(d.get("popularity", cls.popularity)),
            candidates=int(d.get("candidates", cls.candidates)),
            weights=weights,
            popular=int(d.get("popular", cls.popular)),
            text=float(d.get("text", cls.text)),
        )


def catalog_ids_hash(catalog: Catalog) -> str:
    """sha256 of the catalogue's sorted item ids: the model is valid while the ids are the same
    (descriptions and facets may change; a new or removed item needs a retrain)."""
    h = hashlib.sha256()
    for item_id in sorted(item.id for item in catalog):
        h.update(item_id.encode("utf-8") + b"\n")
    return h.hexdigest()


def prune_rows(b: np.ndarray, keep: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's `keep` largest weights: (columns int32 (n, keep), weights float32 (n, keep))."""
    keep = min(keep, b.shape[1])
    cols = np.argpartition(-b, keep - 1, axis=1)[:, :keep]
    vals = np.take_along_axis(b, cols, axis=1)
    order = np.argsort(-vals, axis=1)
    return (
        np.take_along_axis(cols, order, axis=1).astype(np.int32),
        np.take_along_axis(vals, order, axis=1).astype(np.float32),
    )


class EaseModel:
    """Pruned EASE weights over the items that occur in the training baskets.

    `item_ids` (n,) names the rows; `cols` / `vals` (n, keep) hold each row's strongest
    weights (column = row number of the other item); `counts` (n,) baskets per item."""

    def __init__(
        self,
        item_ids: Iterable[str],
        cols: np.ndarray,
        vals: np.ndarray,
        counts: np.ndarray,
        blend: Blend,
        manifest: Mapping[str, Any] | None = None,
        reranker: Reranker | None = None,
        text: TextModel | None = None,
    ) -> None:
        self.item_ids = [str(i) for i in item_ids]
        self.row = {item_id: n for n, item_id in enumerate(self.item_ids)}
        if cols.shape != vals.shape or cols.shape[0] != len(self.item_ids):
            raise ModelError(
                f"weights of shape {cols.shape}/{vals.shape} for {len(self.row)} items"
            )
        self.cols, self.vals, self.counts = cols, vals, counts
        self.blend = blend
        self.manifest: dict[str, Any] = dict(manifest or {})
        self.reranker = reranker
        self.text = text
        self._popular: list[str] | None = None

    def extra_candidates(self) -> list[str]:
        """The `blend.popular` items most often named in the training baskets (they join every
        turn's candidates, through the hard filters like any other)."""
        n = self.blend.popular
        if n <= 0:
            return []
        if self._popular is None:
            order = np.argsort(-self.counts, kind="stable")
            self._popular = [self.item_ids[r] for r in order]
        return self._popular[:n]

    def rescore(
        self, ranker: Ranker, state: Any, candidates: Sequence[Candidate]
    ) -> list[float] | None:
        """The re-ranker's score per candidate (higher is better), or None without a re-ranker
        (the Ranker then blends the EASE score into its hand-tuned score)."""
        if self.reranker is None:
            return None
        return self.reranker.score(ranker, self, state, candidates)

    def __len__(self) -> int:
        return len(self.item_ids)

    def scores(self, context: Mapping[str, float], said: Sequence[str] = ()) -> np.ndarray:
        """Learned scores (n,): EASE for a context {item id: weight}, plus `blend.text` x the
        text model's scores for the user's latest messages `said` (when the model has one);
        zeros when nothing in either is known."""
        out = np.zeros(len(self.item_ids), dtype=np.float32)
        for item_id, weight in context.items():
            r = self.row.get(item_id)
            if r is not None and weight:
                np.add.at(out, self.cols[r], weight * self.vals[r])
        if self.text is not None and self.blend.text and said:
            out += np.float32(self.blend.text) * self.text.scores(said)
        return out

    def top(
        self, context: Mapping[str, float], n: int, *, exclude: Iterable[str] = ()
    ) -> dict[str, float]:
        """{item id: score / best score}, the n best positive-scoring items not in `exclude` or
        the context; {} when nothing scores above zero."""
        s = self.scores(context)
        banned = set(exclude) | set(context)
        out: dict[str, float] = {}
        if not s.size or s.max() <= 0:
            return out
        best = float(s.max())
        for r in np.argsort(-s):
            if s[r] <= 0 or len(out) >= n:
                break
            item_id = self.item_ids[r]
            if item_id not in banned:
                out[item_id] = float(s[r]) / best
        return out

    def inputs(self, state: Any) -> tuple[dict[str, float], tuple[str, ...]]:
        """(context {item id: weight}, the user's latest messages) for an InterestState.

        The words refine a ranking that has movies or wishes to go by, and only where the
        understanding found nothing more precise: alone ('hi', 'something good') they do not
        replace the cold start's varied popular picks, and facets asked for in the latest
        message ('a found footage horror') or a described topic being kept ('pirates', then
        'yeah those') decide the topic themselves (measured on the understanding corpus: with
        the words there, the popular films of the broader genre pushed out the ones asked
        for). The titles of films the state knows are cut out of the words ('not the Italian
        Job' must not count for The Italian Job's other versions)."""
        context = self.blend.weights.context(state)
        if not (context or state.has_signal) or len(state.focus) > 1 or state.interests:
            return context, ()
        titles = {_bare_title(label) for label in state.titles.values()}
        return context, tuple(_without_titles(text, titles) for text in state.said)

    def asked_for(self, state: Any, n: int = REASON_NEIGHBOURS) -> set[str]:
        """The n items the text model scores highest for the state's words (set() without a
        text model or words it may use): a pick among them is what people who asked for
        something like this were recommended."""
        _, said = self.inputs(state)
        if self.text is None or not self.blend.text or not said:
            return set()
        s = self.text.scores(said)
        return {self.item_ids[r] for r in np.argsort(-s)[:n] if s[r] > 0}

    def normalised(
        self, context: Mapping[str, float], said: Sequence[str] = ()
    ) -> dict[str, float]:
        """{item id: score / best score} for every positively scored item (the Ranker's feature;
        `said`: the user's latest messages, see `scores`)."""
        s = self.scores(context, said)
        if not s.size or s.max() <= 0:
            return {}
        best = float(s.max())
        rows = np.flatnonzero(s > 0)
        return {self.item_ids[r]: float(s[r]) / best for r in rows}

    def neighbours(self, item_id: str, n: int = REASON_NEIGHBOURS) -> list[str]:
        """The n items this one points at most strongly (positive weights only)."""
        r = self.row.get(item_id)
        if r is None:
            return []
        row = zip(self.cols[r][:n], self.vals[r][:n], strict=True)
        return [self.item_ids[c] for c, v in row if v > 0]

    def save(self, folder: Path) -> Path:
        """Write the weights to folder/ease.npz (atomic, owner-only; the text model, if any, is
        saved by the trainer with `TextModel.save`); returns the path."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / MODEL_FILE
        atomic_write_with(
            path,
            lambda f: np.savez_compressed(
                f,
                item_ids=np.array(self.item_ids),
                cols=self.cols,
                vals=self.vals.astype(np.float16),
                counts=self.counts.astype(np.int32),
            ),
        )
        return path

    @classmethod
    def load(cls, folder: Path, catalog: Catalog) -> EaseModel:
        """Read folder/manifest.json and ease.npz; ModelError when missing, corrupt or made for
        another catalogue (the message says how to rebuild)."""
        path = folder / MODEL_FILE
        retrain = "run `chatbot train recommender` (or `make setup`) to rebuild it"
        manifest = read_manifest(folder, (FORMAT, *OLD_FORMATS), catalog, retrain)
        check_digest(path, manifest.get("artefact", {}).get("sha256"), retrain)
        try:
            with np.load(path, allow_pickle=False) as z:
                ids, cols, vals, counts = z["item_ids"], z["cols"], z["vals"], z["counts"]
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(f"{path}: unreadable ({e}); {retrain}") from e
        missing = [i for i in ids[:1000] if str(i) not in catalog]
        if missing:
            raise ModelError(f"{path}: items {missing[:3]} are not in the catalogue; {retrain}")
        blend = Blend.from_dict(manifest.get("blend", {}))
        reranker = None
        entry = manifest.get("reranker") or {}
        if entry.get("file"):
            rpath = folder / str(entry["file"])
            check_digest(rpath, entry.get("sha256"), retrain)
            try:
                reranker = Reranker.load(
                    rpath,
                    baskets=int(entry.get("baskets", 1)),
                    popularity_penalty=float(entry.get("popularity_penalty", 0.0)),
                )
            except ValueError as e:
                raise ModelError(f"{e}; {retrain}") from e
        text = None
        entry = manifest.get("text") or {}
        if entry.get("file"):
            tpath = folder / str(entry["file"])
            check_digest(tpath, entry.get("sha256"), retrain)
            try:
                text = TextModel.load(tpath, len(ids))
            except (OSError, ValueError, KeyError) as e:
                raise ModelError(f"{tpath}: unreadable ({e}); {retrain}") from e
        return cls(ids, cols, vals.astype(np.float32), counts, blend, manifest, reranker, text)


_YEAR_SUFFIX = re.compile(r"\s*\(\d{4}\)\s*$")


def _bare_title(label: str) -> str:
    """'The Italian Job (2003)' -> 'the italian job'."""
    return _YEAR_SUFFIX.sub("", label).strip().casefold()


def _without_titles(text: str, titles: Collection[str]) -> str:
    """`text` with every whole-word occurrence of the (casefolded) titles cut out."""
    out = text.casefold()
    for title in titles:
        if title and title in out:
            out = re.sub(rf"(?<!\w){re.escape(title)}(?!\w)", " ", out)
    return out


def model_dir(settings: Settings) -> Path:
    """Where the default model lives: <home>/recommender/<catalogue file stem>."""
    return Path(settings.home) / "recommender" / Path(settings.catalog_path).stem


def load_model(catalog: Catalog, settings: Settings) -> EaseModel | None:
    """The trained model for this catalogue, or None (hand-tuned ranking) with a log line saying
    why when a model exists but cannot be used. No model folder at all is not worth a warning."""
    return load_artefact(
        EaseModel.load,
        model_dir(settings),
        catalog,
        what="trained recommender",
        otherwise="using the hand-tuned ranking",
    )
