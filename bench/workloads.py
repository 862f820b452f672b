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

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hosts import airspeed_hosts, vtlgw_hosts

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Workload:
    """One template and how to build its variables for each engine."""

    name: str
    path: Path
    plain_context: Callable[[], dict[str, Any]]  # JSON-like data shared by every engine
    needs_hosts: bool  # True when the template uses $input/$util (no JVM run then)

    @property
    def text(self) -> str:
        """The template source."""
        return self.path.read_text(encoding="utf-8")

    def vtlgw_vars(self) -> dict[str, Any]:
        """Variables for ``vtlgw.Engine``."""
        data = self.plain_context()
        return {**data, **vtlgw_hosts()} if self.needs_hosts else data

    def airspeed_vars(self) -> dict[str, Any]:
        """Variables for stock airspeed."""
        data = self.plain_context()
        return {**data, **airspeed_hosts()} if self.needs_hosts else data


def connect_context() -> dict[str, Any]:
    """``$context`` of a WebSocket ``$connect`` (ref §1.1) ; ``$input``/``$util`` come as hosts."""
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
        if t % 2 == 0:
            ticket["assignee"] = {"id": f"A-{t}", "team": "tier1"}
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


WORKLOADS: tuple[Workload, ...] = (
    Workload("connect", TEMPLATES / "connect.vtl", connect_context, needs_hosts=True),
    Workload("builder-1k", TEMPLATES / "builder_1k.vtl", order_context, needs_hosts=False),
    Workload("mix-5k", TEMPLATES / "mix_5k.vtl", tickets_context, needs_hosts=False),
)
