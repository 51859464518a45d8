from .documents import HubDocument
from .images import HubImage, HubRendition

__all__ = ["HubDocument", "HubImage", "HubRendition"]
