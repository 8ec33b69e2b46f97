"""Menus and the dock. The work happens in core/ (API client, layers); ui/ holds the widgets."""

from pathlib import Path

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .i18n import install_translator


class LaporPlugin:
    def __init__(self, iface):
        install_translator()
        self.iface = iface
        self.action = None
        self.dock = None

    def initGui(self):  # noqa: N802 - QGIS API
        self.action = QAction(
            QIcon(str(Path(__file__).with_name("icon.png"))), "Lapor Trenggalek", self.iface.mainWindow()
        )
        self.action.setCheckable(True)
        self.action.toggled.connect(self._toggle)
        self.iface.addPluginToWebMenu("Lapor Trenggalek", self.action)
        self.iface.addToolBarIcon(self.action)

    def unload(self):
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.close_down()
            self.dock.deleteLater()
            self.dock = None
        self.iface.removePluginWebMenu("Lapor Trenggalek", self.action)
        self.iface.removeToolBarIcon(self.action)
        self.action = None

    def _toggle(self, visible: bool):
        if self.dock is None:
            from .ui.dock import ReportsDock

            self.dock = ReportsDock(self.iface)
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
            self.dock.visibilityChanged.connect(self.action.setChecked)
        self.dock.setVisible(visible)
