"""gunicorn's settings for this application (`gunicorn -c config/gunicorn.conf.py config.wsgi:application`).

Tuned for a small server (2 cores): gthread workers, one process per core plus one, several threads each. A
photo upload costs ~0.3 s of CPU (Pillow: decode, re-encode, thumbnail), and most of that time Pillow releases
the GIL, so the threads of one process overlap uploads with the map's and desks' quick reads and with waiting
on PostgreSQL. config.overload.OverloadGuard lets at most WEB_MAX_IN_FLIGHT requests (WEB_MAX_UPLOADS uploads)
work at once per process; the threads beyond that answer the queue with 503 + Retry-After, so a burst is told to
come back instead of timing out. Database connections: each thread keeps its own (CONN_MAX_AGE 60 s), so at most
workers × threads of them (3 × 8 = 24 on 2 cores), within PostgreSQL's max_connections (50 on the project's cluster;
scripts/pg.sh). Every value can be overridden by an environment variable (README, "Load").
"""

import os

_cores = os.cpu_count() or 2

bind = os.environ.get("WEB_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", _cores + 1))
threads = int(os.environ.get("WEB_THREADS", 8))
# Connections the kernel queues before gunicorn accepts them; the rest are refused at once (a client retries).
backlog = int(os.environ.get("WEB_BACKLOG", 256))
# A worker that stops answering its master this long is killed and replaced (a hung request).
timeout = int(os.environ.get("WEB_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", 10))
keepalive = 5
# Request line and headers: refused (400) when larger, so a slow or huge header cannot hold a thread.
limit_request_line = 8190
limit_request_fields = 100
# Memory stays bounded over weeks: each worker is replaced after this many requests (a random stagger).
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", 20000))
max_requests_jitter = 2000
