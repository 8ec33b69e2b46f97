-- The chain over events taken in an order, as an aggregate: used as a running window aggregate it gives each
-- event its link in one ordered pass (migration 0008 fills the chain of the events already recorded with it).
CREATE OR REPLACE AGGREGATE lapor_event_chain(workflow_reportevent) (
  SFUNC = lapor_event_link,
  STYPE = bytea,
  INITCOND = '\x0000000000000000000000000000000000000000000000000000000000000000'
);
