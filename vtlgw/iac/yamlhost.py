"""A YAML host file (CloudFormation, SAM, OpenAPI, serverless.yml) as positioned values.

:func:`load_yaml_host` reads the text with :class:`HostLoader`, a subclass of the project's
bounded loader (:class:`vtlgw.document.BoundedLoader`: bounded size, nesting and alias
expansion, no duplicate keys), into the values of :mod:`vtlgw.iac.tree`:

* every string is a :class:`~vtlgw.iac.tree.HostString` whose characters map to their host
  offsets through the scalar's style (plain, quoted, block: :mod:`vtlgw.iac.scalars`); every
  mapping key is one too, spelled as written (``200:`` is the key ``"200"``);
* mappings and sequences are :class:`~vtlgw.iac.tree.HostMapping` and
  :class:`~vtlgw.iac.tree.HostList`; merge keys (``<<``) merge as in YAML;
* CloudFormation's short-form intrinsics (``!Ref``, ``!Sub``, ``!GetAtt``, ...) are
  :class:`~vtlgw.iac.tree.Tagged`; any other local tag is an error at its position.

Numbers, booleans, nulls and dates load as PyYAML's safe loader loads them. Errors are
:class:`~vtlgw.errors.InputError` at the host line and column.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import yaml

from vtlgw.document import MAX_DOCUMENT_CHARS, BoundedLoader, Refused
from vtlgw.errors import InputError
from vtlgw.iac.positions import host_error
from vtlgw.iac.scalars import rescan
from vtlgw.iac.tree import HostList, HostMapping, HostString, Tagged
from vtlgw.location import OffsetMap

#: CloudFormation's short-form intrinsic function tags, without the ``!``.
SHORT_FORMS = (
    "Ref",
    "Sub",
    "GetAtt",
    "Join",
    "Select",
    "Split",
    "If",
    "Equals",
    "Not",
    "And",
    "Or",
    "FindInMap",
    "Base64",
    "Cidr",
    "ImportValue",
    "GetAZs",
    "Transform",
    "Condition",
    "Length",
    "ToJsonString",
)
_STANDARD = "tag:yaml.org,2002:"


class HostLoader(BoundedLoader):
    """The bounded loader, building positioned values and CloudFormation's tagged forms.

    The scanner is asked where each scalar token starts (a node's own start mark is that of
    its tag or anchor) and, for block scalars, at which indentation it was read; the scalar
    constructors read the token's text again for the offset of every character.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.host_text = text
        #: Scalar tokens by the offset where they end: (start offset, scanner indent).
        self.scalar_tokens: dict[int, tuple[int, int]] = {}

    def _record(self, token: yaml.ScalarToken, indent: int) -> yaml.ScalarToken:
        self.scalar_tokens[token.end_mark.index] = (token.start_mark.index, indent)
        return token

    def scan_plain(self) -> yaml.ScalarToken:
        indent: int = self.indent
        return self._record(super().scan_plain(), indent)

    def scan_flow_scalar(self, style: str) -> yaml.ScalarToken:
        indent: int = self.indent
        return self._record(super().scan_flow_scalar(style), indent)

    def scan_block_scalar(self, style: str) -> yaml.ScalarToken:
        indent: int = self.indent
        return self._record(super().scan_block_scalar(style), indent)

    def host_string(self, node: yaml.ScalarNode) -> HostString:
        """The scalar's value, each character mapped to its host offset."""
        value: str = node.value
        start: int = node.start_mark.index
        end: int = node.end_mark.index
        token = self.scalar_tokens.get(end) if value and start != end else None
        if token is None:
            return HostString.plain(value, start)
        token_start, indent = token
        text, offsets = rescan(self.host_text, token_start, end, node.style, indent)
        if text != value:  # not expected (the tests compare both); keep the value, coarsely
            offsets = OffsetMap([(0, token_start)])
        return HostString(value, offsets, offsets(0))

    def construct_host_string(self, node: yaml.Node) -> HostString:
        """A ``str`` scalar."""
        assert isinstance(node, yaml.ScalarNode)
        return self.host_string(node)

    def construct_host_list(self, node: yaml.Node) -> HostList:
        """A sequence, its items constructed."""
        if not isinstance(node, yaml.SequenceNode):
            raise Refused(f"expected a sequence for the tag {node.tag!r}", node.start_mark)
        items = HostList(self.construct_object(item, deep=True) for item in node.value)
        items.start = node.start_mark.index
        return items

    def construct_host_mapping(self, node: yaml.Node) -> HostMapping:
        """A mapping, merge keys merged, every key a :class:`HostString`."""
        if not isinstance(node, yaml.MappingNode):
            raise Refused(f"expected a mapping for the tag {node.tag!r}", node.start_mark)
        self.flatten_mapping(node)
        mapping = HostMapping()
        mapping.start = node.start_mark.index
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.tag.startswith(_STANDARD):
                raise Refused(
                    "a mapping key must be a string, number or boolean as written, not a "
                    "tagged value, a list or a mapping",
                    key_node.start_mark,
                )
            mapping[self.host_string(key_node)] = self.construct_object(value_node, deep=True)
        return mapping

    def construct_tagged(self, node: yaml.Node) -> Tagged:
        """``!Tag value``: a CloudFormation short form."""
        value: Any
        if isinstance(node, yaml.ScalarNode):
            value = self.host_string(node)
        elif isinstance(node, yaml.SequenceNode):
            value = self.construct_host_list(node)
        else:
            assert isinstance(node, yaml.MappingNode)
            value = self.construct_host_mapping(node)
        return Tagged(str(node.tag)[1:], value, node.start_mark.index)

    def construct_unknown(self, node: yaml.Node) -> Any:
        """Any other tag: refused where it is written."""
        forms = ", ".join(f"!{name}" for name in SHORT_FORMS)
        tag = str(node.tag)
        shown = f"!!{tag[len(_STANDARD) :]}" if tag.startswith(_STANDARD) else tag
        raise Refused(
            f"unknown YAML tag {shown}; expected one of CloudFormation's short forms ({forms})",
            node.start_mark,
        )

    # Our own table, fixed at class creation (nothing is added to PyYAML's loaders, and
    # add_constructor on this class fails instead of changing it).
    yaml_constructors = MappingProxyType(  # type: ignore[assignment]
        {
            **BoundedLoader.yaml_constructors,
            f"{_STANDARD}str": construct_host_string,
            f"{_STANDARD}seq": construct_host_list,
            f"{_STANDARD}map": construct_host_mapping,
            f"{_STANDARD}omap": construct_unknown,
            f"{_STANDARD}pairs": construct_unknown,
            f"{_STANDARD}set": construct_unknown,
            f"{_STANDARD}binary": construct_unknown,
            **dict.fromkeys([f"!{name}" for name in SHORT_FORMS], construct_tagged),
            None: construct_unknown,
        }
    )


def load_yaml_host(text: str, *, name: str) -> Any:
    """The positioned values of the YAML ``text`` of the host file ``name``.

    ``None`` for an empty document. Bad YAML, an unknown tag, a duplicate key, and a file too
    long, too deep or with too many values raise :class:`InputError` at the host position.
    """
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(f"the file is longer than {MAX_DOCUMENT_CHARS:,} characters", name=name)
    loader: HostLoader | None = None
    try:
        loader = HostLoader(text)
        node = loader.get_single_node()
        return None if node is None else loader.construct_document(node)
    except Refused as exc:
        mark = exc.mark
        raise _error(exc.message, None if mark is None else mark.index, name, text) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        said = ", ".join(part for part in (exc.context, exc.problem) if part) or str(exc)
        message = f"not valid YAML: {said}"
        raise _error(message, None if mark is None else mark.index, name, text) from None
    except yaml.reader.ReaderError as exc:
        message = f"not valid YAML: the character {chr(exc.character)!r} is not allowed"
        raise _error(message, exc.position, name, text) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", name=name) from None
    finally:
        if loader is not None:
            loader.dispose()


def _error(message: str, offset: int | None, name: str, text: str) -> InputError:
    if offset is None:
        return InputError(message, name=name)
    return host_error(message, name=name, text=text, offset=offset)
