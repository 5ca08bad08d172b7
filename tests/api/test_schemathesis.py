"""Property-based test of the whole OpenAPI (``/api/openapi.json``) with schemathesis, in process
(WSGI) against the real app, as a unit officer with a bearer token: no server error and every
response matches its documented schema. Few examples per operation keep it under a minute and a
half; the database is the test's transaction (personas and their unit tree)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from vinhdanh.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection when a request ends (Django's test
    Client switches that off); here it would close the test's transaction on PostgreSQL."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def officer_token(personas, keep_connection):
    from tests.api.conftest import make_token

    return make_token(personas.unit_officer)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_never_fails_and_matches_its_schema(case, officer_token):
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(
        headers={"Authorization": f"Bearer {officer_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
