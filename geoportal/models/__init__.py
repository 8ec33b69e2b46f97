from geoportal.models.areas import Desa, Kabupaten, Kecamatan
from geoportal.models.reference import Category, Opd, Squad
from geoportal.models.reports import Report, ReporterContact, ReportPhoto, ReportVideo, SubmissionThrottle

__all__ = [
    "Category",
    "Desa",
    "Kabupaten",
    "Kecamatan",
    "Opd",
    "Report",
    "ReportPhoto",
    "ReporterContact",
    "ReportVideo",
    "Squad",
    "SubmissionThrottle",
]
