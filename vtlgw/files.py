"""Reading the files a user names, and the files those files name, strictly and within bounds.

Every input (a template, an event, a case, an integration, a schema, an IaC file) is UTF-8 text
of bounded size, read through :func:`read_text_file`; a path written inside an input file must
stay inside the project (:func:`confined`). This module imports nothing heavy, so commands that
only read files (the linter) stay quick to start.
"""

from __future__ import annotations

from pathlib import Path

from vtlgw.errors import InputError

#: the largest input file read, in bytes
MAX_FILE_BYTES = 16 * 1024 * 1024


def read_text_file(path: str | Path, what: str, *, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of the file at ``path`` (a BOM is dropped), for error messages ``what``.

    An unreadable file, one larger than ``limit`` bytes or one that is not UTF-8 raises
    :class:`InputError` naming the file and, for bad bytes, the offset of the first one. At most
    ``limit + 1`` bytes are read, so a device or pipe that never ends is refused too.
    """
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", name=str(path)) from None
    return decode_text(data, what, name=str(path), limit=limit)


def decode_text(data: bytes, what: str, *, name: str, limit: int = MAX_FILE_BYTES) -> str:
    """``data`` (read with at most ``limit + 1`` bytes) as UTF-8 text without its BOM.

    The offset of a bad byte counts from the start of ``data``, BOM included, as a hex
    editor shows it.
    """
    if len(data) > limit:
        raise InputError(f"{what} is larger than {limit:,} bytes", name=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        skipped = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        raise InputError(
            f"{what} is not UTF-8 text (bad byte at offset {exc.start + skipped})", name=name
        ) from None


def confined(target: Path, *, named_in: Path) -> Path:
    """``target`` when it leads inside the folder ``named_in`` or the working directory.

    Files named inside input files (a case's event, an integration's template, a schema's
    ``$ref``) may come from an untrusted pull request; without this, one could name any file
    on the machine and have pieces of it quoted in error messages. Symbolic links are followed
    before the check, so a link cannot lead out either.
    """
    resolved = target.resolve()
    for root in (named_in.resolve(), Path.cwd().resolve()):
        if resolved == root or root in resolved.parents:
            return target
    raise InputError(
        f"{str(target)!r} is outside the folder of the file that names it and the working "
        "directory; vtlgw reads only files inside the project",
        name=str(target),
    )
