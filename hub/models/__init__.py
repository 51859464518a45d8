from .best_practices import BestPracticeIndexPage, BestPracticeKeyword, BestPracticePage
from .directory import StakeholderDirectoryPage
from .documents import HubDocument
from .events import ActionItem, Event, EventIndexPage, EventRegistration
from .images import HubImage, HubRendition
from .knowledge_hub import KnowledgeHubPage, SectorPage
from .library import DocumentLibraryPage
from .news import NewsIndexPage, NewsPage, NewsTag
from .stakeholders import AreaOfWork, FocalPoint, Region, Stakeholder
from .taxonomy import ActionTrack, Country

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
