"""The API fuzzed from its own OpenAPI schema (schemathesis), in-process over WSGI, as a signed-in
family with a case: whatever a client sends that the schema allows (and much that it does not), the
API never answers 5xx, and every answer it documents has the shape its schema promises.

Bounded and repeatable: a few examples per operation, derandomized, no deadline, no example database."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from fairwitness.accounts.models import ApiToken
from fairwitness.web.api import api
from fairwitness.web.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def _connection_kept_open():
    """The real WSGI handler closes the database connection after each request; the test's own
    transaction must outlive it (Django's test client does the same)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_schema_and_never_fails(case, family, _connection_kept_open):
    user, own_case = family
    _, token = ApiToken.issue(user, "fuzz")
    if "case_id" in (case.path_parameters or {}):
        case.path_parameters["case_id"] = str(own_case.public_id)  # reach past the 404 into the handlers
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
