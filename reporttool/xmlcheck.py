"""What XML from an untrusted file may not carry, checked alike for workbooks and brand templates."""
from __future__ import annotations

import re

DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)  # entity expansion and external entities start here
