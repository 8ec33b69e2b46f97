"""Lapor Trenggalek for QGIS: OPD staff see and follow up their citizen reports by kecamatan."""


def classFactory(iface):  # noqa: N802 - the name QGIS looks for
    from .plugin import LaporPlugin

    return LaporPlugin(iface)
