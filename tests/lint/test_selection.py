"""Rule selection: ruff's select / extend-select / ignore, by code or prefix, in layers."""

from __future__ import annotations

import pytest

from vtlgw.errors import InputError
from vtlgw.lint.selection import Selection, check_codes

KNOWN = ("VTL101", "VTL104", "VTL201", "VTL214", "VTL502")


def on(selection: Selection, *, opt_in: frozenset[str] = frozenset({"VTL214"})) -> list[str]:
    return [code for code in KNOWN if selection.enabled(code, default=code not in opt_in)]


def test_the_default_selection_is_the_default_rules() -> None:
    assert on(Selection()) == ["VTL101", "VTL104", "VTL201", "VTL502"]


def test_select_replaces_the_defaults_and_a_prefix_includes_opt_in_rules() -> None:
    assert on(Selection(select=("VTL2",))) == ["VTL201", "VTL214"]
    assert on(Selection(select=("VTL104",))) == ["VTL104"]
    assert on(Selection(select=("VTL",))) == list(KNOWN)
    assert on(Selection(select=())) == []


def test_extend_select_adds_and_ignore_removes() -> None:
    assert on(Selection(extend_select=("VTL214",))) == list(KNOWN)
    assert on(Selection(ignore=("VTL1",))) == ["VTL201", "VTL502"]


def test_the_most_specific_entry_wins_and_ignore_wins_a_tie() -> None:
    assert on(Selection(select=("VTL2",), ignore=("VTL214",))) == ["VTL201"]
    assert on(Selection(select=("VTL214",), ignore=("VTL2",))) == ["VTL214"]
    assert on(Selection(select=("VTL201",), ignore=("VTL201",))) == []


def test_a_layer_with_select_starts_afresh() -> None:
    config = Selection(ignore=("VTL104", "VTL2"))
    # the command line's --select VTL104 runs VTL104 although the configuration ignores it
    assert on(config.then(select=("VTL104",))) == ["VTL104"]
    # without select, a layer changes only what its entries match
    assert on(config.then(extend_select=("VTL214",))) == ["VTL101", "VTL214", "VTL502"]
    assert on(config.then(ignore=("VTL5",))) == ["VTL101"]


def test_without_ignores_on_top_of_every_layer() -> None:
    cli = Selection(select=("VTL2",)).then(extend_select=("VTL104",))
    assert on(cli.without(["VTL2"])) == ["VTL104"]
    assert cli.then() is cli


def test_check_codes_upper_cases_and_accepts_prefixes() -> None:
    assert check_codes([" vtl2", "VTL104", "VTL"], KNOWN, where="--select") == (
        "VTL2",
        "VTL104",
        "VTL",
    )


@pytest.mark.parametrize(
    ("entry", "hint"),
    [
        ("VTL9", ""),
        ("VTL2141", " (did you mean 'VTL214'?)"),
        ("vtl105", " (did you mean 'VTL101'?)"),
        ("E501", ""),
        ("", ""),
    ],
)
def test_unknown_codes_are_errors_naming_the_option(entry: str, hint: str) -> None:
    with pytest.raises(InputError) as caught:
        check_codes([entry], KNOWN, where="--select")
    assert str(caught.value) == (
        f"--select: unknown rule code or prefix {entry!r}{hint}; expected VTL followed by up to "
        "three digits of an existing rule (`vtlgw rules` lists them)"
    )
