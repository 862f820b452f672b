"""``vtlgw validate``: render a template for an event and check the output.

Checks: well-formed JSON (with the output position and, when it can be traced, the template
line that produced the error), duplicate keys, and a JSON Schema. Exit codes: 0 valid,
1 invalid or the template failed to render, 2 usage or input errors.
"""

from __future__ import annotations

import click

from vtlgw.cli.render import context_overrides, parse_assignment


@click.command("validate")
@click.argument("template", metavar="TEMPLATE")
@click.option(
    "-e",
    "--event",
    "event_path",
    required=True,
    metavar="EVENT.json",
    help="Lambda proxy event (WebSocket or REST) to render for.",
)
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
@click.option(
    "--stage-var",
    "stage_vars",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set $stageVariables.NAME (repeatable).",
)
@click.option(
    "--context",
    "context_sets",
    multiple=True,
    metavar="PATH=VALUE",
    help="Set a $context value, e.g. authorizer.principalId=u1 (repeatable).",
)
@click.option("--body", default=None, help="Request body / message frame (replaces the event's).")
@click.option(
    "--api",
    type=click.Choice(["websocket", "rest"]),
    default=None,
    help="API kind (default: detected from requestContext).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
def command(
    template: str,
    event_path: str,
    schema_path: str | None,
    content_type: str,
    stage_vars: tuple[str, ...],
    context_sets: tuple[str, ...],
    body: str | None,
    api: str | None,
    output_format: str,
) -> None:
    """Render TEMPLATE for an event and check the output (JSON, duplicate keys, schema)."""
    from vtlgw.errors import InputError, VtlgwError
    from vtlgw.events import load_event
    from vtlgw.validate.check import check_output
    from vtlgw.validate.report import REPORTERS
    from vtlgw.validate.result import RENDER_ERROR, Finding, ValidationReport
    from vtlgw.validate.schema import load_schema

    stage_variables = dict(parse_assignment(item, option="--stage-var") for item in stage_vars)
    overrides = context_overrides(context_sets)
    reporter = REPORTERS[output_format]()
    try:
        try:
            with open(template, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read template: {exc}", name=template) from None
        event = load_event(event_path)
        schema = None if schema_path is None else load_schema(schema_path)
        from vtlgw.apigw.render import render

        try:
            output = render(
                text,
                event,
                name=template,
                api=api,
                stage_variables=stage_variables,
                context=overrides,
                body=body,
            )
        except InputError:
            raise
        except VtlgwError as exc:
            finding = Finding(code=RENDER_ERROR, message=str(exc), line=exc.line, column=exc.column)
            click.echo(
                reporter.validation([ValidationReport(template, None, (finding,))]), nl=False
            )
            raise click.exceptions.Exit(1) from None
        wants_json = content_type.split(";")[0].strip().lower().endswith("json")
        report = check_output(
            output, name=template, template_text=text, schema=schema, require_json=wants_json
        )
    except InputError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(2) from None
    click.echo(reporter.validation([report]), nl=False)
    raise click.exceptions.Exit(0 if report.ok else 1)
