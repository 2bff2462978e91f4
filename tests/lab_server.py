"""A JupyterLab server for the tests: on a free loopback port with a token, stopped after."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator


class Lab:
    """A running JupyterLab: its address, its token, and its REST API.

    Attributes:
        base: "http://127.0.0.1:<port>".
        token: the token the server was started with.
    """

    def __init__(self, port: int, token: str):
        self.base, self.token = f"http://127.0.0.1:{port}", token

    def url(self, path: str) -> str:
        """A browser address: the path with the token as a query parameter."""
        return f"{self.base}{path}{'&' if '?' in path else '?'}token={self.token}"

    def request(self, path: str, method: str = "GET", body: dict | None = None) -> bytes:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.read()

    def json(self, path: str, method: str = "GET", body: dict | None = None):
        return json.loads(self.request(path, method, body))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(
    command: Callable[[int, str], list[str]],
    cwd: Path,
    log_path: Path,
    env: dict[str, str] | None = None,
) -> Iterator[Lab]:
    """Start JupyterLab, wait until it answers, yield it, and stop it (with its children).

    Args:
        command: (port, token) -> the command line that starts the server.
        cwd: where to run it.
        log_path: file for the server's output, shown if it does not start.
        env: the environment (default: this one, without make's variables).
    """
    port, token = free_port(), secrets.token_hex(16)
    env = env or {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    with log_path.open("w+") as log:
        server = subprocess.Popen(
            command(port, token),
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        lab = Lab(port, token)
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    lab.json("/api/status")
                    break
                except (urllib.error.URLError, ConnectionError):
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"JupyterLab did not start:\n{log.read()}") from None
                    time.sleep(0.5)
            yield lab
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
