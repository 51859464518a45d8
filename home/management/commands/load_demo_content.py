from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import ensure_roles
from hub.demo import load_demo
from projects.demo import load_projects


class Command(BaseCommand):
    help = "Load the demo content in English, Russian and Tajik. Safe to run again: it updates what is there."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = load_demo()
            load_projects(home)
            # Translators' rights hang on each language's home page, which exists only now.
            ensure_roles()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {home.title} in en, ru, tg."))
