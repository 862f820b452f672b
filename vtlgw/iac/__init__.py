"""Mapping templates where they live: CloudFormation/SAM, OpenAPI, serverless.yml, Terraform.

``model`` holds what a reader finds (:class:`~vtlgw.iac.model.EmbeddedTemplate`, with the map
from template offsets back to the host file), ``tree`` the positioned YAML/JSON values the
YAML and JSON readers walk, ``selector`` the ``HOST#KEY/PATH`` syntax that names one template
on the command line, and one module per host format finds the templates in it.
"""

from __future__ import annotations
