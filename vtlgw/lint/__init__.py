"""``vtlgw lint``: rules over the parsed template, run by :class:`~vtlgw.lint.linter.Linter`.

``rule`` is the rule base class, ``rules/`` the rules by family, ``registry`` the list of all
of them, ``context`` what a rule sees, ``selection``, ``config`` and ``noqa`` which rules run
where, and ``report`` the output formats. See ``docs/lint.md``.
"""

from __future__ import annotations
