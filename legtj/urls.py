from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from hub.documents import media
from search import views as search_views

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Every file passes its access check first (hub.documents.media); then Wagtail's own views.
    path("documents/<int:document_id>/preview.webp", media.document_preview, name="document_preview"),
    path("documents/<int:document_id>/<str:document_filename>", media.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("images/restricted/<path:path>", media.restricted_rendition, name="restricted_rendition"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
]

if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    # The provider's event webhook confirms sends (notifications.signal_handlers); basic auth by the secret.
    urlpatterns.append(path("anymail/", include("anymail.urls")))

if settings.SERVE_MEDIA_FILES:
    # Local media for the embedded setup and tests; a server or CDN serves them in production.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", media.public_media),
    )

# Every public URL carries its language (/en/, /ru/, /tg/); a bare path is
# redirected by LocaleMiddleware to the visitor's best language.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("accessibility/", TemplateView.as_view(template_name="accessibility.html"), name="accessibility"),
    path("styleguide/", home_views.styleguide, name="styleguide"),
    path("accounts/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = views.bad_request
handler500 = views.server_error
