"""Positioned values of a YAML or JSON host file: what the CloudFormation/OpenAPI readers walk.

A host file loads into plain-looking Python values that also remember where they came from:

* :class:`HostString` is a ``str`` whose characters each know their offset in the host text
  (``offsets``), through the host's escaping: YAML block and flow scalars, JSON ``\\n`` and
  ``\\"``. Its ``start`` is the host offset of the scalar's first character of content.
* :class:`HostMapping` is a ``dict`` (keys are :class:`HostString`) with ``start``.
* :class:`HostList` is a ``list`` with ``start``.
* :class:`Tagged` is a CloudFormation short-form intrinsic (``!Sub``, ``!Ref``, ``!GetAtt``,
  ``!Join``, ...), kept as written: ``tag`` without the ``!`` (``Sub``), ``value`` the tagged
  node, and ``start``. The long forms (``{"Fn::Sub": ...}``) stay ordinary mappings.

Every host offset is a character offset into the host text; :class:`~vtlgw.location.LineIndex`
turns it into a line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vtlgw.location import OffsetMap


class HostString(str):
    """A string from a host file that maps each of its offsets to a host text offset."""

    offsets: OffsetMap
    start: int

    def __new__(cls, value: str, offsets: OffsetMap, start: int) -> HostString:
        """``value`` whose offset ``i`` sits at host offset ``offsets(i)``."""
        made = super().__new__(cls, value)
        made.offsets = offsets
        made.start = start
        return made

    @classmethod
    def plain(cls, value: str, start: int) -> HostString:
        """A string written in the host without escapes, starting at host offset ``start``."""
        return cls(value, OffsetMap([(0, start)]), start)


class HostMapping(dict[HostString, Any]):
    """A mapping from a host file; ``start`` is the host offset where it begins."""

    start: int = 0


class HostList(list[Any]):
    """A sequence from a host file; ``start`` is the host offset where it begins."""

    start: int = 0


@dataclass(frozen=True)
class Tagged:
    """A CloudFormation short-form intrinsic function, ``!Tag value``, as written."""

    tag: str
    value: Any
    start: int
