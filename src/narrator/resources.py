"""Locate the shipped data/ and prompts/ folders.

In a wheel they are package data (narrator/data, narrator/prompts); in an
editable checkout they sit at the repository root next to src/.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """Return the folder of shipped resources called ``name`` ("data" or "prompts")."""
    packaged = _PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    # Editable install: src/narrator/ -> repository root.
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"narrator resource folder '{name}' is missing from the installation")


def data_path(*parts: str) -> Path:
    """Path to a file inside the shipped data/ folder."""
    return resource_dir("data").joinpath(*parts)


def sample_data_dir() -> Path:
    """The shipped illustrative sample export."""
    return data_path("sample")
