"""Reading a request into a pydantic model: the one way views parse bodies and query strings.

Errors need no handling here: a body that is not JSON is 415, one that does not parse is 400
(``FlamingoRequest``), and an invalid one raises ``ValidationError`` → 422 with field errors
(:func:`flamingo.core.problems.validation_problem`).
"""

from __future__ import annotations

from typing import TypeVar

from flask import request
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def json_body(model: type[M]) -> M:
    """The JSON body as ``model``: 415 without JSON, 400 when it does not parse, 422 if invalid."""
    return model.model_validate(request.get_json())


def query(model: type[M]) -> M:
    """The query string as ``model`` (the models ignore unknown parameters)."""
    return model.model_validate(request.args.to_dict())
