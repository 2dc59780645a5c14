"""Fixtures for the web and case tests (also imported by tests/cases/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fairwitness_testdb import point_django_at_postgres, stop_postgres, use_sqlite_file, wants_postgres

# Point Django at the right test database when this module is first imported (conftest import
# time, before any test database exists). Doing it here rather than by overriding pytest-django's
# session fixture keeps one database setup for the whole session even when several directories'
# conftests import these fixtures.
if wants_postgres():
    point_django_at_postgres()
else:
    use_sqlite_file()


@pytest.fixture(scope="session", autouse=True)
def _stop_postgres_at_end():
    yield
    stop_postgres()


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> None:
    """Argon2 still, with the lightest parameters: production's cost (deliberately slow) would
    spend minutes of the suite hashing test passwords. Hashes stay verifiable by the real hasher."""
    from django.conf import settings
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = ["fairwitness_fixtures.CheapArgon2PasswordHasher", *settings.PASSWORD_HASHERS]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


class CheapArgon2PasswordHasher:
    """Built lazily (Django's hasher module needs settings) by ``__new__``."""

    def __new__(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        from django.contrib.auth.hashers import Argon2PasswordHasher

        class _Cheap(Argon2PasswordHasher):
            time_cost = 1
            memory_cost = 8
            parallelism = 1

        return _Cheap(*args, **kwargs)


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path: Path) -> None:
    settings.FAIRWITNESS_DOCUMENTS_DIR = tmp_path / "documents"


TEST_PASSWORD = "a-long-test-password"  # every user make_user makes has it unless told otherwise


@pytest.fixture
def make_user(db):
    from fairwitness.accounts.models import User

    def make(email: str, password: str = TEST_PASSWORD, *, verified: bool = True) -> User:
        # Most tests need someone who has confirmed their email address (issue 10: invitations are
        # bound to a confirmed address); tests of confirmation itself ask for verified=False.
        from django.utils import timezone

        return User.objects.create_user(email, password, email_verified_at=timezone.now() if verified else None)

    return make


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a fresh test client with that person signed in (staff pages also want
    a second factor: see tests/oversight's ``verified_client``)."""
    from django.test import Client

    def sign_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def family(make_user):
    """A family with a case: a child, two parents, two events."""
    from fairwitness.cases import actions

    user = make_user("alice@example.org")
    case = actions.create_case(user, "Alice Smith's case", "Hartlepool")
    actions.add_child(case, user, "Poppy Smith", "2015-04-01")
    actions.add_person(case, user, "Alice Smith", "mother", True, ["c1"])
    actions.add_person(case, user, "Bob Smith", "father", True, ["c1"])
    actions.record_event(case, user, {"kind": "assessment_started", "at": "2024-01-10", "basis": "s17", "note": "Zanzibar note"})
    actions.record_event(case, user, {"kind": "consent", "at": "2024-01-10", "person": "p1", "activity": "assessment",
                                      "decision": "given", "informed": False})
    return user, case


@pytest.fixture
def other_family(make_user):
    from fairwitness.cases import actions

    user = make_user("mallory@example.org")
    case = actions.create_case(user, "Quixotic Vexler case", "Leeds")
    actions.add_child(case, user, "Quentin Vexler", "2016-01-01")
    actions.add_person(case, user, "Mallory Vexler", "mother", True)
    event = actions.record_event(case, user, {"kind": "referral_received", "at": "2024-02-01", "concern": "Vexler concern"})
    actions.attach_document(case, user, event, ("vexler-letter.pdf", b"%PDF-1.4\n%Vexler\n%%EOF\n"))
    return user, case


@pytest.fixture
def signed_in(client, family):
    """The family's owner signed in on the test client: (client, user, case)."""
    user, case = family
    client.force_login(user)
    return client, user, case
