"""The code list files the command line and the settings page read and write (services/codelists.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from consultapp.services.codelists import CodeListFileError, code_list_text, read_code_list, shipped_code_list


def test_a_code_list_written_as_toml_reads_back_the_same(tmp_path: Path) -> None:
    codes = shipped_code_list()
    path = tmp_path / "codes.toml"
    path.write_text(code_list_text(codes), encoding="utf-8")
    assert read_code_list(path) == codes


def test_a_missing_file_is_unreadable_and_named(tmp_path: Path) -> None:
    with pytest.raises(CodeListFileError) as caught:
        read_code_list(tmp_path / "nope.toml")
    assert caught.value.unreadable
    assert str(caught.value).startswith(f"Cannot read {tmp_path / 'nope.toml'}: ")


@pytest.mark.parametrize(("content", "why"), [
    (b"version = [", "Invalid"),  # not TOML
    (b"\xff\xfe not text", "codec"),  # not UTF-8
    (b'version = "X"\n[[icd10]]\nlabel = "no code"\n', "code list X"),  # TOML, but not a code list
])
def test_a_file_that_is_not_a_code_list_is_refused_whole(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(CodeListFileError) as caught:
        read_code_list(path)
    assert not caught.value.unreadable and why in caught.value.reason
    assert str(caught.value) == f"{path} is not a valid code list: {caught.value.reason}"
