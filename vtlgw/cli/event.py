"""``vtlgw event``: write a realistic Lambda proxy event for a route to stdout.

``vtlgw event connect|message|disconnect|rest`` prints the event as indented JSON (one
trailing newline), ready for ``vtlgw render --event``. ``--seed`` makes ids and times
reproducible; flags set headers, query parameters, body, stage, authorizer context and the
source IP. A flag the route's event has no place for (``--body`` on ``connect``, ``--method``
on a WebSocket route; see :data:`vtlgw.events.synth.OPTION_ROUTES`) is a usage error naming
the routes it applies to, never silently dropped.
"""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Any

import click
from click.core import ParameterSource

from vtlgw.cli.common import KeyValue, examples, scalar, stage_var_option
from vtlgw.events.synth import MAX_TIME_MS, OPTION_ROUTES, ROUTES

# click parameter -> SynthOptions field, where the names differ
_FIELDS = MappingProxyType({"stage_vars": "stage_variables", "path_params": "path_parameters"})
# how a repeatable NAME=VALUE option becomes the mapping the event takes
_MAPPINGS = frozenset({"headers", "query", "stage_vars", "path_params"})


def _only(field: str, text: str) -> str:
    """``text`` (no final stop) ending with the routes the option applies to."""
    return f"{text} ({', '.join(OPTION_ROUTES[field])} only)."


@click.command(
    "event",
    epilog=examples(
        "vtlgw event connect --seed 1 -H 'Authorization: Bearer t' > connect.json",
        'vtlgw event message --route-key sendmessage --body \'{"action": "sendmessage"}\'',
        "vtlgw event rest --method GET --path /pets/7 --resource '/pets/{id}' --path-param id=7",
    ),
)
@click.argument("route", type=click.Choice(ROUTES))
@click.option("--seed", type=int, default=None, help="Seed for reproducible ids and times.")
@click.option(
    "-H",
    "--header",
    "headers",
    multiple=True,
    type=KeyValue(":", strip=True, shape="'Name: value'"),
    metavar="'NAME: VALUE'",
    help=_only("headers", "Add or replace a header, its name matched in any case"),
)
@click.option(
    "-q",
    "--query",
    "query",
    multiple=True,
    type=KeyValue(),
    metavar="NAME=VALUE",
    help=_only("query", "Add a query parameter"),
)
@click.option("--body", default=None, help=_only("body", "Message frame or REST request body"))
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
@click.option(
    "--route-key", default=None, help=_only("route_key", "Message route key, default $default")
)
@click.option("--method", default="POST", show_default=True, help=_only("method", "HTTP method"))
@click.option(
    "--path", "path", default="/items", show_default=True, help=_only("path", "Request path")
)
@click.option(
    "--resource", default=None, help=_only("resource", "Resource path, default the --path")
)
@click.option(
    "--path-param",
    "path_params",
    multiple=True,
    type=KeyValue(),
    metavar="NAME=VALUE",
    help=_only("path_parameters", "Add a path parameter"),
)
@click.option(
    "--time-ms",
    type=click.IntRange(0, MAX_TIME_MS),
    default=None,
    metavar="EPOCH_MS",
    help="Request time in epoch milliseconds, at most the end of year 9999.",
)
@click.option("--connection-id", default=None, help=_only("connection_id", "Connection id"))
@click.option("--api-id", default=None, help="API id (default: random, 10 characters).")
@click.option("--region", default="us-east-1", show_default=True, help="AWS region.")
@click.pass_context
def command(ctx: click.Context, /, route: str, seed: int | None, **values: Any) -> None:
    """Print a realistic ROUTE event (connect, message, disconnect or rest) as JSON."""
    from vtlgw.events.synth import OptionError, synthesize

    overrides: dict[str, Any] = {}
    flags: dict[str, str] = {}
    for param in ctx.command.params:
        name = param.name
        if name not in values or ctx.get_parameter_source(name) is ParameterSource.DEFAULT:
            continue
        field = _FIELDS.get(name, name)
        flags[field] = max(param.opts, key=len)
        routes = OPTION_ROUTES.get(field, ROUTES)
        if route not in routes:
            raise click.UsageError(
                f"{flags[field]} does not apply to {route} events; "
                f"it applies to: {', '.join(routes)}"
            )
        value = values[name]
        if name in _MAPPINGS:
            value = dict(value)
        elif name == "authorizer":
            value = {key: scalar(text) for key, text in value}
        overrides[field] = value
    try:
        event = synthesize(route, seed=seed, **overrides)
    except OptionError as exc:
        raise click.BadParameter(exc.problem, param_hint=f"'{flags[exc.option]}'") from None
    click.echo(json.dumps(event, indent=2, ensure_ascii=False))
