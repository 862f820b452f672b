"""The rules, one module per family; each module lists its rule classes in ``RULES``."""

from __future__ import annotations
