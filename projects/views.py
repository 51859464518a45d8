"""The registry's pages: the filtered list with its totals, who does what where, and each project."""

import hashlib
from array import array

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import pagecache
from hub.best_practices.models import BestPracticePage
from hub.documents.library import related_documents
from hub.documents.models import HubDocument
from hub.events.views import localized_events, summaries
from hub.pagination import paginate

from . import registry
from .models import ProgressNote, Project, ProposedUpdate
from .proposals import ProposalForm, may_propose

PAGE_SIZE = 20


def filtered_view(request, page):
    """The filters of the request, the projects they select (loaded once) and their facets and labels."""
    filters = registry.ProjectFilter(registry.originals(), request.GET)
    everything = registry.loaded(registry.originals())
    selected = set(filters.filtered().values_list("pk", flat=True))
    projects = [project for project in everything if project.pk in selected]
    labels = registry.Labels.for_projects(everything)
    facets = facets_of(filters, everything, labels)
    return filters, projects, labels, facets


def facets_of(filters, everything, labels):
    """Each facet's values with how many projects each would show, under the other filters in force."""
    status_labels = dict(Project.Status.choices)
    built = []
    for facet in registry.FACETS:
        under_others = set(filters.filtered(skip=facet.param).values_list("pk", flat=True))
        counts = {}
        names = {}
        for project in everything:
            if project.pk not in under_others:
                continue
            for code, label in values_of(facet, project, labels, status_labels):
                counts[code] = counts.get(code, 0) + 1
                names[code] = label
        if facet.param == "year":
            order = sorted(counts, reverse=True)
        elif facet.param == "status":
            order = sorted(counts)
        else:
            order = sorted(counts, key=lambda code: names[code].casefold())
        built.append(filters.facet(facet, [(code, names[code], counts[code]) for code in order]))
    return built


def values_of(facet, project, labels, status_labels):
    if isinstance(facet, registry.OrganisationFacet):
        return {
            (p.stakeholder.code, labels.organisation(p))
            for p in project.participants.all()
            if p.role == facet.role and p.stakeholder
        }
    if facet.param == "component":
        return {(a.code, str(labels.components.get(a.code, a))) for a in project.areas_of_work.all()}
    if facet.param == "region":
        return {(r.code, str(labels.regions.get(r.code, r))) for r in project.regions.all()}
    if facet.param == "status":
        return {(project.status, str(status_labels.get(project.status, project.status)))}
    years = project.years()
    return {(str(year), str(year)) for year in years} if years else set()


def ordered(filters, projects):
    """`projects` in the chosen sort, as the database would order them (no further query)."""
    keys = {
        "title": lambda p: (p.display_title.casefold(), p.pk),
        "budget": lambda p: (-(p.budget_usd or 0), p.display_title.casefold(), p.pk),
        "start": lambda p: (-(p.start.toordinal() if p.start else 0), p.display_title.casefold(), p.pk),
        "end": lambda p: ((p.end.toordinal() if p.end else 10**7), p.display_title.casefold(), p.pk),
    }
    return sorted(projects, key=keys[filters.sort])


def listing(request, page):
    def summary():
        filters, projects, labels, facets = filtered_view(request, page)
        registry.annotate(projects, labels)
        return {
            "facets": facets,
            "totals": registry.totals(projects, labels),
            "total_usd": sum((project.budget_usd or 0) for project in projects),
            "keys": array("i", (project.pk for project in ordered(filters, projects))),
        }

    # Facets and totals are sums over every project the filters select: worked out once per filter state,
    # order and language while the registry is unchanged, so a request then reads only its page of projects.
    # Through the shared cache: at a thousand projects the sums take a second or two, paid by one process
    # rather than by each.
    filters = registry.ProjectFilter(registry.originals(), request.GET)
    state = hashlib.sha256(filters.url(page=None).encode()).hexdigest()[:32]
    kept = pagecache.remembered(request, f"projects:{page.pk}:{get_language()}:{state}", summary)
    listed = paginate(request, kept["keys"], PAGE_SIZE)
    rows = registry.loaded(registry.originals().filter(pk__in=list(listed.object_list)))
    registry.annotate(rows, registry.Labels.for_projects(rows))
    by_key = {project.pk: project for project in rows}
    listed.object_list = [by_key[key] for key in listed.object_list if key in by_key]
    facets = kept["facets"]
    return TemplateResponse(
        request,
        "projects/projects_page.html",
        {
            **page.get_context(request),
            "results": listed,
            "facets": facets,
            "active_filters": [facet for facet in facets if facet.selected_label],
            "sort_options": filters.sort_options(),
            "totals": kept["totals"],
            "total_usd": kept["total_usd"],
            "query_string": filters.url(page=None, sort=None).lstrip("?"),
        },
    )


def matrix(request, page):
    filters, projects, labels, facets = filtered_view(request, page)
    base = page.get_url(request)

    def url(region, component):
        return base + filters.url(region=region, component=component, page=None)

    return TemplateResponse(
        request,
        "projects/matrix.html",
        {
            **page.get_context(request),
            "matrix": registry.matrix(projects, labels, url),
            "facets": [facet for facet in facets if facet.param not in ("region", "component")],
            "active_filters": [facet for facet in facets if facet.selected_label],
            "count": len(projects),
        },
    )


def project(request, page, slug):
    original = registry.loaded(registry.originals().filter(slug=slug).select_related("locale"))
    if not original:
        raise Http404
    original = original[0]
    proposing = may_propose(request.user, original)
    form = None
    if proposing:
        form = ProposalForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            ProposedUpdate.objects.create(
                project=original,
                author=request.user,
                organisation=request.user.organisation,
                language=get_language(),
                **form.cleaned_data,
            )
            messages.success(request, _("Thank you: your update goes to the moderators, who publish it here."))
            return redirect(request.path + "#progress")
    elif request.method == "POST":
        raise PermissionDenied
    localized = (
        Project.objects.filter(translation_key=original.translation_key, locale=page.locale).first()
        if page.locale_id != original.locale_id
        else original
    )
    labels = registry.Labels.for_projects([original])
    registry.annotate([original], labels)
    notes_of = localized or original
    notes = list(ProgressNote.objects.filter(project=notes_of).order_by("-date"))
    return TemplateResponse(
        request,
        "projects/project_page.html",
        {
            **page.get_context(request),
            "project": original,
            "text": localized or original,
            "translated": localized is not None,
            "status": original.get_status_display(),
            "years": registry.totals_by_year([original]),
            "donors": registry.organisations(original, labels, lambda role: role == registry.DONOR, full=True),
            "partners": registry.organisations(original, labels, lambda role: role != registry.DONOR, full=True),
            "notes": notes,
            "documents": related_documents(
                request,
                HubDocument.objects.filter(projects=original),
                name=f"project-documents:{get_language()}:{original.pk}",
            ),
            "events": linked_events(original),
            "best_practices": linked_practices(original, page.locale),
            "proposal_form": form,
            "pending_proposals": ProposedUpdate.objects.filter(
                project=original, author=request.user, status=ProposedUpdate.Status.PENDING
            ).count()
            if proposing
            else 0,
        },
        status=400 if form is not None and form.errors else 200,
    )


def linked_events(project):
    linked = localized_events().filter(translation_key__in=project.events.values("translation_key"))
    return summaries(list(linked.prefetch_related("organisers").order_by("start")))


def linked_practices(project, locale):
    return list(
        BestPracticePage.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=project.best_practices.values("translation_key"))
        .order_by("title")
    )
