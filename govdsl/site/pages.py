"""The handbook's pages, as plain data built from the model.

`build_pages` turns a model (and, when there is one, the compilation and its
findings) into `Page`s: the index, one page per organisation, forum and
person, the scheme of reservation and delegation, the register of interests
and the findings. A page holds only text, `Link`s and tables of them; the
templates decide how to show them, and every piece of text reaches the HTML
through Jinja's autoescaping. The tables come from `govdsl.export.tables`, so
a page says exactly what the exported documents say.

File names come from entity ids, lower-cased and reduced to `[a-z0-9_-]`;
two ids that reduce to the same name are told apart by a short hash of the
id, so names are stable from one build to the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict

import attrs

from govdsl import __version__
from govdsl.analysis.dates import as_of as in_force_on
from govdsl.analysis.facts import Facts
from govdsl.analysis.procedure import Procedures, standing_orders_terms
from govdsl.diagnostics import Diagnostic
from govdsl.export import tables
from govdsl.analysis.wording import label, long_date, name_of, period_words, post_words, sentence
from govdsl.export.tables import (
    decision_words,
    money,
    quorum_words,
    seat_words,
    yes_no,
)
from govdsl.model import vocabulary as v
from govdsl.model.public import public_model, publishable
from govdsl.model.types import (
    Decision,
    Delegation,
    Forum,
    Function,
    Model,
    Organisation,
    Person,
    PooledFund,
    Tier,
)
from govdsl.site.diagrams import Diagram, draw
from govdsl.text import clean

# -- what a page is made of -------------------------------------------------------------------------


@attrs.frozen
class Link:
    """Text, and the page it leads to (relative to the site's root), if any."""

    text: str
    href: str | None = None


Cell = tuple[Link, ...]  # one or more pieces of text, each perhaps a link


@attrs.frozen
class TableView:
    id: str  # the caption's id, unique on its page
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str = "None."
    row_headers: bool = True  # the first cell of each row heads the row

    @property
    def long(self) -> tuple[bool, ...]:
        """For each column, whether it holds sentences (and so should be given room)."""
        return tuple(c in LONG_COLUMNS for c in self.columns)

    def without_empty_columns(self, keep: int = 2) -> "TableView":
        """The table less any column (after the first `keep`) that is empty in every row."""
        used = [i for i in range(len(self.columns)) if i < keep or any(row[i] for row in self.rows)]
        if not self.rows or len(used) == len(self.columns):
            return self
        return attrs.evolve(
            self, columns=tuple(self.columns[i] for i in used), rows=tuple(tuple(r[i] for i in used) for r in self.rows)
        )


LONG_COLUMNS = frozenset(
    {
        "Function / decision",
        "Conditions",
        "Description",
        "Organisation or matter",
        "Roles",
        "Decision",
        "Reserved to / Delegated to",
        "Delegated to",
        "Reports / assurance to",
        "Legal basis",
        "Capacity",
        "Quorum",
        "Reason",
    }
)


@attrs.frozen
class Fact:
    """One line of a page's summary: `Kind: Committee (audit committee)`."""

    term: str
    value: Cell


@attrs.frozen
class Part:
    """A piece of a finding's message: plain text, a link to a page, or a code word."""

    kind: str  # text, link, code
    text: str
    href: str | None = None


@attrs.frozen
class FindingView:
    code: str
    rule: str
    severity: str  # error, warning, info
    severity_label: str
    message: tuple[Part, ...]
    hint: tuple[Part, ...]
    where: str  # file and line
    about: tuple[Link, ...]  # the pages it points at


@attrs.frozen
class TierView:
    anchor: str
    title: str
    detail: str
    bodies: tuple[Link, ...]
    children: tuple["TierView", ...]


@attrs.frozen
class SiteInfo:
    title: str
    systems: tuple[str, ...]
    as_of: str
    public: bool
    version: str
    checked: bool  # whether the governance checks were run


@attrs.frozen
class Page:
    path: str  # relative to the site's root, e.g. forums/audit.html
    template: str
    title: str  # the page's h1
    section: str  # the navigation item it belongs to: home, scheme, register, findings or ""
    data: dict = attrs.field(eq=False, factory=dict)

    @property
    def root(self) -> str:
        """The way back to the site's root from this page."""
        return "../" * self.path.count("/")


SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Information"}
SEVERITY_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Information"}
FOLDERS = {Organisation: "organisations", Forum: "forums", Person: "people"}
SCHEME_PAGE = "scheme-of-delegation.html"
REGISTER_PAGE = "register-of-interests.html"
FINDINGS_PAGE = "findings.html"

_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def slug(id: str) -> str:
    """An entity id as a file name: `commissioning.Community` -> `commissioning-community`."""
    text = _UNSAFE.sub("-", id.lower()).strip("-")
    return text[:80] or "entity"


def _hash(id: str) -> str:
    return hashlib.sha256(id.encode("utf-8")).hexdigest()[:8]


def _text(*texts: str) -> Cell:
    return tuple(Link(t) for t in texts if t)


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _joined(cells, separator: str = "; ") -> Cell:
    """Several cells as one, with a separator between them."""
    out: list[Link] = []
    for i, cell in enumerate(cells):
        if i:
            out.append(Link(separator))
        out.extend(cell)
    return tuple(out)


# -- building -------------------------------------------------------------------------------------------


class _Builder:
    """Everything the pages share: the model shown, names, file names and findings."""

    def __init__(self, model: Model, as_of: dt.date, public: bool, compilation, findings):
        self.full = model
        self.as_of = as_of
        self.public = public
        current = in_force_on(model, as_of)
        self.withheld: frozenset[str] = frozenset()
        self.withheld_spans: tuple = ()
        if public:
            published = public_model(current)
            self.withheld = frozenset(
                before.id
                for before, after in zip(current.people, published.people)
                if before.interests and not after.interests
            )
            self.withheld_spans = tuple(
                i.span for p in model.people for i in p.interests if not publishable(i) and i.span is not None
            )
            current = published
        self.model = current
        self.procedures = Procedures(current, model)
        self.compilation = compilation
        self.hrefs = self._hrefs()
        self._by_name = self._names_to_pages()
        self.findings = self._findings(findings) if findings is not None else ()
        self.findings_by_page: dict[str, list[FindingView]] = defaultdict(list)
        for finding in self.findings:
            for link in finding.about:
                self.findings_by_page[link.href].append(finding)

    # names and links ----------------------------------------------------------------------------------
    def _hrefs(self) -> dict[str, str]:
        hrefs: dict[str, str] = {}
        for group, folder in (
            (self.model.organisations, "organisations"),
            (self.model.forums, "forums"),
            (self.model.people, "people"),
        ):
            taken: set[str] = set()
            for entity in group:
                name = slug(entity.id)
                if name in taken:
                    name = f"{name}-{_hash(entity.id)}"
                taken.add(name)
                hrefs[entity.id] = f"{folder}/{name}.html"
        for tier in self.model.tiers:
            hrefs[tier.id] = f"index.html#tier-{slug(tier.id)}-{_hash(tier.id)}"
        return hrefs

    def _names_to_pages(self) -> dict[str, str | None]:
        """A page for each name, where only one entity has that name (for linking export tables)."""
        by_name: dict[str, str | None] = {}
        for id, href in self.hrefs.items():
            name = self.name(id)
            by_name[name] = None if name in by_name else href
        return by_name

    def name(self, id: str | None) -> str:
        return name_of(self.full if self.model.entity(id or "") is None else self.model, id, lines=True)

    def link(self, id: str | None, text: str | None = None) -> Link:
        return Link(clean(text, lines=True) if text is not None else self.name(id), self.hrefs.get(id or ""))

    def links(self, ids) -> Cell:
        return _joined([(self.link(i),) for i in ids if i])

    def page_of(self, id: str) -> str | None:
        href = self.hrefs.get(id)
        return href if href and "#" not in href else None

    def cell(self, value) -> Cell:
        """A cell of an export table, with the names in it linked to their pages."""
        if isinstance(value, dt.date):
            return (Link(long_date(value)),)
        if not value:
            return ()
        out = []
        for part in value.split("; "):
            href = self._by_name.get(part)
            if href is None and part.endswith(")") and " (" in part:
                href = self._by_name.get(part.split(" (", 1)[0])
            out.append((Link(part, href),))
        return _joined(out)

    def table(self, table: tables.Table, id: str, columns=None, rename=None, caption=None) -> TableView:
        """An export table, showing only `columns` (in that order), renamed by `rename`."""
        columns = tuple(columns or table.columns)
        index = [table.columns.index(c) for c in columns]
        rows = tuple(tuple(self.cell(row[i]) for i in index) for row in table.rows)
        shown = tuple((rename or {}).get(c, c) for c in columns)
        return TableView(id, caption or table.title, shown, rows, table.empty)

    # findings --------------------------------------------------------------------------------------------
    def _findings(self, diagnostics: tuple[Diagnostic, ...]) -> tuple[FindingView, ...]:
        declarations: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        sources = {}
        if self.compilation is not None:
            sources = self.compilation.sources
            for document in self.compilation.documents:
                for item in getattr(document, "items", ()):
                    if hasattr(item, "name") and hasattr(item, "block"):
                        declarations[item.span.file].append((item.span.start, item.span.end, item.name.text))

        def declared_in(span) -> str | None:
            for start, end, id in declarations.get(span.file, ()):
                if start <= span.start < end:
                    return id
            return None

        def withheld(span) -> bool:
            return any(w.file == span.file and w.start < span.end and span.start < w.end for w in self.withheld_spans)

        views = []
        for diagnostic in diagnostics:
            spans = [s for s in (diagnostic.span, *(r.span for r in diagnostic.related)) if s is not None]
            if any(withheld(s) for s in spans):
                continue  # it would tell what the publication version leaves out
            about: list[str] = []
            # the entities it is about, as the finding names them; else the declarations it points into
            ids = [s.id for s in diagnostic.subjects if s.role != "undeclared"]
            if not diagnostic.subjects:
                ids = [i for i in map(declared_in, spans) if i is not None]
            for id in ids:
                about += self._pages_about(id)
            where = ""
            if diagnostic.span is not None:
                source = sources.get(diagnostic.span.file)
                line = f", line {source.position(diagnostic.span.start).line}" if source is not None else ""
                where = f"{clean(diagnostic.span.file, lines=True)}{line}"
            severity = diagnostic.severity.label
            views.append(
                FindingView(
                    diagnostic.code,
                    diagnostic.rule or "",
                    severity,
                    SEVERITY_LABELS[severity],
                    self._message(diagnostic.message, sentence=True),
                    self._message(diagnostic.hint or "", sentence=True, names=False),
                    where,
                    tuple(self.link(i) for i in _unique(about)),
                )
            )
        return tuple(views)

    def _pages_about(self, id: str) -> list[str]:
        """The pages a finding about entity `id` belongs on."""
        entity = self.full.entity(id)
        ids: list[str | None] = []
        if isinstance(entity, (Organisation, Forum, Person)):
            ids = [id]
        elif isinstance(entity, Delegation):
            ids = [entity.delegator, entity.delegate]
        elif isinstance(entity, Decision):
            ids = [entity.forum]
        elif isinstance(entity, PooledFund):
            ids = [entity.host, entity.governed_by, *(c.partner for c in entity.contributions)]
        elif isinstance(entity, Function):
            ids = [entity.holder, entity.reserved_to]
        return [i for i in ids if i and self.page_of(i)]

    def _message(self, message: str, sentence: bool = False, names: bool = True) -> tuple[Part, ...]:
        """A message with each `name` in backticks shown by its title and linked to its page.

        With `sentence`, it starts with a capital and ends with a full stop, as in a board paper.
        Without `names`, backticked words stay as written (a hint's words are there to be typed).
        """
        text = clean(message, lines=True)
        if sentence and text:
            text = text[0].upper() + text[1:]
            if text.rstrip("`")[-1:] not in (".", "?", "!", ")", '"'):
                text += "."
        parts = []
        for i, piece in enumerate(text.split("`")):
            if not piece:
                continue
            if i % 2 == 0:
                parts.append(Part("text", piece))
            elif names and piece in self.full:
                link = self.link(piece)
                parts.append(Part("link", link.text, link.href) if link.href else Part("text", link.text))
            else:
                parts.append(Part("code", piece))
        return tuple(parts)

    def page_findings(self, id: str) -> tuple[FindingView, ...]:
        return tuple(self.findings_by_page.get(self.hrefs[id], ()))

    # diagrams ------------------------------------------------------------------------------------------------
    def diagram(self, views: tuple[str, ...], focus: str | None, depth: int | None, subject: str) -> Diagram | None:
        def link(id: str, label: str) -> Link:
            return Link(clean(label, lines=True), self.hrefs.get(id))

        fallback = None
        for view in views:  # the first view that draws a line to or from the subject; else the first that draws it
            found = draw(self.model, view, link, focus=focus, depth=depth, subject=subject, id_prefix="diagram")
            if found is not None and found.relations:
                return found
            fallback = fallback or found
        return fallback

    # shared tables ---------------------------------------------------------------------------------------------
    def delegations(self, id: str, direction: str, table_id: str) -> TableView:
        """Delegations to (`in`) or from (`out`) an entity, as rows of the scheme of delegation."""
        side = "delegate" if direction == "in" else "delegator"
        chosen = tuple(d for d in self.model.delegations if getattr(d, side) == id)
        functions = tuple(attrs.evolve(f, reserved_to=None) for f in self.model.functions)
        table = tables.sord(self.model.replace(functions=functions, delegations=chosen))
        other = "Delegated by" if direction == "in" else "Reserved to / Delegated to"
        columns = (
            "Function / decision",
            other,
            "Financial limit",
            "Further delegation",
            "Conditions",
            "Reports / assurance to",
            "Legal basis",
            "Effective",
            "Expires",
            "Review",
        )
        caption = "Delegated to it" if direction == "in" else "Delegated by it"
        view = self.table(table, table_id, columns, {"Reserved to / Delegated to": "Delegated to"}, caption)
        return attrs.evolve(view, empty="None in force.")

    def reserved(self, id: str, table_id: str) -> TableView:
        functions = tuple(f for f in self.model.functions if f.reserved_to == id)
        table = tables.sord(self.model.replace(functions=functions, delegations=()))
        view = self.table(table, table_id, ("Function / decision", "Source", "Conditions"), caption="Reserved to it")
        return attrs.evolve(view.without_empty_columns(), empty="None.")

    def interests(self, people, table_id: str, caption: str, drop=("Roles",), empty: str = "None.") -> TableView:
        table = tables.interests(self.model.replace(people=tuple(people)), self.withheld)
        columns = tuple(c for c in table.columns if c not in drop)
        return attrs.evolve(self.table(table, table_id, columns, caption=caption), empty=empty)

    def post_words(self, post, dated: bool = False) -> Cell:
        """`Chief executive, ` and a link to the organisation; with `dated`, `(since 1 April 2023)` after it."""
        role = post_words(post, lines=True)
        words = (Link(role + ", "), self.link(post.organisation)) if post.organisation else (Link(role),)
        period = period_words(post.start, post.end) if dated else ""
        return (*words, Link(f" ({period})")) if period else words

    def former_posts(self, person: Person) -> tuple:
        """The posts a person had left by the as-of date, latest first (from the full model)."""
        full = self.full.entity(person.id)
        posts = [p for p in getattr(full, "posts", ()) if p.end is not None and p.end < self.as_of]
        return tuple(sorted(posts, key=lambda p: p.end, reverse=True))


# -- the pages ---------------------------------------------------------------------------------------------------


def _systems(model: Model) -> tuple[str, ...]:
    return tables.systems(model)


def site_info(model: Model, as_of: dt.date, public: bool, checked: bool) -> SiteInfo:
    systems = _systems(model)
    title = (" and ".join(systems) + " governance handbook") if systems else "Governance handbook"
    return SiteInfo(title, systems, long_date(as_of), public, __version__, checked)


def build_pages(
    model: Model,
    as_of: dt.date,
    public: bool = False,
    compilation=None,
    findings: tuple[Diagnostic, ...] | None = None,
) -> tuple[SiteInfo, tuple[Page, ...]]:
    """Every page of the handbook for the arrangements in force on `as_of`.

    `model` is the full model (all dates); `findings` the diagnostics of
    `check_compilation`, or None when the checks were not run.
    """
    b = _Builder(model, as_of, public, compilation, findings)
    info = site_info(b.model, as_of, public, findings is not None)
    pages = [_index(b, info)]
    pages += [_organisation(b, o) for o in b.model.organisations]
    pages += [_forum(b, f) for f in b.model.forums]
    pages += [_person(b, p) for p in b.model.people]
    pages.append(_scheme(b))
    pages.append(_register(b))
    pages.append(_findings_page(b))
    return info, tuple(pages)


def _severity_counts(findings) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def _count_words(counts: dict[str, int]) -> str:
    words = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("note", "notes")}
    parts = [f"{n} {words[k][0] if n == 1 else words[k][1]}" for k, n in counts.items() if n]
    return ", ".join(parts) if parts else "no findings"


def _forum_kind(forum: Forum) -> str:
    text = sentence(label(v.FORUM_KINDS, forum.kind))
    if forum.role and forum.role != "other":
        text += f" ({label(v.FORUM_ROLES, forum.role)})"
    return text


def _tiers(b: _Builder) -> tuple[tuple[TierView, ...], tuple[Link, ...]]:
    model = b.model
    at: dict[str | None, list[Link]] = defaultdict(list)
    tier_ids = {t.id for t in model.tiers}
    facts = Facts(model)
    for entity in (*model.organisations, *model.forums):
        tier = facts.tier_of(entity.id)
        at[tier if tier in tier_ids else None].append(b.link(entity.id))
    children: dict[str | None, list[Tier]] = defaultdict(list)
    for tier in model.tiers:
        children[tier.parent if tier.parent in tier_ids else None].append(tier)

    def view(tier: Tier, seen: frozenset[str]) -> TierView:
        detail = sentence(label(v.TIER_KINDS, tier.kind))
        if tier.population:
            detail += f", population {tier.population:,}"
        kids = tuple(view(c, seen | {c.id}) for c in children.get(tier.id, ()) if c.id not in seen)
        anchor = b.hrefs[tier.id].split("#", 1)[1]
        return TierView(anchor, clean(tier.title, lines=True), detail, _joined((x,) for x in at.get(tier.id, ())), kids)

    return tuple(view(t, frozenset({t.id})) for t in children.get(None, ())), _joined((x,) for x in at.get(None, ()))


def _index(b: _Builder, info: SiteInfo) -> Page:
    model = b.model
    organisations = TableView(
        "organisations-table",
        "Organisations",
        ("Organisation", "Kind", "Sector", "Serves"),
        tuple(
            (
                (b.link(o.id),),
                _text(sentence(label(v.ORGANISATION_KINDS, o.kind))),
                _text(sentence(label(v.SECTORS, o.sector))),
                b.links(o.area),
            )
            for o in model.organisations
        ),
        "No organisations are declared.",
    )
    forums = TableView(
        "forums-table",
        "Boards, committees and partnerships",
        ("Name", "Kind", "Part of", "Members", "Quorum"),
        tuple(
            (
                (b.link(f.id),),
                _text(_forum_kind(f)),
                b.links(f.parents),
                _text(str(len({s.person for s in f.seats}))),
                _text(quorum_words(b.procedures.quorum(f))),
            )
            for f in model.forums
        ),
        "No boards, committees or partnerships are declared.",
    )
    seats: dict[str, set[str]] = defaultdict(set)
    for seat in model.seats():
        seats[seat.person].add(seat.forum)
    people = TableView(
        "people-table",
        "People",
        ("Name", "Posts", "Seats on boards and committees"),
        tuple(
            (
                (b.link(p.id),),
                _joined(b.post_words(post) for post in p.posts),
                _text(str(len(seats.get(p.id, ())))),
            )
            for p in model.people
        ),
        "No people are named.",
    )
    tiers, unplaced = _tiers(b)
    counts = _severity_counts(b.findings)
    search = [
        {"name": b.name(e.id), "kind": kind, "href": b.hrefs[e.id]}
        for group, kind in (
            (model.organisations, "organisation"),
            (model.forums, "board, committee or partnership"),
            (model.people, "person"),
        )
        for e in group
    ]
    search += [
        {"name": "Scheme of reservation and delegation", "kind": "document", "href": SCHEME_PAGE},
        {"name": "Register of interests", "kind": "document", "href": REGISTER_PAGE},
        {"name": "Findings from the checks", "kind": "document", "href": FINDINGS_PAGE},
    ]
    subject = " and ".join(info.systems) or "the arrangements"
    systems = [t for t in model.tiers if t.kind == "system"]
    if len(systems) == 1:  # the system and what lies within it; national bodies have their own pages
        diagram = b.diagram(("structure",), systems[0].id, 0, subject)
    else:
        diagram = b.diagram(("structure",), None, None, subject)
    data = {
        "organisations": organisations,
        "forums": forums,
        "people": people,
        "tiers": tiers,
        "unplaced": unplaced,
        "counts": counts,
        "count_words": _count_words(counts),
        "totals": (len(model.organisations), len(model.forums), len(model.people)),
        "search": search,
        "diagram": diagram,
    }
    return Page("index.html", "index.html.j2", info.title, "home", data)


def _organisation(b: _Builder, org: Organisation) -> Page:
    model = b.model
    kind = v.ORGANISATION_KINDS.get(org.kind)
    facts = [
        Fact("Kind", _text(sentence(kind.label if kind else org.kind.replace("_", " ")))),
        Fact("Sector", _text(sentence(label(v.SECTORS, org.sector)))),
        Fact("Statutory body", _text(yes_no(org.statutory))),
    ]
    if org.part_of:
        facts.append(Fact("Part of", (b.link(org.part_of),)))
    if org.established:
        facts.append(Fact("Established", _text(long_date(org.established))))
    if org.dissolved:
        facts.append(Fact("Dissolved", _text(long_date(org.dissolved))))
    if org.succeeded_by:
        facts.append(Fact("Succeeded by", (b.link(org.succeeded_by),)))
    if org.budget is not None:
        facts.append(Fact("Budget", _text(money(org.budget))))
    if org.standing_orders is not None:
        facts += [Fact(f"Standing orders: {heading.lower()}", _text(words)) for heading, words in standing_orders_terms(org.standing_orders)]
    if org.accountable_to:
        facts.append(Fact("Accountable to", b.links(org.accountable_to)))
    if org.area:
        facts.append(Fact("Serves", b.links(org.area)))
    if org.footprint:
        facts.append(Fact("Covers the areas of", b.links(org.footprint)))
    if org.population:
        facts.append(Fact("Population served", _text(f"{org.population:,}")))
    if org.services:
        facts.append(Fact("Services", _text(sentence("; ".join(label(v.SERVICES, s) for s in org.services)))))
    parts = b.links(o.id for o in model.organisations if o.part_of == org.id)
    if parts:
        facts.append(Fact("Includes", parts))

    forum_rows = []
    for forum in model.forums:
        roles = []
        if org.id in forum.parents:
            roles.append("Parent body")
        if org.id in forum.partners:
            roles.append("Partner")
        if forum.lead_provider == org.id:
            roles.append("Lead provider")
        if roles:
            forum_rows.append(((b.link(forum.id),), _text(_forum_kind(forum)), _text("; ".join(roles))))
    forums = TableView("forums", "Boards, committees and partnerships", ("Name", "Kind", "Its part"), tuple(forum_rows), "None.")
    post_rows = []
    for person in model.people:
        for post in person.posts:
            if post.organisation == org.id:
                role = post_words(post, lines=True)
                post_rows.append(((b.link(person.id),), _text(role)))
    posts = TableView("posts", "People who hold posts here", ("Name", "Post"), tuple(post_rows), "None recorded.")
    representative_rows = tuple(
        ((b.link(s.person),), (b.link(f.id),), _text(seat_words(s)))
        for f in model.forums
        for s in f.seats
        if s.representing == org.id
    )
    representatives = TableView(
        "representatives", "Members who represent it", ("Member", "On", "Capacity"), representative_rows, "None."
    )
    fund_rows = []
    for fund in model.pooled_funds:
        mine = [c.amount for c in fund.contributions if c.partner == org.id]
        if fund.host == org.id or mine or fund.governed_by == org.id:
            fund_rows.append(
                (
                    _text(clean(fund.title, lines=True)),
                    (b.link(fund.host),) if fund.host else _text("Not stated"),
                    _text(money(sum(mine)) if mine else "None"),
                    _text(money(fund.total)),
                    _text(sentence(label(v.LEGAL_BASES, fund.basis)) or "Not stated"),
                )
            )
    funds = TableView(
        "funds", "Pooled funds", ("Pooled fund", "Host", "Its contribution", "Total", "Legal basis"), tuple(fund_rows), "None."
    )
    holders = []
    for person in model.people:
        held = tuple(i for i in person.interests if i.organisation == org.id)
        if held:
            holders.append(attrs.evolve(person, interests=held))
    interests = b.interests(
        holders, "interests", "Interests declared in it", drop=("Roles", "Organisation or matter"), empty="None declared."
    )
    title = clean(org.title, lines=True)
    data = {
        "entity_kind": "Organisation",
        "facts": tuple(facts),
        "forums": forums,
        "posts": posts,
        "representatives": representatives,
        "delegations_in": b.delegations(org.id, "in", "delegations-in"),
        "delegations_out": b.delegations(org.id, "out", "delegations-out"),
        "funds": funds,
        "interests": interests,
        "findings": b.page_findings(org.id),
        "diagram": b.diagram(("structure", "accountability"), org.id, 1, title),
    }
    return Page(b.hrefs[org.id], "organisation.html.j2", title, "", data)


_LINE_WORDS = {
    "accountable_to": ("Accountable to", "Accountable to it"),
    "reports_to": ("Reports to", "Reported to by"),
    "assures": ("Gives assurance to", "Assured by"),
    "advises": ("Advises", "Advised by"),
}


def _forum(b: _Builder, forum: Forum) -> Page:
    model = b.model
    facts = [Fact("Kind", _text(_forum_kind(forum)))]
    if forum.parents:
        facts.append(Fact("Part of", b.links(forum.parents)))
    if forum.established:
        facts.append(Fact("Established", _text(long_date(forum.established))))
    if forum.closed:
        facts.append(Fact("Closing date", _text(long_date(forum.closed))))
    if forum.tier:
        facts.append(Fact("Works at", (b.link(forum.tier),)))
    if forum.model:
        facts.append(Fact("Model", _text(sentence(label(v.FORUM_KINDS[forum.kind].model_words, forum.model)))))
    if forum.lead_provider:
        facts.append(Fact("Lead provider", (b.link(forum.lead_provider),)))
    if forum.partners:
        facts.append(Fact("Partners", b.links(forum.partners)))
    if forum.advisory:
        facts.append(Fact("Powers", _text("Advisory only: it holds no decision-making powers")))
    if forum.budget is not None:
        facts.append(Fact("Budget", _text(money(forum.budget))))
    terms = forum.terms
    procedure = b.procedures.of(forum)

    def sourced(words: str, value) -> Cell:
        if value.source is None or value.value is None:
            return _text(words)
        return (*_text(words + " (from the standing orders of "), b.link(value.source), *_text(")"))

    if terms is not None or procedure.bodies:
        if terms is not None and terms.purpose:
            facts.append(Fact("Purpose", _text(clean(terms.purpose, lines=True))))
        facts.append(Fact("Meets in public", sourced(yes_no(procedure.meets_in_public.value), procedure.meets_in_public)))
        facts.append(Fact("Papers published", sourced(yes_no(procedure.papers_published.value), procedure.papers_published)))
        if procedure.frequency.value:
            facts.append(Fact("Meets", sourced(sentence(label(v.FREQUENCIES, procedure.frequency.value)), procedure.frequency)))
    if terms is not None:
        if terms.approved:
            facts.append(Fact("Terms of reference approved", _text(long_date(terms.approved))))
        if terms.review:
            facts.append(Fact("Terms of reference due for review", _text(long_date(terms.review))))
    rules = (
        Fact("Quorum", sourced(quorum_words(procedure.quorum.value), procedure.quorum)),
        Fact("Decision rule", sourced(decision_words(procedure.decision_rule.value), procedure.decision_rule)),
    )
    member_rows = []
    for seat in forum.seats:
        appointed = [
            (how, seat_id)
            for how, seat_id in (
                ("nominated by", seat.nominated_by),
                ("appointed by", seat.appointed_by),
                ("approved by", seat.approved_by),
            )
            if seat_id
        ]
        appointment: list[Link] = []
        for i, (how, seat_id) in enumerate(appointed):
            appointment += [Link(("; " if i else "") + sentence(how) + " "), b.link(seat_id)]
        member_rows.append(
            (
                (b.link(seat.person),),
                _text(seat_words(seat)),
                _text("Yes" if seat.voting else "No"),
                (b.link(seat.representing),) if seat.representing else (),
                tuple(appointment),
                _text(long_date(seat.start)) if seat.start else (),
                _text(long_date(seat.end)) if seat.end else (),
            )
        )
    members = TableView(
        "members",
        "Members",
        ("Member", "Capacity", "Votes", "Representing", "Appointment", "From", "To"),
        tuple(member_rows),
        "No members are recorded.",
    )
    line_rows = [((b.link(p),), _text("Accountable to (part of)")) for p in forum.parents]
    for line in model.lines:
        if line.source == forum.id:
            line_rows.append(((b.link(line.target),), _text(_LINE_WORDS[line.kind][0])))
        elif line.target == forum.id:
            line_rows.append(((b.link(line.source),), _text(_LINE_WORDS[line.kind][1])))
    for child in model.forums:
        if forum.id in child.parents:
            line_rows.append(((b.link(child.id),), _text(f"{_forum_kind(child)} of this {label(v.FORUM_KINDS, forum.kind)}")))
    lines = TableView("lines", "Accountability and reporting", ("Body", "Relationship"), tuple(line_rows), "None recorded.")
    decision_rows = []
    for decision in model.decisions:
        if decision.forum != forum.id:
            continue
        under = model.entity(decision.under) if decision.under else None
        decision_rows.append(
            (
                _text(clean(decision.title, lines=True)),
                _text(long_date(decision.date)) if decision.date else (),
                _text(money(decision.amount)) if decision.amount is not None else (),
                _text(clean(under.title, lines=True)) if isinstance(under, Delegation) else (),
                b.links(decision.affects),
                b.links(decision.excluded),
                _text(clean(decision.reason, lines=True)) if decision.reason else (),
            )
        )
    decision_columns = ("Decision", "Date", "Amount", "Taken under", "Affects", "Stepped out", "Reason")
    if not any(row[-1] for row in decision_rows):  # a reason is seldom recorded: no column of dashes
        decision_columns, decision_rows = decision_columns[:-1], [row[:-1] for row in decision_rows]
    decisions = TableView("decisions", "Decisions", decision_columns, tuple(decision_rows), "None recorded.")
    members_ids = _unique(s.person for s in forum.seats)
    people = [p for p in model.people if p.id in members_ids]
    people.sort(key=lambda p: members_ids.index(p.id))
    title = clean(forum.title, lines=True)
    data = {
        "entity_kind": sentence(label(v.FORUM_KINDS, forum.kind)),
        "facts": tuple(facts),
        "rules": rules,
        "members": members,
        "lines": lines,
        "delegations_in": b.delegations(forum.id, "in", "delegations-in"),
        "delegations_out": b.delegations(forum.id, "out", "delegations-out"),
        "reserved": b.reserved(forum.id, "reserved"),
        "decisions": decisions,
        "interests": b.interests(people, "interests", "Interests of members", empty="No members are recorded."),
        "findings": b.page_findings(forum.id),
        "diagram": b.diagram(("accountability", "structure"), forum.id, 1, title),
    }
    return Page(b.hrefs[forum.id], "forum.html.j2", title, "", data)


def _person(b: _Builder, person: Person) -> Page:
    model = b.model
    facts = []
    if person.posts:
        facts.append(Fact("Posts", _joined(b.post_words(post, dated=True) for post in person.posts)))
    former = b.former_posts(person)
    if former:
        facts.append(Fact("Former posts", _joined(b.post_words(post, dated=True) for post in former)))
    if person.employers:
        facts.append(Fact("Employed by", b.links(person.employers)))
    if person.expertise:
        facts.append(Fact("Expertise", _text(sentence("; ".join(label(v.EXPERTISE, e) for e in person.expertise)))))
    facts.append(Fact("Independent member", _text(yes_no(person.independent))))
    if person.nil_return:
        facts.append(Fact("Declared no interests on", _text(long_date(person.nil_return))))
    if person.contact and not b.public:
        facts.append(Fact("Contact (not for publication)", _text(clean(person.contact, lines=True))))
    seat_rows = tuple(
        (
            (b.link(f.id),),
            _text(seat_words(s)),
            _text("Yes" if s.voting else "No"),
            (b.link(s.representing),) if s.representing else (),
            _text(long_date(s.start)) if s.start else (),
            _text(long_date(s.end)) if s.end else (),
        )
        for f in model.forums
        for s in f.seats
        if s.person == person.id
    )
    seats = TableView(
        "seats", "Seats on boards and committees", ("On", "Capacity", "Votes", "Representing", "From", "To"), seat_rows, "None."
    )
    stepped_out = tuple(
        (_text(clean(d.title, lines=True)), (b.link(d.forum),), _text(long_date(d.date)) if d.date else ())
        for d in model.decisions
        if person.id in d.excluded
    )
    excluded = TableView(
        "stepped-out", "Decisions they stepped out of", ("Decision", "Taken by", "Date"), stepped_out, "None recorded."
    )
    name = clean(person.name, lines=True)
    seats_held = any(s.person == person.id for s in model.seats())
    data = {
        "entity_kind": "Person",
        "facts": tuple(facts),
        "seats": seats,
        "interests": b.interests([person], "interests", "Declared interests", drop=("Name", "Roles")),
        "delegations_in": b.delegations(person.id, "in", "delegations-in"),
        "stepped_out": excluded,
        "findings": b.page_findings(person.id),
        "diagram": b.diagram(("membership",), person.id, 1, name) if seats_held else None,
    }
    return Page(b.hrefs[person.id], "person.html.j2", name, "", data)


def _scheme(b: _Builder) -> Page:
    document = tables.build(b.full, "sord", b.as_of, b.public)
    table = document.tables[0]
    columns = tuple(c for c in table.columns if c != table.group_column)
    sections = []
    for number, section in enumerate(table.sections, 1):
        part = attrs.evolve(table, rows=table.rows[section.start : section.stop])
        view = b.table(part, f"section-{number}", columns, caption=section.heading)
        sections.append(attrs.evolve(view.without_empty_columns(3), empty="None in force."))
    data = {"description": document.description, "sections": tuple(sections), "wide": True}
    return Page(SCHEME_PAGE, "document.html.j2", document.title, "scheme", data)


def _register(b: _Builder) -> Page:
    document = tables.build(b.full, "interests", b.as_of, b.public)
    sections = (b.table(document.tables[0], "register").without_empty_columns(),)
    data = {"description": document.description, "sections": sections, "wide": True}
    return Page(REGISTER_PAGE, "document.html.j2", document.title, "register", data)


def _findings_page(b: _Builder) -> Page:
    groups = []
    for severity in ("error", "warning", "info"):
        found = tuple(f for f in b.findings if f.severity == severity)
        if found:
            groups.append((SEVERITY_HEADINGS[severity], found))
    counts = _severity_counts(b.findings)
    data = {"groups": tuple(groups), "count_words": _count_words(counts), "counts": counts}
    return Page(FINDINGS_PAGE, "findings.html.j2", "Findings from the checks", "findings", data)

