"""The registry's own admin views: the IATI import (upload, progress, report) and members' proposed updates."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_required

from . import iati
from .models import ImportRun, ProposedUpdate
from .proposals import accept, decline
from .tasks import run_import


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("IATI activity file"),
        help_text=_(
            "XML in the IATI Activity Standard, versions 2.01 to 2.03, up to %(limit)s MB. Activities in "
            "Tajikistan with an education sector are imported; the report lists the others and why."
        )
        % {"limit": iati.MAX_BYTES // 1024 // 1024},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > iati.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": iati.MAX_BYTES // 1024 // 1024}
            )
        return upload


@permission_required("projects.add_project")
def start_import(request):
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        run = ImportRun.objects.create(file_name=upload.name[:255], source=upload.read(), created_by=request.user)
        language = get_language()
        transaction.on_commit(lambda: run_import.enqueue(run.pk, language))
        return redirect("projects_import_run", run.pk)
    recent = ImportRun.objects.defer("source").select_related("created_by")[:10]
    return TemplateResponse(request, "projects/admin/import.html", {"form": form, "recent": recent})


@permission_required("projects.add_project")
def import_run(request, pk):
    run = get_object_or_404(ImportRun.objects.defer("source"), pk=pk)
    return TemplateResponse(request, "projects/admin/import_run.html", {"run": run, "report": run.report})


@permission_required("projects.change_proposedupdate")
def proposals(request):
    """Progress notes members proposed: accept (as written or corrected) or decline with a comment."""
    if request.method == "POST":
        proposal = get_object_or_404(ProposedUpdate, pk=request.POST.get("proposal"))
        if request.POST.get("action") == "accept":
            accept(proposal, request.POST.get("text", "").strip()[:2000] or None)
            messages.success(request, _("Accepted: the note is on the project's page."))
        elif decline(proposal, request.POST.get("comment", "").strip()[:2000]):
            messages.success(request, _("Declined."))
        return redirect("projects_proposals")
    pending = ProposedUpdate.objects.filter(status=ProposedUpdate.Status.PENDING).select_related(
        "project", "author", "organisation"
    )
    reviewed = ProposedUpdate.objects.exclude(status=ProposedUpdate.Status.PENDING).select_related("project", "author")[
        :20
    ]
    return TemplateResponse(request, "projects/admin/proposals.html", {"pending": pending, "reviewed": reviewed})
