"""A conversational recommender: a small local LLM grounded by a dialogue manager."""

__version__ = "0.1.0"
