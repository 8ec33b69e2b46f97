"""The report's state machine (django-fsm). Transitions only guard the state and set fields; who may run
them, what they need and what they record is workflow.services.report_transition's job."""

from django_fsm import transition

from geoportal.states import ReportStatus as S


class ReportMachine:
    """Mixed into geoportal.models.Report, whose FSMField is `status`."""

    @transition(field="status", source=S.RECEIVED, target=S.VERIFIED)
    def verify(self) -> None:
        pass

    @transition(field="status", source=S.RECEIVED, target=S.REJECTED)
    def reject(self) -> None:
        pass

    @transition(field="status", source=[S.RECEIVED, S.VERIFIED], target=S.DUPLICATE)
    def mark_duplicate(self, *, original) -> None:
        self.duplicate_of = original

    @transition(field="status", source=S.VERIFIED, target=S.DISPATCHED)
    def dispatch(self, *, opd) -> None:
        self.opd = opd

    @transition(field="status", source=S.RETURNED, target=S.DISPATCHED)
    def redispatch(self, *, opd) -> None:
        self.opd = opd

    @transition(field="status", source=[S.DISPATCHED, S.REOPENED], target=S.IN_PROGRESS)
    def acknowledge(self) -> None:
        pass

    @transition(field="status", source=[S.DISPATCHED, S.IN_PROGRESS, S.REOPENED], target=S.RESOLVED)
    def resolve(self, *, at) -> None:
        self.resolved_at = at

    @transition(field="status", source=[S.DISPATCHED, S.IN_PROGRESS], target=S.RETURNED)
    def return_to_operator(self) -> None:
        self.opd = None
        self.response_due = self.resolution_due = None

    @transition(field="status", source=S.RESOLVED, target=S.REOPENED)
    def reopen(self) -> None:
        # The resolving OPD's resolution clock keeps running (PRODUCT.md): resolution_due is not reset.
        self.resolved_at = None

    @transition(field="status", source=S.RESOLVED, target=S.CLOSED)
    def close(self) -> None:
        pass
