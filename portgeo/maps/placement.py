"""Labels that never collide on a printed page: greedy placement by priority.

Each label is tried at up to eight places around its point (right, left, above, below, then
the diagonals), in priority order (most important first); it takes the first place whose box
overlaps no label already placed, no marker and no reserved area (legend, inset, scale bar),
and stays inside the frame. A label that finds no place against the markers gets a second
try in which markers may be covered but labels still may not; a label that still finds none
is left out (and counted). The boxes are in page pixels; the caller measures the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Box", "LabelRequest", "PlacedLabel", "boxes_overlap", "place_labels"]

#: A rectangle in page pixels: (x0, y0, x1, y1), y up.
Box = tuple[float, float, float, float]

#: Where a label may sit around its point: (dx sign, dy sign, horizontal, vertical alignment).
_SPOTS: tuple[tuple[int, int, str, str], ...] = (
    (1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
    (0, -1, "center", "top"), (1, 1, "left", "bottom"), (1, -1, "left", "top"),
    (-1, 1, "right", "bottom"), (-1, -1, "right", "top"),
)  # fmt: skip


@dataclass(frozen=True)
class LabelRequest:
    """One label to place.

    Attributes
    ----------
    x, y : float
        Its point in page pixels.
    width, height : float
        The text's box in pixels.
    gap : float
        Distance from the point to the box (the marker's radius and a little); 0 centres the
        label on its point (a country's or a sea's name) and allows no other place.
    key : object
        The caller's handle, returned with the placement.
    """

    x: float
    y: float
    width: float
    height: float
    gap: float
    key: Any = None


@dataclass(frozen=True)
class PlacedLabel:
    """Where a label went: its box and the text alignment at its anchor point."""

    request: LabelRequest
    box: Box
    anchor: tuple[float, float]
    ha: str
    va: str


def boxes_overlap(a: Box, b: Box) -> bool:
    """Tell whether two boxes share an area (touching edges do not count).

    Parameters
    ----------
    a, b : Box

    Returns
    -------
    bool
    """
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _spot(req: LabelRequest, dx: int, dy: int, ha: str, va: str) -> tuple[Box, tuple[float, float]]:
    ax = req.x + dx * req.gap * (0.75 if dy else 1.0)
    ay = req.y + dy * req.gap * (0.75 if dx else 1.0)
    x0 = {"left": ax, "right": ax - req.width, "center": ax - req.width / 2}[ha]
    y0 = {"bottom": ay, "top": ay - req.height, "center": ay - req.height / 2}[va]
    return (x0, y0, x0 + req.width, y0 + req.height), (ax, ay)


def place_labels(
    requests: Sequence[LabelRequest],
    *,
    frame: Box,
    markers: Sequence[Box] = (),
    reserved: Sequence[Box] = (),
    pad: float = 1.0,
    on_skip: Callable[[LabelRequest], None] | None = None,
) -> list[PlacedLabel]:
    """Place labels in the given order so that no two overlap.

    Parameters
    ----------
    requests : sequence of LabelRequest
        In priority order, most important first.
    frame : Box
        Labels stay inside it.
    markers : sequence of Box
        Markers a label should not cover (covered only when there is no other place).
    reserved : sequence of Box
        Areas no label may cover (legend, inset, scale bar, north arrow).
    pad : float, default 1
        Pixels of space kept between two labels.
    on_skip : callable, optional
        Called with each label that found no place.

    Returns
    -------
    list of PlacedLabel
        The labels placed, in the order given (those without a place left out).
    """
    placed: list[PlacedLabel] = []
    taken: list[Box] = list(reserved)
    for req in requests:
        spots = _SPOTS[:1] if req.gap == 0 else _SPOTS
        choice = None
        for avoid_markers in (True, False):
            for dx, dy, ha, va in spots:
                if req.gap == 0:
                    ha, va, dx = "center", "center", 0
                box, anchor = _spot(req, dx, dy, ha, va)
                if not (frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1]
                        and box[3] <= frame[3]):  # fmt: skip
                    continue
                padded = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
                if any(boxes_overlap(padded, t) for t in taken):
                    continue
                if avoid_markers and any(boxes_overlap(box, mk) for mk in markers):
                    continue
                choice = PlacedLabel(req, box, anchor, ha, va)
                break
            if choice is not None or req.gap == 0:
                break
        if choice is None:
            if on_skip is not None:
                on_skip(req)
            continue
        placed.append(choice)
        taken.append(choice.box)
    return placed
