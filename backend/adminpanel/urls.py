from django.urls import path

from . import views

urlpatterns = [
    path("admin/analytics/", views.AnalyticsView.as_view(), name="analytics"),
    path(
        "admin/events/<int:pk>/attendees/",
        views.AttendeeListView.as_view(),
        name="attendee-list",
    ),
    path(
        "admin/events/<int:pk>/attendees.csv",
        views.AttendeeCsvView.as_view(),
        name="attendee-csv",
    ),
]
