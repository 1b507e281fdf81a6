"""portgeo.layers: the layout layers for export and maps."""

from __future__ import annotations

import pytest

from portgeo.errors import InputError
from portgeo.layout.layers import LAYER_NAMES, layout_layers


@pytest.fixture(scope="session")
def layers():
    return layout_layers()


def test_all_layers_valid_wgs84(layers):
    assert tuple(layers) == LAYER_NAMES
    for name, gdf in layers.items():
        assert len(gdf) > 0, name
        assert gdf.crs.to_epsg() == 4326, name
        geo = gdf.geometry[gdf.geometry.notna()]
        assert geo.is_valid.all(), name
        assert not geo.is_empty.any(), name


def test_layer_contents(layers):
    assert len(layers["border_segments"]) == 14
    assert len(layers["belts"]) == 14
    assert set(layers["clusters"]["part"]) == {"hull", "coast"}
    per_plan = layers["clusters"].groupby("plan").size()
    assert per_plan.to_dict() == {"national-13": 10, "national-14": 10}  # 5 hulls + 5 coasts each
    hubs = layers["hubs"]
    assert hubs.loc[hubs["plan"] == "national-14", "hub_id"].nunique() == 39


def test_unknown_layer():
    with pytest.raises(InputError):
        layout_layers(names=["nope"])
