"""The translation review workflow: moderators approve (and so publish) or send back what translators submit."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Locale, Page, Workflow, WorkflowPage
from wagtail_localize.models import Translation

WORKFLOW_NAME = "Translation review"
MODERATORS = "Moderators"


class NotATranslation(Exception):
    pass


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
