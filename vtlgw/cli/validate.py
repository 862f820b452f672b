"""``vtlgw validate``: render a template for an event and check the output.

Checks: well-formed JSON, duplicate keys, and a JSON Schema. Every finding is printed at its
template position when it has one (a render error, a JSON error traced to the template line
that produced it), with the output position labelled as such; see
:mod:`vtlgw.validate.report`. A template in an IaC file (``HOST#KEY/PATH``) is reported at
host positions, each message ending with the key path. Exit codes: 0 valid, 1 invalid or the
template failed to render, 2 usage or input errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from vtlgw.cli.common import (
    RenderInputs,
    TemplateInput,
    display_name,
    examples,
    exit_on_errors,
    format_option,
    render_input_options,
)

if TYPE_CHECKING:
    from vtlgw.errors import VtlgwError
    from vtlgw.iac.model import EmbeddedTemplate
    from vtlgw.validate.result import Finding, ValidationReport


def wants_json(content_type: str) -> bool:
    """True for a JSON media type: ``application/json``, ``application/vnd.api+json``...

    Parameters (``; charset=utf-8``) and case are ignored.
    """
    media_type = content_type.split(";", 1)[0].strip().lower()
    subtype = media_type.partition("/")[2]
    return subtype == "json" or subtype.endswith("+json")


def render_error_finding(exc: VtlgwError) -> Finding:
    """The finding for a template that failed to render, at its template position."""
    from vtlgw.validate.result import RENDER_ERROR, Finding, TemplateSpot

    spot = None
    if exc.line > 0:
        spot = TemplateSpot(
            line=exc.line,
            column=exc.column,
            snippet=(exc.source_line or "").strip(),
            reason="",
            source_line=exc.source_line,
        )
    return Finding(code=RENDER_ERROR, message=exc.message, template=spot)


@click.command(
    "validate",
    epilog=examples(
        "vtlgw validate templates/message.vtl --event event.json",
        "vtlgw validate t.vtl -e event.json --schema schema.json --format json",
        "vtlgw validate t.vtl -e event.json --content-type text/plain",
        "vtlgw validate 'template.yaml#MessageIntegration' --event event.json",
    ),
)
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
    default=None,
    help="Content type of the output (default: application/json, or an embedded response "
    "template's own key); JSON checks run for JSON types (application/json, */*+json) or a "
    "schema.",
)
@format_option
def command(
    template: str,
    inputs: RenderInputs,
    schema_path: str | None,
    content_type: str | None,
    output_format: str,
) -> None:
    """Render TEMPLATE for an event and check the output (JSON, duplicate keys, schema).

    TEMPLATE is a template file, '-' for stdin, or a template in an IaC file:
    'template.yaml#ConnectIntegration/$default' (quote it; `vtlgw templates` lists them).
    """
    from vtlgw.errors import InputError, VtlgwError
    from vtlgw.validate.check import check_output
    from vtlgw.validate.report import REPORTERS
    from vtlgw.validate.result import ValidationReport
    from vtlgw.validate.schema import load_schema

    reporter = REPORTERS[output_format]()
    with exit_on_errors(display_name(template)):
        source, event, options = inputs.read(template)
        schema = None if schema_path is None else load_schema(schema_path)
    name = source.name
    note = source.note()
    if note is not None:
        click.echo(note, err=True)
    with exit_on_errors(name):
        from vtlgw.apigw.render import render

        try:
            output = render(source.text, event, name=name, options=options)
        except InputError:
            raise
        except VtlgwError as exc:
            report = ValidationReport(name, None, (render_error_finding(source.moved(exc)),))
        else:
            report = check_output(
                output,
                name=name,
                template_text=source.text,
                schema=schema,
                require_json=wants_json(output_content_type(content_type, source)),
            )
            if source.embedded is not None:
                report = _hosted(report, source.embedded)
    click.echo(reporter.validation([report]), nl=False)
    raise click.exceptions.Exit(0 if report.ok else 1)


def output_content_type(given: str | None, source: TemplateInput) -> str:
    """The output's content type: ``--content-type``, else a response template's key (the
    content type it produces), else ``application/json``."""
    if given is not None:
        return given
    template = source.embedded
    if template is not None and template.kind == "response" and template.content_type:
        return template.content_type
    return "application/json"


def _hosted(report: ValidationReport, template: EmbeddedTemplate) -> ValidationReport:
    from dataclasses import replace

    from vtlgw.iac.hosted import host_finding

    findings = tuple(host_finding(finding, template) for finding in report.findings)
    return replace(report, findings=findings)
