"""The furniture of a map page: its controls, its script, and ids that do not change.

What a briefing map carries besides its data: the opening view fitted to China (or to the
data) around the controls, the basemaps offered in the layer control, permanent labels that
give way to one another, a legend that follows the layers, search by name, distance
measurement, full screen, marker clusters where markers stack, a north arrow, the 南海诸岛
inset, and print to A4. portgeo's own script (``static/portgeo/portgeo.js``) does the page work;
the plugins are vendored from npm (``tools/vendor_assets.sh``) and inlined like Leaflet.

This module knows nothing of plans or geometry: :mod:`portgeo.maps.components` builds the map
with these elements and :mod:`portgeo.maps.boundary` draws China's map into it.
"""

from __future__ import annotations

import html
import itertools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

import branca.element
import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from portgeo.maps.style import PALETTE, text

__all__ = [
    "BASEMAP_TILES",
    "ClusterGroup",
    "HtmlControl",
    "PageScript",
    "Setup",
    "literal_macro_output",
    "north_arrow_svg",
    "render_page",
    "renumber_elements",
]

#: Tile basemaps offered in every map's layer control (name, kind, URL, attribution).
BASEMAP_TILES: dict[str, dict[str, Any]] = {
    "none": {"name": "无底图 offline (no tiles)", "kind": "none", "attr": ""},
    "osm": {
        "name": "OpenStreetMap",
        "kind": "osm",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attr": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
        "contributors",
        "maxZoom": 19,
    },
    "amap": {
        "name": "高德 Amap (GCJ-02, tiles shifted)",
        "kind": "amap",
        "url": "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8"
        "&x={x}&y={y}&z={z}",
        "attr": "&copy; 高德地图 AutoNavi",
        "subdomains": "1234",
        "maxZoom": 18,
    },
    "tianditu": {
        "name": "天地图 Tianditu",
        "kind": "tianditu",
        "url": "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
        "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
        "&TILECOL={x}&tk={tk}",
        "labels": "https://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile"
        "&VERSION=1.0.0&LAYER=cva&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}"
        "&TILEROW={y}&TILECOL={x}&tk={tk}",
        "attr": "&copy; 天地图 Tianditu (国家地理信息公共服务平台)",
        "subdomains": "01234567",
        "maxZoom": 18,
    },
}

_NPM = "https://cdn.jsdelivr.net/npm"


def _script_text() -> str:
    path = resources.files("portgeo.maps") / "static" / "portgeo" / "portgeo.js"
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


class PageScript(JSCSSMixin, MacroElement):
    """portgeo's page script (always inline) and the plugins it uses (inlined on export).

    The plugins are named by their npm URLs at the vendored versions; :func:`portgeo.maps.
    assets.inline_assets` replaces each by its vendored copy in ``static/``.
    """

    default_js = [  # noqa: RUF012 - folium's JSCSSMixin reads these class lists
        ("markercluster", f"{_NPM}/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js"),
        ("fullscreen", f"{_NPM}/leaflet.fullscreen@5.3.3/dist/Control.FullScreen.umd.js"),
        ("search", f"{_NPM}/leaflet-search@4.0.0/dist/leaflet-search.min.js"),
        ("measure", f"{_NPM}/leaflet.polylinemeasure@3.0.0/Leaflet.PolylineMeasure.js"),
    ]
    default_css = [  # noqa: RUF012
        ("markercluster_css", f"{_NPM}/leaflet.markercluster@1.5.3/dist/MarkerCluster.css"),
        ("fullscreen_css", f"{_NPM}/leaflet.fullscreen@5.3.3/dist/Control.FullScreen.css"),
        ("search_css", f"{_NPM}/leaflet-search@4.0.0/dist/leaflet-search.min.css"),
        ("measure_css", f"{_NPM}/leaflet.polylinemeasure@3.0.0/Leaflet.PolylineMeasure.css"),
    ]
    _template = Template(
        "{% macro header(this, kwargs) %}<script>/* portgeo/maps/static/portgeo/portgeo.js */\n"
        "{{ this.code }}</script>{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "PortgeoScript"
        self.code = _script_text()


class HtmlControl(MacroElement):
    """A Leaflet control holding static HTML (legend, source note, inset, panels)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
{{ this.get_name() }}.onAdd = function (map) {
    var div = L.DomUtil.create('div', {{ this.css_class|tojson }});
    div.innerHTML = {{ this.render_json() }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
};
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(
        self, *, css_class: str, position: str, html_fn: Callable[[], str], name: str
    ) -> None:
        super().__init__()
        self._name = name
        self.css_class = css_class
        self.position = position
        self._html_fn = html_fn

    def render_html(self) -> str:
        """Return the control's inner HTML (evaluated at render time)."""
        return self._html_fn()

    def render_json(self) -> str:
        """Return the inner HTML as a JavaScript string literal (UTF-8, ``</`` escaped)."""
        return json.dumps(self.render_html(), ensure_ascii=False).replace("</", "<\\/")


class ClusterGroup(folium.map.Layer):
    """A toggleable layer whose markers cluster where they stack, and spiderfy when clicked.

    Leaflet.markercluster with a small radius: only markers that (nearly) coincide on screen
    form a cluster, shown as a small count; clicking one whose markers share a place spreads
    them out (spiderfy).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.markerClusterGroup({
    maxClusterRadius: {{ this.radius }}, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    spiderfyDistanceMultiplier: 1.6,
    iconCreateFunction: function (c) {
        return L.divIcon({html: String(c.getChildCount()), className: "pg-cluster",
                          iconSize: [20, 20]});
    }
});
{% endmacro %}"""
    )

    def __init__(self, name: str, *, show: bool = True, radius: int = 14) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "ClusterGroup"
        self.radius = int(radius)


class Setup(MacroElement):
    """The last script of a map: ``portgeo.setup(map, config)``, config computed at render."""

    _template = Template(
        """{% macro script(this, kwargs) %}
portgeo.setup({{ this._parent.get_name() }}, {{ this.config_json() }}, {{ this.control_js() }});
{% endmacro %}"""
    )

    def __init__(self, config: Callable[[], dict[str, Any]]) -> None:
        super().__init__()
        self._name = "PortgeoSetup"
        self._config = config

    def config_json(self) -> str:
        """Return the configuration as a JavaScript literal.

        Every ``<`` is written as a JavaScript unicode escape: a name from a user's file can
        neither close the script nor appear in the page as markup.
        """
        return json.dumps(self._config(), ensure_ascii=False).replace("<", "\\u003c")

    def control_js(self) -> str:
        """Return the layer control's variable (folium declares it with ``let``), or ``null``."""
        name = self._config().get("control")
        return str(name) if name else "null"


def north_arrow_svg(size: int = 34, *, lang: str = "zh") -> str:
    """Return a north arrow (指北针) as inline SVG.

    Parameters
    ----------
    size : int, default 34
        Height in pixels.
    lang : {"zh", "en"}, default "zh"
        Its letter: 北 or N.

    Returns
    -------
    str
    """
    w = size * 0.6
    ink, paper = PALETTE["ink"], PALETTE["paper"]
    north = html.escape(text("north", lang))
    return (
        f'<svg width="{w:.0f}" height="{size}" viewBox="0 0 20 34" role="img" '
        f'aria-label="{north}"><polygon points="10,2 16,22 10,18 4,22" fill="{ink}"/>'
        f'<polygon points="10,2 10,18 4,22" fill="{paper}" stroke="{ink}" stroke-width="0.8"/>'
        '<text x="10" y="33" text-anchor="middle" font-size="10" font-weight="600" '
        f'fill="{ink}">{north}</text></svg>'
    )


def legend_row_attrs(names: Sequence[str]) -> str:
    """Return the ``data-layers`` attribute of a legend row (empty when always shown).

    Parameters
    ----------
    names : sequence of str
        JavaScript variable names of the layers the row describes.

    Returns
    -------
    str
    """
    return f' data-layers="{html.escape(" ".join(names))}"' if names else ""


def renumber_elements(root: Element) -> None:
    """Give every element of a page a sequential id, so the same map renders the same bytes.

    branca and folium give each element a random id (``os.urandom``/``uuid4``), which becomes
    its JavaScript variable name: two builds of the same map would differ everywhere. This
    walks the element tree depth-first in the order the page renders it and numbers the
    elements from 0, re-keying each parent's children that were keyed by their old name.

    Parameters
    ----------
    root : branca.element.Element
        The page (``m.get_root()``) or a map.
    """
    counter = itertools.count()
    seen: set[int] = set()

    def visit(el: Element) -> None:
        if id(el) in seen:
            return
        seen.add(id(el))
        el._id = f"{next(counter):05d}"
        # children first: the page's header gains elements while it renders, and numbering it
        # last keeps the map's own numbers the same on every render
        children = getattr(el, "_children", None)
        if children:
            new: OrderedDict[str, Element] = OrderedDict()
            for key, child in children.items():
                was = child.get_name()
                visit(child)
                new[child.get_name() if key == was else key] = child
            el._children = new
        for attr, value in list(vars(el).items()):
            if attr != "_parent" and isinstance(value, Element):
                visit(value)

    visit(root)


def _elements(root: Element) -> list[Element]:
    out: list[Element] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        el = stack.pop()
        if id(el) in seen:
            continue
        seen.add(id(el))
        out.append(el)
        stack.extend(getattr(el, "_children", {}).values())
        stack.extend(v for k, v in vars(el).items() if k != "_parent" and isinstance(v, Element))
    return out


class _LiteralText:
    """Text that branca wraps as a template while rendering, kept as the text it is.

    branca renders each element's macros and then wraps the *rendered output* in a new
    ``Element(output)``, whose constructor compiles it as Jinja source
    (``branca.element.Element.__init__``, ``MacroElement.render``, ``Div.render``; folium's
    ``Popup``, ``Tooltip`` and ``IncludeStatement`` do the same). Any ``{{ … }}`` or ``{% … %}``
    in a name, a popup or a layer's data would then run as template code. This stand-in for
    :class:`jinja2.Template` renders to its source, unchanged.
    """

    def __init__(self, source: str, *args: Any, **kwargs: Any) -> None:
        self.source = source

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Return the text as given."""
        return self.source


_RENDER_LOCK = threading.RLock()


@contextmanager
def literal_macro_output() -> Iterator[None]:
    """Render folium/branca pages with every rendered fragment kept as text, never as code.

    While the context is open, ``branca.element.Template`` (what ``Element(text)`` compiles
    its text with) is :class:`_LiteralText`. Templates written in code (each element class's
    ``_template``) were compiled at import and are unaffected; only the re-wrapping of output,
    which holds the data, is made literal. A lock keeps renders in other threads from seeing
    a half-restored module.

    Yields
    ------
    None
    """
    with _RENDER_LOCK:
        original = branca.element.Template
        branca.element.Template = _LiteralText  # type: ignore[misc,assignment]
        try:
            yield
        finally:
            branca.element.Template = original  # type: ignore[misc]


def render_page(root: Element) -> str:
    """Render a page with sequential ids, leaving its element tree as it was.

    folium's ``render`` adds elements to the tree (each shown layer's ``addTo``, the page
    header's scripts); they are removed again afterwards, so rendering the same map twice, or
    two builds of the same map, gives the same bytes. Names and data reach the page as text
    only (:func:`literal_macro_output`): a ``{{ … }}`` in a user's file is shown, never run.

    Parameters
    ----------
    root : branca.element.Element
        The page (``m.get_root()``).

    Returns
    -------
    str
    """
    renumber_elements(root)
    saved = [(el, OrderedDict(el._children)) for el in _elements(root) if hasattr(el, "_children")]
    try:
        with literal_macro_output():
            return root.render()
    finally:
        for el, children in saved:
            el._children = children
