"""Door staff and their invitations: who may scan an event's tickets."""

from rest_framework import serializers

from common.serializers import SingleLineCharField

from .models import EventStaff


class StaffMemberSerializer(serializers.ModelSerializer):
    """A door staff entry: an open invitation (no name: nobody has accepted it) or the
    person who accepted it."""

    name = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=["invited", "accepted"], read_only=True)

    class Meta:
        model = EventStaff
        fields = ["id", "email", "name", "status", "added_at", "invited_at", "accepted_at"]
        read_only_fields = fields

    def get_name(self, staff: EventStaff) -> str | None:
        return staff.user.name if staff.user_id else None


class StaffAddInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class StaffInvitedSerializer(serializers.Serializer):
    """The answer to an invitation: the same for every address."""

    email = serializers.EmailField()
    status = serializers.ChoiceField(choices=["invited"])


class InvitationTokenInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=512)


class InvitationAcceptInputSerializer(InvitationTokenInputSerializer):
    # Only when no account uses the invited address: the account to create.
    name = SingleLineCharField(max_length=150, required=False)
    password = serializers.CharField(max_length=128, trim_whitespace=False, required=False)


class InvitationSerializer(serializers.Serializer):
    """What the invitee sees before accepting. Only for the holder of the e-mailed link."""

    email = serializers.EmailField()
    event = serializers.IntegerField(source="event.id")
    event_title = serializers.CharField(source="event.title")
    event_starts_at = serializers.DateTimeField(source="event.starts_at")
    account_exists = serializers.BooleanField()


class InvitationAcceptedSerializer(serializers.Serializer):
    email = serializers.EmailField()
    event = serializers.IntegerField(source="event.id")
    event_title = serializers.CharField(source="event.title")
    status = serializers.ChoiceField(choices=["accepted"])
    account_created = serializers.BooleanField()
