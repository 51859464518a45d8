"""Serving files with their access rule checked: documents, document previews and restricted renditions.

Someone without the right gets 404 (the file's existence is not confirmed),
except a members-only document asked for by an anonymous visitor: 403 with a
way to sign in, and a document in a shared-password collection: the password
form, for anyone its access level otherwise admits. Files everyone may see are sent with public cache headers so
a CDN in front of the site can keep them; the rest are `private, no-store`.
With S3 the view redirects to a signed URL that expires within a minute.
"""

import mimetypes
import posixpath
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe
from django.views.static import serve as static_serve
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.images import get_image_model

from .access import can_view_document, can_view_image, is_openly_served, password_restriction_for
from .models import Access
from .storage import RESTRICTED_PREFIX

PUBLIC_MAX_AGE = 60 * 60  # an hour: a document made private drops out of CDN caches soon after
# A file opened on its own must never run script in our origin (an SVG, say).
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


class PasswordRequired(Exception):
    def __init__(self, restriction):
        self.restriction = restriction


def _check_document(request, document, ask_password=False):
    if can_view_document(request, document):
        return
    restriction = password_restriction_for(request, document) if ask_password else None
    if restriction is not None:
        raise PasswordRequired(restriction)
    if document.access == Access.MEMBERS and not request.user.is_authenticated:
        raise PermissionDenied("members only")
    raise Http404


def password_form(request, restriction):
    """Wagtail's own password step for a shared-password collection, in our page and our languages."""
    form = PasswordViewRestrictionForm(instance=restriction, initial={"return_url": request.get_full_path()})
    action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    response = TemplateResponse(
        request, settings.WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE, {"form": form, "action_url": action_url}
    )
    return _cache_headers(response, False)


def _cache_headers(response, openly):
    if openly:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _remote_redirect(field_file, **parameters):
    """A signed, expiring URL for files in object storage; None for local files."""
    try:
        field_file.storage.path(field_file.name)
    except NotImplementedError:
        url = field_file.storage.url(field_file.name, parameters=parameters, expire=settings.PRIVATE_URL_EXPIRE_SECONDS)
        return HttpResponseRedirect(url)
    return None


def _checked_document(request, document_id, ask_password=False):
    document = get_object_or_404(get_document_model(), pk=document_id)
    _check_document(request, document, ask_password)
    return document


def asks_for_password(view):
    """A document behind a shared password answers with the password form, not a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PasswordRequired as required:
            return password_form(request, required.restriction)

    return wrapper


def _send(field_file, content_type, openly):
    """A permitted file: a signed redirect when it is in object storage, else streamed from disk."""
    redirect = _remote_redirect(field_file)
    if redirect:
        return _cache_headers(redirect, False)
    return _cache_headers(FileResponse(field_file.open("rb"), content_type=content_type), openly)


@require_safe
@asks_for_password
def serve_document(request, document_id, document_filename):
    """Wagtail's document URL, with our access rule in place of Wagtail's collection-only check."""
    document = _checked_document(request, document_id, ask_password=True)
    if document.filename != document_filename:
        raise Http404
    document_served.send(sender=type(document), instance=document, request=request)
    openly = is_openly_served(document)
    redirect = _remote_redirect(document.file, ResponseContentDisposition=document.content_disposition)
    if redirect:
        return _cache_headers(redirect, False)
    etag = quote_etag(document.file_hash) if document.file_hash else None
    response = get_conditional_response(request, etag=etag) if etag else None
    if response is None:
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.filename,
            content_type=document.content_type,
        )
        if etag:
            response["ETag"] = etag
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return _cache_headers(response, openly)


@require_safe
def document_preview(request, document_id):
    document = _checked_document(request, document_id)
    if not document.preview:
        raise Http404
    return _send(document.preview, "image/webp", is_openly_served(document))


@require_safe
def restricted_rendition(request, path):
    name = RESTRICTED_PREFIX + posixpath.normpath(path).lstrip("/")
    rendition = get_image_model().get_rendition_model().objects.filter(file=name).select_related("image").first()
    if rendition is None or not can_view_image(request, rendition.image):
        raise Http404
    response = _send(rendition.file, mimetypes.guess_type(name)[0] or "application/octet-stream", openly=False)
    response["Content-Security-Policy"] = FILE_CSP
    return response


def public_media(request, path):
    """Public media in the embedded setup (SERVE_MEDIA_FILES); in production the web server or CDN serves them.

    Production web servers should send the same Content-Security-Policy for
    media (README, "Storage").
    """
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Security-Policy"] = FILE_CSP
    return response
