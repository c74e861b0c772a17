"""Hypothesis strategies: valid `.gov` models built from the language's constructs,
and invalid ones made from them by mutation."""

from __future__ import annotations

from hypothesis import strategies as st

from govdsl.model import vocabulary as v

NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True).filter(lambda s: s not in ("include", "import"))
TITLES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\'),
    max_size=30,
)
DATES = st.dates(min_value=__import__("datetime").date(2015, 1, 1), max_value=__import__("datetime").date(2030, 12, 31))
MONEY = st.sampled_from(["£1.5m", "£250k", "£1,200,000", "£900", "£2bn", "£18m"])


def quoted(title: str) -> str:
    return '"' + title + '"'


@st.composite
def models(draw) -> str:
    """A model that resolves without errors (governance findings are allowed)."""
    names = draw(st.lists(NAMES, min_size=12, max_size=12, unique=True))
    system, place, icb, council, trust, board, committee, person_a, person_b, function, delegation, decision = names
    lines = []
    population = draw(st.sampled_from(["1.02m", "2_100_000", "950k", "3.3m"]))
    lines.append(f'system {system} {quoted(draw(TITLES))} {{\n  population: {population}\n  footprint: [{council}]\n  icb: {icb}\n}}')
    lines.append(f'place {place} {quoted(draw(TITLES))} {{\n  within: {system}\n  population: {draw(st.integers(1, 900))}k\n}}')
    lines.append(f'organisation {icb} {quoted(draw(TITLES))} {{\n  kind: icb\n  serves: {system}\n}}')
    council_kind = draw(st.sampled_from([k for k, o in v.ORGANISATION_KINDS.items() if o.council]))
    lines.append(f'organisation {council} {quoted(draw(TITLES))} {{ kind: {council_kind} }}')
    trust_kind = draw(st.sampled_from(["nhs_trust", "foundation_trust"]))
    services = draw(st.lists(st.sampled_from(list(v.SERVICES)), max_size=3, unique=True))
    lines.append(f'organisation {trust} {quoted(draw(TITLES))} {{\n  kind: {trust_kind}\n  services: [{", ".join(services)}]\n}}')
    for person, title in ((person_a, draw(TITLES)), (person_b, draw(TITLES))):
        expertise = draw(st.lists(st.sampled_from(list(v.EXPERTISE)), max_size=2, unique=True))
        body = [f"  expertise: [{', '.join(expertise)}]"]
        if draw(st.booleans()):
            itype = draw(st.sampled_from(list(v.INTEREST_TYPES)))
            action = draw(st.sampled_from(list(v.MANAGEMENT_ACTIONS)))
            start = draw(DATES)
            body.append(f"  interest: {itype} in {trust} from {start} declared {start} action {action}")
        else:
            body.append(f"  no_interests: {draw(DATES)}")
        lines.append(f"person {person} {quoted(title)} {{\n" + "\n".join(body) + "\n}")
    capacity = draw(st.sampled_from([c for c in v.CAPACITIES if c != "chair"]))
    method = draw(st.sampled_from(["consensus", "simple_majority", "unanimity", "two_thirds_majority"]))
    casting = " with casting_vote" if draw(st.booleans()) else ""
    lines.append(
        f"board {board} {quoted(draw(TITLES))} {{\n  parent: {icb}\n  quorum: {draw(st.integers(1, 3))} including [chair]\n"
        f"  decision: {method}{casting}\n  seat: {person_a} as chair from {draw(DATES)}\n  seat: {person_b} as {capacity}\n}}"
    )
    role = draw(st.sampled_from(list(v.FORUM_ROLES)))
    frequency = draw(st.sampled_from(list(v.FREQUENCIES)))
    lines.append(
        f"committee {committee} {quoted(draw(TITLES))} {{\n  parent: {board}\n  role: {role}\n  serves: {place}\n"
        f"  terms: {{\n    purpose: {quoted(draw(TITLES))}\n    frequency: {frequency}\n    meets_in_public: yes\n  }}\n"
        f"  quorum: 1\n  reports_to: {board}\n  seat: {person_b} as chair\n}}"
    )
    lines.append(f"function {function}.part {quoted(draw(TITLES))} {{\n  held_by: {icb}\n  scope: {place}\n}}")
    basis = draw(st.sampled_from(list(v.LEGAL_BASES)))
    lines.append(
        f"delegation {delegation} {quoted(draw(TITLES))} {{\n  from: {board}\n  to: {committee}\n  functions: [{function}.part]\n"
        f"  limit: {draw(MONEY)}\n  further_delegation: {draw(st.sampled_from(['yes', 'no']))}\n  basis: {basis}\n  reports_to: {board}\n}}"
    )
    lines.append(
        f"decision {decision} {quoted(draw(TITLES))} {{\n  forum: {committee}\n  date: {draw(DATES)}\n  affects: [{trust}]\n"
        f"  amount: {draw(MONEY)}\n  under: {delegation}\n}}"
    )
    order = draw(st.permutations(lines))
    return "\n\n".join(order) + "\n"


NOISE = ['"', "{", "}", "[", "]", ",", ":", "£", "#", "\n", " ", "\\", "\u202e", "é", "0", "x", "\x00", "\t", "%", "<"]


@st.composite
def mutated(draw) -> str:
    """A valid model with a few random edits: deletions, insertions, repeated or dropped lines."""
    text = draw(models())
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "insert", "duplicate_line", "drop_line", "truncate"]))
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)) :]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
        elif action in ("duplicate_line", "drop_line"):
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i : i + 1] = [lines[i], lines[i]] if action == "duplicate_line" else []
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text
