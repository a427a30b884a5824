#!/usr/bin/env python3
"""Generate trilingual notes verbales: python generate.py SPEC_OR_FOLDER... [-o OUT] [--force] [--check]."""
import os
import sys

# pydantic looks for plugins through importlib.metadata at the first model; there are none to find
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from verbale.cli.generate import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
