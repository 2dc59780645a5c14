"""Every challenge page renders for the family, and the case page carries the panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.complaints.conftest import letter_page

pytestmark = pytest.mark.django_db


def test_every_page_renders(signed_in):
    client, _, case = signed_in
    for name, args in [("tracker", []), ("letters", []), ("corrections", []), ("correction_new", []),
                       ("calendar", []), ("court_documents", []), ("letter", ["complaint-stage-2"]),
                       ("letter", ["review-panel"]), ("letter", ["ombudsman-summary"]), ("letter", ["rectification"])]:
        # The first letter asks once for the sender's address, email and phone (letter_page gives them).
        response = letter_page(client, reverse(f"complaints:{name}", args=[case.public_id, *args]))
        assert response.status_code == 200, (name, args, response.status_code)
    page = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()
    assert 'data-panel="complaints"' in page and "overdue" in page
