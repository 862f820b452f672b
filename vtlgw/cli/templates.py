"""``vtlgw templates``: list the mapping templates in IaC files, with the selector of each.

PATHS are CloudFormation/SAM (YAML or JSON, cdk.out included), OpenAPI, serverless.yml and
Terraform files, ``HOST#KEY/PATH`` selectors, or folders (searched for ``*.yaml``, ``*.yml``,
``*.json`` and ``*.tf`` files that are one of these; other files found there are skipped, while
a file named directly must be one). Without a path the current folder is searched. For each
template: where its text starts in the host (``path:line:col``), what it is (request or
response template, API kind, route or method, content type), the substitutions the deploy tool
makes in it, and its selector, quoted for a shell, which ``render``, ``validate``, ``lint`` and
case files accept as a TEMPLATE.

Exit codes: 0 listed (even when nothing was found), 2 usage or input errors (a host file that
does not parse, a file that is not IaC, a selector that names no template); the templates of
the other files are still listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from vtlgw.cli.common import examples

if TYPE_CHECKING:
    from vtlgw.iac.model import EmbeddedTemplate


@dataclass(frozen=True)
class Listed:
    """A template found, and the host file it was read from (where its selector points; a
    Terraform ``file()`` template's text, and so its position, is in the file named there)."""

    host: str
    template: EmbeddedTemplate

    @property
    def selector(self) -> str:
        """``HOST#KEY/PATH`` through the file it was read from."""
        return f"{self.host}#{self.template.key_path_text}"

    def order(self, host_index: int) -> tuple[int, int, int]:
        """Sort key: the host's place among the arguments, then the place in the host file
        (templates in files the host names come after the host's own)."""
        template = self.template
        return (host_index, int(template.host != self.host), template.host_offset(0))


def _collect(paths: tuple[str, ...], show_traceback: bool) -> tuple[list[Listed], list[str]]:
    """Every template the paths name (each once, with the host file it was read from), and the
    input problems met on the way."""
    from pathlib import Path

    from vtlgw.iac.detect import host_files, read_host_text
    from vtlgw.iac.selector import parse_selector, resolve

    found: list[Listed] = []
    problems: list[str] = []
    for path in paths:
        with _reported(path, problems, show_traceback):
            if not Path(path).is_dir():
                host = parse_selector(path).host
                found.extend(Listed(host, template) for template in resolve(path))
                continue
            for host, text in host_files(path):
                with _reported(host, problems, show_traceback):
                    found.extend(Listed(host, t) for t in read_host_text(host, text))
    hosts: dict[str, int] = {}
    unique: dict[tuple[str, tuple[str | int, ...]], Listed] = {}
    for item in found:
        hosts.setdefault(item.host, len(hosts))
        unique.setdefault((item.host, item.template.key_path), item)
    ordered = sorted(unique.values(), key=lambda item: item.order(hosts[item.host]))
    return ordered, problems


@contextmanager
def _reported(name: str, problems: list[str], show_traceback: bool) -> Iterator[None]:
    """Record an input problem (or, without ``--traceback``, a vtlgw bug) and go on."""
    from vtlgw.errors import InputError

    try:
        yield
    except InputError as exc:
        problems.append(str(exc))
    except Exception as exc:
        if show_traceback:
            raise
        problems.append(
            f"{name}: internal error while reading templates: {type(exc).__name__}: {exc} "
            "(this is a vtlgw bug; --traceback shows where)"
        )


def _what(template: EmbeddedTemplate) -> str:
    parts = [f"{template.kind} template"]
    if template.api is not None:
        parts.append(template.api)
    if template.route is not None:
        parts.append(f"route {template.route}")
    if template.method is not None:
        parts.append(f"method {template.method}")
    if template.content_type is not None:
        parts.append(f"content type {template.content_type}")
    return ", ".join(parts)


#: the most characters of a substituted value the text listing shows
SHOWN_VALUE = 40


def _shown(value: str) -> str:
    """A substituted value on one line: as is when short and plain, else JSON-quoted and cut."""
    if len(value) <= SHOWN_VALUE and value.isprintable():
        return value
    cut = value if len(value) <= SHOWN_VALUE else value[: SHOWN_VALUE - 3]
    quoted = json.dumps(cut, ensure_ascii=False)
    return quoted if cut is value else f'{quoted[:-1]}..." ({len(value):,} characters)'


def _substitution_text(template: EmbeddedTemplate) -> str:
    shown = []
    for sub in template.substitutions:
        when = "" if sub.known else " (deploy time)"
        shown.append(f"{sub.source} -> {_shown(sub.value)}{when}")
    return ", ".join(shown)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def text_listing(listed: list[Listed]) -> str:
    """The text report: per template its position and kind, its substitutions and its selector."""
    from vtlgw.iac.selector import quoted

    lines = []
    for item in listed:
        template = item.template
        line, column = template.position()
        read = "" if template.host == item.host else f" (named in {item.host})"
        lines.append(f"{template.host}:{line}:{column}: {_what(template)}{read}")
        if template.substitutions:
            lines.append(f"  substitutes {_substitution_text(template)}")
        lines.append(f"  {quoted(item.selector)}")
    if listed:
        hosts = len({item.host for item in listed})
        lines.append(f"{_count(len(listed), 'template')} in {_count(hosts, 'file')}")
    else:
        lines.append("No templates found.")
    return "\n".join(lines) + "\n"


def template_dict(item: Listed) -> dict[str, Any]:
    """One template as JSON: the fields of ``vtlgw templates --format json``."""
    template = item.template
    line, column = template.position()
    substitutions = []
    for sub in template.substitutions:
        where = template.location(sub.start, sub.end)
        substitutions.append(
            {
                "source": sub.source,
                "value": sub.value,
                "known": sub.known,
                "line": where.line,
                "column": where.column,
            }
        )
    return {
        "selector": item.selector,
        "host": item.host,
        "path": template.host,
        "line": line,
        "column": column,
        "key_path": list(template.key_path),
        "api": template.api,
        "kind": template.kind,
        "content_type": template.content_type,
        "route": template.route,
        "method": template.method,
        "resource": template.resource,
        "deploy_time": template.deploy_time,
        "substitutions": substitutions,
        "text": template.text,
    }


def json_listing(listed: list[Listed]) -> str:
    """``{"version": 1, "templates": [...]}``, see :func:`template_dict`."""
    document = {"version": 1, "templates": [template_dict(item) for item in listed]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@click.command(
    "templates",
    epilog=examples(
        "vtlgw templates template.yaml",
        "vtlgw templates infra/ cdk.out/ --format json",
        "vtlgw render 'template.yaml#ConnectIntegration/$default' --event event.json",
    ),
)
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--traceback", "show_traceback", is_flag=True, help="Show Python tracebacks of bugs.")
def command(paths: tuple[str, ...], output_format: str, show_traceback: bool) -> None:
    """List the mapping templates in IaC files (CloudFormation, SAM, OpenAPI, serverless.yml,
    Terraform): PATHS are files, HOST#KEY/PATH selectors or folders."""
    templates, problems = _collect(paths or (".",), show_traceback)
    for problem in problems:
        click.echo(problem, err=True)
    listing = json_listing if output_format == "json" else text_listing
    click.echo(listing(templates), nl=False)
    raise click.exceptions.Exit(2 if problems else 0)
