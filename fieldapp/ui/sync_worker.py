"""Run a sync export or import off the UI thread.

Threading choice: the worker opens its OWN Store on the same database file (Store.open; an
encrypted database is reopened with the key this process already unlocked it with), runs the
core function on it in a QThread and closes it. No SQLite connection crosses threads, so
nothing depends on check_same_thread=False being used carefully. WAL lets the window's
connection keep reading while the worker writes; the dialogs are window-modal, so the window
does not write meanwhile (and busy_timeout covers a stray write). Results come back through
queued signals; Cancel sets a flag that the core polls between batches (core/sync/cancel.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal

from fieldapp.core.i18n import _


class SyncWorker(QObject):
    """Calls `job(store, cancel, progress)` in a worker thread on its own Store.

    `cancel()` returns True once cancel was asked; `progress(label, done, total)` is
    forwarded to the UI as the `progress` signal (thread-safe, queued)."""

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    cancelled = Signal(object)   # what finished before the cancel (import: the reports)
    failed = Signal(str)
    done = Signal()

    def __init__(self, db_path: Path, job: Callable):
        super().__init__()
        self.db_path, self.job = Path(db_path), job
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def is_cancelled(self) -> bool:
        return self._cancel

    def run(self) -> None:
        from fieldapp.core.errors import FieldappError
        from fieldapp.core.store import Store
        from fieldapp.core.sync.cancel import Cancelled

        try:
            with Store.open(self.db_path) as store:
                result = self.job(store, self.is_cancelled, self.progress.emit)
        except Cancelled as exc:
            self.cancelled.emit(exc.reports)
        except FieldappError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # shown in the dialog rather than lost in the thread
            self.failed.emit(_("unexpected error: {err}").format(
                err=f"{type(exc).__name__}: {exc}"))
        else:
            self.succeeded.emit(result)
        self.done.emit()


class SyncRunner(QObject):
    """Owns one QThread + SyncWorker at a time for a dialog."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: SyncWorker | None = None

    def start(self, db_path: Path, job: Callable) -> SyncWorker:
        self.thread = QThread(self)
        self.worker = SyncWorker(db_path, job)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self.thread.quit)
        self.thread.start()
        return self.worker

    def running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def finish(self) -> None:
        """Join the thread (it has emitted `done` or been asked to cancel)."""
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self.thread = self.worker = None
