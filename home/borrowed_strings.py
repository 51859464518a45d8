"""Django's own words that its Tajik catalog gets wrong, so our catalog (which takes precedence) corrects them.

Django abbreviates both Tuesday (Сешанбе) and Sunday (Якшанбе) as "Яш",
which makes the calendar's week ambiguous.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [gettext_noop("Tue"), gettext_noop("Sun")]
