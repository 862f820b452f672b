"""The API Gateway model: ``$context``, ``$input``, ``$util``, ``$stageVariables`` from events."""

from __future__ import annotations
