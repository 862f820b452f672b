"""``file()`` and ``templatefile()``: a mapping template kept in its own file.

The path is evaluated as far as the ``.tf`` file says: literal text, ``${path.module}`` and
``${path.root}`` (the ``.tf`` file's folder: vtlgw reads the file as the root module) and
known locals. A relative path is taken from the ``.tf`` file's folder, as Terraform takes it
from the root module's. The file must stay inside that folder or the working directory
(:func:`vtlgw.document.confined`: host files come from pull requests).

``file()`` gives the file's text as it is. ``templatefile()`` renders it as a Terraform
template with the call's variables, so ``${name}`` is substituted there too and ``$${`` stands
for ``${``; a reference to a variable the call does not give is an error, as in Terraform.
Positions of both point into the template file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vtlgw.errors import InputError
from vtlgw.files import confined, read_text_file
from vtlgw.iac.hclnodes import Call, Expr, ObjectCons, Template, Text, Traversal
from vtlgw.iac.hclparse import parse_template
from vtlgw.iac.hcltemplate import Piece, render
from vtlgw.iac.hclvalue import TerraformScope, passthrough

FILE_FUNCTIONS = frozenset({"file", "templatefile"})


@dataclass(frozen=True)
class TemplateFile:
    """A template read through ``file()`` or ``templatefile()``."""

    path: str
    text: str
    rendered: Piece


def file_path(arg: Expr, scope: TerraformScope, module_dir: str) -> str | None:
    """The path a ``file()`` argument names, or ``None`` when only deploy time knows it."""
    arg = scope.deref(arg)
    inner = passthrough(arg)
    if inner is not None:
        arg = scope.deref(inner)
    if _module_path(arg):
        return module_dir
    if not isinstance(arg, Template):
        value = scope.string(arg, {})
        return value.text if value is not None and value.known else None
    written: list[str] = []
    anchored = False
    for part in arg.parts:
        if isinstance(part, Text):
            written.append(part.text)
        elif part.kind == "interp" and part.expr is not None and _module_path(part.expr):
            written.append(module_dir)
            anchored = anchored or not written[:-1]
        elif part.kind == "interp" and part.expr is not None:
            value = scope.string(part.expr, {})
            if value is None or not value.known:
                return None
            written.append(value.text)
        else:
            return None
    path = "".join(written)
    if anchored or os.path.isabs(path):
        return path
    return os.path.join(module_dir, path)


def _module_path(expr: Expr) -> bool:
    return (
        isinstance(expr, Traversal)
        and expr.root == "path"
        and expr.steps in (("module",), ("root",))
    )


def read_template_file(call: Call, scope: TerraformScope, module_dir: str) -> TemplateFile | None:
    """The template ``file(...)`` or ``templatefile(...)`` reads (``None``: path not known).

    A missing or unreadable file, or one outside the project, is an
    :class:`~vtlgw.errors.InputError` at the call in the ``.tf`` file.
    """
    wanted = 1 if call.name == "file" else 2
    if len(call.args) != wanted:
        scope.fail(
            f"{call.name}() takes {wanted} argument{'s' * (wanted > 1)}, found {len(call.args)}",
            call.start,
        )
    path = file_path(call.args[0], scope, module_dir)
    if path is None:
        return None
    target = Path(os.path.normpath(path))
    try:
        confined(target, named_in=Path(module_dir))
        text = read_text_file(target, "template file")
    except InputError as exc:
        scope.fail(f"{call.name}({str(target)!r}): {exc.message}", call.start)
    name = str(target)
    if call.name == "file":
        piece = Piece(name)
        piece.add(text, range(len(text)))
        return TemplateFile(name, text, piece)
    variables = _variables(call.args[1], scope)
    inner = TerraformScope(name, text, {}, variables=variables, outer=scope)
    template = parse_template(text, name=name)
    return TemplateFile(name, text, render(template, inner))


def _variables(arg: Expr, scope: TerraformScope) -> dict[str, Expr] | None:
    """The variables a ``templatefile()`` call gives, by name (``None`` when not literal)."""
    arg = scope.deref(arg)
    if not isinstance(arg, ObjectCons):
        return None
    found: dict[str, Expr] = {}
    for item in arg.items:
        key = scope.key(item.name, item.key, {})
        if key is None or not key.known:
            return None
        found[key.text] = item.value
    return found


def is_file_call(expr: Expr) -> bool:
    """True for a ``file(...)`` or ``templatefile(...)`` call."""
    return isinstance(expr, Call) and expr.name in FILE_FUNCTIONS


__all__ = ["FILE_FUNCTIONS", "TemplateFile", "file_path", "is_file_call", "read_template_file"]
