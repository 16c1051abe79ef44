from django.urls import path

from . import code_views, views

urlpatterns = [
    # Door staff invitations, read and accepted under /api/auth/ (the invitee may have no
    # account yet).
    path("auth/invitations/", views.InvitationView.as_view(), name="auth-invitation"),
    path(
        "auth/invitations/accept/",
        views.InvitationAcceptView.as_view(),
        name="auth-invitation-accept",
    ),
    path("events/", views.EventListCreateView.as_view(), name="event-list"),
    path("events/categories/", views.EventCategoryListView.as_view(), name="event-categories"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/publish/", views.EventPublishView.as_view(), name="event-publish"),
    path("events/<int:pk>/unpublish/", views.EventUnpublishView.as_view(), name="event-unpublish"),
    path("events/<int:pk>/staff/", views.EventStaffView.as_view(), name="event-staff"),
    path("events/<int:pk>/calendar.ics", views.EventCalendarView.as_view(), name="event-calendar"),
    path("events/<int:pk>/duplicate/", views.EventDuplicateView.as_view(), name="event-duplicate"),
    path("events/<int:pk>/image/", views.EventImageView.as_view(), name="event-image"),
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
    path("events/<int:pk>/questions/", views.QuestionListView.as_view(), name="event-questions"),
    path(
        "events/<int:pk>/questions/<int:question_id>/",
        views.QuestionDetailView.as_view(),
        name="event-question",
    ),
    path("events/<int:pk>/codes/", code_views.CodeListView.as_view(), name="event-codes"),
    path(
        "events/<int:pk>/codes/<int:code_id>/",
        code_views.CodeDetailView.as_view(),
        name="event-code",
    ),
    path(
        "events/<int:pk>/staff/<int:staff_id>/",
        views.EventStaffMemberView.as_view(),
        name="event-staff-member",
    ),
]
