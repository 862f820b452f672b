"""Check whether stock airspeed 0.7.1 reports line and column for syntax and runtime errors.

Each case puts its fault on line 3 or 4 of a small template. The table shows the exception
airspeed raises, whether that exception carries ``line``/``column`` attributes, the position its
message gives (syntax errors say ``line L, column C``; execution errors give character offsets
``start-end``, converted here to line:col for comparison), and where Apache Velocity 1.7 (the
oracle) puts the same error. ``--engine vtlgw`` shows the same for ``vtlgw.Engine(flavor=
"velocity")``. Usage: ``python bench/airspeed_errors.py [--engine airspeed|vtlgw]``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

# (kind, template, context, Velocity 1.7's "line:col" or the note "renders" when 1.7 succeeds)
CASES: tuple[tuple[str, str, dict[str, Any], str], ...] = (
    ("syntax", '{\n  "a": 1,\n  #if($x\n}', {}, "4:1"),
    ("syntax", "line1\nline2\n#set($x = )", {}, "3:11"),
    ("syntax", "a\nb\n#foreach($i in $l)x", {"l": [1]}, "3:19"),
    ("syntax", "a\nb\n  #end", {}, "3:3"),
    ("syntax", "a\nb\n${x", {}, "3:3"),
    ("runtime", "a\nb\n  $l.get(5)", {"l": [1]}, "3:5"),
    ("runtime", "a\nb\n  $s.substring(9)", {"s": "abc"}, "3:5"),
    ("runtime", "a\nb\n#set($x = 1 / 0)", {}, "renders"),
    ("runtime", 'a\nb\n#set($x = "a" + 1)$x', {}, "renders"),
    ("runtime", "a\nb\n#foreach($i in 5)#end", {}, "renders"),
    ("runtime", "a\nb\n  #nosuch()", {}, "renders"),
)


def offset_to_line_col(text: str, offset: int) -> str:
    """1-based ``line:col`` of a character offset."""
    before = text[:offset]
    return f"{before.count(chr(10)) + 1}:{offset - (before.rfind(chr(10)) + 1) + 1}"


def probe(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """(exception class, has line/column attributes, position airspeed reports)."""
    import airspeed  # type: ignore[import-untyped]

    try:
        airspeed.Template(template).merge(dict(context))
    except airspeed.TemplateSyntaxError as exc:
        return type(exc).__name__, "yes", f"{exc.line}:{exc.column}"
    except airspeed.TemplateExecutionError as exc:
        cause = type(exc.__cause__).__name__
        where = f"offsets {exc.start}-{exc.end} (= {offset_to_line_col(template, exc.start)})"
        return f"{type(exc).__name__} <- {cause}", "no", where
    except Exception as exc:
        return type(exc).__name__, "no", "none"
    return "(renders)", "-", "-"


def probe_vtlgw(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """(exception class, has line/column attributes, position vtlgw reports)."""
    import vtlgw

    try:
        vtlgw.Engine(flavor="velocity").render(template, dict(context))
    except vtlgw.VtlgwError as exc:
        line, column = getattr(exc, "line", None), getattr(exc, "column", None)
        attrs = "yes" if line is not None and column is not None else "no"
        return type(exc).__name__, attrs, f"{line}:{column}"
    except Exception as exc:
        return f"{type(exc).__name__} (not a VtlgwError)", "no", "none"
    return "(renders)", "-", "-"


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("airspeed", "vtlgw"), default="airspeed")
    engine = parser.parse_args(argv).engine
    run = probe_vtlgw if engine == "vtlgw" else probe
    print(f"| kind | template | {engine} raises | line/col attrs | {engine} at | Velocity 1.7 |")
    print("|---|---|---|---|---|---|")
    for kind, template, context, velocity in CASES:
        exc, attrs, where = run(template, context)
        shown = template.replace("\n", "\\n").replace("|", "\\|")
        print(f"| {kind} | `{shown}` | {exc} | {attrs} | {where} | {velocity} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
