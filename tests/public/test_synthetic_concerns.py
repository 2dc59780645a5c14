"""The synthetic casework the demo loads for the public figures is real to every other page: its
concerns must stand in the workflow state their dates say. Walking the demo, all 305 were
"received" though closed, so a council's liaison officer saw finished reviews as "Received"
and the workflow table would have refused them nothing."""

from __future__ import annotations

import random
from datetime import date

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", range(12))
def test_each_synthetic_concern_stands_where_its_dates_say(family, seed):
    from fairwitness.oversight.models import Concern, status_from_history
    from fairwitness.public.demo import _synthetic_concern

    _user, case = family
    _synthetic_concern(case, case.local_authority, date(2025, 6, 2), 0.5, random.Random(seed), date(2026, 12, 1))
    concern = Concern.objects.get(case=case)
    assert concern.status == status_from_history(concern)
    assert concern.status != "received"
