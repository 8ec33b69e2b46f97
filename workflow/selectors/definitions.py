"""What every leadership figure means: the one text the dashboard and the PDF print under "Cara menghitung".

Written once, next to the SQL that computes the figures (workflow/selectors/performance.py), and rendered by both
pages from workflow/templates/workflow/_definitions.html. Why each definition is what it is: reports_pdf/README.md.
"""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from workflow.selectors.performance import MIN_COUNT_FOR_RANKING


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    counts: str  # the numerator (or what is counted)
    out_of: str = ""  # the denominator, for a share
    clock: str = ""  # when its clock starts and stops, for a time


def _ranking_text() -> str:
    return str(
        _(
            "OPDs with at least %(n)s dispatches in the period and a first-response median, ordered by that median "
            "(ties: the higher share resolved within target first). An OPD with fewer is listed but not ranked."
        )
        % {"n": MIN_COUNT_FOR_RANKING}
    )


FIGURE_DEFINITIONS: list[Definition] = [
    Definition(
        "instant",
        _("Instant"),
        _(
            "Every figure on the page is the audit trail replayed up to one instant, printed at the top: "
            "“now” (the moment the page was opened) or the end of the period (24.00 WIB on its last day, or now if "
            "the period has not ended). The PDF is always at the end of the period."
        ),
    ),
    Definition(
        "received",
        _("Received"),
        _(
            "Reports received in the period (by the time of receipt, WIB). Every other report figure (rejected, "
            "duplicates, dispatched, resolved, follow-up rate, verification time) is about these reports, whenever "
            "the step happened up to the instant."
        ),
    ),
    Definition(
        "awaiting",
        _("Awaiting screening"),
        _("Received reports that by the instant were neither verified, rejected nor marked duplicate."),
    ),
    Definition(
        "verification",
        _("Verification time"),
        _("Median and 90th percentile over the received reports screened by the instant, in working days."),
        clock=_(
            "From receipt to the operator's first screening decision: verified, rejected or marked duplicate "
            "(marking a duplicate is a screening decision too)."
        ),
    ),
    Definition(
        "area_dispatched",
        _("Dispatched (summary, kecamatan, label, squad)"),
        _("Received reports dispatched to an OPD at least once by the instant, even if returned later."),
    ),
    Definition(
        "follow_up_rate",
        _("Follow-up rate"),
        _("Received reports resolved at the instant (resolved and not reopened since)."),
        out_of=_(
            "Received reports accepted by the instant: received − rejected − duplicates − still awaiting screening. "
            "A report the operator has not screened yet is not counted as an unresolved one: it is shown under "
            "“Awaiting screening”."
        ),
    ),
    Definition(
        "open",
        _("Still open"),
        _("Received − rejected − duplicates − resolved at the instant (reports awaiting screening included)."),
    ),
    Definition(
        "opd_dispatched",
        _("Dispatched (per OPD)"),
        _(
            "Dispatches (first dispatch or re-dispatch) to the OPD within the period, including those the OPD later "
            "returned: these are also counted under “Returned”. A report re-dispatched to another OPD counts once "
            "for each OPD."
        ),
    ),
    Definition(
        "responded",
        _("Responded, first response time"),
        _(
            "Dispatches the OPD acknowledged or resolved by the instant; the time is their median and 90th "
            "percentile in working days (a response given before the OPD returned the report counts)."
        ),
        clock=_(
            "From the dispatch to this OPD to its first acknowledge or resolve. Returning a report is not a response."
        ),
    ),
    Definition(
        "resolved",
        _("Resolved, resolution time"),
        _(
            "Dispatches the OPD resolved and that were not reopened since, at the instant; the time is their median "
            "and 90th percentile in working days."
        ),
        clock=_(
            "From the dispatch to this OPD to its last resolve; a reopened report keeps the clock running until it "
            "is resolved again."
        ),
    ),
    Definition(
        "within_target",
        _("Resolved within target"),
        _("Dispatches resolved within the label's resolution target (working days)."),
        out_of=_(
            "Dispatches whose outcome is known at the instant: resolved (within target or late) plus still open "
            "and already past the target. A dispatch still open within its target is not counted either way; a "
            "returned one is left out."
        ),
    ),
    Definition(
        "overdue",
        _("Overdue"),
        _(
            "Reports the OPD holds at the instant (dispatched, in progress or reopened), whenever they were "
            "dispatched, that are past their first-response deadline without a response, or past their resolution "
            "deadline. A report counts once; the annex lists each with the clock(s) it missed."
        ),
    ),
    Definition(
        "returned",
        _("Returned"),
        _("Dispatches of the period that the OPD returned to the operator (not its business)."),
    ),
    Definition(
        "reopened",
        _("Reopened"),
        _("Dispatches of the period that the citizen reopened after the OPD resolved them."),
    ),
    Definition("ranking", _("Ranking"), lazy(_ranking_text, str)()),
    Definition(
        "rows",
        _("Rows"),
        _(
            "Every active OPD, every kecamatan, label and squad is listed, also with no reports (a dash where "
            "there is no figure), on the dashboard and in the PDF alike."
        ),
    ),
    Definition(
        "rounding",
        _("Working days and rounding"),
        _(
            "Monday to Friday in WIB, national holidays excluded. Rounded half away from zero: working days to one "
            "decimal, percentages to whole numbers; bars and charts use the rounded number."
        ),
    ),
    Definition(
        "previous",
        _("Previous period"),
        _(
            "As many calendar months just before, for a period of whole months; else as many days just before. Its "
            "figures are taken at the same distance after its end as this period's."
        ),
    ),
]
