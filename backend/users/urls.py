from django.urls import path

from . import views

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="auth-register"),
    path("login/", views.LoginView.as_view(), name="auth-login"),
    path("refresh/", views.RefreshView.as_view(), name="auth-refresh"),
    path("logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("logout-all/", views.LogoutAllView.as_view(), name="auth-logout-all"),
    path("password-reset/", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "password-reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("change-password/", views.PasswordChangeView.as_view(), name="auth-change-password"),
    path("verify-email/", views.EmailVerifyView.as_view(), name="auth-verify-email"),
    path(
        "verify-email/resend/",
        views.EmailVerifyResendView.as_view(),
        name="auth-verify-email-resend",
    ),
]
