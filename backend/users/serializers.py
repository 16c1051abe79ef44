from rest_framework import serializers

from common.serializers import SingleLineCharField

from .models import Role, User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "name", "role", "email_verified"]
        read_only_fields = fields


class RegisterInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
    name = SingleLineCharField(max_length=150)
    role = serializers.ChoiceField(choices=[Role.ATTENDEE, Role.ORGANIZER], default=Role.ATTENDEE)


class RegisterOutputSerializer(serializers.Serializer):
    """The same for a new address and a taken one (whose owner is e-mailed instead): what was
    asked for, no id."""

    email = serializers.EmailField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)
    email_verified = serializers.BooleanField()


class LoginInputSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class LoginOutputSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = UserSerializer()


class RefreshInputSerializer(serializers.Serializer):
    # Optional: the web app sends nothing and the httpOnly cookie carries the token.
    refresh = serializers.CharField(max_length=2048, required=False)


class RefreshOutputSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField(required=False)


class UserUpdateInputSerializer(serializers.Serializer):
    name = SingleLineCharField(max_length=150)


class UserDeleteInputSerializer(serializers.Serializer):
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class PasswordResetInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmInputSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class PasswordChangeInputSerializer(serializers.Serializer):
    current_password = serializers.CharField(max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class EmailVerifyInputSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=512)
