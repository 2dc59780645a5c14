"""Sign up, sign in (with an optional authenticator-app code), sign out, password reset, lockout."""

from __future__ import annotations

import base64
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes, force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from fairwitness.accounts import actions, verification
from fairwitness.accounts.forms import CodeForm, NewPasswordForm, ResetRequestForm, SignInForm, SignUpForm
from fairwitness.accounts.models import TOKEN_LIFETIME
from fairwitness.govuk import title_prefix

_PENDING = "fairwitness_pending_second_factor"  # user id between the password and the code
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Sign-up never says whether an address already has an account (issue 11): every valid form
    gets the same "check your email" page, and the address gets an email either way: a link to
    confirm a new account, or a note that it already has one."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        existing = get_user_model()._default_manager.filter(email__iexact=email).first()
        if existing is None:
            user = form.save(is_active=False)
            _send_signup_email(request, email, "signup_confirm", {"link": _confirm_link(request, user)})
        else:
            make_password(form.cleaned_data["password"])  # the same work either way: no timing tell
            if existing.is_active:
                _send_signup_email(request, email, "signup_existing", {"login": request.build_absolute_uri(
                    reverse("accounts:login")), "reset": request.build_absolute_uri(reverse("accounts:password_reset"))})
            else:  # signed up before and never confirmed: the link again
                _send_signup_email(request, email, "signup_confirm", {"link": _confirm_link(request, existing)})
        return render(request, "accounts/signup_sent.html", {"email": email})
    return render(request, "accounts/signup.html", {"form": form, "title_prefix": title_prefix(form)})


_SIGNUP_SUBJECTS = {"signup_confirm": "Confirm your Fair Witness account",
                    "signup_existing": "You already have a Fair Witness account"}


def _confirm_link(request: HttpRequest, user: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return request.build_absolute_uri(reverse("accounts:signup_confirm", args=[uid, default_token_generator.make_token(user)]))


def _send_signup_email(request: HttpRequest, email: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(f"accounts/email/{template}.txt", context, request=request)
    send_mail(_SIGNUP_SUBJECTS[template], body, None, [email])


@require_http_methods(["GET"])
def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link in the sign-up email: the account starts working and the person is signed in."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = get_user_model()._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError, OverflowError):
        user = None
    if user is None or user.is_active or not default_token_generator.check_token(user, token):
        return render(request, "accounts/signup_link_used.html", status=400)
    user.is_active = True
    user.save(update_fields=["is_active"])
    verification.mark_verified(user)  # following the emailed link proves the address (invitations need it)
    login(request, user, backend=_BACKEND)
    messages.success(request, "Your account is ready. You can now start a case.")
    return redirect("cases:list")


@require_http_methods(["GET", "POST"])
def signin(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, request.POST or None)
    next_url = _next_url(request)
    if request.method == "POST" and form.is_valid():
        user = form.user
        if user_has_device(user, confirmed=True):
            request.session[_PENDING] = {"user": user.pk, "next": next_url}
            return redirect("accounts:login_code")
        login(request, user, backend=_BACKEND)
        return redirect(next_url if next_url != "/" else "cases:list")
    return render(request, "accounts/login.html",
                  {"form": form, "next": next_url, "title_prefix": title_prefix(form)})


@require_http_methods(["GET", "POST"])
def signin_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(_PENDING)
    if not pending:
        return redirect("accounts:login")
    user = get_user_model()._default_manager.filter(pk=pending["user"]).first()
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = next((d for d in TOTPDevice.objects.filter(user=user, confirmed=True)
                       if d.verify_token(form.cleaned_data["code"])), None)
        if device is not None:
            del request.session[_PENDING]
            login(request, user, backend=_BACKEND)
            otp_login(request, device)
            return redirect(pending.get("next") if pending.get("next") not in (None, "/") else "cases:list")
        form.add_error("code", "That code is not right, or it has run out. Enter the code your app shows now")
    return render(request, "accounts/login_code.html", {"form": form, "title_prefix": title_prefix(form)})


@require_http_methods(["GET", "POST"])
def signout(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("home")
    return render(request, "accounts/logout.html")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    has_code = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return render(request, "accounts/account.html", {"has_code": has_code})


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Make an API token (shown once, with the date it stops working) and list one's own."""
    context: dict[str, Any] = {"lifetime_days": TOKEN_LIFETIME.days}
    status = 200
    if request.method == "POST":
        try:
            context["new_row"], context["new_token"] = actions.create_api_token(
                request.user, request.POST.get("name", ""))
        except actions.TokenRefused as exc:
            context["error"], status = str(exc), 403
            if user_has_device(request.user, confirmed=True):
                context["verify_url"] = reverse("oversight:verify") + "?next=" + reverse("accounts:api_tokens")
    context["tokens"] = request.user.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at")[:50]
    return render(request, "accounts/api_tokens.html", context, status=status)


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link we emailed: confirms the address (signed in or not), then goes where it was asked."""
    try:
        _user, next_path = verification.confirm(token)
    except verification.VerificationError as exc:
        return render(request, "accounts/verify_email.html", {"error": str(exc)}, status=400)
    messages.success(request, "Thank you: your email address is confirmed.")
    if request.user.is_authenticated:
        return redirect(next_path or "accounts:account")
    return redirect(f"{reverse('accounts:login')}?next={next_path}" if next_path else "accounts:login")


@login_required
@require_http_methods(["POST"])
def verify_email_send(request: HttpRequest) -> HttpResponse:
    next_path = _next_url(request, "")
    if not request.user.email_verified:
        verification.send_link(request, request.user, next_path)
        messages.success(request, f"We have sent a link to {request.user.email}. Open it to confirm your address.")
    return redirect(next_path or "accounts:account")


def _qr_data_uri(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _grouped(hex_key: str) -> str:
    """The secret in base32, in groups of 4, for typing into an app by hand."""
    secret = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    device, _ = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False,
                                                 defaults={"name": "Authenticator app"})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, "From now on, you will be asked for a code from your app when you sign in.")
            return redirect("accounts:account")
        form.add_error("code", "That code is not right. Check the time on your phone is correct and enter the code your app shows now")
    context: dict[str, Any] = {
        "form": form, "qr": _qr_data_uri(device.config_url), "secret": _grouped(device.key),
        "title_prefix": title_prefix(form),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        TOTPDevice.objects.filter(user=request.user).delete()
        messages.success(request, "You will no longer be asked for a code when you sign in.")
        return redirect("accounts:account")
    return render(request, "accounts/two_factor_remove.html")


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """What django-axes shows after too many failed sign-ins (settings.AXES_LOCKOUT_CALLABLE)."""
    return render(request, "accounts/locked_out.html", status=429)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        # Opening the reset link we emailed proves the address is theirs, as a confirmation link does.
        verification.mark_verified(form.user)
        return super().form_valid(form)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
