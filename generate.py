#!/usr/bin/env python3
"""Generate trilingual notes verbales: python generate.py SPEC_OR_FOLDER... [-o OUT] [--force] [--check]."""
import sys

from verbale.cli import main

if __name__ == "__main__":
    sys.exit(main())
