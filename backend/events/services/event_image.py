"""The event's image: replaced by a re-encoded copy of an upload, or removed."""

from __future__ import annotations

from typing import Any

from common.db import atomic_with_retry

from ..errors import ImageInvalid
from ..images import ImageRejected, event_image_encode
from ..models import Event
from .locking import event_locked


def event_image_set(*, event_id: int, upload: Any) -> Event:
    """Replace the event's image by a re-encoded copy of `upload` (JPEG, PNG or WebP)."""
    try:
        encoded = event_image_encode(upload, event_id=event_id)
    except ImageRejected as error:
        raise ImageInvalid(str(error), fields={"image": [str(error)]}) from error

    def apply() -> Event:
        event = event_locked(event_id)
        event.image.save(encoded.name, encoded, save=False)
        event.save(update_fields=["image", "updated_at"])
        return event

    return atomic_with_retry(apply)


def event_image_remove(*, event_id: int) -> Event:
    def apply() -> Event:
        event = event_locked(event_id)
        event.image = ""
        event.save(update_fields=["image", "updated_at"])
        return event

    return atomic_with_retry(apply)
