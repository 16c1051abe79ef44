from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import InvalidInput, RateLimited
from common.schema import api_errors
from common.views import base_url_of

from . import services, throttling
from .serializers import (
    EmailVerifyInputSerializer,
    LoginInputSerializer,
    LoginOutputSerializer,
    PasswordChangeInputSerializer,
    PasswordResetConfirmInputSerializer,
    PasswordResetInputSerializer,
    RefreshInputSerializer,
    RefreshOutputSerializer,
    RegisterInputSerializer,
    RegisterOutputSerializer,
    UserSerializer,
    UserUpdateInputSerializer,
)


def client_address(request: Request) -> str:
    # DRF's: the connection's address, X-Forwarded-For only behind NUM_PROXIES proxies.
    return BaseThrottle().get_ident(request)


def _set_cookie(response: Response, cookie: dict, value: str, max_age: int) -> None:
    response.set_cookie(
        cookie["name"],
        value,
        max_age=max_age,
        path=cookie["path"],
        secure=cookie["secure"],
        httponly=True,
        samesite=cookie["samesite"],
    )


def _set_refresh_cookie(response: Response, refresh: str) -> None:
    lifetime = settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]
    _set_cookie(response, settings.AUTH_REFRESH_COOKIE, refresh, int(lifetime.total_seconds()))


def _set_device_cookie(response: Response, value: str) -> None:
    days = settings.LOGIN_DEVICE_COOKIE_DAYS
    _set_cookie(response, settings.AUTH_DEVICE_COOKIE, value, days * 24 * 3600)


def clear_refresh_cookie(response: Response) -> None:
    cookie = settings.AUTH_REFRESH_COOKIE
    response.delete_cookie(cookie["name"], path=cookie["path"], samesite=cookie["samesite"])


def _dropping_dead_cookie(response: Response, exc: Exception) -> Response:
    """A refresh token the server refuses is useless to the browser: drop its cookie too."""
    if isinstance(exc, services.InvalidRefreshToken):
        clear_refresh_cookie(response)
    return response


def _refresh_token_from(request: Request) -> tuple[str | None, bool]:
    """The refresh token from the body, else from the cookie; and whether it came by body."""
    serializer = RefreshInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    token = serializer.validated_data.get("refresh")
    if token:
        return token, True
    return request.COOKIES.get(settings.AUTH_REFRESH_COOKIE["name"]), False


class RegisterView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "register"

    @extend_schema(request=RegisterInputSerializer, responses={201: RegisterOutputSerializer})
    @api_errors(services.OrganizerSignupClosed)
    def post(self, request: Request) -> Response:
        serializer = RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_sign_up(**serializer.validated_data, base_url=base_url_of(request))
        return Response(RegisterOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class LoginView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=LoginInputSerializer, responses={200: LoginOutputSerializer})
    @api_errors(services.InvalidCredentials, RateLimited)
    def post(self, request: Request) -> Response:
        serializer = LoginInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signed_in = services.user_login(
            request=request._request,
            email=serializer.validated_data["email"],
            password=serializer.validated_data["password"],
            client_address=client_address(request),
            device_cookie=request.COOKIES.get(settings.AUTH_DEVICE_COOKIE["name"]),
        )
        tokens = signed_in.tokens
        response = Response(
            LoginOutputSerializer(
                {"access": tokens.access, "refresh": tokens.refresh, "user": signed_in.user}
            ).data
        )
        _set_refresh_cookie(response, tokens.refresh)
        _set_device_cookie(response, signed_in.device_cookie)
        return response


class RefreshView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=RefreshInputSerializer, responses={200: RefreshOutputSerializer})
    @api_errors(services.InvalidRefreshToken, services.NoSession)
    def post(self, request: Request) -> Response:
        token, from_body = _refresh_token_from(request)
        if not token:
            raise services.NoSession()
        tokens = services.token_refresh(refresh=token)
        # A body client keeps its own tokens; the browser only ever gets the cookie.
        body = {"access": tokens.access}
        if from_body:
            body["refresh"] = tokens.refresh
        response = Response(RefreshOutputSerializer(body).data)
        _set_refresh_cookie(response, tokens.refresh)
        return response

    def handle_exception(self, exc: Exception) -> Response:
        return _dropping_dead_cookie(super().handle_exception(exc), exc)


class LogoutView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=RefreshInputSerializer, responses={204: OpenApiResponse()})
    @api_errors(services.InvalidRefreshToken)
    def post(self, request: Request) -> Response:
        token, _ = _refresh_token_from(request)
        if not token:
            raise InvalidInput(
                "No refresh token to sign out.", fields={"refresh": ["This field is required."]}
            )
        services.token_revoke(refresh=token)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_refresh_cookie(response)
        return response

    def handle_exception(self, exc: Exception) -> Response:
        return _dropping_dead_cookie(super().handle_exception(exc), exc)


class MeView(APIView):
    @extend_schema(responses={200: UserSerializer})
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user).data)

    @extend_schema(request=UserUpdateInputSerializer, responses={200: UserSerializer})
    def patch(self, request: Request) -> Response:
        serializer = UserUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_update(user=request.user, name=serializer.validated_data["name"])
        return Response(UserSerializer(user).data)


class LogoutAllView(APIView):
    @extend_schema(request=None, responses={204: OpenApiResponse()})
    def post(self, request: Request) -> Response:
        services.sessions_end_all(user=request.user)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_refresh_cookie(response)
        return response


class PasswordResetView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=PasswordResetInputSerializer,
        responses={202: OpenApiResponse(description="Whatever the address: no enumeration.")},
    )
    @api_errors(RateLimited)
    def post(self, request: Request) -> Response:
        serializer = PasswordResetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.password_reset_request(
            email=serializer.validated_data["email"],
            client_address=client_address(request),
            base_url=base_url_of(request),
        )
        return Response(status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=PasswordResetConfirmInputSerializer, responses={204: OpenApiResponse()})
    @api_errors(services.InvalidToken)
    def post(self, request: Request) -> Response:
        serializer = PasswordResetConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.password_reset_confirm(**serializer.validated_data)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_refresh_cookie(response)
        # Whoever opened the link reads the mailbox: this browser becomes a known device.
        _set_device_cookie(response, services.device_cookie_issue(user=user))
        return response


class PasswordChangeView(APIView):
    @extend_schema(request=PasswordChangeInputSerializer, responses={204: OpenApiResponse()})
    @api_errors(services.WrongPassword, RateLimited)
    def post(self, request: Request) -> Response:
        serializer = PasswordChangeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        tokens = services.password_change(
            user=request.user,
            **serializer.validated_data,
            client_address=client_address(request),
        )
        # Every session ended, this one included; the browser carries on with a new one.
        response = Response(status=status.HTTP_204_NO_CONTENT)
        _set_refresh_cookie(response, tokens.refresh)
        return response


class EmailVerifyView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=EmailVerifyInputSerializer, responses={204: OpenApiResponse()})
    @api_errors(services.InvalidToken)
    def post(self, request: Request) -> Response:
        serializer = EmailVerifyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.email_verify(key=serializer.validated_data["key"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class EmailVerifyResendView(APIView):
    @extend_schema(request=None, responses={202: OpenApiResponse()})
    @api_errors(RateLimited)
    def post(self, request: Request) -> Response:
        services.email_verification_resend(user=request.user, base_url=base_url_of(request))
        return Response(status=status.HTTP_202_ACCEPTED)


def admin_login(request: HttpRequest) -> HttpResponse:
    """Django admin's sign-in (served only when QE_DJANGO_ADMIN is on), limited like the
    API's untrusted attempts: failures per (account, address) and per address; beyond, 429
    and the password is not checked."""
    if request.method != "POST":
        return admin.site.login(request)
    slots, wait = throttling.login_attempt(
        request.POST.get("username", ""), client_address(request)
    )
    if not slots:
        response = HttpResponse(
            f"Too many failed sign-in attempts. Try again in {wait} seconds.\n",
            status=status.HTTP_429_TOO_MANY_REQUESTS,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(wait)
        return response
    response = admin.site.login(request)
    if request.user.is_authenticated:  # signed in just now: no failure
        throttling.login_attempt_succeeded(slots)
    return response
