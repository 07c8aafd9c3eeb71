"""The machine and date stamp every benchmark result carries."""

from __future__ import annotations

import os
import platform
import time


def stamp() -> dict[str, str]:
    return {
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
    }
