"""The labels of the report form, the most used first, so most citizens find theirs without scrolling."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from geoportal.models import Category, Squad

USAGE_DAYS = 90
USAGE_CACHE_SECONDS = 300  # the order moves with the month, not with each report; one count per worker per 5 min
_CACHE_KEY = "report-form-label-order"


def category_codes_by_use(*, days: int = USAGE_DAYS) -> list[str]:
    """Active labels' codes: the most reported in the last `days` days first, then the admin's order (squad, then
    label), which is the whole order while nothing has been reported. Confidential labels (the covert squad's)
    always come last in the admin's order: where they stand must not tell how often they are used."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        Category.objects.filter(active=True)
        .annotate(used=Count("reports", filter=Q(reports__created_at__gte=since, confidential=False)))
        .order_by("confidential", "-used", "squad__order", "order", "code")
        .values_list("code", flat=True)
    )
    return list(rows)


@dataclass
class FormLabels:
    top: list[Category]  # shown at once
    rest: list[tuple[Squad, list[Category]]] = field(default_factory=list)  # behind "Lainnya", by squad


def form_labels(*, shown: int = 6) -> FormLabels:
    """The form's labels: the `shown` most used (category_codes_by_use, cached briefly), the rest by squad."""
    order = cache.get(_CACHE_KEY)
    if order is None:
        order = category_codes_by_use()
        cache.set(_CACHE_KEY, order, USAGE_CACHE_SECONDS)
    rank = {code: position for position, code in enumerate(order)}
    # Labels the cached order does not know yet (added in the admin since) come last, in the admin's order.
    ordered = sorted(
        Category.objects.filter(active=True).select_related("squad"), key=lambda c: rank.get(c.code, len(rank))
    )
    top, rest = ordered[:shown], ordered[shown:]
    squads: dict[int, tuple[Squad, list[Category]]] = {}
    for label in sorted(rest, key=lambda c: (c.squad.order, c.squad.code, c.order, c.code)):
        squads.setdefault(label.squad_id, (label.squad, []))[1].append(label)
    return FormLabels(top=top, rest=list(squads.values()))
