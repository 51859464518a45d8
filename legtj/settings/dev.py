"""Local development: the embedded default, never for a server."""

import contextlib

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SERVE_MEDIA_FILES = True
# A template edited shows at once; DEBUG=false serves as production does, kept pages included.
PAGE_CACHE = env_bool("PAGE_CACHE", not DEBUG)
SECRET_KEY = env("SECRET_KEY", "django-insecure-dev-only-key-do-not-deploy")

# runserver serves static files itself; the manifest needs collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
