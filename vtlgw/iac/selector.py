"""``HOST#SELECTOR``: naming one template in a host file wherever a TEMPLATE is accepted.

The part before the first ``#`` is the host file (unless the whole argument names an existing
file), the part after it a key path written with ``/``: ``template.yaml#ConnectIntegration``,
``template.yaml#ConnectIntegration/$default`` or the full
``template.yaml#Resources/ConnectIntegration/Properties/RequestTemplates/$default`` that
``vtlgw templates`` prints. Both the selector and each template's key path (its keys joined by
``/``) are split on ``/`` into tokens, empty tokens dropped, so a content type such as
``application/json`` is two tokens and an OpenAPI path ``/items/{id}`` two more. A template
matches when the selector's tokens appear among its tokens in order (not necessarily side by
side); a selector token also matches the part after the last ``.`` of a key token, so
``main.tf#connect`` finds ``aws_apigatewayv2_integration.connect``. Exactly one template must
match: when several do, one whose tokens are exactly the selector's wins (so a full selector is
always unique), and otherwise the error lists the candidates.

A host file without ``#`` means every template in it (:func:`resolve`, for ``lint`` and
``templates``) or its only template (:func:`resolve_one`, for ``render`` and ``validate``, which
list the selectors when there are several). In a shell, quote a selector with single quotes:
``'template.yaml#ConnectIntegration/$default'``; unquoted, ``$default`` expands to nothing.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from vtlgw.errors import InputError
from vtlgw.iac.detect import Reader, read_host
from vtlgw.iac.model import EmbeddedTemplate

#: how many candidates an error lists before saying how many more there are
MAX_LISTED = 12
QUOTE_HINT = "in a shell, quote the selector in single quotes: '$default' unquoted expands to ''"


@dataclass(frozen=True)
class Selector:
    """A parsed TEMPLATE argument: the host file and the key path after ``#`` (or ``None``)."""

    host: str
    rest: str | None

    @property
    def tokens(self) -> tuple[str, ...]:
        """The selector's ``/``-separated tokens, empty ones dropped."""
        return tokens(self.rest or "")


def parse_selector(argument: str) -> Selector:
    """Split ``HOST#KEY/PATH`` at its first ``#`` (a whole argument naming a file stays whole).

    An empty selector (``host.yaml#``, what an unquoted ``host.yaml#$default`` becomes in a
    shell) is an :class:`InputError` saying to quote it.
    """
    if "#" not in argument or Path(argument).is_file():
        return Selector(argument, None)
    host, _, rest = argument.partition("#")
    if not host:
        raise InputError(
            f"expected HOST#KEY/PATH, found no host file before '#' in {argument!r}",
            name=argument,
        )
    if not tokens(rest):
        raise InputError(
            f"expected a key path after '#', found {rest!r}; {QUOTE_HINT}",
            name=host,
        )
    return Selector(host, rest)


def tokens(path: str) -> tuple[str, ...]:
    """``path`` split on ``/``, without empty tokens."""
    return tuple(token for token in path.split("/") if token)


def template_tokens(template: EmbeddedTemplate) -> tuple[str, ...]:
    """The tokens of a template's key path: its keys joined by ``/`` and split again."""
    return tokens(template.key_path_text)


def _same(wanted: str, token: str, fold: bool) -> bool:
    if fold:  # for suggestions: ignoring case, and a token may be the start of a key
        wanted, token = wanted.lower(), token.lower()
        if token.startswith(wanted):
            return True
    return wanted == token or ("." in token and token.rpartition(".")[2] == wanted)


def tokens_match(wanted: Sequence[str], have: Sequence[str], *, fold: bool = False) -> bool:
    """True when the tokens ``wanted`` appear among the tokens ``have``, in order
    (``fold``: ignoring case, each token the start of a key, for suggestions)."""
    remaining = iter(have)
    return all(any(_same(token, key, fold) for key in remaining) for token in wanted)


def matches(wanted: Sequence[str], template: EmbeddedTemplate, *, fold: bool = False) -> bool:
    """True when the tokens ``wanted`` appear among the template's tokens, in order."""
    return tokens_match(wanted, template_tokens(template), fold=fold)


def quoted(selector: str) -> str:
    """A selector as a shell command line needs it (single-quoted: ``#``, ``$`` and spaces)."""
    return shlex.quote(selector)


def selector_of(template: EmbeddedTemplate, host: str) -> str:
    """The selector of ``template`` read from the host file ``host``.

    Usually ``template.selector``; a Terraform template read through ``file()`` sits (and is
    positioned) in the file named there, but is selected through the ``.tf`` file.
    """
    return f"{host}#{template.key_path_text}"


def listing(templates: Sequence[EmbeddedTemplate], host: str) -> str:
    """The selectors of ``templates`` (read from ``host``), quoted for a shell,
    comma-separated and capped."""
    shown = [quoted(selector_of(template, host)) for template in templates[:MAX_LISTED]]
    more = len(templates) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def select(templates: Sequence[EmbeddedTemplate], selector: Selector) -> EmbeddedTemplate:
    """The one template of ``templates`` (all from ``selector.host``) the selector names.

    No match, or several without one matching exactly, is an :class:`InputError` listing the
    selectors to choose from.
    """
    wanted = selector.tokens
    found = [template for template in templates if matches(wanted, template)]
    hint = f" ({QUOTE_HINT})" if (selector.rest or "").endswith("/") else ""
    if len(found) > 1:
        exact = [template for template in found if template_tokens(template) == wanted]
        if len(exact) == 1:
            return exact[0]
        raise InputError(
            f"{selector.rest!r} matches {len(found)} templates{hint}: "
            f"{listing(found, selector.host)}; add more of the key path",
            name=selector.host,
        )
    if found:
        return found[0]
    if not templates:
        raise InputError(
            f"no template matches {selector.rest!r}: the file holds no mapping templates",
            name=selector.host,
        )
    folded = [template for template in templates if matches(wanted, template, fold=True)]
    if folded:
        shown = " or ".join(quoted(selector_of(t, selector.host)) for t in folded[:3])
        hint += f" (did you mean {shown}?)"
    raise InputError(
        f"no template matches {selector.rest!r}{hint}; the templates in it: "
        f"{listing(templates, selector.host)}",
        name=selector.host,
    )


def resolve(argument: str, readers: Mapping[str, Reader] | None = None) -> list[EmbeddedTemplate]:
    """The templates a ``lint``/``templates`` argument names: every one in a host file, or the
    one a ``HOST#SELECTOR`` names."""
    selector = parse_selector(argument)
    templates = read_host(selector.host, readers)
    if selector.rest is None:
        return templates
    return [select(templates, selector)]


def resolve_one(argument: str, readers: Mapping[str, Reader] | None = None) -> EmbeddedTemplate:
    """The one template a ``render``/``validate`` TEMPLATE argument names (see :func:`pick`)."""
    selector = parse_selector(argument)
    return pick(read_host(selector.host, readers), selector)


def pick(templates: Sequence[EmbeddedTemplate], selector: Selector) -> EmbeddedTemplate:
    """The template ``selector`` names, or without a key path the host's only template.

    A host file named without ``#`` must hold exactly one template; otherwise the
    :class:`InputError` lists the selectors to pick from.
    """
    if selector.rest is not None:
        return select(templates, selector)
    if len(templates) == 1:
        return templates[0]
    if not templates:
        raise InputError("the file holds no mapping templates", name=selector.host)
    raise InputError(
        f"the file holds {len(templates)} templates; name one with HOST#KEY/PATH: "
        f"{listing(templates, selector.host)}",
        name=selector.host,
    )
