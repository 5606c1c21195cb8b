"""Answers rendered by their models: a view returns ``answer(SomeOut(...))``, never a dict built
by hand, so every body has the shape the OpenAPI document (generated from the same model) says."""

from __future__ import annotations

from flask import Response, current_app
from pydantic import BaseModel


def answer(model: BaseModel) -> Response:
    """The model as a JSON answer (Flask's JSON provider: the same bytes ``jsonify`` writes)."""
    response = current_app.json.response(model.model_dump(mode="json", by_alias=True))
    assert isinstance(response, Response)  # noqa: S101 - the app's response_class is Flask's
    return response
