"""The error hierarchy: every failure a user can cause or meet is one of these."""

from __future__ import annotations


class ChatbotError(Exception):
    """Base class for errors this package raises on purpose."""


class ConfigError(ChatbotError):
    """A setting is missing, unknown or inconsistent."""


class CatalogError(ChatbotError):
    """A catalogue file is missing or malformed; the message names file, line and field."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        where = ""
        if path is not None:
            where = str(path)
            if line is not None:
                where += f" line {line}"
            if field is not None:
                where += f": field '{field}'"
            where += ": "
        super().__init__(where + message)
        self.path = path
        self.line = line
        self.field = field


class UnknownItemError(ChatbotError, KeyError):
    """An item id that is not in the catalogue."""

    def __init__(self, item_id: str) -> None:
        super().__init__(f"unknown item id {item_id!r}")
        self.item_id = item_id

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class VectorIndexError(ChatbotError):
    """The vector index is missing, corrupt or does not match the catalogue."""


class BackendError(ChatbotError):
    """A model, index or store backend failed (a translated third-party exception)."""


class BackendUnavailable(BackendError):
    """A backend's optional dependency or model files are not installed."""


class InputError(ChatbotError, ValueError):
    """User input was rejected (empty, too long, unknown session or item, bad feedback kind)."""


class SessionNotFound(InputError):
    """No such session in the store."""
