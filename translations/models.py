from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import Translation


class SnippetReview(models.Model):
    """A snippet's translation, handed to the moderators and not yet applied to the snippet.

    Pages are reviewed by Wagtail's workflow on a draft. Snippets here have no
    drafts (a live directory row is the row), so the translated strings wait in
    wagtail-localize until a moderator approves; only then are they written.
    """

    IN_REVIEW, NEEDS_CHANGES, APPROVED = "in_review", "needs_changes", "approved"
    STATUSES = {IN_REVIEW: _("In review"), NEEDS_CHANGES: _("Needs changes"), APPROVED: _("Approved")}

    # The review's key is its translation's: one review per translation, sent again after changes.
    translation = models.OneToOneField(
        Translation, on_delete=models.CASCADE, primary_key=True, related_name="snippet_review"
    )
    status = models.CharField(max_length=20, choices=STATUSES)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True)
    comment = models.TextField(blank=True)

    class Meta:
        permissions = [("publish_translation", _("Can publish a translation, and approve or send back others'"))]
        verbose_name = _("snippet translation review")

    def __str__(self):
        return f"{self.translation} ({self.status})"
