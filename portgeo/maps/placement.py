"""Labels that never collide on a printed page: greedy placement by priority.

Each label is tried at up to eight places around its point (right, left, above, below, then
the diagonals), in priority order (most important first); it takes the first place whose box
overlaps no label already placed, no marker and no reserved area (legend, inset, scale bar),
and stays inside the frame. A label with no room there is tried farther out, at each distance
of ``reach``, in sixteen directions, tied to its point by a leader line that crosses no label.
A label that finds no place against the markers gets a second try in which markers may be
covered but labels still may not; a label that still finds none is left out (and counted: the
caller tries it again smaller). A name centred on its area (``gap`` 0: a country, a sea) may
move about its point instead, without a leader. The boxes are in page pixels; the caller
measures the text.
"""

from __future__ import annotations

import math
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
    leader: bool = False


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


def _far_spots(req: LabelRequest, reach: Sequence[float]) -> list[Box]:
    """Boxes farther from the point: sixteen directions at each distance of ``reach``.

    The box's side that faces the point is ``gap + reach`` from it (the box's centre is moved
    out along the direction by its half extent in that direction).
    """
    out = []
    for extra in reach:
        for i in range(16):
            ux, uy = math.cos(math.tau * i / 16), math.sin(math.tau * i / 16)
            d = req.gap + extra + req.width / 2 * abs(ux) + req.height / 2 * abs(uy)
            cx, cy = req.x + ux * d, req.y + uy * d
            out.append((cx - req.width / 2, cy - req.height / 2, cx + req.width / 2,
                        cy + req.height / 2))  # fmt: skip
    return out


def _nudged_spots(req: LabelRequest) -> list[tuple[Box, tuple[float, float]]]:
    """Boxes of a centred name moved about its point (up, down, aside), no leader."""
    out = []
    for fx, fy in ((0, 1), (0, -1), (0.5, 0), (-0.5, 0), (0.5, 1), (-0.5, 1), (0.5, -1),
                   (-0.5, -1), (0, 2), (0, -2)):  # fmt: skip
        ax, ay = req.x + fx * req.width, req.y + fy * req.height
        out.append(((ax - req.width / 2, ay - req.height / 2, ax + req.width / 2,
                     ay + req.height / 2), (ax, ay)))  # fmt: skip
    return out


def _crosses(a: tuple[float, float], b: tuple[float, float], boxes: Sequence[Box]) -> bool:
    """Tell whether the segment a-b passes through one of ``boxes`` (sampled every 2 px)."""
    n = max(2, int(math.hypot(b[0] - a[0], b[1] - a[1]) / 2))
    for i in range(1, n):
        x, y = a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n
        if any(t[0] < x < t[2] and t[1] < y < t[3] for t in boxes):
            return True
    return False


def place_labels(
    requests: Sequence[LabelRequest],
    *,
    frame: Box,
    markers: Sequence[Box] = (),
    reserved: Sequence[Box] = (),
    pad: float = 1.0,
    reach: Sequence[float] = (),
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
    reach : sequence of float, default ()
        Distances in pixels beyond ``gap`` at which a label with no room beside its point is
        tried, with a leader line (:attr:`PlacedLabel.leader`); empty: none.
    on_skip : callable, optional
        Called with each label that found no place.

    Returns
    -------
    list of PlacedLabel
        The labels placed, in the order given (those without a place left out).
    """
    placed: list[PlacedLabel] = []
    taken: list[Box] = list(reserved)
    labels: list[Box] = []
    for req in requests:
        choice = None
        for avoid_markers in (True, False):
            for box, anchor, ha, va, leader in _candidates(req, reach):
                if not (frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1]
                        and box[3] <= frame[3]):  # fmt: skip
                    continue
                padded = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
                if any(boxes_overlap(padded, t) for t in taken):
                    continue
                if avoid_markers and any(boxes_overlap(box, mk) for mk in markers):
                    continue
                if leader and _crosses((req.x, req.y), anchor, labels):
                    continue
                choice = PlacedLabel(req, box, anchor, ha, va, leader)
                break
            if choice is not None or req.gap == 0:  # a centred name never covers a marker
                break
        if choice is None:
            if on_skip is not None:
                on_skip(req)
            continue
        placed.append(choice)
        taken.append(choice.box)
        labels.append(choice.box)
    return placed


def _candidates(
    req: LabelRequest, reach: Sequence[float]
) -> list[tuple[Box, tuple[float, float], str, str, bool]]:
    """Every place a label may take, nearest first: (box, anchor, ha, va, leader)."""
    if req.gap == 0:
        box, anchor = _spot(req, 0, 0, "center", "center")
        return [(box, anchor, "center", "center", False),
                *((b, a, "center", "center", False) for b, a in _nudged_spots(req))]  # fmt: skip
    near = [(*_spot(req, dx, dy, ha, va), ha, va, False) for dx, dy, ha, va in _SPOTS]
    far = [(b, ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2), "center", "center", True)
           for b in _far_spots(req, reach)]  # fmt: skip
    return [*near, *far]
