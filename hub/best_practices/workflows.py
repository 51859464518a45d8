"""The review workflow partners' submissions go through."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

WORKFLOW_NAME = "Best practice review"
REVIEWER_GROUPS = ["Moderators", "Editors"]


def ensure_submission_workflow(collection):
    """The workflow for a best-practice collection, created on first use.

    Moderators and editors may approve (publishing the practice) or request
    changes with a comment the submitter sees on their status page.
    """
    workflow = collection.get_workflow()
    if workflow is not None:
        return workflow
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task, _created = GroupApprovalTask.objects.get_or_create(name="Editorial review")
        task.groups.set([Group.objects.get_or_create(name=name)[0] for name in REVIEWER_GROUPS])
        workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=collection, defaults={"workflow": workflow})
    return workflow
