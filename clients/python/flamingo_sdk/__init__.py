"""The hand-written layer over the generated ``flamingo_client`` package.

``Flamingo`` signs every request with an API token (``FLAMINGO_TOKEN`` by default), turns
problem answers into :class:`ApiError`, and walks cursor-paginated lists as iterators. For any
operation it does not wrap, use ``Flamingo.client`` with the generated ``flamingo_client.api``
modules directly.
"""

from flamingo_sdk.client import ApiError, Flamingo, MissingToken
from flamingo_sdk.pagination import paginate

__all__ = ["ApiError", "Flamingo", "MissingToken", "paginate"]
