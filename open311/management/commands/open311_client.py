"""Give an application its Open311 api_key from the command line (the admin does the same)."""

from django.core.management.base import BaseCommand

from open311.services import client_create


class Command(BaseCommand):
    help = "Add an Open311 client application and print its api_key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="the application's name, e.g. 'Aplikasi Desa Pogalan'")
        parser.add_argument("--contact", default="", help="who to call about it")
        parser.add_argument("--media-hosts", default="", help="hosts its photos may be fetched from (media_url)")

    def handle(self, *args, name, contact, media_hosts, **options):
        client, key = client_create(name=name, contact=contact, media_hosts=media_hosts)
        self.stdout.write(f"{client.name}: api_key {key}")
        self.stdout.write("Copy it now: only its hash is kept.")
