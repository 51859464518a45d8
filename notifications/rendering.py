"""Turn an outbox row into the email its recipient reads: their language, HTML and text, unsubscribe headers.

Rendering happens when the worker sends, not when the row is recorded: a
publish records a thousand rows in a few queries, and each email shows the
item as it is at sending time, in the recipient's current language. It is
also the last check that the recipient may still see the item: anything
unpublished, made private or deleted meanwhile cancels the email.
"""

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from . import tokens
from .models import Notification

Kind = Notification.Kind


class Cancelled(Exception):
    """This notification must not be sent any more."""


def absolute(path):
    """Every link in every email: the site's public address (WAGTAILADMIN_BASE_URL) and a path.

    Not the Wagtail site record's host name, which names no port and may be
    an internal name; the unsubscribe link and the item's link must agree.
    """
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_url(page):
    parts = page.get_url_parts()
    if parts is None:
        raise Cancelled("The page is not reachable under any site.")
    return absolute(parts[2])


def request_for(user):
    """A request as `user` would make it: the site's own access rules then answer for them."""
    request = HttpRequest()
    request.user = user
    request.session = {}
    request.META["SERVER_NAME"] = "notifications"
    return request


def resolve_item(reference, user, language):
    """The published item a notification is about, in `language` where translated, if `user` may see it."""
    model = apps.get_model(reference["model"])
    item = model.objects.filter(pk=reference["pk"]).first()
    if item is None:
        raise Cancelled("The item was deleted.")
    if isinstance(item, Page):
        return _visible_page(item.specific, user, language)
    if reference["model"] == "projects.project":
        return _project(item, language)
    from hub.documents.access import can_view_document

    if not can_view_document(request_for(user), item):
        raise Cancelled("The recipient may not see this document.")
    return {
        "title": item.title,
        "summary": item.description,
        "url": absolute(item.url),
        "label": item.get_document_type_display(),
    }


def _visible_page(page, user, language):
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        page = translated.specific
    if not page.live:
        raise Cancelled("The page is no longer published.")
    request = request_for(user)
    if any(not restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        raise Cancelled("The recipient may not see this page.")
    return {
        "title": page.title,
        "summary": page.search_description or getattr(page, "summary", "") or "",
        "url": page_url(page),
        "label": page.specific_class._meta.verbose_name,
    }


def _project(project, language):
    from projects.models import ProjectsPage

    translated = project.get_translations(inclusive=True).filter(locale__language_code=language).first() or project
    index = ProjectsPage.objects.live().filter(locale__language_code=language).first()
    index = index or ProjectsPage.objects.live().first()
    if index is None:
        raise Cancelled("The site has no projects page.")
    return {
        "title": translated.title,
        "summary": translated.description,
        "url": page_url(index) + index.reverse_subpage("project", args=[project.slug]),
        "label": project._meta.verbose_name,
    }


def _event(reference, language):
    from hub.models import Event, EventIndexPage

    original = Event.objects.filter(pk=reference).first()
    if original is None:
        raise Cancelled("The event was deleted.")
    event = original.versions().filter(locale__language_code=language).first() or original
    index = EventIndexPage.objects.live().filter(locale__language_code=language).first()
    index = index or EventIndexPage.objects.live().first()
    url = page_url(index) + index.reverse_subpage("event", args=[event.slug]) if index else ""
    return event, url


def context_for(notification, user, language):
    payload = notification.payload
    kind = notification.kind
    if kind == Kind.PUBLICATION:
        return {"item": resolve_item(payload, user, language)}
    if kind == Kind.DIGEST:
        items = []
        for held in notification.items.order_by("created_at", "pk"):
            try:
                items.append(resolve_item(held.payload, user, language))
            except Cancelled:
                continue
        if not items:
            raise Cancelled("Nothing in the digest is still visible to the recipient.")
        return {"items": items}
    if kind == Kind.CONFIRM:
        subscription = notification.subscription
        if subscription is None:
            raise Cancelled("The subscription was removed.")
        return {
            "subscription": subscription,
            "confirm_url": absolute(reverse("notifications:confirm", args=[tokens.confirm_token(subscription)])),
        }
    if kind == Kind.INVITATION:
        return {"sign_in_url": absolute(reverse("login")), "organisation": user.organisation}
    if kind in (Kind.EVENT, Kind.EVENT_REMINDER):
        event, url = _event(payload["event"], language)
        return {"event": event, "event_url": url, "change": payload.get("change", "")}
    if kind == Kind.ACTION_REMINDER:
        from hub.models import ActionItem

        item = ActionItem.objects.filter(pk=payload["item"]).select_related("event").first()
        if item is None or not item.is_open:
            raise Cancelled("The action item is done or gone.")
        translated = item.versions().filter(locale__language_code=language).select_related("event").first() or item
        event, url = _event(item.event.original().pk, language)
        return {"item": translated, "event": event, "event_url": url + "#action-items" if url else ""}
    raise Cancelled(f"Unknown kind {kind}.")


def render(notification):
    headers = {"Message-ID": notification.message_id}
    if notification.kind == Kind.ACCOUNT:
        payload = notification.payload
        message = EmailMultiAlternatives(payload["subject"], payload["text"], to=[notification.email], headers=headers)
        if payload.get("html"):
            message.attach_alternative(payload["html"], "text/html")
        message.metadata = {"notification": notification.key}
        return message

    user = notification.user
    if user is None or not user.is_active:
        raise Cancelled("The recipient's account is closed.")
    language = user.preferred_language or notification.language
    with translation.override(language):
        context = context_for(notification, user, language)
        unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[tokens.unsubscribe_token(notification)]))
        context.update(
            {
                "user": user,
                "language": language,
                "unsubscribe_url": unsubscribe_url,
                "preferences_url": absolute(reverse("profile")),
                "site_url": absolute(f"/{language}/"),
            }
        )
        template = f"notifications/email/{notification.kind}"
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    headers.update(
        {
            # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs here.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
        }
    )
    message = EmailMultiAlternatives(subject, text, to=[notification.email], headers=headers)
    message.attach_alternative(html, "text/html")
    message.metadata = {"notification": notification.key}
    return message
