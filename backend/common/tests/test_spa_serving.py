"""The one server also serves the built SPA: client routes get index.html, hashed assets are
long-cached, API paths are never swallowed by the SPA."""

import pytest
from django.test import override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def built_frontend(tmp_path, settings):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>QR-Entry SPA")
    (tmp_path / "assets" / "index-AbCd12_x.js").write_text("console.log(1)")
    settings.FRONTEND_DIST = tmp_path
    settings.WHITENOISE_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("route", ["/", "/login", "/events/12", "/organizer/events"])
def test_client_routes_answer_the_spa_uncached(client, built_frontend, route):
    response = client.get(route)
    assert response.status_code == 200
    assert b"QR-Entry SPA" in response.content
    assert response["Cache-Control"] == "no-cache"


def test_hashed_assets_are_cached_for_a_year(client, built_frontend):
    # WhiteNoise reads its settings when the middleware is built, so build one for this root.
    with override_settings(WHITENOISE_ROOT=built_frontend):
        middleware = WhiteNoiseMiddleware(lambda request: None)
        from django.test import RequestFactory

        response = middleware(RequestFactory().get("/assets/index-AbCd12_x.js"))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


def test_api_paths_are_not_the_spa(client, built_frontend):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_security_headers_on_pages(client, built_frontend):
    response = client.get("/login")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_without_a_build_the_page_says_how_to_build(client, tmp_path, settings):
    settings.FRONTEND_DIST = tmp_path / "missing"
    response = client.get("/login")
    assert response.status_code == 503
    assert b"make run" in response.content


def test_built_assets_are_served_brotli_or_gzip_compressed(built_frontend):
    """make run compresses the build (python -m whitenoise.compress, as the Makefile does);
    WhiteNoise then answers by Accept-Encoding."""
    import subprocess
    import sys

    from django.test import RequestFactory

    script = built_frontend / "assets" / "index-AbCd12_x.js"
    script.write_text("export const answer = 42;\n" * 2000)
    subprocess.run(
        [sys.executable, "-m", "whitenoise.compress", "--quiet", str(built_frontend)], check=True
    )
    with override_settings(WHITENOISE_ROOT=built_frontend, WHITENOISE_AUTOREFRESH=False):
        middleware = WhiteNoiseMiddleware(lambda request: None)
        path = "/assets/index-AbCd12_x.js"
        answers = {
            accept: middleware(RequestFactory().get(path, HTTP_ACCEPT_ENCODING=accept))
            for accept in ("br, gzip", "gzip", "identity")
        }
    assert answers["br, gzip"]["Content-Encoding"] == "br"
    assert answers["gzip"]["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in answers["identity"]
    plain = int(answers["identity"]["Content-Length"])
    assert int(answers["br, gzip"]["Content-Length"]) < plain / 20
    assert "Accept-Encoding" in answers["gzip"]["Vary"]
