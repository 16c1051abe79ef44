from django.urls import path

from . import views

urlpatterns = [
    path("attendance/", views.ScanListView.as_view(), name="scan-list"),
    path("attendance/validate/", views.ValidateView.as_view(), name="attendance-validate"),
    path("attendance/undo/", views.UndoView.as_view(), name="attendance-undo"),
    path("attendance/search/", views.TicketSearchView.as_view(), name="attendance-search"),
    path("attendance/sync/", views.SyncView.as_view(), name="attendance-sync"),
    path(
        "events/<int:pk>/checkin-lists/",
        views.CheckinListListView.as_view(),
        name="event-checkin-lists",
    ),
    path(
        "events/<int:pk>/checkin-lists/<int:list_id>/",
        views.CheckinListDetailView.as_view(),
        name="event-checkin-list",
    ),
    path("events/<int:pk>/door-kit/", views.DoorKitView.as_view(), name="event-door-kit"),
]
