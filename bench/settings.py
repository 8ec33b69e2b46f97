"""Settings for the benchmarks' gunicorn: the product's, plus the naive reference view of bench/urls.py."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
