#!/usr/bin/env bash
# Re-fetch the JavaScript/CSS assets that portgeo inlines into self-contained maps.
#
# Every asset comes from the npm registry (`npm pack`), never from a CDN, and is copied with its
# licence into portgeo/maps/static/<package>/. Run from the repository root:
#
#     bash tools/vendor_assets.sh
#
# The versions match what folium's HTML template asks for (leaflet is pinned to 1.9.4, the
# latest 1.x; folium 0.20 asks for 1.9.3, which is API-identical). Icon fonts (Font Awesome,
# Glyphicons) are NOT vendored: portgeo draws CircleMarkers and DivIcons, so save_map drops them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
static="$root/portgeo/maps/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# package@version  then the files to keep (relative to the package root)
fetch() {
    local spec="$1"; shift
    local name="${spec%@*}"
    (cd "$work" && npm pack --silent "$spec" >/dev/null)
    local tgz
    tgz="$(ls "$work"/*.tgz)"
    mkdir -p "$work/x" && tar -xzf "$tgz" -C "$work/x"
    rm -rf "${static:?}/$name" && mkdir -p "$static/$name"
    for f in "$@"; do
        mkdir -p "$static/$name/$(dirname "$f")"
        cp "$work/x/package/$f" "$static/$name/$f"
    done
    echo "$spec" > "$static/$name/VERSION"
    rm -rf "$work/x" "$tgz"
    echo "vendored $spec"
}

fetch leaflet@1.9.4 LICENSE dist/leaflet.js dist/leaflet.css \
    dist/images/layers.png dist/images/layers-2x.png dist/images/marker-icon.png \
    dist/images/marker-icon-2x.png dist/images/marker-shadow.png
fetch jquery@3.7.1 LICENSE.txt dist/jquery.min.js
fetch bootstrap@5.2.2 LICENSE dist/js/bootstrap.bundle.min.js dist/css/bootstrap.min.css
fetch leaflet.awesome-markers@2.0.5 LICENSE dist/leaflet.awesome-markers.js \
    dist/leaflet.awesome-markers.css

# Map furniture plugins (maintained, on npm; versions and licences recorded in VERSION and the
# copied licence file of each folder). portgeo's own script and styles are in
# portgeo/maps/static/portgeo/ (not fetched: they are part of portgeo).
fetch leaflet.markercluster@1.5.3 MIT-LICENCE.txt dist/leaflet.markercluster.js \
    dist/MarkerCluster.css dist/MarkerCluster.Default.css
fetch leaflet.fullscreen@5.3.3 LICENSE.md dist/Control.FullScreen.umd.js dist/Control.FullScreen.css
fetch leaflet-search@4.0.0 license.txt dist/leaflet-search.min.js dist/leaflet-search.min.css \
    images/search-icon.png images/loader.gif
fetch leaflet.polylinemeasure@3.0.0 LICENSE.txt Leaflet.PolylineMeasure.js \
    Leaflet.PolylineMeasure.css
