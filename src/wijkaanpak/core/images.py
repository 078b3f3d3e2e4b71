"""Uploaded images are re-encoded before they are stored (issue 7, C9).

A photo straight from a phone carries EXIF (GPS position, camera, time), XMP and
ICC data. Re-encoding keeps only the pixels: the image is turned upright by its
EXIF orientation first, then written again as JPEG or PNG without any metadata.
Images larger than ``settings.IMAGE_MAX_PIXELS`` are refused from their header,
before the pixels are unpacked (decompression bombs).
"""

from __future__ import annotations

import io
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

__all__ = ["clean_image"]

#: Pillow's format name -> the extension and the format the clean copy is written in
_FORMATS = {"JPEG": ("jpg", "JPEG"), "PNG": ("png", "PNG")}


def clean_image(upload, *, max_pixels: int | None = None) -> ContentFile:
    """A metadata-free copy of an uploaded JPEG or PNG, upright, named like the upload
    with the extension of its real format (``upload_to`` picks the stored name).

    Raises :class:`ValidationError` (a sentence for the field) for a file that is not
    a JPEG or PNG image, or one with more pixels than allowed.
    """
    limit = max_pixels if max_pixels is not None else settings.IMAGE_MAX_PIXELS
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own MAX_IMAGE_PIXELS; our limit decides (below).
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in _FORMATS:
                    raise ValidationError(_("Kies een foto als JPG of PNG."), code="image_type")
                width, height = image.size
                if width * height > limit:
                    raise _too_many_pixels(limit)
                extension, save_as = _FORMATS[image.format]
                image.load()
                upright = ImageOps.exif_transpose(image)
                clean = _pixels_only(upright, save_as)
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # Pillow's own (higher) limit, hit while opening
        raise _too_many_pixels(limit) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Dit bestand is geen foto die we kunnen lezen. Kies een JPG of PNG."),
            code="image_unreadable",
        ) from None
    finally:
        upload.seek(position)
    out = io.BytesIO()
    if save_as == "JPEG":
        clean.save(out, "JPEG", quality=88, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    stem = PurePosixPath(getattr(upload, "name", "") or "photo").stem or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.{extension}")


def _too_many_pixels(limit: int) -> ValidationError:
    return ValidationError(
        _("De foto heeft te veel pixels. Maak hem kleiner: hoogstens %(megapixels)s megapixel.")
        % {"megapixels": max(1, limit // 1_000_000)},
        code="image_pixels",
    )


def _pixels_only(image: Image.Image, save_as: str) -> Image.Image:
    """A new image holding only the pixels (no ``info``: no EXIF, XMP, ICC, text chunks)."""
    if save_as == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif save_as == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
        image = image.convert("RGBA")
    copy = Image.new(image.mode, image.size)
    if image.mode == "P":
        palette = image.getpalette()
        if palette is not None:
            copy.putpalette(palette)
        if "transparency" in image.info:
            copy.info["transparency"] = image.info["transparency"]
    copy.paste(image)
    return copy
