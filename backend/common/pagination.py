from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (capped), answering {count, next, previous, results}."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ShortPagination(PageNumberPagination):
    """At most 20 a page, whatever `page_size` asks (lists of people looked up one by one)."""

    max_page_size = 20
