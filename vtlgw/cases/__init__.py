"""Case files: YAML bundles of a template or integration, events, a backend and expectations.

``load_cases`` reads and validates a file; ``run_case`` runs one case and returns its result.
The ``vtlgw check`` command and the pytest plugin both use these two functions.
"""

from __future__ import annotations

from vtlgw.cases.model import Case as Case
from vtlgw.cases.model import load_cases as load_cases
from vtlgw.cases.runner import CaseResult as CaseResult
from vtlgw.cases.runner import run_case as run_case

__all__ = ["Case", "CaseResult", "load_cases", "run_case"]
