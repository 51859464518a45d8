"""Django's and Wagtail's own words on our public pages that their catalogs get wrong or lack in Tajik.

`makemessages` reads this module, so these msgids get translations in
locale/ru and locale/tg, and our catalogs take precedence at run time.
Django abbreviates both Tuesday (Сешанбе) and Sunday (Якшанбе) as "Яш";
Wagtail ships no Tajik for its shared-password form. (allauth's words are
in accounts/allauth_strings.py.)
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [gettext_noop("Tue"), gettext_noop("Sun")]
WAGTAIL_STRINGS = [
    gettext_noop("Password"),
    gettext_noop("The password you have entered is not correct. Please try again."),
]
