"""The Serverless Framework's variables in a template, as far as they are known offline.

The framework resolves ``${...}`` variables in serverless.yml before it deploys
(``lib/configuration/variables/parse.js``). Its parser reads a variable only where ``${`` is
followed by a lower-case source type and then ``:`` or ``(``: ``${self:custom.x}``,
``${opt:stage, 'dev'}``, ``${env:X}``, ``${sls:stage}``, ``${ssm(us-east-1):/a}``,
``${file(x.vtl)}``. VTL's own ``${name}``, ``${input.body}`` and CloudFormation's
``${AWS::Region}`` are left alone, and so is anything after a backslash.
:func:`serverless_text` resolves one host string:

* ``${file(template.vtl)}`` of a text file is the file's text, read inside the project (each
  character of it maps to the reference);
* any other variable is known only at deploy time and becomes the visible placeholder
  ``{{self:custom.x}}``, its ``{{`` on the ``${``, the rest one to one, ``}}`` on the ``}``;
* a VTL formal call such as ``${util.escapeJavaScript($x)}`` reads to the framework as a
  variable of an unknown source, which fails the deploy: an error here too.

:func:`converted` resolves every string of an ``Fn::Sub``/``Fn::Join`` value before
CloudFormation's turn, and :func:`merged` puts both kinds of substitution at their final
offsets. With the serverless-cloudformation-sub-variables plugin, a string holding ``#{Name}``
becomes an ``Fn::Sub`` of itself with ``${Name}`` (:func:`sub_variables`), as the plugin does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

from vtlgw.document import KeyPath, confined, read_text_file
from vtlgw.errors import InputError
from vtlgw.iac.model import Substitution
from vtlgw.iac.positions import MappedText
from vtlgw.iac.tree import HostList, HostMapping, HostString, Tagged
from vtlgw.location import OffsetMap

#: the largest template file a ``${file(...)}`` variable may include
MAX_INCLUDED_BYTES = 1024 * 1024
#: the deepest nesting of serverless variables read (``${self:a.${opt:b}}`` is two)
MAX_NESTING = 32
# a serverless variable source type as the framework's parser reads it after '${'
_TYPE = re.compile(r"[a-z][a-zA-Z0-9.]*")
# file types ${file(...)} parses instead of including as text
_STRUCTURED = (".yml", ".yaml", ".json", ".js", ".tfstate")
# the plugin's default #{Name} (its prefix and suffix are configurable; the default is read)
_HASH_VARIABLE = re.compile(r"#\{([^}]+)\}")


class Scope(Protocol):
    """What resolving needs from the reader: the service folder and positioned errors."""

    base_dir: Path

    def error(
        self, at: Any, path: KeyPath, message: str, *, key: Any = None, offset: int | None = None
    ) -> InputError:
        """``path: message`` at host ``offset``."""
        ...


def _variable_end(text: str, start: int, stop: int) -> int | None:
    """The end of the serverless variable at ``text[start:]`` (which starts ``${``), or
    ``None`` when the framework leaves it alone (VTL's ``${name}``, ``${AWS::Region}``).

    -1 means the variable is never closed. As the framework's parser, a variable is
    ``${type:...}`` or ``${type(...)...}`` with a lower-case type; quoted strings after ``(``,
    ``,`` or ``:`` may hold a ``}``, and nested variables nest.
    """
    match = _TYPE.match(text, start + 2)
    if match is None or match.end() >= stop or text[match.end()] not in ":(":
        return None
    depth, index, previous = 1, match.end(), ""
    while index < stop:
        char = text[index]
        if char in "'\"" and previous in "(,:":
            close = text.find(char, index + 1, stop)
            if close == -1:
                return -1
            index, previous = close + 1, char
            continue
        if text.startswith("${", index):
            depth += 1
            index += 2
            previous = "{"
            continue
        if char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        if char != " ":
            previous = char
        index += 1
    return -1


def serverless_text(
    reader: Scope, value: HostString, path: KeyPath
) -> tuple[str, OffsetMap, tuple[Substitution, ...]]:
    """``value`` after the framework's variable resolution, as far as it is known offline.

    ``${file(template.vtl)}`` of a text file is the file's text (read inside the project); any
    other variable (``${self:custom.x}``, ``${opt:stage}``, ``${env:X}``, ``${sls:stage}``) is
    known only at deploy time and becomes the placeholder ``{{self:custom.x}}``. VTL's own
    ``${name}`` and ``$name`` are left alone, as the framework leaves them. A VTL formal call
    such as ``${util.escapeJavaScript($x)}`` reads to the framework as a variable of an unknown
    source, which fails the deploy: that is an error here too.
    """
    built = MappedText()
    subs: list[Substitution] = []
    _resolve(_Scan(reader, value, path), 0, len(value), built, subs)
    if not subs:
        return str(value), value.offsets, ()
    return built.text(), built.offsets(value.offsets(len(value))), tuple(subs)


class _Scan:
    """One host string being resolved."""

    def __init__(self, reader: Scope, value: HostString, path: KeyPath) -> None:
        self.reader = reader
        self.text = str(value)
        self.offsets = value.offsets
        self.path = path

    def error(self, index: int, message: str) -> InputError:
        return self.reader.error(None, self.path, message, offset=self.offsets(index))


def _resolve(
    scan: _Scan,
    begin: int,
    stop: int,
    built: MappedText,
    subs: list[Substitution] | None,
    depth: int = 0,
) -> str:
    """Append ``scan.text[begin:stop]`` to ``built`` with its variables resolved, and return
    what was appended; record the outermost variables in ``subs`` (``None`` inside one)."""
    text, offsets = scan.text, scan.offsets
    pieces: list[str] = []
    index = copied = begin
    while index < stop:
        if text[index] == "\\":
            index += 2
            continue
        end = _variable_end(text, index, stop) if text.startswith("${", index) else None
        if end is None:
            index += 1
            continue
        if end == -1:
            raise scan.error(index, "a serverless variable is never closed with '}'")
        kind = _TYPE.match(text, index + 2)
        assert kind is not None
        if "." in kind.group() and text[kind.end()] == "(":
            raise scan.error(
                index,
                f"serverless reads '${{{kind.group()}(' as a variable of the unknown source "
                f"{kind.group()!r} and fails the deploy; write VTL's ${kind.group()}(...) "
                "without braces",
            )
        if depth >= MAX_NESTING:
            raise scan.error(index, f"serverless variables nested more than {MAX_NESTING} deep")
        built.add_mapped(text, offsets, copied, index)
        pieces.append(text[copied:index])
        source = text[index:end]
        start = len(built)
        included = _included(scan, source, index) if subs is not None else None
        if included is not None:
            built.add_at(included, offsets(index))
            shown = included
        else:
            built.add("{{", offsets(index))
            inner = _resolve(scan, index + 2, end - 1, built, None, depth + 1)
            built.add_at("}}", offsets(end - 1))
            shown = f"{{{{{inner}}}}}"
        pieces.append(shown)
        if subs is not None:
            subs.append(Substitution(source, shown, included is not None, start, len(built)))
        index = copied = end
    built.add_mapped(text, offsets, copied, stop)
    pieces.append(text[copied:stop])
    return "".join(pieces)


_FILE = re.compile(r"\$\{file\(\s*(?:'([^']*)'|\"([^\"]*)\"|([^)'\"$,\s]+))\s*\)\}")


def _included(scan: _Scan, source: str, index: int) -> str | None:
    """The text ``${file(path)}`` includes, or ``None`` when ``source`` is another variable."""
    match = _FILE.fullmatch(source)
    if match is None:
        return None
    relative = next(group for group in match.groups() if group is not None)
    if relative.lower().endswith(_STRUCTURED):
        return None  # parsed by the framework, not included as text: known at deploy time
    base = scan.reader.base_dir
    what = f"template file {relative!r}"
    try:
        target = confined(base / relative, named_in=base)
        return read_text_file(target, what, limit=MAX_INCLUDED_BYTES)
    except InputError as exc:
        raise scan.error(index, exc.message) from None


def converted(
    reader: Scope, value: Any, path: KeyPath, found: list[tuple[int, Substitution]]
) -> Any:
    """``value`` with the framework's variables resolved in every string it holds; each
    variable is added to ``found`` with the host offset it was written at."""
    if isinstance(value, HostString):
        text, offsets, subs = serverless_text(reader, value, path)
        found.extend((offsets(sub.start), sub) for sub in subs)
        return HostString(text, offsets, value.start) if subs else value
    if isinstance(value, Tagged):
        return Tagged(value.tag, converted(reader, value.value, path, found), value.start)
    if isinstance(value, HostList):
        items = HostList(converted(reader, item, path, found) for item in value)
        items.start = value.start
        return items
    if isinstance(value, HostMapping):
        mapping = HostMapping(
            (key, converted(reader, item, path, found)) for key, item in value.items()
        )
        mapping.start = value.start
        return mapping
    return value


def merged(
    text: str,
    offsets: OffsetMap,
    subs: tuple[Substitution, ...],
    found: list[tuple[int, Substitution]],
) -> tuple[Substitution, ...]:
    """CloudFormation's substitutions and the framework's, each framework variable at the
    offset of ``text`` where its value landed, in text order."""
    merged = list(subs)
    first: dict[int, int] = {}
    if found:
        for index in range(len(text)):
            first.setdefault(offsets(index), index)
    for host_offset, sub in found:
        at = first.get(host_offset)
        # (a variable in an Fn::Sub variable that the text never uses is not in it)
        if at is not None and text.startswith(sub.value, at):
            merged.append(Substitution(sub.source, sub.value, sub.known, at, at + len(sub.value)))
    return tuple(sorted(merged, key=lambda sub: sub.start))


def hash_pattern(prefix: str = "#{", suffix: str = "}") -> re.Pattern[str]:
    """The plugin's variable pattern for its ``custom.sub`` ``prefix`` and ``suffix``."""
    return re.compile(f"{re.escape(prefix)}([^}}]+){re.escape(suffix)}")


def sub_variables(value: Any, pattern: re.Pattern[str], *, in_sub: bool = False) -> Any:
    """``value`` as the serverless-cloudformation-sub-variables plugin leaves it.

    In an ``Fn::Sub`` string each ``#{Name}`` becomes ``${Name}``; any other string holding one
    becomes an ``Fn::Sub`` of itself so rewritten (and then every ``${...}`` in it is
    CloudFormation's). The rewrite keeps every offset when prefix and suffix are ``#{``/``}``.
    """
    if isinstance(value, HostString):
        if pattern.search(value) is None:
            return value
        rewritten = HostString(pattern.sub(r"${\1}", value), value.offsets, value.start)
        return rewritten if in_sub else Tagged("Sub", rewritten, value.start)
    if isinstance(value, Tagged):
        inner = value.value
        if value.tag == "Sub" and isinstance(inner, HostList) and inner:
            items = HostList([sub_variables(inner[0], pattern, in_sub=True)])
            items.extend(sub_variables(item, pattern) for item in inner[1:])
            items.start = inner.start
            inner = items
        else:
            inner = sub_variables(inner, pattern, in_sub=value.tag == "Sub")
        return Tagged(value.tag, inner, value.start)
    if isinstance(value, HostList):
        items = HostList(
            sub_variables(item, pattern, in_sub=in_sub and not index)
            for index, item in enumerate(value)
        )
        items.start = value.start
        return items
    if isinstance(value, HostMapping):
        mapping = HostMapping(
            (key, sub_variables(item, pattern, in_sub=key == "Fn::Sub"))
            for key, item in value.items()
        )
        mapping.start = value.start
        return mapping
    return value
