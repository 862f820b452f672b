"""The render check: render a template once, under a small budget, for a plausible event.

:func:`render_probe` plans the event (:mod:`vtlgw.lint.eventplan`), compiles the tree the
linter already parsed and renders it; :func:`locate_json_error` says where in the template a
JSON error of the output comes from. Looking for the event that breaks a template is the
fuzzer's job; this only asks whether the template works for an ordinary one.

The engine, the event synthesiser and the output checks are imported inside the functions, so
importing the linter stays cheap.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from vtlgw.engine import nodes as n
from vtlgw.engine.parser import ParsedTemplate
from vtlgw.errors import VtlgwError
from vtlgw.lint.eventplan import Value, build_event, guess_route, plan_event
from vtlgw.lint.jsonshape import JsonShape
from vtlgw.lint.source import ApiKind

#: The budget of one probe render: a template that needs more is not judged.
PROBE_LIMITS: Mapping[str, int] = MappingProxyType(
    {
        "max_steps": 20_000,
        "max_output_size": 512 * 1024,
        "max_string_size": 512 * 1024,
        "max_collection_size": 50_000,
        "max_range_size": 10_000,
        "max_loop_iterations": 10_000,
    }
)
#: ``$context.error`` of a gateway response template (ref §1.2), which events do not carry.
_GATEWAY_ERROR = MappingProxyType(
    {
        "message": "Forbidden",
        "messageString": '"Forbidden"',
        "responseType": "ACCESS_DENIED",
        "validationErrorString": "Forbidden",
    }
)
_WORD = re.compile(r"value([0-9]+)")


@dataclass(frozen=True)
class ProbeResult:
    """The probe render: its route, and the output or the render error."""

    route: str
    output: str | None
    error: VtlgwError | None
    words: tuple[Value, ...] = ()
    #: the event's body text and the references printing ``$input.body``
    body: str = ""
    body_printers: tuple[n.Reference, ...] = ()

    def blame(self, offset: int) -> n.Reference | None:
        """The printed reference whose synthetic text the output holds at ``offset``.

        The words are unique (``value1``, ``value2``...), so a JSON error on or right next to
        one (``""value2""``, an unquoted ``value2``) is that reference's doing; an error inside
        a copy of the event's body is ``$input.body``'s.
        """
        output = self.output or ""
        if self.body and self.body_printers:
            start = output.find(self.body, max(0, offset - len(self.body)))
            if 0 <= start <= offset < start + len(self.body):
                return self.body_printers[0]
        low = max(0, offset - 12)
        for match in _WORD.finditer(output, low, offset + 12):
            if match.start() - 2 <= offset <= match.end() + 1:
                index = int(match.group(1)) - 1
                if 0 <= index < len(self.words) and self.words[index].printers:
                    return self.words[index].printers[0]
        return None


def render_probe(
    parsed: ParsedTemplate, shape: JsonShape, *, api: ApiKind | None, route_kind: str | None
) -> ProbeResult | None:
    """Render the parsed template for its plausible event (``None``: not judged).

    The tree the linter parsed is compiled directly (no second parse) and rendered with the
    interpreter (generating code costs more than it saves for one render). A template over
    API Gateway's size limit, one nesting too deeply to compile, and one that runs out of
    the :data:`PROBE_LIMITS` budget are not judged.
    """
    from vtlgw.apigw.options import RenderOptions
    from vtlgw.apigw.render import render_event
    from vtlgw.engine.compiler import Compiler
    from vtlgw.engine.environment import Template
    from vtlgw.engine.runtime import Options
    from vtlgw.errors import LimitExceeded

    options = Options.for_flavor("apigateway", codegen=False, **PROBE_LIMITS)
    if len(parsed.source) > options.max_template_size:
        return None
    plan = plan_event(parsed.root, parsed.source, shape)
    route = guess_route(plan, api, route_kind)
    event, words = build_event(plan, route)
    context = {"error": _GATEWAY_ERROR} if "error" in plan.context else {}
    render_options = RenderOptions(api="rest" if route == "rest" else "websocket", context=context)
    try:
        template = Template(parsed, Compiler(parsed, options).compile(), options)
        output = render_event(template, event, render_options)
    except RecursionError:
        return None
    except LimitExceeded as exc:
        # API Gateway's own #foreach cap is a finding; the probe's budget running out is not.
        # Which one it was: the render without the cap also runs out, or it does not.
        truncating = dataclasses.replace(options, foreach_cap_behavior="truncate")
        try:
            template = Template(parsed, Compiler(parsed, truncating).compile(), truncating)
            render_event(template, event, render_options)
        except (LimitExceeded, RecursionError):
            return None
        except VtlgwError:
            pass
        return ProbeResult(route, None, exc)
    except VtlgwError as exc:
        return ProbeResult(route, None, exc)
    body = event.get("body")
    return ProbeResult(
        route,
        output,
        None,
        tuple(words),
        body if isinstance(body, str) else "",
        tuple(plan.raw_body.printers),
    )


@dataclass(frozen=True)
class Problem:
    """A finding of the render check: the template span to blame and the message."""

    start: int
    end: int
    message: str


def json_problem(result: ProbeResult, text: str) -> Problem | None:
    """The JSON error of the probe's output, placed where it comes from in ``text``.

    Blamed, in order: the reference whose synthetic word or body copy the error sits on
    (:meth:`ProbeResult.blame`), the spot :func:`vtlgw.validate.trace.trace_json_error`
    finds (a reference that rendered empty, an unrepaired ``escapeJavaScript``), else the
    template's start. Output that is empty is not judged: the synthetic values took a
    branch that prints nothing.
    """
    from vtlgw.validate.jsonout import check_json
    from vtlgw.validate.trace import trace_json_error

    output = result.output
    if output is None or not output.strip():
        return None
    checked = check_json(output)
    if checked.well_formed:
        return None
    error = checked.findings[0]
    offset = error.offset or 0
    message = (
        f"rendered for a synthetic {result.route} event that has every value the template "
        f"reads, the {error.message} at output {error.line}:{error.column} "
        f"({_output_excerpt(output, offset)})"
    )
    blamed = result.blame(offset)
    if blamed is not None:
        spelled = text[blamed.start : blamed.end]
        return Problem(blamed.start, blamed.end, f"{message}; it comes from {spelled} here")
    spot = trace_json_error(text, output, offset)
    if spot is None:
        return Problem(0, 0, message)
    start = offset_of(text, spot.line, spot.column)
    end = start + len(spot.snippet) if text.startswith(spot.snippet, start) else start
    return Problem(start, end, f"{message}; {spot.reason}" if spot.reason else message)


def error_problem(result: ProbeResult, text: str) -> Problem | None:
    """The probe's render error, at its template position (else the start)."""
    error = result.error
    if error is None:
        return None
    start = offset_of(text, error.line, error.column) if error.line > 0 else 0
    return Problem(
        start,
        start,
        f"rendering for a synthetic {result.route} event that has every value the template "
        f"reads fails: {error.message} (ref §5.5)",
    )


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def offset_of(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column (line breaks as in the engine)."""
    start = 0
    for number, match in enumerate(_LINE_BREAK.finditer(text), start=2):
        if number > line:
            break
        start = match.end()
    return min(start + max(column - 1, 0), len(text))


def _output_excerpt(output: str, offset: int) -> str:
    """The output line holding ``offset``, cut to 60 characters around it, quoted."""
    line_start = max(output.rfind("\n", 0, offset), output.rfind("\r", 0, offset)) + 1
    line_end = len(output)
    for mark in "\r\n":
        found = output.find(mark, offset)
        if found >= 0:
            line_end = min(line_end, found)
    line = output[line_start:line_end]
    if len(line) > 60:
        low = max(0, min(offset - line_start - 30, len(line) - 60))
        cut = line[low : low + 60]
        line = ("..." if low else "") + cut + ("..." if low + 60 < len(line) else "")
    return repr(line.strip()) if line.strip() else "an empty line"
