"""Data compiled once (message catalogues, preset bodies): the same data as parsing the
source files, compiled again whenever a file changes, with the same checks (a key defined
twice is an error); only data that JSON gives back exactly is kept."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from quorum import bodies, explain
from quorum.compiled import cache_dir, compiled, json_exact
from quorum.explain import merged_catalogue

LOCALES = Path(explain.__file__).parent / "locales"

A = ("a.en.toml", b'[greeting]\nhello = "Hello {name}"\n')
B = ("b.en.toml", b'[farewell]\nbye = "Bye"\n')


def merge(files: list[tuple[str, bytes]]) -> dict[str, str]:
    return merged_catalogue((n, data.decode("utf-8")) for n, data in files)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUORUM_CACHE_DIR", str(tmp_path))
    return tmp_path


def _kept(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json"))


@pytest.mark.parametrize("lang", explain.LANGUAGES)
def test_the_compiled_catalogue_is_the_parsed_one(cache: Path, lang: str) -> None:
    names = [f"{lang}.toml", *sorted(p.name for p in LOCALES.glob(f"*.{lang}.toml"))]
    files = [(n, (LOCALES / n).read_bytes()) for n in names]
    parsed = merge(files)
    first = compiled(f"core-{lang}", files, merge)
    assert len(_kept(cache)) == 1
    again = compiled(f"core-{lang}", files, merge)
    assert first == again == parsed
    assert list(again) == list(parsed)  # the order of the keys too
    assert explain.catalogue(lang) == parsed


def test_every_preset_body_compiled_is_the_parsed_one(cache: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for name in bodies.preset_names():
        for _ in range(2):  # compiled, then read back
            bodies.get_body.cache_clear()
            kept = bodies.get_body(name)
        monkeypatch.setenv("QUORUM_CACHE_DIR", "")
        bodies.get_body.cache_clear()
        assert kept == bodies.get_body(name), name
        monkeypatch.setenv("QUORUM_CACHE_DIR", str(cache))
    bodies.get_body.cache_clear()
    assert len(_kept(cache)) == len(bodies.preset_names())


def test_the_cache_is_read_and_a_changed_file_is_compiled_again(cache: Path) -> None:
    assert compiled("t", [A, B], merge) == {"greeting.hello": "Hello {name}",
                                            "farewell.bye": "Bye"}
    (path,) = _kept(cache)
    path.write_text('{"label": "t", "data": {"greeting.hello": "from the cache"}}', "utf-8")
    assert compiled("t", [A, B], merge) == {"greeting.hello": "from the cache"}
    edited = (B[0], b'[farewell]\nbye = "Goodbye"\n')
    assert compiled("t", [A, edited], merge)["farewell.bye"] == "Goodbye"
    assert compiled("t", [A], merge) == {"greeting.hello": "Hello {name}"}  # one file removed
    assert len(_kept(cache)) == 1  # the compiled files of older contents are dropped
    compiled("t-other", [A], merge)  # another label, whose name starts with this one's
    compiled("t", [B], merge)
    assert len(_kept(cache)) == 2


def test_a_key_defined_twice_is_an_error_even_after_a_good_compilation(cache: Path) -> None:
    compiled("t", [A, B], merge)
    twice = ("c.en.toml", b'[greeting]\nhello = "Hi"\n')
    for _ in range(2):  # nothing was kept of the failed compilation
        with pytest.raises(KeyError, match="defined twice"):
            compiled("t", [A, B, twice], merge)


@pytest.mark.parametrize("content", ["not json", '["a list"]', '{"label": "t"}',
                                     '{"label": "other", "data": {}}',
                                     '{"label": "t", "data": {"k": 1}}', ""])
def test_a_damaged_compiled_file_is_compiled_again(cache: Path, content: str) -> None:
    compiled("t", [A], merge)
    (path,) = _kept(cache)
    path.write_text(content, "utf-8")
    assert compiled("t", [A], merge, explain._is_flat) == {"greeting.hello": "Hello {name}"}
    assert path.read_text("utf-8") != content


def test_only_what_json_gives_back_exactly_is_kept(cache: Path) -> None:
    calls: list[int] = []

    def build(files: list[tuple[str, bytes]]) -> object:
        calls.append(1)
        return {"when": datetime.date(2026, 12, 1)}

    for _ in range(2):
        assert compiled("t", [A], build) == {"when": datetime.date(2026, 12, 1)}
    assert len(calls) == 2 and _kept(cache) == []
    assert json_exact({"a": [1, "x", None, True, 1.5]})
    for bad in ({1: "int key"}, (1, 2), float("nan"), {"a": {"b": {3}}}):
        assert not json_exact(bad)


def test_without_a_usable_cache_the_files_are_parsed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("QUORUM_CACHE_DIR", str(blocked / "cache"))
    assert compiled("t", [A], merge) == {"greeting.hello": "Hello {name}"}
    monkeypatch.setenv("QUORUM_CACHE_DIR", "")
    assert cache_dir() is None
    assert compiled("t", [A, B], merge)["farewell.bye"] == "Bye"
    assert list(tmp_path.iterdir()) == [blocked]
    monkeypatch.delenv("QUORUM_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "quorum"
