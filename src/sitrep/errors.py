"""Sitrep's exceptions, in one place.

    SitrepError                 base: every error we raise on purpose
    ├── InputError              an input we cannot read; names the input and the fix
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── EncodingError
    │   ├── TooLarge
    │   ├── BadHTML
    │   ├── EmptyFeed
    │   └── FetchError
    │       └── BlockedAddress  a URL that resolves to a private/loopback/link-local address
    ├── StoreError              the database cannot be opened or written
    │   ├── StoreLocked         another process holds the write lock
    │   └── SchemaError         the file's schema is newer than this Sitrep, or not ours
    ├── NotFound                no such incident or article
    └── SuiteError              an evaluation suite or predictions file is malformed

The CLI turns each into one line and a non-zero exit code; the API into one JSON error shape.
"""
from __future__ import annotations


class SitrepError(Exception):
    """Base class for every error Sitrep raises on purpose."""

    #: HTTP status the API answers with.
    status = 500


class InputError(SitrepError):
    """An input (file, URL, feed, stdin) cannot be read."""

    status = 422

    def __init__(self, source: str, reason: str, fix: str | None = None):
        self.source, self.reason, self.fix = source, reason, fix
        msg = f"{source}: {reason}"
        if fix:
            msg += f" ({fix})"
        super().__init__(msg)


class EmptyInput(InputError):
    """The input holds no text."""


class BinaryInput(InputError):
    """The input is not text."""


class EncodingError(InputError):
    """The input is not valid UTF-8 (or the declared encoding)."""


class TooLarge(InputError):
    """The input exceeds the size cap."""


class BadHTML(InputError):
    """No article text could be extracted from the HTML."""


class EmptyFeed(InputError):
    """A feed with no items."""


class FetchError(InputError):
    """A URL could not be fetched."""


class BlockedAddress(FetchError):
    """A URL resolves to an address we refuse to fetch."""

    status = 403


class StoreError(SitrepError):
    """The database cannot be opened or written."""


class StoreLocked(StoreError):
    """Another process holds the database's write lock."""

    status = 503


class SchemaError(StoreError):
    """The database file's schema is not one this Sitrep can use."""


class NotFound(SitrepError):
    """No such incident or article."""

    status = 404


class SuiteError(SitrepError):
    """An evaluation suite or a predictions file is malformed."""

    status = 422
