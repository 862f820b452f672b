"""``#foreach`` as Velocity 1.7's Foreach.render runs it, in three steps both the closure
compiler and the code generator call: :meth:`Loop.start`, :meth:`Loop.step` per iteration,
:meth:`Loop.finish`.

A loop saves and restores its variable, ``$velocityCount``, ``$velocityHasNext`` and
``$foreach``; stops at API Gateway's iteration cap (an error or a silent stop); charges every
iteration against the render's step, iteration and output limits; and fails, as Java's
iterator does, when the list it walks changes size underneath it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

from vtlgw.engine import jmethods
from vtlgw.engine.runtime import ForeachScope, Frame, Options
from vtlgw.errors import LimitExceeded, VtlgwError

_KEYS: Final = ("velocityCount", "velocityHasNext", "foreach")


class LoopSpec:
    """What is fixed for one ``#foreach`` in the template."""

    __slots__ = (
        "cap",
        "cap_error",
        "changed",
        "cost",
        "first_stop",
        "limit",
        "max_iter",
        "max_out",
        "max_steps",
        "var",
    )

    def __init__(
        self,
        var: str,
        cost: int,
        options: Options,
        limit: Callable[[str], LimitExceeded],
        changed: Callable[[], VtlgwError],
    ) -> None:
        self.var = var
        self.cost = cost
        self.cap = options.foreach_cap
        self.cap_error = options.foreach_cap_behavior == "error"
        self.max_iter = options.max_loop_iterations
        # the first index at which the cap or the iteration limit has a say
        self.first_stop = min(self.max_iter, self.cap if self.cap is not None else self.max_iter)
        self.max_steps = options.max_steps
        self.max_out = options.max_output_size
        self.limit = limit
        self.changed = changed


class Loop:
    """One run of a ``#foreach``."""

    __slots__ = (
        "_mapping",
        "ahead",
        "index",
        "items",
        "iterator",
        "live",
        "saved",
        "scope",
        "spec",
        "total",
    )

    def __init__(
        self,
        spec: LoopSpec,
        items: list[Any],
        live: bool,
        frame: Frame,
        iterator: Iterator[Any] | None = None,
    ) -> None:
        variables = frame.vars
        self.spec = spec
        self.items = items
        self.live = live
        self.total = len(items)
        # Other iterables (map values, key sets, iterators) are walked lazily, one item ahead
        # for hasNext, so a map changed inside the loop fails as Java's iterator does.
        self.iterator = iterator
        self.ahead: list[Any] = []
        self._mapping: dict[Any, Any] | None = None
        self.index = -1
        self.saved = (variables.get(spec.var), *(variables.get(k) for k in _KEYS))
        self.scope = ForeachScope(self.saved[3])
        variables["foreach"] = self.scope

    @staticmethod
    def start(spec: LoopSpec, source: Any, frame: Frame) -> Loop | None:
        """Begin iterating ``source``; None when Velocity would iterate nothing."""
        if source is None:
            return None
        if type(source) is list:
            return Loop(spec, source, True, frame)
        iterable = jmethods.iterate(source)
        if iterable is None:
            return None
        loop = Loop(spec, [], False, frame, iter(iterable))
        if isinstance(source, dict):
            loop.watch(source)
        return loop

    def watch(self, mapping: dict[Any, Any]) -> None:
        """Fail like Java's HashMap iterator if ``mapping`` changes size during the loop."""
        self.items = []
        self.live = True
        self.total = len(mapping)
        self._mapping = mapping

    def _fetch(self) -> bool:
        """Pull the next item of a lazy source into ``items``; False at its end."""
        assert self.iterator is not None
        if self.ahead:
            self.items.append(self.ahead.pop())
            return True
        for item in self.iterator:
            self.items.append(item)
            return True
        return False

    def _has_more(self) -> bool:
        if self.ahead:
            return True
        assert self.iterator is not None
        for item in self.iterator:
            self.ahead.append(item)
            return True
        return False

    def _may_continue(self, index: int) -> bool:
        """At API Gateway's cap or the sandbox's iteration limit: stop, or fail."""
        spec = self.spec
        if spec.cap is not None and index >= spec.cap:
            if spec.cap_error:
                size = f"{self.total} items" if self.iterator is None else "more items"
                raise spec.limit(
                    f"#foreach over ${spec.var} has {size}; API Gateway stops #foreach at "
                    f"{spec.cap} iterations"
                )
            return False
        raise spec.limit(f"#foreach ran more than {spec.max_iter} iterations")

    def _over_budget(self, frame: Frame) -> None:
        spec = self.spec
        if frame.steps > spec.max_steps:
            raise spec.limit(f"the template took more than {spec.max_steps} evaluation steps")
        raise spec.limit(f"the output grew past {spec.max_out} characters")

    def step(self, frame: Frame) -> bool:
        """Bind the next item; False when the loop is over."""
        index = self.index + 1
        items = self.items
        if index >= len(items) and (self.iterator is None or not self._fetch()):
            return False
        spec = self.spec
        if self.live and len(items if self._mapping is None else self._mapping) != self.total:
            raise spec.changed()
        if index >= spec.first_stop and not self._may_continue(index):
            return False
        frame.steps += spec.cost
        if frame.steps > spec.max_steps or frame.buffer.tell() > spec.max_out:
            self._over_budget(frame)
        self.index = index
        has_next = index + 1 < self.total if self.iterator is None else self._has_more()
        variables = frame.vars
        variables["velocityCount"] = index + 1
        variables["velocityHasNext"] = has_next
        value = items[index]
        if value is None:
            variables.pop(spec.var, None)
        else:
            variables[spec.var] = value
        scope = self.scope
        scope.index = index
        scope.has_next = has_next
        return True

    def owns(self, scope: Any) -> bool:
        """Whether a ``#break`` naming ``scope`` (None: the innermost) ends this loop."""
        return scope is None or scope is self.scope

    def finish(self, frame: Frame) -> None:
        """Restore the names the loop bound."""
        variables = frame.vars
        for key, old in zip((self.spec.var, *_KEYS), self.saved, strict=True):
            if old is None:
                variables.pop(key, None)
            else:
                variables[key] = old
