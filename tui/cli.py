"""Command line: open a pair in the reader, export the core's results as JSON, or show config.

Every problem with the user's input ends here as one line on stderr naming the file, the
reason and what to do, with exit status 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.config import (
    ENV_VAR,
    Config,
    ConfigError,
    config_origin,
    config_path,
    load_config,
)
from tui.core.errors import InputError

EXIT_USAGE = 2
SAMPLE_NAME = "putin-wang-yi-2024"


def sample_folder() -> Path | None:
    """The bundled sample pair, found beside the package (checkout or editable install)."""
    candidates = [
        Path(__file__).resolve().parent.parent / "sample_data" / SAMPLE_NAME,
        Path.cwd() / "sample_data" / SAMPLE_NAME,
    ]
    return next((path for path in candidates if path.is_dir()), None)


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diptych",
        description="Read two versions of a text side by side, aligned and scrolling in sync.",
        epilog=(
            "With no PATH, opens the bundled sample pair. "
            "`diptych export LEFT RIGHT` prints the alignment as JSON (see `diptych export -h`); "
            "`diptych config path|show` shows where settings are read from and their values."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="two text files (LEFT RIGHT), or one folder holding manifest.toml or two texts",
    )
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE")
    parser.add_argument(
        "--fresh", action="store_true", help="start at the top, ignoring the remembered place"
    )
    parser.add_argument("--version", action="version", version=f"diptych {__version__}")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diptych export",
        description="Print the alignment of two texts as JSON on stdout.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="LEFT RIGHT, or one FOLDER")
    parser.add_argument("--format", choices=["json"], default="json", help="output format")
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE")
    return parser


def _config_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diptych config",
        description="Show where settings are read from, or the settings in effect.",
    )
    parser.add_argument(
        "action",
        choices=["path", "show"],
        help="path: the config file and whether it exists; "
        "show: the effective settings as TOML, defaults included",
    )
    parser.add_argument("--config", metavar="FILE", help="read settings from FILE")
    return parser


def _load_pair(paths: Sequence[str], config: Config):  # type: ignore[no-untyped-def]
    """Resolve the user's paths and load both documents (raises InputError)."""
    left, right = _read_pair(paths, config)
    return left.segmented(), right.segmented()


def _read_pair(paths: Sequence[str], config: Config):  # type: ignore[no-untyped-def]
    """Resolve the user's paths and read both files, unsegmented (raises InputError).

    The reader segments in its worker, after its first frame; every input error is
    found here, before the terminal is taken over.
    """
    from tui.core.document import read_document
    from tui.core.sources import resolve_pair

    if not paths:
        folder = sample_folder()
        if folder is None:
            raise InputError(
                "sample_data", "the sample pair is not installed", "pass two files to compare"
            )
        paths = [str(folder)]
    pair = resolve_pair(list(paths))
    left = read_document(pair.left_path, max_bytes=config.max_input_bytes, info=pair.left_info)
    right = read_document(pair.right_path, max_bytes=config.max_input_bytes, info=pair.right_info)
    return left, right


def _run_export(argv: Sequence[str]) -> int:
    args = _export_parser().parse_args(argv)
    config = load_config(args.config)
    left, right = _load_pair(args.paths, config)
    from tui.core.cache import cached_analyze
    from tui.core.collector import gc_paused
    from tui.core.export import export_analysis, json_pieces

    with gc_paused():  # millions of live objects: collections would only re-walk them
        analysis = cached_analyze(
            left, right, align_options=config.align_options(), diff_options=config.diff_options()
        )
        try:
            sys.stdout.writelines(json_pieces(export_analysis(analysis)))
            sys.stdout.write("\n")
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader of the pipe stopped early (`| head`): not an error worth a
            # traceback. Point stdout at devnull so the interpreter's final flush is quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    return 0


def _run_config(argv: Sequence[str]) -> int:
    """Answer "which file?" and "which settings?" without opening the reader.

    ``config path`` prints the file alone on line 1, so scripts can take it, and whether it
    exists on line 2.
    """
    args = _config_parser().parse_args(argv)
    if args.action == "path":
        path = config_path(args.config)
        origin = config_origin(args.config)
        if path.is_file():
            status = f"exists ({origin})"
        elif path.exists():
            status = f"is not a file ({origin})"
        elif not (args.config or os.environ.get(ENV_VAR)):
            status = f"does not exist ({origin}), so the built-in defaults apply"
        else:
            status = f"does not exist ({origin}); diptych stops with an error until it does"
        print(path)
        print(status)
        return 0
    config = load_config(args.config)
    for warning in config.warnings:
        print(f"diptych: warning: {warning}", file=sys.stderr)
    sys.stdout.write(config.to_toml())
    return 0


def _run_reader(argv: Sequence[str]) -> int:
    args = _open_parser().parse_args(argv)
    config = load_config(args.config)
    for warning in config.warnings:
        print(f"diptych: warning: {warning}", file=sys.stderr)
    left, right, session = build_reader(args.paths, config, fresh=args.fresh)
    from tui.ui.app import DiptychApp

    DiptychApp(left, right, config=config, session=session).run()
    return 0


def build_reader(paths: Sequence[str], config: Config, *, fresh: bool):  # type: ignore[no-untyped-def]
    """The documents and reading session the reader opens with (raises InputError).

    Shared with the start-up benchmark, so it measures what ``diptych`` does.
    """
    from tui.state import StateStore, pair_key
    from tui.ui.session import ReadingSession

    left, right = _read_pair(paths, config)
    session = ReadingSession(StateStore(), pair_key(left.text, right.text), not fresh)
    return left, right, session


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``diptych`` console script and ``python -m tui``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["export"]:
            return _run_export(argv[1:])
        if argv[:1] == ["config"]:
            return _run_config(argv[1:])
        return _run_reader(argv)
    except (InputError, ConfigError) as error:
        print(f"diptych: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
