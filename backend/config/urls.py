from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from common.views import ApiNotFoundView, HealthView, spa_index

api_patterns = [
    path("auth/", include("users.urls")),
    path("", include("events.urls")),
    path("", include("bookings.urls")),
    path("", include("attendance.urls")),
    path("", include("adminpanel.urls")),
    path("health/", HealthView.as_view(), name="health"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    re_path(r"^.*$", ApiNotFoundView.as_view()),
]

urlpatterns = [
    path("api/", include(api_patterns)),
    path("django-admin/", admin.site.urls),
    # Everything else is a client-side route of the SPA (its files are served by WhiteNoise).
    re_path(r"^(?!api/|static/|django-admin/|ws/).*$", spa_index, name="spa"),
]

handler404 = "common.views.handler404"
handler500 = "common.views.handler500"
