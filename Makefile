# The single entry point for people and for CI (.ci/run calls `make test`).
.PHONY: run stop test db plugin-zip bench fuzz loadtest faults

run:  ## set everything up and serve the demo on http://127.0.0.1:$(PORT)
	@bash scripts/run.sh

stop:  ## stop the project's PostGIS cluster
	@bash scripts/pg.sh stop

db:  ## start only the project's PostGIS cluster
	@bash scripts/pg.sh start

test:  ## every test suite, on real PostGIS
	@bash scripts/test.sh

fuzz:  ## the API contract (schemathesis) with a long budget and the coverage phase (~1 h); prints the summary
	@bash scripts/fuzz.sh $(ARGS)

bench:  ## every benchmark at 100,000 and 1,000,000 reports (~15 min; figures, never a failure on a time)
	@bash scripts/bench.sh $(ARGS)

plugin-zip:  ## the QGIS plugin as a zip for "Install from ZIP" (dist/)
	@bash scripts/venv.sh && .venv/bin/python manage.py plugin_zip --output dist

loadtest:  ## Locust: 100 citizens, 50 map users, 20 staff against gunicorn for DURATION (default 10m); no report lost or doubled
	@DURATION=$(DURATION) bash scripts/loadtest.sh $(ARGS)

faults:  ## kill -9 a worker mid-upload, restart PostgreSQL under load, fill the media volume, a slow upload: what happened
	@bash scripts/faults.sh $(ARGS)
