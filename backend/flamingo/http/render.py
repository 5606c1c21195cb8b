"""Answers rendered by their models: a view returns ``answer(SomeOut(...))``, never a dict built
by hand, so every body has the shape the OpenAPI document (generated from the same model) says."""

from __future__ import annotations

from flask import Response, current_app
from pydantic import BaseModel, ConfigDict


class Answer(BaseModel):
    """The base of an answer model: immutable, no field it does not declare, and every field
    required in its schema (a default is still written in every answer, so clients may rely on
    it)."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", json_schema_serialization_defaults_required=True
    )


def answer(model: BaseModel) -> Response:
    """The model as a JSON answer (Flask's JSON provider: the same bytes ``jsonify`` writes)."""
    response = current_app.json.response(model.model_dump(mode="json", by_alias=True))
    assert isinstance(response, Response)  # noqa: S101 - the app's response_class is Flask's
    return response
