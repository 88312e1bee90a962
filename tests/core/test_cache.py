"""The on-disk cache of analyses (hits, misses, damaged entries, bounds, unusable folders),
and the second process that finds entities while the first aligns."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tui
from tui.core import analysis as analysis_module
from tui.core import cache as cache_module
from tui.core.align import AlignOptions
from tui.core.analysis import Analysis, analyze
from tui.core.cache import cache_key, cached_analyze, cached_analyze_in_stages
from tui.core.document import document_from_text
from tui.core.entities import extract_entities
from tui.core.export import export_analysis
from tui.core.model import Document
from tui.core.tokens import DiffOptions

LEFT = (
    "Putin met Wang Yi in St. Petersburg on Sept. 12.\n\n"
    "They discussed the Ukraine crisis and BRICS.\n\n"
    "The talks lasted three hours."
)
RIGHT = (
    "Putin met Wang Yi in St. Petersburg on Sept. 13.\n\n"
    "They discussed BRICS and the Ukraine crisis.\n\n"
    "A new paragraph about trade.\n\n"
    "The talks lasted three hours."
)


@pytest.fixture
def pair() -> tuple[Document, Document]:
    return document_from_text(LEFT, path="left.txt"), document_from_text(RIGHT, path="right.txt")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts real analyses (cache misses)."""
    made: list[int] = []
    real = cache_module.analyze_in_stages

    def counting(*args: object, **kwargs: object) -> Iterator[Analysis]:
        made.append(1)
        yield from real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module, "analyze_in_stages", counting)
    monkeypatch.delenv(cache_module.ENV_DISABLE, raising=False)
    return made


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.analysis"))


def _read(entry: Path) -> dict[str, Any]:
    with entry.open("rb") as stream:
        assert stream.read(len(cache_module._MAGIC)) == cache_module._MAGIC
        return cache_module._read_entry(stream)


def _write(entry: Path, stored: dict[str, Any]) -> None:
    with entry.open("wb") as stream:
        stream.write(cache_module._MAGIC)
        cache_module._write_entry(stream, stored)


def test_a_second_analysis_of_the_same_pair_is_read_from_the_cache(
    pair: tuple[Document, Document], calls: list[int], tmp_path: Path
) -> None:
    left, right = pair
    first = cached_analyze(left, right, cache_dir=tmp_path)
    fractions: list[float] = []
    second = cached_analyze(left, right, cache_dir=tmp_path, progress=fractions.append)
    assert len(calls) == 1
    assert fractions == [1.0]
    assert (
        export_analysis(second) == export_analysis(first) == export_analysis(analyze(left, right))
    )
    assert len(_entries(tmp_path)) == 1


def test_a_hit_carries_the_callers_documents(calls: list[int], tmp_path: Path) -> None:
    """The same texts opened from elsewhere show the new paths, not the cached ones."""
    cached_analyze(
        document_from_text(LEFT, path="a.txt"), document_from_text(RIGHT), cache_dir=tmp_path
    )
    left, right = document_from_text(LEFT, path="moved/a.txt"), document_from_text(RIGHT)
    analysis = cached_analyze(left, right, cache_dir=tmp_path)
    assert len(calls) == 1
    assert analysis.left is left and analysis.right is right


@pytest.mark.parametrize(
    "change",
    ["left text", "right text", "sides swapped", "align options", "diff options", "version"],
)
def test_anything_the_result_depends_on_misses(
    change: str,
    pair: tuple[Document, Document],
    calls: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    left, right = pair
    cached_analyze(left, right, cache_dir=tmp_path)
    align, diff = AlignOptions(), DiffOptions()
    if change == "left text":
        left = document_from_text(LEFT + " More.")
    elif change == "right text":
        right = document_from_text(RIGHT.replace("13", "14"))
    elif change == "sides swapped":
        left, right = right, left
    elif change == "align options":
        align = AlignOptions(min_pair_score=0.5)
    elif change == "diff options":
        diff = DiffOptions(ignore_case=False)
    else:
        monkeypatch.setattr(cache_module, "__version__", tui.__version__ + ".dev1")
    analysis = cached_analyze(
        left, right, align_options=align, diff_options=diff, cache_dir=tmp_path
    )
    assert len(calls) == 2
    assert export_analysis(analysis) == export_analysis(
        analyze(left, right, align_options=align, diff_options=diff)
    )
    assert len(_entries(tmp_path)) == 2


def test_the_key_covers_every_option_field(pair: tuple[Document, Document]) -> None:
    left, right = pair
    base = cache_key(left, right, AlignOptions(), DiffOptions())
    assert cache_key(left, right, AlignOptions(band=9), DiffOptions()) != base
    assert cache_key(left, right, AlignOptions(), DiffOptions(show_quote_style=True)) != base
    assert cache_key(left, right, AlignOptions(), DiffOptions()) == base


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", b"diptych-analysis\n", b"diptych-analysis\nnot a pickle", "wrong key"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    damage: bytes | str, pair: tuple[Document, Document], calls: list[int], tmp_path: Path
) -> None:
    left, right = pair
    expected = export_analysis(cached_analyze(left, right, cache_dir=tmp_path))
    (entry,) = _entries(tmp_path)
    if damage == "wrong key":  # a well-formed entry of another pair under this name
        stored = _read(entry)
        stored["key"] = "0" * 64
        _write(entry, stored)
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    analysis = cached_analyze(left, right, cache_dir=tmp_path)
    assert len(calls) == 2
    assert export_analysis(analysis) == expected
    # ... and the rebuilt entry serves the next call.
    cached_analyze(left, right, cache_dir=tmp_path)
    assert len(calls) == 2


def test_an_entry_that_does_not_fit_the_documents_is_rebuilt(
    pair: tuple[Document, Document], calls: list[int], tmp_path: Path
) -> None:
    left, right = pair
    cached_analyze(left, right, cache_dir=tmp_path)
    (entry,) = _entries(tmp_path)
    stored = _read(entry)
    stored["ops"] = stored["ops"][:-1]  # one row short
    _write(entry, stored)
    analysis = cached_analyze(left, right, cache_dir=tmp_path)
    assert len(calls) == 2
    assert len(analysis.ops) == len(analysis.rows)


def test_the_folder_stays_within_its_bound_dropping_the_least_recently_used(
    calls: list[int], tmp_path: Path
) -> None:
    documents = [
        (document_from_text(f"{LEFT} Version {n}."), document_from_text(f"{RIGHT} Version {n}."))
        for n in range(4)
    ]
    cached_analyze(*documents[0], cache_dir=tmp_path)
    (entry,) = _entries(tmp_path)
    size = entry.stat().st_size
    bound = int(size * 2.5)  # room for two entries, not three
    for n, (left, right) in enumerate(documents):
        cached_analyze(left, right, cache_dir=tmp_path, max_bytes=bound)
        os.utime(
            tmp_path / f"{cache_key(left, right, AlignOptions(), DiffOptions())}.analysis", (n, n)
        )
    total = sum(path.stat().st_size for path in _entries(tmp_path))
    assert total <= bound
    assert len(_entries(tmp_path)) == 2
    # The two most recent survive: asking for them again computes nothing.
    made = len(calls)
    cached_analyze(*documents[3], cache_dir=tmp_path, max_bytes=bound)
    cached_analyze(*documents[2], cache_dir=tmp_path, max_bytes=bound)
    assert len(calls) == made


def test_an_entry_larger_than_the_bound_is_not_kept(
    pair: tuple[Document, Document], calls: list[int], tmp_path: Path
) -> None:
    left, right = pair
    cached_analyze(left, right, cache_dir=tmp_path, max_bytes=10)
    assert list(tmp_path.iterdir()) == []  # nor the temporary file it was written to


def test_writes_leave_no_temporary_files(
    pair: tuple[Document, Document], calls: list[int], tmp_path: Path
) -> None:
    cached_analyze(*pair, cache_dir=tmp_path)
    assert [path.name for path in tmp_path.iterdir() if not path.name.endswith(".analysis")] == []


def test_a_folder_that_cannot_be_created_means_no_cache(
    pair: tuple[Document, Document], calls: list[int], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    left, right = pair
    first = cached_analyze(left, right, cache_dir=blocker / "cache")
    second = cached_analyze(left, right, cache_dir=blocker / "cache")
    assert len(calls) == 2
    assert export_analysis(first) == export_analysis(second)


def test_a_read_only_folder_means_no_cache(
    pair: tuple[Document, Document],
    calls: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Simulated, since permissions do not bind root (the test machines' user)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", refuse)
    first = cached_analyze(*pair, cache_dir=tmp_path)
    second = cached_analyze(*pair, cache_dir=tmp_path)
    assert len(calls) == 2
    assert export_analysis(first) == export_analysis(second)
    assert _entries(tmp_path) == []


def test_a_failed_write_is_not_an_error(
    pair: tuple[Document, Document],
    calls: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full disk (or any refused write) costs the entry, never the analysis."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module.os, "replace", refuse)
    analysis = cached_analyze(*pair, cache_dir=tmp_path)
    assert analysis.rows
    assert list(tmp_path.iterdir()) == []


def test_the_environment_can_turn_the_cache_off_or_move_it(
    pair: tuple[Document, Document],
    calls: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(cache_module.ENV_DIR, str(tmp_path / "elsewhere"))
    cached_analyze(*pair)
    assert len(_entries(tmp_path / "elsewhere")) == 1
    monkeypatch.setenv(cache_module.ENV_DISABLE, "1")
    cached_analyze(*pair)
    assert len(calls) == 2


def test_the_default_folder_is_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache_module.ENV_DIR, raising=False)
    folder = cache_module.default_cache_dir()
    assert folder.parent.name == "diptych" or "diptych" in folder.parts


# --- the entity worker ---------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "putin-wang-yi-2024"


def _sample_pair() -> tuple[Document, Document]:
    texts = sorted(SAMPLE.glob("*.txt"))
    return tuple(  # type: ignore[return-value]
        document_from_text(path.read_text(encoding="utf-8"), path=str(path)) for path in texts
    )


def test_entities_found_in_a_second_process_are_those_found_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    left, right = _sample_pair()
    monkeypatch.setenv(analysis_module.ENV_SERIAL, "1")
    serial = analyze(left, right)
    monkeypatch.delenv(analysis_module.ENV_SERIAL)
    monkeypatch.setattr(analysis_module, "PARALLEL_MIN_CHARS", 0)
    started: list[object] = []
    real_start = analysis_module._EntityWorker.start

    def start(*args: Document) -> object:
        worker = real_start(*args)
        started.append(worker)
        return worker

    monkeypatch.setattr(analysis_module._EntityWorker, "start", start)
    parallel = analyze(left, right)
    assert started and started[0] is not None
    assert parallel.entities == serial.entities
    assert export_analysis(parallel) == export_analysis(serial)


def test_a_failing_worker_means_extracting_here(monkeypatch: pytest.MonkeyPatch) -> None:
    left, right = _sample_pair()
    monkeypatch.delenv(analysis_module.ENV_SERIAL, raising=False)
    monkeypatch.setattr(analysis_module, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(analysis_module, "_WORKER", "import sys; sys.exit(3)")
    assert analyze(left, right).entities == tuple(extract_entities(left, right))


def test_small_pairs_and_the_environment_keep_entities_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    left, right = _sample_pair()
    monkeypatch.delenv(analysis_module.ENV_SERIAL, raising=False)
    assert analysis_module._EntityWorker.start(left, right) is None  # below the size
    monkeypatch.setattr(analysis_module, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setenv(analysis_module.ENV_SERIAL, "1")
    assert analysis_module._EntityWorker.start(left, right) is None


def test_stages_come_from_the_cache_as_one_complete_analysis(
    tmp_path: Path, calls: list[int]
) -> None:
    left, right = _sample_pair()
    stages = list(cached_analyze_in_stages(left, right, cache_dir=tmp_path))
    assert [len(stage.pending) for stage in stages] == [3, 2, 1, 0] and calls == [1]
    again = list(cached_analyze_in_stages(left, right, cache_dir=tmp_path))
    assert len(again) == 1 and again[0].pending == () and calls == [1]
    assert export_analysis(again[0]) == export_analysis(stages[-1])


def test_an_analysis_left_half_way_is_not_stored(tmp_path: Path, calls: list[int]) -> None:
    left, right = _sample_pair()
    stages = cached_analyze_in_stages(left, right, cache_dir=tmp_path)
    assert next(stages).pending  # the reader closed the pair after the rows came
    stages.close()
    assert _entries(tmp_path) == []


def test_long_sequences_are_stored_in_chunks_and_read_back_whole(
    pair: tuple[Document, Document],
    calls: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache_module, "CHUNK_ITEMS", 1)
    left, right = pair
    first = cached_analyze(left, right, cache_dir=tmp_path)
    assert len(first.rows) > 1 and len(first.entities) > 1  # several chunks per sequence
    again = cached_analyze(left, right, cache_dir=tmp_path)
    assert len(calls) == 1
    assert again.alignment == first.alignment and again.ops == first.ops
    assert export_analysis(again) == export_analysis(first)


def test_an_entry_cut_short_between_chunks_is_rebuilt(
    pair: tuple[Document, Document],
    calls: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache_module, "CHUNK_ITEMS", 2)
    left, right = pair
    expected = export_analysis(cached_analyze(left, right, cache_dir=tmp_path))
    (entry,) = _entries(tmp_path)
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])
    assert export_analysis(cached_analyze(left, right, cache_dir=tmp_path)) == expected
    assert len(calls) == 2


def test_an_entry_of_the_previous_format_is_rebuilt(
    pair: tuple[Document, Document], calls: list[int], tmp_path: Path
) -> None:
    left, right = pair
    expected = export_analysis(cached_analyze(left, right, cache_dir=tmp_path))
    (entry,) = _entries(tmp_path)
    stored = _read(entry)
    stored["format"] = cache_module.FORMAT - 1
    entry.write_bytes(cache_module._MAGIC + pickle.dumps(stored))  # one pickle, as it was
    assert export_analysis(cached_analyze(left, right, cache_dir=tmp_path)) == expected
    assert len(calls) == 2
