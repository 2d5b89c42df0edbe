"""A file written under a temporary name appears whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.services.atomic_files import written_whole


def test_the_file_appears_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    with written_whole(target) as partial:
        assert partial.parent == tmp_path
        assert partial.suffix == ".json"  # writers that look at the suffix see the right one
        partial.write_text("{}", encoding="utf-8")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_a_failure_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("the previous export", encoding="utf-8")
    with pytest.raises(OSError, match="No space"), written_whole(target) as partial:
        partial.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_a_new_folder_is_removed_whole_when_it_fails(tmp_path: Path) -> None:
    target = tmp_path / "articles"
    with pytest.raises(RuntimeError), written_whole(target) as partial:
        partial.mkdir()
        (partial / "one.md").write_text("# One", encoding="utf-8")
        raise RuntimeError("stopped")
    assert list(tmp_path.iterdir()) == []
