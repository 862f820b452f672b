"""Which files ``vtlgw lint`` reads, and reading them: the files named, templates under folders.

A folder is searched for ``*.vtl`` and ``*.vm`` files (any case), in sorted order so output is
stable, skipping symbolic links, hidden folders and the usual tool folders (``node_modules``,
virtual environments, ``__pycache__``, ``cdk.out``, ``build``, ``dist``, ``.tox``). A folder
named on the command line that holds no template is an input error: linting it would check
nothing, which must not look like a pass. A file named directly is linted whatever its name,
as pre-commit passes exactly the files it selected. The same file named twice is linted once.

Templates are read as UTF-8 (a BOM is dropped), at most :data:`MAX_TEMPLATE_BYTES`; anything
larger, a file that is not UTF-8 or one that cannot be read is an
:class:`~vtlgw.errors.InputError` naming the file (and, for a bad byte, its line and column).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from vtlgw.errors import InputError

TEMPLATE_SUFFIXES = (".vtl", ".vm")
SKIPPED_FOLDERS = frozenset(
    {"node_modules", "__pycache__", "venv", ".venv", "cdk.out", "build", "dist", ".tox"}
)
#: Templates larger than this are not read: API Gateway refuses anything over 300 KB, and the
#: size rule (VTL401) reports templates between the two.
MAX_TEMPLATE_BYTES = 8 * 1024 * 1024


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(
            f"cannot read the folder: {exc.strerror or exc}", name=str(folder)
        ) from None
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_dir():
            if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
                continue
            yield from _walk(entry)
        elif entry.suffix.lower() in TEMPLATE_SUFFIXES and entry.is_file():
            yield entry


def expand(raw: str) -> list[str]:
    """The template files ``raw`` names: itself, or the templates under the folder.

    A missing path, or a folder without templates, raises :class:`InputError`.
    """
    path = Path(raw)
    if path.is_dir():
        found = [str(entry) for entry in _walk(path)]
        if not found:
            raise InputError(
                "no .vtl or .vm templates in this folder (hidden folders, symbolic links and "
                f"{', '.join(sorted(SKIPPED_FOLDERS - {'.venv', '.tox'}))} are skipped); "
                "expected a folder holding templates, or template files",
                name=raw,
            )
        return found
    if path.exists():
        return [raw]
    raise InputError("no such file or folder", name=raw)


def unique(paths: Iterable[str]) -> list[str]:
    """``paths`` without repeats of the same file (compared by normalized absolute path)."""
    seen: set[str] = set()
    result = []
    for path in paths:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            result.append(path)
    return result


def template_files(paths: tuple[str, ...]) -> list[str]:
    """The template files to lint, as display paths; the first bad path raises ``InputError``."""
    return unique(found for raw in paths for found in expand(raw))


def decode_template(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text (BOM dropped); too large or not UTF-8 raises ``InputError``."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise InputError(
            f"the template is larger than {MAX_TEMPLATE_BYTES:,} bytes, far over API Gateway's "
            "300 KB limit for a mapping template; not linted",
            name=name,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8-sig")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        shown = data.decode("utf-8-sig", errors="replace").split("\n")[line - 1].rstrip("\r")
        raise InputError(
            f"the template is not UTF-8 text: byte 0x{data[exc.start]:02x} here is not UTF-8; "
            "API Gateway stores mapping templates as UTF-8, so save the file as UTF-8",
            name=name,
            line=line,
            column=column,
            source_line=shown,
        ) from None


def read_template(path: str) -> str:
    """The text of the template file at ``path`` (see :func:`decode_template`)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read the template: {exc.strerror or exc}", name=path) from None
    return decode_template(data, path)
