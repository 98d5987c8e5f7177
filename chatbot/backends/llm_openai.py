"""ChatModel for any OpenAI-compatible chat-completions server (vLLM, llama.cpp, Ollama, OpenAI)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from chatbot.backends.builtin import OpenAIOptions
from chatbot.config import Settings
from chatbot.errors import BackendError, BackendUnavailable
from chatbot.registry import Capability, options_from

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})


class _Retryable(BackendError):
    """A failure worth retrying (connect error, 5xx, 429) when nothing was streamed yet."""


class OpenAIChatModel:
    """Streams /chat/completions over HTTP (SSE), with timeouts and exponential-backoff retries.

    Connect errors, 408/429/5xx are retried options.retries times (0.5 s, 1 s, 2 s, ...)
    as long as no text was streamed yet; read timeouts are not retried (the turn would wait
    several timeouts); every failure is a BackendError saying what to check.
    """

    capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.STREAMING})

    def __init__(
        self,
        settings: Settings,
        *,
        options: OpenAIOptions | None = None,
        backoff_s: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        try:
            import httpx
        except ImportError as e:
            raise BackendUnavailable("the openai backend needs httpx: `pip install httpx`") from e
        self.settings = settings  # the cross-cutting ones: temperature, max_new_tokens
        self.options = options = options or options_from(OpenAIOptions, settings)
        self.name = f"openai:{options.model}"
        self.url = options.base_url.rstrip("/") + "/chat/completions"
        self.backoff_s = backoff_s
        self._sleep = sleep
        headers = {"Accept": "text/event-stream"}
        if options.api_key:
            headers["Authorization"] = f"Bearer {options.api_key}"
        self._client = httpx.Client(
            headers=headers, timeout=httpx.Timeout(options.timeout_s)
        )  # thread-safe, pooled connections

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """Stream content deltas; options: max_new_tokens, temperature, stop (at most 4 strings
        in the Chat Completions API). The writer's decoding constraints (repetition_penalty,
        no_repeat_ngram_size, avoid) are not sent: the API has no equivalent (its
        frequency/presence penalties are another penalty, and logit_bias needs the server's
        token ids), so a server decodes as configured and the writer's checks still apply."""
        body: dict[str, Any] = {
            "model": self.options.model,
            "messages": messages,
            "stream": True,
            "max_tokens": int(opts.get("max_new_tokens", self.settings.max_new_tokens)),
            "temperature": float(opts.get("temperature", self.settings.temperature)),
        }
        if opts.get("stop"):
            body["stop"] = list(opts["stop"])
        retries = max(0, self.options.retries)
        for attempt in range(retries + 1):
            streamed = False
            try:
                for delta in self._request(body):
                    streamed = True
                    yield delta
                return
            except _Retryable as e:
                if streamed or attempt == retries:
                    raise BackendError(f"{e} (after {attempt + 1} attempt(s))") from e
                delay = self.backoff_s * 2**attempt
                log.info("openai backend: %s; retrying in %.1f s", e, delay)
                self._sleep(delay)

    def _request(self, body: dict[str, Any]) -> Iterator[str]:
        import httpx

        where = f"OpenAI-compatible server at {self.url}"
        try:
            with self._client.stream("POST", self.url, json=body) as response:
                if response.status_code in RETRY_STATUS:
                    response.read()
                    raise _Retryable(
                        f"{where} answered HTTP {response.status_code}: {response.text[:200]}"
                    )
                if response.status_code >= 400:
                    response.read()
                    hint = (
                        "check CHATBOT_OPENAI_API_KEY"
                        if response.status_code in (401, 403)
                        else "check CHATBOT_OPENAI_BASE_URL and CHATBOT_OPENAI_MODEL"
                    )
                    raise BackendError(
                        f"{where} answered HTTP {response.status_code}: "
                        f"{response.text[:200]}; {hint}"
                    )
                content_type = response.headers.get("content-type", "")
                if content_type.startswith("application/json"):  # server ignored stream=True
                    response.read()
                    yield _content(_json(response.text, where), where, key="message")
                    return
                for line in response.iter_lines():
                    if not line.startswith("data:"):
                        continue  # blank lines, comments and event names in SSE
                    data = line[5:].strip()
                    if data == "[DONE]":
                        return
                    delta = _content(_json(data, where), where, key="delta")
                    if delta:
                        yield delta
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as e:
            raise _Retryable(f"cannot reach {where}: {e}; is the server running?") from e
        except httpx.TimeoutException as e:
            raise BackendError(
                f"{where} sent nothing for {self.options.timeout_s:g} s; "
                "raise CHATBOT_LLM_TIMEOUT_S or check the server"
            ) from e
        except httpx.HTTPError as e:
            raise BackendError(f"HTTP error talking to {where}: {e}") from e


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as e:
        raise BackendError(f"{where} sent something that is not JSON: {text[:80]!r}") from e


def _content(payload: Any, where: str, *, key: str) -> str:
    try:
        choice = payload["choices"][0]
        content = choice.get(key, {}).get("content") if isinstance(choice, dict) else None
    except (KeyError, IndexError, TypeError) as e:
        raise BackendError(
            f"{where} sent JSON without choices[0].{key}: {str(payload)[:80]!r}"
        ) from e
    if content is not None and not isinstance(content, str):
        raise BackendError(f"{where} sent non-text content: {content!r:.80}")
    return content or ""
