from .best_practices import BestPracticeIndexPage, BestPracticeKeyword, BestPracticePage
from .documents import HubDocument
from .images import HubImage, HubRendition
from .knowledge_hub import KnowledgeHubPage, SectorPage
from .news import NewsIndexPage, NewsPage, NewsTag
from .stakeholders import Stakeholder
from .taxonomy import ActionTrack, Country

__all__ = [
    "ActionTrack",
    "BestPracticeIndexPage",
    "BestPracticeKeyword",
    "BestPracticePage",
    "Country",
    "HubDocument",
    "HubImage",
    "HubRendition",
    "KnowledgeHubPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsTag",
    "SectorPage",
    "Stakeholder",
]
