"""Account forms, rendered as GOV.UK components (see fairwitness.govuk)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm

from fairwitness.govuk import GovUKFormMixin


def _email_field(label: str = "Email address") -> forms.EmailField:
    return forms.EmailField(
        label=label, max_length=254,
        error_messages={"required": "Enter your email address",
                        "invalid": "Enter an email address in the correct format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignUpForm(GovUKFormMixin, forms.Form):
    email = _email_field()
    password = forms.CharField(
        label="Create a password", strip=False,
        help_text="At least 10 characters. A few unrelated words together make a strong password.",
        error_messages={"required": "Enter a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Type the password again", strip=False,
        error_messages={"required": "Type the password again"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        # Whether an account exists is never said here (issue 11): the address is sent an email either way.
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", "The passwords do not match")
        elif password:
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data

    def save(self, **extra: Any) -> Any:
        user_model = get_user_model()
        fields = {user_model.USERNAME_FIELD: self.cleaned_data["email"], **extra}
        if user_model.USERNAME_FIELD != "email" and hasattr(user_model, "email"):
            fields["email"] = self.cleaned_data["email"]
        return user_model._default_manager.create_user(password=self.cleaned_data["password"], **fields)


class SignInForm(GovUKFormMixin, forms.Form):
    # Named "username" because django-axes reads that field to count failures per account.
    username = _email_field()
    password = forms.CharField(label="Password", strip=False,
                               error_messages={"required": "Enter your password"},
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, request: Any, *args: Any, **kwargs: Any):
        self.request = request
        self.user: Any = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        email, password = data.get("username"), data.get("password")
        if email and password:
            self.user = authenticate(self.request, username=email.strip().lower(), password=password)
            if self.user is None or not self.user.is_active:
                # One message for both cases, so the form does not reveal which accounts exist.
                raise forms.ValidationError("The email address or password is not right")
        return data


class CodeForm(GovUKFormMixin, forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app", max_length=8,
        help_text="The 6-digit code your app shows now, for example 123456",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "class": "govuk-input--width-5"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("The code must be 6 numbers, like 123456")
        return code


class ResetRequestForm(GovUKFormMixin, PasswordResetForm):
    email = _email_field()


class NewPasswordForm(GovUKFormMixin, SetPasswordForm):
    """Django's own checks, with GOV.UK labels."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Create a new password"
        self.fields["new_password1"].help_text = "At least 10 characters."
        self.fields["new_password1"].widget.attrs["autocomplete"] = "new-password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password2"].widget.attrs["autocomplete"] = "new-password"
