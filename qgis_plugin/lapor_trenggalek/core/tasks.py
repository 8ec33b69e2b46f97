"""Work that waits for the server runs in a QgsTask, never on QGIS's main thread.

`CallTask(description, work)` runs `work(feedback)` in QGIS's task manager; its `done` signal carries the result or
the error to the main thread. Cancelling the task cancels the feedback, which aborts the request in flight
(core/api.py watches it). `work` never raises into Qt: every exception becomes an ApiError the dock can show.
"""

import traceback

from qgis.core import QgsFeedback, QgsMessageLog, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..i18n import tr
from .api import ApiError


class CallTask(QgsTask):
    # (result, error): exactly one is None; a cancelled task has an ApiError with cancelled=True
    done = pyqtSignal(object, object)
    progress_text = pyqtSignal(str)

    def __init__(self, description: str, work):
        super().__init__(description, QgsTask.CanCancel)
        self.work = work
        self.feedback = QgsFeedback()
        self.result = None
        self.error: ApiError | None = None

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    def run(self) -> bool:
        try:
            self.result = self.work(self)
        except ApiError as error:
            self.error = error
        except Exception:  # noqa: BLE001 - a bug must reach the log, never a traceback dialog in front of the officer
            QgsMessageLog.logMessage(traceback.format_exc(), "Lapor Trenggalek")
            self.error = ApiError(tr("Something went wrong in the plugin; the details are in the log."))
        if self.isCanceled() or self.feedback.isCanceled():
            self.error = ApiError(tr("Cancelled."), cancelled=True)
        return self.error is None

    def finished(self, ok: bool):  # noqa: D401 - QgsTask API, on the main thread
        if ok:
            self.done.emit(self.result, None)
        else:
            self.done.emit(None, self.error or ApiError(tr("Cancelled."), cancelled=True))
