"""Staff sessions: a second factor before anything else, and a short idle limit.

Anyone holding a staff role (reviewer, senior reviewer, liaison officer, administrator) or Django's
``is_staff`` must have a session verified by django-otp. An unverified staff session can reach only
the pages that set up or enter a code, and signing out; everything else sends it to set up an
authenticator app (no device yet) or to enter a code. A staff session idle for longer than
``STAFF_IDLE_SECONDS`` is signed out. Families keep Django's ordinary session length.

Place after ``django_otp.middleware.OTPMiddleware`` (it sets ``request.user.is_verified``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from fairwitness.oversight import permissions

STAFF_IDLE_SECONDS = 30 * 60
_LAST_SEEN = "fairwitness_staff_last_seen"
_OPEN_PREFIXES = ("/static/", "/accounts/two-factor/", "/accounts/login/", "/accounts/logout/", "/oversight/verify/")


def is_staff_user(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)
                and (getattr(user, "is_staff", False) or permissions.staff_role(user) is not None))


class StaffSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and is_staff_user(user):
            now = time.time()
            last = request.session.get(_LAST_SEEN)
            if last is not None and now - float(last) > STAFF_IDLE_SECONDS:
                logout(request)
                return redirect(reverse("accounts:login") + "?" + urlencode({"next": request.path}))
            request.session[_LAST_SEEN] = now
            request.session.set_expiry(STAFF_IDLE_SECONDS)
            verified = getattr(user, "is_verified", lambda: False)()
            if not verified and not request.path.startswith(_OPEN_PREFIXES):
                target = "oversight:verify" if user_has_device(user, confirmed=True) else "accounts:two_factor_setup"
                return redirect(reverse(target) + "?" + urlencode({"next": request.path}))
        return self.get_response(request)
