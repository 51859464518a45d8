"""Views behind the best-practice collection's routes: the filtered collection, the submission form, submissions."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from home.pagecache import remembered
from home.untranslated import children_with_untranslated
from hub.pagination import kept_cards, paginate

from .filters import BestPracticeFilter, tag_cards
from .forms import BestPracticeSubmissionForm
from .models import BestPracticePage
from .workflows import ensure_submission_workflow

PAGE_SIZE = 20
LISTED_FIELDS = (
    *("title", "url_path", "path", "depth", "locale_id", "first_published_at", "search_description"),
    "what_makes_it_best",
)


def best_practice_collection(request, index):
    pages = children_with_untranslated(BestPracticePage.objects.live().public(), index)
    filters = BestPracticeFilter(
        pages, request.GET, remember=lambda name, compute: remembered(request, f"collection:{index.pk}:{name}", compute)
    )
    listed = paginate(
        request,
        filters.results(),
        PAGE_SIZE,
        remember=lambda name, compute: filters.remember(f"{name}-{filters.sort}", compute),
        rows=kept_cards(
            request,
            f"practice:{index.pk}",
            BestPracticePage.objects.live()
            .only(*LISTED_FIELDS)
            .prefetch_related("action_tracks", "countries", "organisations"),
            "hub/best_practices/card.html",
            {"page": index},
            prepare=tag_cards,
        ),
    )
    # Whole vocabularies, kept: a facet at 20,000 practices names a thousand organisations.
    facets = filters.facets(labels=lambda model: model.kept_labels(request))
    return TemplateResponse(
        request,
        "hub/best_practices/best_practice_index_page.html",
        {
            **index.get_context(request),
            "results": listed,
            "facets": facets,
            "filters": filters,
            "active_filters": [facet for facet in facets if facet.selected_label],
            "sort_options": filters.sort_options(),
        },
    )


def _own_submission(request, index, page_id):
    page = get_object_or_404(BestPracticePage, pk=page_id, owner=request.user)
    state = page.current_workflow_state
    if page.live or (state and state.status != WorkflowState.STATUS_NEEDS_CHANGES):
        # Only a draft or a practice sent back for changes is the submitter's to edit.
        raise Http404
    return page.get_latest_revision_as_object(), state


def unique_slug(parent, title):
    base = slugify(title, allow_unicode=True)[:70] or "best-practice"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def submit_best_practice(request, index, page_id=None):
    """Partners submit a best practice: it becomes a draft page in the editors' moderation workflow."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page, state = _own_submission(request, index, page_id) if page_id else (None, None)
    locale = page.locale if page else index.locale
    if request.method == "POST":
        form = BestPracticeSubmissionForm(request.POST, locale=locale)
        if form.is_valid():
            with transaction.atomic():
                if page is None:
                    page = BestPracticePage(owner=request.user, locale=index.locale, live=False)
                    form.apply_to(page)
                    page.slug = unique_slug(index, page.title)
                    index.add_child(instance=page)
                    page.save_revision(user=request.user, log_action=True)
                    ensure_submission_workflow(index).start(page, request.user)
                else:
                    form.apply_to(page)
                    page.save_revision(user=request.user, log_action=True)
                    if state:
                        state.resume(request.user)
                    else:
                        # A draft whose review was cancelled goes back into review.
                        ensure_submission_workflow(index).start(page, request.user)
            messages.success(
                request,
                _("Thank you. “%(title)s” was sent to the editors for review.") % {"title": page.title},
            )
            return redirect(index.url + index.reverse_subpage("submissions"))
    else:
        initial = BestPracticeSubmissionForm.initial_from_page(page) if page else None
        form = BestPracticeSubmissionForm(initial=initial, locale=locale)
    return TemplateResponse(
        request,
        "hub/best_practices/best_practice_submit.html",
        {**index.get_context(request), "form": form, "editing": page},
    )


def my_submissions(request, index):
    """What the signed-in partner submitted, with where each stands in review."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    pages = list(
        BestPracticePage.objects.filter(owner=request.user)
        .select_related("locale")
        .order_by("-latest_revision_created_at")
    )
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(BestPracticePage._meta.get_parent_list()[-1]),
        object_id__in=[str(page.pk) for page in pages],
    ).order_by("created_at")
    latest = {state.object_id: state for state in states}
    comments = {
        str(task.workflow_state.object_id): task.comment
        for task in TaskState.objects.filter(workflow_state__in=latest.values(), status=TaskState.STATUS_REJECTED)
        .select_related("workflow_state")
        .order_by("finished_at")
    }
    rows = []
    for page in pages:
        state = latest.get(str(page.pk))
        if page.live:
            status, label = "published", _("Published")
        elif state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            status, label = "changes", _("Changes requested")
        elif state and state.status == WorkflowState.STATUS_IN_PROGRESS:
            status, label = "review", _("Awaiting review")
        else:
            status, label = "draft", _("Draft")
        rows.append(
            {
                "page": page,
                "status": status,
                "label": label,
                "comment": comments.get(str(page.pk), "") if status == "changes" else "",
                "edit_url": index.url + index.reverse_subpage("edit_submission", args=[page.pk])
                if status in ("changes", "draft")
                else "",
            }
        )
    return TemplateResponse(
        request, "hub/best_practices/best_practice_submissions.html", {**index.get_context(request), "rows": rows}
    )
