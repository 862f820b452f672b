"""Record what Velocity 1.7 renders for the shipped templates on the bundled events.

Run by hand when a template or fixture changes (needs Java and ../shared/oracle):
``python tests/unit/apigw/record_templates.py > tests/unit/apigw/templates_recorded.json``.

The oracle knows nothing of API Gateway, so each template is adapted mechanically: the
``$context``/``$stageVariables`` maps come from our gateway model, ``$input.params()``,
``$input.body`` and ``$input.json('$')`` become plain variables holding what the gateway hands
over, ``$util`` is a commons-lang ``StringEscapeUtils`` instance (whose ``escapeJavaScript`` is
the function API Gateway exposes) and references become quiet (``$!``) so a null renders empty
as on API Gateway (ref §11.1 V). Templates using other ``$util`` functions are not recorded.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from vtlgw.apigw.variables import build_variables

ROOT = Path(__file__).resolve().parents[3]
ORACLE = ROOT.parent / "shared" / "oracle" / "velocity17"
PAIRS = (
    ("connect", "connect"),
    ("connect", "connect-authorizer"),
    ("disconnect", "disconnect"),
    ("default", "message-default"),
    ("default", "message-custom"),
    ("dynamodb-putitem-connect", "connect"),
    ("dynamodb-putitem-connect", "connect-authorizer"),
    ("rest-lambda", "rest"),
)
ESCAPER = "org.apache.commons.lang.StringEscapeUtils"
UTIL = f"#set($util = $s.getClass().forName('{ESCAPER}').newInstance())"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def case(template: str, event_name: str) -> dict[str, Any]:
    """One oracle case for a shipped template on a bundled event."""
    event = json.loads((ROOT / "fixtures" / "events" / f"{event_name}.json").read_text("utf-8"))
    variables = build_variables(event)
    request = variables["input"]
    text = (ROOT / "templates" / f"{template}.vtl").read_text("utf-8")
    text = text.replace("$input.params()", "$inputParams")
    text = text.replace("$input.json('$')", "$inputJson").replace("$input.body", "$inputBody")
    text = re.sub(r"(?<!!)\$(context|stageVariables|inputBody)\b", r"$!\1", text)
    return {
        "template": UTIL + text,
        "context": {
            "s": "",
            "context": _plain(variables["context"]),
            "stageVariables": variables["stageVariables"],
            "inputParams": request.params(),  # type: ignore[attr-defined]
            "inputBody": request.body,  # type: ignore[attr-defined]
            "inputJson": request.json("$"),  # type: ignore[attr-defined]
        },
    }


def main() -> None:
    """Render every pair in one oracle run and print the recorded outputs as JSON."""
    cases = [case(template, event) for template, event in PAIRS]
    done = subprocess.run(
        [str(ORACLE)], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    outputs = json.loads(done.stdout)
    record = [
        {"template": template, "event": event, "output": output}
        for (template, event), output in zip(PAIRS, outputs, strict=True)
    ]
    json.dump(record, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
