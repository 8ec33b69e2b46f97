"""Staff accounts and roles."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from geoportal.models import Opd
from workflow.models import Role, StaffProfile


@dataclass(frozen=True)
class AccountInfo:
    username: str
    role: str
    opd: str | None
    created: bool


# Each role is also a Django group, so that the administrator sees who holds which role. The groups carry no
# admin permissions: the admin is for administrators only (workflow.policies.admin_access), and what anyone may
# see or do to reports is decided by workflow.policies.
ROLE_GROUPS = {Role.OPERATOR: "Operator", Role.OPD_OFFICER: "Petugas OPD", Role.LEADERSHIP: "Pimpinan"}


def role_groups_ensure() -> dict[str, Group]:
    """The role groups, without permissions (idempotent: permissions older versions gave them are taken away)."""
    groups = {}
    for role, name in ROLE_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.clear()
        groups[role] = group
    return groups


def staff_account_ensure(*, username: str, role: str, password: str, opd: Opd | None = None) -> AccountInfo:
    """Create the account with this role, or bring an existing one back to it.

    The password is set only when the account is created: people may have changed theirs since.
    """
    User = get_user_model()
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username)
        # The desks need only a role; is_staff (Django's admin flag) is the administrator's alone.
        user.is_staff = role == Role.ADMINISTRATOR
        user.is_superuser = role == Role.ADMINISTRATOR
        if opd and not user.first_name:
            user.first_name = opd.code
        if created:
            user.set_password(password)
        user.save()
        group = role_groups_ensure().get(role)
        user.groups.set([group] if group else [])
        StaffProfile.objects.update_or_create(user=user, defaults={"role": role, "opd": opd})
    return AccountInfo(username=username, role=Role(role).label, opd=opd.code if opd else None, created=created)


def demo_accounts_ensure(*, password: str) -> list[AccountInfo]:
    """admin, operator, pimpinan and one officer per OPD (opd-<code in lower case>)."""
    accounts = [
        staff_account_ensure(username="admin", role=Role.ADMINISTRATOR, password=password),
        staff_account_ensure(username="operator", role=Role.OPERATOR, password=password),
        staff_account_ensure(username="pimpinan", role=Role.LEADERSHIP, password=password),
    ]
    for opd in Opd.objects.filter(active=True).order_by("code"):
        accounts.append(
            staff_account_ensure(username=f"opd-{opd.code.lower()}", role=Role.OPD_OFFICER, password=password, opd=opd)
        )
    return accounts
