"""django-allauth's own words on the sign-in pages, so they reach our catalogs.

allauth ships Russian but no Tajik. `makemessages` reads this module, so these
msgids get translations in locale/tg (and ours in locale/ru); at run time our
catalogs take precedence over allauth's, so the same words show in all three.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = [
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Code"),
    gettext_noop("Incorrect code."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("This account is inactive."),
]
