import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from tqdm import tqdm

from workflow.services.audit import ChainBreak, audit_chain_verify

HEAD = re.compile(r"^\s*(\d{1,18})\s*:\s*([0-9a-fA-F]{16,64})\s*$")


class Command(BaseCommand):
    help = (
        "Recompute the audit trail's hash chain from the events alone and name the first broken link "
        "(exit 1); --head POSITION:HASH also checks a chain head printed in a monthly PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            metavar="POSITION:HASH",
            help="a chain head as a monthly PDF prints it (the hash, or at least its first 16 hex digits)",
        )
        parser.add_argument("--batch-size", type=int, default=20_000, help="events read per query (default 20000)")
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES])

    def handle(self, *args, **options):
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            self._handle(options)

    def _handle(self, options):
        head = None
        if options["head"]:
            if not (match := HEAD.match(options["head"])):
                raise CommandError(_("Give --head as POSITION:HASH, e.g. --head 41873:9f2c41d07a1be3c8."))
            head = (int(match[1]), match[2].lower())
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        with tqdm(unit="event", disable=options["verbosity"] == 0) as bar:

            def total(n: int) -> None:
                bar.total = n
                bar.refresh()

            check = audit_chain_verify(
                batch_size=options["batch_size"],
                head_position=head[0] if head else None,
                on_total=total,
                progress=bar.update,
            )
        if check.broken:
            raise CommandError(self._broken(check.broken), returncode=1)
        self.stdout.write(
            self.style.SUCCESS(
                _("Audit chain intact: %(count)s events, head %(position)s:%(hash)s.")
                % {
                    "count": number_format(check.count, force_grouping=True),
                    "position": check.head_position,
                    "hash": check.head_hash.hex(),
                }
            )  # fmt: skip
        )
        if head:
            position, digits = head
            if check.hash_at is None:
                raise CommandError(
                    _("The chain has no position %(position)s: events recorded before that head are missing.")
                    % {"position": position},
                    returncode=1,
                )
            if not check.hash_at.hex().startswith(digits):
                raise CommandError(
                    _(
                        "The head %(position)s:%(given)s does not match: the chain holds %(found)s there. The history "
                        "up to that head was rewritten after it was printed (and the chain recomputed)."
                    )
                    % {"position": position, "given": digits, "found": check.hash_at.hex()},
                    returncode=1,
                )
            self.stdout.write(
                self.style.SUCCESS(
                    _("The head %(position)s:%(given)s matches: the history up to it is unchanged.")
                    % {"position": position, "given": digits}
                )
            )

    def _broken(self, broken: ChainBreak) -> str:
        if broken.kind == "unchained":
            return _("Audit chain BROKEN: %(n)s events have no place in the chain (written with the trigger off).") % {
                "n": broken.missing
            }
        where = {
            "position": broken.position,
            "id": broken.event_id,
            "report": broken.report_id,
            "time": date_format(timezone.localtime(broken.created_at), "j F Y H:i:s") + " WIB",
            "missing": broken.missing,
        }
        if broken.kind == "gap":
            return (
                _(
                    "Audit chain BROKEN at position %(position)s (event %(id)s, report %(report)s, %(time)s): "
                    "%(missing)s event(s) before it are missing (deleted)."
                )
                % where
            )
        return (
            _(
                "Audit chain BROKEN at position %(position)s (event %(id)s, report %(report)s, %(time)s): its hash "
                "does not follow from its content and the previous link. This event was altered, or an event "
                "just before it was removed or inserted."
            )
            % where
        )
