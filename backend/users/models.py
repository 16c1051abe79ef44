from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken


class Role(models.TextChoices):
    ATTENDEE = "attendee", "Attendee"
    ORGANIZER = "organizer", "Organizer"
    ADMIN = "admin", "Admin"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(role=Role.ADMIN, is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address. `role` decides what the API lets them do;
    `is_staff` only opens Django's admin site (support work)."""

    # Stored lower-cased by the services, so the plain unique index is case-insensitive on
    # every database (MariaDB has no functional indexes).
    email = models.EmailField(unique=True, max_length=254)
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ATTENDEE)
    # Set when the person opened the link of the verification e-mail (or accepted a staff
    # invitation sent to this address). QE_EMAIL_VERIFICATION=mandatory needs it to book
    # and to publish.
    email_verified = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Every token carries the generation it was issued in; ending every session (sign out
    # everywhere, a new password, deletion) moves it on, so older access tokens are refused
    # at once, not when they expire (users.authentication).
    token_generation = models.PositiveIntegerField(default=0)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_organizer(self) -> bool:
        return self.role in (Role.ORGANIZER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class SessionFamily(models.Model):
    """Which sign-in a refresh token descends from. Every rotation issues a token of the same
    family; a rotated (blacklisted) token used again means it was stolen, so the whole family
    is revoked (SimpleJWT's OutstandingToken has no room for this)."""

    token = models.OneToOneField(
        OutstandingToken, on_delete=models.CASCADE, primary_key=True, related_name="family"
    )
    family = models.CharField(max_length=32, db_index=True)

    def __str__(self) -> str:
        return f"{self.family}: {self.token_id}"
