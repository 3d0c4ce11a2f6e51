"""Errors a user can act on: the CLI prints them as one line and exits non-zero."""


class TrucelineError(Exception):
    """Base class: the message is written for the user, with no traceback."""


class InputError(TrucelineError):
    """A file or text that cannot be read as an article."""


class DataFileError(TrucelineError):
    """A vocabulary or registry file that is malformed (the message names file and line)."""


class StoreError(TrucelineError):
    """The store cannot be opened or written."""
