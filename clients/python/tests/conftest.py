"""The tests call a running Lede server at $LEDE_ADDR (host:port)."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator

import pytest

from lede_client import LedeClient

SEED = pathlib.Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "seed.txt"


@pytest.fixture(scope="session")
def addr() -> str:
    addr = os.environ.get("LEDE_ADDR")
    if not addr:
        pytest.skip("LEDE_ADDR is not set: start `lede serve` and set LEDE_ADDR=host:port")
    return addr


@pytest.fixture(scope="session")
def client(addr: str) -> Iterator[LedeClient]:
    with LedeClient(addr, timeout=30) as lede:
        lede.wait_ready(timeout=10)
        yield lede


@pytest.fixture(scope="session")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")
