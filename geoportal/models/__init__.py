from geoportal.models.areas import Desa, Kabupaten, Kecamatan
from geoportal.models.reference import Category, Opd, Squad
from geoportal.models.reports import (
    RateCount,
    Report,
    ReporterContact,
    ReportPhoto,
    ReportVideo,
    SubmissionThrottle,
)
from geoportal.models.tiles import ReportCell

__all__ = [
    "Category",
    "Desa",
    "Kabupaten",
    "Kecamatan",
    "Opd",
    "Report",
    "ReportCell",
    "ReportPhoto",
    "ReporterContact",
    "ReportVideo",
    "Squad",
    "SubmissionThrottle",
    "RateCount",
]
