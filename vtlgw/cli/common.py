"""What the ``vtlgw`` subcommands share: option declarations, value types, input and errors.

The options that several commands take (``--event``, ``--stage-var``, ``--context``,
``--body``/``--body-file``, ``--api``, ``--flavor``, ``--format``) are declared once here so
their names, metavars and help texts agree everywhere. ``KeyValue`` and ``ContextPath`` parse
``NAME=VALUE`` style values while click parses the command line, so a bad value is a usage error
(exit 2) naming the option. ``render_input_options`` hands a command everything a render reads
besides the template as one :class:`RenderInputs`, whose ``read`` loads the template, the event
and the body (files or stdin, ``-``). A TEMPLATE argument is read by :func:`read_template`: a
template file, stdin, or a template in an IaC file (``HOST#KEY/PATH``), whose errors
:meth:`TemplateInput.moved` puts at host positions. ``exit_on_errors`` turns vtlgw's errors into the
documented exit codes: 2 for input errors, 1 for template errors, and, for bugs in vtlgw, a
one-line report instead of a traceback when the command asks for that. ``output_failure``
turns a failed write to stdout (a full disk, a closed pipe) into one line and an exit code;
the command group applies it to every command. ``examples`` formats the examples every
command's ``--help`` ends with. Nothing heavy is imported at module level, so ``vtlgw render``
stays cheap.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, TypeVar, cast

import click

STDIN = "-"
STDIN_NAME = "<stdin>"

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:  # click.ParamType is generic only from click 8.2 on
    from vtlgw.apigw.options import RenderOptions
    from vtlgw.errors import VtlgwError
    from vtlgw.iac.model import EmbeddedTemplate

    _PairType = click.ParamType[tuple[str, str]]
    _PathPairType = click.ParamType[tuple[tuple[str, ...], str]]
else:
    _PairType = _PathPairType = click.ParamType


class KeyValue(_PairType):
    """``NAME<sep>VALUE`` as a ``(name, value)`` pair; no separator or no name is a usage error."""

    def __init__(
        self, separator: str = "=", *, strip: bool = False, shape: str = "NAME=VALUE"
    ) -> None:
        self.separator = separator
        self.strip = strip
        self.name = shape

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, str]:
        """Split one command-line value (an already-split pair passes through unchanged)."""
        if isinstance(value, tuple):
            return value
        name, sep, rest = str(value).partition(self.separator)
        if self.strip:
            name, rest = name.strip(), rest.strip()
        if not sep or not name:
            self.fail(f"expected {self.name}, got {value!r}", param, ctx)
        return name, rest


class ContextPath(_PathPairType):
    """``a.b.c=VALUE`` as ``(("a", "b", "c"), VALUE)``; an empty path segment is a usage error."""

    name = "PATH=VALUE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[tuple[str, ...], str]:
        """Split one ``PATH=VALUE`` value into its dotted path and its text."""
        if isinstance(value, tuple):
            return value
        path, text = KeyValue(shape=self.name).convert(value, param, ctx)
        keys = tuple(path.split("."))
        if any(not key for key in keys):
            self.fail(f"empty name in {path!r}", param, ctx)
        return keys, text


def scalar(text: str) -> Any:
    """A command-line value: JSON numbers, booleans and objects as such, anything else a string."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, (int, float, bool, dict)) else text


def nested(assignments: tuple[tuple[tuple[str, ...], str], ...]) -> dict[str, Any]:
    """``--context`` assignments as one nested mapping, values read by :func:`scalar`."""
    result: dict[str, Any] = {}
    for keys, value in assignments:
        target = result
        for key in keys[:-1]:
            inner = target.get(key)
            if not isinstance(inner, dict):
                inner = {}
                target[key] = inner
            target = inner
        target[keys[-1]] = scalar(value)
    return result


def event_option(function: F) -> F:
    """``-e/--event EVENT.json`` (required; ``-`` reads stdin), read with :func:`read_event`."""
    return click.option(
        "-e",
        "--event",
        "event_path",
        required=True,
        metavar="EVENT.json",
        help="Lambda proxy event (WebSocket or REST) to render for; '-' reads stdin.",
    )(function)


def stage_var_option(
    help: str = "Set $stageVariables.NAME (repeatable; overrides the event's).",
) -> Callable[[F], F]:
    """``--stage-var NAME=VALUE`` (repeatable), parsed into ``(name, value)`` pairs."""
    return click.option(
        "--stage-var", "stage_vars", multiple=True, type=KeyValue(), metavar="NAME=VALUE", help=help
    )


def context_option(function: F) -> F:
    """``--context PATH=VALUE`` (repeatable), parsed into dotted-path pairs; see :func:`nested`."""
    return click.option(
        "--context",
        "context_sets",
        multiple=True,
        type=ContextPath(),
        metavar="PATH=VALUE",
        help="Set a $context value, e.g. identity.sourceIp=203.0.113.9 (repeatable).",
    )(function)


def body_options(function: F) -> F:
    """``--body TEXT`` and ``--body-file FILE``; :func:`resolve_body` picks one of them."""
    function = click.option(
        "--body-file",
        default=None,
        metavar="FILE",
        help="Read the request body / message frame from FILE.",
    )(function)
    return click.option(
        "--body", default=None, help="Request body / message frame text (replaces the event's)."
    )(function)


def _choice(
    flag: str, dest: str, choices: tuple[str, ...], default: str | None, help: str
) -> Callable[[F], F]:
    return click.option(
        flag,
        dest,
        type=click.Choice(choices),
        default=default,
        show_default=default is not None,
        help=help,
    )


api_option = _choice(
    "--api",
    "api",
    ("websocket", "rest"),
    None,
    "API kind (default: the IaC file's for an embedded template, else detected from "
    "requestContext).",
)
flavor_option = _choice(
    "--flavor",
    "flavor",
    ("apigateway", "velocity"),
    "apigateway",
    "Engine flavour: API Gateway's behaviour or stock Velocity 1.7.",
)
format_option = _choice("--format", "output_format", ("text", "json"), "text", "Report format.")


def binary_stream(name: Literal["stdin", "stdout"]) -> BinaryIO:
    """The byte stream under ``sys.stdin``/``sys.stdout`` (click's own helper for this is
    deprecated from click 8.2 on); works under click's CliRunner, which swaps both."""
    stream = sys.stdin if name == "stdin" else sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        raise RuntimeError(f"sys.{name} has no byte buffer")
    return cast(BinaryIO, buffer)


def read_text(path: str, what: str) -> str:
    """The UTF-8 text of ``path`` (``-`` for stdin, BOM dropped); InputError if unreadable.

    Files and stdin are read with the same size bound as every other input file.
    """
    from vtlgw.errors import InputError
    from vtlgw.files import MAX_FILE_BYTES, decode_text, read_text_file

    if path != STDIN:
        return read_text_file(path, what)
    try:
        data = binary_stream("stdin").read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", name=STDIN_NAME) from None
    return decode_text(data, what, name=STDIN_NAME)


def read_event(path: str) -> dict[str, Any]:
    """The event in ``path`` (``-`` for stdin), shape-checked; InputError naming the file."""
    from vtlgw.events.load import parse_event

    text = read_text(path, "event" if path == STDIN else "event file")
    return parse_event(text, name=display_name(path))


def resolve_body(body: str | None, body_file: str | None) -> str | None:
    """The body given by ``--body`` or read from ``--body-file`` (giving both is a usage error)."""
    if body is not None and body_file is not None:
        raise click.UsageError("give --body or --body-file, not both")
    return read_text(body_file, "body file") if body_file is not None else body


def check_one_stdin(*paths: str) -> None:
    """At most one of ``paths`` may be ``-``: stdin can be read only once."""
    if sum(path == STDIN for path in paths) > 1:
        raise click.UsageError("the template and the event cannot both come from stdin")


def display_name(path: str) -> str:
    """How errors name a file argument: ``<stdin>`` for ``-``."""
    return STDIN_NAME if path == STDIN else path


@dataclass(frozen=True)
class TemplateInput:
    """A TEMPLATE argument read: the text to render, the name errors give, and, for a template
    in an IaC file (``HOST#KEY/PATH``), the embedded template its positions map through."""

    text: str
    name: str
    embedded: EmbeddedTemplate | None = None

    def moved(self, exc: VtlgwError) -> VtlgwError:
        """``exc`` (about :attr:`text`) at the host position when the template is embedded."""
        if self.embedded is None:
            return exc
        from vtlgw.iac.hosted import host_error

        return host_error(exc, self.embedded)

    def note(self) -> str | None:
        """A line for stderr when the text holds deploy-time placeholders, else ``None``."""
        template = self.embedded
        if template is None or not template.deploy_time:
            return None
        values = sorted({sub.value for sub in template.substitutions if not sub.known})
        return (
            f"{template.host}: note: the template holds placeholders for values known only at "
            f"deploy time: {', '.join(values)} [{template.key_path_text}]"
        )


def read_template(argument: str) -> TemplateInput:
    """The template a TEMPLATE argument names: a file, ``-`` (stdin), an IaC host file holding
    one template, or ``HOST#KEY/PATH`` (see :mod:`vtlgw.iac.selector`)."""
    from vtlgw.iac.detect import is_host_path

    if is_host_path(argument):
        from vtlgw.iac.selector import resolve_one

        template = resolve_one(argument)
        return TemplateInput(template.text, template.host, template)
    return TemplateInput(read_text(argument, "template"), display_name(argument))


@dataclass(frozen=True)
class RenderInputs:
    """What a render reads besides the template, as given on the command line."""

    event_path: str
    stage_vars: tuple[tuple[str, str], ...]
    context_sets: tuple[tuple[tuple[str, ...], str], ...]
    body: str | None
    body_file: str | None
    api: str | None

    def read(self, template: str) -> tuple[TemplateInput, dict[str, Any], RenderOptions]:
        """The template, the event, and the :class:`RenderOptions` of the render.

        ``--api`` defaults to what the IaC file says about an embedded template. Usage mistakes
        raise click errors; unreadable or malformed inputs raise
        :class:`~vtlgw.errors.InputError`.
        """
        from vtlgw.apigw.options import RenderOptions

        check_one_stdin(template, self.event_path)
        body = resolve_body(self.body, self.body_file)
        source = read_template(template)
        event = read_event(self.event_path)
        api = self.api
        if api is None and source.embedded is not None:
            api = source.embedded.api
        options = RenderOptions(
            api=cast(Literal["websocket", "rest"] | None, api),
            stage_variables=dict(self.stage_vars),
            context=nested(self.context_sets),
            body=body,
        )
        return source, event, options


_INPUT_FIELDS = tuple(field.name for field in fields(RenderInputs))


def render_input_options(function: F) -> F:
    """``--event``, ``--stage-var``, ``--context``, ``--body``/``--body-file`` and ``--api``.

    The command receives them as one ``inputs`` argument, a :class:`RenderInputs`.
    """

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for name in _INPUT_FIELDS}
        return function(*args, inputs=RenderInputs(**given), **kwargs)

    decorated: Any = command
    for option in (api_option, body_options, context_option, stage_var_option(), event_option):
        decorated = option(decorated)
    return cast(F, decorated)


def fail(message: str, code: int) -> None:
    """Print ``message`` on stderr and exit with ``code``."""
    click.echo(message, err=True)
    raise click.exceptions.Exit(code)


@contextmanager
def exit_on_errors(name: str, *, internal_errors: bool = False) -> Iterator[None]:
    """Turn errors inside the block into exit codes: InputError 2, other VtlgwError 1.

    With ``internal_errors`` any other exception (a bug in vtlgw, not the user's mistake) is
    reported on one line naming ``name`` and exits 2; without it, it propagates with its
    traceback. click's own exits and usage errors pass through untouched.
    """
    from vtlgw.errors import InputError, VtlgwError

    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
        raise
    except InputError as exc:
        fail(str(exc), 2)
    except VtlgwError as exc:
        fail(str(exc), 1)
    except Exception as exc:
        if not internal_errors:
            raise
        fail(
            f"{name}: internal error: {type(exc).__name__}: {exc} "
            "(this is a vtlgw bug; --traceback shows where)",
            2,
        )


#: The exit status of a command whose reader closed the pipe (``vtlgw event rest | head -c1``):
#: 128 + SIGPIPE, what the shell reports for ``cat`` or ``yes`` in the same place. Nothing is
#: printed: nobody is reading, and the reader ending early is not an error of the command.
BROKEN_PIPE_EXIT = 141


def is_output_failure(exc: OSError) -> bool:
    """True for a failed write to an output stream: an OS error naming no file.

    Everything vtlgw opens by name reports its failures as :class:`~vtlgw.errors.InputError`
    (naming the file), so an ``OSError`` without a file name that escapes a command comes from
    writing stdout or stderr: ``ENOSPC`` on a full disk, ``EPIPE`` from a closed pipe.
    """
    return exc.errno is not None and exc.filename is None


def output_failure(exc: OSError) -> int:
    """Report a failed write to stdout and return the exit code: 2, or quietly 141 for EPIPE.

    What could not be written is dropped (stdout is pointed at the null device when it is a
    real file descriptor), so the interpreter's last flush at exit does not fail again.
    """
    _discard_stdout()
    if exc.errno == errno.EPIPE:
        return BROKEN_PIPE_EXIT
    reason = exc.strerror or os.strerror(exc.errno or 0)
    with suppress(OSError):  # stderr broken too: the exit code is all that is left
        click.echo(f"vtlgw: cannot write the output: {reason}", err=True)
    return 2


def _discard_stdout() -> None:
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (click's CliRunner, a StringIO): nothing flushes it at exit
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def examples(*commands: str) -> str:
    """A command's help epilog: ``Examples:`` then one command a line, printed as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {command}" for command in commands)
