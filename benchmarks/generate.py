"""Realistic synthetic governance models in the .gov language, at any scale.

The generator builds what an English Integrated Care System looks like on
paper: NHS England and its regions; systems with their integrated care board
(ICB), sub-systems, places and neighbourhoods; NHS trusts, upper-tier and
district councils, primary care networks, GP practices, Healthwatch and
voluntary organisations; the ICB board and its committees, place partnerships
and place committees, neighbourhood sub-committees, trust boards and their
committees, health and wellbeing boards, integrated care partnerships and
provider collaboratives; the people who hold posts, sit on those forums and
declare interests; functions, the delegations of them (renewed each year),
Better Care Fund pooled budgets and decisions taken under the delegations.

Output is deterministic for a given scale and seed, compiles with no
language diagnostics at all, is already in `govdsl fmt`'s layout, and has
delegations in force on BENCHMARK_DATE (benchmarks/test_generate.py checks
each). Tenures, reviews and declarations are drawn from 2019–2025, so on the
benchmark date the model carries governance findings on purpose, giving the
rules real work: EXPECTED_FINDINGS lists them for the named scales, and a
test holds the generator to that list.

    python -m benchmarks.generate --scale system > system.gov
    python -m benchmarks.generate --scale national --split --out /tmp/national/
    python -m benchmarks.generate --systems 3 --places 12 --people 2000 --stats

Named scales (see SCALES): `place` (one place of one system), `system` (one
typical system, a few thousand lines) and `national` (42 systems, about 200
places and sub-systems, 1,250 neighbourhoods, 210 trusts, 150 upper-tier and
160 district councils, 42 ICPs, 150 health and wellbeing boards, over 3,000
forums, 20,000 people, 10,000 delegations and 5,000 decisions).
"""

from __future__ import annotations

import argparse
import itertools
import datetime as dt
import random
import sys
from collections import Counter
from pathlib import Path

import attrs

from govdsl.fmt.printer import LINE_LIMIT


# The date the benchmarks check on (`--as-of`), and the financial year that contains it: the
# delegations of the last year generated (April to March) are in force on that date.
BENCHMARK_DATE = dt.date(2026, 11, 24)
LAST_YEAR = BENCHMARK_DATE.year if BENCHMARK_DATE.month >= 4 else BENCHMARK_DATE.year - 1


# What `govdsl check --as-of BENCHMARK_DATE` finds in the named scales (seed 2024), by code:
# - lapsed tenures and overdue reviews: the ICB chair's seat ended in 2025, so the board has
#   no chair (GOV004, STAT001, GOV005 where a quorum needs the chair), terms of reference not
#   reviewed since 2024 (TIME001), seats ending within 90 days (TIME002);
# - conflicts: late declarations (COI002), chief executives of trusts sitting on the ICB board
#   without a declared interest (COI006), members taking part in decisions affecting an
#   organisation they have an interest in (COI003, COI004);
# - composition: an ICB board without a nursing executive or mental-health expertise (GOV001,
#   STAT003), a remuneration committee chaired by the audit chair (GOV003), an ICP or health and
#   wellbeing board missing a member the law names (STAT002, STAT004, STAT005);
# - delegation and accountability: place committees handing on functions they do not hold
#   (DEL004, which also reports committee decisions above the limit the committee was given),
#   Better Care Fund agreements missing a required item (DEL006), provider
#   collaboratives accountable to no one (ACC002), a line of accountability that loops (ACC003),
#   places whose footprint leaves gaps or overlaps (SUB002, SUB003), and delegations that pass a
#   decision up a tier without a recorded reason (SUB005).
EXPECTED_FINDINGS = {
    "place": {
        "ACC002": 2, "COI002": 21, "COI003": 2, "COI006": 24, "DEL004": 6, "DEL006": 1, "GOV001": 1,
        "GOV003": 2, "GOV004": 6, "GOV005": 6, "STAT001": 1, "STAT003": 1, "STAT004": 1, "STAT005": 1,
        "TIME001": 26, "TIME002": 2,
    },
    "system": {
        "ACC002": 2, "ACC003": 1, "COI002": 110, "COI003": 13, "COI004": 8, "COI006": 94, "DEL004": 3,
        "DEL006": 3, "GOV001": 1, "GOV003": 2, "GOV004": 17, "GOV005": 16, "STAT002": 1, "STAT003": 1,
        "STAT004": 1, "STAT005": 3, "SUB002": 1, "SUB003": 4, "SUB005": 3, "TIME001": 77, "TIME002": 5,
    },
}


@attrs.frozen
class Scale:
    """How much to generate. Totals are spread over the systems with some variation.

    `people`, `delegations` and `decisions` are targets: the structure needs a
    minimum number of people (every post is held), and the target is topped up
    with lay, co-opted and public members, each of whom gets a seat.
    """

    systems: int = 1
    subsystems: int = 0
    places: int = 1
    neighbourhoods: int = 6
    trusts: int = 2
    upper_tier_councils: int = 1
    district_councils: int = 0
    people: int = 120
    delegations: int = 40
    decisions: int = 20
    practices_per_neighbourhood: int = 2
    vcse_per_place: int = 2


SCALES: dict[str, Scale] = {
    "place": Scale(),
    "system": Scale(
        systems=1,
        subsystems=1,
        places=5,
        neighbourhoods=32,
        trusts=5,
        upper_tier_councils=3,
        district_councils=4,
        people=480,
        delegations=240,
        decisions=120,
    ),
    "national": Scale(
        systems=42,
        subsystems=10,
        places=190,
        neighbourhoods=1250,
        trusts=210,
        upper_tier_councils=150,
        district_councils=160,
        people=20_000,
        delegations=10_000,
        decisions=5_000,
    ),
}

# -- words ---------------------------------------------------------------------------------------------

_PREFIXES = (
    "Ash Brack Bram Calder Cran Dale Elm Fen Glen Hart Holm Ivy Kel Lang Lark Mar Mere Moor Nor Oak Pen "
    "Quarr Red Rom Ship Stan Thorn Tyne Wal Wey Whin Wick Wil Wold Yar"
).split()
_SUFFIXES = "bourne bridge brook bury by cliffe dale don field ford gate ham hurst ley mere minster moor mouth stead stow ton well wick worth".split()
_QUARTERS = ("North", "South", "East", "West", "Central", "Upper", "Lower", "Inner", "Outer", "Coastal", "Rural", "Vale of")
_FIRST = (
    "Ada Aisha Alan Amir Ann Arjun Beth Bilal Carl Chloe Chidi Dan Deepa Dev Eileen Ella Emeka Fatima Femi Fiona "
    "Grace Hannah Harpreet Hugh Ian Imran Jack Jade Jo Kamal Karen Kofi Laura Leon Lin Mark Maya Mei Nadia Neil "
    "Nia Omar Owen Priya Rachel Raj Rhys Rosa Ruth Sam Sana Sean Sofia Tariq Tom Uma Vik Wendy Yusuf Zara Zoe"
).split()
_LAST = (
    "Adams Ahmed Ali Banks Bell Blythe Brown Chen Clarke Cole Davies Evans Ford Gill Green Hale Hall Hughes "
    "Hussain Ibe Jones Kaur Kent Khan Lee Lewis Marsh Mensah Mitchell Morgan Nguyen Okafor Osei Patel Price "
    "Reyes Roberts Shah Singh Smith Taylor Thomas Turner Walker Ward Watson White Williams Wood Wright Young"
).split()
_REGIONS = ("North East and Yorkshire", "North West", "Midlands", "East of England", "London", "South East", "South West")
_TRUST_SERVICES = (["acute"], ["acute", "specialist"], ["mental_health", "community"], ["community"], ["ambulance"], ["acute", "community"])
_ICB_COMMITTEES = (
    ("audit", "Audit Committee"),
    ("remuneration", "Remuneration Committee"),
    ("quality", "Quality Committee"),
    ("finance", "Finance and Performance Committee"),
    ("primary_care", "Primary Care Commissioning Committee"),
    ("people", "People Committee"),
)
_TRUST_COMMITTEES = (
    ("audit", "Audit and Risk Committee"),
    ("quality", "Quality Assurance Committee"),
    ("finance", "Finance and Investment Committee"),
    ("people", "People Committee"),
)
_FREQUENCIES = ("monthly", "bimonthly", "quarterly", "monthly", "twice_yearly")
_MONTHS = "January February March April May June July August September October November December".split()
_VCSE = (("together", '"Together" Alliance'), ("carers", "Carers Centre"), ("mind", "Mind"), ("age_uk", "Age UK"))
_MATTERS = (
    "Spouse is a partner in a firm of solicitors advising care homes",
    "Brother works for a supplier of medical equipment",
    "Trustee of a local carers' charity",
    "Holds shares in a pharmacy chain",
    "Partner is a consultant at a neighbouring trust",
    "Member of a national clinical advisory group",
)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ident(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "_" for ch in text)
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")


def area(council: str) -> str:
    """`Ashford` from `Ashford Borough Council`."""
    for suffix in (" County Council", " Borough Council", " District Council", " Council"):
        if council.endswith(suffix):
            return council[: -len(suffix)]
    return council


def money(pounds: int, rng: random.Random) -> str:
    """An amount written as people write them: £18m, £1.5m, £250k, £1,200,000, £2bn."""
    style = rng.random()
    if pounds >= 1_000_000_000 and pounds % 100_000_000 == 0:
        return f"£{pounds / 1e9:g}bn"
    if pounds >= 1_000_000 and pounds % 100_000 == 0 and style < 0.75:
        return f"£{pounds / 1e6:g}m"
    if pounds >= 1_000 and pounds % 1_000 == 0 and pounds < 1_000_000 and style < 0.8:
        return f"£{pounds // 1000}k"
    return f"£{pounds:,}"


def population(n: int, rng: random.Random) -> str:
    style = rng.random()
    if n % 10_000 == 0 and n >= 1_000_000 and style < 0.6:
        return f"{n / 1e6:g}m"
    if n % 1_000 == 0 and style < 0.7:
        return f"{n // 1000}k"
    return f"{n:_}"


def spread(total: int, parts: int, rng: random.Random, minimum: int = 0) -> list[int]:
    """`total` split into `parts` whole numbers of at least `minimum`, varied by ±35%."""
    if parts <= 0:
        return []
    base = max(total - minimum * parts, 0)
    weights = [rng.uniform(0.65, 1.35) for _ in range(parts)]
    scale = base / sum(weights)
    raw = [w * scale for w in weights]
    out = [int(r) for r in raw]
    order = sorted(range(parts), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: base - sum(out)]:
        out[i] += 1
    return [o + minimum for o in out]


def date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))


# -- the generator ---------------------------------------------------------------------------------------


def _laid_out(line: str) -> list[str]:
    """A line as `govdsl fmt` lays it out: a list that would pass 100 characters, one item a line."""
    if len(line) <= LINE_LIMIT or not line.endswith("]") or "[" not in line:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    head, _, items = line[:-1].rpartition("[")
    return [head + "[", *(f"{indent}  {item.strip()}," for item in items.split(",")), f"{indent}]"]


class _Names:
    def __init__(self):
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        name = ident(wanted) or "x"
        if name[0].isdigit():
            name = "n_" + name
        candidate, n = name, 2
        while candidate in self.used:
            candidate = f"{name}_{n}"
            n += 1
        self.used.add(candidate)
        return candidate


class _Person:
    __slots__ = ("id", "name", "posts", "expertise", "independent", "employer", "seats")

    def __init__(self, id_, name):
        self.id = id_
        self.name = name
        self.posts: list[tuple[str, str | None, str | None]] = []  # (role, organisation, title)
        self.expertise: list[str] = []
        self.independent = False
        self.employer: str | None = None
        self.seats = 0


class Generator:
    def __init__(self, scale: Scale, seed: int = 2024):
        self.scale = scale
        self.rng = random.Random(seed)
        self.names = _Names()
        self.place_words = self._place_words()
        self.files: dict[str, list[str]] = {}
        self.out: list[str] = []
        self.counts: Counter = Counter()
        self.titles: dict[str, str] = {}

    # -- helpers ------------------------------------------------------------------------------------------
    def _place_words(self):
        words = [p + s for p in _PREFIXES for s in _SUFFIXES]
        random.Random(7).shuffle(words)
        more = [f"{q} {w}" for q in ("Great", "Little", "Upper", "Nether") for w in words]
        return itertools.cycle(words + more)  # names repeat only past ~3,600; ids stay unique

    def town(self) -> str:
        return next(self.place_words)

    def emit(self, *lines: str) -> None:
        self.out.extend(lines)

    def decl(self, kind: str, name: str, title: str | None, attributes: list[str], one_line: bool = False) -> None:
        self.counts[kind] += 1
        head = f"{kind} {name}" + (f" {quote(title)}" if title is not None else "")
        self.out.append(head + " {")
        for attribute in attributes:
            for line in attribute.split("\n"):
                self.out.extend(_laid_out("  " + line))
        self.out.append("}")
        self.out.append("")

    def person(self, org: str | None, role: str, title: str | None = None, *, independent=False, expertise=()) -> _Person:
        first, last = self.rng.choice(_FIRST), self.rng.choice(_LAST)
        p = _Person(self.names.take(f"{first}_{last}"), f"{first} {last}")
        if role:
            p.posts.append((role, org, title))
        p.employer = org
        p.independent = independent
        p.expertise = list(expertise)
        self.people.append(p)
        return p

    def open_file(self, name: str) -> None:
        self.out = []
        self.files[name] = self.out

    # -- the model -----------------------------------------------------------------------------------------
    def generate(self) -> dict[str, str]:
        s, rng = self.scale, self.rng
        self.people: list[_Person] = []
        self.open_file("national.gov")
        self.emit("# NHS England and its regions.", "")
        self.decl("organisation", "nhse", "NHS England", ["kind: nhs_england"])
        regions = []
        for region in _REGIONS[: max(1, min(len(_REGIONS), s.systems))]:
            rid = self.names.take(f"nhse_{region}")
            regions.append(rid)
            self.decl("organisation", rid, f"NHS England — {region}", ["kind: nhs_england_region", "part_of: nhse"], one_line=True)

        places = spread(s.places, s.systems, rng, minimum=1)
        subsystems = spread(s.subsystems, s.systems, rng)
        neighbourhoods = spread(s.neighbourhoods, s.places, rng, minimum=1)
        trusts = spread(s.trusts, s.systems, rng, minimum=1)
        uppers = spread(s.upper_tier_councils, s.systems, rng, minimum=1)
        districts_by_system = self._districts(uppers)
        person_targets = spread(s.people, s.systems, rng)
        delegation_targets = spread(s.delegations, s.systems, rng)
        decision_targets = spread(s.decisions, s.systems, rng)
        n_used = 0
        for i in range(s.systems):
            self.open_file(f"system_{i + 1:02d}.gov")
            self._system(
                i,
                regions[i % len(regions)],
                places[i],
                min(subsystems[i], places[i] // 2),
                neighbourhoods[n_used : n_used + places[i]],
                trusts[i],
                uppers[i],
                districts_by_system[i],
                person_targets[i],
                delegation_targets[i],
                decision_targets[i],
            )
            n_used += places[i]
        return {name: "\n".join(lines).rstrip("\n") + "\n" for name, lines in self.files.items()}

    def _districts(self, uppers: list[int]) -> list[int]:
        """District councils go to systems with a county council (two-tier areas)."""
        s, rng = self.scale, self.rng
        if not s.district_councils:
            return [0] * s.systems
        two_tier = sorted(rng.sample(range(s.systems), max(1, min(s.systems, s.district_councils // 7 or 1))))
        counts = spread(s.district_councils, len(two_tier), rng, minimum=1)
        out = [0] * s.systems
        for i, n in zip(two_tier, counts):
            out[i] = n
        return out

    def _system(self, index, region, n_places, n_subsystems, nbh_counts, n_trusts, n_upper, n_districts,
                people_target, delegation_target, decision_target):
        rng = self.rng
        start_people = len(self.people)
        town = self.town()
        sys_id = self.names.take(town)
        icb = self.names.take(f"{town}_icb")
        self.emit(f"# ---- {town} Integrated Care System ------------------------------------------------", "")

        # councils -------------------------------------------------------------------------------------
        councils, counties = [], []
        for c in range(n_upper):
            if c == 0 and n_districts:
                word, kind = f"{town}shire", "county_council"
                label, cid = f"{word} County Council", self.names.take(f"{word}_county")
            else:
                word = self.town()
                kind = rng.choice(("unitary_council", "unitary_council", "metropolitan_borough", "london_borough"))
                label = f"{word} {'Borough Council' if kind != 'unitary_council' else 'Council'}"
                cid = self.names.take(f"{word}_{'council' if kind == 'unitary_council' else 'borough'}")
            councils.append((cid, kind, label))
            if kind == "county_council":
                counties.append(cid)
        districts = []
        for _ in range(n_districts):
            word = self.town()
            districts.append((self.names.take(f"{word}_district"), f"{word} District Council"))

        # tiers ----------------------------------------------------------------------------------------
        place_ids, place_pops, nbh_ids = [], [], []
        sub_ids = [self.names.take(f"{town}_{q}") for q in rng.sample(_QUARTERS[:4], min(n_subsystems, 4))]
        sub_of_place = []
        for p in range(n_places):
            name = f"{rng.choice(_QUARTERS)} {self.town()}"
            place_ids.append(self.names.take(name))
            self.titles[place_ids[-1]] = name
            place_pops.append(rng.randrange(250, 500) * 1000)
            # the first places sit in the sub-systems, two each; the rest straight in the system
            sub_of_place.append(sub_ids[p % len(sub_ids)] if sub_ids and p < 2 * len(sub_ids) else None)
        system_population = max(sum(place_pops), 1_000_000)
        self.decl(
            "system", sys_id, f"{town} Integrated Care System",
            [
                f"population: {population(system_population, rng)}",
                f"footprint: [{', '.join(c[0] for c in councils)}]",
                f"icb: {icb}",
                f"arbiter: {region}",
                f"dispute_resolution: {quote(f'Escalate to the {town} ICB chair, then to NHS England')}",
            ],
        )
        for sub in sub_ids:
            members = [pop for pop, s_ in zip(place_pops, sub_of_place) if s_ == sub]
            self.decl("subsystem", sub, sub.replace("_", " ").title(),
                      [f"within: {sys_id}", f"population: {population(max(sum(members), 500_000), rng)}"])
        for p, pid in enumerate(place_ids):
            council = councils[p % len(councils)][0]
            fp = [council] + ([d[0] for d in districts[p::n_places]] if council in counties else [])
            self.decl("place", pid, self.titles[pid], [
                f"within: {sub_of_place[p] or sys_id}",
                f"population: {population(place_pops[p], rng)}",
                f"footprint: [{', '.join(fp)}]",
            ])
            ids = []
            for n in range(nbh_counts[p]):
                nid = self.names.take(f"{self.town()}_{n + 1}")
                ids.append(nid)
                self.decl("neighbourhood", nid, None, [f"within: {pid}", f"population: {population(rng.randrange(30, 50) * 1000, rng)}"], one_line=True)
            nbh_ids.append(ids)

        # organisations -----------------------------------------------------------------------------------
        self.emit("# Organisations.", "")
        self.decl("organisation", icb, f"NHS {town} Integrated Care Board",
                  ["kind: icb", f"serves: {sys_id}", f"accountable_to: {region}"])
        for cid, kind, label in councils:
            self.decl("organisation", cid, label, [f"kind: {kind}", f"population: {population(rng.randrange(150, 1400) * 1000, rng)}", f"serves: {sys_id}"])
        for did, label in districts:
            self.decl("organisation", did, label, ["kind: district_council", f"population: {population(rng.randrange(60, 160) * 1000, rng)}"], one_line=True)
        trust_ids = []
        for t in range(n_trusts):
            services = _TRUST_SERVICES[(index + t) % len(_TRUST_SERVICES)]
            label = {"ambulance": "Ambulance Service", "mental_health": "Health and Care Partnership", "community": "Community Health Services"}.get(services[0], "Hospitals")
            kind = "foundation_trust" if rng.random() < 0.7 else "nhs_trust"
            title = f"{self.town()} {label} NHS {'Foundation ' if kind == 'foundation_trust' else ''}Trust"
            tid = self.names.take(title.split(" NHS")[0])
            trust_ids.append(tid)
            self.decl("organisation", tid, title, [f"kind: {kind}", f"services: [{', '.join(services)}]", f"serves: [{sys_id}]", f"accountable_to: {region}"])
        healthwatch = []
        for cid, kind, label in councils:
            hid = self.names.take(f"healthwatch_{cid}")
            healthwatch.append(hid)
            self.decl("organisation", hid, f"Healthwatch {area(label)}", ["kind: healthwatch", f"footprint: [{cid}]", f"advises: [{icb}]"], one_line=True)
        hospice = self.names.take(f"{town}_hospice")
        self.decl("organisation", hospice, f"{town} Hospice", ["kind: vcse", "services: [hospice]", f"serves: {sys_id}"])
        pcns, practices, vcses = [], [], []
        for p, pid in enumerate(place_ids):
            for v in range(self.scale.vcse_per_place):
                key, suffix = _VCSE[v % len(_VCSE)]
                vid = self.names.take(f"{pid}_{key}")
                vcses.append(vid)
                self.decl("organisation", vid, f"{self.titles[pid]} {suffix}", ["kind: vcse", f"serves: [{pid}]"], one_line=True)
            for nid in nbh_ids[p]:
                pcn = self.names.take(f"{nid}_pcn")
                pcns.append((pcn, nid, pid))
                self.decl("organisation", pcn, f"{nid.replace('_', ' ').title()} Primary Care Network",
                          ["kind: primary_care_network", f"serves: {nid}", f"population: {population(rng.randrange(30, 50) * 1000, rng)}"])
                for g in range(self.scale.practices_per_neighbourhood):
                    gp = self.names.take(f"{nid}_surgery_{g + 1}")
                    practices.append((gp, pcn))
                    title = f"{nid.replace('_', ' ').title()} {('Surgery', 'Medical Centre', 'Health Centre')[g % 3]}"
                    self.decl("organisation", gp, title, ["kind: gp_practice", f"part_of: {pcn}", "services: primary_care"], one_line=True)

        # people -----------------------------------------------------------------------------------------------
        P = self.person
        icb_chair = P(icb, "chair", independent=True, expertise=["finance"])
        icb_ceo = P(icb, "chief_executive")
        icb_dof = P(icb, "director_of_finance", expertise=["finance"])
        icb_md = P(icb, "medical_director", expertise=["medical"])
        icb_don = P(icb, "director_of_nursing", expertise=["nursing"])
        icb_neds = [P(icb, "non_executive_director", independent=True, expertise=[e]) for e in ("audit", "finance", "clinical")]
        place_directors = [P(icb, "place_director") for _ in place_ids]
        trust_people = {}
        for tid in trust_ids:
            trust_people[tid] = {
                "chair": P(tid, "chair", independent=True),
                "ceo": P(tid, "chief_executive"),
                "dof": P(tid, "director_of_finance", expertise=["finance"]),
                "md": P(tid, "medical_director", expertise=["medical"]),
                "don": P(tid, "director_of_nursing", expertise=["nursing"]),
                "neds": [P(tid, "non_executive_director", independent=True) for _ in range(3)],
            }
        council_people = {}
        for cid, kind, label in councils:
            council_people[cid] = {
                "leader": P(cid, "council_leader"),
                "ceo": P(cid, "chief_executive"),
                "dass": P(cid, "director_of_adult_social_services", expertise=["social_care"]),
                "dph": P(cid, "director_of_public_health", expertise=["public_health"]),
                "cllrs": [P(cid, "councillor") for _ in range(2)],
            }
        district_people = {did: P(did, "council_leader") for did, _ in districts}
        hw_people = {hid: P(hid, "chief_officer") for hid in healthwatch}
        hospice_ceo = P(hospice, "chief_executive")
        vcse_people = {vid: P(vid, "chief_officer") for vid in vcses}
        pcn_directors = {pcn: P(pcn, "clinical_director", expertise=["primary_care"]) for pcn, _, _ in pcns}
        gp_partners = {}
        for gp, pcn in practices:
            gp_partners.setdefault(pcn, []).append(P(gp, "gp_partner", expertise=["primary_care"]))
        extras = []
        while len(self.people) - start_people < people_target:
            org = rng.choice([icb] + trust_ids + [c[0] for c in councils] + vcses)
            role = rng.choice(("employee", "consultant", "", "", "governor", "trustee"))
            extras.append(P(org if role else None, role, expertise=[rng.choice(("lived_experience", "digital", "legal", "workforce"))]))

        # forums -------------------------------------------------------------------------------------------------
        self.emit("# Forums.", "")
        forums_by_place: dict[str, list[str]] = {}
        seat_pool: list[tuple[str, list[str]]] = []  # forums extra members can sit on, with their seat lines
        board = self.names.take(f"{town}_icb_board")
        board_seats = [
            self.seat(icb_chair, "chair and non_executive", appointed_by="nhse", approved_by=region),
            self.seat(icb_ceo, "chief_executive"),
            self.seat(icb_dof, "executive_finance"),
            self.seat(icb_md, "executive_medical"),
            self.seat(icb_don, "executive_nursing"),
            *[self.seat(n, "non_executive" + (" and vice_chair" if k == 0 else "")) for k, n in enumerate(icb_neds)],
            self.seat(trust_people[trust_ids[0]]["ceo"], "partner_member_trusts", for_=trust_ids[0], nominated_by=trust_ids[0], block=True),
            self.seat(council_people[councils[0][0]]["ceo"], "partner_member_local_authority", for_=councils[0][0]),
        ]
        if pcns:
            board_seats.append(self.seat(pcn_directors[pcns[0][0]], "partner_member_primary_care", for_=pcns[0][0]))
        board_seats += [self.seat(hw_people[healthwatch[0]], "participant"), self.seat(place_directors[0], "observer")]
        self.forum("board", board, f"NHS {town} ICB Board", icb, board_seats,
                   quorum="6 including [chair or vice_chair, 1 executive_finance or chief_executive, 2 non_executives]",
                   decision="simple_majority with casting_vote", public=True)
        committees = {}
        for role, title in _ICB_COMMITTEES:
            cid = self.names.take(f"{town}_icb_{role}")
            committees[role] = cid
            members = [icb_neds[0], icb_neds[1], icb_chair if role == "remuneration" else icb_md, icb_dof, icb_don]
            seats = [self.seat(members[0], "chair and non_executive")] + [
                self.seat(m, "voting_member") for m in dict.fromkeys(members[1:]) if m is not members[0]
            ]
            self.forum("committee", cid, f"{town} ICB {title}", board, seats, role=role, reports_to=board,
                       quorum="3 including [chair or vice_chair, 1 non_executive]", decision="consensus")
        place_committees, partnerships = [], []
        for p, pid in enumerate(place_ids):
            council = councils[p % len(councils)][0]
            pc = self.names.take(f"{pid}_committee")
            place_committees.append(pc)
            seats = [
                self.seat(place_directors[p], "chair"),
                self.seat(council_people[council]["dass"], "partner_member_local_authority", for_=council),
                self.seat(trust_people[trust_ids[p % len(trust_ids)]]["ceo"], "voting_member", for_=trust_ids[p % len(trust_ids)]),
                self.seat(icb_neds[2], "non_executive"),
            ]
            self.forum("committee", pc, f"{self.titles[pid]} Place Committee", board, seats, role="place",
                       serves=pid, reports_to=board, quorum="3 including [chair, 1 non_executive]", decision="consensus")
            pp = self.names.take(f"{pid}_partnership")
            partnerships.append(pp)
            model = rng.choice(("icb_committee", "consultative_forum", "joint_committee", "individual_director"))
            seats = [
                self.seat(council_people[council]["leader"], "chair and councillor"),
                self.seat(place_directors[p], "vice_chair"),
                self.seat(council_people[council]["dph"], "voting_member"),
                self.seat(vcse_people[vcses[p * self.scale.vcse_per_place]], "voting_member", for_=vcses[p * self.scale.vcse_per_place]) if vcses else None,
                self.seat(hw_people[healthwatch[p % len(healthwatch)]], "participant"),
            ]
            self.forum("place_partnership", pp, f"{self.titles[pid]} Partnership", [icb, council],
                       [x for x in seats if x], serves=pid, model=model,
                       partners=[icb, council, trust_ids[p % len(trust_ids)]], decision="consensus", advises=pc)
            forums_by_place[pid] = [pc, pp]
            seat_pool.append((pp, self._last_forum_seats))
            for nid in nbh_ids[p]:
                pcn = next(x for x in pcns if x[1] == nid)[0]
                nf = self.names.take(f"{nid}_neighbourhood_board")
                seats = [self.seat(pcn_directors[pcn], "chair")] + [
                    self.seat(g, "voting_member") for g in gp_partners.get(pcn, [])
                ] + [self.seat(council_people[council]["cllrs"][0], "councillor")]
                self.forum("subcommittee", nf, f"{nid.replace('_', ' ').title()} Neighbourhood Board", pc, seats,
                           serves=nid, reports_to=pc, quorum="3 including [chair, 1 clinician]", decision="simple_majority")
                forums_by_place[pid].append(nf)
                seat_pool.append((nf, self._last_forum_seats))
        trust_boards, trust_committees = {}, {}
        for tid in trust_ids:
            tp = trust_people[tid]
            tb = self.names.take(f"{tid}_board")
            trust_boards[tid] = tb
            seats = [self.seat(tp["chair"], "chair and non_executive")] + [
                self.seat(tp[k], cap) for k, cap in (("ceo", "chief_executive"), ("dof", "executive_finance"), ("md", "executive_medical"), ("don", "executive_nursing"))
            ] + [self.seat(n, "non_executive" + (" and vice_chair" if k == 0 else "")) for k, n in enumerate(tp["neds"])]
            self.forum("board", tb, f"{tid.replace('_', ' ').title()} Board of Directors", tid, seats,
                       quorum="4 including [chair or vice_chair, 1 executive_member, 2 non_executives]",
                       decision="simple_majority with casting_vote", public=True)
            trust_committees[tid] = []
            for role, title in _TRUST_COMMITTEES:
                tc = self.names.take(f"{tid}_{role}")
                trust_committees[tid].append((role, tc))
                seats = [self.seat(tp["neds"][0], "chair and non_executive"), self.seat(tp["neds"][1], "non_executive"),
                         self.seat(tp["dof"] if role in ("audit", "finance") else tp["md"], "participant" if role == "audit" else "voting_member")]
                self.forum("committee", tc, title, tb, seats, role=role, reports_to=tb, quorum="2 including [1 non_executive]")
        hwbs = []
        for c, (cid, kind, label) in enumerate(councils):
            hwb = self.names.take(f"{cid}_hwb")
            hwbs.append(hwb)
            cp = council_people[cid]
            seats = [self.seat(cp["leader"], "chair and councillor"), self.seat(cp["dph"], "voting_member"),
                     self.seat(cp["dass"], "voting_member"), self.seat(place_directors[c % len(place_directors)], "voting_member", for_=icb),
                     self.seat(hw_people[healthwatch[c]], "voting_member", for_=healthwatch[c])]
            self.forum("health_and_wellbeing_board", hwb, f"{area(label)} Health and Wellbeing Board", cid, seats,
                       decision="consensus", advises=icb, public=True)
        icp = self.names.take(f"{town}_icp")
        seats = [self.seat(icb_chair, "chair"), self.seat(icb_ceo, "voting_member")] + [
            self.seat(council_people[c[0]]["leader"], "voting_member and councillor", for_=c[0]) for c in councils
        ] + [self.seat(hospice_ceo, "voting_member", for_=hospice)]
        self.forum("integrated_care_partnership", icp, f"{town} Integrated Care Partnership", [icb] + [c[0] for c in councils], seats,
                   decision="double_majority of [nhs, local_government]" if len(councils) > 1 else "consensus",
                   partners=[icb] + [c[0] for c in councils], advises=icb, public=True)
        acute = trust_ids
        collab_acute = self.names.take(f"{town}_acute_collaborative")
        self.forum("provider_collaborative", collab_acute, f"{town} Acute Provider Collaborative", None,
                   [self.seat(trust_people[t]["ceo"], "voting_member", for_=t) for t in acute[:4]],
                   model="lead_provider", lead_provider=acute[0], partners=acute[:4], decision="unanimity")
        collab_mh = self.names.take(f"{town}_mental_health_collaborative")
        self.forum("provider_collaborative", collab_mh, f"{town} Mental Health Collaborative", None,
                   [self.seat(trust_people[t]["chair"], "voting_member", for_=t) for t in trust_ids[-2:]],
                   model="committees_in_common", partners=trust_ids[-2:], decision="consensus")

        # extra members, and anyone whose post gave them no seat, sit where lay and public members sit --------
        unseated = [p for p in self.people[start_people:] if p.seats == 0]
        for k, p in enumerate(unseated):
            forum, seats_ = seat_pool[k % len(seat_pool)] if seat_pool else (None, None)
            if seats_ is not None:
                seats_.append(self.seat(p, rng.choice(("co_opted", "voting_member", "observer", "participant"))))
        self._flush_forums()

        # functions -------------------------------------------------------------------------------------------------
        self.emit("# Functions.", "")
        fns: dict[str, list[str]] = {}
        for role, title in _ICB_COMMITTEES:
            fid = f"{sys_id}.{role}.oversight"
            fns.setdefault(role, []).append(fid)
            self.decl("function", fid, f"{title} functions", [f"held_by: {icb}"], one_line=True)
        for what in ("acute", "community", "mental_health", "primary_care"):
            fid = f"{sys_id}.commissioning.{what}"
            fns.setdefault("commissioning", []).append(fid)
            self.decl("function", fid, None, [f"held_by: {icb}", 'source: "NHS Act 2006 s.3"'])
        for fid, title in ((f"{sys_id}.governance.constitution", "Approving the constitution"), (f"{sys_id}.accounts.annual", "Annual report and accounts")):
            self.decl("function", fid, title, [f"held_by: {icb}", f"reserved_to: {board}"])
        place_fns = {}
        for pid in place_ids:
            place_fns[pid] = [f"{pid}.{w}" for w in ("community_services", "social_care_integration", "primary_care_development", "prevention")]
            for fid in place_fns[pid]:
                self.decl("function", fid, None, [f"held_by: {icb}", f"scope: {pid}"], one_line=True)
        trust_fns = {}
        for tid in trust_ids:
            trust_fns[tid] = [f"{tid}.{w}" for w in ("operations", "capital", "clinical_governance", "workforce")]
            for fid in trust_fns[tid]:
                self.decl("function", fid, None, [f"held_by: {tid}"], one_line=True)

        # delegations, renewed each year -------------------------------------------------------------------------------
        self.emit("# Delegations.", "")
        candidates = []  # (from, to, functions, basis, limit range in £k, reports_to, forum that acts)
        for role, cid in committees.items():
            candidates.append((board, cid, fns[role], "scheme_of_delegation", (500, 5_000), board, cid))
        for p, pid in enumerate(place_ids):
            pc = place_committees[p]
            candidates.append((board, pc, place_fns[pid], "scheme_of_delegation", (2_000, 60_000), board, pc))
            candidates.append((board, place_directors[p].id, place_fns[pid][:2], "scheme_of_delegation", (100, 1_000), pc, None))
            for nf in forums_by_place[pid][2:]:
                candidates.append((pc, nf, place_fns[pid][2:], "scheme_of_delegation", (100, 2_000), pc, nf))
        for tid in trust_ids:
            tb = trust_boards[tid]
            for role, tc in trust_committees[tid]:
                candidates.append((tb, tc, trust_fns[tid][:2] if role == "finance" else trust_fns[tid][2:], "scheme_of_delegation", (1_000, 20_000), tb, tc))
            candidates.append((tb, trust_people[tid]["ceo"].id, trust_fns[tid][:1], "scheme_of_delegation", (250, 5_000), tb, None))
        candidates.append((icb, collab_acute, fns["commissioning"][:1], "lead_provider_contract", (50_000, 400_000), board, collab_acute))
        for c, hwb in enumerate(hwbs):
            candidates.append((councils[c][0], hwb, place_fns[place_ids[c % len(place_ids)]][1:2], "lga_s101", (100, 2_000), councils[c][0], hwb))
        delegations = []
        years = max(1, -(-delegation_target // len(candidates)))
        for n in range(delegation_target):
            frm, to, functions, basis, (lo, hi), reports, acting = candidates[n % len(candidates)]
            year = LAST_YEAR - years + 1 + n // len(candidates)
            did = self.names.take(f"{sys_id}_delegation_{n + 1:04d}")
            limit = rng.randrange(lo, hi) * 1000
            chosen = functions if len(functions) <= 1 else sorted(rng.sample(functions, rng.randrange(1, len(functions) + 1)))
            attributes = [
                f"from: {frm}",
                f"to: {to}",
                f"functions: [{', '.join(chosen)}]",
                f"limit: {money(limit, rng)}",
                f"basis: {basis}",
                f"reports_to: [{reports}]",
                f"effective: {dt.date(year, 4, 1)}",
                f"expires: {dt.date(year + 1, 3, 31)}",
                f"review: {dt.date(year + 1, 1, 31)}",
            ]
            if rng.random() < 0.2:
                attributes.append("further_delegation: yes")
            if rng.random() < 0.3:
                attributes.append(f"conditions: {quote('Within the budget approved by the board')}")
            self.decl("delegation", did, f"{', '.join(f.split('.')[-1].replace('_', ' ') for f in chosen).capitalize()} ({year}/{(year + 1) % 100:02d})", attributes)
            delegations.append((did, acting, chosen, limit, year))

        # pooled funds ---------------------------------------------------------------------------------------------------
        for c, (cid, kind, label) in enumerate(councils):
            fund = self.names.take(f"{cid}_better_care_fund")
            icb_part = rng.randrange(20, 120) * 500_000
            council_part = rng.randrange(5, 60) * 250_000
            attributes = [
                f"host: {cid}",
                "basis: s75_agreement",
                f"contribution: {icb} {money(icb_part, rng)}",
                f"contribution: {cid} {money(council_part, rng)}",
            ]
            if kind == "county_council":
                for did, _ in districts[:3]:
                    attributes.append(f"contribution: {did} {money(rng.randrange(2, 20) * 100_000, rng)}")
            attributes += [f"governed_by: {hwbs[c]}",
                           "agreement: [aims_and_outcomes, contributions, functions, persons_and_services, duration_and_review, management_and_monitoring]",
                           f"from: {dt.date(LAST_YEAR, 4, 1)}", f"to: {dt.date(LAST_YEAR + 1, 3, 31)}"]
            self.decl("pooled_fund", fund, f"{area(label)} Better Care Fund", attributes)

        # decisions ------------------------------------------------------------------------------------------------------
        self.emit("# Decisions.", "")
        acting = [d for d in delegations if d[1]]
        for n in range(decision_target if acting else 0):
            did, forum, functions, limit, year = acting[(n * 7) % len(acting)]
            dec = self.names.take(f"{sys_id}_decision_{n + 1:04d}")
            when = date(rng, dt.date(year, 4, 1), min(dt.date(year + 1, 3, 31), BENCHMARK_DATE))
            affected = rng.sample(trust_ids, min(len(trust_ids), rng.randrange(1, 3)))
            members = self.forum_members.get(forum, [])
            attributes = [
                f"forum: {forum}",
                f"date: {when}",
                f"affects: [{', '.join(affected)}]",
                f"amount: {money(max(1000, limit * rng.randrange(1, 100) // 100 // 1000 * 1000), rng)}",
                f"functions: [{functions[0]}]",
                f"under: {did}",
            ]
            if members and rng.random() < 0.25:
                attributes.append(f"excluded: [{rng.choice(members)}]")
            self.decl("decision", dec, f"Decision {n + 1} of {town} ({_MONTHS[when.month - 1]} {when.year})", attributes)

        # people, last, so that every seat is known ------------------------------------------------------------------------
        self.emit("# People.", "")
        orgs_for_interest = trust_ids + vcses + [hospice] + [g for g, _ in practices[:20]]
        for p in self.people[start_people:]:
            self._person(p, orgs_for_interest)

    # -- forums are written once all their seats are known ----------------------------------------------------------------
    _pending: list
    forum_members: dict

    def seat(self, person: _Person, capacities: str, *, for_=None, nominated_by=None, appointed_by=None,
             approved_by=None, block=False) -> str:
        person.seats += 1
        rng = self.rng
        start = dt.date(rng.randrange(2019, 2025), rng.choice((1, 4, 7, 10)), 1)
        options = []
        if for_:
            options.append(("for", for_))
        if nominated_by:
            options.append(("nominated_by", nominated_by))
        if appointed_by:
            options.append(("appointed_by", appointed_by))
        if approved_by:
            options.append(("approved_by", approved_by))
        options.append(("from", str(start)))
        if rng.random() < 0.3:
            options.append(("to", str(start.replace(year=start.year + 4) - dt.timedelta(days=1))))
        if block:
            inner = "\n".join(f"  {k}: {v}" for k, v in options)
            return f"seat: {person.id} as {capacities} {{\n{inner}\n}}"
        return f"seat: {person.id} as {capacities} " + " ".join(f"{k} {v}" for k, v in options)

    def forum(self, kind, fid, title, parent, seats, *, role=None, serves=None, model=None, lead_provider=None,
              partners=None, quorum=None, decision=None, reports_to=None, advises=None, public=False):
        if not hasattr(self, "_pending"):
            self._pending, self.forum_members = [], {}
        attributes = []
        if model:
            attributes.append(f"model: {model}")
        if parent:
            attributes.append(f"parent: {parent if isinstance(parent, str) else '[' + ', '.join(parent) + ']'}")
        if role:
            attributes.append(f"role: {role}")
        if serves:
            attributes.append(f"serves: {serves}")
        if lead_provider:
            attributes.append(f"lead_provider: {lead_provider}")
        if partners:
            attributes.append(f"partners: [{', '.join(dict.fromkeys(partners))}]")
        rng = self.rng
        approved = dt.date(rng.randrange(2022, 2025), rng.randrange(1, 13), rng.randrange(1, 29))
        attributes.append(
            "terms: {\n"
            f"  purpose: {quote(f'The {title} of the system')}\n"
            f"  meets_in_public: {'yes' if public else 'no'}\n"
            f"  papers_published: {'yes' if public else 'no'}\n"
            f"  frequency: {rng.choice(_FREQUENCIES)}\n"
            f"  approved: {approved}\n"
            f"  review: {approved.replace(year=approved.year + 2)}\n"
            "}"
        )
        if quorum:
            attributes.append(f"quorum: {quorum}")
        if decision:
            attributes.append(f"decision: {decision}")
        if reports_to:
            attributes.append(f"reports_to: [{reports_to}]")
        if advises:
            attributes.append(f"advises: [{advises}]")
        seat_lines = list(seats)
        self._pending.append((kind, fid, title, attributes, seat_lines))
        self._last_forum_seats = seat_lines
        self.forum_members[fid] = [s.split()[1] for s in seat_lines]

    def _flush_forums(self):
        for kind, fid, title, attributes, seats in self._pending:
            seen, unique = set(), []
            for line in seats:
                person = line.split()[1]
                if person not in seen:  # one seat per person per forum
                    seen.add(person)
                    unique.append(line)
            self.forum_members[fid] = [line.split()[1] for line in unique]  # in seat order: deterministic
            self.decl(kind, fid, title, attributes + unique)
        self._pending = []

    def _person(self, p: _Person, orgs: list[str]) -> None:
        rng = self.rng
        attributes = []
        for role, org, title in p.posts:
            attributes.append(f"post: {role}" + (f" at {org}" if org else ""))
        if p.expertise:
            attributes.append(f"expertise: [{', '.join(p.expertise)}]")
        if p.independent:
            attributes.append("independent: yes")
        roll = rng.random()
        if roll < 0.55:
            declared = date(rng, dt.date(2022, 4, 1), dt.date(2025, 3, 31))
            if p.employer and p.posts and p.posts[0][0] in ("chief_executive", "director_of_finance", "medical_director",
                                                              "director_of_nursing", "gp_partner", "clinical_director", "employee", "consultant"):
                attributes.append(f"interest: financial in {p.employer} from {declared - dt.timedelta(days=rng.randrange(200, 3000))} declared {declared}")
            if rng.random() < 0.5:
                other = rng.choice(orgs)
                action = rng.choice(("none", "declare_and_participate", "exclude_from_vote", "exclude_from_decision"))
                attributes.append(f"interest: non_financial_professional in {other} declared {declared} action {action}")
            if rng.random() < 0.3:
                attributes.append(
                    f"interest: indirect in {quote(rng.choice(_MATTERS))} declared {declared} {{\n"
                    f"  relationship: {quote(rng.choice(('spouse', 'partner', 'brother', 'daughter')))}\n"
                    f"  action: {rng.choice(('declare_and_participate', 'exclude_from_discussion_and_decision', 'withhold_papers'))}\n"
                    f"  private: {rng.choice(('yes', 'no'))}\n"
                    "}"
                )
            if not any(a.startswith("interest:") for a in attributes):
                attributes.append(f"no_interests: {declared}")
        else:
            attributes.append(f"no_interests: {date(rng, dt.date(2023, 4, 1), dt.date(2025, 3, 31))}")
        if rng.random() < 0.1:
            attributes.append(f"contact: {quote('Via the governance team')}")
        self.decl("person", p.id, p.name, attributes)


def generate_files(scale: Scale | str = "system", seed: int = 2024) -> dict[str, str]:
    """The model as files: `national.gov` (NHS England) and one file per system."""
    if isinstance(scale, str):
        scale = SCALES[scale]
    return Generator(scale, seed).generate()


def generate(scale: Scale | str = "system", seed: int = 2024) -> str:
    """The model as the text of one file, in `govdsl fmt`'s layout."""
    return one_file(generate_files(scale, seed))


def one_file(files: dict[str, str]) -> str:
    """Generated files as one text, a blank line between them as `govdsl fmt` puts one."""
    return "\n".join(files.values())


def stats(text: str) -> Counter:
    """How many declarations of each kind a generated text has (and lines, and bytes)."""
    counts = Counter()
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith(("#", "}")):
            counts[line.split(" ", 1)[0]] += 1
        stripped = line.lstrip()
        if stripped.startswith(("seat:", "interest:")):
            counts[stripped.split(":", 1)[0]] += 1
    counts["lines"] = text.count("\n")
    counts["bytes"] = len(text.encode("utf-8"))
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="system")
    parser.add_argument("--seed", type=int, default=2024)
    for field in attrs.fields(Scale):
        parser.add_argument(f"--{field.name.replace('_', '-')}", type=int, help=f"override the scale's {field.name}")
    parser.add_argument("--out", help="a file to write (default: standard output), or a folder with --split")
    parser.add_argument("--split", action="store_true", help="one file per system, in the --out folder")
    parser.add_argument("--stats", action="store_true", help="print counts of what was generated to standard error")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    overrides = {f.name: getattr(args, f.name) for f in attrs.fields(Scale) if getattr(args, f.name) is not None}
    scale = attrs.evolve(scale, **overrides)
    files = generate_files(scale, args.seed)
    if args.split:
        folder = Path(args.out or "generated")
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    elif args.out:
        Path(args.out).write_text(one_file(files), encoding="utf-8")
    else:
        sys.stdout.write(one_file(files))
    if args.stats:
        for key, value in sorted(stats(one_file(files)).items()):
            print(f"{key:>30} {value:>10,}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
