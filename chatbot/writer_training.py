"""`chatbot train writer`: a LoRA adapter that teaches SmolLM2 the item sentence, from ReDial.

Pairs come from the ReDial *training* dialogues only (`train_partial.jsonl`): for every sentence a
human recommender wrote about one movie that is in the catalogue, the input is what our writer
would send for that movie (the system prompt and the `explain_tuned` prompt: the item's facts as
`reply_framing.item_facts` gives them and "I asked for: ..." built from the seeker's messages so
far, in the system's words: titles the seeker named and describing keywords), and the target is
that sentence cleaned into our frame ("It ...", the movie's name replaced by "it"). A sentence is
kept only when the writer's own grounding check (`GroundingChecker.check` with the item, the
clause shown before it and `need_specific`) accepts it: no other titles, no stock filler, no
unsupported claim or number, nothing the item's text does not say, and something concrete. So
the adapter is trained only on text the served writer would show. Questions, first-person
chit-chat ("I loved it") and sentences naming other movies are dropped.

Training is peft LoRA with the transformers Trainer on the float32 weights the transformers
backend de-quantises from the GGUF (`prepare_hf_folder`); dialogues are split into train and
held-out by a hash of their id, the held-out pairs give the eval loss before and after. The
adapter and `manifest.json` (data sha256, settings, pair counts, losses, seconds) are written to
`var/writer/` (`--out`); the transformers backend merges the adapter into the weights on load
when the folder has one (CHATBOT_LLM_WRITER_ADAPTER: auto | off | a folder) and the writer then
uses the prompt the manifest names.

torch, transformers and peft are imported inside the functions that need them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog, Item
from chatbot.errors import ConfigError
from chatbot.fileio import (
    atomic_write_text,
    file_sha256,
    replace_tree,
    restrict_tree,
    temp_dir_beside,
)
from chatbot.reply_framing import description_clause, item_facts, keywords
from chatbot.writing_checks import words

if TYPE_CHECKING:
    from chatbot.config import Settings
    from chatbot.evaluation.redial import Dialogue
    from chatbot.generation import ResponseWriter

log = logging.getLogger(__name__)

ADAPTER_PROMPT = "explain_tuned"  # the prompt the adapter is trained with and served with
MANIFEST = "manifest.json"
RECIPE = "writer-lora-1"

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_MENTION = re.compile(r"@(\d+)")
# where the sentence's statement about the movie starts: "I like it because it's based on ..."
_SUBJECT = re.compile(
    r"\b(?:it|this one|this movie|this film|that one|that movie)"
    r"(?:'s| is| was| has| had| tells| follows| shows| stars| features| takes)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|our|us)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you'll|you'd|u)\b", re.I)


@dataclass(frozen=True)
class WriterPair:
    """One training pair: the writer's prompt for an item and a human recommender's sentence."""

    dialogue_id: str
    item_id: str
    request: str  # the "I asked for" phrase, in the system's words
    target: str  # the cleaned sentence ("It is about ...")
    messages: tuple[dict[str, str], ...]  # system + user message, as the writer sends them


def clean_target(sentence: str, mention: str) -> str | None:
    """A recommender's sentence about one movie in the writer's frame, or None.

    `sentence` has its target mention replaced by `mention` (a placeholder); the statement is
    cut from its subject ("I like it because it's based on ..." -> "It's based on ..."), the
    placeholder becomes "it". Questions, sentences in the first or second person after the cut,
    other mentions, shorter than 4 or longer than 30 words: None."""
    text = " ".join(sentence.split())
    if not text or "?" in text or _MENTION.search(text.replace(mention, "")):
        return None
    text = text.replace(mention, "it")
    m = _SUBJECT.search(text)
    if m is None:
        return None
    text = text[m.start() :].strip(" ,;:-")
    text = re.sub(r"^(?:this|that) (?:one|movie|film)\b", "it", text, flags=re.I)
    text = re.sub(r"!+|\.{2,}", ".", text).rstrip(" ,;:-")
    if _FIRST_PERSON.search(text) or _SECOND_PERSON.search(text):
        return None
    if not 4 <= len(text.split()) <= 30:
        return None
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!" else text + "."


def request_words(
    seeker_text: str, liked: Sequence[str], vocabulary: Container[str], noun: str = "movie"
) -> str:
    """The "I asked for" phrase from the seeker's messages so far: its words that name a genre or
    mood of the catalogue (`vocabulary`, folded) and the labels of catalogue titles named
    ("comedy movies like Heat (1995)"); "a good movie" when nothing is found. Built like the
    served request phrase: the system's words, never raw text ("hello good" is not a wish)."""
    found: list[str] = []
    for keyword in keywords(_MENTION.sub(" ", seeker_text), limit=8):
        kept = [w for w in keyword.split() if w in vocabulary]
        if kept and " ".join(kept) not in found:
            found.append(" ".join(kept))
    found = found[:2]
    head = f"{' '.join(found)} {noun}s" if found else f"{noun}s"
    if liked:
        return f"{head} like {' and '.join(liked[-2:])}"
    return head if found else f"a good {noun}"


def recommender_sentences(dialogue: Dialogue) -> Iterator[tuple[str, str, str, list[str]]]:
    """(ReDial movie id, sentence with its mention kept, seeker text so far, ids the seeker
    named so far) for each recommender sentence about exactly one movie: a sentence that names
    it, or a sentence right after one in the same message that names nothing."""
    from chatbot.evaluation.redial import SEEKER

    seeker_parts: list[str] = []
    seeker_ids: list[str] = []
    for msg in dialogue.messages:
        if msg.role == SEEKER:
            seeker_parts.append(msg.text)
            seeker_ids.extend(msg.movie_ids)
            continue
        last: str | None = None
        for sentence in _SENTENCE.split(msg.text):
            ids = list(dict.fromkeys(_MENTION.findall(sentence)))
            if len(ids) == 1:
                last = ids[0]
                yield last, sentence, " ".join(seeker_parts), list(seeker_ids)
            elif not ids and last is not None:
                yield last, sentence, " ".join(seeker_parts), list(seeker_ids)
            else:
                last = None


def build_pairs(
    dialogues: Iterable[Dialogue],
    catalog: Catalog,
    writer: ResponseWriter,
    filter: str = "served",
) -> list[WriterPair]:
    """Every accepted (prompt, sentence) pair of the dialogues (`accepted` with `filter`); see
    the module docstring."""
    from chatbot.evaluation.redial import redial_item_map

    item_map = redial_item_map(catalog)
    noun = writer.noun
    vocabulary = request_vocabulary(catalog)
    pairs: list[WriterPair] = []
    seen: set[tuple[str, str]] = set()
    for d in dialogues:
        for rid, sentence, seeker_text, seeker_ids in recommender_sentences(d):
            if rid not in item_map:
                continue
            item = catalog.get(item_map[rid])
            placeholder = f"@{rid}"
            target = clean_target(sentence, placeholder)
            if target is None or (item.id, target) in seen:
                continue
            liked = [
                catalog.get(item_map[s]).label
                for s in dict.fromkeys(seeker_ids)
                if s in item_map and s != rid
            ]
            request = request_words(d.render(seeker_text), liked, vocabulary, noun)
            messages = item_messages(writer, item, request)
            if messages is None or not accepted(writer, item, target, request, filter):
                continue
            seen.add((item.id, target))
            pairs.append(WriterPair(d.id, item.id, request, target, tuple(messages)))
    return pairs


def request_vocabulary(catalog: Catalog) -> frozenset[str]:
    """Folded words of the catalogue's genre and mood names ("horror", "funny", "science")."""
    names = [*catalog.facet_values("genre"), *catalog.facet_values("mood")]
    return frozenset(w for name in names for w in words(name) if len(w) >= 3)


def item_messages(writer: ResponseWriter, item: Item, request: str) -> list[dict[str, str]] | None:
    """The writer's messages for `item` with the adapter's prompt (None: no clause to follow)."""
    clause = _clause(writer, item)
    facts = item_facts(item, clause, about_chars=360, facets=writer.fact_facets)
    values = {"noun": writer.noun, "request": request, "facts": facts, "title": item.title}
    return writer._messages(ADAPTER_PROMPT, values)


def _clause(writer: ResponseWriter, item: Item) -> str:
    base = writer.checker.allowed([item], item)
    return description_clause(item, lambda s: not writer.checker.check(s, base))


FILTERS = ("served", "truthful")
# what "truthful" lets through: the sentence may say things the item's text does not (a human's
# opinion: "It was so touching.") and may add nothing concrete, but every truth check holds
_OPINION_KINDS = frozenset({"ungrounded_word", "nothing_concrete"})


def accepted(
    writer: ResponseWriter, item: Item, target: str, request: str, filter: str = "served"
) -> bool:
    """True when `target` passes the served writer's check after the item's clause ("served"),
    or every truth check of it ("truthful": no other title, unknown name, unsupported genre,
    kind, year, runtime, rating, stock filler, leak, contradiction or repetition)."""
    if filter not in FILTERS:
        raise ConfigError(f"unknown filter {filter!r}; use one of {', '.join(FILTERS)}")
    clause = _clause(writer, item)
    allowed = writer.checker.allowed(
        [item], item, trusted=[request], repeat_of=clause, need_specific=True
    )
    problems = writer.checker.check(target, allowed)
    if filter == "truthful":
        return all(str(p.kind) in _OPINION_KINDS for p in problems)
    return not problems


def split_holdout(pairs: Sequence[WriterPair], share: float, seed: int) -> tuple[list, list]:
    """(train, held-out) by a hash of the dialogue id: a dialogue's pairs stay together."""

    def held(pair: WriterPair) -> bool:
        digest = hashlib.sha256(f"{seed}:{pair.dialogue_id}".encode()).digest()
        return int.from_bytes(digest[:4], "big") / 2**32 < share

    train = [p for p in pairs if not held(p)]
    return train, [p for p in pairs if held(p)]


def adapter_dir(settings: Settings) -> Path:
    """Where `chatbot train writer` writes and the backend looks: <home>/writer."""
    return Path(settings.home) / "writer"


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The adapter's manifest, or None when the folder holds no complete adapter."""
    path = folder / MANIFEST
    if not path.is_file() or not (folder / "adapter_config.json").is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        log.warning("writer adapter manifest %s is unreadable (%s): not used", path, e)
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class TrainSettings:
    """The knobs of one run (written to the manifest)."""

    steps: int = 300
    batch_size: int = 4
    lr: float = 3e-4
    rank: int = 8
    alpha: int = 16
    dropout: float = 0.05
    max_length: int = 256
    holdout: float = 0.1
    seed: int = 0
    threads: int = 2
    max_pairs: int = 0  # 0: all
    max_dialogues: int = 0  # 0: all
    max_eval_pairs: int = 64  # held-out pairs scored for the eval loss (0: all; slow on CPU)
    filter: str = "truthful"  # which sentences become targets (see `accepted`)


def _encode(tokenizer: Any, pair: WriterPair, max_length: int) -> dict[str, list[int]] | None:
    prompt = tokenizer.apply_chat_template(
        list(pair.messages), add_generation_prompt=True, tokenize=True, return_dict=True
    )["input_ids"]
    answer = tokenizer(pair.target + tokenizer.eos_token, add_special_tokens=False)["input_ids"]
    ids = list(prompt) + list(answer)
    if len(ids) > max_length:
        return None  # never cut the target: the pair is left out
    return {
        "input_ids": ids,
        "attention_mask": [1] * len(ids),
        "labels": [-100] * len(prompt) + list(answer),
    }


def train_writer(
    settings: Settings,
    *,
    data: str | Path | None = None,
    out: str | Path | None = None,
    options: TrainSettings | None = None,
    progress: Any = print,
) -> dict[str, Any]:
    """Build the pairs, fine-tune a LoRA adapter and write it with its manifest; returns the
    manifest. ConfigError for a missing data file or too few pairs; needs peft (`train` extra)."""
    from chatbot.evaluation.redial import iter_dialogues

    opts = options or TrainSettings()
    started = time.perf_counter()
    path = Path(data) if data else Path(settings.redial_dir) / "train_partial.jsonl"
    if not path.is_file():
        raise ConfigError(f"{path}: ReDial training file not found (pass --data)")
    if "test" in path.name or "dev" in path.name:
        raise ConfigError(f"{path}: the writer trains on ReDial training dialogues only")
    try:
        import peft
        import torch
        import transformers
    except ImportError as e:
        raise ConfigError(
            f"`chatbot train writer` needs peft ({e}): pip install -e '.[train]'"
        ) from e
    from chatbot.backends.builtin import TransformersOptions
    from chatbot.backends.llm_transformers import prepare_hf_folder
    from chatbot.catalog import load_catalog
    from chatbot.generation import ResponseWriter

    folder = Path(out) if out else adapter_dir(settings)
    catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
    writer = ResponseWriter(None, catalog, settings)
    limit = opts.max_dialogues or None
    dialogues = list(iter_dialogues(path, limit=limit))
    pairs = build_pairs(dialogues, catalog, writer, opts.filter)
    train, held = split_holdout(pairs, opts.holdout, opts.seed)
    if opts.max_pairs:
        train = train[: opts.max_pairs]
    progress(
        f"pairs: {len(pairs)} from {len(dialogues)} dialogues "
        f"({len(train)} train, {len(held)} held out) in {time.perf_counter() - started:.0f} s"
    )
    if len(train) < 20 or not held:
        raise ConfigError(
            f"only {len(train)} training and {len(held)} held-out pairs: too few to train"
        )

    if opts.threads > 0:
        torch.set_num_threads(opts.threads)
    torch.manual_seed(opts.seed)
    base_options = TransformersOptions(dtype="float32")
    base = prepare_hf_folder(base_options, progress=False)
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(base))
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    model: Any = transformers.AutoModelForCausalLM.from_pretrained(str(base), dtype=torch.float32)
    lora = peft.LoraConfig(
        r=opts.rank,
        lora_alpha=opts.alpha,
        lora_dropout=opts.dropout,
        target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj"],
        task_type="CAUSAL_LM",
    )
    model = peft.get_peft_model(model, lora)
    train_rows = [r for p in train if (r := _encode(tokenizer, p, opts.max_length))]
    held_rows = [r for p in held if (r := _encode(tokenizer, p, opts.max_length))]
    if opts.max_eval_pairs:
        held_rows = held_rows[: opts.max_eval_pairs]
    collator = transformers.DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=-100)
    out_tmp = folder.with_name(f".{folder.name}.trainer")
    args = transformers.TrainingArguments(
        output_dir=str(out_tmp),
        max_steps=opts.steps,
        per_device_train_batch_size=opts.batch_size,
        per_device_eval_batch_size=8,
        learning_rate=opts.lr,
        lr_scheduler_type="cosine",
        warmup_steps=max(1, opts.steps // 20),
        logging_steps=max(1, opts.steps // 15),
        save_strategy="no",
        eval_strategy="no",
        report_to=[],
        use_cpu=not torch.cuda.is_available(),
        seed=opts.seed,
        disable_tqdm=True,
        dataloader_num_workers=0,
    )
    trainer = transformers.Trainer(
        model=model,
        args=args,
        train_dataset=train_rows,
        eval_dataset=held_rows,
        data_collator=collator,
        callbacks=[_progress_callback(transformers.TrainerCallback, progress, started)],
    )
    trainer.remove_callback(transformers.PrinterCallback)  # our progress lines instead
    before = trainer.evaluate()["eval_loss"]
    progress(f"held-out loss before training: {before:.3f} ({len(held_rows)} pairs)")
    result = trainer.train()
    after = trainer.evaluate()["eval_loss"]
    progress(f"held-out loss after training: {after:.3f}")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_dir_beside(folder)  # 0700 while save_pretrained writes with the umask's modes
    model.save_pretrained(str(tmp))
    restrict_tree(tmp)  # the adapter is an artefact like the others: owner-only
    import shutil

    shutil.rmtree(out_tmp, ignore_errors=True)
    manifest = {
        "recipe": RECIPE,
        "prompt": ADAPTER_PROMPT,
        "base": {"gguf": base_options.gguf_file or "default", "folder": base.name},
        "data": {
            "path": str(path),
            "sha256": file_sha256(path),
            "dialogues": len(dialogues),
            "pairs": len(pairs),
            "train_pairs": len(train_rows),
            "heldout_pairs": len(held_rows),
        },
        "settings": asdict(opts),
        "metrics": {
            "heldout_loss_before": round(before, 4),
            "heldout_loss_after": round(after, 4),
            "train_loss": round(float(result.training_loss), 4),
        },
        "versions": {
            "peft": peft.__version__,
            "transformers": transformers.__version__,
            "torch": torch.__version__,
        },
        "seconds": round(time.perf_counter() - started, 1),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "examples": [
            {"request": p.request, "item": p.item_id, "target": p.target} for p in train[:5]
        ],
    }
    atomic_write_text(tmp / MANIFEST, json.dumps(manifest, indent=1) + "\n")
    replace_tree(tmp, folder)  # an older adapter is removed only once this one is whole
    progress(f"wrote {folder} in {manifest['seconds']:.0f} s")
    return manifest


def _progress_callback(base: type, progress: Any, started: float) -> Any:
    """A transformers TrainerCallback (`base`, imported lazily) printing one line per logging
    step: step, loss and seconds since the run started."""

    class Progress(base):  # type: ignore[misc, valid-type]
        def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kw: Any) -> None:
            if logs and "loss" in logs:
                progress(
                    f"  step {state.global_step}/{state.max_steps} loss {float(logs['loss']):.3f} "
                    f"({time.perf_counter() - started:.0f} s)"
                )

    return Progress()
