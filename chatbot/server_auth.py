"""API keys for the HTTP API: bearer tokens, each optionally bound to a session-id prefix.

Keys come from `CHATBOT_API_KEYS` (comma-separated) and/or the file named by
`CHATBOT_API_KEYS_FILE` (one per line, `#` comments). An entry is `KEY` (any session id) or
`KEY=PREFIX` (only session ids starting with PREFIX: one bot's key cannot touch another bot's
sessions). Keys are compared by SHA-256 digest in constant time; they never appear in logs.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path

from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.server_errors import ApiError

MIN_KEY_CHARS = 16
_KEY_CHARS = re.compile(r"^[A-Za-z0-9_.~+/-]+$")
_PREFIX_CHARS = re.compile(r"^[A-Za-z0-9_.:@-]*$")


@dataclass(frozen=True)
class ApiKey:
    """One accepted key (kept as its digest) and the session-id prefix it may use."""

    digest: bytes
    prefix: str
    name: str  # "key #N" for log lines; never the key itself


@dataclass(frozen=True)
class ApiKeys:
    """The keys a server accepts; empty means authentication is off."""

    keys: tuple[ApiKey, ...] = ()

    @property
    def enabled(self) -> bool:
        """True when at least one key is configured (then every /v1 request needs one)."""
        return bool(self.keys)

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiKeys:
        """Keys from settings.api_keys and settings.api_keys_file; ConfigError when malformed or
        when a key is listed twice (even with the same prefix)."""
        entries = [(e, "CHATBOT_API_KEYS") for e in settings.api_keys.split(",")]
        if settings.api_keys_file:
            path = Path(settings.api_keys_file).expanduser()
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as e:
                raise ConfigError(f"cannot read the API keys file {path}: {e}") from e
            for n, line in enumerate(lines, 1):
                entries.append((line.split("#", 1)[0], f"{path} line {n}"))
        keys: list[ApiKey] = []
        seen: dict[bytes, str] = {}
        for raw, where in entries:
            entry = raw.strip()
            if not entry:
                continue
            key, _, prefix = entry.partition("=")
            if len(key) < MIN_KEY_CHARS or not _KEY_CHARS.match(key):
                raise ConfigError(
                    f"{where}: an API key needs at least {MIN_KEY_CHARS} characters of letters, "
                    'digits and _ . ~ + / - (make one with: python -c "import secrets; '
                    'print(secrets.token_urlsafe(32))")'
                )
            if not _PREFIX_CHARS.match(prefix):
                raise ConfigError(
                    f"{where}: session prefix {prefix!r} may only hold letters, digits "
                    "and _ . : @ -"
                )
            digest = _digest(key)
            if digest in seen:  # which entry wins would be an accident of ordering
                raise ConfigError(
                    f"{where}: this API key is already listed ({seen[digest]}); list each key "
                    "once, with the one session prefix it may use"
                )
            seen[digest] = where
            keys.append(ApiKey(digest, prefix, f"key #{len(keys) + 1}"))
        return cls(tuple(keys))

    def authorize(self, authorization: str | None, session_id: str | None) -> ApiKey | None:
        """The matching key for an `Authorization` header value; ApiError 401 when missing or
        wrong, 403 when the key's prefix does not cover `session_id`. None when keys are off."""
        if not self.enabled:
            return None
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401,
                "unauthorized",
                "this API needs a key: send the header 'Authorization: Bearer <key>'",
                {"WWW-Authenticate": "Bearer"},
            )
        digest = _digest(token.strip())
        found = None
        for key in self.keys:  # no early exit: every key is compared
            if hmac.compare_digest(key.digest, digest):
                found = key
        if found is None:
            raise ApiError(
                401,
                "unauthorized",
                "the API key is not valid; check the key you were given",
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        if session_id is not None and not session_id.startswith(found.prefix):
            raise ApiError(
                403,
                "forbidden",
                f"this key may only use session ids that start with {found.prefix!r}",
            )
        return found


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost' (names are not resolved)."""
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, keys: ApiKeys, *, insecure: bool) -> None:
    """ConfigError when binding a non-loopback address without API keys (unless insecure)."""
    if keys.enabled or insecure or is_loopback(host):
        return
    raise ConfigError(
        f"refusing to serve on {host} without API keys: anyone who reaches the port could read "
        "and delete every session. Set CHATBOT_API_KEYS or CHATBOT_API_KEYS_FILE, or pass "
        "--insecure when a proxy in front of the server authenticates every request"
    )


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()
