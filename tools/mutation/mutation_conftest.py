"""pytest hooks for mutation runs; run_mutation.py copies this file to the scratch tree's root
as ``conftest.py`` (it is never loaded in the real tree).

Two things mutmut 3 gets wrong for this code base are fixed here:

* mutmut maps each function to the tests that called it, and credits calls made while test
  modules are imported (decorator factories such as ``jstring._no_args`` or the comparators
  ``jsonpath_ops`` builds into a table) to whichever test runs first. Their mutants would then
  run against one unrelated test and "survive". Functions called before the first test starts
  are therefore mapped to every selected test.
* Hypothesis draws fresh examples on each run, so a mutant could be killed one run and survive
  the next; the ``mutation`` profile derandomizes every property (the examples still vary
  between properties, but not between runs).
"""

from __future__ import annotations

import pytest
from hypothesis import settings

settings.register_profile("mutation", derandomize=True, database=None)
settings.load_profile("mutation")

_CALLED_AT_IMPORT: set[str] = set()


def _collecting_stats() -> bool:
    from mutmut.mutation.trampoline import get_mutant_under_test

    return bool(get_mutant_under_test() == "stats")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Remember the functions that ran while the test modules were imported."""
    if _collecting_stats():
        from mutmut.state import state

        _CALLED_AT_IMPORT.update(state()._stats)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Map every function called at import time to every test that ran."""
    if not _collecting_stats() or not _CALLED_AT_IMPORT:
        return
    from mutmut.state import state

    every_test = set(state().duration_by_test)
    for name in _CALLED_AT_IMPORT:
        state().tests_by_mangled_function_name[name] |= every_test
