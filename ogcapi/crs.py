"""The coordinate reference systems the OGC API serves (Part 2): their URIs, EPSG codes and axis order."""

from geoportal.selectors.reports import Output

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
_EPSG = "http://www.opengis.net/def/crs/EPSG/0/"
# URI → what PostGIS writes. EPSG:4326 is latitude-first (its authority's axis order); CRS84 is GeoJSON's.
SUPPORTED = {
    CRS84: Output(srid=4326),
    f"{_EPSG}4326": Output(srid=4326, lat_lon=True),
    f"{_EPSG}3857": Output(srid=3857),
    f"{_EPSG}32749": Output(srid=32749),  # UTM 49S, the zone Trenggalek lies in
}
STORAGE_CRS = CRS84


def crs_output(uri: str) -> Output | None:
    return SUPPORTED.get(uri.strip())
