from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from home import pagecache
from hub.models import BestPracticeIndexPage, NewsIndexPage
from hub.synthetic import create_best_practices, create_documents, create_news, delete_synthetic


class Command(BaseCommand):
    help = (
        "Generate synthetic best practices and news for benchmarks, marked “[Synthetic]”. "
        "Never part of the demo content; remove them with --delete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--best-practices", type=int, default=5000, help="How many best practices (default 5000).")
        parser.add_argument("--news", type=int, default=2000, help="How many news items (default 2000).")
        parser.add_argument("--documents", type=int, default=0, help="How many library documents (default 0).")
        parser.add_argument("--language", default="en", help="Locale of the collection and news index to fill.")
        parser.add_argument("--no-index", action="store_true", help="Skip updating the search index.")
        parser.add_argument("--delete", action="store_true", help="Delete all synthetic pages instead.")

    def handle(self, *args, **options):
        if options["delete"]:
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
        pagecache.changed()  # rows made in bulk send no signals
        if not options["no_index"]:
            call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(practices)} synthetic best practices, {len(news)} news items "
                f"and {len(documents)} documents."
            )
        )
