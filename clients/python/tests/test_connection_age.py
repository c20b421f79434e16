"""The server closes connections older than --max-connection-age-secs so that
clients re-resolve DNS and spread over new replicas (deploy/k8s). That must
cost no call: the close is a graceful GOAWAY, in-flight calls finish, and the
client reconnects. Run against a server started with a short age, naming it:

    lede serve --addr 127.0.0.1:50052 --max-connection-age-secs 1 &
    LEDE_ADDR=127.0.0.1:50052 LEDE_MAX_CONNECTION_AGE_SECS=1 pytest tests/test_connection_age.py
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from lede_client import LedeClient, article_service_pb2, make_request

AGE = float(os.environ.get("LEDE_MAX_CONNECTION_AGE_SECS") or 0)
pytestmark = pytest.mark.skipif(not AGE, reason="set LEDE_MAX_CONNECTION_AGE_SECS to the server's age")


def test_unary_calls_survive_connection_age(client: LedeClient, seed: str) -> None:
    deadline = time.monotonic() + 3 * AGE + 1
    calls = 0
    while time.monotonic() < deadline:
        client.analyze(seed, features=["entities"], timeout=10)
        calls += 1
        time.sleep(0.05)
    assert calls > 3


def test_stream_outlives_connection_age(client: LedeClient, seed: str) -> None:
    """A stream open past the age is let finish, not cut."""
    n = 6
    pause = (2 * AGE + 1) / n

    def slow() -> Iterator[article_service_pb2.AnalyzeArticleRequest]:
        for i in range(n):
            yield make_request(seed, doc_id=f"s{i}", features=["quotes"])
            time.sleep(pause)

    results = list(client.analyze_stream(slow(), timeout=60))
    assert sorted(r.document_id for r in results) == [f"s{i}" for i in range(n)]
