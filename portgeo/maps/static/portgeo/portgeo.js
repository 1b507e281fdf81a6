/* portgeo map furniture: opening view, basemaps, labels, legend that follows the layers, search,
 * print. Part of portgeo (MIT). Every map calls portgeo.setup(map, config) once, after its
 * layers and its layer control exist; config is written by portgeo.maps.furniture. */
(function () {
  "use strict";
  // basemaps are switched in the page, so the map itself bounds the zoom (marker clusters ask)
  L.Map.mergeOptions({maxZoom: 18});

  // --- WGS84 -> GCJ-02 (the published forward transform; Amap tiles are drawn in GCJ-02) -------
  var A = 6378245.0, EE = 0.00669342162296594323;
  function inChina(lon, lat) {
    return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
  }
  function delta(lon, lat) {
    var x = lon - 105.0, y = lat - 35.0, s = Math.sqrt(Math.abs(x)), PI = Math.PI;
    var dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * s;
    dlat += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    dlat += (20.0 * Math.sin(y * PI) + 40.0 * Math.sin(y / 3.0 * PI)) * 2.0 / 3.0;
    dlat += (160.0 * Math.sin(y / 12.0 * PI) + 320 * Math.sin(y * PI / 30.0)) * 2.0 / 3.0;
    var dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * s;
    dlon += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    dlon += (20.0 * Math.sin(x * PI) + 40.0 * Math.sin(x / 3.0 * PI)) * 2.0 / 3.0;
    dlon += (150.0 * Math.sin(x / 12.0 * PI) + 300.0 * Math.sin(x / 30.0 * PI)) * 2.0 / 3.0;
    var rad = lat / 180.0 * PI, magic = Math.sin(rad);
    magic = 1 - EE * magic * magic;
    var sq = Math.sqrt(magic);
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sq) * PI);
    dlon = (dlon * 180.0) / (A / sq * Math.cos(rad) * PI);
    return [dlon, dlat];
  }
  function toGcj(latlng) {
    if (!inChina(latlng.lng, latlng.lat)) { return latlng; }
    var d = delta(latlng.lng, latlng.lat);
    return L.latLng(latlng.lat + d[1], latlng.lng + d[0]);
  }

  // A tile layer in GCJ-02 (Amap) shown under WGS84 overlays: each tile is moved by the GCJ-02
  // offset at its centre (a few hundred metres: under a pixel up to zoom 8).
  var GcjTileLayer = L.TileLayer.extend({
    _getTilePos: function (coords) {
      var pos = L.TileLayer.prototype._getTilePos.call(this, coords);
      var size = this.getTileSize();
      var centre = this._map.unproject(coords.scaleBy(size).add(size.divideBy(2)), coords.z);
      var shift = this._map.project(toGcj(centre), coords.z)
        .subtract(this._map.project(centre, coords.z));
      return pos.subtract(shift);
    }
  });

  // Tianditu needs a key: asked for once in the page and kept in this browser only.
  var TiandituLayer = L.TileLayer.extend({
    getTileUrl: function (coords) {
      this.options.tk = this.options.tk || window.localStorage.getItem("portgeo.tianditu") || "";
      return L.TileLayer.prototype.getTileUrl.call(this, coords);
    },
    onAdd: function (map) {
      var key = window.localStorage.getItem("portgeo.tianditu");
      if (!key && window.prompt) {
        key = window.prompt(this.options.prompt, "");
        if (key) { window.localStorage.setItem("portgeo.tianditu", key.trim()); }
      }
      this.options.tk = key || "";
      return L.TileLayer.prototype.onAdd.call(this, map);
    }
  });

  function makeBase(b) {
    var opts = {attribution: b.attr, maxZoom: b.maxZoom || 18, subdomains: b.subdomains || "abc",
                prompt: b.prompt};
    if (b.kind === "none") { return L.layerGroup(); }
    if (b.kind === "amap") { return new GcjTileLayer(b.url, opts); }
    if (b.kind === "tianditu") {
      var g = L.layerGroup([new TiandituLayer(b.url, opts), new TiandituLayer(b.labels, opts)]);
      return g;
    }
    return L.tileLayer(b.url, opts);
  }

  // --- geometry helpers -------------------------------------------------------------------------
  function overlaps(a, b) {
    return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
  }
  function wideControls(map, corner, minWidth) {
    var el = map.getContainer().querySelector(".leaflet-" + corner);
    var width = 0;
    if (!el) { return 0; }
    Array.prototype.forEach.call(el.children, function (c) {
      if (c.offsetWidth > minWidth && c.offsetParent !== null) {
        width = Math.max(width, c.offsetWidth);
      }
    });
    return width;
  }

  function setup(map, cfg, control) {
    var container = map.getContainer();
    if (map.attributionControl) { map.attributionControl.setPrefix(false); }
    control = control || null;

    // basemaps: the offline one by default, tiles one click away in the layer control
    (cfg.basemaps || []).forEach(function (b) {
      var layer = makeBase(b);
      layer.pgTiles = b.kind !== "none";
      if (control) { control.addBaseLayer(layer, b.name); }
      if (b.active) { layer.addTo(map); container.classList.toggle("pg-tiles", layer.pgTiles); }
    });
    map.on("baselayerchange", function (e) {
      container.classList.toggle("pg-tiles", !!e.layer.pgTiles);
    });

    // labels: one group per data layer, shown with it, placed by priority (lower rank first).
    // An item is [lat, lon, html, rank, css class, gap, name]: gap is the radius of the point
    // the label names plus a margin (the label goes beside it), or -1 for a label centred on
    // its point (a country, a sea). A label that fits nowhere is hidden until it fits.
    var groups = [];
    (cfg.labels || []).forEach(function (g) {
      var owner = window[g.layer];
      var group = L.layerGroup();
      g.items.forEach(function (it) {
        var icon = L.divIcon({className: "pg-label " + (it[4] || ""), html: it[2],
                              iconSize: null, iconAnchor: [0, 0]});
        var mk = L.marker([it[0], it[1]], {icon: icon, interactive: false, keyboard: false,
                                           pane: "pgLabels"});
        mk.pgRank = it[3];
        mk.pgGap = it[5];
        mk.pgName = it[6] || "";
        group.addLayer(mk);
      });
      groups.push({owner: owner, group: group});
      // marker clusters regroup with an animation after a zoom: place the labels again after it
      if (owner && owner.on) { owner.on("animationend", function () { declutter(); }); }
    });
    var labelsOn = true;
    function syncLabels() {
      groups.forEach(function (g) {
        var want = labelsOn && (!g.owner || map.hasLayer(g.owner));
        if (want && !map.hasLayer(g.group)) { g.group.addTo(map); }
        if (!want && map.hasLayer(g.group)) { map.removeLayer(g.group); }
      });
    }
    // where a label may go around its point (dx, dy of its top left corner), in order
    function spots(gap, w, h) {
      if (gap < 0) {  // a name over an area: its point, else nudged beside it
        return [[-w / 2, -h / 2], [0, -h / 2], [-w, -h / 2], [-w / 2, 0], [-w / 2, -h],
                [0, 0], [-w, -h], [0, -h], [-w, 0]];
      }
      var d = gap * 0.75;
      return [[gap, -h / 2], [-gap - w, -h / 2], [-w / 2, -gap - h + 2], [-w / 2, gap - 2],
              [d, -d - h + 3], [d, d - 3], [-d - w, -d - h + 3], [-d - w, d - 3]];
    }
    // the points drawn on the map: a label avoids markers where it can, and never covers a
    // place's symbol or a cluster's count (those are in blocked)
    function pointBoxes(box) {
      var out = [];
      map.eachLayer(function (l) {
        if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l._map) {
          var p = map.latLngToContainerPoint(l.getLatLng()).round(), r = l.getRadius() + 1;
          out.push({left: box.left + p.x - r, top: box.top + p.y - r,
                    right: box.left + p.x + r, bottom: box.top + p.y + r});
        }
      });
      return out;
    }
    // each layer clusters its own markers, so two layers' counts can stack on one town: a
    // count that would cover one already placed (the larger first) is moved aside, by the
    // least of a few steps that clears it, and back when it no longer needs to
    function spreadClusters() {
      var els = Array.prototype.filter.call(container.querySelectorAll(".pg-cluster"),
                                            function (el) { return el.offsetParent !== null; });
      var items = els.map(function (el) {
        if (!el.hasAttribute("data-pg-margin")) {
          el.setAttribute("data-pg-margin", el.style.marginLeft + " " + el.style.marginTop);
        }
        var base = el.getAttribute("data-pg-margin").split(" ").map(parseFloat);
        var r = el.getBoundingClientRect();
        var dx = base[0] - (parseFloat(el.style.marginLeft) || 0);
        var dy = base[1] - (parseFloat(el.style.marginTop) || 0);
        return {el: el, base: base, n: Number(el.textContent) || 0,
                r: {left: r.left + dx - 1, top: r.top + dy - 1, right: r.right + dx + 1,
                    bottom: r.bottom + dy + 1}};
      });
      items.sort(function (a, b) { return b.n - a.n; });
      var steps = [[0, 0]];
      [12, 18, 24, 30].forEach(function (d) {
        for (var k = 0; k < 8; k++) {
          var a = Math.PI / 4 * k;
          steps.push([Math.round(d * Math.cos(a)), Math.round(d * Math.sin(a))]);
        }
      });
      var kept = [];
      items.forEach(function (it) {
        var shift = steps[0];
        for (var i = 0; i < steps.length; i++) {
          var s = steps[i], r = {left: it.r.left + s[0], top: it.r.top + s[1],
                                 right: it.r.right + s[0], bottom: it.r.bottom + s[1]};
          if (!kept.some(function (k) { return overlaps(k, r); })) { shift = s; break; }
        }
        it.el.style.marginLeft = (it.base[0] + shift[0]) + "px";
        it.el.style.marginTop = (it.base[1] + shift[1]) + "px";
        kept.push({left: it.r.left + shift[0], top: it.r.top + shift[1],
                   right: it.r.right + shift[0], bottom: it.r.bottom + shift[1]});
      });
    }
    function declutter() {
      spreadClusters();
      var all = [];
      groups.forEach(function (g) {
        if (map.hasLayer(g.group)) { g.group.eachLayer(function (m) { all.push(m); }); }
      });
      all.sort(function (a, b) { return a.pgRank - b.pgRank; });
      var blocked = [];
      document.querySelectorAll(".portgeo-title, .portgeo-legend, .portgeo-inset, " +
                                 ".portgeo-source, .portgeo-panel, .leaflet-control")
        .forEach(function (el) {
          if (el.offsetParent !== null) { blocked.push(el.getBoundingClientRect()); }
        });
      container.querySelectorAll(".pg-symbol, .pg-cluster").forEach(function (el) {
        if (el.offsetParent !== null) { blocked.push(el.getBoundingClientRect()); }
      });
      var box = container.getBoundingClientRect();
      var points = pointBoxes(box);
      // measure every label once (one layout), then place them
      var items = [];
      all.forEach(function (m) {
        var el = m.getElement();
        if (el) { el.style.display = ""; items.push({m: m, el: el}); }
      });
      items.forEach(function (it) {
        it.w = it.el.offsetWidth;
        it.h = it.el.offsetHeight;
        it.p = map.latLngToContainerPoint(it.m.getLatLng()).round();  // as Leaflet puts icons
      });
      var kept = [];
      function free(r, others) { return !others.some(function (k) { return overlaps(k, r); }); }
      items.forEach(function (it, i) {
        var m = it.m, p = it.p;
        // the points of the labels still to come, of about the same priority: a label leaves
        // them room where it can (a capital's name does not take its neighbour's only spot)
        var pending = [];
        for (var j = i + 1; j < items.length && items[j].m.pgRank <= m.pgRank + 1; j++) {
          var q = items[j].p;
          pending.push({left: box.left + q.x - 7, top: box.top + q.y - 7,
                        right: box.left + q.x + 7, bottom: box.top + q.y + 7});
        }
        var twin = m.pgName && kept.some(function (k) {
          return k.name === m.pgName && map.distance(k.latlng, m.getLatLng()) < 60000;
        });
        var best = null;
        if (!twin) {
          var cands = spots(m.pgGap, it.w, it.h).map(function (s) {
            var left = box.left + p.x + s[0], top = box.top + p.y + s[1];
            return {s: s, r: {left: left - 1, top: top, right: left + it.w + 1,
                              bottom: top + it.h}};
          }).filter(function (c) {
            return c.r.left >= box.left && c.r.right <= box.right && c.r.top >= box.top &&
                   c.r.bottom <= box.bottom && free(c.r, blocked) &&
                   free(c.r, kept.map(function (k) { return k.r; }));
          });
          // the spot clear of everything first; a spot over a marker before one over a place
          // whose name is still to come; the first in order among equals
          cands.forEach(function (c) {
            c.cost = (free(c.r, points) ? 0 : 1) + (free(c.r, pending) ? 0 : 2);
          });
          best = cands.reduce(function (a, c) { return !a || c.cost < a.cost ? c : a; }, null);
        }
        it.el.setAttribute("data-rank", m.pgRank);
        if (best) {
          it.el.style.marginLeft = best.s[0] + "px";
          it.el.style.marginTop = best.s[1] + "px";
          kept.push({r: best.r, name: m.pgName, latlng: m.getLatLng()});
        } else {
          it.el.style.display = "none";
        }
      });
    }
    if (groups.length && control) {
      var toggle = L.layerGroup();
      control.addOverlay(toggle, cfg.labelToggle);
      toggle.addTo(map);
      map.on("overlayadd overlayremove", function (e) {
        if (e.layer === toggle) { labelsOn = e.type === "overlayadd"; }
      });
    }

    // legend rows follow the layers they describe
    function syncLegend() {
      container.querySelectorAll(".portgeo-legend [data-layers]").forEach(function (row) {
        var names = row.getAttribute("data-layers").split(" ");
        var on = names.some(function (n) { return window[n] && map.hasLayer(window[n]); });
        row.style.display = on ? "" : "none";
      });
    }

    // every finished layout (the opening view, a print frame, a layer switched on or off) is
    // counted in data-portgeo-layouts: pictures and tests wait for it, never for a fixed time
    var layouts = 0;
    function laidOut() {
      declutter();
      layouts += 1;
      container.setAttribute("data-portgeo-layouts", String(layouts));
    }
    function refresh() { syncLabels(); syncLegend(); laidOut(); }
    map.on("overlayadd overlayremove", function () { window.setTimeout(refresh, 0); });
    map.on("zoomend moveend", declutter);

    // search by name: the real markers, each opened where it is (its layer switched on)
    if (cfg.search && cfg.search.length && L.Control.Search) {
      var byName = {};
      var records = [];
      cfg.search.forEach(function (s) {
        var mk = window[s[1]];
        if (!mk || byName[s[0]]) { return; }
        var ll = mk.getLatLng();
        byName[s[0]] = byName[ll.lat + "," + ll.lng] = {marker: mk, owner: s[2] ? window[s[2]] : null};
        records.push({title: s[0], loc: [ll.lat, ll.lng]});
      });
      var search = new L.Control.Search({
        sourceData: function (text, callResponse) { callResponse(records); return {abort: function () {}}; },
        propertyName: "title", propertyLoc: "loc", position: "topright", initial: false,
        buildTip: function (text) {  // as text, never as markup: names come from users' files
          var li = document.createElement("li");
          li.textContent = text;
          return li;
        },
        marker: false, zoom: 9, delayType: 80, firstTipSubmit: true, textPlaceholder: cfg.searchText.search,
        textErr: cfg.searchText.not_found, textCancel: cfg.searchText.cancel, autoCollapse: true
      });
      search.on("search:locationfound", function (e) {
        // the control empties its box before it says what was found: the place tells
        var hit = byName[e.text] || byName[e.latlng.lat + "," + e.latlng.lng];
        if (!hit) { return; }
        if (hit.owner && !map.hasLayer(hit.owner)) { hit.owner.addTo(map); }
        window.setTimeout(function () {
          if (hit.owner && hit.owner.zoomToShowLayer) {
            hit.owner.zoomToShowLayer(hit.marker, function () { hit.marker.openPopup(); });
          } else if (hit.marker.getPopup()) { hit.marker.openPopup(); }
        }, 350);
      });
      map.addControl(search);
      // Chinese is typed through an input method (and pasted): the box says so with "input"
      // events, not the key events the control listens to, so it is told here too
      L.DomEvent.on(search._input, "input", function () {
        window.clearTimeout(search.timerKeypress);
        search.timerKeypress = window.setTimeout(function () {
          if (search._input.value.length) { search._fillRecordsCache(); }
        }, 80);
      });
    }

    // panels in the upper left stop above the legend and the note in the lower left
    function sizePanels() {
      var low = container.querySelector(".leaflet-bottom.leaflet-left");
      var floor = window.innerHeight;
      if (low) {
        Array.prototype.forEach.call(low.children, function (c) {
          if (c.offsetParent !== null) { floor = Math.min(floor, c.getBoundingClientRect().top); }
        });
      }
      container.querySelectorAll(".leaflet-top.leaflet-left .pg-panel-body").forEach(function (b) {
        b.style.maxHeight = Math.max(80, floor - b.getBoundingClientRect().top - 22) + "px";
      });
    }
    container.querySelectorAll(".portgeo-panel details").forEach(function (d) {
      d.addEventListener("toggle", sizePanels);
    });

    // the opening view: every control measured, so none covers the area it frames
    function fit() {
      sizePanels();
      var title = document.querySelector(".portgeo-title");
      var top = title ? title.offsetTop + title.offsetHeight + 8 : 8;
      var left = Math.max(wideControls(map, "top.leaflet-left", 0),
                          wideControls(map, "bottom.leaflet-left", 0));
      var right = Math.max(wideControls(map, "top.leaflet-right", 0),
                           wideControls(map, "bottom.leaflet-right", 0));
      var pad = {paddingTopLeft: [left ? left + 14 : 10, top],
                 paddingBottomRight: [right ? right + 14 : 10, 10]};
      if (cfg.maxZoom) { pad.maxZoom = cfg.maxZoom; }
      pad.animate = false;  // the view is there at once: pictures and print take it as is
      map.fitBounds(cfg.bounds, pad);
      L.Popup.prototype.options.autoPanPaddingTopLeft = L.point(10, top);
    }
    map.pgFit = fit;
    syncLabels();
    syncLegend();
    fit();
    window.setTimeout(declutter, 0);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(declutter); }
    // the system's CJK font can come after fonts.ready: place the labels again once it has
    window.setTimeout(declutter, 250);
    window.setTimeout(function () {
      laidOut();  // the opening layout, counted in data-portgeo-layouts
      container.setAttribute("data-portgeo-labels", "placed");  // pictures wait for this
    }, 700);

    // print (and print emulation): the page's A4 frame, then the same view fitted again
    function reprint() {
      map.invalidateSize({pan: false});
      fit();
      window.setTimeout(laidOut, 0);
    }
    window.addEventListener("beforeprint", reprint);
    window.addEventListener("afterprint", reprint);
    if (window.matchMedia) {
      var mq = window.matchMedia("print");
      if (mq.addEventListener) { mq.addEventListener("change", reprint); }
    }
    window.addEventListener("resize", function () { window.setTimeout(reprint, 50); });
    container.setAttribute("data-portgeo-ready", "1");
  }

  window.portgeo = {setup: setup, toGcj: toGcj};
})();
