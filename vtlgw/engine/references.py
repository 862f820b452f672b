"""Compile references: ``$root.prop.call(args)[index]``, how they print, and member access.

Every member access goes through :mod:`vtlgw.engine.jmethods` (the Java surface and nothing
else); calls are charged against the render's string, collection and walk limits, and Java
exceptions become located :class:`~vtlgw.errors.TemplateRuntimeError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtlgw.engine import javatypes as jt
from vtlgw.engine import jmethods as members
from vtlgw.engine import nodes as n
from vtlgw.engine.cbase import CompilerBase, Getter, Run, Value
from vtlgw.engine.guards import collection_size, exceeds_size
from vtlgw.engine.jexception import JavaLimit
from vtlgw.engine.jregex import REGEX_TIMEOUT
from vtlgw.engine.runtime import DefinedBlock, Frame, Write
from vtlgw.engine.values import MISSING
from vtlgw.errors import LimitExceeded, SecurityError

_to_string = jt.to_string


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


class ReferenceCompiler(CompilerBase):
    """References and member access."""

    # --- references -----------------------------------------------------------------

    def render_reference(self, ref: n.Reference, *, before: str = "") -> Run:
        """Print a reference (after the static text ``before``, fused in for speed)."""
        opts = self.options
        if ref.runt or not ref.computable:
            return self._text(before + (ref.literal if not ref.runt else ref.root))
        resolve = self.resolve(ref)
        esc, more = ref.esc_prefix, ref.more_prefix
        literal = ref.literal
        if ref.escaped:
            on_null = before + (
                esc + literal if opts.escaped_null_as_defined else esc + "\\" + literal
            )
            on_value = before + esc + literal

            def run_escaped(frame: Frame, write: Write) -> None:
                write(on_value if resolve(frame) is not None else on_null)

            return run_escaped
        print_value = self.value_printer(ref, before=before)
        prefix = before + esc + more

        def run_reference(frame: Frame, write: Write) -> None:
            value = resolve(frame)
            if type(value) is str and len(value) <= 4096:
                if prefix:
                    write(prefix)
                write(value)
            else:
                print_value(frame, write, value)

        return run_reference

    def value_printer(
        self, ref: n.Reference, *, before: str = ""
    ) -> Callable[[Frame, Write, Any], None]:
        """Print a reference's value that is not a plain string (null, numbers, maps...)."""
        opts = self.options
        esc, more, literal, root = ref.esc_prefix, ref.more_prefix, ref.literal, ref.root
        by_name = literal == "$" + root and not ref.parts and root in self.params
        null_empty = opts.null_renders_empty
        null_text = before + esc + esc + more + ("" if null_empty else literal)
        prefix = before + esc + more
        max_out = opts.max_output_size
        walk_budget = opts.max_collection_size
        too_big = self.limit(ref.start)
        fail = self._java_failure(ref.start, "printing " + (literal or "$" + root))

        def print_value(frame: Frame, write: Write, value: Any) -> None:
            if value is None:
                if by_name and root in frame.args and not null_empty:
                    write(before + esc + esc + more + frame.args[root][2])
                elif null_text:
                    write(null_text)
                return
            kind = type(value)
            if kind is str:
                text: str | None = value
            elif kind is int:
                text = str(value)
            elif kind is DefinedBlock:
                text = value.render_or_none()
            else:
                if (kind is list or kind is dict or isinstance(value, (list, dict))) and (
                    exceeds_size(value, walk_budget)
                ):
                    raise too_big(
                        f"printing this value would walk more than {walk_budget} elements"
                    )
                try:
                    text = _to_string(value)
                except jt.JavaException as exc:
                    raise fail(exc) from None
            if text is None:
                if null_text:
                    write(null_text)
                return
            if frame.buffer.tell() + len(text) > max_out:
                raise too_big(f"the output grew past {max_out} characters")
            if prefix:
                write(prefix)
            write(text)

        return print_value

    def resolve(self, ref: n.Reference) -> Value:
        """A closure giving the reference's value (``None`` for null or unresolvable)."""
        if ref.runt or not ref.computable:
            return _none
        root = ref.root
        getters = [self.part(part) for part in ref.parts]
        if root in self.params:
            return self._resolve_param(root, tuple(getters))
        if not getters:

            def get_var(frame: Frame) -> Any:
                return frame.vars.get(root)

            return get_var
        if len(getters) == 1 and isinstance(ref.parts[0], n.Prop) and ref.parts[0].name != "class":
            name = ref.parts[0].name
            slow = getters[0]

            def get_prop_fast(frame: Frame) -> Any:
                value = frame.vars.get(root)
                if type(value) is dict:
                    return value.get(name)
                if value is None:
                    return None
                return slow(frame, value)

            return get_prop_fast
        if len(getters) == 1:
            only = getters[0]

            def get_one(frame: Frame) -> Any:
                value = frame.vars.get(root)
                if value is None:
                    return None
                return only(frame, value)

            return get_one
        chain = tuple(getters)

        def get_chain(frame: Frame) -> Any:
            value = frame.vars.get(root)
            for getter in chain:
                if value is None:
                    return None
                value = getter(frame, value)
            return value

        return get_chain

    @staticmethod
    def _resolve_param(root: str, chain: tuple[Getter, ...]) -> Value:
        """A macro parameter: re-evaluate the caller's argument at each use (by name)."""

        def get_param(frame: Frame) -> Any:
            entry = frame.args.get(root)
            if entry is None:
                value = frame.vars.get(root)
            else:
                saved = frame.args
                frame.args = entry[1]
                try:
                    value = entry[0](frame)
                finally:
                    frame.args = saved
            for getter in chain:
                if value is None:
                    return None
                value = getter(frame, value)
            return value

        return get_param

    def part(self, part: n.Prop | n.Call | n.Index) -> Getter:
        if isinstance(part, n.Prop):
            return self._prop(part)
        if isinstance(part, n.Call):
            return self._call(part)
        return self._index(part)

    def _prop(self, part: n.Prop) -> Getter:
        name = part.name
        if _is_dunder(name):
            raise self.error(
                SecurityError,
                f"'{name}' is not a template property: Python internals are out of reach",
                part.start,
            )
        get_property = members.get_property
        fail = self._java_failure(part.start, f".{name}")

        def get_prop(frame: Frame, obj: Any) -> Any:
            if isinstance(obj, dict) and name != "class":
                return obj.get(name)
            try:
                result = get_property(obj, name)
            except jt.JavaException as exc:
                raise fail(exc) from None
            except (RecursionError, MemoryError):
                raise fail(jt.JavaException("java.lang.StackOverflowError", "too deep")) from None
            return None if result is MISSING else result

        return get_prop

    def _call(self, part: n.Call) -> Getter:
        name = part.name
        if _is_dunder(name):
            raise self.error(
                SecurityError,
                f"'{name}' is not a template method: Python internals are out of reach",
                part.start,
            )
        args = tuple(self.expr(arg) for arg in part.args)
        call_method = members.call_method
        direct = members.methods_named(name)
        fail = self._java_failure(part.start, f".{name}(...)")
        mutator = name in ("add", "addAll", "put", "putAll", "set")
        max_items = self.options.max_collection_size
        walk_budget = self.options.max_collection_size
        guarded = name in _SIZE_GUARDED
        limit = self.options.max_string_size
        too_long = self.limit(part.start)

        if not args:
            values_of: Callable[[Frame], tuple[Any, ...]] = _no_args
        elif len(args) == 1:
            only = args[0]

            def values_of(frame: Frame) -> tuple[Any, ...]:
                return (only(frame),)

        elif len(args) == 2:
            first, second = args

            def values_of(frame: Frame) -> tuple[Any, ...]:
                return (first(frame), second(frame))

        else:

            def values_of(frame: Frame) -> tuple[Any, ...]:
                return tuple([arg(frame) for arg in args])

        def call(frame: Frame, obj: Any) -> Any:
            values = values_of(frame)
            if guarded:
                _check_call_size(obj, name, values, walk_budget, limit, too_long)
            try:
                method = direct.get(type(obj))
                result = call_method(obj, name, values) if method is None else method(obj, values)
            except JavaLimit as exc:
                raise too_long(f".{name}(...): {exc.message}") from None
            except jt.JavaException as exc:
                raise fail(exc) from None
            except (RecursionError, MemoryError):
                raise too_long(f".{name}(...) needed more stack or memory than allowed") from None
            except TimeoutError:
                raise too_long(
                    f".{name}(...): the regular expression backtracked for over "
                    f"{REGEX_TIMEOUT:g} s (catastrophic backtracking)"
                ) from None
            if result is MISSING:
                return None
            if type(result) is str and len(result) > limit:
                raise too_long(f"a string grew past the {limit}-character limit")
            if mutator and collection_size(obj) > max_items:
                raise too_long(f"a collection grew past {max_items} elements")
            return result

        return call

    def _index(self, part: n.Index) -> Getter:
        index = self.expr(part.index)
        get_index = members.get_index
        fail = self._java_failure(part.start, "[...]")

        def get_item(frame: Frame, obj: Any) -> Any:
            key = index(frame)
            try:
                result = get_index(obj, key)
            except jt.JavaException as exc:
                raise fail(exc) from None
            return None if result is MISSING else result

        return get_item


def _none(frame: Frame) -> Any:
    return None


def _no_args(frame: Frame) -> tuple[Any, ...]:
    return ()


# Methods whose cost or result size follows from their arguments, checked before they run.
_SIZE_GUARDED = frozenset(
    {
        "replace",
        "replaceAll",
        "replaceFirst",
        "concat",
        "repeat",
        "equals",
        "hashCode",
        "contains",
        "containsKey",
        "containsValue",
        "indexOf",
        "lastIndexOf",
        "remove",
        "toString",
    }
)


_WALKS_RECEIVER = frozenset({"equals", "hashCode", "toString"})


def _check_call_size(
    obj: Any,
    name: str,
    args: tuple[Any, ...],
    walk_budget: int,
    max_string: int,
    too_long: Callable[[str], LimitExceeded],
) -> None:
    """Refuse a call whose result would outgrow the string limit, or that would walk a
    structure larger than the budget (hashing or comparing lists shared with themselves)."""
    if type(obj) is str and args and all(type(a) is str for a in args):
        size = len(obj)
        if name == "replace" and len(args) == 2:
            target, repl = args
            count = obj.count(target) if target else size + 1
            size = size + count * (len(repl) - len(target))
        elif name in ("replaceAll", "replaceFirst") and len(args) == 2 and "$" not in args[1]:
            matches = 1 if name == "replaceFirst" else size + 1
            size = size + matches * len(args[1])
        elif name == "concat":
            size = size + len(args[0])
        if size > max_string:
            raise too_long(
                f".{name}(...) would grow a string past the {max_string}-character limit"
            )
        return
    if name == "repeat" and type(obj) is str and args and type(args[0]) is int:
        if len(obj) * args[0] > max_string:
            raise too_long(
                f".repeat(...) would grow a string past the {max_string}-character limit"
            )
        return
    # Searching a collection for a scalar stops at the first level (Java's equals fails on
    # the type), so only a collection argument, or hashing/printing/comparing the receiver
    # itself, can walk a deep or self-shared structure.
    walked = (obj, *args) if name in _WALKS_RECEIVER else args
    for value in walked:
        if isinstance(value, (list, dict)) and exceeds_size(value, walk_budget):
            raise too_long(f".{name}(...) would walk more than {walk_budget} elements")
