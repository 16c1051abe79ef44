"""Bookings and their tickets arrive with the booking issue (#3); the app is registered now so
its migrations start from the same project layout."""
