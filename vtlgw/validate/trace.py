"""Point a JSON error in rendered output back at the template line that most likely caused it.

The engine does not keep a map from output bytes to template nodes, so this works from the
text: the output line around the error is compared with template lines. The usual culprit is
an unquoted reference that rendered empty (``"count": $input.path('$.missing'),`` renders
``"count": ,``; ref §9.4 and §11.1 (V)), recognised when the literal text before and after a
reference in a template line surrounds the error position in the output. A ``\\'`` escape in
the output points at ``$util.escapeJavaScript`` (ref §3.1 (D), §9.1 (O)). When nothing fits,
no position is claimed, nor when two template spots fit equally well (the same line in the
two branches of an ``#if``): a guess printed as a position would send the reader to the wrong
line.
"""

from __future__ import annotations

import re

from vtlgw.validate.result import TemplateSpot

_REFERENCE = re.compile(
    r"\$!?(?:\{[^}\n]*\}"
    r"|[A-Za-z][\w-]*(?:\.[A-Za-z_][\w-]*|\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])*)"
)
_LITERAL_END = re.compile(r"[$#]")
# The engine's line breaks (vtlgw.location.LineIndex); str.splitlines would also split on form
# feeds, U+2028 and others, and number the template's lines differently from every other error.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(template: str) -> list[str]:
    return _LINE_BREAK.split(template)


def _next_literal(text: str) -> str:
    return _LITERAL_END.split(text, maxsplit=1)[0].strip()


def _empty_reference(template: str, prefix: str, suffix: str) -> TemplateSpot | None:
    best: tuple[int, TemplateSpot] | None = None
    tied = False  # two spots fit equally well (#if/#else branches): no position is claimed
    prefix_tail = prefix.rstrip()
    suffix_head = suffix.lstrip()
    for number, line in enumerate(_lines(template), start=1):
        previous_end = 0
        for match in _REFERENCE.finditer(line):
            before = line[previous_end : match.start()].strip()
            previous_end = match.end()
            if not before or not prefix_tail.endswith(before):
                continue
            after = _next_literal(line[match.end() :])
            if after and not suffix_head.startswith(after[:1]):
                continue
            score = len(before) + (len(after) and 1)
            spot = TemplateSpot(
                line=number,
                column=match.start() + 1,
                snippet=match.group(),
                reason="this reference probably rendered empty (null or undefined), "
                "leaving no JSON value; quote it or give it a default",
                source_line=line,
            )
            if best is None or score > best[0]:
                best, tied = (score, spot), False
            elif score == best[0]:
                tied = True
    return None if best is None or tied else best[1]


def _escape_javascript(template: str) -> TemplateSpot | None:
    for number, line in enumerate(_lines(template), start=1):
        column = line.find("escapeJavaScript")
        if column >= 0:
            start = line.rfind("$", 0, column)
            return TemplateSpot(
                line=number,
                column=(start if start >= 0 else column) + 1,
                snippet=line.strip(),
                reason="$util.escapeJavaScript turns ' into \\', which is not a JSON escape; "
                'append .replaceAll("\\\\\'","\'")',
                source_line=line,
            )
    return None


def trace_json_error(
    template: str, output: str, offset: int, *, message: str = ""
) -> TemplateSpot | None:
    """The template position that most likely produced the JSON error at ``offset``."""
    if output.startswith("\\'", offset):
        spot = _escape_javascript(template)
        if spot is not None:
            return spot
    line_start = output.rfind("\n", 0, offset) + 1
    line_end = output.find("\n", offset)
    if line_end < 0:
        line_end = len(output)
    prefix = output[line_start:offset]
    suffix = output[offset:line_end]
    return _empty_reference(template, prefix, suffix)
