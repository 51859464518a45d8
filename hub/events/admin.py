"""Events in the admin: the events themselves as translatable snippets, and the follow-up of their action items
and registrations as plain model views."""

from django.db.models import Min
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.views.generic.models import IndexView as GenericIndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ActionItem, Event, EventRegistration


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "event_type", "start", "status", "locale"]
    list_filter = ["locale", "event_type", "status", "organisers"]
    search_fields = ["title", "venue"]
    ordering = ["-start"]


register_snippet(EventViewSet)


class OriginalActionItemsIndexView(GenericIndexView):
    def get_base_queryset(self):
        # One row per item: the original event's, whose edits reach the translations.
        originals = Event.objects.order_by().values("translation_key").annotate(first=Min("pk")).values("first")
        return super().get_base_queryset().filter(event_id__in=originals).select_related("owner", "event")


class FollowUpViewSet(ModelViewSet):
    """Rows that come from events and their registrations: edited and listed here, never created here."""

    add_to_admin_menu = True
    add_view_enabled = False
    copy_view_enabled = False


class ActionItemViewSet(FollowUpViewSet):
    """Every meeting's action items in one list, so editors can follow them up and change their status.

    Items are created in their event; here only the follow-up is edited. The
    list shows the original language's items: edits reach the translations.
    """

    model = ActionItem
    icon = "tasks"
    menu_label = _("Action items")
    menu_order = 320
    panels = [
        FieldPanel("description", read_only=True),
        FieldRowPanel([FieldPanel("status"), FieldPanel("due_date"), FieldPanel("owner")]),
    ]
    list_display = ["description", "owner", "due_date", "status", "event"]
    list_filter = ["status", "owner"]
    search_fields = ["description"]
    ordering = ["due_date"]
    index_view_class = OriginalActionItemsIndexView


class RegistrationViewSet(FollowUpViewSet):
    """Who registered for which event, and who waits for a place. Personal data: editors with the permission only."""

    model = EventRegistration
    icon = "user"
    menu_label = _("Event registrations")
    menu_order = 330
    form_fields = ["status"]
    list_display = ["user", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]


@hooks.register("register_admin_viewset")
def register_event_follow_up_viewsets():
    return [ActionItemViewSet("action_items"), RegistrationViewSet("event_registrations")]
