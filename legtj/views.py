from django.conf import settings
from django.contrib.sitemaps.views import index as django_sitemap_index
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.csrf import requires_csrf_token

from hub.sitemaps import EventsSitemap, PagesSitemap, StakeholdersSitemap, urlset_xml
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


SITEMAPS = {
    "pages": PagesSitemap,
    "stakeholders": StakeholdersSitemap,
    "events": EventsSitemap,
    "projects": ProjectsSitemap,
}


def robots_txt(request):
    """For crawlers: where the sitemap is, and what is no use to index (the admin, sign-in, searches)."""
    kept_out = ["/admin/"] + [f"/{code}/{part}/" for code, _ in settings.LANGUAGES for part in ("accounts", "search")]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in kept_out)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def sitemap_index(request):
    """sitemap.xml: the sections and their pages, so that no one answer has to list the whole site."""
    sitemaps = {section: sitemap(request) for section, sitemap in SITEMAPS.items()}
    response = django_sitemap_index(request, sitemaps=sitemaps, sitemap_url_name="sitemap_section")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def sitemap_section(request, section):
    """One section's public pages in every language (`?p=2` for its second thousand); the request names the host."""
    if section not in SITEMAPS:
        raise Http404
    sitemap = SITEMAPS[section](request)
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404 from None
    # Django's sitemap view, written without its template (see urlset_xml): the same headers.
    response = HttpResponse(urlset_xml(urls), content_type="application/xml")
    if latest := getattr(sitemap, "latest_lastmod", None):  # set by get_urls when its items have a lastmod
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    response["Cache-Control"] = "public, max-age=3600"
    return response
