"""Views that belong to no domain: health, the JSON 404 for unknown API paths, the SPA."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.static import serve
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .exceptions import json_error_response


def _redis_answers() -> bool:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        return bool(client.ping())
    finally:
        client.close()


class HealthView(APIView):
    """200 when the database (and Redis, when configured) answer; 503 otherwise."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "Health",
            {
                "status": serializers.CharField(),
                "database": serializers.CharField(),
                "redis": serializers.CharField(),
            },
        )
    )
    def get(self, request: Request) -> Response:
        report = {"status": "ok", "database": "ok", "redis": "not configured"}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception:  # any driver error means "not healthy", which is the answer
            report.update(status="unavailable", database="unreachable")
        if settings.REDIS_URL:
            try:
                report["redis"] = "ok" if _redis_answers() else "unreachable"
            except Exception:  # connection refused, timeout, auth: all mean unreachable
                report["redis"] = "unreachable"
            if report["redis"] != "ok":
                report["status"] = "unavailable"
        return Response(report, status=200 if report["status"] == "ok" else 503)


class LivenessView(APIView):
    """200 while this process serves requests, touching nothing else: the liveness probe a
    supervisor restarts a hung worker on (readiness is /api/health/), and the benchmarks' floor,
    the cheapest answer these processes give."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses=inline_serializer("Liveness", {"status": serializers.CharField()}))
    def get(self, request: Request) -> Response:
        return Response({"status": "ok"})


def base_url_of(request: HttpRequest) -> str:
    """Where links in e-mails point when QE_PUBLIC_URL is unset: this site."""
    return request.build_absolute_uri("/")


class FileDownloadAPIView(APIView):
    """An API view whose success is a file (image, CSV) and whose errors are JSON.

    Content negotiation would pick a renderer from the Accept header (an <img> asks for
    image/*) and answer 406 before the view runs; a file view renders only its errors, so
    they are always JSON.
    """

    def perform_content_negotiation(self, request, force=False):
        return (JSONRenderer(), JSONRenderer.media_type)


class ApiNotFoundView(APIView):
    """Any unknown path under /api/ answers the JSON error body, whatever the method."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None

    def initial(self, request: Request, *args, **kwargs) -> None:
        # Runs before the method is looked up, so every method gets the same 404.
        raise NotFound(f"No API endpoint at {request.path}.")


_index_cache: dict[str, tuple[float, bytes]] = {}


def spa_index(request: HttpRequest) -> HttpResponse:
    """Client-side routes (/login, /events/12, ...) all answer the SPA's index.html.

    Its hashed assets are served by WhiteNoise; index.html must not be cached, so a new
    deploy is picked up on the next load.
    """
    index: Path = settings.FRONTEND_DIST / "index.html"
    try:
        mtime = index.stat().st_mtime
    except FileNotFoundError:
        return HttpResponse(
            "The frontend is not built yet: run `make run` (or `npm run build` in frontend/).",
            status=503,
            content_type="text/plain",
        )
    cached = _index_cache.get(str(index))
    if cached is None or cached[0] != mtime:
        cached = (mtime, index.read_bytes())
        _index_cache[str(index)] = cached
    response = HttpResponse(cached[1], content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """A file of the local media folder (event images). Every upload is written under a new
    name and never changed, so browsers and proxies may keep it for a year."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_error_response("not_found", "Not found.", 404)
    return spa_index(request)


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Raised before any view, e.g. for a Host header not in ALLOWED_HOSTS.
    if request.path.startswith("/api/"):
        return json_error_response("bad_request", "Bad request.", 400)
    return HttpResponse("Bad request.", status=400, content_type="text/plain")


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_error_response(
            "server_error", "Something went wrong on our side. It has been logged.", 500
        )
    return HttpResponse("Server error.", status=500, content_type="text/plain")
