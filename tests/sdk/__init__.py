"""The Python SDK (clients/python): generated package, CSV reader, both against a live server."""
