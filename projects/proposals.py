"""Members of a project's organisations propose progress notes; moderators accept or decline them."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ProgressNote, Project, ProposedUpdate


def may_propose(user, project):
    """A signed-in member whose organisation (in any language) is one of the project's organisations."""
    if not user.is_authenticated or not user.organisation_id:
        return False
    return any(
        p.stakeholder and p.stakeholder.translation_key == user.organisation_key for p in project.participants.all()
    )


class ProposalForm(forms.ModelForm):
    class Meta:
        model = ProposedUpdate
        fields = ["date", "text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        help_texts = {"text": _("A result or a step of progress, in a sentence or two. Moderators review it first.")}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future: give the day it happened."))
        return day


def accept(proposal, text=None):
    """The proposal as a progress note of the source-language project (once, however often it is accepted)."""
    with transaction.atomic():
        proposal = ProposedUpdate.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposedUpdate.Status.PENDING:
            return proposal
        project = Project.objects.get(pk=proposal.project_id)
        ProgressNote.objects.create(
            project=project, locale_id=project.locale_id, date=proposal.date, text=text or proposal.text
        )
        proposal.status, proposal.reviewed_at = ProposedUpdate.Status.ACCEPTED, timezone.now()
        proposal.save(update_fields=["status", "reviewed_at"])
    return proposal


def decline(proposal, comment):
    updated = ProposedUpdate.objects.filter(pk=proposal.pk, status=ProposedUpdate.Status.PENDING).update(
        status=ProposedUpdate.Status.DECLINED, comment=comment, reviewed_at=timezone.now()
    )
    return bool(updated)
