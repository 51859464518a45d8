"""The translation status report (admin, Reports menu), its CSV, the translators' request for review and the
moderators' review of a snippet's translation."""

import csv

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

from . import review, status
from .machine import Unavailable
from .models import SnippetReview

PER_PAGE = 50
FILTERS = ("language", "type", "section", "state")


def _choices(rows, attribute):
    return sorted({getattr(row, attribute) for row in rows}, key=str.casefold)


def filtered(rows, languages, query):
    """The rows and languages the query asks for; values not offered filter nothing."""
    chosen = {name: query.get(name, "") for name in FILTERS}
    if chosen["language"] in languages:
        languages = [chosen["language"]]
    for attribute in ("type", "section"):
        value = chosen[attribute]
        if value:
            rows = [
                row for row in rows if getattr(row, f"{attribute}_label" if attribute == "type" else attribute) == value
            ]
    if chosen["state"] in status.STATES:
        rows = [row for row in rows if any(row.cells[code].state == chosen["state"] for code in languages)]
    return rows, languages, chosen


def report(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return permission_denied(request)
    languages, rows = status.report(first_language=get_language())
    types, sections = sorted({row.type_label for row in rows}, key=str.casefold), _choices(rows, "section")
    shown, shown_languages, chosen = filtered(rows, languages, request.GET)
    if request.GET.get("export") == "csv":
        return _csv(shown, shown_languages)
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("p"))
    for row in page:
        row.shown = [row.cells[code] for code in shown_languages]
    query = request.GET.copy()
    query.pop("p", None)
    names = language_names()
    return TemplateResponse(
        request,
        "translations/report.html",
        {
            "rows": page,
            "languages": [(code, names[code]) for code in shown_languages],
            "all_languages": [(code, names[code]) for code in languages],
            "types": types,
            "sections": sections,
            "states": status.STATES,
            "chosen": chosen,
            "query": query.urlencode(),
            "totals": totals(status.counts(shown, shown_languages), names),
            "may_review": review.may_publish_translations(request.user),
        },
    )


def language_names():
    return {code: _(name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES}


def totals(counts, names):
    """[(code, name, [(state, label, number)])], for templates."""
    return [
        (code, names[code], [(state, status.STATES[state], number) for state, number in by_state.items()])
        for code, by_state in counts.items()
    ]


def _csv(rows, languages):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Cyrillic as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [_("Type"), _("Section"), _("Title"), _("Language"), _("State"), _("Translated %"), _("Strings changed")]
    )
    for row in rows:
        for code in languages:
            cell = row.cells[code]
            writer.writerow(
                [
                    row.type_label,
                    row.section,
                    row.title,
                    code,
                    cell.label,
                    "" if cell.share is None else cell.share,
                    cell.changed,
                ]
            )
    return response


@require_POST
def submit_for_review(request, page_id):
    """A translator hands a page's translation to the moderators: the strings are written into a draft of the page,
    and that draft starts the translation review workflow. Publishing is the moderators' (translators cannot)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    try:
        review.submit(page, request.user)
    except review.NotATranslation:
        messages.error(request, _("Only a translation can be sent for translation review."))
    else:
        messages.success(request, _("“%(title)s” was sent to the moderators for review.") % {"title": page.title})
    return _back(request)


def _back(request, default="translations_report"):
    back = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = default  # never sent off-site by a posted address
    return redirect(back)


def _snippet_target(translation):
    """The snippet a translation writes to; 404 for a page's translation or a snippet since deleted."""
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        raise Http404 from None
    if isinstance(instance, Page):
        raise Http404
    return instance


@require_POST
def submit_snippet_for_review(request, translation_id):
    """A translator hands a snippet's translation to the moderators; its strings stay unapplied until approved."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    instance = _snippet_target(translation)
    meta = instance._meta
    if not request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
        raise PermissionDenied
    review.submit_snippet(translation, request.user)
    messages.success(request, _("“%(title)s” was sent to the moderators for review.") % {"title": instance})
    return _back(request)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Approve and publish")), ("send_back", gettext_lazy("Send back"))]
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the translator"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Needed when you send it back: say what to change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "send_back" and not data.get("comment", "").strip():
            self.add_error("comment", gettext_lazy("Say what the translator should change."))
        return data


def review_snippet(request, translation_id):
    """A moderator reads a snippet's translation string by string beside the English, then approves or sends it back."""
    if not review.may_publish_translations(request.user):
        return permission_denied(request)
    snippet_review = get_object_or_404(
        SnippetReview.objects.select_related("translation"), translation_id=translation_id
    )
    translation = snippet_review.translation
    instance = _snippet_target(translation)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and snippet_review.status == SnippetReview.IN_REVIEW and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        review.decide(snippet_review, request.user, approve, form.cleaned_data["comment"].strip())
        done = _("“%(title)s” is approved and published.") if approve else _("“%(title)s” was sent back.")
        messages.success(request, done % {"title": translation.get_target_instance()})
        return redirect("translations_report")
    return TemplateResponse(
        request,
        "translations/snippet_review.html",
        {
            "review": snippet_review,
            "instance": instance,
            "language": language_names().get(translation.target_locale.language_code),
            "language_code": translation.target_locale.language_code,
            "strings": review.strings_of(translation),
            "form": form,
        },
    )


@require_POST
def machine_translate(request, translation_id):
    """wagtail-localize's "Translate with …", where a provider's failure is a message, not a server error."""
    try:
        return edit_translation.machine_translate(request, translation_id)
    except Unavailable as failure:
        said = _("%(provider)s could not translate this now; nothing was changed.") % {"provider": failure}
        messages.error(request, f"{said} {_('Try again later, or translate it yourself.')}")
    return _back(request, default="wagtailadmin_home")
