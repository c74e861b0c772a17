"""Assertions about the governance, kept beside the model and run like unit tests (`govdsl test`).

An assertion file is named `*.govtest` (it is not a `.gov` file and the
compiler never reads it). Each line is one of:

- blank, or a comment starting with `#`;
- a header: `as-of: DATE` (the date whose arrangements are tested; the
  command line's `--as-of` wins over it) or `model: PATH...` (the `.gov`
  files or folders to test, relative to the file; by default the folder the
  file is in); each at most once;
- an assertion, starting with `expect`, in one of the forms of `FORMS`.

Names are ids or exact titles, or words that pick out one thing, as in
`govdsl query` (see `govdsl.query`). Case, punctuation and the words "the",
"a", "an", "is", "are", "do" and "does" do not matter, so
`expect the ICB Board is accountable to NHS England` is the same as
`expect nm_icb_board accountable to nhse`.

`parse_text` reads a file into a `TestFile` (malformed lines become
`Problem`s with their line and a hint listing the forms); `Subject` is what
a file is tested against (a compilation, its configuration and a date);
`run` checks each assertion and returns a `Result`: passed or not, and a
message saying what was found.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import attrs

from govdsl.analysis.authority import Authority
from govdsl.analysis.wording import pounds
from govdsl.diagnostics import Severity
from govdsl.model import vocabulary as v
from govdsl.model.types import Forum, Organisation, Person, Tier
from govdsl.query import (
    ModelView,
    QueryError,
    accountability_line,
    deciders,
    key,
    name,
    parse_amount,
    people_count,
    quorum_words,
    step_outs,
    words_of,
)
from govdsl.text import clean

JSON_FORMAT_VERSION = 1
SUFFIX = ".govtest"

# The forms of assertion, as shown in hints and the documentation.
FORMS: tuple[tuple[str, str], ...] = (
    ("expect PARTY decides FUNCTION [for PLACE] [up to AMOUNT | with no limit]", "expect nm_north_committee decides nm.community_services.north up to £18m"),
    ("expect PARTY does not decide FUNCTION [for PLACE]", "expect nm_north_committee does not decide nm.community_services.south"),
    ("expect FORUM stays quorate without WHO [and WHO...]", "expect nm_audit stays quorate without its chair"),
    ("expect FORUM is quorate", "expect nm_icb_board is quorate"),
    ("expect no KIND holds a veto at FORUM", "expect no acute trust holds a veto at the ICP"),
    ("expect PARTY holds a veto at FORUM", "expect riverbank_icb holds a veto at rb_icp"),
    ("expect PARTY is accountable to PARTY", "expect nm_audit is accountable to NHS England"),
    ("expect PERSON steps out of decision DECISION", "expect hugh_marsh steps out of decision nm_acute_contract_2026"),
    ("expect PERSON must step out of decision DECISION", "expect jo_kent must step out of decision nm_pcn_access_2026"),
    ("expect PERSON sits on FORUM [as CAPACITY]", "expect lena_frost sits on nm_audit as chair"),
    ("expect place PLACE has population between AMOUNT and AMOUNT", "expect place nm_north has population between 250k and 500k"),
    ("expect no errors  |  no warnings  |  no findings [CODE...]", "expect no findings COI003"),
    ("expect finding CODE [about NAME]", "expect finding SUB001 about rb_calder"),
)


# -- the file --------------------------------------------------------------------------------------


@attrs.frozen
class Assertion:
    line: int
    text: str  # as written, without `expect`
    form: str  # decides, not_decides, quorate_without, quorate, no_veto, veto, accountable, steps_out, must_step_out, sits_on, population, no_findings, finding
    parts: dict = attrs.field(factory=dict, eq=False, hash=False)


@attrs.frozen
class Problem:
    """A line that cannot be read, or a file that cannot be."""

    path: str
    line: int | None
    message: str
    hint: str | None = None


@attrs.frozen
class TestFile:
    path: str
    assertions: tuple[Assertion, ...] = ()
    problems: tuple[Problem, ...] = ()
    as_of: dt.date | None = None
    model: tuple[str, ...] = ()  # the paths to test, as written in `model:`, relative to the file

    def model_paths(self) -> list[str]:
        """The .gov files and folders to test: `model:` relative to the file, else the file's folder."""
        folder = Path(self.path).parent
        if not self.model:
            return [str(folder)]
        return [str(folder / p) for p in self.model]


def forms_hint() -> str:
    return "An assertion is one of:\n" + "\n".join(f"  {form}" for form, _ in FORMS)


_HEADER = re.compile(r"^(?:--)?(as[- ]of|model)\s*:?\s*(.*)$", re.IGNORECASE)


def parse_text(text: str, path: str = "<text>") -> TestFile:
    """Read an assertion file; never raises for what it contains."""
    assertions, problems = [], []
    as_of, model, seen = None, (), set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _without_comment(raw).strip()
        if not line:
            continue
        header = _HEADER.match(line)
        if header and not line.lower().startswith("expect"):
            which = "as-of" if header.group(1).lower().startswith("as") else "model"
            value = header.group(2).strip()
            if which in seen:
                problems.append(Problem(path, number, f"`{which}:` is given more than once", "Give each header once, before the assertions."))
                continue
            seen.add(which)
            if which == "as-of":
                try:
                    as_of = dt.date.fromisoformat(value)
                except ValueError:
                    problems.append(Problem(path, number, f"`{clean(value, 40)}` is not a date", "Write the date as `as-of: 2026-04-01`."))
            else:
                model = tuple(value.split())
                if not model:
                    problems.append(Problem(path, number, "`model:` names no files", "Write `model: system.gov` or `model: ../northmoor`, relative to this file."))
            continue
        match = re.match(r"^expect\b\s*(.*)$", line, re.IGNORECASE)
        if not match:
            problems.append(
                Problem(path, number, f"this line is not an assertion: \"{clean(line, 80)}\"", "Start each assertion with `expect`. " + forms_hint())
            )
            continue
        body = match.group(1).strip()
        parsed = parse_assertion(body)
        if parsed is None:
            problems.append(
                Problem(path, number, f"govdsl does not understand the assertion \"expect {clean(body, 80)}\"", forms_hint())
            )
            continue
        form, parts = parsed
        assertions.append(Assertion(number, body, form, parts))
    return TestFile(path, tuple(assertions), tuple(problems), as_of, model)


def parse_file(path: str | Path) -> TestFile:
    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return TestFile(shown, problems=(Problem(shown, None, "the file is not saved as UTF-8 text", "Save it as UTF-8."),))
    except OSError as error:
        return TestFile(shown, problems=(Problem(shown, None, f"the file cannot be read ({error.strerror or error})"),))
    return parse_text(text, shown)


def _without_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    return re.split(r"\s#", line, maxsplit=1)[0]


# -- reading one assertion ----------------------------------------------------------------------------

_CODE = r"[a-z]{2,4}\d{3}"
_LIMIT = re.compile(r"^(?P<rest>.+?) (?:up to (?P<amount>.+)|(?P<none>with no limit|without (?:a )?limit|with unlimited|no limit|unlimited))$")
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (form, re.compile(pattern))
    for form, pattern in (
        ("no_findings", r"^no (?P<what>errors?|warnings?)$"),
        ("no_findings", rf"^no (?P<what>findings?)(?P<codes>(?: {_CODE})*)$"),
        ("finding", rf"^(?:at least one )?findings? (?P<code>{_CODE})(?: (?:about|on|for) (?P<about>.+))?$"),
        ("quorate_without", r"^(?P<forum>.+?) (?:stays?|remains?|is still|still) quorate without (?P<who>.+)$"),
        ("quorate", r"^(?P<forum>.+?) quorate$"),
        ("no_veto", r"^(?:no|none of) (?P<what>.+?) (?:holds?|has|have) (?:veto|vetoes|veto power) (?:at|on|in|over) (?P<forum>.+)$"),
        ("no_veto", r"^(?P<what>nobody|no one|noone) (?:holds?|has) (?:veto|veto power) (?:at|on|in|over) (?P<forum>.+)$"),
        ("veto", r"^(?P<party>.+?) (?:holds?|has) (?:veto|veto power) (?:at|on|in|over) (?P<forum>.+)$"),
        ("accountable", r"^(?P<party>.+?) (?:accountable|answerable|answers) to (?P<target>.+)$"),
        ("must_step_out", r"^(?P<person>.+?) (?:must|should|has to|needs to) (?:step|stand) (?:out|aside) (?:of|from) (?:decision )?(?P<decision>.+)$"),
        ("steps_out", r"^(?P<person>.+?) (?:steps?|stepped|stands?|stood) (?:out|aside) (?:of|from) (?:decision )?(?P<decision>.+)$"),
        ("not_decides", r"^(?P<party>.+?) (?:not|cannot|can not|may not) decides? (?P<rest>.+)$"),
        ("decides", r"^(?P<party>.+?) (?:can |may )?decides? (?P<rest>.+)$"),
        ("sits_on", r"^(?P<person>.+?) (?:sits?|serves?) on (?P<forum>.+?)(?: as (?P<capacity>.+))?$"),
        ("population", r"^(?:(?P<kind>place|system|neighbourhood|subsystem|sub-system|sub system|organisation) )?(?P<tier>.+?) (?:has|with) population (?P<range>.+)$"),
    )
)
_RANGE = (
    (re.compile(r"^(?:of )?between (?P<low>.+?) and (?P<high>.+)$"), "between"),
    (re.compile(r"^(?:of )?(?:at least|no less than|not less than) (?P<low>.+)$"), "at_least"),
    (re.compile(r"^(?:of )?(?:at most|no more than|not more than|up to) (?P<high>.+)$"), "at_most"),
    (re.compile(r"^(?:of )?(?:over|above|more than|greater than) (?P<above>.+)$"), "above"),
    (re.compile(r"^(?:of )?(?:under|below|less than|fewer than) (?P<below>.+)$"), "below"),
)


def parse_assertion(body: str) -> tuple[str, dict] | None:
    """The form of an assertion (without `expect`) and its parts, or None if it has none."""
    words = words_of(body)
    text = " ".join(words)
    for form, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = {k: val for k, val in match.groupdict().items() if val is not None}
        if form in ("decides", "not_decides"):
            limited = _LIMIT.match(parts["rest"]) if form == "decides" else None
            if limited:
                parts["rest"] = limited.group("rest")
                if limited.group("amount"):
                    amount = parse_amount(limited.group("amount"))
                    if amount is None:
                        return None
                    parts["amount"] = amount
                else:
                    parts["unlimited"] = True
        if form == "population":
            parsed = _population_range(parts["range"])
            if parsed is None:
                return None
            parts.update(parsed)
        if form == "no_findings":
            parts["codes"] = tuple(c.upper() for c in parts.get("codes", "").split())
            parts["what"] = parts["what"].rstrip("s")
        if form == "finding":
            parts["code"] = parts["code"].upper()
        return form, parts
    return None


def _population_range(text: str) -> dict | None:
    for pattern, kind in _RANGE:
        match = pattern.match(text)
        if match:
            values = {k: parse_amount(val) for k, val in match.groupdict().items()}
            if any(val is None for val in values.values()):
                return None
            if kind == "between" and values["low"] > values["high"]:
                values["low"], values["high"] = values["high"], values["low"]
            return {"bounds": kind, **values}
    return None


# -- what a file is tested against ----------------------------------------------------------------------


class Subject:
    """A compiled model, its configuration and the date whose arrangements are tested."""

    def __init__(self, compilation, config=None, as_of: dt.date | None = None):
        from govdsl.config import Config

        self.compilation = compilation
        self.config = config or Config()
        self.as_of = as_of or dt.date.today()

    @cached_property
    def view(self) -> ModelView:
        return ModelView(self.compilation.model, self.as_of)

    @cached_property
    def diagnostics(self):
        from govdsl.check.engine import check_compilation

        return check_compilation(self.compilation, self.config, self.as_of)


@attrs.frozen
class Result:
    assertion: Assertion
    passed: bool
    message: str


def run(test_file: TestFile, subject: Subject) -> list[Result]:
    return [check(assertion, subject) for assertion in test_file.assertions]


def check(assertion: Assertion, subject: Subject) -> Result:
    """Whether one assertion holds, and what was found."""
    evaluate = _EVALUATORS[assertion.form]
    try:
        passed, message = evaluate(subject, assertion.parts)
    except QueryError as problem:
        passed, message = False, str(problem)
    if not message.endswith((".", "?")):
        message += "."
    if not message.startswith("govdsl"):
        message = message[:1].upper() + message[1:]
    return Result(assertion, passed, message)


def check_text(text: str, compilation, as_of: dt.date | None = None, config=None) -> tuple[list[Result], tuple[Problem, ...]]:
    """Run assertions written as text against a compilation: the results and the malformed lines."""
    test_file = parse_text(text)
    return run(test_file, Subject(compilation, config, as_of or test_file.as_of)), test_file.problems


# -- evaluating each form ------------------------------------------------------------------------------

_PARTIES = ("forum", "person", "organisation")


def _find(view: ModelView, phrase: str, categories, **options):
    return view.names.find(phrase, categories, **options)


def _split_function_place(view: ModelView, words: list[str], party_id: str | None):
    """FUNCTION [for PLACE]: the function and the place (or None), trying each split at `for`/`in`."""
    authority = view.authority
    connectors = [i for i, w in enumerate(words) if w in ("for", "in", "at", "across")]
    attempts = [(words, None, False)] + [(words[:i], words[i + 1 :], True) for i in reversed(connectors)]
    attempts.append((words, None, True))
    errors = []
    for function_words, place_words, loose in attempts:
        if not function_words or (place_words is not None and not place_words):
            continue
        try:
            place = _find(view, " ".join(place_words), ("tier",)) if place_words else None
            path = view.tier_path(place.id) if place else []

            def prefer(function, path=path, place=place):
                if party_id and authority.holding(function.id, party_id) is None:
                    return False
                return not path or not function.scope or function.scope in path or place.id in view.tier_path(function.scope)

            function = _find(view, " ".join(function_words), ("function",), prefer=prefer, loose=loose)
            return function, place
        except QueryError as problem:
            errors.append(problem)
    raise errors[1] if connectors and len(errors) > 1 else (errors[-1] if errors else QueryError("a function is missing"))


def _holders_words(view: ModelView, function, place=None) -> str:
    found, _, note = deciders(view, function, place)
    if note:
        return note
    if not found:
        return f"nobody holds `{function.id}` in the model"
    return "; ".join(
        f"{name(view.model, h.party)} " + (f"up to {pounds(h.limit)}" if h.limit is not None else "with no limit") for h in found[:6]
    )


def _chain_words(holding) -> str:
    if not holding.chain:
        return "as its holder"
    return "through " + " → ".join(f"`{d.id}`" for d in holding.chain)


def _decides(subject: Subject, parts: dict, negated: bool = False):
    view = subject.view
    party = _find(view, parts["party"], _PARTIES, what="a forum, person or organisation")
    function, place = _split_function_place(view, parts["rest"].split(), None if negated else party.id)
    authority: Authority = view.authority
    model = view.model
    who = name(model, party.id)
    if place is not None:
        found, _, note = deciders(view, function, place)
        mine = [h for h in found if h.party == party.id or h.canonical == authority.canonical(party.id)]
        where = f" for {name(model, place.id)}"
        if not mine:
            others = note or ("it is decided by " + _holders_words(view, function, place))
            if negated:
                return True, f"{who} does not decide `{function.id}`{where}: {others}."
            return False, f"{who} does not decide `{function.id}`{where}: {others}."
        holding = mine[0]
    else:
        holding = authority.holding(function.id, party.id)
        where = ""
        if holding is None:
            message = (
                f"{who} does not hold `{function.id}`: "
                + (f"it is held by {name(model, function.holder)}" if function.holder else "it has no holder declared")
                + "; those who hold it: "
                + _holders_words(view, function)
                + "."
            )
            return negated, message
    limit = f"up to {pounds(holding.limit)}" if holding.limit is not None else "with no limit"
    found_words = f"{who} decides `{function.id}`{where} {limit}, {_chain_words(holding)}"
    if negated:
        return False, found_words + "."
    if "amount" in parts:
        wanted = parts["amount"]
        if holding.limit is None:
            return False, f"{found_words}, not up to {pounds(wanted)}."
        if holding.limit != wanted:
            return False, f"{found_words}, not up to {pounds(wanted)}."
    if parts.get("unlimited") and holding.limit is not None:
        return False, f"{found_words}, not with no limit."
    return True, found_words + "."


def _not_decides(subject: Subject, parts: dict):
    return _decides(subject, parts, negated=True)


def _split_list(view: ModelView, words: list[str], resolve) -> list:
    """`a and b and c`: the things named, taking the longest name that resolves at each step."""
    items = []
    start = 0
    while start < len(words):
        ends = [i for i in range(start + 1, len(words) + 1) if i == len(words) or words[i] == "and"]
        found = None
        error = None
        for end in reversed(ends):
            try:
                found = resolve(words[start:end])
                break
            except QueryError as problem:
                error = error or problem
        if found is None:
            raise error
        items.append(found)
        start = end + 1
    return items


def _quorate_without(subject: Subject, parts: dict):
    from govdsl.analysis.facts import Facts
    from govdsl.whatif import Removal, apply

    view = subject.view
    forum = _find(view, parts["forum"], ("forum",))
    model = view.model
    if forum.quorum is None:
        return False, f"{name(model, forum.id)} has no quorum declared, so it cannot be tested."
    holders = {s.person for s in forum.seats}
    before = view.facts.quorum_shortfalls(list(forum.seats), forum.quorum)
    if before:
        return False, f"{name(model, forum.id)} is not quorate even with every member: {'; '.join(before)}."

    def resolve(words):
        phrase = " ".join(w for w in words if w != "its")
        if phrase in ("chair", "vice chair", "vice-chair", "chairs"):
            capacity = "chair" if phrase.startswith("chair") else "vice_chair"
            people = [s.person for s in forum.seats if capacity in s.capacities]
            if not people:
                raise QueryError(f"{name(model, forum.id)} has no {v.CAPACITIES[capacity].label} on {view.as_of.isoformat()}")
            return ("seats", tuple(people), f"its {v.CAPACITIES[capacity].label} " + ", ".join(f"`{p}`" for p in people))
        entity = _find(view, phrase, ("person", "organisation"), prefer=lambda e: e.id in holders or isinstance(e, Organisation))
        if isinstance(entity, Person):
            if entity.id not in holders:
                raise QueryError(f"{name(model, entity.id)} holds no seat on {name(model, forum.id)} on {view.as_of.isoformat()}")
            return ("seats", (entity.id,), f"`{entity.id}`")
        return ("organisation", (entity.id,), f"the members for `{entity.id}`")

    removed = _split_list(view, parts["who"].split(), resolve)
    vacancies = frozenset((forum.id, p) for kind, ids, _ in removed if kind == "seats" for p in ids)
    organisations = frozenset(i for kind, ids, _ in removed if kind == "organisation" for i in ids)
    after = apply(model, Removal(organisations=organisations, vacancies=vacancies))
    left = after.entity(forum.id)
    facts = Facts(after, after)
    short = facts.quorum_shortfalls(list(left.seats), forum.quorum)
    without = " and ".join(words for _, _, words in removed)
    voting = [s.person for s in left.seats if s.voting]
    if short:
        return False, f"{name(model, forum.id)} cannot be quorate without {without}: {'; '.join(short)}."
    shown = ", ".join(f"`{p}`" for p in voting[:6]) + (f" and {len(voting) - 6} more" if len(voting) > 6 else "")
    return True, (
        f"{name(model, forum.id)} is quorate without {without}: {len(voting)} voting members are left "
        f"({shown}) for a quorum of {quorum_words(forum)}."
    )


def _quorate(subject: Subject, parts: dict):
    view = subject.view
    forum = _find(view, parts["forum"], ("forum",))
    model = view.model
    if forum.quorum is None:
        return False, f"{name(model, forum.id)} has no quorum declared."
    short = view.facts.quorum_shortfalls(list(forum.seats), forum.quorum)
    if short:
        return False, f"{name(model, forum.id)} is not quorate even with every member: {'; '.join(short)}."
    voting = [s for s in forum.seats if s.voting]
    return True, f"{name(model, forum.id)} can be quorate: {len(voting)} voting members for a quorum of {quorum_words(forum)}."


# Which organisations a phrase such as "acute trust" or "council" means.
_EVERYONE = frozenset({"organisation", "organisations", "body", "bodies", "partner", "partners", "member organisation", "member organisations"})
_PEOPLE = frozenset({"nobody", "no one", "noone", "member", "members", "one", "person", "people"})
_SECTOR_WORDS = {
    "nhs organisation": "nhs",
    "nhs body": "nhs",
    "nhs": "nhs",
    "local government": "local_government",
    "local government organisation": "local_government",
    "voluntary sector": "vcse",
    "voluntary organisation": "vcse",
    "vcse": "vcse",
    "vcse organisation": "vcse",
    "independent sector": "independent",
    "public voice": "public_voice",
}


def _singular(phrase: str) -> str:
    words = phrase.split()
    last = words[-1] if words else ""
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join(words[:-1] + [last])


def organisation_category(phrase: str):
    """(what to call it, test on an Organisation) for "acute trust", "council", "NHS body"...; None if unknown."""
    phrase = key(phrase)
    one = _singular(phrase)
    if phrase in _EVERYONE or one in _EVERYONE:
        return "organisation", lambda o: True
    if one in _SECTOR_WORDS:
        sector = _SECTOR_WORDS[one]
        return f"{v.SECTORS[sector].label} organisation", lambda o: o.sector == sector
    words = one.split()
    if words and words[-1] in ("trust", "provider"):
        qualifier = " ".join(words[:-1])
        if words[-1] == "trust":
            kinds = {"nhs_trust", "foundation_trust"}
            if qualifier.endswith("foundation"):
                kinds, qualifier = {"foundation_trust"}, qualifier.removesuffix("foundation").strip()
            qualifier = qualifier.removeprefix("nhs").strip()

            def base(o):
                return o.kind in kinds
        else:

            def base(o):
                kind = v.ORGANISATION_KINDS.get(o.kind)
                return bool(kind and kind.provider)

        if not qualifier:
            return one, base
        for word, term in v.SERVICES.items():
            if qualifier in (key(word), key(term.label), key(term.label).split()[0]):
                return one, (lambda o, word=word: base(o) and word in o.services)
        return None
    if one in ("council", "local authority"):
        return "council", lambda o: bool(v.ORGANISATION_KINDS.get(o.kind) and v.ORGANISATION_KINDS[o.kind].council)
    for word, kind in v.ORGANISATION_KINDS.items():
        if one in (key(word), key(kind.label)):
            return kind.label, (lambda o, word=word: o.kind == word)
    return None


def _power(view: ModelView, forum: Forum):
    from govdsl.lenses.power import analyse_forum

    return analyse_forum(view.model, forum, facts=view.facts)


def _rule_words(forum: Forum) -> str:
    from govdsl.lenses.power import describe_rule

    return describe_rule(forum)


def _vetoes(power, level: str) -> list:
    result = power.levels[level]
    return [player for player, veto in zip(result.players, result.indices.veto) if veto]


def _no_veto(subject: Subject, parts: dict):
    view = subject.view
    forum = _find(view, parts["forum"], ("forum",))
    model = view.model
    what = parts["what"]
    power = _power(view, forum)
    if power is None:
        reason = "no decision rule" if forum.decision_rule is None else "no voting members"
        return False, f"{name(model, forum.id)} has {reason}, so who could block a decision cannot be worked out."
    if key(what) in _PEOPLE or _singular(key(what)) in _PEOPLE:
        holders = _vetoes(power, "member")
        label = "member"
    else:
        category = organisation_category(what)
        if category is None:
            return False, (
                f"\"{clean(what, 40)}\" is not a kind of organisation govdsl knows; use a kind such as "
                "\"acute trust\", \"NHS trust\", \"council\", \"ICB\" or \"organisation\", or a sector such as \"local government\"."
            )
        label, test = category
        holders = []
        for player in _vetoes(power, "organisation"):
            organisation = model.entity(player.id)
            if isinstance(organisation, Organisation) and test(organisation):
                holders.append(player)
    how = f"The forum decides by {_rule_words(forum)}."
    if holders:
        names = ", ".join(name(model, p.id) for p in holders)
        return False, f"at {name(model, forum.id)}, {names} {'holds' if len(holders) == 1 else 'hold'} a veto. {how}"
    everyone = _vetoes(power, "organisation")
    others = f"; the veto holders are {', '.join(name(model, p.id) for p in everyone)}" if everyone else "; nobody holds a veto"
    return True, f"no {label} holds a veto at {name(model, forum.id)}{others}. {how}"


def _veto(subject: Subject, parts: dict):
    view = subject.view
    forum = _find(view, parts["forum"], ("forum",))
    model = view.model
    power = _power(view, forum)
    if power is None:
        reason = "no decision rule" if forum.decision_rule is None else "no voting members"
        return False, f"{name(model, forum.id)} has {reason}, so who could block a decision cannot be worked out."
    sector = _SECTOR_WORDS.get(_singular(key(parts["party"])))
    if sector:
        level, player_id, who = "sector", sector, f"the {v.SECTORS[sector].label} members"
    else:
        party = _find(view, parts["party"], ("organisation", "person"))
        level = "member" if isinstance(party, Person) else "organisation"
        player_id, who = party.id, name(model, party.id)
    how = f"The forum decides by {_rule_words(forum)}."
    vetoes = _vetoes(power, level)
    if any(p.id == player_id for p in vetoes):
        return True, f"{who} {'hold' if sector else 'holds'} a veto at {name(model, forum.id)}: no motion carries without {'them' if sector else 'its votes'}. {how}"
    players = power.levels[level].players
    if not any(p.id == player_id for p in players):
        return False, f"{who} {'have' if sector else 'has'} no vote at {name(model, forum.id)}."
    holders = ("the veto holders are " + ", ".join(name(model, p.id) for p in vetoes)) if vetoes else "nobody holds a veto there"
    return False, f"{who} cannot block a decision at {name(model, forum.id)} alone; {holders}. {how}"


def _accountable(subject: Subject, parts: dict):
    view = subject.view
    model = view.model
    party = _find(view, parts["party"], _PARTIES, what="a forum or organisation")
    target = _find(view, parts["target"], ("organisation", "forum", "person"), what="an organisation or forum")
    _, paths = accountability_line(view, party.id)
    if target.id in paths and target.id != party.id:
        route = " → ".join([f"`{party.id}`"] + [f"`{link.target}`" for link in paths[target.id]])
        return True, f"{name(model, party.id)} answers to {name(model, target.id)}: {route}."
    reached = [p for p in paths if p != party.id]
    if not reached:
        return False, f"{name(model, party.id)} has no line of accountability in the model."
    return False, (
        f"{name(model, party.id)} does not answer to {name(model, target.id)}; its line reaches "
        + ", ".join(f"`{p}`" for p in reached[:8])
        + (f" and {len(reached) - 8} more" if len(reached) > 8 else "")
        + "."
    )


def _step_out_facts(subject: Subject, parts: dict):
    view = subject.view
    person = _find(view, parts["person"], ("person",))
    decision = _find(view, parts["decision"], ("decision",))
    found = [s for s in step_outs(view, person.id) if s.decision == decision.id]
    return view, person, decision, found


def _steps_out(subject: Subject, parts: dict):
    view, person, decision, found = _step_out_facts(subject, parts)
    model = view.history
    who, what = name(model, person.id), name(model, decision.id)
    why = "; ".join(s.reason(model) for s in found)
    if person.id in decision.excluded:
        return True, f"{who} is recorded as stepping out of {what}" + (f": {why}." if why else ".")
    if any(s.must for s in found):
        return False, f"{who} is not listed under `excluded:` for {what}, although they must step out: {why}."
    if found:
        return False, f"{who} is not listed under `excluded:` for {what}; their register lets them stay: {why}."
    return False, f"{who} is not listed under `excluded:` for {what}, and has no recorded stake in the organisations it affects."


def _must_step_out(subject: Subject, parts: dict):
    view, person, decision, found = _step_out_facts(subject, parts)
    model = view.history
    who, what = name(model, person.id), name(model, decision.id)
    must = [s for s in found if s.must]
    if must:
        recorded = "it records that they did" if person.id in decision.excluded else "it does not record that they did"
        return True, f"{who} must step out of {what}: {'; '.join(s.reason(model) for s in must)}; {recorded}."
    if found:
        return False, f"{who} may stay for {what}: {'; '.join(s.reason(model) for s in found)}."
    affects = ", ".join(f"`{o}`" for o in decision.affects) or "no organisation"
    return False, f"{who} need not step out of {what}: it affects {affects}, and they have no recorded stake in it, or no vote there."


def _capacity(phrase: str) -> str | None:
    wanted = key(phrase)
    if wanted in ("voting member", "voting", "voter"):
        return "voting"
    if wanted in ("non voting", "non voting member", "nonvoting"):
        return "non_voting"
    for word, term in v.CAPACITIES.items():
        if wanted in (key(word), key(term.label)) or _singular(wanted) in (key(word), key(term.label)):
            return word
    return None


def _sits_on(subject: Subject, parts: dict):
    view = subject.view
    model = view.model
    person = _find(view, parts["person"], ("person",))
    forum = _find(view, parts["forum"], ("forum",))
    seats = [s for s in forum.seats if s.person == person.id]
    who, where = name(model, person.id), name(model, forum.id)
    if not seats:
        elsewhere = sorted({s.forum for s in view.facts.seats_of.get(person.id, [])})
        others = ("; they sit on " + ", ".join(f"`{f}`" for f in elsewhere)) if elsewhere else "; they hold no seat"
        return False, f"{who} holds no seat on {where} on {view.as_of.isoformat()}{others}."
    held = "; ".join(
        ", ".join(v.CAPACITIES[c].label if c in v.CAPACITIES else c for c in s.capacities)
        + ("" if s.voting or set(s.capacities) <= v.NON_VOTING_CAPACITIES else " (non-voting)")
        for s in seats
    )
    if "capacity" not in parts:
        return True, f"{who} sits on {where} as {held}."
    capacity = _capacity(parts["capacity"])
    if capacity is None:
        return False, f"\"{clean(parts['capacity'], 40)}\" is not a capacity govdsl knows, such as chair, vice_chair, voting_member or participant."
    if capacity == "voting":
        ok = any(s.voting for s in seats)
    elif capacity == "non_voting":
        ok = any(not s.voting for s in seats)
    else:
        ok = any(capacity in s.capacities for s in seats)
    if ok:
        return True, f"{who} sits on {where} as {held}."
    return False, f"{who} sits on {where} as {held}, not as {clean(parts['capacity'], 40)}."


_TIER_KIND_WORDS = {"place": "place", "system": "system", "neighbourhood": "neighbourhood", "subsystem": "subsystem", "sub-system": "subsystem", "sub system": "subsystem"}


def _population(subject: Subject, parts: dict):
    view = subject.view
    model = view.model
    kind = parts.get("kind")
    if kind == "organisation":
        entity = _find(view, parts["tier"], ("organisation",))
    else:
        wanted = _TIER_KIND_WORDS.get(kind) if kind else None
        entity = _find(view, parts["tier"], ("tier", "organisation"), prefer=(lambda e: isinstance(e, Tier) and e.kind == wanted) if wanted else None)
        if wanted and isinstance(entity, Tier) and entity.kind != wanted:
            return False, f"{name(model, entity.id)} is a {v.TIER_KINDS[entity.kind].label}, not a {v.TIER_KINDS[wanted].label}."
    population = entity.population
    who = name(model, entity.id)
    if population is None:
        return False, f"{who} has no population stated."
    bounds = parts["bounds"]
    number = Decimal(population)
    if bounds == "between":
        ok = parts["low"] <= number <= parts["high"]
        wanted = f"between {people_count(int(parts['low']))} and {people_count(int(parts['high']))}"
    elif bounds == "at_least":
        ok, wanted = number >= parts["low"], f"at least {people_count(int(parts['low']))}"
    elif bounds == "at_most":
        ok, wanted = number <= parts["high"], f"at most {people_count(int(parts['high']))}"
    elif bounds == "above":
        ok, wanted = number > parts["above"], f"over {people_count(int(parts['above']))}"
    else:
        ok, wanted = number < parts["below"], f"under {people_count(int(parts['below']))}"
    found = f"{who} has a population of {people_count(population)} ({population:,})"
    return (True, f"{found}, {wanted}.") if ok else (False, f"{found}, not {wanted}.")


def _finding_words(diagnostics, most: int = 3) -> str:
    shown = [f"{d.code} {clean(d.message, 240)}" for d in diagnostics[:most]]
    more = f" (and {len(diagnostics) - most} more)" if len(diagnostics) > most else ""
    return "; ".join(shown) + more


def _no_findings(subject: Subject, parts: dict):
    what = parts["what"]
    diagnostics = list(subject.diagnostics)
    codes = parts.get("codes") or ()
    if what == "error":
        found = [d for d in diagnostics if d.severity is Severity.ERROR]
        one, many = "error", "errors"
    elif what == "warning":
        found = [d for d in diagnostics if d.severity >= Severity.WARNING]
        one, many = "error or warning", "errors or warnings"
    else:
        found = [d for d in diagnostics if not codes or d.code in codes]
        one, many = "finding", "findings"
    with_code = f" with code {' or '.join(codes)}" if codes else ""
    if found:
        return False, f"`govdsl check` finds {len(found)} {one if len(found) == 1 else many}{with_code}: {_finding_words(found)}."
    others = len(diagnostics)
    return True, f"`govdsl check` finds no {one}{with_code}" + (f" ({others} other finding{'' if others == 1 else 's'})." if others else ".")


def _finding(subject: Subject, parts: dict):
    code = parts["code"]
    found = [d for d in subject.diagnostics if d.code == code]
    about = parts.get("about")
    if about:
        entity = _find(subject.view, about, ("tier", "organisation", "person", "forum", "function", "decision", "delegation"), what="a name")
        found_about = [d for d in found if any(s.id == entity.id for s in d.subjects)]
        if found_about:
            return True, f"`govdsl check` finds {code} about `{entity.id}`: {_finding_words(found_about, 1)}."
        if found:
            return False, f"`govdsl check` finds {code}, but not about `{entity.id}`: {_finding_words(found)}."
        return False, f"`govdsl check` finds no {code} at all."
    if found:
        return True, f"`govdsl check` finds {len(found)} {code}: {_finding_words(found, 1)}."
    return False, f"`govdsl check` finds no {code}."


_EVALUATORS = {
    "decides": _decides,
    "not_decides": _not_decides,
    "quorate_without": _quorate_without,
    "quorate": _quorate,
    "no_veto": _no_veto,
    "veto": _veto,
    "accountable": _accountable,
    "steps_out": _steps_out,
    "must_step_out": _must_step_out,
    "sits_on": _sits_on,
    "population": _population,
    "no_findings": _no_findings,
    "finding": _finding,
}


# -- finding the files ------------------------------------------------------------------------------------


def find_files(paths) -> tuple[list[Path], list[Problem]]:
    """The `.govtest` files given or found under the folders given, and paths that are neither."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
            if not found:
                problems.append(Problem(str(raw), None, f"`{raw}` has no {SUFFIX} files in it", "Write assertions in a file such as `northmoor.govtest` beside the model."))
            files.extend(found)
        elif path.is_file():
            if path.suffix != SUFFIX:
                problems.append(
                    Problem(str(raw), None, f"`{raw}` is not a {SUFFIX} file", f"Give {SUFFIX} files, or folders to search for them; the model is read from each file's folder.")
                )
            else:
                files.append(path)
        else:
            problems.append(Problem(str(raw), None, f"`{raw}` does not exist", "Check the path."))
    unique = list(dict.fromkeys(files))
    return unique, problems


# -- showing results --------------------------------------------------------------------------------------


@attrs.frozen
class FileReport:
    """One file's results, with what it was tested against (or why it could not be)."""

    path: str
    model: tuple[str, ...]
    as_of: dt.date | None
    results: tuple[Result, ...] = ()
    not_run: str | None = None  # why the assertions could not run (the model has errors)
    count: int = 0  # assertions in the file


def totals(reports) -> tuple[int, int]:
    passed = sum(1 for r in reports for x in r.results if x.passed)
    failed = sum(1 for r in reports for x in r.results if not x.passed) + sum(r.count for r in reports if r.not_run)
    return passed, failed


def to_data(reports, problems) -> dict:
    passed, failed = totals(reports)
    return {
        "format_version": JSON_FORMAT_VERSION,
        "passed": passed,
        "failed": failed,
        "errors": [{"file": p.path, "line": p.line, "message": p.message, "hint": p.hint} for p in problems],
        "files": [
            {
                "path": r.path,
                "model": list(r.model),
                "as_of": r.as_of.isoformat() if r.as_of else None,
                "not_run": r.not_run,
                "results": [
                    {"line": x.assertion.line, "assertion": x.assertion.text, "passed": x.passed, "message": x.message}
                    for x in r.results
                ],
            }
            for r in reports
        ],
    }


def to_json(reports, problems) -> str:
    return json.dumps(to_data(reports, problems), indent=2, ensure_ascii=False) + "\n"


def print_text(reports, console, *, verbose: bool = False) -> None:
    from rich.text import Text

    for report in reports:
        when = f", as of {report.as_of.isoformat()}" if report.as_of else ""
        console.print(Text(f"{report.path} (model: {' '.join(report.model)}{when})", style="bold"))
        if report.not_run:
            console.print(Text(f"  NOT RUN  {report.not_run}", style="bold red"))
        for result in report.results:
            status = Text("  PASS  ", style="bold green") if result.passed else Text("  FAIL  ", style="bold red")
            console.print(status + Text(f"line {result.assertion.line}: {clean(result.assertion.text)}"))
            if verbose or not result.passed:
                console.print(Text(f"        {result.message}"))
    passed, failed = totals(reports)
    console.print()
    console.print(Text(f"{passed} passed, {failed} failed"))
