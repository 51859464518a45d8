"""The admin of the shared vocabularies (Action Tracks, countries, areas of work, regions), as snippets."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .taxonomy import ActionTrack, AreaOfWork, Country, Region


class VocabularyViewSet(SnippetViewSet):
    list_filter = ["locale"]
    copy_view_enabled = False


class ActionTrackViewSet(VocabularyViewSet):
    model = ActionTrack
    icon = "tag"
    list_display = ["number", "title", "locale"]


class NamedVocabularyViewSet(VocabularyViewSet):
    list_display = ["name", "code", "locale"]


class CountryViewSet(NamedVocabularyViewSet):
    model = Country
    icon = "site"


class AreaOfWorkViewSet(NamedVocabularyViewSet):
    model = AreaOfWork
    icon = "list-ul"


class RegionViewSet(NamedVocabularyViewSet):
    model = Region
    icon = "site"
