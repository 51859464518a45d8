from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """A member's wish to hear about one kind of update, optionally only what a filtered view shows."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        BEST_PRACTICES = "best_practices", _("Best practices")
        DOCUMENTS = "documents", _("Documents")
        EVENTS = "events", _("Events")
        PROJECTS = "projects", _("Projects")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As soon as it is published")
        WEEKLY = "weekly", _("Weekly digest")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(_("updates about"), max_length=20, choices=Kind.choices)
    # The filtered view's query string, e.g. "track=3&organisation=eu": the same filters the listing applies.
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)
    # Opt-in: nothing is sent until the member follows the link in the confirmation email.
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "filters"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "filters"], name="one_subscription_per_view")]
        indexes = [models.Index(fields=["kind", "confirmed_at"])]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}{' · ' + self.filters if self.filters else ''}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class Notification(models.Model):
    """One email in the outbox: recorded before anything is sent, sent once by the worker.

    `key` names what the email is about and for whom (e.g. a document's
    publication for one member): recording the same thing twice is a no-op,
    so a republish or a retried request never doubles an email.
    """

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("Sign-in and account")
        INVITATION = "invitation", _("Invitation")
        CONFIRM = "confirm", _("Subscription confirmation")
        PUBLICATION = "publication", _("New publication")
        DIGEST = "digest", _("Weekly digest")
        EVENT = "event", _("Event update")
        EVENT_REMINDER = "event_reminder", _("Event reminder")
        ACTION_REMINDER = "action_reminder", _("Action item reminder")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        HELD = "held", _("Held for the weekly digest")
        DIGESTED = "digested", _("Sent in a digest")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    subscription = models.ForeignKey(Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    provider_message_id = models.CharField(max_length=200, blank=True)
    # Set by the provider's event webhook: proof the provider took the message.
    provider_confirmed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    digest = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.email} ({self.get_status_display()})"

    @property
    def message_id(self):
        """The same Message-ID on every attempt: a resend after an unclear outcome is one message to mail clients."""
        import hashlib

        return f"<{hashlib.sha256(self.key.encode()).hexdigest()[:32]}@leg.tj>"
