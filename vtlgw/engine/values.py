"""How Java values are represented while a template renders.

Templates see Java objects; vtlgw keeps them as plain Python values so rendering stays fast:

======================  ==============================================================
Java                    Python
======================  ==============================================================
null                    ``None``
java.lang.Boolean       ``bool``
Integer/Long/BigInteger ``int`` (the class is chosen by magnitude)
java.lang.Double        ``float``
java.lang.String        ``str``
java.util.LinkedHashMap ``dict`` (insertion order)
java.util.ArrayList     ``list``
JSON array from JSON    :class:`JsonList` (``toString`` is compact JSON, as json-smart's)
anything else           a :class:`VtlObject` subclass whose public surface is explicit
======================  ==============================================================

Host objects (``$input``, ``$util``, ``$foreach`` ...) subclass :class:`VtlObject`. Nothing else
reaches a template: the sandbox relies on this closed set of types.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final


class _Missing:
    """Sentinel: 'no such property or method' (distinct from a Java null)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing()


class VtlObject:
    """A host object exposed to templates.

    Subclasses answer property reads and method calls by name; whatever they do not answer
    behaves as an unknown member in Velocity 1.7 (the reference is rendered as written, or
    empty on API Gateway). Python attributes are never looked up by name.
    """

    java_class_name: ClassVar[str] = "java.lang.Object"

    def vtl_get(self, name: str) -> Any:
        """Value of ``$obj.name``, or :data:`MISSING` when there is no such property."""
        return MISSING

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """Result of ``$obj.name(args)``, or :data:`MISSING` when no such method applies."""
        return MISSING

    def vtl_str(self) -> str:
        """Java ``toString()`` of the object."""
        from vtlgw.engine.jobjects import identity_hash

        return f"{self.java_class_name}@{identity_hash(self.java_class_name):x}"


class JsonList(list):  # type: ignore[type-arg]
    """A JSON array parsed by API Gateway (json-smart ``JSONArray``): prints as compact JSON."""

    java_class_name: ClassVar[str] = "net.minidev.json.JSONArray"
