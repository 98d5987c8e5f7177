"""The prompt templates (one Jinja file per prompt), shipped as package data.

Loaded with ``importlib.resources.files("prompts")`` by ``chatbot.generation.Prompts``, so an
installed wheel renders the same prompts as the checkout.
"""
