"""Choosing the reader of a host file from its name and top-level keys, and finding host files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.iac.detect import (
    EXPECTED,
    NOT_A_HOST,
    READERS,
    host_files,
    host_format,
    is_host_path,
    read_host,
)
from vtlgw.iac.model import EmbeddedTemplate
from vtlgw.location import OffsetMap

CFN_YAML = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Api:\n    Type: X\n'
OPENAPI_YAML = "openapi: 3.0.1\ninfo:\n  title: api\npaths: {}\n"
SERVERLESS_YAML = (
    "service: chat\n"
    "provider:\n  name: aws\n"
    "resources:\n  Resources:\n    Table:\n      Type: AWS::DynamoDB::Table\n"
)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("main.tf", "", "terraform"),
        ("stack/MAIN.TF", 'resource "x" "y" {}', "terraform"),
        ("main.tf.json", '{"resource": {}}', "terraform"),
        ("template.yaml", CFN_YAML, "cloudformation"),
        ("template.yml", "Resources:\n  A:\n    Type: X\n", "cloudformation"),
        ("template.yaml", '"Resources" :\n  A: {}\n', "cloudformation"),
        ("sam.yaml", "Transform: AWS::Serverless-2016-10-31\nGlobals: {}\n", "cloudformation"),
        ("sam.yaml", "Transform:\n  - AWS::Serverless-2016-10-31\n", "cloudformation"),
        ("Stack.template.json", '{\n  "Resources": {\n    "A": {}\n  }\n}\n', "cloudformation"),
        (
            "x.json",
            '{"Parameters": {"Resources": 1}, "AWSTemplateFormatVersion": "x"}',
            "cloudformation",
        ),
        ("api.yaml", OPENAPI_YAML, "openapi"),
        ("api.json", '{"swagger": "2.0", "paths": {}}', "openapi"),
        ("api.json", '{"info": {"title": "a \\" b"}, "openapi": "3.0.1"}', "openapi"),
        ("serverless.yml", SERVERLESS_YAML, "serverless"),
        ("serverless.yml", "service: chat\nfunctions:\n  a: {}\n", "serverless"),
        (
            "serverless.json",
            '{"service": "chat", "provider": {}, "resources": {"Resources": {}}}',
            "serverless",
        ),
        ("package.json", '{"name": "x", "dependencies": {"Resources": "1"}}', None),
        ("values.yaml", "# Resources: commented out\nitems:\n  Resources: nested\n", None),
        ("notes.yaml", "doc: |\n  Resources:\n  openapi: 3\n", None),
        ("list.json", '[{"Resources": {}}]', None),
        ("transform.yaml", "Transform: AWS::Include\n", None),
        ("service.yaml", "service: only\n", None),
        ("empty.yaml", "", None),
    ],
)
def test_the_format_comes_from_the_name_or_the_top_level_keys(
    name: str, text: str, expected: str | None
) -> None:
    assert host_format(name, text) == expected


def test_the_reader_table_is_immutable_and_names_every_format() -> None:
    assert sorted(READERS) == ["cloudformation", "openapi", "serverless", "terraform"]
    with pytest.raises(TypeError):
        READERS["x"] = READERS["openapi"]  # type: ignore[index]


def _recording_reader(fmt: str) -> object:
    def read(path: str, text: str) -> list[EmbeddedTemplate]:
        return [
            EmbeddedTemplate(
                host=path,
                host_text=text,
                key_path=(fmt,),
                text="",
                offsets=OffsetMap([(0, 0)]),
                kind="request",
            )
        ]

    return read


FAKE = {fmt: _recording_reader(fmt) for fmt in READERS}


def test_read_host_hands_the_text_to_the_reader_of_its_format(tmp_path: Path) -> None:
    for name, text, fmt in [
        ("template.yaml", CFN_YAML, "cloudformation"),
        ("api.yaml", OPENAPI_YAML, "openapi"),
        ("serverless.yml", SERVERLESS_YAML, "serverless"),
        ("main.tf", 'resource "a" "b" {}\n', "terraform"),
    ]:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        (template,) = read_host(str(path), FAKE)  # type: ignore[arg-type]
        assert (template.key_path, template.host, template.host_text) == ((fmt,), str(path), text)


def test_a_file_that_is_no_host_is_an_input_error_saying_what_was_expected(
    tmp_path: Path,
) -> None:
    path = tmp_path / "package.json"
    path.write_text('{"name": "x"}', "utf-8")
    with pytest.raises(InputError) as info:
        read_host(str(path), FAKE)  # type: ignore[arg-type]
    assert str(info.value) == f"{path}: {NOT_A_HOST}; {EXPECTED}"
    assert str(info.value).endswith(
        "expected a .tf file, or a YAML or JSON file with top-level AWSTemplateFormatVersion "
        "or Resources (CloudFormation, SAM, cdk.out), openapi or swagger (OpenAPI), or service "
        "and provider (serverless.yml)"
    )


def test_a_missing_host_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    with pytest.raises(InputError) as info:
        read_host(str(path), FAKE)  # type: ignore[arg-type]
    assert str(info.value) == f"{path}: cannot read IaC file: No such file or directory"


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("-", False),
        ("templates/connect.vtl", False),
        ("legacy.vm", False),
        ("template.yaml", True),
        ("template.YML", True),
        ("cdk.out/Stack.template.json", True),
        ("main.tf", True),
        ("template.yaml#ConnectIntegration/$default", True),
        ("main.tf#connect", True),
        ("nowhere.vtl#A", True),
    ],
)
def test_is_host_path_tells_host_files_and_selectors_from_template_files(
    argument: str, expected: bool
) -> None:
    assert is_host_path(argument) is expected


def test_an_existing_file_with_a_hash_in_its_name_is_a_template_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "odd#name.vtl").write_text("x", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert is_host_path("odd#name.vtl") is False
    assert is_host_path("odd#other.vtl") is True


def test_a_folder_walk_yields_host_files_only_in_a_stable_order(tmp_path: Path) -> None:
    files = {
        "template.yaml": CFN_YAML,
        "package.json": '{"name": "x"}',
        "notes.md": "Resources:\n",
        "api/openapi.json": '{"openapi": "3.0.1"}',
        "api/b.yml": SERVERLESS_YAML,
        "infra/main.tf": "",
        ".aws-sam/build/template.yaml": CFN_YAML,
        "node_modules/pkg/template.yaml": CFN_YAML,
        "cdk.out/Stack.template.json": '{"Resources": {}}',
        "cdk.out/manifest.json": '{"version": "36.0.0"}',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    (tmp_path / "latin1.json").write_bytes(b'{"Resources": "\xe9"}')
    found = [os.path.relpath(path, tmp_path) for path, _ in host_files(str(tmp_path))]
    assert found == [
        "template.yaml",
        os.path.join("api", "b.yml"),
        os.path.join("api", "openapi.json"),
        os.path.join("cdk.out", "Stack.template.json"),
        os.path.join("infra", "main.tf"),
    ]


def test_a_folder_walk_does_not_follow_a_link_out_of_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(CFN_YAML, "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "template.yaml").write_text(CFN_YAML, "utf-8")
    (project / "link.yaml").symlink_to(outside / "secret.yaml")
    (project / "linked").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(project)
    found = [os.path.relpath(path, project) for path, _ in host_files(str(project))]
    assert found == ["template.yaml"]
