"""``vtlgw validate``: render a template for an event and check the output.

Checks: well-formed JSON (with the output position and, when it can be traced, the template
line that produced the error), duplicate keys, and a JSON Schema. Exit codes: 0 valid,
1 invalid or the template failed to render, 2 usage or input errors.
"""

from __future__ import annotations

import click

from vtlgw.cli.common import (
    RenderInputs,
    display_name,
    exit_on_errors,
    format_option,
    render_input_options,
)


@click.command("validate")
@click.argument("template", metavar="TEMPLATE")
@render_input_options
@click.option(
    "-s",
    "--schema",
    "schema_path",
    default=None,
    metavar="SCHEMA",
    help="JSON Schema (JSON or YAML) the output must satisfy; draft from $schema.",
)
@click.option(
    "--content-type",
    default="application/json",
    show_default=True,
    help="Content type of the output; JSON checks run for JSON types or a schema.",
)
@format_option
def command(
    template: str,
    inputs: RenderInputs,
    schema_path: str | None,
    content_type: str,
    output_format: str,
) -> None:
    """Render TEMPLATE for an event and check the output (JSON, duplicate keys, schema)."""
    from vtlgw.errors import InputError, VtlgwError
    from vtlgw.validate.check import check_output
    from vtlgw.validate.report import REPORTERS
    from vtlgw.validate.result import RENDER_ERROR, Finding, ValidationReport
    from vtlgw.validate.schema import load_schema

    name = display_name(template)
    reporter = REPORTERS[output_format]()
    with exit_on_errors(name):
        text, event, options = inputs.read(template)
        schema = None if schema_path is None else load_schema(schema_path)
        from vtlgw.apigw.render import render

        try:
            output = render(text, event, name=name, options=options)
        except InputError:
            raise
        except VtlgwError as exc:
            finding = Finding(code=RENDER_ERROR, message=str(exc), line=exc.line, column=exc.column)
            click.echo(reporter.validation([ValidationReport(name, None, (finding,))]), nl=False)
            raise click.exceptions.Exit(1) from None
        wants_json = content_type.split(";")[0].strip().lower().endswith("json")
        report = check_output(
            output, name=name, template_text=text, schema=schema, require_json=wants_json
        )
    click.echo(reporter.validation([report]), nl=False)
    raise click.exceptions.Exit(0 if report.ok else 1)
