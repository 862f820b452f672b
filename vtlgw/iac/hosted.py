"""Errors and findings of an embedded template, moved from template to host positions.

The engine and the output checks report positions in the template text they were given (line 1
is the template's first line). For a template that lives in a host file those positions are
moved through the template's offset map, so ``path:line:col`` is the host file's, the source
line shown under it is the host's line, and the message ends with the key path that holds the
template (``[Resources/ConnectIntegration/Properties/RequestTemplates/$default]``), as the
linter prints it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from vtlgw.errors import TemplateSyntaxError, VtlgwError
from vtlgw.iac.model import EmbeddedTemplate
from vtlgw.location import LineIndex, SourceLocation
from vtlgw.validate.result import Finding, TemplateSpot

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def template_offset(text: str, line: int, column: int) -> int:
    """The offset in ``text`` of the 1-based ``line`` and ``column`` (clamped into the text).

    Line breaks are ``\\n``, ``\\r\\n`` and a lone ``\\r``, as in
    :class:`~vtlgw.location.LineIndex`.
    """
    start = 0
    if line > 1:
        for number, match in enumerate(_LINE_BREAK.finditer(text), start=2):
            if number == line:
                start = match.end()
                break
        else:
            return len(text)
    return min(start + max(column - 1, 0), len(text))


def host_point(template: EmbeddedTemplate, line: int, column: int) -> tuple[int, int, str]:
    """The host line, column and source line of the template's ``line``:``column``.

    The end of a template that ends with a line break (where an unclosed block is reported)
    is shown at that last line break, on the template's last line, not at the host line after
    it, which holds something else.
    """
    text = template.text
    offset = template_offset(text, line, column)
    if offset == len(text) and text.endswith(("\n", "\r")):
        offset -= 2 if text.endswith("\r\n") else 1
    where = template.location(offset, offset)
    return where.line, where.column, LineIndex(template.host_text).line(where.line)


def tagged(message: str, template: EmbeddedTemplate) -> str:
    """``message [key/path]``: a message about the template at ``template``'s key path."""
    return f"{message} [{template.key_path_text}]"


def host_error(exc: VtlgwError, template: EmbeddedTemplate) -> VtlgwError:
    """``exc`` (raised for ``template.text``) as an error of the same kind at the host position.

    A syntax error's ``opened_at`` (the block still open) moves too, in its message as well.
    """
    message = tagged(exc.message, template)
    if exc.line <= 0:
        return _same_kind(exc, message, template.host, 0, 0, None)
    line, column, source_line = host_point(template, exc.line, exc.column)
    moved = _same_kind(exc, message, template.host, line, column, source_line)
    opened = exc.opened_at if isinstance(exc, TemplateSyntaxError) else None
    if isinstance(moved, TemplateSyntaxError) and opened is not None and opened.known:
        at_line, at_column, _ = host_point(template, opened.line, opened.column)
        moved.message = moved.message.replace(
            f"opened at {opened.line}:{opened.column}", f"opened at {at_line}:{at_column}", 1
        )
        moved.args = (moved.message,)
        moved.opened_at = SourceLocation.point(template.host, at_line, at_column)
    return moved


def _same_kind(
    exc: VtlgwError,
    message: str,
    name: str,
    line: int,
    column: int,
    source_line: str | None,
) -> VtlgwError:
    moved = type(exc)(message, name=name, line=line, column=column, source_line=source_line)
    moved.__cause__ = exc.__cause__
    return moved


def host_spot(spot: TemplateSpot, template: EmbeddedTemplate) -> TemplateSpot:
    """A finding's template position moved to the host file (the host line shown)."""
    line, column, source_line = host_point(template, spot.line, spot.column)
    return replace(spot, line=line, column=column, source_line=source_line)


def host_finding(finding: Finding, template: EmbeddedTemplate) -> Finding:
    """A validation finding of ``template`` at host positions, its message tagged."""
    spot = None if finding.template is None else host_spot(finding.template, template)
    return replace(finding, message=tagged(finding.message, template), template=spot)
