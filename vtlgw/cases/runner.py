"""Run cases: render or simulate, then compare with the expectations and collect failures.

A :class:`CaseRunner` keeps one engine for a whole run (schemas are loaded, once, with the case
file). A failing expectation becomes a :class:`Failure` with a diff; a template that fails to
render is a failure too (unless the case expects that error); an output check with no output to
check fails. Only unusable inputs raise, with a note naming the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vtlgw.apigw.options import RenderOptions
from vtlgw.apigw.variables import detect_api
from vtlgw.cases.compare import json_equal, json_subset, pretty, text_diff
from vtlgw.cases.expect import OutputExpect
from vtlgw.cases.model import Case
from vtlgw.errors import InputError, VtlgwError
from vtlgw.simulate.integration import TemplateSource
from vtlgw.simulate.outcome import RENDER_ERROR, Simulation
from vtlgw.simulate.render import EngineLike, GatewayRenderer, default_engine
from vtlgw.simulate.run import simulate
from vtlgw.validate.check import check_output
from vtlgw.validate.jsonout import check_json


@dataclass(frozen=True)
class Failure:
    """One expectation that did not hold."""

    expectation: str
    message: str
    diff: str = ""


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one case."""

    name: str
    file: str
    line: int
    failures: tuple[Failure, ...]
    output: str | None = None
    simulation: Simulation | None = None

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (version 1)."""
        return {
            "name": self.name,
            "file": self.file,
            "line": self.line,
            "passed": self.passed,
            "failures": [
                {"expectation": f.expectation, "message": f.message, "diff": f.diff}
                for f in self.failures
            ],
            "output": self.output,
            "simulation": None if self.simulation is None else self.simulation.to_dict(),
        }


@dataclass
class CaseRunner:
    """Runs cases with one engine, so compiled templates are reused."""

    engine: EngineLike | None = None

    def run(self, case: Case) -> CaseResult:
        """Run one case."""
        if self.engine is None:
            self.engine = default_engine()
        failures: list[Failure] = []
        options = RenderOptions(stage_variables=case.stage_variables, context=case.context)
        simulation = None
        if case.integration is not None:
            try:
                simulation = simulate(
                    case.integration, case.event, case.backend, engine=self.engine, options=options
                )
            except InputError as exc:  # load_cases checks the route; a Case made in code may not
                raise _about(case, exc, "event") from exc
            output, error = simulation.integration_request, simulation.error
            self._outcomes(case, simulation, failures)
        else:
            assert case.template_text is not None
            renderer = GatewayRenderer(
                case.event, api=detect_api(case.event), engine=self.engine, options=options
            )
            source = TemplateSource(
                case.template_text, case.template_name or case.name, host=case.template_host
            )
            try:
                output, error = renderer.request(source), None
            except VtlgwError as exc:
                output, error = None, str(exc)
        expected_error = case.expect.error
        if expected_error is not None:
            if error is None or expected_error not in error:
                failures.append(
                    Failure(
                        "error", f"expected an error containing {expected_error!r}, got {error!r}"
                    )
                )
        elif error is not None:
            failures.append(Failure("render", f"rendering failed: {error}"))
        if error is None or case.integration is not None:
            self._outputs("", output, case.expect.primary, case.template_text, failures, case)
        if simulation is not None:
            expect = case.expect
            self._outputs("response.", simulation.response, expect.response, None, failures, case)
            body = simulation.client.body
            self._outputs("client_body.", body, expect.client_body, None, failures, case)
        return CaseResult(case.name, case.file, case.line, tuple(failures), output, simulation)

    def _outcomes(self, case: Case, sim: Simulation, failures: list[Failure]) -> None:
        expect = case.expect
        choice = sim.request_template
        chosen = None if choice is None else (choice.key if choice.key else choice.action)
        client = sim.client
        connection = (
            None if client.accepted is None else ("accepted" if client.accepted else "refused")
        )
        checks: list[tuple[str, object, object]] = [
            ("request_template", expect.request_template, chosen),
            ("response_key", expect.response_key, sim.response_key),
            ("client_kind", expect.client_kind, client.kind),
            ("client_status", expect.client_status, client.status),
            ("connection", expect.connection, connection),
        ]
        for name, wanted, actual in checks:
            if wanted is not None and wanted != actual:
                failures.append(Failure(name, f"expected {wanted!r}, got {actual!r}"))
        # a finding is a problem the gateway would have; it fails the case unless expected
        # (a render error is the case's ``error`` expectation, handled with the output)
        found = sorted(f.code for f in sim.findings if f.code != RENDER_ERROR)
        if expect.findings is not None:
            if list(expect.findings) != found:
                message = f"expected findings {list(expect.findings)}, got {found}"
                failures.append(Failure("findings", message))
        else:
            for finding in sim.findings:
                if finding.code != RENDER_ERROR:
                    message = f"the simulation found {finding.code}: {finding.message}"
                    failures.append(Failure("findings", message))
        for header, wanted_value in expect.client_headers.items():
            got = next((v for k, v in client.headers.items() if k.lower() == header.lower()), None)
            if got != wanted_value:
                message = f"expected header {header}: {wanted_value!r}, got {got!r}"
                failures.append(Failure("client_headers", message))

    def _outputs(
        self,
        label: str,
        text: str | None,
        expect: OutputExpect,
        template_text: str | None,
        failures: list[Failure],
        case: Case,
    ) -> None:
        if expect.empty:
            return
        if text is None:
            failures.append(Failure(f"{label}output", "there is no output to check"))
            return

        def add(key: str, message: str, diff: str = "") -> None:
            failures.append(Failure(label + key, message, diff))

        if expect.output is not None and expect.output != text:
            add("output", "output differs", text_diff(expect.output, text))
        for needle in expect.contains:
            if needle not in text:
                add("contains", f"output does not contain {needle!r}")
        if expect.valid_json is not None or expect.schema is not None:
            try:
                report = check_output(text, template_text=template_text, schema=expect.schema)
            except InputError as exc:  # a $ref that cannot be resolved
                raise _about(case, exc, f"{label}schema") from exc
            invalid = [f for f in report.findings if f.code != "schema-violation"]
            if expect.valid_json is False and not invalid:
                add("valid_json", "expected invalid JSON, but the output is valid")
            elif expect.valid_json is not False:
                for finding in report.findings:
                    where = f" (output {finding.position()})" if finding.line else ""
                    add(finding.code, f"{finding.message}{where}")
        if expect.has_json or expect.has_json_subset:
            parsed = check_json(text)
            if not parsed.well_formed:
                add("json", parsed.findings[0].message)
                return
            actual = parsed.value
            if expect.has_json and not json_equal(expect.json, actual):
                add("json", "JSON differs", text_diff(pretty(expect.json), pretty(actual)))
            if expect.has_json_subset and not json_subset(expect.json_subset, actual):
                diff = text_diff(pretty(expect.json_subset), pretty(actual))
                add("json_subset", "output does not contain the expected JSON subset", diff)


def _about(case: Case, exc: InputError, what: str) -> InputError:
    """``exc`` with a note naming the case whose ``what`` it is about."""
    note = f" (the {what} of case {case.name!r}, {case.file}:{case.line})"
    return InputError(
        exc.message + note,
        name=exc.name,
        line=exc.line,
        column=exc.column,
        source_line=exc.source_line,
    )


def run_case(case: Case, *, engine: EngineLike | None = None) -> CaseResult:
    """Run one case with a fresh runner (use :class:`CaseRunner` for many)."""
    return CaseRunner(engine=engine).run(case)
