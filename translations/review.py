"""Translation review: translators submit, moderators approve (and so publish) or send back with a comment.

Pages go through the "Translation review" workflow on a draft. Snippets go
through a SnippetReview: their translated strings are written to the row only
when a moderator approves.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Locale, Page, Workflow, WorkflowPage
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .models import SnippetReview

WORKFLOW_NAME = "Translation review"
MODERATORS = "Moderators"
PUBLISH_TRANSLATION = "translations.publish_translation"


class NotATranslation(Exception):
    pass


def may_publish_translations(user):
    return user.has_perm(PUBLISH_TRANSLATION)


def may_change_source(user, model):
    """Whether `user` may change the English original of a `model` snippet.

    Translators are given "change" on snippets to edit translations, and never
    "add": creating and changing the source content is the editors'.
    """
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


def ensure_workflow():
    """The review workflow, on every translated language's home page (so on every page under it)."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task, _created = GroupApprovalTask.objects.get_or_create(name=str(_("Review the translation")))
        task.groups.set(Group.objects.filter(name=MODERATORS))
        workflow.workflow_tasks.create(task=task, sort_order=0)
    for root in Page.objects.filter(depth=2).exclude(locale=Locale.get_default()):
        WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def submit(page, user):
    """Write the translated strings into a new draft of `page` and start its review."""
    if page.locale_id == Locale.get_default().pk:
        raise NotATranslation
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=page.locale, enabled=True
    ).first()
    if translation is not None:
        translation.save_target(user=user, publish=False)
        page.refresh_from_db()
    elif page.latest_revision is None:
        page.save_revision(user=user)
    workflow = page.get_workflow() or ensure_workflow()
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)  # sent again after changes: the review starts over on the new draft
    return workflow.start(page, user)


def snippet_translation(instance):
    """The wagtail-localize translation that `instance` (a snippet in a translated language) is the target of."""
    translation = Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale=instance.locale, enabled=True
    ).first()
    if translation is None or isinstance(instance, Page):
        raise NotATranslation
    return translation


def submit_snippet(translation, user):
    review, _created = SnippetReview.objects.update_or_create(
        translation=translation,
        defaults={"status": SnippetReview.IN_REVIEW, "submitted_by": user, "submitted_at": timezone.now()},
    )
    return review


def strings_of(translation):
    """[(English, translation or None)] of each string, in the order of the snippet's fields."""
    segments = list(StringSegment.objects.filter(source=translation.source).select_related("string").order_by("order"))
    done = {
        (row.translation_of_id, row.context_id): row.data
        for row in StringTranslation.objects.filter(
            translation_of__in=[segment.string_id for segment in segments], locale=translation.target_locale
        )
    }
    return [(segment.string.data, done.get((segment.string_id, segment.context_id))) for segment in segments]


@transaction.atomic
def decide(review, user, approve, comment=""):
    """A moderator's answer: approved writes the translated strings into the snippet; otherwise it goes back."""
    review.status = SnippetReview.APPROVED if approve else SnippetReview.NEEDS_CHANGES
    review.reviewed_by, review.reviewed_at, review.comment = user, timezone.now(), comment
    review.save()
    if approve:
        review.translation.save_target(user=user, publish=True)
    return review
