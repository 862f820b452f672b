"""``vtlgw render``: render a mapping template for an event and print exactly the output.

TEMPLATE is a template file, ``-`` (stdin), or a template in an IaC file (``HOST#KEY/PATH``,
see :mod:`vtlgw.iac.selector`), whose errors print at the host file's position with the key
path. Exit codes: 0 rendered; 1 the template does not parse, fails while rendering, or (with
``--pretty``) its output is not JSON; 2 usage mistakes and unreadable or malformed inputs
(template file, IaC file, selector, event file, body file). Errors print as
``path:line:col: message`` with the source line and a caret, never as a Python traceback.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import click

from vtlgw.cli.common import (
    RenderInputs,
    binary_stream,
    display_name,
    examples,
    exit_on_errors,
    flavor_option,
    render_input_options,
)


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
    stream = binary_stream("stdout")
    stream.write(text.encode("utf-8", "surrogatepass"))
    stream.flush()


@click.command(
    "render",
    epilog=examples(
        "vtlgw render templates/connect.vtl --event event.json",
        "vtlgw event message --seed 1 | vtlgw render t.vtl --event - --pretty",
        "vtlgw render t.vtl -e event.json --stage-var table=conn --flavor velocity",
        "vtlgw render 'template.yaml#ConnectIntegration/$default' --event event.json",
    ),
)
@click.argument("template", metavar="TEMPLATE")
@render_input_options
@flavor_option
@click.option("--pretty", is_flag=True, help="Check the output is JSON and print it indented.")
@click.option("--traceback", "show_traceback", is_flag=True, help="Show Python tracebacks of bugs.")
def command(
    template: str,
    inputs: RenderInputs,
    flavor: Literal["apigateway", "velocity"],
    pretty: bool,
    show_traceback: bool,
) -> None:
    """Render TEMPLATE for an event and print exactly the output.

    TEMPLATE is a template file, '-' for stdin, or a template in an IaC file:
    'template.yaml#ConnectIntegration/$default' (quote it; `vtlgw templates` lists them).
    """
    with exit_on_errors(display_name(template)):
        source, event, options = inputs.read(template)
    name = source.name
    note = source.note()
    if note is not None:
        click.echo(note, err=True)
    with exit_on_errors(name, internal_errors=not show_traceback):
        from vtlgw.apigw.render import render
        from vtlgw.errors import InputError, VtlgwError

        try:
            output = render(source.text, event, flavor=flavor, name=name, options=options)
            if pretty:
                output = _pretty(output, name)
        except InputError:
            raise
        except VtlgwError as exc:
            if source.embedded is None:
                raise
            raise source.moved(exc) from exc
    _write(output)
