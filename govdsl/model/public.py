"""The publication version of a model (`--public`).

Registers and board papers are published, but not everything a secretariat
holds is published in practice: indirect interests (which name a spouse or
relative), interests marked `private: yes`, and private contact details are
left out. Every export, view and the handbook apply this one function, so the
rule is the same everywhere.
"""

from __future__ import annotations

import attrs

from govdsl.model.types import Model  # noqa: F401  (the type of `model`)


def publishable(interest) -> bool:
    return not interest.private and interest.type != "indirect"


def public_model(model: Model) -> Model:
    people = tuple(
        attrs.evolve(
            person,
            interests=tuple(i for i in person.interests if publishable(i)),
            contact=None,
        )
        for person in model.people
    )
    return model.replace(people=people)
