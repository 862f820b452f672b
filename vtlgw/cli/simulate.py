"""``vtlgw simulate``: run an event through an integration description and report each step.

Reports the request template chosen (or passthrough, or the rejection), the rendered
integration request, the integration response chosen, the rendered response, what the client
receives, and the simulation's findings. Exit codes: 0 simulated without findings, 1 findings (a
template failed to render, a JSON template's output is not JSON, a MOCK template wrote no
status, no integration response applies, ...), 2 usage or input errors (including an event that
cannot reach the integration: another API kind or another WebSocket route). The integration is
a description file or an IaC resource, ``HOST#RESOURCE``: the integration resource (or the
route or method holding it) in a CloudFormation/SAM, OpenAPI, serverless.yml or Terraform file.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

import click

from vtlgw.cli.common import (
    context_option,
    display_name,
    event_option,
    examples,
    exit_on_errors,
    format_option,
    nested,
    read_event,
    stage_var_option,
)

if TYPE_CHECKING:
    from vtlgw.simulate.integration import Integration


def load(argument: str) -> Integration:
    """The integration an ``--integration`` argument names: a description file, or an IaC
    resource (``template.yaml#ConnectIntegration``, see :mod:`vtlgw.iac.integration`)."""
    from vtlgw.iac.selector import parse_selector

    selector = parse_selector(argument)
    if selector.rest is None:
        from vtlgw.errors import InputError
        from vtlgw.files import read_text_file
        from vtlgw.iac.detect import host_format
        from vtlgw.simulate.integration import load_integration

        text: str | None = None
        with suppress(InputError):  # if unreadable, load_integration says what is wrong
            text = read_text_file(argument, "integration file")
        if text is not None and host_format(argument, text) is not None:
            raise InputError(
                "an IaC file, not an integration description; name the integration resource "
                "in it: HOST#RESOURCE (template.yaml#ConnectIntegration; vtlgw templates lists "
                "the resources holding templates)",
                name=argument,
            )
        return load_integration(argument)
    from vtlgw.iac.integration import integration_from_host

    return integration_from_host(selector.host, selector.rest)


@click.command(
    "simulate",
    epilog=examples(
        "vtlgw simulate -i integration.yaml --event event.json",
        "vtlgw simulate -i template.yaml#ConnectIntegration --event event.json",
        "vtlgw simulate -i integration.yaml -e event.json -b backend.yaml --format json",
    ),
)
@click.option(
    "-i",
    "--integration",
    "integration_path",
    required=True,
    metavar="INTEGRATION",
    help="Integration description (YAML or JSON; see docs/validation.md), or an IaC resource: "
    "HOST#RESOURCE (template.yaml#ConnectIntegration, main.tf#connect).",
)
@event_option
@click.option(
    "-b",
    "--backend-response",
    "backend_path",
    default=None,
    metavar="RESPONSE",
    help="What the backend answers: status/headers/body or lambdaError (YAML/JSON).",
)
@stage_var_option()
@context_option
@format_option
def command(
    integration_path: str,
    event_path: str,
    backend_path: str | None,
    stage_vars: tuple[tuple[str, str], ...],
    context_sets: tuple[tuple[tuple[str, ...], str], ...],
    output_format: str,
) -> None:
    """Simulate API Gateway around a template: selection, rendering, responses, client view."""
    from vtlgw.apigw.options import RenderOptions
    from vtlgw.simulate.backend import load_backend
    from vtlgw.simulate.report import SIMULATION_REPORTERS
    from vtlgw.simulate.run import simulate

    with exit_on_errors(integration_path):
        integration = load(integration_path)
        event = read_event(event_path)
        backend = None if backend_path is None else load_backend(backend_path)
        result = simulate(
            integration,
            event,
            backend,
            options=RenderOptions(stage_variables=dict(stage_vars), context=nested(context_sets)),
            event_name=display_name(event_path),
        )
    click.echo(SIMULATION_REPORTERS[output_format]().simulation(result), nl=False)
    raise click.exceptions.Exit(0 if result.ok else 1)
