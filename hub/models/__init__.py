"""Every model of the hub app, for Django and for the other apps; each is defined in its domain's package.

The domain packages never import from here: each imports the module that defines what it needs.
"""

from hub.best_practices.models import BestPracticeIndexPage, BestPracticeKeyword, BestPracticePage
from hub.directory.models import FocalPoint, Stakeholder
from hub.directory.pages import StakeholderDirectoryPage
from hub.documents.images import HubImage, HubRendition
from hub.documents.models import HubDocument
from hub.documents.pages import DocumentLibraryPage
from hub.events.models import ActionItem, Event, EventIndexPage, EventRegistration
from hub.knowledge_hub import KnowledgeHubPage, SectorPage
from hub.news.models import NewsIndexPage, NewsPage, NewsTag
from hub.taxonomy import ActionTrack, AreaOfWork, Country, Region

__all__ = [
    "ActionItem",
    "ActionTrack",
    "AreaOfWork",
    "BestPracticeIndexPage",
    "BestPracticeKeyword",
    "BestPracticePage",
    "Country",
    "DocumentLibraryPage",
    "Event",
    "EventIndexPage",
    "EventRegistration",
    "FocalPoint",
    "HubDocument",
    "HubImage",
    "HubRendition",
    "KnowledgeHubPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsTag",
    "Region",
    "SectorPage",
    "Stakeholder",
    "StakeholderDirectoryPage",
]
