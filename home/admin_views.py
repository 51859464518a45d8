"""The page editor, refusing to overwrite a version saved by someone else after the editor opened the page.

Wagtail warns in the editor while two people have a page open, and refuses a
stale autosave, but a plain Save or Publish replaces the newer version
without a word. Here that save is not made: the form comes back with the
editor's own changes in it and a message naming who saved and when; a
second Save, made knowing that, goes through.
"""

from django.contrib import messages
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet


class ConflictCheckedEditView(EditView):
    def form_valid(self, form):
        newer = self.latest_revision
        # The editor's own newer version (an autosave of the form as it came back) is theirs to replace.
        if self.expects_json_response or not self.is_out_of_date or newer.user_id == self.request.user.pk:
            return super().form_valid(form)
        who = (newer.user.get_full_name() or newer.user.get_username()) if newer.user else _("Someone")
        when = formats.date_format(timezone.localtime(newer.created_at), "DATETIME_FORMAT")
        messages.error(
            self.request,
            _(
                "%(who)s saved this page at %(when)s, after you opened it. Nothing was saved, and your changes "
                "are still in the form: compare them with that version (History), then save again to replace it."
            )
            % {"who": who, "when": when},
        )
        self.has_unsaved_changes = True
        # The form comes back pointing at the newer version; autosaving it would replace that version unasked.
        self.autosave_enabled = False
        return self.render_to_response(self.get_context_data())


class ConflictCheckedPageViewSet(PageViewSet):
    """Every page type's editor, as Wagtail's own viewset has it, with the check above."""

    name = "conflict_checked_pages"
    edit_view_class = ConflictCheckedEditView
