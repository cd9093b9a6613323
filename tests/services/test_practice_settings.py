"""The settings files the command line and the settings page read and write (services/practice_settings.py)."""

from __future__ import annotations

import base64
import io
import tomllib
from pathlib import Path

import pytest
from domain.test_settings_transfer import PNG, full_practice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from consultapp.domain.records import Practice
from consultapp.services.practice_settings import (
    SettingsImportError,
    import_settings_file,
    practice_settings_text,
    read_settings_file,
)
from consultapp.store.facade import Store


def test_the_toml_text_reads_back_the_same_settings(tmp_path: Path) -> None:
    practice = full_practice()
    text = practice_settings_text(practice)
    data = tomllib.loads(text)  # plain TOML any tool reads
    assert data["settings"]["mastitis_variant"] == "abm36" and data["letterhead"]["address"] == practice.address
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    assert read_settings_file(path, Practice()) == practice
    # The wording is there to read, with the words each key takes; the logo is wrapped at the end of the file.
    assert 'mastitis_variant = "abm36"' in text and "# one of: source_document, abm36" in text
    assert text.rstrip().endswith('"""') and max(len(line) for line in text.splitlines()[-3:]) <= 76


def test_a_large_jpeg_logo_travels_byte_for_byte(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 90).convert("RGB").save(buffer, "JPEG", quality=95)
    logo = buffer.getvalue()
    assert 30_000 < len(logo) <= 512 * 1024
    practice = full_practice()
    practice.logo = logo
    path = tmp_path / "settings.toml"
    path.write_text(practice_settings_text(practice), encoding="utf-8")
    assert read_settings_file(path, Practice()).logo == logo


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60))
def test_any_practice_name_survives_the_file(tmp_path: Path, name: str) -> None:
    practice = full_practice()
    practice.name = name.strip()
    path = tmp_path / "name.toml"
    path.write_text(practice_settings_text(practice), encoding="utf-8")
    assert read_settings_file(path, Practice()).name == practice.name


def test_a_missing_file_is_unreadable_and_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsImportError) as caught:
        read_settings_file(tmp_path / "nope.toml", Practice())
    assert caught.value.unreadable
    assert str(caught.value).startswith(f"Cannot read {tmp_path / 'nope.toml'}: ")


DAMAGED_PNG = PNG[:30] + b"\0" * 20


@pytest.mark.parametrize(("content", "why"), [
    (b"format = [", "not TOML"),
    (b"\xff\xfe not text", "not UTF-8"),
    (b'version = "X"\n[[icd10]]\ncode = "Z39.1"\nlabel = "x"\n',
     "format: must be \"consultapp-practice-settings\" (is this a practice settings file?)"),  # a code list
    (b'format = "consultapp-practice-settings"\nversion = 1\n[thresholds]\nfever_threshold_c = 45\n',
     "thresholds.fever_threshold_c: 45 is not between 35 and 42"),
    (f'format = "consultapp-practice-settings"\nversion = 1\n[letterhead]\nlogo = "'
     f'{base64.b64encode(DAMAGED_PNG).decode()}"\n'.encode(), "could not be read; it may be damaged"),
])
def test_a_file_that_is_not_valid_settings_is_refused_whole(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(SettingsImportError) as caught:
        read_settings_file(path, Practice())
    assert not caught.value.unreadable and why in caught.value.reason
    assert str(caught.value) == f"{path} is not a valid settings file: {caught.value.reason}"


def test_an_import_keeps_the_file_in_the_store_and_a_refused_one_changes_nothing(repo: Store, tmp_path: Path) -> None:
    repo.save_practice(Practice(name="Before"))
    good = tmp_path / "good.toml"
    good.write_text(practice_settings_text(full_practice()), encoding="utf-8")
    kept = import_settings_file(repo, good)
    stored = repo.get_practice()
    assert stored == kept
    assert (stored.name, stored.logo, stored.settings) == (full_practice().name, PNG, full_practice().settings)
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('paper = "letter"', 'paper = "a3"'), encoding="utf-8")
    with pytest.raises(SettingsImportError, match="settings.paper"):
        import_settings_file(repo, bad)
    assert repo.get_practice() == stored
