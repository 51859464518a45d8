from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from hub.sitemaps import EventsSitemap, PagesSitemap, StakeholdersSitemap
from projects.sitemaps import ProjectsSitemap


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Render the error page in the request's language without touching the database.

    Django's default handler renders without the request, so the page could
    not say which language it is in; this one passes it, and the template
    stays free of queries because the database may be what failed.
    """
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"request": request}))


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    """A request Django refuses (a redirect too long to send, a forged host): our page, in the visitor's language."""
    return render(request, template_name, status=400)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: say why in the reader's language, and how to send it again.

    Django's own page is in English and renders without the request (so without our header); `reason` is
    for developers and is not shown.
    """
    return render(request, "403_csrf.html", status=403)


def sitemap(request):
    """All public pages of every language; the request decides the host the URLs carry."""
    response = django_sitemap(
        request,
        sitemaps={
            "pages": PagesSitemap(request),
            "stakeholders": StakeholdersSitemap(request),
            "events": EventsSitemap(request),
            "projects": ProjectsSitemap(request),
        },
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
