"""Make the corpus helpers (``casedefs``, ``conformance_data``) importable from this folder's
tests under any pytest import mode, not only the default ``prepend``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
