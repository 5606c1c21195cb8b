"""Flamingo: a link shortener with click analytics. The app factory is ``flamingo.app.create_app``.

Kept import-free on purpose: the gunicorn config must set ``PROMETHEUS_MULTIPROC_DIR`` before
anything imports ``prometheus_client``.
"""
