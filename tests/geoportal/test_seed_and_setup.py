import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from geoportal.models import Category, Desa, Opd, Report, Squad
from workflow.models import Role, StaffProfile

pytestmark = pytest.mark.django_db


def test_reference_data_has_the_seven_squads_and_their_labels():
    squads = {s.code: s for s in Squad.objects.all()}
    assert list(squads) == ["pink", "putih", "oranye", "biru", "kuning", "merah", "bayangan"]
    assert squads["pink"].name == "Pasukan Pink" and squads["oranye"].colour == "#ff9800"
    assert [s.code for s in squads.values() if s.covert] == ["bayangan"]
    assert 20 <= Category.objects.count() <= 30
    # the confidential labels are exactly the covert squad's
    assert set(Category.objects.filter(confidential=True).values_list("squad__code", flat=True)) == {"bayangan"}
    assert not Category.objects.filter(squad__code="bayangan", confidential=False).exists()
    assert Category.objects.get(code="jalan-rusak").default_opd.code == "PUPR"
    # every squad has labels, every OPD receives some
    assert all(s.categories.exists() for s in squads.values())
    assert all(o.default_categories.exists() for o in Opd.objects.all())


def test_seed_demo_spreads_reports_inside_their_desa_denser_in_town():
    call_command("seed_demo", reports=2000, seed=7, verbosity=0)
    assert Report.objects.count() == 2000
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FILTER (WHERE NOT ST_Covers(d.geom, r.location)),
                   count(*) FILTER (WHERE d.kecamatan_id <> r.kecamatan_id),
                   count(DISTINCT r.kecamatan_id), count(DISTINCT r.category_id),
                   count(*) FILTER (WHERE r.created_at > now())
            FROM geoportal_report r JOIN geoportal_desa d ON d.id = r.desa_id
            """
        )
        outside, wrong_kecamatan, kecamatan, labels, future = cursor.fetchone()
    assert (outside, wrong_kecamatan, future) == (0, 0, 0)
    assert kecamatan == 14 and labels >= 20
    per_kecamatan = {}
    for nama in Report.objects.values_list("kecamatan__nama", flat=True):
        per_kecamatan[nama] = per_kecamatan.get(nama, 0) + 1
    assert max(per_kecamatan, key=per_kecamatan.get) == "Trenggalek"
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {"received", "closed", "in_progress"} <= statuses
    # the seeder's set-based SQL leaves every report published by the rule (sensitive labels on their grid)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FILTER (WHERE c.public_precision_m > 0),
                   count(*) FILTER (WHERE NOT (r.public_location ~= p.location AND r.public_desa_id = p.desa_id
                                               AND r.public_kecamatan_id = p.kecamatan_id))
            FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id,
                 lapor_public_place(r.location, c.public_precision_m, r.desa_id, r.kecamatan_id) p
            """
        )
        sensitive, misplaced = cursor.fetchone()
    assert sensitive > 0 and misplaced == 0


def test_setup_demo_creates_the_accounts_once_and_keeps_changed_passwords(settings, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "rahasia-demo-1")
    call_command("setup_demo", reports=0, verbosity=0)
    User = get_user_model()
    opd_users = {f"opd-{code.lower()}" for code in Opd.objects.values_list("code", flat=True)}
    assert set(User.objects.values_list("username", flat=True)) == {"admin", "operator", "pimpinan"} | opd_users
    assert User.objects.get(username="admin").is_superuser
    assert StaffProfile.objects.get(user__username="opd-pupr").opd.code == "PUPR"
    assert StaffProfile.objects.get(user__username="pimpinan").role == Role.LEADERSHIP
    assert User.objects.get(username="operator").check_password("rahasia-demo-1")
    assert list(User.objects.get(username="pimpinan").groups.values_list("name", flat=True)) == ["Pimpinan"]
    # The admin is the administrator's alone: other roles get no admin flag and no admin permissions.
    pimpinan = User.objects.get(username="pimpinan")
    assert not pimpinan.is_staff and not pimpinan.has_perm("workflow.view_reportevent")
    assert User.objects.get(username="admin").is_staff

    operator = User.objects.get(username="operator")
    operator.set_password("diganti-sendiri")
    operator.save()
    call_command("setup_demo", reports=0, verbosity=0)
    assert User.objects.get(username="operator").check_password("diganti-sendiri")
    assert User.objects.count() == 3 + len(opd_users)


def test_setup_demo_says_what_to_provide_when_there_are_no_boundaries(settings, tmp_path):
    Desa.objects.all().delete()
    settings.BOUNDARIES_DIR = tmp_path
    with pytest.raises(CommandError) as caught:
        call_command("setup_demo", reports=0, verbosity=0)
    message = str(caught.value)
    assert str(tmp_path) in message and "import_boundaries" in message and "BOUNDARIES_DIR" in message
