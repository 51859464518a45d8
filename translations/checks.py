from django.conf import settings
from django.core.checks import Warning, register
from django.utils.module_loading import import_string


@register()
def machine_translation_provider_is_installed(app_configs, **kwargs):
    """A configured provider whose package is missing offers nothing: say so at start, not to a translator."""
    config = getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
    provider = (config or {}).get("OPTIONS", {}).get("PROVIDER")
    if not provider:
        return []
    try:
        import_string(provider)
    except ImportError as error:
        return [
            Warning(
                f"Machine translation is configured but {provider} cannot be imported ({error}): none is offered.",
                hint="Install the provider's package (google-cloud-translate for Google), or unset its variables.",
                id="translations.W001",
            )
        ]
    return []
