import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.audit import forget_old_sign_ins
from notifications import outbox, publishing


class Command(BaseCommand):
    help = (
        "Send the outbox: due emails, retries with back-off, reminders and weekly digests "
        "(and forget sign-ins older than a year). Runs until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit (for cron or tests).")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between passes when idle.")

    def handle(self, *args, once, interval, **options):
        last_schedule = None
        while True:
            now = timezone.now()
            # Reminders and digests are recorded every five minutes; their keys make repeats harmless.
            if last_schedule is None or (now - last_schedule).total_seconds() >= 300:
                publishing.record_reminders(now)
                publishing.record_digests(now)
                forget_old_sign_ins(now)
                last_schedule = now
            sent = outbox.deliver_due(now)
            if sent:
                self.stdout.write(f"{timezone.localtime():%H:%M:%S} sent {sent}")
            if once:
                return
            if not sent:
                time.sleep(interval)
