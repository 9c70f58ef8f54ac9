"""Allow ``python -m winback_tui``."""

from winback_tui.cli import main

raise SystemExit(main())
