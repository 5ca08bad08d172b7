"""The what-if contract (rules.core.contract) with the database's catalogue: shared by the
``eligibility_check`` command and ``POST /api/v1/eligibility/check``."""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError

from vinhdanh.rules.core import CATALOGUE, Catalogue, handle

from .selectors import catalogue_from_db

log = logging.getLogger(__name__)


def db_catalogue() -> Catalogue:
    """The database's catalogue, or CATALOGUE.md's values when there is no usable database
    (the command line may run before `migrate`) or it holds no codes yet."""
    try:
        catalogue = catalogue_from_db()
    except DatabaseError:
        log.info("eligibility_check: no database catalogue, using the built-in one")
        return CATALOGUE
    if not catalogue.codes:
        return CATALOGUE
    if not catalogue.base_salaries:
        catalogue = Catalogue(catalogue.codes, catalogue.thresholds, catalogue.multiples,
                              CATALOGUE.base_salaries)  # fmt: skip
    return catalogue


def check(payload: Any, catalogue: Catalogue | None = None) -> dict | list:
    """One request → one response, a list → a list; raises ContractError on bad input."""
    return handle(payload, catalogue=catalogue if catalogue is not None else db_catalogue())
