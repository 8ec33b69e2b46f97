# The single entry point for people and for CI (.ci/run calls `make test`).
.PHONY: run stop test lint check db

run:  ## set everything up and serve the demo on http://127.0.0.1:$(PORT)
	@bash scripts/run.sh

stop:  ## stop the project's PostGIS cluster
	@bash scripts/pg.sh stop

db:  ## start only the project's PostGIS cluster
	@bash scripts/pg.sh start

test:  ## every test suite, on real PostGIS
	@bash scripts/test.sh
