"""Cancellation of a long export or import: a callable the caller passes in, polled between
batches. When it returns True the work stops with `Cancelled` (an import before its commit,
so the transaction rolls back; an export before the file is renamed into place)."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import _

CancelCheck = Callable[[], bool]
T = TypeVar("T")


class Cancelled(FieldappError):
    """The user cancelled; nothing was committed by the step that was running."""

    def __init__(self, message: str | None = None, reports: list | None = None):
        super().__init__(message or _("cancelled"))
        self.reports = reports or []  # import: the files finished before the cancel


def check(cancel: CancelCheck | None) -> None:
    """Raise Cancelled if the caller asked to stop."""
    if cancel is not None and cancel():
        raise Cancelled()


def checked(items: Iterable[T], cancel: CancelCheck | None, every: int = 500) -> Iterator[T]:
    """`items` unchanged, checking `cancel` before the first and then every `every` items."""
    if cancel is None:
        yield from items
        return
    for i, item in enumerate(items):
        if i % every == 0:
            check(cancel)
        yield item
