"""The numbers of each 专栏, read beside its map: one summary per kind of 专栏.

Each function answers what a planner asks of one kind of 专栏 (its ``role`` in
``data/plans/columns.csv``) by calling the analyses below it and returning plain tables:

- sea layout: :func:`cluster_summary`, :func:`layout_changes`, :func:`region_changes`;
- border layout: :func:`border_summary`, :func:`border_gaps`;
- air layout: :func:`hub_coverage` (circles, drive catchments, overlaps, uncovered ground);
- indicators: :func:`indicator_table`, :func:`assessed_ports`;
- admission: :func:`admission_thresholds`, :func:`open_port_sources`, :func:`eligibility_summary`,
  :func:`eligibility_people`;
- volumes: :func:`volume_standards`, :func:`volume_template_guide`;
- projects and programmes: :func:`project_counts`, :func:`project_lengths`;
- the comparison of a plan with its baseline: :func:`comparison_counts`, :func:`changed_ports`.

Tables keep the catalogue's codes (``kind``, ``status``, ``role``, ``action``, ``neighbor``,
``change``) and English column names, so they can be computed on;
:func:`portgeo.notebook.readable_table` turns them into the plans' words with Chinese headers.
Which plan and which 专栏 come from the registry; nothing here names a 专栏 or a plan.
"""

from __future__ import annotations

from portgeo.summaries.layout import (
    HubCoverage,
    border_gaps,
    border_summary,
    cluster_summary,
    comparison_pair,
    hub_coverage,
    layout_changes,
    region_changes,
)
from portgeo.summaries.projects import (
    changed_ports,
    comparison_counts,
    project_counts,
    project_lengths,
)
from portgeo.summaries.rules import (
    admission_thresholds,
    assessed_ports,
    eligibility_people,
    eligibility_summary,
    indicator_table,
    open_port_sources,
    volume_standards,
    volume_template_guide,
)

__all__ = [
    "HubCoverage",
    "admission_thresholds",
    "assessed_ports",
    "border_gaps",
    "border_summary",
    "changed_ports",
    "cluster_summary",
    "comparison_counts",
    "comparison_pair",
    "eligibility_people",
    "eligibility_summary",
    "hub_coverage",
    "indicator_table",
    "layout_changes",
    "open_port_sources",
    "project_counts",
    "project_lengths",
    "region_changes",
    "volume_standards",
    "volume_template_guide",
]
