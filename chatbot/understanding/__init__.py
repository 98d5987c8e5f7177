"""Understanding: one message -> events (titles, references, sentiment, critiques); no LLM."""

from chatbot.understanding.core import Understanding, Vocabulary, normalize_title
from chatbot.understanding.lexicon import COUNTRIES, LANGUAGES
from chatbot.understanding.parse import EventProposer, Understander, understand
from chatbot.understanding.proposals import PROPOSABLE, validate_proposed_events

__all__ = [
    "COUNTRIES",
    "LANGUAGES",
    "PROPOSABLE",
    "EventProposer",
    "Understander",
    "Understanding",
    "Vocabulary",
    "normalize_title",
    "understand",
    "validate_proposed_events",
]
