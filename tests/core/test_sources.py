"""Resolving command-line paths and manifests into the pair to open."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.errors import InputError
from tui.core.model import DocumentInfo
from tui.core.sources import PairSource, read_manifest, resolve_pair

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "putin-wang-yi-2024"

MANIFEST = """
[left]
file = "a.txt"
title = "  Left report "
outlet = "Agency A"
date = 2024-09-13
language = "en"

[right]
file = "b.md"
"""


def make_folder(tmp_path: Path, names: list[str], manifest: str | None = None) -> Path:
    for name in names:
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    if manifest is not None:
        (tmp_path / "manifest.toml").write_text(manifest, encoding="utf-8")
    return tmp_path


def test_two_paths_are_taken_in_order_with_stem_titles() -> None:
    pair = resolve_pair(["dir/right-one.txt", "other/left.md"])
    assert pair == PairSource(
        "dir/right-one.txt",
        "other/left.md",
        DocumentInfo(title="right-one"),
        DocumentInfo(title="left"),
    )


@pytest.mark.parametrize("args", [[], ["a", "b", "c"]])
def test_wrong_number_of_arguments(args: list[str]) -> None:
    with pytest.raises(InputError, match="need two files or one folder"):
        resolve_pair(args)


def test_single_file_is_refused(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, ["only.txt"])
    with pytest.raises(InputError, match="is a single file") as caught:
        resolve_pair([str(folder / "only.txt")])
    assert "second file" in caught.value.hint


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        resolve_pair([str(tmp_path / "absent")])


def test_folder_with_two_text_files_sorted_by_name(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, ["zeta.md", "alpha.txt", "notes.csv", ".hidden.txt"])
    (folder / "sub.txt").mkdir()
    pair = resolve_pair([str(folder)])
    assert (pair.left_path, pair.right_path) == (str(folder / "alpha.txt"), str(folder / "zeta.md"))
    assert (pair.left_info.title, pair.right_info.title) == ("alpha", "zeta")


@pytest.mark.parametrize(("names", "count"), [([], "0 text files"), (["a.txt"], "1 text file ")])
def test_folder_with_too_few_documents(tmp_path: Path, names: list[str], count: str) -> None:
    folder = make_folder(tmp_path, names)
    with pytest.raises(InputError) as caught:
        resolve_pair([str(folder)])
    assert caught.value.path == str(folder)
    assert count in caught.value.reason
    assert "manifest.toml" in caught.value.hint


def test_folder_with_too_many_documents(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, ["a.txt", "b.txt", "c.md"])
    with pytest.raises(InputError, match="holds 3 text files"):
        resolve_pair([str(folder)])


def test_manifest_decides_files_and_info(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, ["a.txt", "b.md", "c.txt"], MANIFEST)
    pair = resolve_pair([str(folder)])
    assert pair.left_path == str(folder / "a.txt")
    assert pair.right_path == str(folder / "b.md")
    assert pair.left_info == DocumentInfo("Left report", "Agency A", "2024-09-13", "en")
    assert pair.right_info == DocumentInfo(title="b")


def test_sample_manifest_describes_the_sample_pair() -> None:
    pair = resolve_pair([str(SAMPLE)])
    assert Path(pair.left_path).name == "kuna-2024-09-13.txt"
    assert Path(pair.right_path).name == "xinhua-2024-09-12.txt"
    assert (pair.left_info.outlet, pair.left_info.date) == (
        "Kuwait News Agency (KUNA)",
        "2024-09-13",
    )
    assert (pair.right_info.outlet, pair.right_info.date) == ("Xinhua News Agency", "2024-09-12")
    assert pair.left_info.language == pair.right_info.language == "en"
    assert pair.left_info.title and pair.right_info.title


def test_manifest_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, ["a.txt", "b.txt"], '[left]\nfile = "a.txt"\ntitle = \n')
    with pytest.raises(InputError) as caught:
        resolve_pair([str(folder)])
    assert caught.value.path == str(folder / "manifest.toml")
    assert "not valid TOML" in caught.value.reason
    assert "line 3" in caught.value.reason and "column" in caught.value.reason


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        ('[left]\nfile = "a.txt"\n', "has no [right] table"),
        ('[left]\ntitle = "x"\n[right]\nfile = "b.txt"\n', '[left] has no file = "..." key'),
        ('[left]\nfile = "a.txt"\n[right]\nfile = "gone.txt"\n', "[right] file 'gone.txt'"),
        ('[left]\nfile = "a.txt"\ntitel = "x"\n[right]\nfile = "b.txt"\n', "unknown key 'titel'"),
        ('[left]\nfile = 3\n[right]\nfile = "b.txt"\n', "[left] file must be a string"),
        ('left = "a.txt"\n[right]\nfile = "b.txt"\n', "'left' is not a table"),
        ('[left]\nfile = "a.txt"\n[right]\nfile = "b.txt"\n[extra]\n', "unknown table or key"),
    ],
)
def test_invalid_manifest_names_the_manifest(tmp_path: Path, manifest: str, reason: str) -> None:
    folder = make_folder(tmp_path, ["a.txt", "b.txt"], manifest)
    with pytest.raises(InputError) as caught:
        read_manifest(str(folder / "manifest.toml"))
    assert caught.value.path == str(folder / "manifest.toml")
    assert reason in caught.value.reason


def test_manifest_in_a_folder_file_missing_even_if_folder_has_two(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, ["a.txt", "b.txt"], '[left]\nfile = "x.txt"\n[right]\nfile = "b.txt"'
    )
    with pytest.raises(InputError) as caught:
        resolve_pair([str(folder)])
    assert str(caught.value).startswith(f"{folder / 'manifest.toml'}: [left] file 'x.txt' does not")


def test_default_titles_drop_only_text_extensions() -> None:
    from tui.core.document import default_info

    assert default_info("/x/kuna-2024-09-13.txt").title == "kuna-2024-09-13"
    assert default_info("/x/notes.MD").title == "notes"
    assert default_info("/usr/share/common-licenses/LGPL-2.1").title == "LGPL-2.1"
    assert default_info("report.v2").title == "report.v2"
