"""The views: each turns the model into a `Graph` showing one aspect of governance."""

from __future__ import annotations

from govdsl.render.views import accountability, conflicts, delegation, membership, structure

VIEWS = {
    "structure": structure.build,
    "accountability": accountability.build,
    "delegation": delegation.build,
    "conflicts": conflicts.build,
    "membership": membership.build,
}

DESCRIPTIONS = {
    "structure": "the org chart: system, sub-systems, places and neighbourhoods, with the bodies and forums at each",
    "accountability": "who is accountable to whom, who reports to and assures whom, who advises, and the arbiter",
    "delegation": "the functions-and-decisions map: who delegates what to whom, with limits and legal basis",
    "conflicts": "people, the organisations they have interests in, and the decisions where those meet",
    "membership": "who sits where, and in what capacity",
}
