"""A user of the compose stack, through the frontend container only (as a browser would)."""

from __future__ import annotations

from typing import Any

import requests

PASSWORD = "containers test password 1"


class User:
    def __init__(self, base: str, email: str) -> None:
        self.base = base
        self.email = email
        self.http = requests.Session()

    def _csrf(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.http.cookies.get("flamingo_csrf") or ""}

    def login(self) -> None:
        answer = self.http.post(
            f"{self.base}/api/v1/auth/login",
            json={"email": self.email, "password": PASSWORD},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text

    def me(self) -> int:
        return self.http.get(f"{self.base}/api/v1/me", timeout=10).status_code

    def create_link(self, target: str) -> dict[str, Any]:
        answer = self.http.post(
            f"{self.base}/api/v1/links", json={"target": target}, headers=self._csrf(), timeout=30
        )
        assert answer.status_code == 201, answer.text
        link: dict[str, Any] = answer.json()
        return link

    def click(self, code: str) -> str:
        """Follows the short link once (as a visitor: no cookies); returns where it leads."""
        answer = requests.get(f"{self.base}/{code}", allow_redirects=False, timeout=10)
        assert answer.status_code in (301, 302, 307, 308), (answer.status_code, answer.text[:300])
        return str(answer.headers["Location"])

    def total_clicks(self, link_id: str) -> int:
        answer = self.http.get(f"{self.base}/api/v1/links/{link_id}/stats", timeout=10)
        assert answer.status_code == 200, answer.text
        return int(answer.json()["totals"]["total"])
