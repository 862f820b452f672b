"""Which reader a host file needs, decided by a cheap look before any full parse.

:func:`host_format` names the format of a file from its name and a quick scan of its top-level
keys: ``.tf`` (and ``.tf.json``) files are Terraform; a YAML or JSON mapping with
``AWSTemplateFormatVersion``, ``Resources`` or a ``Transform`` naming ``AWS::Serverless`` is
CloudFormation (SAM, and CDK's ``cdk.out/*.template.json``); ``openapi`` or ``swagger`` is
OpenAPI; ``service`` with ``provider`` or ``functions`` is a serverless.yml. The scan reads only
top-level keys (column 0 in YAML, depth 1 in JSON), so a ``Resources`` key nested in a
serverless.yml ``resources:`` block does not make it CloudFormation. :func:`read_host` then
hands the text to that format's reader (from a table a test can replace), and
:func:`host_files` finds the host files under a folder. :func:`is_host_path` tells a TEMPLATE
argument naming a host file (or a ``HOST#SELECTOR``) from a ``.vtl`` file.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from vtlgw.errors import InputError
from vtlgw.files import confined, read_text_file
from vtlgw.iac.model import EmbeddedTemplate

Reader = Callable[[str, str], list[EmbeddedTemplate]]

#: file names a folder walk looks at (and a TEMPLATE argument ending so is a host file)
HOST_SUFFIXES = (".yaml", ".yml", ".json", ".tf")
#: folders a walk does not enter: tool caches and build copies (``.aws-sam``, ``.terraform``,
#: ``.git``: every name starting with a dot) and installed packages
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})
#: the most host files one folder walk reads
MAX_HOST_FILES = 10_000

EXPECTED = (
    "expected a .tf file, or a YAML or JSON file with top-level AWSTemplateFormatVersion or "
    "Resources (CloudFormation, SAM, cdk.out), openapi or swagger (OpenAPI), or service and "
    "provider (serverless.yml)"
)
NOT_A_HOST = "not a CloudFormation, OpenAPI, serverless or Terraform file"

_SNIFFED_KEYS = (
    "AWSTemplateFormatVersion",
    "Resources",
    "Transform",
    "openapi",
    "swagger",
    "service",
    "provider",
    "functions",
)
# a top-level YAML key we look for: at column 0, maybe quoted, then a colon and a space or end
_YAML_KEY = re.compile(
    r"""^(["']?)(""" + "|".join(_SNIFFED_KEYS) + r""")\1[ \t]*:(?=[ \t\r\n]|$)""", re.M
)
# JSON strings (with escapes) and brackets; a string followed by ':' is a key
_JSON_TOKEN = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"(\s*:)?|[{}\[\]]', re.S)
_SERVERLESS_TRANSFORM = re.compile(r"AWS::Serverless")


def _lazy(module: str, function: str) -> Reader:
    """A reader that imports ``vtlgw.iac.<module>`` only when a file of its format is read."""

    def read(path: str, text: str) -> list[EmbeddedTemplate]:
        reader: Reader = getattr(importlib.import_module(f"vtlgw.iac.{module}"), function)
        return reader(path, text)

    read.__name__ = function
    return read


#: format name -> reader; :func:`read_host` takes another table for tests
READERS: Mapping[str, Reader] = MappingProxyType(
    {
        "cloudformation": _lazy("cloudformation", "read_cloudformation"),
        "openapi": _lazy("openapi", "read_openapi"),
        "serverless": _lazy("serverless", "read_serverless"),
        "terraform": _lazy("terraform", "read_terraform"),
    }
)


def _json_keys(text: str) -> set[str]:
    """The keys of a JSON object at the top level (depth 1), read without parsing values."""
    keys: set[str] = set()
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if match.group(1) is None:
            depth += 1 if token in ("{", "[") else -1
        elif depth == 1 and match.group(2) is not None:
            try:
                key = json.loads(f'"{match.group(1)}"')
            except ValueError:
                continue
            if key in _SNIFFED_KEYS:
                keys.add(key)
    return keys


def _top_level_keys(text: str) -> set[str]:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return _json_keys(stripped)
    return {match.group(2) for match in _YAML_KEY.finditer(text)}


def host_format(path: str, text: str) -> str | None:
    """The format of the host file ``path`` holding ``text``, or ``None`` when it is none.

    One of ``cloudformation``, ``openapi``, ``serverless``, ``terraform``; decided from the
    file name (``.tf``, ``.tf.json``) or the top-level keys, without parsing the file.
    """
    lowered = path.lower()
    if lowered.endswith((".tf", ".tf.json")):
        return "terraform"
    keys = _top_level_keys(text)
    if {"AWSTemplateFormatVersion", "Resources"} & keys:
        return "cloudformation"
    if "Transform" in keys and _SERVERLESS_TRANSFORM.search(text):
        return "cloudformation"
    if {"openapi", "swagger"} & keys:
        return "openapi"
    if "service" in keys and {"provider", "functions"} & keys:
        return "serverless"
    return None


def read_host(path: str, readers: Mapping[str, Reader] | None = None) -> list[EmbeddedTemplate]:
    """Every mapping template in the host file ``path``, read by the reader of its format.

    A file that is none of the formats raises :class:`InputError` saying what was expected;
    errors in the host file itself come from the reader, at their host position.
    """
    return read_host_text(path, read_text_file(path, "IaC file"), readers)


def read_host_text(
    path: str, text: str, readers: Mapping[str, Reader] | None = None
) -> list[EmbeddedTemplate]:
    """The templates of the host file ``path`` already read as ``text`` (``readers``: format
    name -> reader, :data:`READERS` when not given)."""
    found = host_format(path, text)
    if found is None:
        raise InputError(f"{NOT_A_HOST}; {EXPECTED}", name=path)
    return (READERS if readers is None else readers)[found](path, text)


def is_host_path(argument: str) -> bool:
    """True when a TEMPLATE argument names a host file or a template in one (``HOST#KEY``).

    ``-`` (stdin) and files with other suffixes (``.vtl``, ``.vm``, ...) are template files. A
    ``#`` makes the argument a selector unless the whole argument names an existing file.
    """
    if argument == "-":
        return False
    if "#" in argument and not Path(argument).is_file():
        return True
    return argument.lower().endswith(HOST_SUFFIXES)


def _walk(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        for name in sorted(files):
            if name.lower().endswith(HOST_SUFFIXES):
                yield os.path.join(root, name)


def host_files(folder: str) -> Iterator[tuple[str, str]]:
    """``(path, text)`` of every host file under ``folder``, in a stable order.

    Files named ``*.yaml``, ``*.yml``, ``*.json`` or ``*.tf`` are looked at; those that are not
    a host file (a ``package.json``, a config file), or cannot be read as UTF-8 text within the
    size bound, are skipped without a word: only a file named directly must be one; so are
    special files and symbolic links that lead out of ``folder`` and the working folder. Folders
    whose name starts with a dot (``.git``, ``.aws-sam``, ``.terraform``) and ``node_modules``
    are not entered; symbolic links to folders are not followed.
    """
    for count, path in enumerate(_walk(folder)):
        if count >= MAX_HOST_FILES:
            raise InputError(
                f"more than {MAX_HOST_FILES:,} YAML, JSON and Terraform files under this "
                "folder; name the host files or a smaller folder",
                name=folder,
            )
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                continue
            confined(Path(path), named_in=Path(folder))
            text = read_text_file(path, "IaC file")
        except (InputError, OSError):
            continue
        if host_format(path, text) is not None:
            yield path, text
