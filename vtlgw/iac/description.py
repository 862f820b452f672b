"""An integration description laid out from the values of a host file, at host positions.

:mod:`vtlgw.iac.integration` reads an IaC resource into the data shape of a hand-written
integration description, so that :func:`vtlgw.simulate.integration.integration_from_document`
validates it with every rule it has. :class:`Builder` copies the properties a :func:`table`
names, recording for each description key path the host position of its value and key and the
host key path it came from; the :class:`HostDocument` it makes reports each validation error at
the host line and column, named by the host key path
(``Resources/GetPet/Properties/Integration/IntegrationResponses/1/SelectionPattern: ...``).
Each template goes through validation as a :class:`Carried` string that keeps its
:class:`~vtlgw.iac.model.EmbeddedTemplate`, and :func:`hosted` gives the validated
integration's templates their host map back.

A property the table does not name is an error (CloudFormation refuses unknown properties
too), and so is ``CONVERT_TO_BINARY``, which changes a payload vtlgw simulates as text. An
intrinsic function in a field becomes text: ``Fn::Sub`` and ``Fn::Join`` as CloudFormation
resolves them, a ``!GetAtt``/``!Ref`` of a Lambda function of the same template a Lambda ARN,
any other its ``{{...}}`` placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from vtlgw.document import Document, KeyPath, did_you_mean
from vtlgw.errors import InputError
from vtlgw.iac.model import EmbeddedTemplate, TemplateKind
from vtlgw.iac.openapi import TreeReader, offset_of, path_text
from vtlgw.iac.substitute import intrinsic, resolve_template
from vtlgw.iac.tree import HostString
from vtlgw.location import LineIndex
from vtlgw.simulate.integration import Integration, TemplateSource

#: the host keys that hold a map of content type to template
TEMPLATE_MAPS = frozenset(
    {"RequestTemplates", "ResponseTemplates", "requestTemplates", "responseTemplates"}
)
#: resource types whose ``Ref``/``GetAtt`` is a Lambda function
LAMBDA_FUNCTIONS = ("AWS::Lambda::Function", "AWS::Serverless::Function")
_BINARY = "CONVERT_TO_BINARY"
# a Lambda function of the same template, as its ARN (the simulator looks for ":lambda:")
_LAMBDA_ARN = (
    "arn:{{{{AWS::Partition}}}}:lambda:{{{{AWS::Region}}}}:{{{{AWS::AccountId}}}}:"
    "function:{{{{{name}}}}}"
)

#: host property -> description key, or ``None`` for a property read elsewhere or left out
Table = Mapping[str, "str | None"]


def table(kept: str, dropped: str) -> Table:
    """A :data:`Table`: each of ``kept`` is ``Name`` (the same key) or ``Host=name``; each of
    ``dropped`` maps to ``None``."""
    pairs = [item.partition("=") for item in kept.split()]
    named: dict[str, str | None] = {host: name or host for host, _, name in pairs}
    return MappingProxyType({**named, **dict.fromkeys(dropped.split())})


class Carried(str):
    """Template text that remembers the embedded template it came from."""

    template: EmbeddedTemplate

    @classmethod
    def of(cls, template: EmbeddedTemplate) -> Carried:
        """The text of ``template``, carrying it."""
        made = cls(template.text)
        made.template = template
        return made


@dataclass(frozen=True)
class HostDocument(Document):
    """A description laid out from a host resource: errors name the host's key paths."""

    host_paths: Mapping[KeyPath, KeyPath] = field(default_factory=dict)
    host_lines: LineIndex = field(default_factory=lambda: LineIndex(""))

    def error(self, path: KeyPath, message: str, *, at_key: bool = False) -> InputError:
        """An :class:`InputError` at ``path``'s host value (or key), named by its host path."""
        if at_key and path in self.key_marks:
            line, column = self.key_marks[path]
        else:
            probe = path
            while probe not in self.marks and probe:
                probe = probe[:-1]
            line, column = self.marks.get(probe, (0, 0))
        probe = path
        while probe not in self.host_paths and probe:
            probe = probe[:-1]
        where = (*self.host_paths.get(probe, ()), *path[len(probe) :])
        return InputError(
            f"{path_text(where)}: {message}",
            name=self.name,
            line=line,
            column=column,
            source_line=self.host_lines.line(line) if line else None,
        )


class Builder:
    """Lays out description data, recording each value's host position and host key path.

    ``resources`` are the host's CloudFormation resources (for what a ``Ref`` names).
    """

    def __init__(self, reader: TreeReader, resources: Mapping[Any, Any]) -> None:
        self.reader = reader
        self.resources = resources
        self.lines = LineIndex(reader.host_text)
        self.data: dict[str, Any] = {}
        self.marks: dict[KeyPath, tuple[int, int]] = {}
        self.key_marks: dict[KeyPath, tuple[int, int]] = {}
        self.host_paths: dict[KeyPath, KeyPath] = {}

    def place(self, path: KeyPath, host_path: KeyPath, node: Any, key: Any = None) -> None:
        """Record that the value at description ``path`` is ``node`` (under ``key``) at
        ``host_path`` of the host."""
        self.host_paths[path] = host_path
        where = offset_of(node, offset_of(key, -1))
        if where >= 0:
            self.marks[path] = self.lines.line_col(where)
        if offset_of(key, -1) >= 0:
            self.key_marks[path] = self.lines.line_col(offset_of(key))

    def fields(
        self,
        target: dict[str, Any],
        path: KeyPath,
        node: Mapping[Any, Any],
        host_path: KeyPath,
        names: Table,
    ) -> None:
        """Copy the properties of ``node`` (at ``host_path``) that ``names`` keeps into
        ``target`` (at description ``path``)."""
        for host_key, name in names.items():
            described = (*path, name or host_key)
            self.host_paths[described] = (*host_path, host_key)
        for key, value in node.items():
            written = str(key)
            where = (*host_path, written)
            if written not in names:
                hint = did_you_mean(written, names)
                message = f"unknown property{hint}; expected one of {', '.join(names)}"
                raise self.reader.error(key, where, message)
            if written.startswith(("ContentHandling", "contentHandling")):
                self.binary(value, where, key)
            name = names[written]
            if name is None:
                continue
            self.place((*path, name), where, value, key)
            if written in TEMPLATE_MAPS:
                kind: TemplateKind = "request" if written[0] in "Rr" else "response"
                target[name] = self.templates(value, (*path, name), where, key, kind)
            else:
                target[name] = self.value(value, (*path, name), where, key)

    def binary(self, value: Any, host_path: KeyPath, key: Any) -> None:
        """Refuse ``CONVERT_TO_BINARY``: the payloads vtlgw simulates are text."""
        if isinstance(value, str) and value == _BINARY:
            message = (
                f"{_BINARY} changes the payload between the template and the backend or the "
                "client, which vtlgw does not simulate (it simulates text payloads)"
            )
            raise self.reader.error(value, host_path, message, key=key)

    def templates(
        self, value: Any, path: KeyPath, host_path: KeyPath, key: Any, kind: TemplateKind
    ) -> Any:
        """A template map: each template carries its :class:`EmbeddedTemplate`."""
        if not isinstance(value, Mapping):
            return self.value(value, path, host_path, key)  # the validator says what it wants
        found: dict[str, Any] = {}
        for content_type, text in value.items():
            where = (*host_path, str(content_type))
            template = self.reader.template(text, where, key=content_type, kind=kind)
            found[str(content_type)] = Carried.of(template)
            self.place((*path, str(content_type)), where, text, content_type)
        return found

    def value(self, value: Any, path: KeyPath, host_path: KeyPath, key: Any) -> Any:
        """A field's value as a description holds it, nested values placed too."""
        if isinstance(value, Mapping) and intrinsic(value) is None:
            copied: dict[str, Any] = {}
            for item_key, item in value.items():
                where = (*path, str(item_key))
                self.place(where, (*host_path, str(item_key)), item, item_key)
                copied[str(item_key)] = self.value(
                    item, where, (*host_path, str(item_key)), item_key
                )
            return copied
        return self.scalar(value, host_path, key)

    def scalar(self, value: Any, host_path: KeyPath, key: Any) -> Any:
        """A scalar field's value; an intrinsic function becomes its text."""
        if isinstance(value, HostString):
            return str(value)
        call = intrinsic(value)
        if call is None:
            return value
        if call.name in ("Sub", "Join"):
            return resolve_template(
                value,
                host=self.reader.name,
                host_text=self.reader.host_text,
                where=path_text(host_path),
                at=offset_of(key),
            ).text
        target = call.argument
        name = str(target[0] if isinstance(target, list) and target else target).split(".")[0]
        body = self.resources.get(name)
        if isinstance(body, Mapping) and str(body.get("Type")) in LAMBDA_FUNCTIONS:
            return _LAMBDA_ARN.format(name=name)
        return call.placeholder()

    def document(self, name: str) -> HostDocument:
        """The laid-out description, for the validator."""
        return HostDocument(
            name=name,
            data=self.data,
            marks=self.marks,
            key_marks=self.key_marks,
            host_paths=self.host_paths,
            host_lines=self.lines,
        )


def hosted(integration: Integration, name: str) -> Integration:
    """``integration`` named ``name``, each template named by its selector and keeping its
    host map (:attr:`TemplateSource.host <vtlgw.simulate.integration.TemplateSource.host>`)."""

    def sources(templates: Mapping[str, TemplateSource]) -> dict[str, TemplateSource]:
        moved = {}
        for key, source in templates.items():
            if isinstance(source.text, Carried):
                template = source.text.template
                source = TemplateSource(template.text, template.selector, host=template)
            moved[key] = source
        return moved

    responses = tuple(
        replace(spec, templates=sources(spec.templates)) for spec in integration.responses
    )
    return replace(
        integration,
        name=name,
        request_templates=sources(integration.request_templates),
        responses=responses,
    )
