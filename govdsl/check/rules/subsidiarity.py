"""Subsidiarity and tiers: is each tier the size its name promises, and nested as a tree?"""

from __future__ import annotations

from govdsl.check.registry import Finding, Rule, register
from govdsl.diagnostics import Related, Severity
from govdsl.model import vocabulary as v


def _people(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f}".rstrip("0").rstrip(".") + "m"
    if n >= 1_000:
        return f"{n / 1_000:.0f}k"
    return str(n)


@register
class PopulationOutsideTierBand(Rule):
    """A tier's population is outside the usual band for its tier.

    ## What it does
    Compares the population of each system, sub-system, place and
    neighbourhood with the band NHS England uses for that tier: systems of
    1–3 million people, places of 250,000–500,000, neighbourhoods of
    30,000–50,000 (sub-systems: 0.5–1.5 million, a govdsl default). A
    population within 10% of a band's edge is reported as a note, further
    out as a warning. The bands and the tolerance can be set in
    `govdsl.toml` under `[thresholds]`.

    ## Why is this bad?
    The tiers are meant to put each decision at the scale where it can be
    taken best (subsidiarity). A "place" of 560,000 people may be too large
    for its partners to know their communities; a system under a million
    may be too small to plan acute services. Source: the tier sizes cited by
    Healthwatch England from NHS England/Improvement, and the King's Fund's
    "Place-based partnerships explained". These are guidance, not law.

    ## Example
    ```gov
    system calder_system "Calder system" {
      population: 2.1m
    }
    place calder "Calder" {
      within: calder_system
      population: 560k
    }
    ```

    ## Use instead
    ```gov
    system calder_system "Calder system" {
      population: 2.1m
    }
    place calder_north "Calder North" {
      within: calder_system
      population: 280k
    }
    place calder_south "Calder South" {
      within: calder_system
      population: 280k
    }
    ```
    Or, where a larger place is a deliberate choice, record it with
    `# govdsl: allow SUB001 because ...` above the place.
    """

    code = "SUB001"
    name = "population-outside-tier-band"
    severity = Severity.WARNING
    targets = ("tiers",)

    def check(self, tier, ctx):
        if tier.population is None:
            return
        low, high = getattr(ctx.thresholds, f"{tier.kind}_population")
        population = tier.population
        if low <= population <= high:
            return
        label = v.TIER_KINDS[tier.kind].label
        tolerance = ctx.thresholds.band_tolerance
        near = low * (1 - tolerance) <= population <= high * (1 + tolerance)
        side = "above" if population > high else "below"
        yield Finding(
            tier.span,
            f"{label} `{tier.id}` has {_people(population)} people, {side} the usual "
            f"{_people(low)}–{_people(high)} for a {label}",
            "Check the population, split or merge the tier, or record why it differs "
            "with `# govdsl: allow SUB001 because ...`.",
            severity=Severity.INFO if near else None,
        )
