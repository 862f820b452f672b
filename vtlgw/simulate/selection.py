"""The gateway's selection rules: which template runs, which integration response applies.

* Request templates, WebSocket: the template selection expression's value, then ``$default``,
  then ``application/json`` when no expression is set (ref §6.2 (D; O/I for the last step)),
  then the passthrough behaviour.
* Request templates, REST: the MIME type of ``Content-Type`` (``application/json`` when
  absent) and the passthrough table of ref §8.4 (D).
* Response templates, REST: the first media type of ``Accept`` (ref §8.3 (D)); WebSocket:
  the response's template selection expression, then ``$default`` (ref §6.3 (D)).
* Integration responses: selection patterns as whole-string Java regexes (ref §8.2), a default
  response when nothing matches, and a 500 with the gateway's log line when there is none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from vtlgw.simulate.javaregex import java_matches
from vtlgw.simulate.quoting import quote

Action = Literal["transform", "passthrough", "reject"]
PASSTHROUGH_BEHAVIORS = ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")
NO_MATCH_LOG = (
    "Execution failed due to configuration error: No match for output mapping and no default "
    "output mapping configured. Endpoint Response Status Code: {status}"
)


@dataclass(frozen=True)
class TemplateChoice:
    """The outcome of choosing a mapping template."""

    action: Action
    key: str | None
    reason: str
    status: int | None = None  # the rejection status (415) when action == "reject"


def media_type(header: str | None) -> str | None:
    """The bare MIME type of a Content-Type or Accept entry (parameters dropped), lowercased."""
    if header is None:
        return None
    first = header.split(",", 1)[0].split(";", 1)[0].strip().lower()
    return first or None


def _find_key(templates: Mapping[str, object], key: str) -> str | None:
    if key in templates:
        return key
    lowered = key.lower()
    return next((k for k in templates if k.lower() == lowered), None)


def _passthrough(templates: Mapping[str, object], behavior: str, wanted: str) -> TemplateChoice:
    # ref §8.4 (D): the passthrough table (WebSocket uses the same enum, ref §6.2 (D)).
    if behavior not in PASSTHROUGH_BEHAVIORS:
        raise ValueError(f"unknown passthrough behavior {quote(behavior)}")
    if not templates:
        if behavior == "NEVER":
            return TemplateChoice(
                "reject", None, "no templates and passthroughBehavior NEVER -> 415", 415
            )
        return TemplateChoice("passthrough", None, f"no templates; {behavior} passes through")
    if behavior == "WHEN_NO_MATCH":
        return TemplateChoice(
            "passthrough", None, f"no template for {quote(wanted)}; WHEN_NO_MATCH passes through"
        )
    return TemplateChoice(
        "reject", None, f"no template for {quote(wanted)}; {behavior} rejects with 415", 415
    )


def choose_rest_request_template(
    templates: Mapping[str, object], content_type: str | None, behavior: str = "WHEN_NO_MATCH"
) -> TemplateChoice:
    """Pick the REST request template for a request's ``Content-Type`` (ref §8.4 (D))."""
    wanted = media_type(content_type) or "application/json"
    key = _find_key(templates, wanted)
    if key is not None:
        return TemplateChoice("transform", key, f"Content-Type {quote(wanted)} has a template")
    return _passthrough(templates, behavior, wanted)


def choose_websocket_request_template(
    templates: Mapping[str, object],
    selected: str | None,
    behavior: str = "WHEN_NO_MATCH",
) -> TemplateChoice:
    """Pick the WebSocket request template; ``selected`` is the evaluated selection expression.

    ``selected`` is ``None`` when the integration has no template selection expression.
    """
    if selected is not None and selected in templates:
        return TemplateChoice("transform", selected, f"selection expression gave {quote(selected)}")
    if "$default" in templates:
        why = "no selection expression" if selected is None else f"no template {quote(selected)}"
        return TemplateChoice("transform", "$default", f"{why}; using $default")
    if selected is None and "application/json" in templates:
        # ref §6.2 (O/I): without an expression, frames behave as application/json.
        return TemplateChoice(
            "transform", "application/json", "no selection expression; using application/json"
        )
    return _passthrough(templates, behavior, "$default" if selected is None else selected)


def choose_rest_response_template(
    templates: Mapping[str, object], accept: str | None
) -> TemplateChoice:
    """Pick the REST response template for the request's ``Accept`` (ref §8.3 (D))."""
    if not templates:
        return TemplateChoice("passthrough", None, "no response templates; body passes through")
    wanted = media_type(accept) or "application/json"
    key = _find_key(templates, wanted)
    if key is not None:
        return TemplateChoice("transform", key, f"Accept {quote(wanted)} has a template")
    if "application/json" in templates:
        return TemplateChoice(
            "transform", "application/json", f"no template for {quote(wanted)}; application/json"
        )
    first = next(iter(templates))
    return TemplateChoice("transform", first, f"no template for {quote(wanted)}; first template")


def choose_websocket_response_template(
    templates: Mapping[str, object], selected: str | None
) -> TemplateChoice:
    """Pick the WebSocket response template from the evaluated expression (ref §6.3 (D))."""
    if selected is not None and selected in templates:
        return TemplateChoice("transform", selected, f"selection expression gave {quote(selected)}")
    if "$default" in templates:
        return TemplateChoice("transform", "$default", "falling back to $default")
    if selected is None and "application/json" in templates:
        return TemplateChoice("transform", "application/json", "no expression; application/json")
    return TemplateChoice("passthrough", None, "no response template applies; body unchanged")


@dataclass(frozen=True)
class ResponseRule:
    """One integration response: its key and selection pattern (``None`` = the default)."""

    key: str
    pattern: str | None


@dataclass(frozen=True)
class ResponseSelection:
    """Which integration response applies to a value, and why."""

    value: str
    key: str | None
    matched: tuple[str, ...]
    default_used: bool
    error_log: str | None = None


def websocket_rules(keys: Sequence[str]) -> tuple[ResponseRule, ...]:
    """Rules from WebSocket integration response keys: ``/regex/`` or ``$default``."""
    rules = []
    for key in keys:
        if key == "$default":
            rules.append(ResponseRule(key, None))
        elif len(key) >= 2 and key.startswith("/") and key.endswith("/"):
            rules.append(ResponseRule(key, key[1:-1]))
        else:
            raise ValueError(f"integration response key {quote(key)} must be $default or /regex/")
    return tuple(rules)


def select_response(
    rules: Sequence[ResponseRule], value: str | None, *, endpoint_status: int
) -> ResponseSelection:
    """Apply selection patterns to ``value`` (whole-string Java regex; ref §8.2 (D/I)).

    ``value`` is the Lambda ``errorMessage`` (``""`` on success, ref §11.14 (V)) or the
    backend status code. Non-default patterns are tried first; when several match the
    gateway's choice is unspecified (ref §8.2 (U)), so the first declared wins and all
    matches are reported. Nothing matching and no default gives the 500 log line of
    ref §5.5 (O).
    """
    text = "" if value is None else value
    matched = tuple(
        rule.key
        for rule in rules
        if rule.pattern is not None and rule.pattern != "" and java_matches(rule.pattern, text)
    )
    if matched:
        return ResponseSelection(text, matched[0], matched, default_used=False)
    default = next((rule.key for rule in rules if not rule.pattern), None)
    if default is not None:
        return ResponseSelection(text, default, (), default_used=True)
    return ResponseSelection(
        text, None, (), default_used=False, error_log=NO_MATCH_LOG.format(status=endpoint_status)
    )
