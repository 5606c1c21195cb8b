"""``python -m flamingo_sdk`` is ``flamingo-client``."""

import sys

from flamingo_sdk.cli import main

sys.exit(main())
