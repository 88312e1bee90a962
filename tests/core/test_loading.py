"""Reading files: encodings, refusals with useful messages, and Document assembly."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core import loading
from tui.core.document import document_from_text, load_document
from tui.core.errors import InputError
from tui.core.loading import LoadedText, decode_bytes, format_size, read_text
from tui.core.model import DocumentInfo

LIMIT = 1_000_000


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# --- decode_bytes: encodings -------------------------------------------------------------


def test_plain_utf8_has_no_notice() -> None:
    loaded = decode_bytes("Straße “quoted”\n".encode(), "x.txt")
    assert loaded == LoadedText("Straße “quoted”\n", "utf-8", None)


def test_utf8_bom_is_stripped() -> None:
    loaded = decode_bytes(codecs.BOM_UTF8 + "café".encode(), "x.txt")
    assert (loaded.text, loaded.encoding, loaded.notice) == ("café", "utf-8", None)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom(bom: bytes, codec: str) -> None:
    text = "Ünïcode 日本語 \U0001f600\r\nline two"
    loaded = decode_bytes(bom + text.encode(codec), "x.txt")
    assert loaded.text == "Ünïcode 日本語 \U0001f600\nline two"
    assert loaded.encoding == codec
    assert loaded.notice is None


def test_utf16_without_bom_is_recognised_with_notice() -> None:
    loaded = decode_bytes("Hello there, reader.".encode("utf-16-le"), "x.txt")
    assert loaded.text == "Hello there, reader."
    assert loaded.encoding == "utf-16-le"
    assert loaded.notice is not None and "UTF-16" in loaded.notice


def test_cp1252_fallback_names_the_encoding() -> None:
    loaded = decode_bytes(b"caf\xe9 \x93quoted\x94 \x96 dash", "x.txt")
    assert loaded.text == "café “quoted” – dash"
    assert loaded.encoding == "cp1252"
    assert loaded.notice is not None and "Windows-1252" in loaded.notice


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    loaded = decode_bytes(b"na\xefve \x81 caf\xe9", "x.txt")
    assert loaded.text == "naïve \x81 café"
    assert loaded.encoding == "latin-1"
    assert loaded.notice is not None and "Latin-1" in loaded.notice


def test_mostly_utf8_with_a_bad_byte_keeps_utf8_and_counts_replacements() -> None:
    data = "Ünïcödé déjà vu ".encode() + b"\xff" + " über".encode()
    loaded = decode_bytes(data, "x.txt")
    assert loaded.text == "Ünïcödé déjà vu \ufffd über"
    assert loaded.encoding == "utf-8"
    assert loaded.notice is not None and "1 invalid byte sequence" in loaded.notice


def test_crlf_and_lone_cr_become_lf() -> None:
    loaded = decode_bytes(b"one\r\ntwo\rthree\n\r\nfour", "x.txt")
    assert loaded.text == "one\ntwo\nthree\n\nfour"


@given(st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1))
def test_any_utf8_text_round_trips(text: str) -> None:
    data = text.encode()
    if not text.strip():
        with pytest.raises(InputError):
            decode_bytes(data, "x.txt")
    else:
        assert decode_bytes(data, "x.txt") == LoadedText(text, "utf-8", None)


@given(st.binary(min_size=1, max_size=200))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        loaded = decode_bytes(data, "x.txt")
    except InputError as error:
        assert error.path == "x.txt"
    else:
        assert "\r" not in loaded.text and loaded.text.strip()
        assert not loaded.text.startswith("\ufeff")


# --- decode_bytes: refusals --------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04",
        bytes(range(32)) * 4,
        b"text with a \x00 in it, but long enough otherwise",
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_bytes(data, "img.txt")


def test_a_few_control_characters_are_tolerated() -> None:
    text = "Title\x0c\n" + "ordinary prose. " * 20 + "\x1b[1mbold\x1b[0m"
    assert decode_bytes(text.encode(), "x.txt").text == text


def test_utf16_bom_with_odd_length_cannot_be_decoded() -> None:
    data = codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"x"
    with pytest.raises(InputError, match="cannot be decoded as UTF-16") as caught:
        decode_bytes(data, "odd.txt")
    assert caught.value.path == "odd.txt"
    assert "re-save it as UTF-8" in caught.value.hint


def test_utf16_bom_with_unpaired_surrogate_cannot_be_decoded() -> None:
    data = codecs.BOM_UTF16_BE + "ab".encode("utf-16-be") + b"\xd8\x00" + b"\x00c"
    with pytest.raises(InputError, match="cannot be decoded as UTF-16"):
        decode_bytes(data, "x.txt")


def test_utf8_bom_with_invalid_bytes_cannot_be_decoded() -> None:
    with pytest.raises(InputError, match="cannot be decoded as UTF-8"):
        decode_bytes(codecs.BOM_UTF8 + b"caf\xe9", "x.txt")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (codecs.BOM_UTF8, "is empty"),
        (b" \n\t\r\n  ", "only whitespace"),
        ("\u3000\u00a0\n".encode(), "only whitespace"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "only whitespace"),
    ],
)
def test_empty_and_whitespace_only_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode_bytes(data, "x.txt")


# --- read_text: the file system ----------------------------------------------------------


def test_read_text_reads_and_leaves_the_file_untouched(tmp_path: Path) -> None:
    data = b"line one\r\nline two\r\n"
    path = write(tmp_path, data, "notes.md")
    before = os.stat(path)
    assert read_text(path, max_bytes=LIMIT).text == "line one\nline two\n"
    after = os.stat(path)
    assert Path(path).read_bytes() == data
    assert (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size)


def test_any_extension_is_read_by_content(tmp_path: Path) -> None:
    path = write(tmp_path, b"plain words", "report.data")
    assert read_text(path, max_bytes=LIMIT).text == "plain words"


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as caught:
        read_text(path, max_bytes=LIMIT)
    assert str(caught.value).startswith(f"{path}: no such file; ")


def test_directory_is_refused_with_folder_hint(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_text(str(tmp_path), max_bytes=LIMIT)
    assert caught.value.reason == "is a folder, not a text file"
    assert "diptych FOLDER" in caught.value.hint


def test_permission_error_while_reading_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, b"secret")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loading, "open", refuse, raising=False)
    with pytest.raises(InputError) as caught:
        read_text(path, max_bytes=LIMIT)
    assert caught.value.reason == "cannot be read (permission denied)"
    assert Path(path).read_bytes() == b"secret"


def test_too_large_names_size_limit_and_remedy(tmp_path: Path) -> None:
    path = write(tmp_path, b"x" * 3 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        read_text(path, max_bytes=2 * 1024 * 1024)
    assert caught.value.reason == "is 3 MiB, over the 2 MiB limit"
    assert caught.value.hint == "raise max_input_bytes in config.toml or pass a smaller file"


def test_one_byte_over_the_limit_shows_exact_counts(tmp_path: Path) -> None:
    path = write(tmp_path, b"x" * 1025)
    with pytest.raises(InputError, match="is 1025 bytes, over the 1024 bytes limit"):
        read_text(path, max_bytes=1024)


def test_exactly_at_the_limit_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"x" * 1024)
    assert len(read_text(path, max_bytes=1024).text) == 1024


@pytest.mark.parametrize(
    ("size", "expected"),
    [(0, "0 bytes"), (1023, "1023 bytes"), (1536, "1.5 KiB"), (10 * 2**20, "10 MiB")],
)
def test_format_size(size: int, expected: str) -> None:
    assert format_size(size) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("ünï".encode(), "ünï"),
        (codecs.BOM_UTF8 + "ünï".encode(), "ünï"),
        (codecs.BOM_UTF16_LE + "ünï".encode("utf-16-le"), "ünï"),
        (codecs.BOM_UTF16_BE + "ünï".encode("utf-16-be"), "ünï"),
        (b"caf\xe9 \x93quoted\x94", "café “quoted”"),
        (b"caf\xe9 \x81", "café \x81"),
        (b"a\r\nb\rc", "a\nb\nc"),
    ],
)
def test_read_text_from_files(tmp_path: Path, data: bytes, expected: str) -> None:
    assert read_text(write(tmp_path, data), max_bytes=LIMIT).text == expected


@pytest.mark.parametrize(
    "data", [b"", b"  \n\n ", b"\x00\x01\x02\x03binary\x00\xff\xfe\x00"], ids=str
)
def test_read_text_refuses_empty_and_binary_files(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError):
        read_text(write(tmp_path, data), max_bytes=LIMIT)


# --- documents ---------------------------------------------------------------------------


def test_load_document_segments_and_titles_by_file_stem(tmp_path: Path) -> None:
    path = write(tmp_path, b"First para. Second sentence.\r\n\r\nNext para.", "kuna-2024-09-13.txt")
    doc = load_document(path, max_bytes=LIMIT)
    assert doc.info == DocumentInfo(title="kuna-2024-09-13")
    assert doc.text == "First para. Second sentence.\n\nNext para."
    assert [doc.paragraph_text(i) for i in range(len(doc.paragraphs))] == [
        "First para. Second sentence.",
        "Next para.",
    ]
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [
        "First para.",
        "Second sentence.",
        "Next para.",
    ]
    assert doc.paragraph_sentences == ((0, 2), (2, 3))
    assert doc.path == path and doc.encoding == "utf-8" and doc.notice is None


def test_load_document_keeps_given_info_and_notice(tmp_path: Path) -> None:
    info = DocumentInfo(title="Report", outlet="Agency", date="2024-09-12", language="en")
    doc = load_document(write(tmp_path, b"caf\xe9"), max_bytes=LIMIT, info=info)
    assert doc.info is info
    assert doc.encoding == "cp1252" and doc.notice is not None


def test_load_document_propagates_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(str(tmp_path / "missing.txt"), max_bytes=LIMIT)


def test_document_from_text() -> None:
    doc = document_from_text("A b.\r\nC d.\r\n\r\nE.", path="left.md")
    assert doc.text == "A b.\nC d.\n\nE."
    assert doc.paragraphs == ((0, 9), (11, 13))
    assert doc.sentences == ((0, 4), (5, 9), (11, 13))
    assert doc.info.title == "left"
    assert document_from_text("").paragraphs == ()


@given(st.binary(max_size=300), st.sampled_from(["utf-8", "utf-8-bom", "cp1252", "latin-1"]))
def test_control_characters_counted_in_bytes_equal_those_in_the_text(
    data: bytes, codec: str
) -> None:
    if codec == "utf-8-bom":
        data = codecs.BOM_UTF8 + data
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode(codec, errors="replace" if codec == "utf-8" else "strict")
        except UnicodeDecodeError:
            return
    assert loading._control_ratio(text, data) == loading._control_ratio(text)


def test_loading_restores_the_garbage_collector(tmp_path: Path) -> None:
    import gc

    path = write(tmp_path, b"One. Two.\n\nThree.")
    assert gc.isenabled()
    load_document(path, max_bytes=LIMIT)
    assert gc.isenabled()
    gc.disable()
    try:
        load_document(path, max_bytes=LIMIT)
        assert not gc.isenabled()
    finally:
        gc.enable()
