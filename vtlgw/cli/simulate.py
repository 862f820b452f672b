"""``vtlgw simulate``: run an event through an integration description and report each step.

Reports the request template chosen (or passthrough, or the rejection), the rendered
integration request, the integration response chosen, the rendered response and what the
client receives. Exit codes: 0 simulated, 1 a template failed to render, 2 usage or input
errors.
"""

from __future__ import annotations

import click

from vtlgw.cli.render import context_overrides, parse_assignment


@click.command("simulate")
@click.option(
    "-i",
    "--integration",
    "integration_path",
    required=True,
    metavar="INTEGRATION",
    help="Integration description (YAML or JSON; see docs/validation.md).",
)
@click.option(
    "-e",
    "--event",
    "event_path",
    required=True,
    metavar="EVENT.json",
    help="Lambda proxy event (WebSocket or REST).",
)
@click.option(
    "-b",
    "--backend-response",
    "backend_path",
    default=None,
    metavar="RESPONSE",
    help="What the backend answers: status/headers/body or lambdaError (YAML/JSON).",
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
    help="Set a $context value (repeatable).",
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
    integration_path: str,
    event_path: str,
    backend_path: str | None,
    stage_vars: tuple[str, ...],
    context_sets: tuple[str, ...],
    output_format: str,
) -> None:
    """Simulate API Gateway around a template: selection, rendering, responses, client view."""
    from vtlgw.errors import InputError
    from vtlgw.events import load_event
    from vtlgw.validate.backend import load_backend
    from vtlgw.validate.integration import load_integration
    from vtlgw.validate.report import REPORTERS
    from vtlgw.validate.simulate import simulate

    stage_variables = dict(parse_assignment(item, option="--stage-var") for item in stage_vars)
    overrides = context_overrides(context_sets)
    try:
        integration = load_integration(integration_path)
        event = load_event(event_path)
        backend = None if backend_path is None else load_backend(backend_path)
        result = simulate(
            integration, event, backend, stage_variables=stage_variables, context=overrides
        )
    except InputError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(2) from None
    click.echo(REPORTERS[output_format]().simulation(result), nl=False)
    raise click.exceptions.Exit(1 if result.error else 0)
