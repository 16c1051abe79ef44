from __future__ import annotations

from .models import User


def user_get_by_id(*, user_id: int) -> User | None:
    return User.objects.filter(id=user_id, is_active=True).first()
