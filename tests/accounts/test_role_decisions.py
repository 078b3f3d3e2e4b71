"""Roles are decided only in ``accounts/permissions.py`` (README, "Architecture").

Every other module asks a predicate there (``can_manage_partners(user)``), never reads a role
itself. These tests read the source of every other module (Python with ``ast``, templates with
a pattern) and fail on a role read: ``role_of``, the ``Role`` choices, ``profile.role``, a
comparison of something called ``role`` with a role's value, ``is_superuser`` or ``is_staff``,
or a function of its own named ``can_*`` (a permission that belongs in accounts).
Allowed: the accounts app itself and migrations. Setting ``is_superuser`` (the demo's admin
account) is a write, not a decision, and is allowed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from wijkaanpak.accounts.models import Role

SRC = Path(__file__).resolve().parents[2] / "src" / "wijkaanpak"
ACCOUNTS = SRC / "accounts"
ROLE_VALUES = frozenset(Role.values)
FLAG_ATTRIBUTES = {"is_superuser", "is_staff"}


def _mentions_role(node: ast.AST) -> bool:
    """``role``, ``x.role``, ``x["role"]``, ``user_role``: something that holds a role."""
    if isinstance(node, ast.Name):
        return "role" in node.id.lower()
    if isinstance(node, ast.Attribute):
        return "role" in node.attr.lower()
    if isinstance(node, ast.Subscript):
        key = node.slice
        return isinstance(key, ast.Constant) and isinstance(key.value, str) and "role" in key.value
    return False


def _role_constants(node: ast.AST) -> bool:
    """A role's value (``"district_manager"``), or a tuple/list/set holding one."""
    if isinstance(node, ast.Constant):
        return node.value in ROLE_VALUES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_role_constants(item) for item in node.elts)
    return False


def _is_profile_role(node: ast.AST) -> bool:
    """``profile.role`` or ``<anything>.profile.role``."""
    if not (isinstance(node, ast.Attribute) and node.attr == "role"):
        return False
    owner = node.value
    return (isinstance(owner, ast.Name) and owner.id == "profile") or (
        isinstance(owner, ast.Attribute) and owner.attr == "profile"
    )


def role_decisions(source: str) -> list[tuple[int, str]]:
    """(line, what) for every role read in Python ``source``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Name) and node.id == "role_of":
            found.append((line, "role_of"))
        elif isinstance(node, ast.Attribute) and node.attr == "role_of":
            found.append((line, "role_of"))
        elif isinstance(node, ast.alias) and node.name == "role_of":
            found.append((line, "imports role_of"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("accounts.models"):
            if any(alias.name in ("Role", "*") for alias in node.names):
                found.append((line, "imports accounts.models.Role"))
        elif (isinstance(node, ast.Attribute) and node.attr == "Role") or (
            isinstance(node, ast.Name) and node.id == "Role"
        ):
            found.append((line, "accounts.models.Role"))
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in FLAG_ATTRIBUTES
            and isinstance(node.ctx, ast.Load)
        ):
            found.append((line, f"reads {node.attr}"))
        elif isinstance(node, ast.FunctionDef) and node.name.startswith(("can_", "may_")):
            found.append((line, f"defines a permission {node.name}()"))
        elif _is_profile_role(node):
            found.append((line, "profile.role"))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_mentions_role(side) for side in sides) and any(
                _role_constants(side) for side in sides
            ):
                found.append((line, "compares a role"))
    return found


TEMPLATE_ROLE = re.compile(r"user_role|\.profile\.role|is_superuser|is_staff|\bperms\.")


def _python_files() -> list[Path]:
    return sorted(
        path
        for path in SRC.rglob("*.py")
        if ACCOUNTS not in path.parents and "migrations" not in path.parts
    )


def _templates() -> list[Path]:
    return sorted(path for path in SRC.rglob("*.html") if ACCOUNTS not in path.parents)


def test_the_scan_reads_the_source():
    """Guard against a scan of nothing (a moved ``src``): the apps are there."""
    names = {path.relative_to(SRC).parts[0] for path in _python_files()}
    assert {"budgets", "core", "partners", "plans", "monitor", "api"} <= names
    assert len(_templates()) > 20


def test_no_role_decisions_outside_accounts():
    problems = [
        f"{path.relative_to(SRC)}:{line}: {what}"
        for path in _python_files()
        for line, what in role_decisions(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "Ask accounts.permissions instead:\n" + "\n".join(problems)


def test_no_role_decisions_in_templates():
    problems = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()[:100]}"
        for path in _templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TEMPLATE_ROLE.search(line)
    ]
    assert problems == [], "Pass the answer of accounts.permissions instead:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize(
    "source",
    [
        "from wijkaanpak.accounts.permissions import role_of",
        "x = permissions.role_of(user)",
        "from wijkaanpak.accounts.models import Role",
        "ok = user_role == models.Role.ADMIN",
        "ok = kind == Role.PARTNER",
        "ok = request.user.profile.role",
        "ok = profile.role",
        "ok = request.user.is_superuser",
        "ok = user.is_staff or x",
        "ok = role == 'district_manager'",
        "ok = role in ('admin', 'official')",
        "ok = data['role'] != 'partner'",
        "ok = user.role in {'moderator'}",
        "def can_manage_partners(user):\n    return is_admin(user)",
    ],
)
def test_the_scan_finds_a_role_decision(source):
    assert role_decisions(source), source


@pytest.mark.parametrize(
    "source",
    [
        "from wijkaanpak.accounts.permissions import is_admin\nok = is_admin(user)",
        "rows = [s for s in stakeholders if s.role == 'net_payer']",  # an MKBA party's role
        "user.is_superuser = user.is_staff = True",  # a write (the demo's admin)
        "ok = kind == 'district'",
        "name = request.user.profile.organisation",
    ],
)
def test_the_scan_allows_the_rest(source):
    assert role_decisions(source) == []


@pytest.mark.parametrize(
    "line",
    ['{% if user_role == "admin" %}', "{% if user.profile.role %}", "{% if user.is_staff %}"],
)
def test_the_template_scan_finds_a_role_decision(line):
    assert TEMPLATE_ROLE.search(line)
