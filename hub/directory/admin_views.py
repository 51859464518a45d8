from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required

from .csv import export_csv, import_csv


class StakeholderImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "UTF-8, with the columns of the export: code, name, acronym, category, website, email, description, "
            "areas_of_work, regions (codes separated by semicolons)."
        ),
    )


@permission_required("hub.change_stakeholder")
def export_stakeholders(request):
    response = HttpResponse(export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stakeholders.csv"'
    return response


@permission_required("hub.add_stakeholder")
def import_stakeholders(request):
    form = StakeholderImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    errors = []
    if request.method == "POST" and form.is_valid():
        result = import_csv(form.cleaned_data["file"])
        if not result.errors:
            messages.success(
                request,
                _("Imported: %(created)s created, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect(reverse("wagtailsnippets_hub_stakeholder:list"))
        errors = result.errors
    return TemplateResponse(
        request,
        "hub/directory/admin/stakeholder_import.html",
        {"form": form, "errors": errors, "export_url": reverse("hub_stakeholders_export")},
    )
