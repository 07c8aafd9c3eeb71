from __future__ import annotations

import sys

from nesy.cli import main

sys.exit(main())
