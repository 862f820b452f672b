"""``[tool.vtlgw]`` in ``pyproject.toml``: which rules run, per-file ignores, API kind per path.

::

    [tool.vtlgw]
    select = ["VTL1", "VTL2"]        # default: the default rules
    extend-select = ["VTL214"]       # add opt-in rules to the selection
    ignore = ["VTL501"]

    [tool.vtlgw.per-file-ignores]
    "legacy/*.vtl" = ["VTL2"]

    [tool.vtlgw.per-file-api]
    "ws/connect*.vtl" = { api = "websocket", route = "$connect" }
    "rest/" = { api = "rest" }

The file is the closest ``pyproject.toml`` at or above the working directory that has a
``[tool.vtlgw]`` table (or the one named with ``--config``). Globs are matched against the
template's path relative to that file's folder (syntax: :mod:`vtlgw.lint.globs`); for the API
kind the last matching glob wins, and a route alone means ``api = "websocket"``. Every mistake
(bad TOML, an unknown key, a value of the wrong type, an unknown rule code, an API kind that
does not exist) is an :class:`~vtlgw.errors.InputError` naming the file, the line and the
key, and saying what was found and what was expected.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vtlgw.errors import InputError
from vtlgw.lint.globs import PathGlob, compile_glob
from vtlgw.lint.selection import Selection, hint, is_code, unknown_code_message
from vtlgw.lint.source import ApiKind
from vtlgw.lint.tomlpos import KeyFinder, decode_error

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "per-file-api")
API_KEYS = ("api", "route")
#: A configuration file larger than this is refused (a pyproject.toml is a few KB).
MAX_CONFIG_BYTES = 1024 * 1024
_TABLE = ("tool", "vtlgw")


@dataclass(frozen=True)
class PathApi:
    """The API kind and route of the templates a glob matches."""

    glob: PathGlob
    api: ApiKind
    route: str | None


@dataclass(frozen=True)
class LintConfig:
    """The linter's configuration, resolved (``root`` is ``None`` without a file)."""

    root: Path | None = None
    name: str = "<defaults>"
    selection: Selection = field(default_factory=Selection)
    per_file_ignores: tuple[tuple[PathGlob, tuple[str, ...]], ...] = ()
    per_file_api: tuple[PathApi, ...] = ()

    def place(self, path: str) -> tuple[str | None, str]:
        """``path`` relative to the root with ``/`` (``None`` if outside), and its file name."""
        name = os.path.basename(path)
        if self.root is None:
            return None, name
        absolute = os.path.abspath(path)
        real_root = os.path.realpath(self.root)
        real_target = os.path.join(os.path.realpath(os.path.dirname(absolute)), name)
        for folder, target in ((str(self.root), absolute), (real_root, real_target)):
            relative = os.path.relpath(target, folder)
            if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
                return Path(relative).as_posix(), name
        return None, name

    def selection_for(self, path: str, base: Selection | None = None) -> Selection:
        """The selection for ``path``: ``base`` (or the configured one) plus per-file ignores."""
        selection = base or self.selection
        if not self.per_file_ignores:
            return selection
        relative, name = self.place(path)
        extra = [
            code
            for glob, codes in self.per_file_ignores
            if glob.matches(relative, name)
            for code in codes
        ]
        return selection.without(extra) if extra else selection

    def api_for(self, path: str) -> tuple[ApiKind | None, str | None]:
        """The configured API kind and route of ``path`` (the last matching glob wins)."""
        if not self.per_file_api:
            return None, None
        relative, name = self.place(path)
        found: tuple[ApiKind | None, str | None] = (None, None)
        for item in self.per_file_api:
            if item.glob.matches(relative, name):
                found = (item.api, item.route)
        return found


def _read(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise InputError(
            f"cannot read the configuration file: {exc.strerror or exc}", name=str(path)
        ) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise InputError(
            f"the configuration file is larger than {MAX_CONFIG_BYTES:,} bytes", name=str(path)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the configuration file is not UTF-8 text (bad byte at offset {exc.start})",
            name=str(path),
        ) from None


def find_config(start: Path) -> Path | None:
    """The closest ``pyproject.toml`` at or above ``start`` with a ``[tool.vtlgw]`` table.

    A ``pyproject.toml`` that cannot be read or parsed is returned (so that loading it reports
    the problem) only when its text mentions ``tool.vtlgw``: someone else's broken file is not
    this tool's business.
    """
    folder = Path(os.path.abspath(start))
    for candidate_folder in (folder, *folder.parents):
        candidate = candidate_folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            text = _read(candidate)
            data = tomllib.loads(text)
        except InputError:
            return candidate if _mentions_vtlgw(candidate) else None
        except tomllib.TOMLDecodeError:
            if "tool.vtlgw" in text:
                return candidate
            continue
        tool = data.get("tool")
        if isinstance(tool, dict) and "vtlgw" in tool:
            return candidate
    return None


def _mentions_vtlgw(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b"tool.vtlgw" in handle.read(MAX_CONFIG_BYTES + 1)
    except OSError:
        return True


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


class _Loader:
    """Checks the ``[tool.vtlgw]`` table of one file."""

    def __init__(self, text: str, name: str, known: tuple[str, ...]) -> None:
        self.finder = KeyFinder(text, name)
        self.known = known

    def fail(self, message: str, *path: str, value: str | None = None) -> InputError:
        return self.finder.error(message, (*_TABLE, *path), value)

    def strings(self, value: Any, *path: str) -> tuple[str, ...]:
        key = ".".join(path)
        if isinstance(value, str):
            raise self.fail(
                f"[tool.vtlgw] {key}: expected a list of rule codes, found {_describe(value)}; "
                f'write {path[-1]} = ["{value}"]',
                *path,
            )
        if not isinstance(value, list):
            raise self.fail(
                f"[tool.vtlgw] {key}: expected a list of rule codes, found {_describe(value)}",
                *path,
            )
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(
                    f"[tool.vtlgw] {key}: expected rule codes (strings), found "
                    f"{_describe(item)} at index {index}",
                    *path,
                )
        return tuple(value)

    def codes(self, value: Any, *path: str) -> tuple[str, ...]:
        codes = []
        for entry in self.strings(value, *path):
            code = entry.strip().upper()
            if not is_code(code, self.known):
                key = ".".join(path)
                message = f"[tool.vtlgw] {key}: {unknown_code_message(entry, self.known)}"
                raise self.fail(message, *path, value=entry)
            codes.append(code)
        return tuple(codes)

    def table(self, raw: Any, key: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(
                f"[tool.vtlgw] {key}: expected a table of globs, found {_describe(raw)}", key
            )
        for glob in raw:
            if not glob.strip():
                raise self.fail(f"[tool.vtlgw] {key}: an empty glob matches no file", key)
        return raw

    def per_file_api(self, raw: Any) -> tuple[PathApi, ...]:
        items = []
        for glob, spec in self.table(raw, "per-file-api").items():
            where = f"[tool.vtlgw] per-file-api.{glob!r}"
            path = ("per-file-api", glob)
            if not isinstance(spec, dict):
                raise self.fail(
                    f'{where}: expected {{ api = "websocket", route = "$connect" }}, found '
                    f"{_describe(spec)}",
                    *path,
                )
            for key in spec:
                if key not in API_KEYS:
                    raise self.fail(
                        f"{where}: unknown key {key!r}{hint(key, API_KEYS)}; expected api "
                        "and route",
                        *path,
                    )
            api, route = spec.get("api"), spec.get("route")
            if route is not None and (not isinstance(route, str) or not route.strip()):
                raise self.fail(
                    f'{where}: route must be a WebSocket route key such as "$connect", found '
                    f"{_describe(route)}",
                    *path,
                )
            if api is None and route is None:
                raise self.fail(f"{where}: give api, route or both", *path)
            if api is None:
                api = "websocket"  # only WebSocket APIs have routes
            if api not in ("websocket", "rest"):
                raise self.fail(
                    f'{where}: api must be "websocket" or "rest", found {_describe(api)}',
                    *path,
                )
            if route is not None and api == "rest":
                raise self.fail(
                    f'{where}: a route belongs to a WebSocket API, not api = "rest"; drop '
                    'route or write api = "websocket"',
                    *path,
                )
            kind: ApiKind = "rest" if api == "rest" else "websocket"
            items.append(PathApi(compile_glob(glob), kind, route))
        return tuple(items)


def load_config(path: Path, known_codes: tuple[str, ...]) -> LintConfig:
    """Read ``[tool.vtlgw]`` from ``path``; a file without the table raises ``InputError``."""
    name = str(path)
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise decode_error(str(exc), text, name) from None
    loader = _Loader(text, name, known_codes)
    tool = data.get("tool")
    if not isinstance(tool, dict) or "vtlgw" not in tool:
        raise InputError(
            "this file has no [tool.vtlgw] table; expected the linter's settings there "
            "(docs/lint.md)",
            name=name,
        )
    table = tool["vtlgw"]
    if not isinstance(table, dict):
        raise loader.fail(f"[tool.vtlgw] must be a table, found {_describe(table)}")
    for key in table:
        if key not in KEYS:
            raise loader.fail(
                f"[tool.vtlgw] unknown key {key!r}{hint(key, KEYS)}; expected one of "
                f"{', '.join(KEYS)}",
                key,
            )
    select = table.get("select")
    selection = Selection(
        select=None if select is None else loader.codes(select, "select"),
        extend_select=loader.codes(table.get("extend-select", []), "extend-select"),
        ignore=loader.codes(table.get("ignore", []), "ignore"),
    )
    ignores = loader.table(table.get("per-file-ignores", {}), "per-file-ignores")
    per_file = tuple(
        (compile_glob(glob), loader.codes(codes, "per-file-ignores", glob))
        for glob, codes in ignores.items()
    )
    return LintConfig(
        root=Path(os.path.abspath(path.parent)),
        name=name,
        selection=selection,
        per_file_ignores=per_file,
        per_file_api=loader.per_file_api(table.get("per-file-api", {})),
    )
