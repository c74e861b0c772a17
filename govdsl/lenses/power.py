"""The power lens: who can actually carry or block a vote in each forum.

For every forum with a decision rule and voting members, the forum's formal
voting rule is turned into a *voting game*: players with weights, and the
quota a coalition must reach to carry a motion. The game is played at three
levels, because the question "who holds power?" has three readings:

- **members**: each voting member is a player with the weight of their seat;
- **organisations**: members' votes are summed by the organisation they sit
  for (their seat's `for`, else their employer, else their post's
  organisation), as if each organisation's members voted together; a member
  with no organisation is a player on their own;
- **sectors**: the same, summed by sector (NHS, local government, ...).

For each game two standard power indices are computed exactly, as fractions:

- the normalised **Banzhaf** index: the share of all *swings* a player has
  (a swing is a winning coalition that loses when the player leaves);
- the **Shapley–Shubik** index (Shapley and Shubik 1954): the share of the
  orderings of all players in which the player is *pivotal* (the one whose
  joining first makes the coalition win).

Small games (at most `ENUMERATION_LIMIT` players) are solved by listing every
coalition; larger ones by dynamic programming over integer weights (counting
coalitions by weight, and by size and weight for Shapley–Shubik). Games with
several quotas (a double majority) count over the vector of weights.

How each decision rule becomes a game (all voting members assumed present):

| rule | a coalition carries the motion when its weight ... |
|---|---|
| `simple_majority` | is more than half the total |
| `... with casting_vote` | is more than half, or exactly half and includes the chair |
| `two_thirds_majority` | is at least two thirds of the total |
| `weighted_majority threshold T%` | is at least T% of the total (no threshold: more than half) |
| `unanimity`, `consensus` | is the whole total (consensus is treated as unanimity) |
| `double_majority of [A, B]` | is more than half overall, and more than half of each bloc's weight |

A casting vote is encoded in the weights: every weight is doubled, the
chair's player gets one more, and the quota becomes the old total plus one.
So every rule is a weighted game with one quota per dimension, and the same
two algorithms solve them all.

This is a model of the formal rules, not of informal power: who sets the
agenda, who holds the money, and who is listened to are outside it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Iterable

import attrs

from govdsl.analysis.wording import name_of
from govdsl.lenses import FocusError, LensFinding, LensReport, Section, Table
from govdsl.model import vocabulary as v
from govdsl.model.types import Forum, Model, Organisation, Person, Seat, Tier
from govdsl.text import clean

ENUMERATION_LIMIT = 15  # up to this many players, list every coalition
STATE_LIMIT = 1_000_000  # beyond this many (size, votes) counts, a game is too large to solve exactly
POWER_GAP = Fraction(15, 100)  # flag a bloc whose power share exceeds its vote share by more than this
DOMINANCE = Fraction(1, 2)  # flag an organisation whose power index is at least this
DECIMALS = Decimal("0.0001")  # how indices and shares are shown

LEVELS = ("member", "organisation", "sector")


# -- voting games ---------------------------------------------------------------------------------


@attrs.frozen
class Game:
    """A weighted voting game with one quota per dimension.

    Each player has a non-negative integer weight in every dimension; a
    coalition wins when, in every dimension, the sum of its members' weights
    is at least that dimension's quota. An ordinary weighted game has one
    dimension; a double majority has one for the whole and one per bloc.
    """

    weights: tuple[tuple[int, ...], ...]
    quotas: tuple[int, ...]
    players: tuple[str, ...] = attrs.field()

    @players.default
    def _players(self):
        return tuple(str(i) for i in range(len(self.weights)))

    def __attrs_post_init__(self):
        if len(self.players) != len(self.weights):
            raise ValueError("one name per player is needed")
        for w in self.weights:
            if len(w) != len(self.quotas) or any(x < 0 for x in w):
                raise ValueError(f"weights must be non-negative, one per quota: {w!r}")

    @classmethod
    def weighted(cls, weights: Iterable[int], quota: int, players: Iterable[str] | None = None) -> "Game":
        """The ordinary weighted game [quota; w1, ..., wn]."""
        weights = tuple((int(w),) for w in weights)
        if players is None:
            return cls(weights, (int(quota),))
        return cls(weights, (int(quota),), tuple(players))

    @property
    def n(self) -> int:
        return len(self.weights)

    def wins(self, coalition: Iterable[int]) -> bool:
        """Whether the players at these positions carry the motion."""
        total = [0] * len(self.quotas)
        for i in coalition:
            for d, w in enumerate(self.weights[i]):
                total[d] += w
        return self._reaches(total)

    def _reaches(self, total) -> bool:
        return all(t >= q for t, q in zip(total, self.quotas))


class GameTooLarge(ValueError):
    """The game has too many distinct vote totals to count exactly (many players with unusual weights)."""


@attrs.frozen
class Indices:
    """The exact power indices of a game."""

    swings: tuple[int, ...]  # raw Banzhaf counts: winning coalitions each player can break
    banzhaf: tuple[Fraction, ...]  # normalised: swings / all swings (all 0 if no one ever swings)
    shapley_shubik: tuple[Fraction, ...]
    veto: tuple[bool, ...]  # in every winning coalition
    dictator: tuple[bool, ...]  # wins alone, and nothing wins without them
    method: str  # "enumeration" or "dynamic programming"

    @property
    def dummies(self) -> tuple[bool, ...]:
        """Players whose vote never changes an outcome (only meaningful when some coalition wins)."""
        return tuple(s == 0 for s in self.swings)


def solve(game: Game, method: str = "auto") -> Indices:
    """Normalised Banzhaf and Shapley–Shubik indices, exactly.

    `method` is "enumeration", "dp" or "auto" (enumeration for at most
    `ENUMERATION_LIMIT` players, dynamic programming above).
    """
    if method == "auto":
        method = "enumeration" if game.n <= ENUMERATION_LIMIT else "dp"
    if method == "enumeration":
        swings, pivots = _by_enumeration(game)
        label = "enumeration"
    elif method == "dp":
        swings, pivots = _by_dynamic_programming(game)
        label = "dynamic programming"
    else:
        raise ValueError(f"unknown method {method!r}")
    n = game.n
    total_swings = sum(swings)
    banzhaf = tuple(Fraction(s, total_swings) if total_swings else Fraction(0) for s in swings)
    orderings = math.factorial(n)
    shapley = tuple(Fraction(p, orderings) for p in pivots)
    everyone = range(n)
    veto = tuple(game.wins(everyone) and not game.wins(j for j in everyone if j != i) for i in everyone)
    dictator = tuple(veto[i] and game.wins((i,)) for i in everyone)
    return Indices(tuple(swings), banzhaf, shapley, veto, dictator, label)


def _by_enumeration(game: Game) -> tuple[list[int], list[int]]:
    """Swings and pivot counts (numerators of Shapley–Shubik over n!) by listing every coalition."""
    n, quotas = game.n, game.quotas
    size = 1 << n
    factorial = [math.factorial(k) for k in range(n + 1)]
    if len(quotas) == 1:
        quota = quotas[0]
        weight = [w[0] for w in game.weights]
        totals = [0] * size
        wins = bytearray(size)
        wins[0] = 0 >= quota
        for mask in range(1, size):
            low = mask & -mask
            totals[mask] = totals[mask ^ low] + weight[low.bit_length() - 1]
            wins[mask] = totals[mask] >= quota
    else:
        vector_totals: list[tuple[int, ...]] = [tuple(0 for _ in quotas)] * size
        wins = bytearray(size)
        wins[0] = game._reaches(vector_totals[0])
        for mask in range(1, size):
            low = mask & -mask
            previous = vector_totals[mask ^ low]
            added = game.weights[low.bit_length() - 1]
            total = tuple(a + b for a, b in zip(previous, added))
            vector_totals[mask] = total
            wins[mask] = game._reaches(total)
    swings = [0] * n
    pivots = [0] * n
    for mask in range(1, size):
        if not wins[mask]:
            continue
        members = mask.bit_count()
        weight_of_order = factorial[members - 1] * factorial[n - members]
        rest = mask
        while rest:
            low = rest & -rest
            if not wins[mask ^ low]:
                i = low.bit_length() - 1
                swings[i] += 1
                pivots[i] += weight_of_order
            rest ^= low
    return swings, pivots


def _by_dynamic_programming(game: Game) -> tuple[list[int], list[int]]:
    """Swings and pivot counts by counting coalitions of the other players by (size, weight vector).

    Players with the same weights are interchangeable, so each distinct weight
    vector is solved once; the others are added a class at a time, with
    binomial coefficients for how many of a class join.
    """
    n = game.n
    classes = Counter(game.weights)
    factorial = [math.factorial(k) for k in range(n + 1)]
    result: dict[tuple[int, ...], tuple[int, int]] = {}
    zero = tuple(0 for _ in game.quotas)
    for weight in classes:
        others = classes.copy()
        others[weight] -= 1
        counts: dict[tuple[int, tuple[int, ...]], int] = {(0, zero): 1}
        for other, multiplicity in others.items():
            if multiplicity == 0:
                continue
            grown: dict[tuple[int, tuple[int, ...]], int] = defaultdict(int)
            for (members, total), count in counts.items():
                for k in range(multiplicity + 1):
                    key = (members + k, tuple(t + k * w for t, w in zip(total, other)))
                    grown[key] += count * math.comb(multiplicity, k)
                if len(grown) > STATE_LIMIT:
                    raise GameTooLarge(f"more than {STATE_LIMIT} distinct coalition totals")
            counts = grown
        swings = pivots = 0
        for (members, total), count in counts.items():
            if not game._reaches(total) and game._reaches(tuple(t + w for t, w in zip(total, weight))):
                swings += count
                pivots += count * factorial[members] * factorial[n - members - 1]
        result[weight] = (swings, pivots)
    return [result[w][0] for w in game.weights], [result[w][1] for w in game.weights]


# -- from a forum to its games ----------------------------------------------------------------------


@attrs.frozen
class Player:
    """One side in a forum's vote: a member, or the members of an organisation or sector voting together."""

    id: str  # a person, organisation or sector word
    label: str
    weight: Fraction  # the votes it holds
    seats: int  # how many voting seats
    members: tuple[str, ...]  # the people holding them
    sector: str | None  # the sector the votes count for in a double majority
    chair: bool = False  # holds the chair's casting vote


@attrs.frozen
class LevelResult:
    level: str  # LEVELS
    players: tuple[Player, ...]
    game: Game
    indices: Indices

    @property
    def total_weight(self) -> Fraction:
        return sum((p.weight for p in self.players), Fraction(0))

    def share(self, i: int) -> Fraction:
        total = self.total_weight
        return self.players[i].weight / total if total else Fraction(0)

    def banzhaf_of(self, player_id: str) -> Fraction | None:
        for player, value in zip(self.players, self.indices.banzhaf):
            if player.id == player_id:
                return value
        return None


@attrs.frozen
class ForumPower:
    forum: Forum
    rule: str  # the rule in words
    casting_chair: str | None  # the person whose casting vote breaks ties, if any
    levels: dict  # level -> LevelResult
    notes: tuple[LensFinding, ...] = ()  # about the game itself (ignored casting vote, empty blocs...)
    owners: tuple[str, ...] = ()  # the organisations the forum belongs to
    owner_sectors: dict = attrs.field(factory=dict)  # owner -> its sector


def seat_organisation(model: Model, seat: Seat) -> str | None:
    """The organisation a voting member's votes count for: the seat's `for`, else employer, else post's organisation."""
    person = model.entity(seat.person)
    candidates = [seat.representing]
    if isinstance(person, Person):
        candidates += list(person.employers) + [p.organisation for p in person.posts]
    for candidate in candidates:
        if candidate and isinstance(model.entity(candidate), Organisation):
            return candidate
    return None


def _sector_label(word: str) -> str:
    term = v.SECTORS.get(word)
    return term.label if term else word


def _voting_seats(forum: Forum) -> list[Seat]:
    return [s for s in forum.seats if s.voting]


def _casting_chair(forum: Forum) -> str | None:
    for seat in _voting_seats(forum):
        if "chair" in seat.capacities:
            return seat.person
    return None


def _players(model: Model, forum: Forum, level: str, chair: str | None) -> tuple[Player, ...]:
    groups: dict[str, dict] = {}
    for seat in _voting_seats(forum):
        organisation = seat_organisation(model, seat)
        sector = None
        if organisation is not None:
            sector = model.entity(organisation).sector
        if level == "member" or organisation is None:
            key, label = seat.person, name_of(model, seat.person)
            if level != "member":
                label += " (no organisation)"
        elif level == "organisation":
            key, label = organisation, name_of(model, organisation)
        else:
            key, label = sector, _sector_label(sector)
        group = groups.setdefault(
            key, {"label": label, "weight": Fraction(0), "seats": 0, "members": [], "sector": sector, "chair": False}
        )
        group["weight"] += Fraction(seat.weight)
        group["seats"] += 1
        if seat.person not in group["members"]:
            group["members"].append(seat.person)
        group["chair"] = group["chair"] or seat.person == chair
    return tuple(
        Player(key, g["label"], g["weight"], g["seats"], tuple(g["members"]), g["sector"], g["chair"])
        for key, g in groups.items()
    )


def _integer_weights(weights: list[Fraction]) -> list[int]:
    scale = math.lcm(*(w.denominator for w in weights)) if weights else 1
    return [int(w * scale) for w in weights]


def _ceil(fraction: Fraction) -> int:
    return -((-fraction.numerator) // fraction.denominator)


def build_game(players: tuple[Player, ...], method: str, *, casting_vote: bool = False, blocs: tuple[str, ...] = (),
               threshold: Decimal | None = None) -> tuple[Game, tuple[str, ...]]:
    """The game a decision rule makes of these players, and notes on how the rule was read.

    Notes say when part of the rule has no effect (a casting vote where a tie
    cannot carry a motion anyway, a bloc with no voting members).
    """
    notes: list[str] = []
    weights = _integer_weights([p.weight for p in players])
    total = sum(weights)
    names = tuple(p.id for p in players)
    has_chair = any(p.chair for p in players)
    majority_like = method in ("simple_majority", "double_majority") or (
        method == "weighted_majority" and threshold is None
    )
    if casting_vote and not majority_like:
        notes.append("the chair's casting vote cannot change an outcome under this rule: a tie does not carry a motion")
    if casting_vote and majority_like and not has_chair:
        notes.append("the rule gives the chair a casting vote, but the chair does not vote here, so a tie fails")

    def majority() -> tuple[list[int], int]:
        """More than half the weight; with a casting vote, exactly half including the chair also wins."""
        if casting_vote and has_chair:
            return [2 * w + (1 if p.chair else 0) for w, p in zip(weights, players)], total + 1
        return list(weights), total // 2 + 1

    if method in ("unanimity", "consensus"):
        overall, quota = list(weights), total
    elif method == "two_thirds_majority":
        overall, quota = list(weights), _ceil(Fraction(2 * total, 3))
    elif method == "weighted_majority" and threshold is not None:
        share = Fraction(threshold) / 100
        if share > 1:
            notes.append(f"a threshold of {threshold}% can never be reached")
        elif share <= Fraction(1, 2):
            notes.append(
                f"a threshold of {threshold}% is not more than half: two opposing sides could both carry a vote"
            )
        overall, quota = list(weights), _ceil(share * total)
    elif method in ("simple_majority", "weighted_majority", "double_majority"):
        overall, quota = majority()
    else:
        raise ValueError(f"unknown decision method {method!r}")
    columns = [overall]
    quotas = [quota]
    if method == "double_majority":
        for bloc in blocs:
            bloc_weights = [w if p.sector == bloc else 0 for w, p in zip(weights, players)]
            bloc_total = sum(bloc_weights)
            if bloc_total == 0:
                notes.append(
                    f"no voting member comes from the {_sector_label(bloc)} bloc, so its majority is taken as met"
                )
                continue
            columns.append(bloc_weights)
            quotas.append(bloc_total // 2 + 1)
    game = Game(tuple(tuple(c[i] for c in columns) for i in range(len(players))), tuple(quotas), names)
    return game, tuple(notes)


def _voting_rule(rule):
    """The rule the votes are counted by: for "consensus, failing which X", X decides in the end."""
    if rule is not None and rule.fallback:
        return attrs.evolve(rule, method=rule.fallback, fallback=None)
    return rule


def describe_rule(forum: Forum, rule=None) -> str:
    """The forum's decision rule in words; `rule` is the one it follows if not its own (standing orders)."""
    rule = rule if rule is not None else forum.decision_rule
    if rule is None:
        return "no decision rule"
    if rule.fallback:
        first = "consensus" if rule.method == "consensus" else "unanimity"
        return f"{first}, failing which " + describe_rule(forum, _voting_rule(rule))
    words = {
        "simple_majority": "a simple majority (more than half of the votes)",
        "two_thirds_majority": "a two-thirds majority (at least two thirds of the votes)",
        "unanimity": "unanimity (every vote)",
        "consensus": "consensus, treated here as unanimity (every vote)",
        "weighted_majority": "a weighted majority (more than half of the weighted votes)",
    }
    if rule.method == "weighted_majority" and rule.threshold is not None:
        text = f"a weighted majority of at least {rule.threshold}% of the weighted votes"
    elif rule.method == "double_majority":
        blocs = " and ".join(_sector_label(b) for b in rule.blocs)
        text = f"a double majority: more than half of all votes and more than half of the {blocs} votes"
    else:
        text = words.get(rule.method, rule.method)
    if rule.casting_vote:
        text += ", with the chair's casting vote on a tie"
    return text


def analyse_forum(model: Model, forum: Forum, method: str = "auto", facts=None) -> ForumPower | None:
    """The voting games of a forum at every level, or None.

    None when the forum does not vote (no decision rule, or no voting
    members), or when its games are too large to count exactly (many players
    with unusual weights: see `STATE_LIMIT`). `facts` (a
    `govdsl.analysis.facts.Facts` of the model) may be passed to save working
    them out again for every forum.
    """
    if forum.advisory or not _voting_seats(forum):
        return None  # an advisory forum does not decide, so it has no voting power to share
    if facts is None:
        from govdsl.analysis.facts import Facts

        facts = Facts(model, model)
    written = facts.procedures.decision_rule(forum)  # its own, or its standing orders'
    rule = _voting_rule(written)
    if rule is None:
        return None
    owners = facts.organisations_of(forum.id)
    chair = _casting_chair(forum) if rule.casting_vote else None
    levels = {}
    notes: tuple[str, ...] = ()
    for level in LEVELS:
        players = _players(model, forum, level, chair)
        game, level_notes = build_game(
            players, rule.method, casting_vote=rule.casting_vote, blocs=rule.blocs, threshold=rule.threshold
        )
        notes = notes or level_notes
        try:
            levels[level] = LevelResult(level, players, game, solve(game, method))
        except GameTooLarge:
            return None
    findings = tuple(LensFinding("info", forum.id, f"In `{forum.id}`, {note}.") for note in notes)
    sectors = {o: model.entity(o).sector for o in owners}
    return ForumPower(forum, describe_rule(forum, written), chair, levels, findings, owners, sectors)


# -- the lens -----------------------------------------------------------------------------------


def decimal(value: Fraction) -> Decimal:
    """A fraction shown as a decimal to `DECIMALS` places."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(DECIMALS, rounding=ROUND_HALF_EVEN)


def _forums_in_focus(model: Model, focus: str | None) -> list[Forum]:
    if focus is None:
        return list(model.forums)
    entity = model.entity(focus)
    if isinstance(entity, Forum):
        return [entity]
    if isinstance(entity, Person):
        return [f for f in model.forums if any(s.person == focus for s in f.seats)]
    if isinstance(entity, Organisation):
        return [
            f
            for f in model.forums
            if focus in f.parents
            or focus in f.partners
            or any(s.voting and seat_organisation(model, s) == focus for s in f.seats)
        ]
    if isinstance(entity, Tier):
        from govdsl.analysis.facts import Facts

        facts = Facts(model, model)
        within = {focus}
        changed = True
        while changed:
            changed = False
            for tier in model.tiers:
                if tier.parent in within and tier.id not in within:
                    within.add(tier.id)
                    changed = True
        return [f for f in model.forums if facts.tier_of(f.id) in within]
    kind = type(entity).__name__.lower() if entity is not None else "entity"
    raise FocusError(f"the power lens can focus on a forum, organisation, person or tier, not on the {kind} `{focus}`")


def _flags(result: LevelResult, i: int, rule_method: str) -> list[str]:
    idx = result.indices
    flags = []
    if idx.dictator[i]:
        flags.append("dictator")
    elif idx.veto[i] and rule_method not in ("unanimity", "consensus"):
        flags.append("veto")
    if idx.dummies[i] and any(idx.swings):
        flags.append("dummy")
    if result.players[i].chair:
        flags.append("casting vote")
    return flags


def _forum_findings(power: ForumPower) -> list[LensFinding]:
    """PWR001's questions for one forum: dictators, vetoes, dominance, power beyond votes, dummies.

    Organisations are looked at first, then sectors, then members; a flag is
    raised once for the same set of members (a council with one member is
    named as the council, not again as its member). In a body of a single
    organisation that organisation's control is expected, so it is a note.
    """
    forum = power.forum
    rule = forum.decision_rule
    unanimous = rule.method in ("unanimity", "consensus")
    findings: list[LensFinding] = list(power.notes)
    seen: set[tuple[str, frozenset]] = set()
    owners = power.owners
    own_body = len(owners) == 1
    owner_sectors = {power.owner_sectors.get(o) for o in owners}

    def once(flag: str, player: Player) -> bool:
        key = (flag, frozenset(player.members))
        if key in seen:
            return False
        seen.add(key)
        return True

    if unanimous:
        findings.append(
            LensFinding(
                "info",
                forum.id,
                f"Under {v.DECISION_METHODS[rule.method].label} every voting member of `{forum.id}` can block a decision: "
                "every member, organisation and sector holds a veto, and power is shared equally between them "
                "whatever their number of seats.",
            )
        )
    for level in ("organisation", "sector", "member"):
        result = power.levels[level]
        idx = result.indices
        if not any(idx.swings):
            if level == "organisation":
                findings.append(
                    LensFinding("warning", forum.id, f"No coalition of the voting members of `{forum.id}` can carry a motion under its rule.")
                )
            break
        has_dictator = any(idx.dictator)
        for i, player in enumerate(result.players):
            banzhaf, shapley, share = idx.banzhaf[i], idx.shapley_shubik[i], result.share(i)
            name = _player_name(player, level)
            expected = own_body and (
                (level == "organisation" and player.id in owners) or (level == "sector" and player.id in owner_sectors)
            )
            severity = "info" if expected else "warning"
            because = f", as expected in a body of `{owners[0]}`" if expected else ""
            power_words = f"{decimal(banzhaf)} of the power by Banzhaf and {decimal(shapley)} by Shapley–Shubik, with {decimal(share)} of the votes"
            if share == 1:
                if once("all", player):
                    findings.append(LensFinding("info", player.id, f"All the votes in `{forum.id}` are held by {name}."))
                for implied in ("dictator", "veto", "dominant", "gap"):
                    once(implied, player)
                continue
            if idx.dictator[i]:
                if once("dictator", player):
                    findings.append(
                        LensFinding(
                            severity,
                            player.id,
                            f"In `{forum.id}`, {name} decides alone with {decimal(share)} of the votes: its votes carry "
                            f"every motion and nothing carries without them{because}.",
                        )
                    )
                for implied in ("veto", "dominant", "gap"):
                    once(implied, player)
                continue
            if idx.veto[i] and not unanimous:
                if once("veto", player):
                    if rule.method == "double_majority" and player.sector in rule.blocs:
                        findings.append(
                            LensFinding(
                                "info",
                                player.id,
                                f"In `{forum.id}`, {name} can block any decision through the double majority: no motion "
                                f"carries without a majority of the {_sector_label(player.sector)} votes ({power_words}).",
                            )
                        )
                    else:
                        findings.append(
                            LensFinding(
                                severity,
                                player.id,
                                f"In `{forum.id}`, {name} holds a veto: no motion carries without its votes "
                                f"({power_words}){because}.",
                            )
                        )
                once("dominant", player)
            gap = max(banzhaf - share, shapley - share)
            if level == "organisation" and not unanimous and banzhaf >= DOMINANCE and once("dominant", player):
                above = f": more than {decimal(POWER_GAP)} above its share of the votes" if gap > POWER_GAP and once("gap", player) else ""
                findings.append(
                    LensFinding(severity, player.id, f"In `{forum.id}`, {name} holds {power_words}{above}{because}.")
                )
            if level in ("organisation", "sector") and not unanimous and gap > POWER_GAP and once("gap", player):
                findings.append(
                    LensFinding(
                        severity,
                        player.id,
                        f"In `{forum.id}`, {name} holds {power_words}: more than {decimal(POWER_GAP)} above its share "
                        f"of the votes{because}.",
                    )
                )
            if idx.dummies[i] and not has_dictator and once("dummy", player):
                findings.append(
                    LensFinding("info", player.id, f"In `{forum.id}`, the votes of {name} can never change an outcome.")
                )
    return findings


def _player_name(player: Player, level: str) -> str:
    if level == "sector":
        label = clean(player.label)
        return f"the {label}" if label.endswith("sector") else f"the {label} sector"
    return f"`{player.id}` ({clean(player.label)})"


def _forum_section(model: Model, power: ForumPower) -> Section:
    forum = power.forum
    rows = []
    for level in ("sector", "organisation", "member"):
        result = power.levels[level]
        order = sorted(range(len(result.players)), key=lambda i: (-result.indices.banzhaf[i], -result.players[i].weight, result.players[i].id))
        for i in order:
            player = result.players[i]
            votes = _weight(player.weight)
            rows.append(
                (
                    level,
                    clean(player.label) if level != "member" else f"{clean(player.label)} ({player.id})",
                    votes,
                    decimal(result.share(i)),
                    decimal(result.indices.banzhaf[i]),
                    decimal(result.indices.shapley_shubik[i]),
                    ", ".join(_flags(result, i, forum.decision_rule.method)) or None,
                )
            )
    members = power.levels["member"]
    intro = (
        f"Decides by {power.rule}. {len(members.players)} voting member(s) holding "
        f"{_votes(members.total_weight)} vote(s)"
    )
    if power.casting_chair:
        intro += f"; the chair `{power.casting_chair}` breaks ties"
    intro += f". Indices by {members.indices.method}; all voting members assumed present."
    table = Table(("Level", "Player", "Votes", "Vote share", "Banzhaf", "Shapley–Shubik", "Flags"), tuple(rows))
    return Section(f"{clean(forum.title)} ({forum.id})", intro, table, tuple(_forum_findings(power)), forum.id)


def _votes(weight: Fraction) -> str:
    return str(_weight(weight))


def _weight(weight: Fraction) -> int | Decimal:
    """A number of votes as written: 3, 1.5 (weights come from decimals, so they are exact)."""
    if weight.denominator == 1:
        return int(weight)
    exact = Decimal(weight.numerator) / Decimal(weight.denominator)
    return exact if exact * weight.denominator == weight.numerator else decimal(weight)


def assess(model: Model, focus: str | None = None) -> LensReport:
    forums = _forums_in_focus(model, focus)
    analysed: list[ForumPower] = []
    skipped: list[str] = []
    from govdsl.analysis.facts import Facts

    facts = Facts(model, model)
    for forum in forums:
        power = analyse_forum(model, forum, facts=facts)
        if power is None:
            if forum.decision_rule is None:
                reason = "no decision rule"
            elif not _voting_seats(forum):
                reason = "no voting members"
            else:
                reason = "too many players with different vote weights to compute exactly"
            skipped.append(f"`{forum.id}` ({reason})")
        else:
            analysed.append(power)
    sections = [_forum_section(model, p) for p in analysed]
    overview_rows = []
    for power in analysed:
        organisations = power.levels["organisation"]
        idx = organisations.indices
        top = max(range(len(organisations.players)), key=lambda i: (idx.banzhaf[i], organisations.players[i].weight))
        tied = [i for i in range(len(organisations.players)) if idx.banzhaf[i] == idx.banzhaf[top]]
        if len(tied) > 1:
            most = f"{len(tied)} organisations level at {decimal(idx.banzhaf[top])} each"
        else:
            most = (
                f"{clean(organisations.players[top].label)} ({decimal(idx.banzhaf[top])} of power, "
                f"{decimal(organisations.share(top))} of votes)"
            )
        vetoes = [p.id for p, veto in zip(organisations.players, idx.veto) if veto]
        overview_rows.append(
            (
                power.forum.id,
                power.forum.decision_rule.method,
                len(power.levels["member"].players),
                len(organisations.players),
                most,
                ", ".join(vetoes) if vetoes and len(vetoes) < len(organisations.players) else ("all" if vetoes else None),
            )
        )
    if analysed:
        sections.insert(
            0,
            Section(
                "Overview",
                "The organisation with the most voting power in each forum, and the organisations holding a veto "
                "(\"all\" under unanimity or consensus).",
                Table(("Forum", "Rule", "Members", "Organisations", "Most power (Banzhaf)", "Veto"), tuple(overview_rows)),
            ),
        )
    summary = [
        f"{len(analysed)} voting forum(s) analysed"
        + (f" in focus `{focus}`" if focus else "")
        + (f"; {len(skipped)} not analysed: " + ", ".join(skipped) if skipped else "")
        + ".",
        "Power is the normalised Banzhaf index (share of swings) and the Shapley–Shubik index (share of pivots); "
        "vote share is the share of voting weight. Organisations and sectors are scored as if their members vote together.",
        f"Flagged: dictators, veto players, organisations with at least {decimal(DOMINANCE)} of the power, "
        f"and blocs whose power exceeds their vote share by more than {decimal(POWER_GAP)}.",
    ]
    return LensReport("power", "Voting power", tuple(summary), tuple(sections))
