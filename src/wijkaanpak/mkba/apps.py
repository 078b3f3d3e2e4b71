from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MkbaConfig(AppConfig):
    name = "wijkaanpak.mkba"
    label = "mkba"
    verbose_name = _("MKBA")
