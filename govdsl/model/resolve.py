"""Stage 2: syntax trees of all files to one resolved `Model`, plus diagnostics.

Resolution runs in two passes, like pyflakes: first every declaration in every
file is entered in the symbol table (so a name may be used before, or in
another file than, where it is declared); then each declaration is read
attribute by attribute, each reference is bound and its kind checked, and
defaults are applied. A mistake never stops resolution: the attribute is left
out, a diagnostic says why, and the rest of the model is still built so that
later stages have something to work with.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from govdsl.diagnostics import Diagnostic, Fix, Related, Severity, Subject, did_you_mean, sort_diagnostics
from govdsl.model import schema
from govdsl.model import types as m
from govdsl.model import vocabulary as v
from govdsl.model.values import Sentence, ValueReader, describe_term, suggest, suggestion_hint
from govdsl.source import Span
from govdsl.syntax import nodes
from govdsl.text import article

# The kinds of declaration with their labels, for suggestions: `place_based_partnership`
# suggests `place_partnership`.
_KIND_LABELS: dict[str, str] = {
    kind: (
        v.TIER_KINDS[kind].label
        if kind in v.TIER_KINDS
        else v.FORUM_KINDS[kind].label
        if kind in v.FORUM_KINDS
        else kind.replace("_", " ")
    )
    for kind in schema.CATEGORY_OF_KIND
}

# What each category of declaration (schema.CATEGORIES) is, in words.
_CATEGORY_WORDS = {
    "tier": "a tier (system, sub-system, place or neighbourhood)",
    "organisation": "an organisation",
    "forum": "a forum (board, committee or partnership)",
    "person": "a person",
    "function": "a function",
    "delegation": "a delegation",
    "pooled_fund": "a pooled fund",
    "decision": "a decision",
}


@attrs.frozen
class Symbol:
    """A declared name: what it is and where it was declared."""

    id: str
    category: str
    kind: str  # the declaration's kind word, or an organisation's `kind:`
    declaration: nodes.Declaration

    @property
    def description(self) -> str:
        if self.category == "organisation":
            kind = v.ORGANISATION_KINDS.get(self.kind)
            return article(kind.label) if kind else "an organisation"
        if self.category == "tier":
            return article(v.TIER_KINDS[self.kind].label)
        if self.category == "forum":
            return article(v.FORUM_KINDS[self.kind].label)
        return _CATEGORY_WORDS[self.category]


@attrs.frozen
class ResolveResult:
    model: m.Model
    diagnostics: tuple[Diagnostic, ...]
    symbols: dict = attrs.field(factory=dict)  # name -> Symbol: every declaration, for editors
    references: tuple = ()  # (name, Span) of every use of a declared name, for editors


class _Attributes:
    """The attributes of one block, checked against what its kind accepts."""

    def __init__(self, resolver, block: nodes.Block, owner: str, specs: dict[str, schema.AttributeSpec], required=(), hints=None):
        self.resolver = resolver
        self.specs = specs
        self.by_key: dict[str, list[nodes.Attribute]] = {}
        allowed = schema.allowed(specs)
        for attr in _with_run_ons_split(resolver, block.attributes, allowed):
            if attr.key not in allowed:
                suggestion = did_you_mean(attr.key, allowed)
                hint = (hints or {}).get(attr.key)
                fix = None
                if hint is None:
                    hint = f"Did you mean `{suggestion}`?" if suggestion else "It accepts: " + ", ".join(
                        f"`{k}`" for k in allowed
                    ) + "."
                    fix = Fix.replace(attr.key_span, suggestion) if suggestion else None
                resolver.error("DCL003", f"{owner} has no attribute `{attr.key}`", attr.key_span, hint, fix=fix)
                continue
            seen = self.by_key.setdefault(attr.key, [])
            if seen and not allowed[attr.key]:
                resolver.error(
                    "DCL005",
                    f"`{attr.key}` is given more than once in {owner}",
                    attr.key_span,
                    "Keep one; remove the other.",
                    related=(Related(seen[0].key_span, "first given here"),),
                )
                continue
            seen.append(attr)
        for key in required:
            if key not in self.by_key:
                resolver.error(
                    "DCL004",
                    f"{owner} is missing `{key}`",
                    resolver.current.name.span,
                    f"Add a line `{key}: ...` inside its block.",
                )

    def get(self, key) -> nodes.Attribute | None:
        found = self.by_key.get(key)
        return found[0] if found else None

    def all(self, key) -> list[nodes.Attribute]:
        return self.by_key.get(key, [])

    # Values read as the schema says: the categories a name may be of, the vocabulary a word is from.
    # An attribute not given, or not accepted by this block, is read as absent.
    def ref(self, key, what, accept=None) -> str | None:
        """The declaration named by `key`, which must be of a category its schema allows."""
        attr = self.get(key)
        return self.resolver.one_ref(attr, self.specs[key].categories, what, accept) if attr else None

    def refs(self, key, what, accept=None) -> tuple[str, ...]:
        """The declarations listed by `key`, each of a category its schema allows."""
        attr = self.get(key)
        return self.resolver.refs(attr, self.specs[key].categories, what, accept) if attr else ()

    def choice(self, key, what) -> str | None:
        """The word given for `key`, from the vocabulary its schema names."""
        attr = self.get(key)
        return self.resolver.values.choice(attr, self.specs[key].vocabulary, what) if attr else None

    def choices(self, key, what) -> tuple[str, ...]:
        """The words listed for `key`, each from the vocabulary its schema names."""
        attr = self.get(key)
        return self.resolver.values.choices(attr, self.specs[key].vocabulary, what) if attr else ()


def _with_run_ons_split(resolver, attributes, allowed: dict[str, bool]):
    """The attributes of a block, with any left without a colon split off the line above.

    A value may run on to the next line, so `kind: icb` followed by a line
    `population 300k` parses as `kind: icb population 300k`. A line that starts
    with a key of this block followed by a value is that attribute with its colon
    left out: it is reported once, and read as meant, so that neither the value
    above nor the lines below give further errors.
    """
    for attr in attributes:
        phrase = attr.phrase
        if phrase is None or not phrase.line_starts:
            yield attr
            continue
        terms, starts = phrase.terms, phrase.line_starts
        cuts = [
            i
            for i in starts
            if type(terms[i]) is nodes.Word and terms[i].text in allowed and i + 1 < len(terms) and i + 1 not in starts
        ]
        if not cuts:
            yield attr
            continue
        key, key_span, first = attr.key, attr.key_span, 0
        for cut in [*cuts, len(terms)]:
            part = terms[first:cut]
            last = cut == len(terms)
            part_phrase = nodes.Phrase(
                part, part[0].span.cover(part[-1].span), tuple(i - first for i in starts if first < i < cut)
            )
            block = attr.block if last else None
            end = block.span.end if block is not None else part_phrase.span.end
            yield nodes.Attribute(key, key_span, part_phrase, block, Span(key_span.file, key_span.start, end))
            if not last:
                word = terms[cut]
                resolver.error(
                    "SYN003",
                    f"`{word.text}` needs a colon after it",
                    word.span,
                    f"Write `{word.text}:`. Every line inside a block reads `key: value`; without the colon "
                    f"this line is read as more of the value of `{key}` above.",
                )
                key, key_span, first = word.text, word.span, cut + 1


def _value_span(at) -> Span:
    """The span of a value: a term's, or the value of an attribute (`from: 2020-01-01` in a block)."""
    if isinstance(at, nodes.Attribute):
        return at.phrase.span if at.phrase is not None else at.span
    return at.span


def _title(declaration: nodes.Declaration) -> str:
    if declaration.title is not None:
        return declaration.title.value
    return declaration.name.text.replace("_", " ").replace(".", " ").capitalize()


class Resolver:
    def __init__(self, documents):
        self.documents = tuple(documents)
        self.diagnostics: list[Diagnostic] = []
        self.values = ValueReader(self.diagnostics)
        self.symbols: dict[str, Symbol] = {}
        self.current: nodes.Declaration | None = None
        self.lines: list[m.Line] = []
        self.references: list[tuple[str, object]] = []
        self._unreliable = {d.path: d.unreliable for d in self.documents if getattr(d, "unreliable", ())}

    # -- reporting ---------------------------------------------------------------------
    def error(self, code, message, span, hint=None, related=(), subjects=(), fix=None):
        self.diagnostics.append(
            Diagnostic(code, Severity.ERROR, message, span, hint, tuple(related), subjects=tuple(subjects), fix=fix)
        )

    def period_end(self, start: dt.date | None, start_at, end: dt.date | None, end_at, words: tuple[str, str], what: str):
        """The end of a period (a seat's `to`, a forum's `closed`...), or None when it is before the start.

        `start_at` and `end_at` are the terms or attributes the dates were read
        from, for the spans of the message. A period may end on the day it
        starts (a one-day appointment), never before.
        """
        if start is None or end is None or start <= end:
            return end
        first, last = words
        self.error(
            "VAL005",
            f"`{last}` {end.isoformat()} is before `{first}` {start.isoformat()}: {what} would end before it starts",
            _value_span(end_at),
            "Check both dates (year-month-day): a period ends on or after the day it starts. If the two are "
            "the wrong way round, swap them.",
            related=(Related(_value_span(start_at), f"`{first}` is given here"),),
        )
        return None

    # -- pass 1: declare ----------------------------------------------------------------
    def declare(self) -> list[Symbol]:
        declared = []
        for document in self.documents:
            for item in document.items:
                if isinstance(item, nodes.Include):
                    continue  # followed by the loader
                kind = item.kind.text
                category = schema.CATEGORY_OF_KIND.get(kind)
                if category is None:
                    hint = suggestion_hint(kind, _KIND_LABELS) or (
                        "Declarations start with a kind such as `organisation`, `place`, `committee` or `person`."
                    )
                    meant = suggest(kind, _KIND_LABELS)
                    fix = Fix.replace(item.kind.span, meant[0]) if meant else None
                    self.error("DCL001", f"`{kind}` is not a kind of declaration", item.kind.span, hint, fix=fix)
                    continue
                name = item.name.text
                if name in self.symbols:
                    first = self.symbols[name]
                    self.error(
                        "DCL002",
                        f"the name `{name}` is already used by {first.description}",
                        item.name.span,
                        "Every declaration needs its own name; rename one of them.",
                        related=(Related(first.declaration.name.span, "first declared here"),),
                        subjects=(Subject(name, first.category),),
                    )
                    continue
                if category == "organisation":
                    kind = self._peek_kind(item) or "other"
                symbol = Symbol(name, category, kind, item)
                self.symbols[name] = symbol
                declared.append(symbol)
        return declared

    @staticmethod
    def _peek_kind(declaration: nodes.Declaration) -> str | None:
        for attr in declaration.block.attributes:
            if attr.key == "kind" and attr.phrase and isinstance(attr.phrase.terms[0], nodes.Word):
                word = attr.phrase.terms[0].text
                return word if word in v.ORGANISATION_KINDS else None
        return None

    # -- references --------------------------------------------------------------------
    def ref(self, word: nodes.Word | None, categories: tuple[str, ...], what: str, accept=None, key="") -> str | None:
        """Bind a name to its declaration, checking it is the kind expected."""
        if word is None:
            return None
        symbol = self.symbols.get(word.text)
        if symbol is not None:
            self.references.append((symbol.id, word.span))
        role = f"`{key}`" if key else "this"
        if symbol is None:
            pool = [s.id for s in self.symbols.values() if s.category in categories]
            suggestion = did_you_mean(word.text, pool) or did_you_mean(word.text, self.symbols)
            hint = f"Did you mean `{suggestion}`?" if suggestion else f"Declare {what} called `{word.text}`, or check the spelling."
            self.error(
                "REF001",
                f"nothing called `{word.text}` is declared",
                word.span,
                hint,
                subjects=(Subject(word.text, "undeclared"),),
                fix=Fix.replace(word.span, suggestion) if suggestion else None,
            )
            return None
        if symbol.category not in categories or (accept is not None and not accept(symbol)):
            self.error(
                "REF002",
                f"{role} must be {what}; `{word.text}` is {symbol.description}",
                word.span,
                f"Name {what} here.",
                related=(Related(symbol.declaration.name.span, f"`{word.text}` is declared here"),),
                subjects=(Subject(symbol.id, symbol.category),),
            )
            return None
        return symbol.id

    def refs(self, attr: nodes.Attribute | None, categories, what, accept=None) -> tuple[str, ...]:
        if attr is None:
            return ()
        out = []
        for word in self.values.words(attr):
            bound = self.ref(word, categories, what, accept, attr.key)
            if bound and bound not in out:
                out.append(bound)
        return tuple(out)

    def one_ref(self, attr: nodes.Attribute | None, categories, what, accept=None) -> str | None:
        if attr is None:
            return None
        return self.ref(self.values.word(attr), categories, what, accept, attr.key)

    def term_ref(self, term: nodes.Term, categories, what, accept=None, key="") -> str | None:
        if not isinstance(term, nodes.Word):
            role = f"`{key}` needs" if key else "expected"
            hint = "Names are written without quotes, as declared: `northmoor_icb`, not `\"northmoor_icb\"`."
            self.error("VAL001", f"{role} the name of {what}, found {describe_term(term)}", term.span, hint)
            return None
        return self.ref(term, categories, what, accept, key)

    def record_lines(self, source: str, attributes: _Attributes):
        for kind in m.LINE_KINDS:
            for target in attributes.refs(kind, "a body or forum"):
                self.lines.append(m.Line(kind, source, target, attributes.get(kind).span))

    # -- pass 2: build -------------------------------------------------------------------
    def resolve(self) -> ResolveResult:
        declared = self.declare()
        built: dict[str, list] = {c.name: [] for c in schema.CATEGORIES}
        for symbol in declared:
            self.current = symbol.declaration
            entity = getattr(self, f"_build_{symbol.category}")(symbol)
            built[symbol.category].append(entity)
        model = m.Model(
            **{c.collection: tuple(built[c.name]) for c in schema.CATEGORIES},
            lines=tuple(self.lines),
            files=tuple(d.path for d in self.documents),
        )
        diagnostics = [d for d in self.diagnostics if not self._in_unreliable_text(d)]
        return ResolveResult(model, sort_diagnostics(diagnostics), dict(self.symbols), tuple(self.references))

    def _in_unreliable_text(self, diagnostic: Diagnostic) -> bool:
        """Whether a diagnostic is about text the parser had to guess at after a syntax error.

        After a bracket left open at the end of a file, everything after it was read
        as part of its block, and a value the author left out was filled in with a
        placeholder (see `Document.unreliable`). What the resolver would say about
        that text would be noise: the syntax error is the one to fix first.
        """
        span = diagnostic.span
        for region in self._unreliable.get(span.file, ()):
            if region.start == region.end:
                if span.start <= region.start <= span.end:
                    return True
            elif span.start <= region.end and max(span.end, span.start + 1) > region.start:
                return True
        return False

    def _owner(self, symbol: Symbol) -> str:
        return f"{symbol.description} (`{symbol.id}`)" if symbol.category != "organisation" else f"organisation `{symbol.id}`"

    def _dates(self, a: _Attributes, words: tuple[str, str], what: str) -> tuple[dt.date | None, dt.date | None]:
        """The start and end of a declaration's period (`effective` and `expires`, say), in order."""
        first, last = (a.get(word) for word in words)
        start = self.values.date(first) if first else None
        end = self.values.date(last) if last else None
        return start, self.period_end(start, first, end, last, words, what)

    # tiers -----------------------------------------------------------------------------
    def _build_tier(self, symbol: Symbol) -> m.Tier:
        d = symbol.declaration
        kind = v.TIER_KINDS[symbol.kind]
        specs = schema.for_declaration(symbol.kind)
        required = ("within",) if kind.parents else ()
        hints = None
        if not kind.parents:
            hints = {
                "within": "A system is the widest tier, so it is not within anything. Sub-systems and "
                "places name their system with `within`; remove this line."
            }
        a = _Attributes(self, d.block, self._owner(symbol), specs, required, hints)
        parents_allowed = kind.parents
        parent = a.ref(
            "within",
            " or ".join(article(v.TIER_KINDS[p].label) for p in parents_allowed) or "a tier",
            accept=lambda s: s.kind in parents_allowed,
        )
        population = self.values.count(a.get("population"), "330k", minimum=1) if a.get("population") else None
        return m.Tier(
            id=symbol.id,
            kind=symbol.kind,
            title=_title(d),
            parent=parent,
            population=population,
            footprint=a.refs("footprint", "a council", accept=_is_council),
            icb=a.ref("icb", "an integrated care board", accept=lambda s: s.kind == "icb"),
            arbiter=a.ref("arbiter", "a body, forum or person"),
            dispute_resolution=self.values.text(a.get("dispute_resolution")) if a.get("dispute_resolution") else None,
            span=d.name.span,
        )

    # organisations ------------------------------------------------------------------------
    def _build_organisation(self, symbol: Symbol) -> m.Organisation:
        d = symbol.declaration
        a = _Attributes(self, d.block, self._owner(symbol), schema.ORGANISATION, ("kind",))
        kind_word = a.choice("kind", "kind of organisation")
        kind = v.ORGANISATION_KINDS.get(kind_word or "other")
        sector = a.choice("sector", "sector")
        statutory = self.values.boolean(a.get("statutory")) if a.get("statutory") else None
        self.record_lines(symbol.id, a)
        established, dissolved = self._dates(a, ("established", "dissolved"), f"organisation `{symbol.id}`")
        succeeded_by = a.ref("succeeded_by", "an organisation")
        if succeeded_by == symbol.id:
            self.error(
                "VAL001",
                f"organisation `{symbol.id}` cannot succeed itself",
                _value_span(a.get("succeeded_by")),
                "Name the body that takes over its functions when it is dissolved.",
            )
            succeeded_by = None
        return m.Organisation(
            id=symbol.id,
            kind=kind.word,
            title=_title(d),
            sector=sector or kind.sector,
            statutory=kind.statutory if statutory is None else statutory,
            footprint=a.refs("footprint", "a council", accept=_is_council),
            population=self.values.count(a.get("population"), "330k", minimum=1) if a.get("population") else None,
            area=a.refs("serves", "a tier"),
            part_of=a.ref("part_of", "an organisation"),
            services=a.choices("services", "service"),
            accountable_to=tuple(line.target for line in self.lines if line.source == symbol.id and line.kind == "accountable_to"),
            span=d.name.span,
            standing_orders=self._standing_orders(a.get("standing_orders")),
            established=established,
            dissolved=dissolved,
            succeeded_by=succeeded_by,
            budget=self.values.money(a.get("budget")) if a.get("budget") else None,
        )

    # people --------------------------------------------------------------------------------
    def _build_person(self, symbol: Symbol) -> m.Person:
        d = symbol.declaration
        a = _Attributes(self, d.block, self._owner(symbol), schema.PERSON)
        posts = tuple(p for p in (self._post(attr) for attr in a.all("post")) if p)
        interests = tuple(i for i in (self._interest(symbol.id, attr) for attr in a.all("interest")) if i)
        return m.Person(
            id=symbol.id,
            name=_title(d),
            posts=posts,
            employers=a.refs("employer", "an organisation"),
            expertise=a.choices("expertise", "kind of expertise"),
            independent=bool(self.values.boolean(a.get("independent"))) if a.get("independent") else False,
            interests=interests,
            nil_return=self.values.date(a.get("no_interests")) if a.get("no_interests") else None,
            contact=self.values.text(a.get("contact")) if a.get("contact") else None,
            span=d.name.span,
        )

    _POST_USAGE = "post: chief_executive at northmoor_hospitals [from 2019-01-01] [to 2025-03-31]"
    _POST = schema.PERSON["post"].phrase

    def _post(self, attr: nodes.Attribute) -> m.Post | None:
        s = Sentence(self.values, attr, 1, self._POST.arities, self._POST_USAGE)
        if not s.ok:
            return None
        head = s.head[0]
        title = None
        role = "employee"
        if isinstance(head, nodes.Str):
            title = head.value  # a post known only by its title
        elif isinstance(head, nodes.Word):
            role = self.values.choice_word(head, self._POST.head[0].vocabulary, "post")
            if role is None:
                return None
        else:
            self.error("VAL001", "a post starts with its role, such as `chief_executive`", head.span, f"Write it as `{self._POST_USAGE}`.")
            return None
        organisation = None
        if "at" in s.options:
            organisation = self.term_ref(s.options["at"][0], self._POST.options["at"].value.categories, "an organisation", key="post")
        b = None
        if attr.block is not None:
            b = _Attributes(self, attr.block, "a post", schema.POST)
            if b.get("title"):
                title = self.values.text(b.get("title"))
        for word in _also_in_block(self._POST, schema.POST):
            self._given_twice(s, b, word, "post")
        (start, start_at), (end, end_at) = (self._dated(s, b, word) for word in ("from", "to"))
        end = self.period_end(start, start_at, end, end_at, ("from", "to"), "the post")
        return m.Post(role, organisation, title, start, end, attr.span)

    def _dated(self, s: Sentence, block: _Attributes | None, word: str) -> tuple[dt.date | None, object]:
        """A date option of a phrase, given in its line or its block, and where it was given."""
        if word in s.options:
            term = s.options[word][0]
            return self.values.date_term(term), term
        if block is not None and block.get(word):
            attr = block.get(word)
            return self.values.date(attr), attr
        return None, None

    _INTEREST_USAGE = "interest: financial in northmoor_hospitals from 2020-01-01 declared 2022-07-01"

    def _interest(self, person: str, attr: nodes.Attribute) -> m.Interest | None:
        phrase = schema.PERSON["interest"].phrase
        s = Sentence(self.values, attr, 1, phrase.arities, self._INTEREST_USAGE)
        if not s.ok:
            return None
        head = s.head[0]
        if not isinstance(head, nodes.Word):
            self.error("VAL001", "an interest starts with its type, such as `financial`", head.span, f"Write it as `{self._INTEREST_USAGE}`.")
            return None
        type_ = self.values.choice_word(head, phrase.head[0].vocabulary, "type of interest")
        b = _Attributes(self, attr.block, "an interest", schema.INTEREST) if attr.block else None
        organisation = matter = None
        if "in" in s.options:
            target = s.options["in"][0]
            if isinstance(target, nodes.Str):
                matter = target.value
            else:
                organisation = self.term_ref(target, phrase.options["in"].value.categories, "an organisation", key="interest")
        else:
            self.error(
                "VAL001",
                "an interest must say what it is in",
                attr.phrase.span,
                f'Add `in` and the organisation, or a matter in quotes: `{self._INTEREST_USAGE}`.',
            )

        for word in _also_in_block(phrase, schema.INTEREST):
            self._given_twice(s, b, word, "interest")

        action = None
        if "action" in s.options:
            term = s.options["action"][0]
            if isinstance(term, nodes.Word):
                action = self.values.choice_word(term, phrase.options["action"].value.vocabulary, "management action")
            else:
                self.error(
                    "VAL001",
                    f"`action` needs a management action, a word such as `exclude_from_decision`, found {describe_term(term)}",
                    term.span,
                    "Write the word without quotes: `action exclude_from_decision`. The words are listed in docs/language.md.",
                )
        elif b and b.get("action"):
            action = b.choice("action", "management action")
        if type_ is None:
            return None
        (start, start_at), (end, end_at), (declared, _) = (self._dated(s, b, w) for w in ("from", "to", "declared"))
        end = self.period_end(start, start_at, end, end_at, ("from", "to"), "the interest")
        return m.Interest(
            person=person,
            type=type_,
            organisation=organisation,
            matter=matter,
            description=self.values.text(b.get("description")) if b and b.get("description") else None,
            relationship=self.values.text(b.get("relationship")) if b and b.get("relationship") else None,
            start=start,
            end=end,
            declared=declared,
            action=action,
            private=bool(self.values.boolean(b.get("private"))) if b and b.get("private") else False,
            span=attr.span,
        )

    # forums -------------------------------------------------------------------------------
    def _build_forum(self, symbol: Symbol) -> m.Forum:
        d = symbol.declaration
        specs = schema.for_declaration(symbol.kind)
        kind = v.FORUM_KINDS[symbol.kind]
        required = ("parent",) if kind.needs_parent else ()
        if kind.models is not None:
            required += ("model",)
        a = _Attributes(self, d.block, self._owner(symbol), specs, required)
        model_word = None
        if a.get("model"):
            if kind.models is None:
                self.error(
                    "DCL003",
                    "only place partnerships and provider collaboratives have a `model`",
                    a.get("model").key_span,
                    "Remove this line.",
                )
            else:
                model_word = a.choice("model", "model")
        self.record_lines(symbol.id, a)
        seats = tuple(s for s in (self._seat(symbol.id, attr) for attr in a.all("seat")) if s)
        established, closed = self._dates(a, ("established", "closed"), f"the {v.FORUM_KINDS[symbol.kind].label} `{symbol.id}`")
        role, role_scope = self._role(a.get("role"))
        return m.Forum(
            id=symbol.id,
            kind=symbol.kind,
            title=_title(d),
            role=role,
            role_scope=role_scope,
            parents=a.refs("parent", "an organisation or forum"),
            tier=a.ref("serves", "a tier"),
            model=model_word,
            lead_provider=a.ref("lead_provider", "an organisation"),
            partners=a.refs("partners", "an organisation"),
            terms=self._terms(a.get("terms")),
            quorum=self._quorum(a.get("quorum")),
            decision_rule=self._decision_rule(a.get("decision")),
            seats=seats,
            established=established,
            closed=closed,
            span=d.name.span,
            standing_orders=self._standing_orders(a.get("standing_orders")),
            advisory=bool(self.values.boolean(a.get("advisory"))) if a.get("advisory") else False,
            budget=self.values.money(a.get("budget")) if a.get("budget") else None,
        )

    _ROLE_USAGE = "role: remuneration [scope non_executive_pay]"

    def _role(self, attr: nodes.Attribute | None) -> tuple[str | None, str | None]:
        """A committee's role, and the part of it the committee covers (`scope`), if narrower."""
        if attr is None:
            return None, None
        s = Sentence(self.values, attr, 1, {"scope": 1}, self._ROLE_USAGE)
        if not s.ok:
            return None, None
        head = s.head[0]
        if not isinstance(head, nodes.Word):
            self.error("VAL001", f"`role` needs a committee role, found {describe_term(head)}", head.span, f"Write it as `{self._ROLE_USAGE}`.")
            return None, None
        role = self.values.choice_word(head, v.FORUM_ROLES, "committee role")
        scope = None
        if "scope" in s.options:
            term = s.options["scope"][0]
            if isinstance(term, nodes.Word):
                scope = self.values.choice_word(term, v.ROLE_SCOPES, "scope of a role")
            else:
                self.error("VAL001", f"`scope` needs a word such as `non_executive_pay`, found {describe_term(term)}", term.span, f"Write it as `{self._ROLE_USAGE}`.")
            if scope is not None and role is not None and role != "remuneration":
                self.error(
                    "VAL001",
                    f"only a remuneration committee or panel has a pay `scope`; this role is `{role}`",
                    s.option_spans["scope"],
                    "Remove `scope ...`, or make the role `remuneration`.",
                )
                scope = None
        return role, scope

    def _standing_orders(self, attr: nodes.Attribute | None) -> m.StandingOrders | None:
        """A body's standing orders: a block like `terms:`, read with the same readers."""
        if attr is None:
            return None
        if attr.block is None or attr.phrase is not None:
            self.error(
                "VAL001",
                "`standing_orders` is a block of the procedure the body's forums follow",
                attr.span,
                "Write it as `standing_orders: { quorum: majority  decision: consensus failing simple_majority }`.",
            )
            if attr.block is None:
                return None
        b = _Attributes(self, attr.block, "standing orders", schema.STANDING_ORDERS)
        get = b.get
        return m.StandingOrders(
            quorum=self._quorum(get("quorum")),
            decision_rule=self._decision_rule(get("decision")),
            conflicted_members=b.choice("conflicted_members", "rule for conflicted members"),
            if_inquorate=b.choice("if_inquorate", "route when a meeting is inquorate"),
            meets_in_public=self.values.boolean(get("meets_in_public")) if get("meets_in_public") else None,
            papers_published=self.values.boolean(get("papers_published")) if get("papers_published") else None,
            frequency=b.choice("frequency", "frequency"),
            approved=self.values.date(get("approved")) if get("approved") else None,
            review=self.values.date(get("review")) if get("review") else None,
            source=self.values.text(get("source")) if get("source") else None,
            span=attr.span,
        )

    def _terms(self, attr: nodes.Attribute | None) -> m.TermsOfReference | None:
        if attr is None:
            return None
        if attr.block is None or attr.phrase is not None:
            self.error(
                "VAL001",
                "`terms` is a block of the terms of reference",
                attr.span,
                'Write it as `terms: { purpose: "..."  meets_in_public: yes  frequency: monthly }`.',
            )
            if attr.block is None:
                return None
        b = _Attributes(self, attr.block, "terms of reference", schema.TERMS)
        get = b.get
        return m.TermsOfReference(
            purpose=self.values.text(get("purpose")) if get("purpose") else None,
            meets_in_public=self.values.boolean(get("meets_in_public")) if get("meets_in_public") else None,
            papers_published=self.values.boolean(get("papers_published")) if get("papers_published") else None,
            frequency=b.choice("frequency", "frequency"),
            approved=self.values.date(get("approved")) if get("approved") else None,
            review=self.values.date(get("review")) if get("review") else None,
            self_determined=self.values.boolean(get("self_determined")) if get("self_determined") else None,
            span=attr.span,
        )

    _QUORUM_USAGE = "quorum: 5 including chair or vice_chair and 2 non_executives"

    def _quorum(self, attr: nodes.Attribute | None) -> m.Quorum | None:
        """`6`, `majority`, `two_thirds` or `40%` of the voting members, then any requirements."""
        if attr is None:
            return None
        s = Sentence(self.values, attr, 1, {"including": "rest"}, self._QUORUM_USAGE)
        if not s.ok:
            return None
        head = s.head[0]
        count = share = percent = None
        valid = True
        if isinstance(head, nodes.Number):
            count = self.values.whole_number(head, "quorum", minimum=1)
            valid = count is not None
        elif isinstance(head, nodes.Percent):
            if not 0 < head.value <= 100:
                self.error(
                    "VAL001",
                    f"a quorum as a percentage is more than 0% and at most 100%, found `{head.raw}`",
                    head.span,
                    "Write the share of the voting members who must be present, such as `quorum: 40%`.",
                )
                return None
            percent = head.value
        elif isinstance(head, nodes.Word):
            share = self.values.choice_word(head, v.QUORUM_SHARES, "share of the members for a quorum")
            if share is None:
                return None
        else:
            self.error(
                "VAL001",
                "a quorum starts with the number of members needed, or a share of them such as `majority` or `40%`",
                head.span,
                f"Write it as `{self._QUORUM_USAGE}`.",
            )
            return None
        requirements = []
        for phrase in self._requirement_phrases(s.options.get("including", [])):
            requirement = self._requirement(phrase)
            if requirement:
                requirements.append(requirement)
        if not valid:
            return None
        return m.Quorum(count, tuple(requirements), attr.span, share=share, percent=percent)

    def _requirement_phrases(self, terms: list) -> list[nodes.Phrase]:
        """The requirements after `including`: a list in brackets, or phrases joined by `and`.

        `including [chair or vice_chair, 2 clinicians]`, `including 2 non_executives`,
        `including chair or vice_chair and 1 clinician`. A part in brackets stands for
        the requirements it lists.
        """
        phrases: list[nodes.Phrase] = []
        part: list = []

        def close(at):
            if len(part) == 1 and isinstance(part[0], nodes.ListTerm):
                phrases.extend(part[0].items)
            elif part:
                phrases.append(nodes.Phrase(tuple(part), part[0].span.cover(part[-1].span)))
            else:
                self.error(
                    "VAL001",
                    "a quorum requirement is missing before or after `and`",
                    at.span,
                    f"Write it as `{self._QUORUM_USAGE}`.",
                )
            part.clear()

        for term in terms:
            if isinstance(term, nodes.Word) and term.text == "and":
                close(term)
            else:
                part.append(term)
        if terms:
            close(terms[-1])
        return phrases

    def _requirement(self, phrase: nodes.Phrase) -> m.QuorumRequirement | None:
        terms = list(phrase.terms)
        count = 1
        if terms and isinstance(terms[0], nodes.Number):
            count = self.values.whole_number(terms.pop(0), "quorum", minimum=1) or 1
        alternatives = []
        expect_word = True
        for term in terms:
            if expect_word:
                if not isinstance(term, nodes.Word):
                    self.error("VAL001", "a quorum requirement names a capacity or quality, such as `chair` or `clinician`", term.span, f"Write it as `{self._QUORUM_USAGE}`.")
                    return None
                word = term.text
                if word.endswith("s") and word[:-1] in v.QUORUM_QUALITIES | v.CAPACITIES:
                    word = word[:-1]  # "2 clinicians"
                vocabulary = {**v.CAPACITIES, **v.QUORUM_QUALITIES}
                if word not in vocabulary:
                    self.values.choice_word(term, vocabulary, "capacity or quality for a quorum")
                    return None
                alternatives.append(word)
            elif not (isinstance(term, nodes.Word) and term.text == "or"):
                self.error("VAL001", "join alternatives in a quorum requirement with `or`", term.span, f"Write it as `{self._QUORUM_USAGE}`.")
                return None
            expect_word = not expect_word
        if not alternatives or expect_word:
            self.error("VAL001", "a quorum requirement is incomplete", phrase.span, f"Write it as `{self._QUORUM_USAGE}`.")
            return None
        return m.QuorumRequirement(count, tuple(alternatives), phrase.span)

    _DECISION_USAGE = "decision: simple_majority with casting_vote"

    def _decision_rule(self, attr: nodes.Attribute | None) -> m.DecisionRule | None:
        if attr is None:
            return None
        s = Sentence(self.values, attr, 1, {"with": 1, "of": 1, "threshold": 1, "failing": 1}, self._DECISION_USAGE)
        if not s.ok:
            return None
        head = s.head[0]
        if not isinstance(head, nodes.Word):
            self.error("VAL001", "a decision rule starts with its method, such as `consensus`", head.span, f"Write it as `{self._DECISION_USAGE}`.")
            return None
        method = self.values.choice_word(head, v.DECISION_METHODS, "decision method")
        casting = False
        if "with" in s.options:
            term = s.options["with"][0]
            if isinstance(term, nodes.Word) and term.text == "casting_vote":
                casting = True
            else:
                self.error("VAL001", "`with` is followed by `casting_vote`", term.span, f"Write it as `{self._DECISION_USAGE}`.")
        blocs: tuple[str, ...] = ()
        if "of" in s.options:
            term = s.options["of"][0]
            if isinstance(term, nodes.ListTerm):
                words = self.values.list_words(term, "decision", "[nhs, local_government]")
            elif isinstance(term, nodes.Word):
                words = (term,)
            else:
                words = ()
                self.error(
                    "VAL001",
                    f"`of` needs the sectors that must each agree, found {describe_term(term)}",
                    term.span,
                    "Write it as `decision: double_majority of [nhs, local_government]`.",
                )
            blocs = tuple(b for b in (self.values.choice_word(w, v.SECTORS, "sector") for w in words) if b)
            if method is not None and method != "double_majority":
                self.error(
                    "VAL001",
                    "only a `double_majority` names the blocs that must each agree",
                    s.option_spans["of"],
                    "Remove `of ...`, or make the method `double_majority` if each bloc must agree "
                    "separately: `decision: double_majority of [nhs, local_government]`.",
                )
        elif method == "double_majority":
            self.error(
                "VAL001",
                "a double majority must name the blocs that must each agree",
                attr.phrase.span,
                "Write it as `decision: double_majority of [nhs, local_government]`.",
            )
        threshold = None
        if "threshold" in s.options:
            term = s.options["threshold"][0]
            if not isinstance(term, nodes.Percent):
                self.error(
                    "VAL001",
                    f"a threshold is a percentage, such as `60%`, found {describe_term(term)}",
                    term.span,
                    "Write it as `decision: weighted_majority threshold 60%`.",
                )
            elif method is not None and method != "weighted_majority":
                self.error(
                    "VAL001",
                    "only a `weighted_majority` has a threshold",
                    s.option_spans["threshold"],
                    f"A threshold is the share of the weighted votes a `weighted_majority` needs; "
                    f"`{method}` has its own rule. Remove `threshold ...`, or make the method `weighted_majority`.",
                )
            else:
                threshold = term.value
        fallback = self._fallback(s, method)
        if method is None:
            return None
        return m.DecisionRule(method, casting, blocs, threshold, attr.span, fallback)

    # Methods that can fail to reach a decision, so that a rule may say what happens then.
    _CAN_FAIL = frozenset({"consensus", "unanimity"})

    def _fallback(self, s: Sentence, method: str | None) -> str | None:
        """`consensus failing two_thirds_majority`: the method used when the first cannot decide."""
        if "failing" not in s.options:
            return None
        term = s.options["failing"][0]
        if not isinstance(term, nodes.Word):
            self.error(
                "VAL001",
                f"`failing` needs a decision method such as `simple_majority`, found {describe_term(term)}",
                term.span,
                "Write it as `decision: consensus failing two_thirds_majority`.",
            )
            return None
        fallback = self.values.choice_word(term, v.DECISION_METHODS, "decision method")
        if fallback is None or method is None:
            return None
        if method not in self._CAN_FAIL:
            self.error(
                "VAL001",
                f"a `{method}` always reaches a decision, so it has nothing to fall back on",
                s.option_spans["failing"],
                "`failing` follows `consensus` or `unanimity`: `decision: consensus failing simple_majority`. "
                "Remove `failing ...`, or start with the method tried first.",
            )
            return None
        if fallback in self._CAN_FAIL:
            self.error(
                "VAL001",
                f"the fall-back `{fallback}` can fail in the same way as `{method}`",
                term.span,
                "Fall back on a vote, such as `simple_majority` or `two_thirds_majority`.",
            )
            return None
        return fallback

    _SEAT_USAGE = "seat: ann_hale as chair [for northmoor_icb] [from 2022-07-01] [to 2026-06-30]"
    _SEAT = schema.FORUM["seat"].phrase

    def _given_twice(self, s: Sentence, block: _Attributes | None, word: str, what: str) -> None:
        """An option given both in a phrase and in the phrase's block: the block's would be ignored."""
        if word in s.options and block is not None and block.get(word) is not None:
            self.error(
                "DCL005",
                f"`{word}` is given twice for this {what}: in its line and in its block",
                block.get(word).key_span,
                "Keep one; remove the other.",
                related=(Related(s.option_spans[word], "first given here"),),
            )

    # What each single-valued option of a seat's block takes: (what, example).
    _SEAT_BLOCK_VALUES = {
        "for": ("the name of an organisation", "northmoor_council"),
        "nominated_by": ("the name of an organisation, forum or person", "northmoor_council"),
        "appointed_by": ("the name of an organisation, forum or person", "northmoor_icb"),
        "approved_by": ("the name of an organisation, forum or person", "nhs_england"),
        "from": ("a date", "2022-07-01"),
        "to": ("a date", "2026-06-30"),
        "weight": ("a positive number", "2"),
    }

    def _seat(self, forum: str, attr: nodes.Attribute) -> m.Seat | None:
        s = Sentence(self.values, attr, 1, self._SEAT.arities, self._SEAT_USAGE)
        if not s.ok:
            return None
        person = self.term_ref(s.head[0], self._SEAT.head[0].categories, "a person", key="seat")
        b = None
        if attr.block is not None:
            b = _Attributes(self, attr.block, "a seat", schema.SEAT)
        capacities = []
        if "as" not in s.options:
            self.error("VAL001", "a seat must say in what capacity the person sits", attr.phrase.span, f"Write it as `{self._SEAT_USAGE}`.")
        for term in s.options.get("as", []):
            if isinstance(term, nodes.Word):
                capacity = self.values.choice_word(term, self._SEAT.options["as"].value.vocabulary, "capacity")
                if capacity and capacity not in capacities:
                    capacities.append(capacity)
            else:
                self.error(
                    "VAL001",
                    f"a capacity is a word such as `chair` or `voting_member`, found {describe_term(term)}",
                    term.span,
                    "Write the word without quotes: `as chair`. The capacities are listed in docs/language.md.",
                )
        for word in _also_in_block(self._SEAT, schema.SEAT):
            self._given_twice(s, b, word, "seat")

        def option(word):
            if word in s.options:
                return s.options[word][0]
            if b and b.get(word):
                return self.values.one_term(b.get(word), *self._SEAT_BLOCK_VALUES[word])
            return None

        def body(word):
            t = option(word)
            return self.term_ref(t, self._SEAT.options[word].value.categories, "an organisation, forum or person", key=word) if t else None

        representing = option("for")
        start, end, weight = option("from"), option("to"), option("weight")
        non_voting = "non_voting" in s.options or bool(
            b is not None and b.get("non_voting") is not None and self.values.boolean(b.get("non_voting"))
        )
        weight_value = Decimal(1)
        if weight is not None:
            if isinstance(weight, nodes.Number) and weight.value > 0:
                weight_value = weight.value
            else:
                self.error("VAL001", "a seat's weight is a positive number, such as `2`", weight.span)
        if person is None or not capacities:
            return None
        voting = not non_voting and not all(c in v.NON_VOTING_CAPACITIES for c in capacities)
        start_date = self.values.date_term(start) if start else None
        end_date = self.values.date_term(end) if end else None
        end_date = self.period_end(start_date, start, end_date, end, ("from", "to"), "the seat")
        return m.Seat(
            forum=forum,
            person=person,
            capacities=tuple(capacities),
            voting=voting,
            representing=self.term_ref(representing, self._SEAT.options["for"].value.categories, "an organisation", key="for") if representing else None,
            nominated_by=body("nominated_by"),
            appointed_by=body("appointed_by"),
            approved_by=body("approved_by"),
            start=start_date,
            end=end_date,
            weight=weight_value,
            span=attr.span,
        )

    # functions, delegations, funds, decisions ------------------------------------------------
    def _build_function(self, symbol: Symbol) -> m.Function:
        d = symbol.declaration
        a = _Attributes(self, d.block, self._owner(symbol), schema.FUNCTION)
        return m.Function(
            id=symbol.id,
            title=_title(d),
            holder=a.ref("held_by", "an organisation or forum"),
            reserved_to=a.ref("reserved_to", "a board or forum"),
            source=self.values.text(a.get("source")) if a.get("source") else None,
            scope=a.ref("scope", "a tier"),
            reason=self.values.text(a.get("reason")) if a.get("reason") else None,
            span=d.name.span,
        )

    def _build_delegation(self, symbol: Symbol) -> m.Delegation:
        d = symbol.declaration
        a = _Attributes(self, d.block, self._owner(symbol), schema.DELEGATION, ("from", "to", "functions"))
        start, end = self._dates(a, ("effective", "expires"), f"the delegation `{symbol.id}`")
        floor, limit = self._limit(a.get("limit"))
        return m.Delegation(
            id=symbol.id,
            title=_title(d),
            delegator=a.ref("from", "an organisation, forum or person") or "",
            delegate=a.ref("to", "an organisation, forum or person") or "",
            functions=a.refs("functions", "a function"),
            limit=limit,
            floor=floor,
            further_delegation=bool(self.values.boolean(a.get("further_delegation"))) if a.get("further_delegation") else False,
            basis=a.choice("basis", "legal basis"),
            reports_to=a.refs("reports_to", "a body, forum or person"),
            start=start,
            end=end,
            review=self.values.date(a.get("review")) if a.get("review") else None,
            conditions=self.values.text(a.get("conditions")) if a.get("conditions") else None,
            reason=self.values.text(a.get("reason")) if a.get("reason") else None,
            span=d.name.span,
        )

    _LIMIT_USAGE = "limit: £18m, limit: £2m to £10m, or limit: unlimited"

    def _limit(self, attr: nodes.Attribute | None) -> tuple[Decimal | None, Decimal | None]:
        """A delegation's band: (floor, ceiling). `unlimited` is an infinite ceiling, not a missing one."""
        if attr is None:
            return None, None
        terms = attr.phrase.terms if attr.phrase is not None else ()
        if len(terms) == 1 and isinstance(terms[0], nodes.Word) and terms[0].text == "unlimited":
            return None, Decimal("Infinity")
        if len(terms) == 1 and isinstance(terms[0], nodes.Money):
            return None, terms[0].value
        if (
            len(terms) == 3
            and isinstance(terms[0], nodes.Money)
            and isinstance(terms[1], nodes.Word)
            and terms[1].text == "to"
            and isinstance(terms[2], (nodes.Money, nodes.Word))
        ):
            floor = terms[0].value
            top = terms[2]
            if isinstance(top, nodes.Word) and top.text != "unlimited":
                self.error("VAL001", f"a band ends with an amount or `unlimited`, found {describe_term(top)}", top.span, f"Write it as `{self._LIMIT_USAGE}`.")
                return None, None
            ceiling = Decimal("Infinity") if isinstance(top, nodes.Word) else top.value
            if ceiling < floor:
                self.error(
                    "VAL005",
                    f"the band ends at {top.raw} below where it starts, {terms[0].raw}",
                    top.span,
                    "Write the lower amount first: `limit: £2m to £10m`.",
                )
                return None, None
            return floor, ceiling
        span = attr.phrase.span if attr.phrase is not None else attr.key_span
        self.error(
            "VAL001",
            "a limit is an amount in pounds, a band of two amounts, or `unlimited`",
            span,
            f"Write it as `{self._LIMIT_USAGE}`. A limit that is not stated is left out altogether.",
        )
        return None, None

    _CONTRIBUTION_USAGE = "contribution: northmoor_icb £71m"

    def _build_pooled_fund(self, symbol: Symbol) -> m.PooledFund:
        d = symbol.declaration
        a = _Attributes(self, d.block, self._owner(symbol), schema.POOLED_FUND, ("host",))
        contributions = []
        contribution = schema.POOLED_FUND["contribution"].phrase
        for attr in a.all("contribution"):
            s = Sentence(self.values, attr, 2, contribution.arities, self._CONTRIBUTION_USAGE)
            if not s.ok:
                continue
            partner_term, amount = s.head
            partner = self.term_ref(partner_term, contribution.head[0].categories, "an organisation", key="contribution")
            if not isinstance(amount, nodes.Money):
                self.error("VAL001", "a contribution names the partner and then an amount in pounds", amount.span, f"Write it as `{self._CONTRIBUTION_USAGE}`.")
                continue
            if partner:
                contributions.append(m.Contribution(partner, amount.value, attr.span))
        start, end = self._dates(a, ("from", "to"), f"the pooled fund `{symbol.id}`")
        return m.PooledFund(
            id=symbol.id,
            title=_title(d),
            host=a.ref("host", "an organisation"),
            basis=a.choice("basis", "legal basis"),
            contributions=tuple(contributions),
            governed_by=a.ref("governed_by", "a forum"),
            agreement_terms=a.choices("agreement", "term of a pooled-fund agreement"),
            start=start,
            end=end,
            span=d.name.span,
        )

    def _build_decision(self, symbol: Symbol) -> m.Decision:
        d = symbol.declaration
        a = _Attributes(self, d.block, self._owner(symbol), schema.DECISION, ("forum",))
        return m.Decision(
            id=symbol.id,
            title=_title(d),
            forum=a.ref("forum", "a forum") or "",
            date=self.values.date(a.get("date")) if a.get("date") else None,
            affects=a.refs("affects", "an organisation"),
            amount=self.values.money(a.get("amount")) if a.get("amount") else None,
            functions=a.refs("functions", "a function"),
            under=a.ref("under", "a delegation"),
            excluded=a.refs("excluded", "a person"),
            reason=self.values.text(a.get("reason")) if a.get("reason") else None,
            span=d.name.span,
        )


def _also_in_block(phrase: schema.PhraseSpec, block: dict) -> tuple[str, ...]:
    """The options of a phrase that its block may give instead (`from` of a seat), in the phrase's order."""
    return tuple(word for word in phrase.arities if word in block)


def _is_council(symbol: Symbol) -> bool:
    kind = v.ORGANISATION_KINDS.get(symbol.kind)
    return bool(kind and kind.council)


def resolve(documents) -> ResolveResult:
    """Resolve parsed documents into one model. Never raises for bad input."""
    return Resolver(documents).resolve()
