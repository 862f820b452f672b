"""The exception a Java method, operator or iterator would throw while a template renders.

It carries the Java class name and message exactly as the JVM would print them, so the
compiler can wrap it the way Velocity does (``Invocation of method 'get' in class
java.util.ArrayList threw exception java.lang.IndexOutOfBoundsException: ...``).
"""

from __future__ import annotations


class JavaException(Exception):
    """A Java exception: ``java_class`` (fully qualified) and its message (may be empty)."""

    def __init__(self, java_class: str, message: str) -> None:
        super().__init__(f"{java_class}: {message}" if message else java_class)
        self.java_class = java_class
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:
        return (JavaException, (self.java_class, self.message))


class JavaLimit(JavaException):
    """A Java operation vtlgw refuses because it would exceed a resource limit (a regex
    repeat count that would exhaust memory); the compiler reports it as LimitExceeded."""
