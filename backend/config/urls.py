from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from common.views import ApiNotFoundView, HealthView, LivenessView, media_file, spa_index
from users.views import admin_login

api_patterns = [
    path("auth/", include("users.urls")),
    path("", include("events.urls")),
    path("", include("bookings.urls")),
    path("", include("attendance.urls")),
    path("", include("adminpanel.urls")),
    path("health/", HealthView.as_view(), name="health"),
    path("health/live/", LivenessView.as_view(), name="health-live"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script, so the
    # docs work under the Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    re_path(r"^.*$", ApiNotFoundView.as_view()),
]

# Django's admin (support work): served only when QE_DJANGO_ADMIN is on (the production
# profile's default is off), its sign-in limited like the API's.
admin_patterns = [
    path("django-admin/login/", admin_login, name="django-admin-login"),
    path("django-admin/", admin.site.urls),
]

urlpatterns = [
    path("api/", include(api_patterns)),
    *(admin_patterns if settings.QE_DJANGO_ADMIN else []),
    # Uploaded files (event images) when they live in the local media folder.
    re_path(r"^media/(?P<path>.+)$", media_file, name="media"),
    # Everything else is a client-side route of the SPA (its files are served by WhiteNoise).
    re_path(r"^(?!api/|static/|media/|django-admin/|ws/).*$", spa_index, name="spa"),
]

handler400 = "common.views.handler400"
handler404 = "common.views.handler404"
handler500 = "common.views.handler500"
