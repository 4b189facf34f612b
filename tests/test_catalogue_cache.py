"""Compiled message catalogues: the same messages as parsing the TOML files, compiled again
whenever a file changes, with the same checks (a key defined twice is an error)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quorum import explain
from quorum.explain import compiled_catalogue, merged_catalogue

LOCALES = Path(explain.__file__).parent / "locales"

A = ("a.en.toml", b'[greeting]\nhello = "Hello {name}"\n')
B = ("b.en.toml", b'[farewell]\nbye = "Bye"\n')


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUORUM_CACHE_DIR", str(tmp_path))
    return tmp_path


def _compiled(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalogue-*.json"))


@pytest.mark.parametrize("lang", explain.LANGUAGES)
def test_the_compiled_catalogue_is_the_parsed_one(cache: Path, lang: str) -> None:
    names = [f"{lang}.toml", *sorted(p.name for p in LOCALES.glob(f"*.{lang}.toml"))]
    files = [(n, (LOCALES / n).read_bytes()) for n in names]
    parsed = merged_catalogue((n, data.decode("utf-8")) for n, data in files)
    first = compiled_catalogue(f"core-{lang}", files)
    assert len(_compiled(cache)) == 1
    again = compiled_catalogue(f"core-{lang}", files)
    assert first == again == parsed
    assert list(again) == list(parsed)  # the order of the keys too
    assert explain.catalogue(lang) == parsed


def test_the_cache_is_read_and_a_changed_file_is_compiled_again(cache: Path) -> None:
    assert compiled_catalogue("t", [A, B]) == {"greeting.hello": "Hello {name}",
                                                "farewell.bye": "Bye"}
    (path,) = _compiled(cache)
    path.write_text('{"greeting.hello": "from the cache"}', "utf-8")
    assert compiled_catalogue("t", [A, B]) == {"greeting.hello": "from the cache"}
    edited = (B[0], b'[farewell]\nbye = "Goodbye"\n')
    assert compiled_catalogue("t", [A, edited])["farewell.bye"] == "Goodbye"
    assert compiled_catalogue("t", [A]) == {"greeting.hello": "Hello {name}"}  # one removed
    assert len(_compiled(cache)) == 1  # the compiled files of older contents are dropped


def test_a_key_defined_twice_is_an_error_even_after_a_good_compilation(cache: Path) -> None:
    compiled_catalogue("t", [A, B])
    twice = ("c.en.toml", b'[greeting]\nhello = "Hi"\n')
    with pytest.raises(KeyError, match="defined twice"):
        compiled_catalogue("t", [A, B, twice])
    with pytest.raises(KeyError, match="defined twice"):  # nothing was kept of it
        compiled_catalogue("t", [A, B, twice])


@pytest.mark.parametrize("content", ["not json", '["a list"]', '{"k": 1}', ""])
def test_a_damaged_compiled_file_is_compiled_again(cache: Path, content: str) -> None:
    compiled_catalogue("t", [A])
    (path,) = _compiled(cache)
    path.write_text(content, "utf-8")
    assert compiled_catalogue("t", [A]) == {"greeting.hello": "Hello {name}"}
    assert path.read_text("utf-8") != content


def test_without_a_usable_cache_the_files_are_parsed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("QUORUM_CACHE_DIR", str(blocked / "cache"))
    assert compiled_catalogue("t", [A]) == {"greeting.hello": "Hello {name}"}
    monkeypatch.setenv("QUORUM_CACHE_DIR", "")
    assert explain.cache_dir() is None
    assert compiled_catalogue("t", [A, B])["farewell.bye"] == "Bye"
    assert list(tmp_path.iterdir()) == [blocked]
