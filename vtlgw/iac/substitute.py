"""What CloudFormation makes of a template value before API Gateway sees it.

A mapping template in a CloudFormation (or SAM, or CDK-synthesized) template is a string, an
``Fn::Sub`` (``!Sub "..."`` or ``!Sub ["...", {Name: value}]``) or an ``Fn::Join`` of strings.
:func:`resolve_template` gives the text API Gateway receives, the map from its offsets back to
the host file, and the :class:`~vtlgw.iac.model.Substitution` of every replaced piece:

* in an ``Fn::Sub`` string every ``${Name}`` is CloudFormation's: the variable map's literal
  value when it has one (known), else the visible placeholder ``{{Name}}`` (known only at
  deploy time), whatever ``Name`` is (a parameter, a resource, ``AWS::Region``,
  ``Resource.Attribute``, or a name CloudFormation will refuse when it deploys);
* ``${!Literal}`` becomes ``${Literal}``: how a VTL formal reference is written in ``Fn::Sub``;
* VTL's own ``$ref``, ``$!ref`` and ``$!{ref}`` have no ``${`` and are never touched; an
  ``${`` with no ``}`` after it is left as written;
* in an ``Fn::Join`` the literal parts are joined with the delimiter, and a part that is an
  intrinsic function (``Ref``, ``Fn::GetAtt``, ``Fn::ImportValue``, ...) becomes a placeholder.

Placeholder characters map to the ``${`` (or the intrinsic) they replace; every other
character maps to where the host wrote it. A value of another shape (a number, ``Fn::If``, an
``Fn::Sub`` of a list of three) is an :class:`~vtlgw.errors.InputError` at its host position.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vtlgw.errors import InputError
from vtlgw.iac.model import Substitution
from vtlgw.iac.positions import MappedText, host_error
from vtlgw.iac.tree import HostList, HostMapping, HostString, Tagged
from vtlgw.location import OffsetMap

#: CloudFormation's pseudo parameters (``${AWS::Region}``), known only at deploy time.
PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::NoValue",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)


@dataclass(frozen=True)
class Resolved:
    """A template's text as API Gateway receives it, mapped back to the host file."""

    text: str
    offsets: OffsetMap
    substitutions: tuple[Substitution, ...] = ()


@dataclass(frozen=True)
class Intrinsic:
    """An intrinsic function call, short (``!Sub x``) or long (``{"Fn::Sub": x}``) form."""

    name: str
    argument: Any
    start: int
    short: bool

    def written(self) -> str:
        """How the host wrote it, for a substitution's ``source``: ``!Ref Table`` in YAML's
        short form, ``{"Ref": "Table"}`` in the long form."""
        argument = _plain(self.argument)
        if self.short:
            shown = argument if isinstance(argument, str) else json.dumps(argument)
            return f"!{self.name} {shown}"
        return json.dumps({_long_name(self.name): argument})

    def placeholder(self) -> str:
        """The visible stand-in for its deploy-time value: ``{{Table}}``, ``{{Api.Arn}}``."""
        argument = self.argument
        if self.name == "Ref" and isinstance(argument, str):
            return f"{{{{{argument}}}}}"
        if self.name == "GetAtt" and isinstance(argument, str):
            return f"{{{{{argument}}}}}"
        if self.name == "GetAtt" and isinstance(argument, list):
            return "{{" + ".".join(str(item) for item in argument) + "}}"
        if self.name == "ImportValue" and isinstance(argument, str):
            return f"{{{{ImportValue {argument}}}}}"
        return f"{{{{Fn::{self.name}}}}}"


def intrinsic(value: Any) -> Intrinsic | None:
    """The intrinsic function ``value`` calls, or ``None`` for any other value."""
    if isinstance(value, Tagged):
        return Intrinsic(value.tag, value.value, value.start, True)
    if isinstance(value, HostMapping) and len(value) == 1:
        ((key, argument),) = value.items()
        if key == "Ref":
            return Intrinsic("Ref", argument, value.start, False)
        if key.startswith("Fn::") and len(key) > 4:
            return Intrinsic(str(key)[4:], argument, value.start, False)
    return None


def describe(value: Any) -> str:
    """What a host value is, for messages: ``a list``, ``Fn::If``, ``the number 42``."""
    call = intrinsic(value)
    if call is not None:
        return _long_name(call.name)
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def position(value: Any, fallback: int) -> int:
    """The host offset where ``value`` is written (``fallback`` for a number or null)."""
    start = getattr(value, "start", None)
    return start if isinstance(start, int) else fallback


def substitute(string: HostString, variables: Mapping[Any, Any] | None = None) -> Resolved:
    """``Fn::Sub`` of ``string`` with the variable map ``variables`` (its literal values)."""
    out = MappedText()
    subs: list[Substitution] = []
    names = variables or {}
    offsets = string.offsets
    index = 0
    while True:
        opening = string.find("${", index)
        closing = string.find("}", opening + 2) if opening >= 0 else -1
        if closing < 0:
            out.add_mapped(string, offsets, index)
            break
        out.add_mapped(string, offsets, index, opening)
        begin = len(out)
        source = str(string[opening : closing + 1])
        if string.startswith("!", opening + 2):
            out.add_mapped(string, offsets, opening, opening + 2)
            out.add_mapped(string, offsets, opening + 3, closing + 1)
            subs.append(Substitution(source, "${" + source[3:], True, begin, len(out)))
        else:
            name = source[2:-1]
            value = names.get(name)
            if isinstance(value, HostString):
                out.add_mapped(value, value.offsets)
                subs.append(Substitution(source, str(value), True, begin, len(out)))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                out.add_at(str(value), offsets(opening))
                subs.append(Substitution(source, str(value), True, begin, len(out)))
            else:
                placeholder = f"{{{{{name}}}}}"
                out.add_at(placeholder, offsets(opening))
                subs.append(Substitution(source, placeholder, False, begin, len(out)))
        index = closing + 1
    return Resolved(out.text(), out.offsets(offsets(len(string))), tuple(subs))


class _Resolver:
    """Resolves one template value of one host file, raising errors at host positions."""

    def __init__(self, host: str, host_text: str, where: str) -> None:
        self.host = host
        self.host_text = host_text
        self.where = where

    def error(self, message: str, offset: int) -> InputError:
        return host_error(
            f"{self.where}: {message}", name=self.host, text=self.host_text, offset=offset
        )

    def template(self, value: Any, at: int) -> Resolved:
        if isinstance(value, HostString):
            return Resolved(str(value), value.offsets)
        call = intrinsic(value)
        if call is not None and call.name == "Sub":
            return self.sub(call)
        if call is not None and call.name == "Join":
            return self.join(call)
        raise self.error(
            f"a mapping template must be a string, Fn::Sub or Fn::Join of strings, not "
            f"{describe(value)} (vtlgw cannot tell which text API Gateway would receive)",
            position(value, at),
        )

    def sub(self, call: Intrinsic) -> Resolved:
        argument = call.argument
        if isinstance(argument, HostString):
            return substitute(argument)
        if (
            isinstance(argument, HostList)
            and len(argument) == 2
            and isinstance(argument[0], HostString)
            and isinstance(argument[1], HostMapping)
        ):
            return substitute(argument[0], argument[1])
        raise self.error(
            "Fn::Sub takes a string or a list of a string and a mapping of variables "
            f"(\"['text ${{Name}}', {{Name: value}}]\"), not {_shape(argument)}",
            position(argument, call.start),
        )

    def join(self, call: Intrinsic) -> Resolved:
        argument = call.argument
        if not (
            isinstance(argument, HostList)
            and len(argument) == 2
            and isinstance(argument[0], HostString)
            and isinstance(argument[1], HostList)
        ):
            raise self.error(
                "Fn::Join takes a list of a delimiter string and a list of values "
                f"(\"['', [part, part]]\"), not {_shape(argument)}",
                position(argument, call.start),
            )
        delimiter, parts = argument
        out = MappedText()
        subs: list[Substitution] = []
        end = delimiter.offsets(len(delimiter))
        for number, part in enumerate(parts):
            if number:
                out.add_mapped(delimiter, delimiter.offsets)
            begin = len(out)
            nested = intrinsic(part)
            if isinstance(part, HostString):
                out.add_mapped(part, part.offsets)
                end = part.offsets(len(part))
            elif nested is not None and nested.name in ("Sub", "Join"):
                resolved = self.sub(nested) if nested.name == "Sub" else self.join(nested)
                out.add_mapped(resolved.text, resolved.offsets)
                subs.extend(_shifted(sub, begin) for sub in resolved.substitutions)
                end = resolved.offsets(len(resolved.text))
            elif nested is not None:
                placeholder = nested.placeholder()
                out.add_at(placeholder, nested.start)
                subs.append(Substitution(nested.written(), placeholder, False, begin, len(out)))
                end = nested.start
            else:
                raise self.error(
                    f"Fn::Join joins strings and intrinsic functions, not {describe(part)}",
                    position(part, parts.start),
                )
        return Resolved(out.text(), out.offsets(end), tuple(subs))


def _long_name(name: str) -> str:
    return name if name in ("Ref", "Condition") else f"Fn::{name}"


def _plain(value: Any) -> Any:
    """A host value as plain JSON-able data (a short form as its long form)."""
    if isinstance(value, Tagged):
        return {_long_name(value.tag): _plain(value.value)}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _shape(value: Any) -> str:
    if isinstance(value, list):
        inner = ", ".join(describe(item) for item in value)
        return f"a list of {len(value)} ({inner})" if value else "an empty list"
    return describe(value)


def _shifted(sub: Substitution, by: int) -> Substitution:
    return Substitution(sub.source, sub.value, sub.known, sub.start + by, sub.end + by)


def resolve_template(value: Any, *, host: str, host_text: str, where: str, at: int) -> Resolved:
    """The text API Gateway receives for the template value ``value`` of a CloudFormation host.

    ``where`` names the value in messages (its key path); ``at`` is the host offset to report
    for a value that has no position of its own (a number, a null).
    """
    return _Resolver(host, host_text, where).template(value, at)
