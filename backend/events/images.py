"""Event images: what an organizer uploads is checked, turned the right way up, shrunk and
re-encoded with Pillow, so what is served is always a small WebP that we wrote (no metadata,
no scripts smuggled in a file that only claims to be an image)."""

from __future__ import annotations

import io
import secrets

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
# Large enough for a sharp banner on a wide screen, small enough for a phone on 3G.
MAX_SIDE = 1600
# Refuse pixel bombs (a tiny file that decodes to gigabytes) before decoding them.
MAX_PIXELS = 40_000_000


class ImageRejected(ValueError):
    """The upload is not an image we take; the message says why, for people."""


def event_image_encode(upload, *, event_id: int) -> ContentFile:
    """The upload as a re-encoded WebP file with a new, unguessable name."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImageRejected("The image is larger than 5 MB.")
    try:
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
        if kind not in ACCEPTED_FORMATS:
            raise ImageRejected("Upload a JPEG, PNG or WebP image.")
        if width * height > MAX_PIXELS:
            raise ImageRejected("The image has too many pixels (at most 40 megapixels).")
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            picture = ImageOps.exif_transpose(image)
            picture = picture.convert("RGBA" if _has_alpha(picture) else "RGB")
            picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            picture.save(out, format="WEBP", quality=82, method=4)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ImageRejected("This file is not an image we can read.") from error
    return ContentFile(out.getvalue(), name=f"{event_id}-{secrets.token_hex(8)}.webp")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
