from anymail.signals import tracking
from django.apps import apps
from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from . import outbox, publishing

# Provider events that prove the provider has the message.
ACCEPTED_EVENTS = {"queued", "sent", "delivered", "deferred", "opened", "clicked", "bounced", "rejected"}


def provider_event(sender, event, esp_name, **kwargs):
    """anymail's tracking webhook: the provider reports a message we sent, by the key we gave it."""
    key = (event.metadata or {}).get("notification")
    if key and event.event_type in ACCEPTED_EVENTS:
        outbox.confirm_by_provider(key, event.message_id or "")


def register():
    from hub.models import Event
    from projects.models import Project

    for label in publishing.PAGE_KINDS:
        page_published.connect(publishing.page_published, sender=apps.get_model(label), dispatch_uid=f"notify-{label}")
    post_save.connect(publishing.document_saved, sender=get_document_model(), dispatch_uid="notify-document")
    post_save.connect(publishing.event_saved, sender=Event, dispatch_uid="notify-event")
    post_save.connect(publishing.project_saved, sender=Project, dispatch_uid="notify-project")
    tracking.connect(provider_event, dispatch_uid="notifications-provider-event")
