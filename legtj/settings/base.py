"""Settings shared by every environment, read from environment variables.

Every variable is listed in `.env.example`. Defaults give the embedded setup
(SQLite, local media files, console email, database search); production.py
removes the defaults that must never reach a server.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# OAuth / OpenID Connect providers, each switched on by its client id (see below).
SOCIALACCOUNT_APPS = [
    app
    for app, variable in (
        ("allauth.socialaccount.providers.google", "GOOGLE_CLIENT_ID"),
        ("allauth.socialaccount.providers.microsoft", "MICROSOFT_CLIENT_ID"),
        ("allauth.socialaccount.providers.openid_connect", "OIDC_CLIENT_ID"),
    )
    if env(variable)
]

INSTALLED_APPS = [
    "accounts",
    "home",
    "hub",
    "notifications",
    "projects",
    "search",
    "translations",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    *SOCIALACCOUNT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before any page machinery.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Kept pages are the finished answers, compressed and with every header the layers below add, so a kept
    # page costs a query and a cache read (see home.pagecache).
    "home.pagecache.PageCacheMiddleware",
    # Compression above the ETag, so the ETag is computed on the page itself (and made weak when compressed).
    "legtj.middleware.TextCompressionMiddleware",
    "legtj.middleware.PageETagMiddleware",
    "csp.middleware.CSPMiddleware",
    "legtj.middleware.AdminContentSecurityPolicyMiddleware",
    "legtj.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "legtj.middleware.NulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "legtj.middleware.PrivateForReadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.routing.RoutingMiddleware",
]

ROOT_URLCONF = "legtj.urls"
WSGI_APPLICATION = "legtj.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:5432/name); SQLite in the
# project folder when unset.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins, not halfway through:
    # no "database is locked" on upgrade, and counts read in a transaction
    # (event places) stay true until it commits.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Whole pages for anonymous readers (home.pagecache), never served after the content changes.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# A CDN in front, purged on every change (home.cdn): FRONTEND_CACHE=cloudflare (CLOUDFLARE_BEARER_TOKEN,
# CLOUDFLARE_ZONE_ID), cloudfront (CLOUDFRONT_DISTRIBUTION_ID; AWS credentials as boto3 finds them) or http, a
# cache that takes PURGE requests such as Varnish (FRONTEND_CACHE_LOCATION=http://varnish:6081). It then keeps
# public pages CDN_MAX_AGE seconds (s-maxage) between purges; without one, every answer is revalidated.
_frontend_caches = {
    "cloudflare": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    },
    "cloudfront": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    },
    "http": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_LOCATION"],
    },
}
if env("FRONTEND_CACHE"):
    if env("FRONTEND_CACHE") not in _frontend_caches:
        raise RuntimeError(
            f"FRONTEND_CACHE must be one of {', '.join(_frontend_caches)}, not {env('FRONTEND_CACHE')!r}."
        )
    WAGTAILFRONTENDCACHE = {"cdn": _frontend_caches[env("FRONTEND_CACHE")]()}
# Not each address again under every language prefix: home.cdn names each translation by its own address.
WAGTAILFRONTENDCACHE_LANGUAGES = []
CDN_MAX_AGE = int(env("CDN_MAX_AGE", "300"))
# An open page asks this often whether it has changed (js/site.js; a 304 of a few hundred bytes while it has not).
FRESHNESS_POLL_SECONDS = int(env("FRESHNESS_POLL_SECONDS", "60"))

# Cache: CACHE_URL redis://host:6379/0; per-process memory when unset. With
# Redis away, pages are served from the database (legtj.cache); a Redis that
# does not answer within CACHE_TIMEOUT_SECONDS counts as away.
_cache_url = env("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    _cache_timeout = float(env("CACHE_TIMEOUT_SECONDS", "0.5"))
    CACHES = {
        "default": {
            "BACKEND": "legtj.cache.ResilientRedisCache",
            "LOCATION": _cache_url,
            "OPTIONS": {"socket_connect_timeout": _cache_timeout, "socket_timeout": _cache_timeout},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

# Accounts (django-allauth): nobody has a password. People sign in with a
# one-time code sent to their address, or with an OAuth / OpenID Connect
# provider that vouches for that address. Accounts exist only by invitation.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # the code itself proves the address
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # subjects name LEG.TJ themselves
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_FORMS = {"request_login_code": "accounts.forms.SignInForm"}
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60  # a code works once, for ten minutes
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3  # then a new code must be requested
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = True
# Abuse limits, counted in the cache (Redis in production, shared by every process):
# at most 10 codes an hour to one address and 30 an hour from one IP address;
# 5 wrong codes per address in 5 minutes, 10 a minute per IP.
ACCOUNT_RATE_LIMITS = {
    "request_login_code": "30/h/ip,10/h/key",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
}
# Behind a reverse proxy every request comes from the proxy's address, and
# all visitors would share one IP budget. Name how the proxy passes the
# visitor's address: TRUSTED_PROXY_COUNT proxies that each append to
# X-Forwarded-For, or a header only the proxy sets (TRUSTED_CLIENT_IP_HEADER,
# e.g. X-Real-IP). Never trust either without a proxy that overwrites them.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER") or None
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True  # a provider's verified address signs in its invited account
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "APPS": [{"client_id": env("GOOGLE_CLIENT_ID", ""), "secret": env("GOOGLE_CLIENT_SECRET", "")}],
        "SCOPE": ["openid", "email", "profile"],
        "EMAIL_AUTHENTICATION": True,
    },
    "microsoft": {
        "APPS": [
            {
                "client_id": env("MICROSOFT_CLIENT_ID", ""),
                "secret": env("MICROSOFT_CLIENT_SECRET", ""),
                "settings": {"tenant": env("MICROSOFT_TENANT", "organizations")},
            }
        ],
    },
    "openid_connect": {
        "APPS": [
            {
                "provider_id": env("OIDC_PROVIDER_ID", "oidc"),
                "name": env("OIDC_PROVIDER_NAME", "Single sign-on"),
                "client_id": env("OIDC_CLIENT_ID", ""),
                "secret": env("OIDC_CLIENT_SECRET", ""),
                "settings": {"server_url": env("OIDC_SERVER_URL", "")},
            }
        ],
    },
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Wagtail's content locales and Django's interface languages are the
# same three, so a page, its URL prefix and its interface strings always agree.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("tg", _("Tajik")),
]
# Names each language shows for itself in the switcher.
LANGUAGE_NATIVE_NAMES = {"en": "English", "ru": "Русский", "tg": "Тоҷикӣ"}
# On a phone: each is the start of the full name, which screen readers hear.
LANGUAGE_SHORT_NAMES = {"en": "Eng", "ru": "Рус", "tg": "Тоҷ"}
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
# The project's catalog first; then ours for the packages that ship no Tajik (see translations/catalogs.py).
PACKAGE_CATALOGS = ("wagtail", "wagtail_localize", "allauth")
LOCALE_PATHS = [BASE_DIR / "locale", *(BASE_DIR / "locale" / "packages" / package for package in PACKAGE_CATALOGS)]
FORMAT_MODULE_PATH = ["legtj.formats"]
TIME_ZONE = "Asia/Dushanbe"
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: hashed names and pre-compressed (gzip + brotli) copies,
# served by WhiteNoise with far-future cache headers.
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = env("STATIC_URL", "/static/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = env("MEDIA_URL", "/media/")
SERVE_MEDIA_FILES = env_bool("SERVE_MEDIA_FILES")
# Documents, original images and restricted renditions: never under MEDIA_URL,
# served only through permission-checked views (see hub/documents/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))

STORAGES = {
    "default": {"BACKEND": "hub.documents.storage.RoutedStorage"},
    "public": {"BACKEND": "hub.documents.storage.AtomicFileSystemStorage"},
    "private": {"BACKEND": "hub.documents.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible object storage when a bucket is named: public renditions under
# media/ (served through the CDN domain when AWS_S3_CUSTOM_DOMAIN is set),
# private files under private/ and only ever handed out as signed URLs that
# expire after PRIVATE_URL_EXPIRE_SECONDS.
PRIVATE_URL_EXPIRE_SECONDS = int(env("PRIVATE_URL_EXPIRE_SECONDS", "60"))
if env("AWS_STORAGE_BUCKET_NAME"):
    _s3 = {
        "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
        "region_name": env("AWS_S3_REGION_NAME"),
        "default_acl": None,
        "file_overwrite": False,
    }
    STORAGES["public"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "media",
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": PRIVATE_URL_EXPIRE_SECONDS,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email goes through Django's mail API: any django-anymail ESP or SMTP is a
# matter of EMAIL_BACKEND plus its ANYMAIL_* credentials.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "LEG.TJ <noreply@leg.tj>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Where readers write to the LEG secretariat: the footer, the privacy notice and the accessibility statement.
CONTACT_EMAIL = env("CONTACT_EMAIL", "secretariat@leg.tj")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# A mail server that accepts the connection and never answers must not hold the worker (and every
# sign-in code behind it): each send gives up after this long, well inside the send lease
# (notifications.checks says so at start). ESPs' HTTP APIs get the same limit.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT_SECONDS", "30"))
ANYMAIL = {key.removeprefix("ANYMAIL_"): value for key, value in os.environ.items() if key.startswith("ANYMAIL_")}
ANYMAIL["REQUESTS_TIMEOUT"] = float(ANYMAIL.get("REQUESTS_TIMEOUT", EMAIL_TIMEOUT))
# The outbox (notifications app): every email is recorded first, then sent by
# `manage.py send_notifications`. A send not confirmed within the lease is
# reconciled: confirmed by the provider's webhook, or tried again.
NOTIFICATIONS_SEND_LEASE_SECONDS = int(env("NOTIFICATIONS_SEND_LEASE_SECONDS", "300"))
NOTIFICATIONS_MAX_ATTEMPTS = int(env("NOTIFICATIONS_MAX_ATTEMPTS", "8"))

# Background work (search index updates, later email): in-process by default,
# a database-backed queue with `manage.py db_worker` when TASKS_BACKEND=database.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env("TASKS_BACKEND") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Search: Wagtail's database backend (SQLite FTS5 / PostgreSQL full text) by
# default; OpenSearch 3 when OPENSEARCH_URL is set (the scale-out engine CI
# tests live), Elasticsearch 9 when ELASTICSEARCH_URL is. The two share
# Wagtail's mapping and query code; only the client differs.
_search_engines = {
    "OPENSEARCH_URL": "search.backends.OpenSearchBackend",
    "ELASTICSEARCH_URL": "search.backends.ElasticsearchBackend",
}
_search_engine = next((name for name in _search_engines if env(name)), None)
if _search_engine:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": _search_engines[_search_engine],
            "URLS": [env(_search_engine)],
            "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", "legtj_"),
            "TIMEOUT": int(env("SEARCH_TIMEOUT_SECONDS", "10")),
            "REFRESH_ON_WRITE": env_bool("SEARCH_REFRESH_ON_WRITE"),
        }
    }
else:
    # "simple": words as they are. The site stems them itself, the same way on every backend (search.analysis);
    # PostgreSQL's default configuration would stem everything a second time, as English.
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}

# Wagtail
WAGTAIL_SITE_NAME = "LEG.TJ"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "hub.HubImage"
WAGTAILDOCS_DOCUMENT_MODEL = "hub.HubDocument"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "hub.documents.admin_forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env("DOCUMENT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "hub.documents.admin_forms.DocumentForm"
# Documents always pass through Django so access rules are checked (hub.documents.media),
# and always as downloads: no PDF or text is rendered inline on our origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Shared-password pages and documents ask for the password in the site's own page and languages.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 (a template's name)
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "hub/documents/password_required.html"  # noqa: S105
# The admin signs in through the same password-free flow as the site.
WAGTAILADMIN_LOGIN_URL = "login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES


def machine_translator():
    """A machine translation provider for translators' first drafts, from the environment; None offers none.

    DeepL (DEEPL_AUTH_KEY) has Russian but no Tajik; Google Cloud Translation
    (GOOGLE_CLOUD_PROJECT_ID, with the google-cloud-translate package and
    GOOGLE_APPLICATION_CREDENTIALS) has both.
    """
    if env("DEEPL_AUTH_KEY"):
        provider, languages = "deepl.DeepLTranslator", ["ru"]
        options = {"AUTH_KEY": env("DEEPL_AUTH_KEY"), "TIMEOUT": 20}
    elif env("GOOGLE_CLOUD_PROJECT_ID"):
        provider, languages = "google.GoogleCloudTranslator", ["ru", "tg"]
        options = {
            "PROJECT_ID": env("GOOGLE_CLOUD_PROJECT_ID"),
            "CREDENTIALS_PATH": env("GOOGLE_APPLICATION_CREDENTIALS"),
        }
    else:
        return None
    return {
        "CLASS": "translations.machine.FirstDraft",
        "OPTIONS": {
            "PROVIDER": f"wagtail_localize.machine_translators.{provider}",
            "LANGUAGES": languages,
            "OPTIONS": options,
        },
    }


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator()
# A requested translation starts as a draft, even of a live page: otherwise wagtail-localize publishes the
# English copy under /ru/ or /tg/ at once (marked as Russian or Tajik), and publishes it after the commit from a
# stale copy, which resets the child count of a section translated with its subtree (its pages answer 404).
# Until a moderator approves the translation, readers get the English with a notice (home.routing).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Security headers that hold in every environment; production.py adds the
# HTTPS-only ones.
CSRF_FAILURE_VIEW = "legtj.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# The theme script runs in <head> before first paint (no flash of the wrong
# theme). It is inlined, so the policy allows exactly its hash: no nonce, so
# pages stay cacheable.
THEME_INIT_SCRIPT = (PROJECT_DIR / "static" / "js" / "theme-init.js").read_text().strip()
_theme_hash = base64.b64encode(hashlib.sha256(THEME_INIT_SCRIPT.encode()).digest()).decode()
_media_origin = env("MEDIA_ORIGIN")  # e.g. https://cdn.leg.tj when media sits behind a CDN
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin relies on inline scripts and styles; the public site does not.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],  # ADMIN_CONTENT_SECURITY_POLICY below
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, f"'sha256-{_theme_hash}'"],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_media_origin] if _media_origin else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The admin (legtj.middleware.AdminContentSecurityPolicyMiddleware): the strictest
# policy Wagtail's admin works with. Its date, time and inline-panel widgets
# write inline scripts, and its templates inline styles; everything else is
# this origin. Avatars are not fetched from Gravatar.
ADMIN_CSP_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:" + (f" {_media_origin}" if _media_origin else ""),
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
WAGTAIL_GRAVATAR_PROVIDER_URL = None
