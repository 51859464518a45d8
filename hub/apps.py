from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Knowledge hub")

    def ready(self):
        from . import privacy
        from .documents import signal_handlers

        signal_handlers.register()
        privacy.register()
