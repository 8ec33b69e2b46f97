"""Demo data for the workflow: every demo report lives through the state machine, in SQL."""

from pathlib import Path

from django.contrib.auth import get_user_model

from geoportal.models import Opd
from workflow.calendar import holidays_sync
from workflow.models import Holiday

# How long each OPD takes, relative to the others (1 = typical): some answer within hours, some are slow.
OPD_PACE = {
    "BPBD": 0.35,
    "SATPOLPP": 0.6,
    "DLH": 0.8,
    "DISHUB": 0.9,
    "DUKCAPIL": 1.0,
    "DINKES": 1.1,
    "DINSOSP3A": 1.4,
    "PUPR": 1.9,
    "INSPEKTORAT": 2.2,
}
LIFECYCLE_SQL = Path(__file__).resolve().parent.parent / "sql" / "demo_lifecycle.sql"


def demo_lifecycle(*, cursor, after_id: int) -> None:
    """Walk every report with id > after_id (all still 'received') through the workflow, with audit rows."""
    if not Holiday.objects.exists():
        holidays_sync(years=range(2015, 2031))
    users = dict(get_user_model().objects.values_list("username", "id"))
    cursor.execute("CREATE TEMP TABLE seed_opd (opd_id bigint PRIMARY KEY, pace float, officer_id int) ON COMMIT DROP")
    cursor.executemany(
        "INSERT INTO seed_opd VALUES (%s, %s, %s)",
        [
            (opd_id, OPD_PACE.get(code, 1.0), users.get(f"opd-{code.lower()}"))
            for opd_id, code in Opd.objects.values_list("id", "code")
        ],
    )
    cursor.execute(LIFECYCLE_SQL.read_text(), {"after_id": after_id, "operator_id": users.get("operator")})
