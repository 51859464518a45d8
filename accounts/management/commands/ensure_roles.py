from django.core.management.base import BaseCommand

from accounts.roles import ROLE_NAMES, ensure_roles


class Command(BaseCommand):
    help = "Create the roles (member, editor, moderator, translator, administrator) or reset their permissions."

    def handle(self, *args, **options):
        ensure_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(ROLE_NAMES)}"))
