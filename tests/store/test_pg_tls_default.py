"""A practice server elsewhere is reached with sslmode=verify-full unless the URL says otherwise (issue 14, 7)."""

from __future__ import annotations

import logging

import pytest

from consultapp.store.db import resolve_url


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://jo@db.example.org/practice",
        "postgresql://jo@10.0.0.5:5433/practice",
        "postgresql+psycopg2://jo@db.example.org/practice?sslrootcert=/etc/ca.pem",
    ],
)
def test_a_remote_server_gets_verify_full(url: str) -> None:
    resolved = resolve_url(url)
    assert resolved.query["sslmode"] == "verify-full"
    assert resolved.get_driver_name() == "psycopg"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://jo@localhost/practice",
        "postgresql+psycopg://jo@127.0.0.1:5432/practice",
        "postgresql+psycopg://jo@[::1]/practice",
        "postgresql+psycopg:///practice",  # the Unix socket
        "postgresql+psycopg://jo@/practice?host=/var/run/postgresql",
    ],
)
def test_a_server_on_this_computer_is_left_alone(url: str) -> None:
    assert "sslmode" not in resolve_url(url).query


def test_an_explicit_sslmode_is_respected_and_a_weak_one_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="consultapp.store.db"):
        resolved = resolve_url("postgresql+psycopg://jo@db.example.org/practice?sslmode=require")
    assert resolved.query["sslmode"] == "require"
    assert "not fully checked" in caplog.text
    assert resolve_url("postgresql+psycopg://jo@db.example.org/p?sslmode=verify-ca").query["sslmode"] == "verify-ca"


def test_a_remote_host_named_in_the_query_is_not_local() -> None:
    resolved = resolve_url("postgresql+psycopg://jo@/practice?host=db.example.org")
    assert resolved.query["sslmode"] == "verify-full"
