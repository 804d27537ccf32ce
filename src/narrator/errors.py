"""Errors narrator shows to a user.

NarratorError
├── DataError      input files cannot be read, or hold no usable rows
├── ConfigError    a mapping, config or FX file is wrong
└── MonthError     the requested month is not in the data

The CLI turns any of these into one line on stderr and a non-zero exit.
"""

from __future__ import annotations


class NarratorError(Exception):
    "Base class: an error whose message is meant for the user."

    exit_code = 2


class DataError(NarratorError):
    "An input file cannot be read or has no usable rows."


class ConfigError(NarratorError):
    "A column mapping, config or FX file is missing or malformed."


class MonthError(NarratorError):
    "The requested month has no rows in the data (bad input: exit 2 like any other)."
