"""Check one rendered output: JSON well-formedness, duplicate keys, and a JSON Schema.

This is what ``vtlgw validate`` and the case runner share. A JSON error is traced back to the
template line that most likely produced it when the template text is known.
"""

from __future__ import annotations

from dataclasses import replace

from vtlgw.validate.jsonout import check_json
from vtlgw.validate.result import Finding, ValidationReport
from vtlgw.validate.schema import SchemaCheck, validate_instance
from vtlgw.validate.trace import trace_json_error


def check_output(
    output: str,
    *,
    name: str = "<output>",
    template_text: str | None = None,
    schema: SchemaCheck | None = None,
    require_json: bool = True,
) -> ValidationReport:
    """Check ``output``; JSON checks run when ``require_json`` or a schema is given.

    Raises :class:`~vtlgw.errors.InputError` only for schema problems (an unresolvable
    ``$ref``); everything wrong with the output itself is a finding.
    """
    if not require_json and schema is None:
        return ValidationReport(name=name, output=output)
    result = check_json(output)
    findings: list[Finding] = []
    for finding in result.findings:
        if template_text is not None and finding.offset is not None and not result.well_formed:
            spot = trace_json_error(template_text, output, finding.offset)
            finding = replace(finding, template=spot)
        findings.append(finding)
    if result.well_formed and schema is not None:
        findings.extend(validate_instance(schema, result.value))
    return ValidationReport(name=name, output=output, findings=tuple(findings))
