import pytest
from django.contrib.auth import get_user_model

from geoportal.models import Opd
from workflow.models import Role
from workflow.policies import Actor
from workflow.services.accounts import staff_account_ensure


@pytest.fixture
def staff(db, holidays):
    """One account per role, as Actors: operator, leadership, PUPR and DLH officers, the covert Inspektorat."""

    def make(username, role, opd=None):
        staff_account_ensure(
            username=username, role=role, password="x-pass-123", opd=Opd.objects.get(code=opd) if opd else None
        )
        return Actor.for_user(get_user_model().objects.get(username=username))

    return {
        "operator": make("t-operator", Role.OPERATOR),
        "leadership": make("t-pimpinan", Role.LEADERSHIP),
        "pupr": make("t-pupr", Role.OPD_OFFICER, "PUPR"),
        "dlh": make("t-dlh", Role.OPD_OFFICER, "DLH"),
        "covert": make("t-inspektorat", Role.OPD_OFFICER, "INSPEKTORAT"),
        "citizen": Actor.citizen(),
        "system": Actor.system(),
    }
