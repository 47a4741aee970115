"""Errors that carry a one-line message meant for the user."""


class FieldappError(Exception):
    """A user-facing error: the message is one clear line, no traceback is shown."""

    exit_code = 1


class NotFound(FieldappError):
    """An ID (paragraph, note, theme…) that does not exist."""

    exit_code = 3


class InvalidInput(FieldappError):
    """Input that fails validation; nothing was changed."""

    exit_code = 2
