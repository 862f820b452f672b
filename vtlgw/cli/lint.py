"""``vtlgw lint``: check templates for bugs before they deploy, in ruff's conventions.

Paths are ``.vtl``/``.vm`` files, folders (searched for them) or ``-`` for stdin; without a path
the current folder is linted. A YAML, JSON or Terraform file is an IaC host file: every mapping
template in it is linted and its findings print at host positions with the key path that holds
the template (``template.yaml:41:15: VTL... [Resources/.../$default]``); ``HOST#KEY/PATH`` lints
one of them (see :mod:`vtlgw.iac.selector`). A host file that holds no template is an input
error, unless ``--skip-files-without-templates`` (the ``vtlgw-lint-embedded`` pre-commit hook's
option) skips it, and files that are not IaC, quietly. Output: ``path:line:col: CODE message``
(``--format json``, ``github`` or ``sarif`` for machines) on stdout; problems with the inputs on
stderr.

Exit codes: 0 clean, 1 findings (0 with ``--exit-zero``), 2 usage, configuration or input
errors. An input problem with one file (missing, not UTF-8, a malformed ``vtlgw:`` comment) is
reported and the other files are still linted and reported; the run then exits 2, whatever
``--exit-zero`` says. Configuration comes from ``[tool.vtlgw]`` in the closest
``pyproject.toml`` (see ``docs/lint.md``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from vtlgw.cli.common import STDIN, STDIN_NAME, binary_stream, examples, exit_on_errors

if TYPE_CHECKING:
    from vtlgw.iac.model import EmbeddedTemplate
    from vtlgw.lint.batch import Job
    from vtlgw.lint.config import LintConfig
    from vtlgw.lint.finding import LintFinding
    from vtlgw.lint.selection import Selection
    from vtlgw.lint.source import ApiKind


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _config(config_path: str | None, isolated: bool, known: tuple[str, ...]) -> LintConfig:
    from vtlgw.errors import InputError
    from vtlgw.lint.config import LintConfig, find_config, load_config

    if isolated:
        return LintConfig()
    if config_path is not None:
        path = Path(config_path)
        if not path.is_file():
            raise InputError("no such configuration file", name=config_path)
        return load_config(path, known)
    found = find_config(Path.cwd())
    return LintConfig() if found is None else load_config(found, known)


def _selection(
    base: Selection,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    known: tuple[str, ...],
) -> Selection:
    from vtlgw.lint.selection import check_codes

    chosen = _codes(select)
    if select and not chosen:
        raise click.BadParameter("no rule code given", param_hint="'--select'")
    return base.then(
        select=check_codes(chosen, known, where="--select") if select else None,
        extend_select=check_codes(_codes(extend_select), known, where="--extend-select"),
        ignore=check_codes(_codes(ignore), known, where="--ignore"),
    )


def _embedded_where(job: Job, template: EmbeddedTemplate) -> tuple[ApiKind | None, str | None]:
    """The API kind and route of an embedded template: the command line's, else what the IaC
    file says, else the configuration's for the host file."""
    if job.api is None and job.route is None and (template.api or template.route):
        return template.api or "websocket", template.route
    return job.where(template.host)


def _lint_embedded(job: Job, target: str, skip_without_templates: bool) -> list[LintFinding]:
    """The findings of the templates in an IaC file (or the one a ``HOST#KEY/PATH`` names), at
    host positions. A host file holding no template is an input error (linting it would check
    nothing), or, with ``skip_without_templates``, skipped like a file that is not IaC."""
    from vtlgw.errors import InputError
    from vtlgw.files import read_text_file
    from vtlgw.iac.detect import host_format, read_host_text
    from vtlgw.iac.selector import parse_selector, resolve

    selector = parse_selector(target)
    if selector.rest is not None:
        templates = resolve(target)
    else:
        text = read_text_file(target, "IaC file")
        if skip_without_templates and host_format(target, text) is None:
            return []
        templates = read_host_text(target, text)
        if not templates and not skip_without_templates:
            raise InputError(
                "no mapping templates in this file; expected request or response templates "
                "(lint .vtl files by name, or add --skip-files-without-templates)",
                name=target,
            )
    findings: list[LintFinding] = []
    for template in templates:
        api, route = _embedded_where(job, template)
        source = template.lint_source(api=api, route=route)
        selection = job.config.selection_for(template.host, job.linter.selection)
        findings.extend(job.linter.lint(source, selection=selection))
    return findings


def _lint_all(
    targets: list[str],
    job: Job,
    stdin_filename: str | None,
    show_traceback: bool,
    skip_without_templates: bool = False,
    jobs: int = 1,
) -> tuple[list[LintFinding], int]:
    """The findings of every target, and how many input problems were reported on stderr."""
    from vtlgw.errors import InputError
    from vtlgw.iac.detect import is_host_path
    from vtlgw.lint.batch import lint_paths, workers_for
    from vtlgw.lint.files import MAX_TEMPLATE_BYTES, decode_template, expand, unique

    findings: list[LintFinding] = []
    problems = 0

    def report(message: str) -> None:
        nonlocal problems
        click.echo(message, err=True)
        problems += 1

    files: list[str] = []
    for target in targets:
        try:
            if target != STDIN and not Path(target).is_dir() and is_host_path(target):
                findings.extend(_lint_embedded(job, target, skip_without_templates))
            else:
                files.extend([STDIN] if target == STDIN else expand(target))
        except InputError as exc:
            report(str(exc))
        except Exception as exc:
            if show_traceback:
                raise
            report(
                f"{target}: internal error while linting: {type(exc).__name__}: {exc} (this is "
                "a vtlgw bug; --traceback shows where)"
            )
    files = unique(files)
    if STDIN in files:
        name = stdin_filename or STDIN_NAME
        try:
            text = decode_template(binary_stream("stdin").read(MAX_TEMPLATE_BYTES + 1), name)
            findings.extend(job.lint_text(text, name, configured=stdin_filename is not None))
        except InputError as exc:
            report(str(exc))
        files.remove(STDIN)
    workers = workers_for(len(files), jobs)
    for outcome in lint_paths(job, files, workers=workers, show_traceback=show_traceback):
        findings.extend(outcome.findings)
        if outcome.error is not None:
            report(outcome.error)
        elif outcome.bug is not None:
            report(
                f"{outcome.name}: internal error while linting: {outcome.bug} (this is a vtlgw "
                "bug; --traceback shows where)"
            )
    return findings, problems


@click.command(
    "lint",
    epilog=examples(
        "vtlgw lint templates/",
        "vtlgw lint --select VTL2 --ignore VTL206 templates/connect.vtl",
        "vtlgw lint --extend-select VTL214 --format github templates/",
        "cat t.vtl | vtlgw lint --route '$connect' -",
        "vtlgw lint template.yaml 'api.yaml#requestTemplates'",
    ),
)
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option(
    "--select",
    "select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules (codes or prefixes, comma-separated; repeatable); replaces the "
    "configuration's selection.",
)
@click.option(
    "--extend-select",
    "extend_select",
    multiple=True,
    metavar="CODES",
    help="Run these rules too, on top of the selection (e.g. opt-in rules).",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="CODES",
    help="Do not run these rules (codes or prefixes).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--config",
    "config_path",
    default=None,
    metavar="PYPROJECT",
    help="Read [tool.vtlgw] from this file instead of the closest pyproject.toml.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--api",
    type=click.Choice(["websocket", "rest"]),
    default=None,
    help="API kind of the templates (default: from configuration or comments).",
)
@click.option(
    "--route",
    default=None,
    metavar="ROUTE_KEY",
    help="WebSocket route key of the templates ($connect, $default, ...); implies --api websocket.",
)
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="Name to report (and match configuration against) for '-'.",
)
@click.option(
    "--skip-files-without-templates",
    "skip_without_templates",
    is_flag=True,
    help="Skip YAML, JSON and Terraform files that hold no mapping template (not IaC, or IaC "
    "without one) instead of reporting them (for pre-commit, which passes every such file).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="Lint in N worker processes (0: one per core); pays off for many files on idle cores.",
)
@click.option("--traceback", "show_traceback", is_flag=True, help="Show Python tracebacks of bugs.")
def command(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    output_format: str,
    config_path: str | None,
    isolated: bool,
    api: str | None,
    route: str | None,
    stdin_filename: str | None,
    skip_without_templates: bool,
    jobs: int,
    show_traceback: bool,
) -> None:
    """Lint mapping templates: PATHS are .vtl/.vm files, folders, '-' for stdin, or IaC files
    (CloudFormation, SAM, OpenAPI, serverless.yml, Terraform) and HOST#KEY/PATH selectors."""
    from vtlgw.lint.batch import Job
    from vtlgw.lint.linter import Linter
    from vtlgw.lint.registry import ALL_RULES
    from vtlgw.lint.report import REPORTERS

    if route is not None and api == "rest":
        raise click.UsageError("--route is for WebSocket templates; drop it or use --api websocket")
    if route is not None and not route.strip():
        raise click.BadParameter("expected a route key such as $connect", param_hint="'--route'")
    if config_path is not None and isolated:
        raise click.UsageError("give --config or --isolated, not both")
    targets = list(paths) or ["."]
    if targets.count(STDIN) > 1:
        raise click.UsageError("'-' (stdin) can be given once")
    if stdin_filename is not None and STDIN not in targets:
        raise click.UsageError("--stdin-filename names the template read from '-'; add '-'")
    known = tuple(rule.code for rule in ALL_RULES)
    with exit_on_errors("lint"):
        config = _config(config_path, isolated, known)
        linter = Linter(_selection(config.selection, select, extend_select, ignore, known))
        if not linter.enabled():
            raise click.UsageError(
                "no rule is selected: the selection"
                + (f" in {config.name}" if config.root is not None else "")
                + " and the --select/--ignore options leave nothing to run"
            )
    job = Job(linter, config, cast("ApiKind | None", api), route)
    findings, problems = _lint_all(
        targets, job, stdin_filename, show_traceback, skip_without_templates, jobs
    )
    findings.sort(key=lambda finding: finding.sort_key())
    output = REPORTERS[output_format](findings, ALL_RULES, problems=problems)
    stream = binary_stream("stdout")
    stream.write(output.encode("utf-8"))
    stream.flush()
    code = 2 if problems else 0 if exit_zero or not findings else 1
    raise click.exceptions.Exit(code)
