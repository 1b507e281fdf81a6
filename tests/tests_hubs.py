"""The 39 air hubs (42 airports) of the 14th plan's 专栏4 as origins (catalogue, else airportsdata)."""

from __future__ import annotations

import geopandas as gpd

#: IATA codes of the 42 airports of the 39 hub cities (national 14th plan, 专栏4), for the
#: airportsdata fallback.
HUB_IATA = (
    "PEK PKX PVG SHA CAN KMG CKG CTU TFU SZX URC XIY HRB TSN SJW TYN HET DLC SHE CGQ HGH XMN NKG "
    "TAO FOC TNA KHN WNZ NGB HFE NNG KWL HAK SYX CGO WUH CSX KWE LXA LHW XNN INC"
).split()
#: airportsdata still places KMG at the closed Wujiaba airport; Changshui (KMG since 2012).
KMG_CHANGSHUI = (102.9292, 25.1019)


def hub_airports() -> gpd.GeoDataFrame:
    """GeoDataFrame with ``origin_id`` (IATA) and Point geometry of the 42 hub airports."""
    try:
        from portgeo.catalogue import load_entities

        e = load_entities(plan="national-14", column=4, kind="air", located_only=True)
        e = e[e["iata"].isin(HUB_IATA)].drop_duplicates("iata")
        if len(e) == len(HUB_IATA):
            return gpd.GeoDataFrame({"origin_id": e["iata"].to_numpy()}, geometry=e.geometry.values,
                                    crs="EPSG:4326")
    except Exception:
        pass
    import airportsdata

    ap = airportsdata.load("IATA")
    lon = [KMG_CHANGSHUI[0] if c == "KMG" else ap[c]["lon"] for c in HUB_IATA]
    lat = [KMG_CHANGSHUI[1] if c == "KMG" else ap[c]["lat"] for c in HUB_IATA]
    return gpd.GeoDataFrame({"origin_id": HUB_IATA}, geometry=gpd.points_from_xy(lon, lat),
                            crs="EPSG:4326")
