"""``python -m matchplan``: see matchplan.cli."""

import sys

from matchplan.cli import main

sys.exit(main())
