from django.urls import path

from .consumers import AttendanceConsumer

websocket_urlpatterns = [
    path("ws/events/<int:event_id>/attendance/", AttendanceConsumer.as_asgi()),
]
