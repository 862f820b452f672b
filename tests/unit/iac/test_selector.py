"""``HOST#SELECTOR``: parsing, matching key-path tokens in order, and the errors that list."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.iac.detect import Reader
from vtlgw.iac.model import EmbeddedTemplate, KeyPath
from vtlgw.iac.selector import (
    QUOTE_HINT,
    Selector,
    listing,
    parse_selector,
    resolve,
    resolve_one,
    select,
)
from vtlgw.location import OffsetMap

HOST = "template.yaml"
CONNECT = ("Resources", "ConnectIntegration", "Properties", "RequestTemplates")
KEYS: tuple[KeyPath, ...] = (
    (*CONNECT, "$default"),
    (*CONNECT, "application/json"),
    ("Resources", "MessageIntegration", "Properties", "RequestTemplates", "$default"),
    ("Resources", "MessageResponse", "Properties", "ResponseTemplates", "$default"),
    (
        "Resources",
        "Api",
        "Properties",
        "DefinitionBody",
        "paths",
        "/items/{id}",
        "get",
        "x-amazon-apigateway-integration",
        "responses",
        "default",
        "responseTemplates",
        "application/json",
    ),
)


def _template(key_path: KeyPath, host: str = HOST) -> EmbeddedTemplate:
    return EmbeddedTemplate(
        host=host,
        host_text="",
        key_path=key_path,
        text="",
        offsets=OffsetMap([(0, 0)]),
        kind="request",
    )


TEMPLATES = [_template(key) for key in KEYS]


def _select(rest: str) -> EmbeddedTemplate:
    return select(TEMPLATES, Selector(HOST, rest))


def _error(rest: str, templates: list[EmbeddedTemplate] = TEMPLATES) -> str:
    with pytest.raises(InputError) as info:
        select(templates, Selector(HOST, rest))
    return str(info.value)


@pytest.mark.parametrize(
    ("argument", "host", "rest"),
    [
        ("template.yaml", "template.yaml", None),
        ("template.yaml#ConnectIntegration", "template.yaml", "ConnectIntegration"),
        ("a/b.yaml#X/$default", "a/b.yaml", "X/$default"),
        ("api.yaml#paths//items/{id}/get", "api.yaml", "paths//items/{id}/get"),
        ("a.yaml#X#Y", "a.yaml", "X#Y"),
    ],
)
def test_the_first_hash_splits_host_and_key_path(
    argument: str, host: str, rest: str | None
) -> None:
    assert parse_selector(argument) == Selector(host, rest)


def test_an_empty_selector_says_to_quote_it() -> None:
    with pytest.raises(InputError) as info:
        parse_selector("template.yaml#")  # what an unquoted template.yaml#$default becomes
    assert str(info.value) == (
        "template.yaml: expected a key path after '#', found ''; in a shell, quote the "
        "selector in single quotes: '$default' unquoted expands to ''"
    )
    with pytest.raises(InputError) as info:
        parse_selector("template.yaml#//")
    assert str(info.value).startswith("template.yaml: expected a key path after '#', found '//'")


def test_no_host_before_the_hash_is_an_error() -> None:
    with pytest.raises(InputError) as info:
        parse_selector("#ConnectIntegration")
    assert info.value.message == (
        "expected HOST#KEY/PATH, found no host file before '#' in '#ConnectIntegration'"
    )


def test_a_file_whose_name_holds_a_hash_is_named_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a#b.yaml").write_text("", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert parse_selector("a#b.yaml") == Selector("a#b.yaml", None)


@pytest.mark.parametrize(
    ("rest", "index"),
    [
        ("ConnectIntegration/$default", 0),
        ("Resources/ConnectIntegration/Properties/RequestTemplates/$default", 0),
        ("ConnectIntegration/application/json", 1),
        ("ConnectIntegration/json", 1),
        ("MessageIntegration", 2),
        ("MessageIntegration/$default", 2),
        ("ResponseTemplates", 3),
        ("MessageResponse", 3),
        ("Api", 4),
        ("items/{id}/get", 4),
        ("/items/{id}/get/", 4),
        ("Resources/Api/default", 4),
    ],
)
def test_selector_tokens_match_the_key_path_tokens_in_order(rest: str, index: int) -> None:
    assert _select(rest) is TEMPLATES[index]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key_path_text)
def test_the_full_selector_always_matches_its_own_template(template: EmbeddedTemplate) -> None:
    assert parse_selector(template.selector) == Selector(HOST, template.key_path_text)
    assert _select(template.key_path_text) is template


def test_an_exact_match_wins_over_longer_key_paths_holding_the_same_tokens() -> None:
    short = _template(("A", "B"))
    long = _template(("A", "X", "B"))
    assert select([long, short], Selector(HOST, "A/B")) is short
    assert select([long, short], Selector(HOST, "A/X/B")) is long


def test_a_terraform_resource_is_found_by_its_name() -> None:
    connect = _template(("aws_apigatewayv2_integration.connect", "request_templates", "$default"))
    message = _template(("aws_apigatewayv2_integration.message", "request_templates", "$default"))
    assert select([connect, message], Selector("main.tf", "connect")) is connect
    assert select([connect, message], Selector("main.tf", "aws_apigatewayv2_integration.message"))


def test_tokens_are_whole_and_in_order() -> None:
    assert "no template matches 'Connect'" in _error("Connect")
    assert "no template matches '$default/ConnectIntegration'" in _error(
        "$default/ConnectIntegration"
    )


def test_several_matches_list_the_candidates_quoted_for_a_shell() -> None:
    assert _error("ConnectIntegration") == (
        "template.yaml: 'ConnectIntegration' matches 2 templates: "
        "'template.yaml#Resources/ConnectIntegration/Properties/RequestTemplates/$default', "
        "'template.yaml#Resources/ConnectIntegration/Properties/RequestTemplates/"
        "application/json'; add more of the key path"
    )


def test_no_match_lists_every_template_and_suggests_a_case_fix() -> None:
    message = _error("connectintegration/$default")
    assert message.startswith(
        "template.yaml: no template matches 'connectintegration/$default' (did you mean "
        "'template.yaml#Resources/ConnectIntegration/Properties/RequestTemplates/$default'?); "
        "the templates in it: 'template.yaml#Resources/ConnectIntegration/"
    )
    assert message.count("'template.yaml#") == 1 + len(TEMPLATES)


def test_a_selector_cut_short_by_the_shell_gets_the_quoting_hint() -> None:
    # 'X/$default' unquoted reaches vtlgw as 'X/': harmless when it still names one template
    assert _select("MessageResponse/ResponseTemplates/") is TEMPLATES[3]
    assert _error("ConnectIntegration/").startswith(
        f"template.yaml: 'ConnectIntegration/' matches 2 templates ({QUOTE_HINT}): "
    )
    assert _error("Nothing/").startswith(
        f"template.yaml: no template matches 'Nothing/' ({QUOTE_HINT}); the templates in it: "
    )
    assert QUOTE_HINT not in _error("Nothing")


def test_a_long_candidate_list_is_capped() -> None:
    many = [_template(("Resources", f"I{n}", "RequestTemplates", "$default")) for n in range(20)]
    text = listing(many, HOST)
    assert text.count("template.yaml#") == 12
    assert text.endswith("'template.yaml#Resources/I11/RequestTemplates/$default' and 8 more")


def test_a_host_without_templates_says_so() -> None:
    assert _error("X", []) == (
        "template.yaml: no template matches 'X': the file holds no mapping templates"
    )


def _reader(templates: list[EmbeddedTemplate]) -> dict[str, Reader]:
    def read(path: str, text: str) -> list[EmbeddedTemplate]:
        return [_template(t.key_path, host=path) for t in templates]

    return {"cloudformation": read}


def _host(tmp_path: Path) -> str:
    path = tmp_path / "template.yaml"
    path.write_text("Resources: {}\n", "utf-8")
    return str(path)


def test_resolve_gives_every_template_of_a_host_or_the_selected_one(tmp_path: Path) -> None:
    host = _host(tmp_path)
    readers = _reader(TEMPLATES)
    assert [t.key_path for t in resolve(host, readers)] == list(KEYS)
    assert [t.key_path for t in resolve(f"{host}#MessageIntegration", readers)] == [KEYS[2]]
    assert resolve(host, _reader([])) == []


def test_resolve_one_needs_exactly_one_template(tmp_path: Path) -> None:
    host = _host(tmp_path)
    assert resolve_one(host, _reader(TEMPLATES[:1])).key_path == KEYS[0]
    assert resolve_one(f"{host}#ConnectIntegration/json", _reader(TEMPLATES)).key_path == KEYS[1]
    with pytest.raises(InputError) as info:
        resolve_one(host, _reader(TEMPLATES[:2]))
    assert str(info.value) == (
        f"{host}: the file holds 2 templates; name one with HOST#KEY/PATH: "
        f"'{host}#Resources/ConnectIntegration/Properties/RequestTemplates/$default', "
        f"'{host}#Resources/ConnectIntegration/Properties/RequestTemplates/application/json'"
    )
    with pytest.raises(InputError) as info:
        resolve_one(host, _reader([]))
    assert str(info.value) == f"{host}: the file holds no mapping templates"


def test_a_token_cut_short_suggests_the_keys_it_starts() -> None:
    message = _error("MessageInt")
    assert message.startswith(
        "template.yaml: no template matches 'MessageInt' (did you mean "
        "'template.yaml#Resources/MessageIntegration/Properties/RequestTemplates/$default'?); "
    )
    assert _error("Message").startswith(
        "template.yaml: no template matches 'Message' (did you mean "
        "'template.yaml#Resources/MessageIntegration/Properties/RequestTemplates/$default' or "
        "'template.yaml#Resources/MessageResponse/Properties/ResponseTemplates/$default'?); "
    )
    assert "did you mean" not in _error("Nothing")
