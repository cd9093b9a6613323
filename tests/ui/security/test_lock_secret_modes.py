"""What unlocks the lock, by mode (issue 14, point 8): decided from the open database, tested as a guesser."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from sqlalchemy.engine import make_url

from consultapp.ui.security.lock_secret import LockMode, hash_pin, lock_secret_for, pin_key, pin_matches


class Pins:
    def __init__(self) -> None:
        self.kept: dict[str, str] = {}

    def lock_pin(self, key: str) -> str:
        return self.kept.get(key, "")


def server(url: str) -> SimpleNamespace:
    parsed = make_url(url)
    return SimpleNamespace(
        encrypted=False,
        path=None,
        is_sqlite=False,
        url=parsed,
        display_name=parsed.render_as_string(hide_password=True),
    )


def test_a_practice_login_with_a_password_unlocks_with_that_password_only() -> None:
    secret = lock_secret_for(server("postgresql+psycopg://jo:Secr3t%20pass@db.example/practice"), Pins())  # type: ignore[arg-type]
    assert secret.mode == LockMode.SERVER_PASSWORD and secret.check is not None
    assert secret.check("Secr3t pass")
    assert not secret.check("Secr3t pas") and not secret.check("") and not secret.check("secr3t pass")


def test_a_login_without_a_password_and_a_plain_file_use_the_lock_pin() -> None:
    pins = Pins()
    practice = server("postgresql+psycopg://jo@db.example/practice")
    plain = SimpleNamespace(
        encrypted=False,
        path=Path("/x/plain.db"),
        is_sqlite=True,
        url=make_url("sqlite:////x/plain.db"),
        display_name="/x/plain.db",
    )
    for db in (practice, plain):
        assert lock_secret_for(db, pins).mode == LockMode.NO_SECRET  # type: ignore[arg-type]
    pins.kept[pin_key(plain)] = hash_pin("2468")  # type: ignore[arg-type]
    secret = lock_secret_for(plain, pins)  # type: ignore[arg-type]
    assert secret.mode == LockMode.PIN and secret.check is not None
    assert secret.check("2468") and not secret.check("2469") and not secret.check("")
    assert lock_secret_for(practice, pins).mode == LockMode.NO_SECRET  # type: ignore[arg-type]  # (its own PIN)
    assert "2468" not in pins.kept[pin_key(plain)]  # (a hash is kept, never the PIN)
    assert not pin_matches("not a hash", "2468")
