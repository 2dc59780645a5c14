from django.urls import path

from fairwitness.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/confirm/<uidb64>/<token>/", views.signup_confirm, name="signup_confirm"),
    path("login/", views.signin, name="login"),
    path("login/code/", views.signin_code, name="login_code"),
    path("logout/", views.signout, name="logout"),
    path("", views.account, name="account"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("verify-email/send/", views.verify_email_send, name="verify_email_send"),
    path("verify-email/<str:token>/", views.verify_email, name="verify_email"),
    path("two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
