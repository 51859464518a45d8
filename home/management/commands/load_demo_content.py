from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import ensure_roles
from home.demo import load_home_page
from hub.demo import load_hub, load_vocabularies


class Command(BaseCommand):
    help = "Load the demo content in English, Russian and Tajik. Safe to run again: it updates what is there."

    def handle(self, *args, **options):
        with transaction.atomic():
            # The home page's stakeholders section links the directory's rows.
            load_vocabularies()
            home = load_home_page()
            load_hub(home)
            # Translators' rights hang on each language's home page, which exists only now.
            ensure_roles()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {home.title} in en, ru, tg."))
