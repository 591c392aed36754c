"""Allow ``python -m ai_resolution``."""

from ai_resolution.cli import main

raise SystemExit(main())
