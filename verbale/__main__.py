"""``python -m verbale`` is the ``verbale`` command."""
import sys

from .cli import main

sys.exit(main())
