from django.urls import path

from . import views

urlpatterns = [
    path("attendance/", views.ScanListView.as_view(), name="scan-list"),
    path("attendance/validate/", views.ValidateView.as_view(), name="attendance-validate"),
    path("attendance/undo/", views.UndoView.as_view(), name="attendance-undo"),
]
