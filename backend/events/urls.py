from django.urls import path

from . import views

urlpatterns = [
    path("events/", views.EventListCreateView.as_view(), name="event-list"),
    path("events/categories/", views.EventCategoryListView.as_view(), name="event-categories"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/publish/", views.EventPublishView.as_view(), name="event-publish"),
    path("events/<int:pk>/unpublish/", views.EventUnpublishView.as_view(), name="event-unpublish"),
    path("events/<int:pk>/cancel/", views.EventCancelView.as_view(), name="event-cancel"),
    path("events/<int:pk>/staff/", views.EventStaffView.as_view(), name="event-staff"),
    path("events/<int:pk>/calendar.ics", views.EventCalendarView.as_view(), name="event-calendar"),
    path("events/<int:pk>/duplicate/", views.EventDuplicateView.as_view(), name="event-duplicate"),
    path("events/<int:pk>/image/", views.EventImageView.as_view(), name="event-image"),
    path("events/<int:pk>/messages/", views.EventMessagesView.as_view(), name="event-messages"),
    path(
        "events/<int:pk>/ticket-types/",
        views.TicketTypeListView.as_view(),
        name="event-ticket-types",
    ),
    path(
        "events/<int:pk>/ticket-types/<int:ticket_type_id>/",
        views.TicketTypeDetailView.as_view(),
        name="event-ticket-type",
    ),
    path(
        "events/<int:pk>/staff/<int:staff_id>/",
        views.EventStaffMemberView.as_view(),
        name="event-staff-member",
    ),
]
