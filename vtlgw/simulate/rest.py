"""The REST half of a simulation: one method request through a REST integration (ref §8).

Steps: proxy integrations hand the backend answer straight back; otherwise the request template
is chosen by Content-Type with the passthrough table (§8.4 (D)), rendered, checked as JSON for
Lambda (§5.5 (O)), a MOCK status is read (§5.5 (O)), the integration response is selected by
``selectionPattern`` (§8.2), checked against the declared method responses (§5.5 (D)), the
response template is chosen by Accept (§8.3 (D)) and rendered, ``responseParameters`` fill
headers (§8.1 (D)) and ``$context.responseOverride`` is applied last (§8.5 (D/O)).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from vtlgw.apigw.util import java_string
from vtlgw.simulate.backend import BackendResponse, response_parameter
from vtlgw.simulate.integration import Integration
from vtlgw.simulate.outcome import (
    CONFIG_ERROR,
    INVALID_METHOD_RESPONSE,
    LAMBDA_NOT_JSON,
    OVERRIDE_TWICE,
    STATUS_OVERRIDE_IGNORED,
    ClientView,
    Finding,
    Simulation,
)
from vtlgw.simulate.quoting import quote
from vtlgw.simulate.render import GatewayRenderer
from vtlgw.simulate.selection import choose_rest_request_template, choose_rest_response_template
from vtlgw.simulate.steps import SimulationRun
from vtlgw.validate.jsonout import check_json

INTERNAL_ERROR = '{"message": "Internal server error"}'
UNSUPPORTED_MEDIA = '{"message": "Unsupported Media Type"}'
INVALID_METHOD_RESPONSE_LOG = CONFIG_ERROR.format(
    detail="Output mapping refers to an invalid method response: {status}"
)


def event_header(event: Mapping[str, Any], name: str) -> str | None:
    """A request header from a proxy-shaped event, the name matched without regard to case."""
    wanted = name.lower()
    for field_name in ("headers", "multiValueHeaders"):
        headers = event.get(field_name)
        if isinstance(headers, Mapping):
            for key, value in headers.items():
                if str(key).lower() == wanted:
                    if isinstance(value, list):
                        return str(value[-1]) if value else None
                    return None if value is None else str(value)
    return None


def _status_override(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    # ref §8.5 (O): a non-integer or out-of-range status override is ignored.
    if isinstance(value, int) and 100 <= value <= 599:
        return value
    return None


class _RestRun(SimulationRun):
    api = "rest"

    @property
    def body(self) -> str:
        body = self.event.get("body")
        return body if isinstance(body, str) else ""

    def http(self, status: int, body: str, headers: Mapping[str, str] | None = None) -> Simulation:
        return self.done(ClientView("http", status=status, body=body, headers=headers or {}))

    def gateway_failure(self, error: str | None) -> Simulation:
        # ref §5.5 (O/I): configuration and template failures give 500 Internal server error.
        return self.done(ClientView("http", status=500, body=INTERNAL_ERROR), error=error)

    def repeated_overrides(self) -> Simulation | None:
        repeated = self.renderer.repeated_overrides()
        if not repeated:
            return None
        finding = Finding(
            OVERRIDE_TWICE,
            f"{', '.join(repeated)} overridden more than once, which fails the request with a "
            "5XX (ref §8.5 (D)); the exact status and log line are not documented",
        )
        return self.gateway_error(finding)

    def run(self) -> Simulation:
        if self.integration.is_proxy:
            return self.proxy()
        choice = choose_rest_request_template(
            self.integration.request_templates,
            event_header(self.event, "Content-Type"),
            self.integration.passthrough_behavior,
        )
        self.fields["request_template"] = choice
        if choice.action == "reject":
            # ref §8.4 (D): 415; the body text is what API Gateway sends (O).
            return self.http(415, UNSUPPORTED_MEDIA)
        if choice.action == "passthrough":
            request = self.body
        else:
            assert choice.key is not None
            template = self.integration.request_templates[choice.key]
            rendered = self.render("request template", lambda: self.renderer.request(template))
            if isinstance(rendered, Simulation):
                return rendered
            request = rendered
        self.fields["integration_request"] = request
        failed = self.repeated_overrides()
        if failed is not None:
            return failed
        json_ok = choice.action != "transform" or self.check_json(
            choice.key, request, "request template"
        )
        overrides = {
            group: {str(k): java_string(v) for k, v in values.items()}
            for group, values in self.renderer.override_group("requestOverride").items()
            if isinstance(values, Mapping) and values
        }
        self.fields["request_overrides"] = overrides
        return self.invoke(request, already_reported=not json_ok)

    def proxy(self) -> Simulation:
        backend = self.backend
        if backend is None:
            return self.unknown("no backend response given; stopping before the integration")
        if backend.lambda_error is not None:
            # A Lambda proxy function that throws gives 502 (ref §8.2 (D) proxy contract; O).
            return self.http(502, INTERNAL_ERROR)
        return self.http(backend.status, backend.body, backend.headers)

    def invoke(self, request: str, *, already_reported: bool = False) -> Simulation:
        integration = self.integration
        if integration.is_lambda and not request.strip():
            self.notes.append(
                "what Lambda receives for an empty passed-through body is unknown (U)"
            )
        elif integration.is_lambda:
            check = check_json(request)
            if not check.well_formed:
                # ref §5.5 (O): Lambda is never invoked; the detail is Jackson's text on AWS.
                detail = check.findings[0].message.removeprefix("output is not valid JSON: ")
                if not already_reported:
                    self.findings.append(
                        Finding(
                            LAMBDA_NOT_JSON,
                            f"the integration request is not JSON ({detail} at "
                            f"{check.findings[0].position()}), so the gateway refuses it with "
                            "400 without invoking the Lambda function (ref §5.5 (O))",
                        )
                    )
                self.notes.append("AWS words the parse detail differently (Jackson) (ref §5.5 (O))")
                body = json.dumps({"message": f"Could not parse request body into json: {detail}"})
                return self.http(400, body)
        backend = self.answer(request)
        if isinstance(backend, Simulation):
            return backend
        selected = self.select(backend)
        if isinstance(selected, Simulation):
            return selected
        selection, spec, body = selected
        if len(selection.matched) > 1:
            self.notes.append(
                f"several selection patterns match ({', '.join(selection.matched)}); which one "
                "AWS picks is unspecified (ref §8.2 (U))"
            )
        declared = integration.method_responses
        if declared is not None and spec.key not in declared:
            finding = Finding(
                INVALID_METHOD_RESPONSE,
                f"integration response {spec.key} maps to a status that methodResponses does "
                "not declare, so the gateway fails the request (ref §5.5 (D))",
            )
            return self.gateway_error(finding, INVALID_METHOD_RESPONSE_LOG.format(status=spec.key))
        choice = choose_rest_response_template(spec.templates, event_header(self.event, "Accept"))
        self.fields["response_template"] = choice
        if choice.action == "transform" and choice.key is not None:
            template = spec.templates[choice.key]
            rendered = self.render(
                "response template", lambda: self.renderer.response(template, body)
            )
            if isinstance(rendered, Simulation):
                return rendered
            response = rendered
            content_type = choice.key
            failed = self.repeated_overrides()
            if failed is not None:
                return failed
            self.check_json(choice.key, response, "response template")
        else:
            response = body
            content_type = backend.header("Content-Type") or "application/json"
        self.fields["response"] = response
        return self.finish(spec.parameters, backend, body, spec.key, response, content_type)

    def finish(
        self,
        parameters: Mapping[str, str],
        backend: BackendResponse,
        body: str,
        status_key: str,
        response: str,
        content_type: str,
    ) -> Simulation:
        # ref §8.3 (D): a Content-Type is always set, application/json by default.
        headers: dict[str, str] = {"Content-Type": content_type}
        stage = self.event.get("stageVariables")
        context = self.event.get("requestContext")
        prefix = "method.response.header."
        for target, source in parameters.items():
            # The targets are all method.response.header.NAME: the loader checks (ref §8.1 (D)).
            value = response_parameter(
                source,
                backend,
                body=body,
                stage_variables=stage if isinstance(stage, Mapping) else {},
                request_context=context if isinstance(context, Mapping) else {},
            )
            if value is not None:
                headers[target[len(prefix) :]] = value
        status = int(status_key)  # the loader checks it is a status code
        override = self.renderer.override_group("responseOverride")
        if "status" in override:
            forced = _status_override(override["status"])
            if forced is None:
                shown = quote(java_string(override["status"]))
                self.findings.append(
                    Finding(
                        STATUS_OVERRIDE_IGNORED,
                        f"$context.responseOverride.status is {shown}, not a status 100-599, "
                        f"so the gateway ignores it and answers {status} (ref §8.5 (O))",
                    )
                )
            else:
                status = forced
        extra = override.get("header")
        if isinstance(extra, Mapping):
            headers.update({str(k): java_string(v) for k, v in extra.items()})
        return self.http(status, response, headers)


def simulate_rest(
    integration: Integration,
    event: Mapping[str, Any],
    backend: BackendResponse | None,
    renderer: GatewayRenderer,
) -> Simulation:
    """Simulate one REST method request (see the module docstring for the steps)."""
    return _RestRun(integration, event, backend, renderer).run()
