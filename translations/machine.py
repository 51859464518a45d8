"""Machine translation as a translator's first draft, when a provider is configured (settings: from the environment).

wagtail-localize calls the provider directly and turns any failure (the
service down, a refused key, a language it lacks: DeepL has no Tajik) into a
server error in the translator's face. `FirstDraft` wraps the provider: it
offers only the languages the provider has, and a failure reaches the
translator as a message, with nothing written.
"""

import logging

import requests
from django.utils.module_loading import import_string
from wagtail_localize.machine_translators.base import BaseMachineTranslator

logger = logging.getLogger(__name__)


class Unavailable(Exception):
    """The provider did not answer with translations; nothing was written."""


class FirstDraft(BaseMachineTranslator):
    def __init__(self, options):
        super().__init__(options)
        self.languages = set(options.get("LANGUAGES", ()))
        self.provider_path = options["PROVIDER"]
        self._provider = None

    @property
    def provider(self):
        if self._provider is None:
            self._provider = import_string(self.provider_path)(self.options.get("OPTIONS", {}))
        return self._provider

    @property
    def display_name(self):
        try:
            return str(self.provider.display_name)
        except ImportError:
            return self.provider_path.rsplit(".", 1)[-1]

    def can_translate(self, source_locale, target_locale):
        if target_locale.language_code not in self.languages:
            return False
        try:
            return self.provider.can_translate(source_locale, target_locale)
        except ImportError:
            return False

    def translate(self, source_locale, target_locale, strings):
        try:
            return self.provider.translate(source_locale, target_locale, list(strings))
        except (requests.RequestException, ImportError, KeyError, ValueError, TypeError) as error:
            logger.warning("machine translation by %s failed: %r", self.provider_path, error)
            raise Unavailable(self.display_name) from error
