"""How a process dies of bad configuration: one line naming the setting, no traceback."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

CONFIG_EXIT_CODE = 78  # EX_CONFIG from sysexits.h: gunicorn does not restart on it


def exit_with(error: Exception) -> NoReturn:
    sys.stderr.write(f"{error}\n")
    sys.stderr.flush()
    # os._exit: no atexit handlers, no traceback from a server framework catching SystemExit.
    os._exit(CONFIG_EXIT_CODE)
