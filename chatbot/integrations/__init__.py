"""Adapters that embed the dialogue manager in other frameworks (Telegram, LangChain)."""
