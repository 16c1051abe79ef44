from django.urls import path, re_path

from . import views, waiting_list_views

urlpatterns = [
    # The account: read and renamed by the users app's view, deleted here (the cascade).
    path("auth/me/", views.AccountView.as_view(), name="auth-me"),
    path("events/<int:pk>/cancel/", views.EventCancelView.as_view(), name="event-cancel"),
    path("events/<int:pk>/messages/", views.EventMessagesView.as_view(), name="event-messages"),
    path("book-ticket/", views.BookTicketView.as_view(), name="book-ticket"),
    path("bookings/", views.BookingListView.as_view(), name="booking-list"),
    path("bookings/<int:pk>/", views.BookingDetailView.as_view(), name="booking-detail"),
    path("bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking-cancel"),
    path("bookings/<int:pk>/pay/", views.BookingPayView.as_view(), name="booking-pay"),
    path(
        "bookings/<int:pk>/pay/confirm/",
        views.BookingPayConfirmView.as_view(),
        name="booking-pay-confirm",
    ),
    path(
        "bookings/<int:pk>/mark-paid/",
        views.BookingMarkPaidView.as_view(),
        name="booking-mark-paid",
    ),
    path(
        "bookings/<int:pk>/mark-refunded/",
        views.BookingMarkRefundedView.as_view(),
        name="booking-mark-refunded",
    ),
    path(
        "bookings/<int:pk>/release-hold/",
        views.BookingHoldReleaseView.as_view(),
        name="booking-release-hold",
    ),
    path("payments/stripe/webhook/", views.StripeWebhookView.as_view(), name="stripe-webhook"),
    path(
        "bookings/<int:pk>/tickets.pdf",
        views.BookingTicketsPdfView.as_view(),
        name="booking-tickets-pdf",
    ),
    path("bookings/<int:pk>/resend/", views.BookingResendView.as_view(), name="booking-resend"),
    path(
        "events/<int:pk>/waiting-list/",
        waiting_list_views.EventWaitingListView.as_view(),
        name="event-waiting-list",
    ),
    path("waiting-list/", waiting_list_views.MyWaitingListView.as_view(), name="waiting-list"),
    path(
        "waiting-list/<int:pk>/",
        waiting_list_views.WaitingListEntryView.as_view(),
        name="waiting-list-entry",
    ),
    path(
        "waiting-list/<int:pk>/accept/",
        waiting_list_views.WaitingListAcceptView.as_view(),
        name="waiting-list-accept",
    ),
    path("tickets/", views.TicketListView.as_view(), name="ticket-list"),
    path("tickets/<int:pk>/", views.TicketDetailView.as_view(), name="ticket-detail"),
    path("tickets/<int:pk>/transfer/", views.TicketTransferView.as_view(), name="ticket-transfer"),
    re_path(
        r"^tickets/(?P<pk>[0-9]+)/qr\.(?P<image_format>png|svg)$",
        views.TicketQrView.as_view(),
        name="ticket-qr",
    ),
]
