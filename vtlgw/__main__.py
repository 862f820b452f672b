"""``python -m vtlgw``: the same as the ``vtlgw`` command."""

from __future__ import annotations

import sys

from vtlgw.cli import main

sys.exit(main())
