from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from hub.models import BestPracticeIndexPage, NewsIndexPage
from hub.synthetic import (
    create_best_practices,
    create_documents,
    create_events,
    create_news,
    create_organisations,
    delete_synthetic,
)
from projects.importing import import_file
from projects.models import Project
from projects.synthetic import PREFIX, iati_file


class Command(BaseCommand):
    help = (
        "Generate synthetic content for benchmarks, marked “[Synthetic]”: best practices, news, library documents, "
        "organisations, events (in one language a run) and registry projects (imported from an IATI file). "
        "Never part of the demo content; remove it all with --delete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--best-practices", type=int, default=5000, help="How many best practices (default 5000).")
        parser.add_argument("--news", type=int, default=2000, help="How many news items (default 2000).")
        parser.add_argument("--documents", type=int, default=0, help="How many library documents (default 0).")
        parser.add_argument("--organisations", type=int, default=0, help="How many directory organisations.")
        parser.add_argument("--events", type=int, default=0, help="How many events (default 0).")
        parser.add_argument("--projects", type=int, default=0, help="How many registry projects (default 0).")
        parser.add_argument("--language", default="en", help="The language of the pages, organisations and events.")
        parser.add_argument("--no-index", action="store_true", help="Skip updating the search index.")
        parser.add_argument("--delete", action="store_true", help="Delete all synthetic content instead.")

    def handle(self, *args, **options):
        if options["delete"]:
            Project.objects.filter(iati_identifier__startswith=PREFIX).delete()
            self.stdout.write(f"Deleted {delete_synthetic()} synthetic pages.")
            return
        locale = Locale.objects.filter(language_code=options["language"]).first()
        collection = BestPracticeIndexPage.objects.filter(locale=locale).first()
        news_index = NewsIndexPage.objects.filter(locale=locale).first()
        if collection is None or news_index is None:
            raise CommandError(
                "Load the demo content first (manage.py load_demo_content): there is nowhere to add pages."
            )
        practices = create_best_practices(collection, options["best_practices"])
        news = create_news(news_index, options["news"])
        documents = create_documents(options["documents"])
        organisations = create_organisations(locale, options["organisations"])
        events = create_events(locale, options["events"])
        projects = len(import_file(iati_file(options["projects"])).created) if options["projects"] else 0
        if not options["no_index"]:
            call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(practices)} synthetic best practices, {len(news)} news items, "
                f"{len(documents)} documents, {len(organisations)} organisations, {len(events)} events "
                f"and {projects} projects."
            )
        )
