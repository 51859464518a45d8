from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local administrator (password-free) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@leg.tj")

    def handle(self, *args, email, **options):
        User = get_user_model()
        user = User.objects.filter(email=email).first() or User(email=email)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_unusable_password()
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sign in at http://127.0.0.1:8000/en/accounts/login/ (or /admin/) with {email}: "
                "the sign-in code is printed here by the email worker."
            )
        )
