"""The map of docs/architecture.md, checked on the code: every table has one writing package,
and every module of app/ is reached by the server or the command line. (Which way imports
point is checked by `lint-imports` in `make lint`.)"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

from app.models import Base

APP = Path(__file__).resolve().parent.parent / "app"

# The one package that writes each table (docs/architecture.md, "The domain packages: what each
# owns").
WRITER = {
    "api_keys": "auth",
    "assignments": "assignments",
    "categories": "categories",
    "category_aliases": "mirror",
    "channels": "channels",
    "complaint_events": "complaints",
    "complaints": "complaints",
    "dedup_candidates": "matching",
    "dedup_models": "matching",
    "dedup_name_counts": "matching",
    "erased_subjects": "privacy",
    "escalation_stats": "assignments",
    "event_commits": "events",
    "events": "events",
    "follow_ups": "assignments",
    "holiday_calendar": "workdays",
    "holidays": "workdays",
    "idempotent_responses": "kit",
    "jaki_reports": "complaints",
    "personal_data_reads": "audit",
    "rate_limit_windows": "ratelimit",
    "regions": "regions",
    "sync_state": "mirror",
    "tracking_counters": "complaints",
    "units": "units",
    "webhook_attempts": "events",
    "webhook_deliveries": "events",
    "webhook_subscriptions": "events",
}
_MODEL_TABLE = {mapper.class_.__name__: mapper.local_table.name for mapper in Base.registry.mappers}
_WRITE_CALLS = {"insert", "pg_insert", "update", "delete", "copy_rows"}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _table_of(node: ast.expr) -> str | None:
    """The table a write names: a model class, or `Model.__tablename__`."""
    if isinstance(node, ast.Attribute) and node.attr == "__tablename__":
        node = node.value
    name = _name(node)
    return _MODEL_TABLE.get(name) if name else None


def writes_in(source: str) -> set[str]:
    """The tables a module writes: `insert(Model)`, `update(Model)`, `delete(Model)`,
    `copy_rows(session, Model.__tablename__, ...)`, or a new row built as `Model(...)`."""
    tables = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        if called in _MODEL_TABLE:
            tables.add(_MODEL_TABLE[called])
        elif called in _WRITE_CALLS:
            for arg in node.args[:2]:
                table = _table_of(arg)
                if table is not None:
                    tables.add(table)
    return tables


def _package(path: Path) -> str:
    return path.relative_to(APP).parts[0].removesuffix(".py")


def test_every_table_has_one_writer_named_in_the_map():
    assert set(WRITER) == set(_MODEL_TABLE.values())


def test_the_check_sees_each_kind_of_write():
    source = """
update(Complaint).values(x=1)
insert(FollowUp)
pg_insert(SyncState)
delete(ApiKey)
copy_rows(session, ComplaintEvent.__tablename__, rows)
JakiReport(complaint_id=1)
select(Unit)
"""
    assert writes_in(source) == {
        "complaints",
        "follow_ups",
        "sync_state",
        "api_keys",
        "complaint_events",
        "jaki_reports",
    }


@pytest.mark.parametrize(
    "path", sorted(p for p in APP.rglob("*.py") if _package(p) != "models"), ids=str
)
def test_only_a_tables_owner_writes_it(path: Path):
    package = _package(path)
    foreign = {t for t in writes_in(path.read_text()) if WRITER[t] != package}
    assert foreign == set(), f"{path.relative_to(APP.parent)} writes {sorted(foreign)}"


def test_every_module_is_reached_by_the_server_or_the_command_line():
    graph = grimp.build_graph("app", cache_dir=None)
    reached, todo = set(), ["app.main", "app.cli"]
    while todo:
        module = todo.pop()
        if module in reached:
            continue
        reached.add(module)
        todo.extend(graph.find_modules_directly_imported_by(module))
        # Importing a module runs its package's __init__ first.
        parts = module.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
    assert sorted(set(graph.modules) - reached) == []
