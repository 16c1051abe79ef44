from __future__ import annotations

from .models import User


def user_exists(*, email: str) -> bool:
    return User.objects.filter(email=email.strip().lower(), is_active=True).exists()
