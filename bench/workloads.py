"""The benchmark workloads: template files plus equivalent variables for each engine.

Three templates live in ``bench/templates/``: a ``$connect`` request template (``$context``,
``$input.params()``, ``$util.escapeJavaScript``), a ~1 KB JSON builder over 20 order lines and a
~5 KB mix of ``#set``/``#if``/nested ``#foreach`` and String/List/Map methods. The last two are
plain VTL, so Velocity 1.7 on the JVM can run them too. Data are built deterministically. The
vtlgw engine gets the value model of :mod:`vtlgw.engine.values` (host objects are
:class:`~vtlgw.engine.values.VtlObject` subclasses); airspeed gets plain Python objects with the
same members, so the same template text runs on both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hosts import Params, airspeed_hosts, vtlgw_hosts

BENCH_TEMPLATES = Path(__file__).resolve().parent / "templates"
REPO_CONNECT_TEMPLATE = "templates/connect.vtl"
REPO_CONNECT_EVENT = "fixtures/events/connect.json"

Request = tuple[Params, str]  # ($input.params() maps, $input.body)


@dataclass(frozen=True)
class Workload:
    """One template and how to build its variables for each engine."""

    name: str
    path: Path
    plain_context: Callable[[], dict[str, Any]]  # JSON-like data given to every engine
    request: Callable[[], Request] | None = None  # $input/$util needed (then no JVM run)
    source: str = ""  # where the template and data come from, for the report

    @property
    def text(self) -> str:
        """The template source."""
        return self.path.read_text(encoding="utf-8")

    @property
    def recorded_path(self) -> Path:
        """Where Velocity 1.7's output for this workload is recorded (plain-VTL workloads)."""
        return self.path.with_suffix(".velocity17.out")

    def recorded_output(self) -> str | None:
        """Velocity 1.7's recorded output, or None (``$input``/``$util`` templates have none)."""
        if self.request is not None or not self.recorded_path.is_file():
            return None
        return self.recorded_path.read_text(encoding="utf-8")

    def vtlgw_vars(self) -> dict[str, Any]:
        """Variables for ``vtlgw.Engine``."""
        data = self.plain_context()
        if self.request is not None:
            data.update(vtlgw_hosts(*self.request()))
        return data

    def airspeed_vars(self) -> dict[str, Any]:
        """Variables for stock airspeed."""
        data = self.plain_context()
        if self.request is not None:
            data.update(airspeed_hosts(*self.request()))
        return data


BUILTIN_HEADERS = {
    "Host": "abcd123456.execute-api.us-east-1.amazonaws.com",
    "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Protocol": "chat.v2",
    "Sec-WebSocket-Version": "13",
    "User-Agent": 'Mozilla/5.0 (X11; Linux x86_64) "bench"',
    "X-Amzn-Trace-Id": "Root=1-673202fb-5d8c3e1f2a4b6c7d8e9f0a1b",
    "X-Forwarded-For": "166.90.225.1",
    "X-Forwarded-Port": "443",
    "X-Forwarded-Proto": "https",
}
BUILTIN_QUERY = {"token": "abc/def+ghi", "room": "lobby"}


def builtin_connect_context() -> dict[str, Any]:
    """``$context`` of a WebSocket ``$connect`` (ref §1.1)."""
    return {
        "context": {
            "connectionId": "BFaT_fALIAMCKug=",
            "domainName": "abcd123456.execute-api.us-east-1.amazonaws.com",
            "stage": "prod",
            "requestId": "BFaVtH2HoAMFZEQ=",
            "connectedAt": 1731332735513,
            "eventType": "CONNECT",
            "routeKey": "$connect",
            "identity": {"sourceIp": "166.90.225.1"},
        }
    }


def builtin_connect_request() -> Request:
    """Upgrade-request headers and query of a ``$connect`` (ref §2.4); no body (``{}``)."""
    return {"path": {}, "querystring": BUILTIN_QUERY, "header": BUILTIN_HEADERS}, "{}"


def load_event(path: Path) -> dict[str, Any]:
    """A Lambda-proxy-shaped event file as a dict."""
    event = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(event, dict):
        raise ValueError(f"{path}: not a JSON object")
    return event


def event_context(event: dict[str, Any]) -> dict[str, Any]:
    """``$context`` taken from an event's ``requestContext``."""
    return {"context": dict(event.get("requestContext") or {})}


def event_request(event: dict[str, Any]) -> Request:
    """``$input.params()`` maps and body taken from an event."""
    params = {
        "path": dict(event.get("pathParameters") or {}),
        "querystring": dict(event.get("queryStringParameters") or {}),
        "header": dict(event.get("headers") or {}),
    }
    return params, event.get("body") or "{}"


def connect_workloads(root: Path) -> tuple[Workload, ...]:
    """The ``$connect`` workloads, with the repository's event when it exists.

    ``connect`` is the repository's ``templates/connect.vtl`` when it exists (else the bench's
    own template). When the repository template exists, ``connect-bench`` adds the bench's own
    template, written so that airspeed renders it byte for byte as Velocity 1.7 would.
    """
    event_file = root / REPO_CONNECT_EVENT
    context: Callable[[], dict[str, Any]] = builtin_connect_context
    request: Callable[[], Request] = builtin_connect_request
    data = "built-in $connect data"
    if event_file.is_file():
        event = load_event(event_file)
        context, request, data = (
            lambda: event_context(event),
            lambda: event_request(event),
            REPO_CONNECT_EVENT,
        )
    own = BENCH_TEMPLATES / "connect.vtl"
    repo = root / REPO_CONNECT_TEMPLATE
    paths = (("connect", repo), ("connect-bench", own)) if repo.is_file() else (("connect", own),)
    return tuple(
        Workload(name, path, context, request, f"{path.relative_to(root)} with {data}")
        for name, path in paths
    )


def order_context() -> dict[str, Any]:
    """An order with 20 line items for the JSON builder."""
    names = ("Widget", "Gadget", "Sprocket", "Flange", "Gizmo")
    items = [
        {
            "sku": f"SKU-{1000 + i}",
            "name": f"{names[i % 5]} model {i}",
            "qty": 1 + i % 4,
            "price": 250 + 37 * i,
            "discount": 5 if i % 3 == 0 else 0,
            "warehouse": f"WH-{i % 3}",
            "gift": "yes" if i % 7 == 0 else "no",
        }
        for i in range(20)
    ]
    return {
        "order": {
            "id": "ORD-2024-000123",
            "currency": "EUR",
            "channel": "web",
            "customer": {"id": "C-778", "name": "Ada Lovelace", "tier": "gold"},
            "items": items,
            "note": "leave at the door",
        }
    }


def tickets_context() -> dict[str, Any]:
    """A user with 6 support tickets for the 5 KB mix."""
    statuses = ("open", "closed", "pending")
    tag_sets = (["billing", "invoice"], ["bug", "ui"], ["question"], ["bug", "billing", "api"])
    tickets = []
    for t in range(6):
        comments = [
            {
                "author": f"agent{c}" if c % 2 else "customer",
                "text": f"Comment {c} on ticket {t}:\nplease check  the logs\r\nthanks",
                "internal": c % 3 == 2,
            }
            for c in range(2 + t % 4)
        ]
        ticket: dict[str, Any] = {
            "id": 5000 + t,
            "title": ("RE:  " if t % 2 else "") + f"Cannot  load   page {t}",
            "body": f'The "dashboard" page {t} shows an error after login.',
            "priority": t % 4,
            "status": statuses[t % 3],
            "tags": tag_sets[t % 4],
            "comments": comments,
            "meta": {"channel": "email", "region": f"eu-{t % 2}", "sla": f"{24 * (1 + t % 3)}h"},
        }
        # every ticket has an assignee map: a missing one would be null, and API Gateway
        # treats null as true in #if (ref §11.2, V) where Velocity 1.7 treats it as false
        ticket["assignee"] = {"id": f"A-{t}" if t % 2 == 0 else "", "team": "tier1"}
        tickets.append(ticket)
    return {
        "request": {
            "user": {
                "id": "U-42",
                "name": "Grace Hopper",
                "email": "grace@support.example.com",
                "roles": ["member", "admin"],
                "locale": "en-GB",
            },
            "tickets": tickets,
        },
        "settings": {
            "schema": "tickets/v2",
            "source": "apigw-export",
            "idPrefix": "TCK-",
            "maxComments": 3,
            "urgentAt": 3,
            "flags": {"redact": "on", "compress": "off", "audit": "on"},
        },
    }


def workloads(root: Path) -> tuple[Workload, ...]:
    """All workloads, the ``$connect`` one resolved against the repository at ``root``."""
    return (
        *connect_workloads(root),
        Workload(
            "builder-1k",
            BENCH_TEMPLATES / "builder_1k.vtl",
            order_context,
            source="bench/templates/builder_1k.vtl, 20-line order",
        ),
        Workload(
            "mix-5k",
            BENCH_TEMPLATES / "mix_5k.vtl",
            tickets_context,
            source="bench/templates/mix_5k.vtl, 6 tickets",
        ),
    )
