import django_filters

from .models import Event


class EventFilter(django_filters.FilterSet):
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")
    category = django_filters.CharFilter(field_name="category", lookup_expr="iexact", max_length=50)

    class Meta:
        model = Event
        fields = ["starts_after", "starts_before", "category"]
