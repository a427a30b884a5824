"""Where the built-in language data and layouts are.

In a checkout they are ``locales/`` and ``templates/`` at the top of the repository, where an office looking for
"the words" finds them; a wheel carries them inside the package (``verbale/locales``, ``verbale/templates``,
mapped by setuptools' ``package-dir`` in pyproject.toml).
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder of built-in data called ``name`` (``locales`` or ``templates``), installed or in a checkout.

    >>> data_dir("locales").joinpath("en", "formulas.yaml").is_file()
    True
    """
    installed = PACKAGE / name
    return installed if installed.is_dir() else PACKAGE.parent / name


LOCALES_DIR = data_dir("locales")
TEMPLATES_DIR = data_dir("templates")
