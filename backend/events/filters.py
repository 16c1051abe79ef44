import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField

from common.serializers import EARLIEST, LATEST

from .models import Event


class BoundedIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 filter value between 2000 and 2200: far outside, converting its offset to
    UTC overflows."""

    def to_python(self, value):
        try:
            parsed = super().to_python(value)
            within = parsed is None or EARLIEST <= parsed < LATEST
        except OverflowError:
            within = False
        if not within:
            raise forms.ValidationError("Give a date between 2000 and 2199.")
        return parsed


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class EventFilter(django_filters.FilterSet):
    starts_after = BoundedIsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = BoundedIsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")
    category = django_filters.CharFilter(field_name="category", lookup_expr="iexact", max_length=50)

    class Meta:
        model = Event
        fields = ["starts_after", "starts_before", "category"]
