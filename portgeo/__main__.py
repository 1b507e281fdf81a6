"""Allow ``python -m portgeo``."""

import sys

from portgeo.cli import main

sys.exit(main())
