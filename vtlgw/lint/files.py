"""Which files ``vtlgw lint`` reads: the files named, and templates under the folders named.

A folder is searched for ``*.vtl`` and ``*.vm`` files, skipping hidden folders and the usual
tool folders (``node_modules``, virtual environments, ``__pycache__``, ``cdk.out``), in sorted
order so output is stable. A file named directly is linted whatever its name, as pre-commit
passes exactly the files it selected.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from vtlgw.errors import InputError

TEMPLATE_SUFFIXES = (".vtl", ".vm")
SKIPPED_FOLDERS = frozenset(
    {"node_modules", "__pycache__", "venv", ".venv", "cdk.out", "build", "dist", ".tox"}
)


def _walk(folder: Path) -> Iterator[Path]:
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink():
            continue
        if entry.is_dir():
            if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
                continue
            yield from _walk(entry)
        elif entry.suffix.lower() in TEMPLATE_SUFFIXES:
            yield entry


def template_files(paths: tuple[str, ...]) -> list[str]:
    """The template files to lint, as display paths; a missing path raises ``InputError``."""
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(str(found) for found in _walk(path))
        elif path.exists():
            files.append(raw)
        else:
            raise InputError("no such file or folder", name=raw)
    return files
