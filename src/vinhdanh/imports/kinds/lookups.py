"""Set-based reads for imports: one query per table, whatever the number of rows in the file."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from vinhdanh.orgs.models import Unit


def in_values(field: str, values: list, *, integers: bool = False) -> Q:
    """``field IN (values)`` with the whole list sent as ONE JSON parameter.

    A plain ``__in`` sends one parameter per value, which SQLite refuses past its variable
    limit and which makes PostgreSQL parse 50,000 placeholders.
    """
    payload = json.dumps(list(values))
    if connection.vendor == "postgresql":
        cast = "::bigint" if integers else ""
        sql = f"SELECT (jsonb_array_elements_text(%s::jsonb)){cast}"  # noqa: S608 - no user input in SQL text
    else:
        sql = "SELECT value FROM json_each(%s)"
    return Q(**{f"{field}__in": RawSQL(sql, [payload])})  # noqa: S611 - constant SQL, values as a parameter


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    code: str
    name: str
    path: str
    active: bool


def units_by_code() -> dict[str, UnitInfo]:
    """Every unit by upper-cased code (units number in the thousands at most)."""
    return {
        code.upper(): UnitInfo(pk, code, name, path, active_to is None)
        for pk, code, name, path, active_to in Unit.objects.order_by().values_list(
            "id", "code", "name", "path", "active_to"
        )
    }
