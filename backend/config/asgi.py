"""ASGI entry point: HTTP (API + SPA) and WebSockets in one application."""

from django.core.asgi import get_asgi_application
from django.urls import re_path

from config import local_state

local_state.configure()
# Django must be set up before anything imports models.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from attendance.routing import websocket_urlpatterns  # noqa: E402
from common.asgi import RequestBodyLimit, UnknownSocketConsumer  # noqa: E402
from users.websocket_auth import JWTAuthMiddleware  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": RequestBodyLimit(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(
            JWTAuthMiddleware(
                URLRouter([*websocket_urlpatterns, re_path(r"", UnknownSocketConsumer.as_asgi())])
            )
        ),
    }
)
