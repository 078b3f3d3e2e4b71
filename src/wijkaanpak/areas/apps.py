from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "wijkaanpak.areas"
    label = "areas"
    verbose_name = _("Gebieden")

    def ready(self) -> None:
        from django.conf import settings

        from .cbs import ImportLimits, set_import_limits

        set_import_limits(
            ImportLimits(
                max_uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024,
                max_rows=settings.IMPORT_MAX_ROWS,
            )
        )
