"""``vtlgw event``: write a realistic Lambda proxy event for a route to stdout.

``vtlgw event connect|message|disconnect|rest`` prints the event as indented JSON (one
trailing newline), ready for ``vtlgw render --event``. ``--seed`` makes ids and times
reproducible; flags set headers, query parameters, body, stage, authorizer context and the
source IP.
"""

from __future__ import annotations

import json

import click

from vtlgw.cli.common import KeyValue, scalar, stage_var_option


@click.command("event")
@click.argument("route", type=click.Choice(["connect", "message", "disconnect", "rest"]))
@click.option("--seed", type=int, default=None, help="Seed for reproducible ids and times.")
@click.option(
    "-H",
    "--header",
    "headers",
    multiple=True,
    type=KeyValue(":", strip=True, shape="'Name: value'"),
    metavar="'NAME: VALUE'",
    help="Add a header.",
)
@click.option(
    "-q",
    "--query",
    "query",
    multiple=True,
    type=KeyValue(),
    metavar="NAME=VALUE",
    help="Add a query parameter.",
)
@click.option("--body", default=None, help="Body (message frame or REST request body).")
@click.option("--stage", default="prod", show_default=True, help="Stage name.")
@stage_var_option(help="Add a stage variable.")
@click.option(
    "--authorizer",
    "authorizer",
    multiple=True,
    type=KeyValue(shape="KEY=VALUE"),
    metavar="KEY=VALUE",
    help="Add a Lambda authorizer context value (numbers and booleans kept as such).",
)
@click.option("--principal-id", default=None, help="Authorizer principalId.")
@click.option("--source-ip", default=None, help="Client IP (identity.sourceIp, X-Forwarded-For).")
@click.option("--route-key", default=None, help="Message route key (default $default).")
@click.option("--method", default="POST", show_default=True, help="REST HTTP method.")
@click.option("--path", "path", default="/items", show_default=True, help="REST request path.")
@click.option("--resource", default=None, help="REST resource path (default: --path).")
@click.option(
    "--path-param",
    "path_params",
    multiple=True,
    type=KeyValue(),
    metavar="NAME=VALUE",
    help="REST path parameter.",
)
@click.option("--time-ms", type=int, default=None, help="Request time, epoch milliseconds.")
@click.option("--connection-id", default=None, help="WebSocket connection id.")
@click.option("--api-id", default=None, help="API id (default: random, 10 characters).")
@click.option("--region", default="us-east-1", show_default=True, help="AWS region.")
def command(
    route: str,
    seed: int | None,
    headers: tuple[tuple[str, str], ...],
    query: tuple[tuple[str, str], ...],
    body: str | None,
    stage: str,
    stage_vars: tuple[tuple[str, str], ...],
    authorizer: tuple[tuple[str, str], ...],
    principal_id: str | None,
    source_ip: str | None,
    route_key: str | None,
    method: str,
    path: str,
    resource: str | None,
    path_params: tuple[tuple[str, str], ...],
    time_ms: int | None,
    connection_id: str | None,
    api_id: str | None,
    region: str,
) -> None:
    """Print a realistic ROUTE event (connect, message, disconnect or rest) as JSON."""
    from vtlgw.events.synth import synthesize

    authorizer_context = {key: scalar(value) for key, value in authorizer}
    event = synthesize(
        route,
        seed=seed,
        headers=dict(headers),
        query=dict(query),
        body=body,
        stage=stage,
        stage_variables=dict(stage_vars) or None,
        authorizer=authorizer_context or None,
        principal_id=principal_id,
        source_ip=source_ip,
        route_key=route_key,
        method=method,
        path=path,
        resource=resource,
        path_parameters=dict(path_params) or None,
        time_ms=time_ms,
        connection_id=connection_id,
        api_id=api_id,
        region=region,
    )
    click.echo(json.dumps(event, indent=2, ensure_ascii=False))
