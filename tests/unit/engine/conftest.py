"""Make this folder's helper modules (``render_deadline``) importable from its tests under
pytest's ``importlib`` import mode, which the project uses so test files in different folders
may share a name.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
