"""Start-up checks on the outbox's settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def mail_timeout_below_the_send_lease(app_configs, **kwargs):
    """A send that outlives the lease is taken for a dead worker's and sent again: the timeout must end it first."""
    timeout, lease = settings.EMAIL_TIMEOUT, settings.NOTIFICATIONS_SEND_LEASE_SECONDS
    if timeout is None or not 0 < timeout < lease:
        return [
            checks.Error(
                f"EMAIL_TIMEOUT_SECONDS ({timeout}) must be more than 0 and less than "
                f"NOTIFICATIONS_SEND_LEASE_SECONDS ({lease}).",
                hint="A mail server that never answers would otherwise hold the worker, or get the email twice.",
                id="notifications.E001",
            )
        ]
    return []
