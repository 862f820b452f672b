"""``vtlgw render``: render a mapping template for an event and print exactly the output.

Exit codes: 0 rendered; 1 the template does not parse, fails while rendering, or (with
``--pretty``) its output is not JSON; 2 usage mistakes and unreadable or malformed inputs
(template file, event file, body file). Errors print as ``path:line:col: message`` with the
source line and a caret, never as a Python traceback.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import click

_STDIN = "-"


def parse_assignment(text: str, *, option: str) -> tuple[str, str]:
    """Split ``NAME=VALUE``; a missing ``=`` or empty name is a usage error."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"expected NAME=VALUE, got {text!r}", param_hint=option)
    return name, value


def scalar(text: str) -> Any:
    """A command-line value: JSON numbers, booleans and objects as such, anything else a string."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, (int, float, bool, dict)) else text


def context_overrides(assignments: tuple[str, ...]) -> dict[str, Any]:
    """``identity.sourceIp=1.2.3.4`` style assignments as one nested mapping."""
    result: dict[str, Any] = {}
    for item in assignments:
        path, value = parse_assignment(item, option="--context")
        keys = path.split(".")
        if any(not key for key in keys):
            raise click.BadParameter(f"empty name in {path!r}", param_hint="--context")
        target = result
        for key in keys[:-1]:
            nested = target.get(key)
            if not isinstance(nested, dict):
                nested = {}
                target[key] = nested
            target = nested
        target[keys[-1]] = scalar(value)
    return result


def _read_text(path: str, what: str) -> str:
    from vtlgw.errors import InputError

    try:
        if path == _STDIN:
            data = click.get_binary_stream("stdin").read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", name=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} is not UTF-8 text (bad byte at offset {exc.start})", name=path
        ) from None


def _pretty(text: str, name: str) -> str:
    from vtlgw.errors import TemplateRuntimeError

    try:
        value = json.loads(text, parse_float=_RawNumber, parse_int=_RawNumber)
    except json.JSONDecodeError as exc:
        raise TemplateRuntimeError(
            f"rendered output is not valid JSON: {exc.msg} "
            f"(output line {exc.lineno}, column {exc.colno})",
            name=name,
        ) from None
    parts: list[str] = []
    _indent(value, 0, parts)
    parts.append("\n")
    return "".join(parts)


class _RawNumber(str):
    """A JSON number kept as written, so ``10.00`` stays ``10.00`` when indented."""


def _indent(value: Any, depth: int, out: list[str]) -> None:
    pad = "  " * (depth + 1)
    if isinstance(value, dict) and value:
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            out.append(("," if index else "") + "\n" + pad + json.dumps(key, ensure_ascii=False))
            out.append(": ")
            _indent(item, depth + 1, out)
        out.append("\n" + "  " * depth + "}")
    elif isinstance(value, list) and value:
        out.append("[")
        for index, item in enumerate(value):
            out.append(("," if index else "") + "\n" + pad)
            _indent(item, depth + 1, out)
        out.append("\n" + "  " * depth + "]")
    elif isinstance(value, _RawNumber):
        out.append(str.__str__(value))
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def _write(text: str) -> None:
    stream = click.get_binary_stream("stdout")
    stream.write(text.encode("utf-8", "surrogatepass"))
    stream.flush()


@click.command("render")
@click.argument("template", metavar="TEMPLATE")
@click.option(
    "-e",
    "--event",
    "event_path",
    required=True,
    metavar="EVENT.json",
    help="Lambda proxy event (WebSocket or REST) to render for; '-' reads stdin.",
)
@click.option(
    "--stage-var",
    "stage_vars",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set $stageVariables.NAME (repeatable; overrides the event's).",
)
@click.option(
    "--context",
    "context_sets",
    multiple=True,
    metavar="PATH=VALUE",
    help="Set a $context value, e.g. identity.sourceIp=203.0.113.9 (repeatable).",
)
@click.option(
    "--body", default=None, help="Request body / message frame text (replaces the event's)."
)
@click.option(
    "--body-file",
    default=None,
    metavar="FILE",
    help="Read the request body / message frame from FILE.",
)
@click.option(
    "--api",
    type=click.Choice(["websocket", "rest"]),
    default=None,
    help="API kind (default: detected from requestContext).",
)
@click.option(
    "--flavor",
    type=click.Choice(["apigateway", "velocity"]),
    default="apigateway",
    show_default=True,
    help="Engine flavour: API Gateway's behaviour or stock Velocity 1.7.",
)
@click.option("--pretty", is_flag=True, help="Check the output is JSON and print it indented.")
@click.option("--traceback", "show_traceback", is_flag=True, help="Show Python tracebacks of bugs.")
def command(
    template: str,
    event_path: str,
    stage_vars: tuple[str, ...],
    context_sets: tuple[str, ...],
    body: str | None,
    body_file: str | None,
    api: Literal["websocket", "rest"] | None,
    flavor: Literal["apigateway", "velocity"],
    pretty: bool,
    show_traceback: bool,
) -> None:
    """Render TEMPLATE ('-' for stdin) for an event and print exactly the output."""
    from vtlgw.errors import InputError, VtlgwError

    if template == _STDIN and event_path == _STDIN:
        raise click.UsageError("the template and the event cannot both come from stdin")
    if body is not None and body_file is not None:
        raise click.UsageError("give --body or --body-file, not both")
    stage_variables = dict(parse_assignment(item, option="--stage-var") for item in stage_vars)
    overrides = context_overrides(context_sets)
    name = "<stdin>" if template == _STDIN else template
    try:
        from vtlgw.events.load import load_event, parse_event

        text = _read_text(template, "template")
        if event_path == _STDIN:
            event = parse_event(_read_text(_STDIN, "event"), name="<stdin>")
        else:
            event = load_event(event_path)
        if body_file is not None:
            body = _read_text(body_file, "body file")
    except InputError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(2) from None
    try:
        from vtlgw.apigw.render import render

        output = render(
            text,
            event,
            flavor=flavor,
            name=name,
            api=api,
            stage_variables=stage_variables,
            context=overrides,
            body=body,
        )
        if pretty:
            output = _pretty(output, name)
    except InputError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(2) from None
    except VtlgwError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(1) from None
    except Exception as exc:  # a bug in vtlgw, not the user's mistake
        if show_traceback:
            raise
        click.echo(
            f"{name}: internal error: {type(exc).__name__}: {exc} "
            "(this is a vtlgw bug; --traceback shows where)",
            err=True,
        )
        raise click.exceptions.Exit(2) from None
    _write(output)
