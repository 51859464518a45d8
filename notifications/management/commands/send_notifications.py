import logging
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone

from accounts.audit import forget_old_sign_ins
from notifications import outbox, publishing

logger = logging.getLogger(__name__)

MAX_OUTAGE_WAIT = 30.0  # seconds between reconnection attempts, at most


class Command(BaseCommand):
    help = (
        "Send the outbox: due emails, retries with back-off, reminders and weekly digests "
        "(and forget sign-ins older than a year). Runs until stopped; survives database outages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit (for cron or tests).")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between passes when idle.")

    def handle(self, *args, once, interval, **options):
        self.last_schedule = None
        outage_wait = interval
        while True:
            try:
                sent = self.run_pass()
            except (OperationalError, InterfaceError) as error:
                # The database restarted, failed over or killed this connection. Rows this pass had
                # claimed stay `sending` and are settled by `reconcile` once their lease expires.
                if once:
                    raise
                logger.warning("Database unavailable (%s); retrying in %.0f s", error, outage_wait)
                self.drop_connections()
                time.sleep(outage_wait)
                outage_wait = min(outage_wait * 2, MAX_OUTAGE_WAIT)
                continue
            outage_wait = interval
            if sent:
                self.stdout.write(f"{timezone.localtime():%H:%M:%S} sent {sent}")
            if once:
                return
            if not sent:
                time.sleep(interval)

    def run_pass(self):
        now = timezone.now()
        # Reminders and digests are recorded every five minutes; their keys make repeats harmless.
        if self.last_schedule is None or (now - self.last_schedule).total_seconds() >= 300:
            publishing.record_reminders(now)
            publishing.record_digests(now)
            forget_old_sign_ins(now)
            self.last_schedule = now
        return outbox.deliver_due(now)

    @staticmethod
    def drop_connections():
        """Forget the broken connections; the next query opens a new one."""
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except (OperationalError, InterfaceError):
                connection.connection = None
