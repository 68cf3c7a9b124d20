"""jieba's part-of-speech tags, read from its dictionary once and then from a cache."""
from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from policykg.extract import tokens


def test_the_tag_cache_gives_the_dictionary_tags_and_survives_damage(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tokens.load()
    monkeypatch.setattr(jieba.dt, "tmp_dir", str(tmp_path))
    built = tokens._dictionary_tags()  # no cache yet: read from dict.txt, cache written
    (cache,) = tmp_path.glob("policykg-jieba-tags-*.txt")
    assert len(built) > 300_000 and built["发展"] == "vn"
    assert tokens._dictionary_tags() == built  # from the cache
    cache.write_text("broken", encoding="utf-8")
    assert tokens._dictionary_tags() == built  # a damaged cache is rebuilt
    assert tokens._dictionary_tags() == built
