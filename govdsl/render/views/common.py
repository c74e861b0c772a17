"""Nodes for the model's entities, the same in every view."""

from __future__ import annotations

from govdsl.model import vocabulary as v
from govdsl.model.types import Forum, Model, Organisation, Person, PooledFund, Tier
from govdsl.render.graph import Cluster, Node
from govdsl.render.style import organisation_style
from govdsl.text import money


def entity_node(model: Model, id: str, cluster: str | None = None, detail: str | None = None) -> Node | None:
    entity = model.entity(id)
    if isinstance(entity, Organisation):
        kind = v.ORGANISATION_KINDS[entity.kind]
        return Node(id, entity.title, detail if detail is not None else kind.label, organisation_style(entity.kind, entity.sector), cluster)
    if isinstance(entity, Forum):
        label = v.FORUM_KINDS[entity.kind].label
        if entity.model:
            label += f" ({v.FORUM_KINDS[entity.kind].model_words[entity.model].label})"
        return Node(id, entity.title, detail if detail is not None else label, v.FORUM_KINDS[entity.kind].style, cluster)
    if isinstance(entity, Person):
        post = entity.posts[0] if entity.posts else None
        if detail is None and post is not None:
            at = model.entity(post.organisation) if post.organisation else None
            detail = (post.title or v.POST_ROLES[post.role].label) + (f", {at.title}" if at is not None else "")
        return Node(id, entity.name, detail or "", "person", cluster)
    if isinstance(entity, PooledFund):
        return Node(id, entity.title, detail if detail is not None else f"pooled fund {money(entity.total)}", "fund", cluster)
    if isinstance(entity, Tier):
        return Node(id, entity.title, v.TIER_KINDS[entity.kind].label, "other", cluster)
    return None


def tier_clusters(model: Model) -> tuple[Cluster, ...]:
    """Clusters for the tiers, parents before children."""
    by_id = {t.id: t for t in model.tiers}
    ordered, placed = [], set()

    def place(tier: Tier, seen=()):
        if tier.id in placed or tier.id in seen:
            return
        if tier.parent in by_id:
            place(by_id[tier.parent], (*seen, tier.id))
        placed.add(tier.id)
        population = f" · {tier.population:,} people" if tier.population else ""
        label = f"{tier.title} ({v.TIER_KINDS[tier.kind].label}{population})"
        ordered.append(Cluster(tier.id, label, tier.parent if tier.parent in by_id else None, tier.kind))

    for tier in model.tiers:
        place(tier)
    return tuple(ordered)
