-- Where the public sees a report: the one place the rule "how a sensitive point is published" is written.
-- Precision 0: the exact point and the desa/kecamatan the report was placed in. Otherwise the point snapped
-- to the label's grid (metres turned into degrees along the equator: at Trenggalek, 8° S, close enough for a
-- privacy grid) and the desa holding that grid node, else the nearest desa (a node offshore still gets one).
-- Never the exact desa: "desa = X" intersected with the published grid cell would narrow the point down.
-- A point on a shared border touches two desa: the lower code wins, as in selectors.areas.area_locate.
CREATE OR REPLACE FUNCTION lapor_public_place(
  exact geometry, precision_m integer, exact_desa bigint, exact_kecamatan bigint,
  OUT location geometry, OUT desa_id bigint, OUT kecamatan_id bigint
) LANGUAGE plpgsql STABLE PARALLEL SAFE AS $fn$
BEGIN
  IF coalesce(precision_m, 0) <= 0 THEN
    location := exact;
    desa_id := exact_desa;
    kecamatan_id := exact_kecamatan;
    RETURN;
  END IF;
  location := ST_SnapToGrid(exact, precision_m / 111320.0);
  -- the first branch that finds a desa ends the search: containing (index), else nearest (index, KNN)
  SELECT p.id, p.kecamatan_id INTO desa_id, kecamatan_id FROM (
    (SELECT d.id, d.kecamatan_id FROM geoportal_desa d WHERE ST_Intersects(d.geom, location) ORDER BY d.kode LIMIT 1)
    UNION ALL
    (SELECT d.id, d.kecamatan_id FROM geoportal_desa d ORDER BY d.geom <-> location, d.kode LIMIT 1)
  ) p LIMIT 1;
END $fn$;
