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
from typing import TYPE_CHECKING, Any

import click

from vtlgw.cli.common import examples

if TYPE_CHECKING:
    from vtlgw.iac.model import EmbeddedTemplate


def _collect(
    paths: tuple[str, ...], show_traceback: bool
) -> tuple[list[EmbeddedTemplate], list[str]]:
    """Every template the paths name (each once), and the input problems met on the way."""
    from pathlib import Path

    from vtlgw.iac.detect import host_files, read_host_text
    from vtlgw.iac.selector import resolve

    found: list[EmbeddedTemplate] = []
    problems: list[str] = []
    for path in paths:
        with _reported(path, problems, show_traceback):
            if not Path(path).is_dir():
                found.extend(resolve(path))
                continue
            for host, text in host_files(path):
                with _reported(host, problems, show_traceback):
                    found.extend(read_host_text(host, text))
    hosts: dict[str, int] = {}
    unique: dict[tuple[str, tuple[str | int, ...]], EmbeddedTemplate] = {}
    for template in found:
        hosts.setdefault(template.host, len(hosts))
        unique.setdefault((template.host, template.key_path), template)
    ordered = sorted(unique.values(), key=lambda t: (hosts[t.host], t.host_offset(0)))
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


def text_listing(templates: list[EmbeddedTemplate]) -> str:
    """The text report: per template its position and kind, its substitutions and its selector."""
    from vtlgw.iac.selector import quoted

    lines = []
    for template in templates:
        line, column = template.position()
        lines.append(f"{template.host}:{line}:{column}: {_what(template)}")
        if template.substitutions:
            lines.append(f"  substitutes {_substitution_text(template)}")
        lines.append(f"  {quoted(template.selector)}")
    if templates:
        hosts = len({template.host for template in templates})
        lines.append(f"{_count(len(templates), 'template')} in {_count(hosts, 'file')}")
    else:
        lines.append("No templates found.")
    return "\n".join(lines) + "\n"


def template_dict(template: EmbeddedTemplate) -> dict[str, Any]:
    """One template as JSON: the fields of ``vtlgw templates --format json``."""
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
        "selector": template.selector,
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


def json_listing(templates: list[EmbeddedTemplate]) -> str:
    """``{"version": 1, "templates": [...]}``, see :func:`template_dict`."""
    document = {"version": 1, "templates": [template_dict(t) for t in templates]}
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
