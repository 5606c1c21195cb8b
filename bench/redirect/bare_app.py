"""The baseline: a bare Flask app answering every ``/<code>`` with a constant 302."""

from __future__ import annotations

from flask import Flask, Response

app = Flask(__name__)


@app.get("/<code>")
def follow(code: str) -> Response:
    return Response(status=302, headers={"Location": "https://example.com/landing"})
