from django.db import migrations

# Bulk paths (seed_demo, imports) draw tracking codes in SQL; the alphabet matches geoportal/tracking.py.
# gen_random_uuid() (PostgreSQL 13+) is a cryptographic source. Bytes 6-9 carry the UUID's version and
# variant bits, so only the fully random bytes are used; the 256 % 30 modulo bias is negligible here.
CREATE = """
CREATE OR REPLACE FUNCTION lapor_tracking_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + get_byte(b, i) % 30, 1), '' ORDER BY i)
  FROM (SELECT uuid_send(gen_random_uuid()) AS b) s, unnest(ARRAY[0, 1, 2, 3, 4, 5, 10, 11]) AS i
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("geoportal", "0001_initial")]
    operations = [migrations.RunSQL(CREATE, "DROP FUNCTION IF EXISTS lapor_tracking_code();")]
