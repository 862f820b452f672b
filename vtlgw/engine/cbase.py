"""What every part of the template compiler shares: the parsed template, the options, the
names of the closures it builds, error locations, and the cross-calls between its parts.

The compiler is three classes over this base: :mod:`vtlgw.engine.references` (references and
member access), :mod:`vtlgw.engine.expressions` (expressions and conditions) and
:mod:`vtlgw.engine.compiler` (statements and directives).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtlgw.engine import javatypes as jt
from vtlgw.engine import nodes as n
from vtlgw.engine.parser import ParsedTemplate
from vtlgw.engine.runtime import Frame, Options, Write
from vtlgw.errors import LimitExceeded, TemplateRuntimeError, VtlgwError

Run = Callable[[Frame, Write], None]
Value = Callable[[Frame], Any]
Truth = Callable[[Frame], bool]
Getter = Callable[[Frame, Any], Any]


class CompilerBase:
    """State and helpers shared by the compiler's parts."""

    def __init__(self, parsed: ParsedTemplate, options: Options) -> None:
        self.parsed = parsed
        self.options = options
        self.name = parsed.name
        self.macros: dict[str, tuple[list[str], Run]] = {}
        self.params: frozenset[str] = frozenset()  # macro parameters while compiling its body
        self.codegen = options.codegen

    # --- locations ------------------------------------------------------------------

    def _where(self, offset: int) -> tuple[str, int, int, str]:
        line, col = self.parsed.line_col(offset)
        return self.name, line, col, self.parsed.lines.line(line)

    def error(self, cls: type[VtlgwError], message: str, offset: int) -> VtlgwError:
        """An error of ``cls`` located at a source offset."""
        name, line, col, source_line = self._where(offset)
        return cls(message, name=name, line=line, column=col, source_line=source_line)

    def limit(self, offset: int) -> Callable[[str], LimitExceeded]:
        def make(message: str) -> LimitExceeded:
            err = self.error(LimitExceeded, message, offset)
            assert isinstance(err, LimitExceeded)
            return err

        return make

    @staticmethod
    def _text(text: str) -> Run:
        def run_text(frame: Frame, write: Write) -> None:
            write(text)

        return run_text

    def _java_failure(self, offset: int, what: str) -> Callable[[jt.JavaException], VtlgwError]:
        def make(exc: jt.JavaException) -> VtlgwError:
            return self.error(
                TemplateRuntimeError, f"{what} threw {exc.java_class}: {exc.message}", offset
            )

        return make

    # --- implemented by the parts (declared here for the type checker) -----------------

    def expr(self, node: n.Node) -> Value:
        """The closure computing an expression's value."""
        raise NotImplementedError

    def truth(self, node: n.Node) -> Truth:
        """The closure deciding a condition."""
        raise NotImplementedError

    def resolve(self, ref: n.Reference) -> Value:
        """The closure giving a reference's value."""
        raise NotImplementedError

    def render_reference(self, ref: n.Reference, *, before: str = "") -> Run:
        """The closure printing a reference."""
        raise NotImplementedError

    def block(self, block: n.Block) -> Run:
        """The closure running a block."""
        raise NotImplementedError
