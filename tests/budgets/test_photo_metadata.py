"""Uploaded photos are stored without metadata (issue 7, C9): an anonymous idea's photo with
GPS EXIF kept 52°5'30"N 5°7'10"E and the camera make. Now: re-encoded, upright, no EXIF/XMP/
ICC, pixel count limited, non-images refused with a field error."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from tests import factories
from wijkaanpak.budgets import services
from wijkaanpak.budgets.models import Idea
from wijkaanpak.initiatives import services as initiative_services

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F


def gps_jpeg(*, size=(40, 20), orientation: int = 1, fmt: str = "JPEG") -> bytes:
    """A photo as a phone writes it: GPS position, camera make, XMP, an ICC profile."""
    image = Image.new("RGB", size, "white")
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))  # left half red
    exif = Image.Exif()
    exif[MAKE] = "Fairphone"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (5.0, 7.0, 10.0)}  # Utrecht, Domtoren
    )
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>Sanne</rdf:RDF></x:xmpmeta>'
    image.save(
        out, fmt, exif=exif.tobytes(), icc_profile=icc, **({"xmp": xmp} if fmt == "JPEG" else {})
    )
    return out.getvalue()


def assert_no_metadata(data: bytes) -> Image.Image:
    assert b"Fairphone" not in data and b"Exif" not in data and b"xmpmeta" not in data
    image = Image.open(io.BytesIO(data))
    assert not image.getexif()
    assert "icc_profile" not in image.info and "exif" not in image.info and "xmp" not in image.info
    return image


@pytest.fixture
def process(district, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return factories.BudgetProcessFactory(area=district, ideas=True)


def submit(process, photo):
    return services.idea_submit(
        process=process,
        by=None,  # anonymous, as in the report
        title="Bankjes",
        description="Bij de speeltuin",
        author_name="Sanne",
        estimated_cost=Decimal("100"),
        photo=photo,
        photo_alt="Een bankje",
    )


def test_the_source_photo_really_carries_gps():
    image = Image.open(io.BytesIO(gps_jpeg()))
    assert image.getexif().get_ifd(GPS_IFD)[2] == (52.0, 5.0, 30.0)
    assert "icc_profile" in image.info


def test_an_idea_photo_with_gps_is_stored_without_any_metadata(process):
    idea = submit(process, SimpleUploadedFile("IMG_2024.jpg", gps_jpeg(), "image/jpeg"))
    stored = Path(idea.photo.path).read_bytes()
    image = assert_no_metadata(stored)
    assert image.format == "JPEG" and image.size == (40, 20)


def test_a_png_photo_loses_its_metadata_too(process):
    idea = submit(process, SimpleUploadedFile("foto.png", gps_jpeg(fmt="PNG"), "image/png"))
    image = assert_no_metadata(Path(idea.photo.path).read_bytes())
    assert image.format == "PNG"


def test_the_photo_is_turned_upright_before_the_orientation_tag_goes(process):
    # Orientation 6: the camera was turned; the viewer must rotate 90° clockwise.
    idea = submit(process, SimpleUploadedFile("f.jpg", gps_jpeg(orientation=6), "image/jpeg"))
    image = assert_no_metadata(Path(idea.photo.path).read_bytes())
    assert image.size == (20, 40)
    top, bottom = image.getpixel((10, 2)), image.getpixel((10, 37))
    assert top[0] > 200 and top[1] < 80  # the red (left) half is now on top
    assert min(bottom) > 200


def test_too_many_pixels_is_a_field_error_and_nothing_is_stored(process, settings, tmp_path):
    settings.IMAGE_MAX_PIXELS = 1000
    with pytest.raises(ValidationError) as exc:
        submit(process, SimpleUploadedFile("f.jpg", gps_jpeg(size=(100, 100)), "image/jpeg"))
    assert "te veel pixels" in exc.value.message_dict["photo"][0]
    assert not Idea.objects.exists()
    assert not any(p.is_file() for p in Path(tmp_path).rglob("*"))


def test_a_decompression_bomb_is_refused_from_its_header(process):
    # 30,000 x 30,000 pixels in a few kB: refused before the pixels are unpacked.
    out = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(out, "PNG")
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ValidationError) as exc:
        submit(process, SimpleUploadedFile("bom.png", out.getvalue(), "image/png"))
    assert "te veel pixels" in exc.value.message_dict["photo"][0]


def test_a_non_image_with_image_bytes_at_the_start_is_refused(process):
    fake = b"\xff\xd8\xff\xe0" + b"<script>alert(1)</script>" * 10
    with pytest.raises(ValidationError) as exc:
        submit(process, SimpleUploadedFile("f.jpg", fake, "image/jpeg"))
    assert exc.value.message_dict["photo"] == [
        "Dit bestand is geen foto die we kunnen lezen. Kies een JPG of PNG."
    ]
    assert not Idea.objects.exists()


def test_a_photographed_receipt_loses_its_gps_too(district, manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    initiative = factories.InitiativeFactory(area=district)
    factories.VoucherFactory(initiative=initiative, amount=Decimal("500"))
    entry = initiative_services.spending_add(
        initiative=initiative,
        by=manager,
        spent_on=initiative.created_at.date(),
        amount=Decimal("10"),
        description="Verf",
        receipt=SimpleUploadedFile("bon.jpg", gps_jpeg(), "image/jpeg"),
    )
    assert_no_metadata(Path(entry.receipt.path).read_bytes())
