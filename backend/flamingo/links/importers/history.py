"""What an imported link keeps of its life at the source: when it was made and how often it was
visited there. :meth:`LinkService.create` stores it (``created_at``, ``clicks_imported``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class History:
    created_at: datetime | None = None  # None: the import's time
    clicks: int = 0  # the source's visit count

    def fields(self) -> dict[str, Any]:
        """The link document's fields: the imported visits also start ``clicks_total`` (the
        lists' total and their "most clicked" order count them; the click worker adds ours)."""
        fields: dict[str, Any] = {"clicks_imported": self.clicks, "clicks_total": self.clicks}
        if self.created_at is not None:
            fields["created_at"] = self.created_at
        return fields
