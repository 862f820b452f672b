"""``[tool.vtlgw]`` in ``pyproject.toml``: which rules run, per-file ignores, API kind per path.

::

    [tool.vtlgw]
    select = ["VTL"]                 # default: the default rules
    extend-select = ["VTL214"]       # add opt-in rules to the selection
    ignore = ["VTL501"]

    [tool.vtlgw.per-file-ignores]
    "legacy/*.vtl" = ["VTL2"]

    [tool.vtlgw.per-file-api]
    "ws/connect*.vtl" = { api = "websocket", route = "$connect" }
    "rest/**" = { api = "rest" }

The file is the closest ``pyproject.toml`` above the working directory that has a
``[tool.vtlgw]`` table (or the one named with ``--config``). Globs are matched against the
path relative to that file's folder, with ``/`` separators; a glob without ``/`` matches the
file name. Every mistake (bad TOML, an unknown key, an unknown rule code) is an
:class:`~vtlgw.errors.InputError` naming the file and the key.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from vtlgw.document import did_you_mean, read_text_file
from vtlgw.errors import InputError
from vtlgw.lint.selection import Selection, check_codes
from vtlgw.lint.source import ApiKind

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "per-file-api")


@dataclass(frozen=True)
class PathApi:
    """The API kind and route of the templates a glob matches."""

    glob: str
    api: ApiKind | None
    route: str | None


@dataclass(frozen=True)
class LintConfig:
    """The linter's configuration, resolved."""

    root: Path = field(default_factory=Path)
    name: str = "<defaults>"
    selection: Selection = field(default_factory=Selection)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    per_file_api: tuple[PathApi, ...] = ()

    def _matches(self, glob: str, path: str) -> bool:
        try:
            relative = Path(os.path.abspath(path)).relative_to(self.root.resolve())
            target = PurePosixPath(relative.as_posix())
        except ValueError:
            target = PurePosixPath(Path(path).as_posix())
        if "/" not in glob:
            return fnmatchcase(target.name, glob)
        return fnmatchcase(str(target), glob)

    def selection_for(self, path: str, base: Selection | None = None) -> Selection:
        """The selection for ``path``: ``base`` (or the configured one) plus per-file ignores."""
        selection = base or self.selection
        extra = [
            code
            for glob, codes in self.per_file_ignores
            if self._matches(glob, path)
            for code in codes
        ]
        return selection.without(extra) if extra else selection

    def api_for(self, path: str) -> tuple[ApiKind | None, str | None]:
        """The configured API kind and route of ``path`` (the last matching glob wins)."""
        found: tuple[ApiKind | None, str | None] = (None, None)
        for item in self.per_file_api:
            if self._matches(item.glob, path):
                found = (item.api, item.route)
        return found


def find_config(start: Path) -> Path | None:
    """The closest ``pyproject.toml`` at or above ``start`` with a ``[tool.vtlgw]`` table."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(read_text_file(candidate, "pyproject.toml"))
            except (InputError, tomllib.TOMLDecodeError):
                return candidate  # broken: load_config reports it
            if isinstance(data.get("tool"), dict) and "vtlgw" in data["tool"]:
                return candidate
    return None


def _strings(value: Any, name: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"[tool.vtlgw] {key}: expected a list of strings", name=name)
    return tuple(value)


def load_config(path: Path, known_codes: tuple[str, ...]) -> LintConfig:
    """Read ``[tool.vtlgw]`` from ``path``; a file without the table gives the defaults."""
    name = str(path)
    try:
        data = tomllib.loads(read_text_file(path, "configuration file"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", name=name) from None
    table = data.get("tool", {}).get("vtlgw", {}) if isinstance(data.get("tool"), dict) else {}
    if not isinstance(table, dict):
        raise InputError("[tool.vtlgw] must be a table", name=name)
    for key in table:
        if key not in _KEYS:
            hint = did_you_mean(key, _KEYS)
            raise InputError(
                f"[tool.vtlgw] unknown key {key!r}{hint}; expected one of {', '.join(_KEYS)}",
                name=name,
            )
    where = f"{name} [tool.vtlgw]"
    select = table.get("select")
    selection = Selection(
        select=None
        if select is None
        else check_codes(_strings(select, name, "select"), known_codes, where=where),
        extend_select=check_codes(
            _strings(table.get("extend-select", []), name, "extend-select"),
            known_codes,
            where=where,
        ),
        ignore=check_codes(
            _strings(table.get("ignore", []), name, "ignore"), known_codes, where=where
        ),
    )
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise InputError("[tool.vtlgw] per-file-ignores: expected a table of globs", name=name)
    per_file = tuple(
        (
            glob,
            check_codes(
                _strings(codes, name, f"per-file-ignores.{glob!r}"), known_codes, where=where
            ),
        )
        for glob, codes in ignores.items()
    )
    return LintConfig(
        root=path.parent,
        name=name,
        selection=selection,
        per_file_ignores=per_file,
        per_file_api=_per_file_api(table.get("per-file-api", {}), name),
    )


def _per_file_api(raw: Any, name: str) -> tuple[PathApi, ...]:
    if not isinstance(raw, dict):
        raise InputError("[tool.vtlgw] per-file-api: expected a table of globs", name=name)
    items = []
    for glob, spec in raw.items():
        where = f"[tool.vtlgw] per-file-api.{glob!r}"
        if not isinstance(spec, dict) or not set(spec) <= {"api", "route"}:
            raise InputError(f"{where}: expected {{ api = ..., route = ... }}", name=name)
        api = spec.get("api")
        if api not in (None, "websocket", "rest"):
            raise InputError(f"{where}: api must be websocket or rest, not {api!r}", name=name)
        route = spec.get("route")
        if route is not None and (not isinstance(route, str) or api == "rest"):
            raise InputError(f"{where}: route is a WebSocket route key string", name=name)
        items.append(PathApi(glob, api, route))
    return tuple(items)
