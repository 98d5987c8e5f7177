"""A loopback HTTP server that speaks the OpenAI chat-completions wire format, for tests.

It streams SSE (`data: {...}` lines, then `data: [DONE]`) or answers plain JSON when asked
with stream=false, and can be told to fail N times, hang, or send garbage.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class StubBehaviour:
    """What the stub does; tests change it between calls."""

    replies: list[str] = field(default_factory=lambda: ["Hello there."])
    fail_times: int = 0  # answer the next N requests with `fail_status`
    fail_status: int = 503
    hang_s: float = 0.0  # sleep this long before answering
    garbage: bool = False  # send a data line that is not JSON
    plain_json: bool = False  # ignore stream=true and answer one JSON object
    status: int = 200  # a non-retryable status to answer with (e.g. 401)
    requests: list[dict[str, Any]] = field(default_factory=list)
    served: int = 0


class OpenAIStub:
    """`with OpenAIStub() as stub:` serves on 127.0.0.1:<free port>; `stub.base_url` ends in /v1."""

    def __init__(self) -> None:
        self.behaviour = StubBehaviour()
        behaviour = self.behaviour

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server API)
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                behaviour.requests.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                if self.path != "/v1/chat/completions":
                    return self._send(404, "application/json", b'{"error": "not found"}')
                if behaviour.hang_s:
                    time.sleep(behaviour.hang_s)
                if behaviour.fail_times > 0:
                    behaviour.fail_times -= 1
                    return self._send(behaviour.fail_status, "application/json", b'{"error": "x"}')
                if behaviour.status != 200:
                    return self._send(behaviour.status, "application/json", b'{"error": "no"}')
                text = behaviour.replies[behaviour.served % len(behaviour.replies)]
                behaviour.served += 1
                if behaviour.plain_json or not body.get("stream"):
                    payload = {
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]
                    }
                    return self._send(200, "application/json", json.dumps(payload).encode())
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                if behaviour.garbage:
                    self.wfile.write(b"data: {this is not json\n\n")
                    self.wfile.flush()
                    return
                for n, word in enumerate(text.split(" ")):
                    delta = word if n == 0 else " " + word
                    chunk = {"choices": [{"index": 0, "delta": {"content": delta}}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _send(self, status: int, content_type: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> OpenAIStub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
