"""Reading a request into a pydantic model: the one way views parse bodies and query strings.

Errors need no handling here: a body that is not JSON is 415, one that does not parse is 400
(:class:`JsonRequest`), and an invalid one raises ``ValidationError`` → 422 with field errors
(:func:`flamingo.core.problems.validation_problem`).

**Depth.** Python's JSON parser, pydantic and the BSON encoder all recurse once per nesting level,
so 1,000 nested arrays would be a ``RecursionError`` (a 500) in whichever of them comes first. No
body of this API nests deeper than a handful of levels, so :class:`JsonRequest` refuses one deeper
than :data:`MAX_JSON_DEPTH` as 400 ``json-too-deep`` *before* anything parses it, for every
endpoint, signed in or not (the rate limiter's key function reads bodies too).
"""

from __future__ import annotations

import re
from typing import Any, Final, NoReturn, TypeVar

from flask import Request, request
from pydantic import BaseModel

from flamingo.core.problems import Problem

M = TypeVar("M", bound=BaseModel)

MAX_JSON_DEPTH: Final = 32
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)  # brackets inside strings do not nest
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENS = frozenset(b"[{")


def json_depth_exceeds(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text ``data`` nests arrays/objects deeper than ``limit`` (linear, no
    recursion; an unbalanced text counts its unclosed levels)."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    if len(brackets) <= limit:
        return False  # too few brackets to nest deeper: the common case costs no loop
    depth = 0
    for byte in brackets:
        if byte in _OPENS:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class JsonRequest(Request):
    """Flask's request with our problems for bodies that are not JSON, broken or too deep."""

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        if (force or self.is_json) and json_depth_exceeds(self.get_data(cache=True)):
            if silent:
                return None
            raise Problem(
                400,
                "json-too-deep",
                f"the JSON body nests deeper than {MAX_JSON_DEPTH} levels",
            )
        return super().get_json(force=force, silent=silent, cache=cache)

    def on_json_loading_failed(self, e: ValueError | None) -> NoReturn:
        if e is None:  # the body was not declared as JSON
            raise Problem(415, "unsupported-media-type", "send the body as application/json")
        raise Problem(400, "malformed-json", "the request body is not valid JSON")


def json_body(model: type[M]) -> M:
    """The JSON body as ``model``: 415 without JSON, 400 when it does not parse or nests too
    deep, 422 if invalid."""
    return model.model_validate(request.get_json())


def query(model: type[M]) -> M:
    """The query string as ``model`` (the models ignore unknown parameters)."""
    return model.model_validate(request.args.to_dict())
