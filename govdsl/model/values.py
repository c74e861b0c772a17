"""Reading attribute values: from syntax terms to Python values, with diagnostics.

Every `.gov` attribute is `key: phrase { block }`. The functions here read a
phrase as the thing a key expects (a name, a list of names, an amount, a
date, a word from a vocabulary, or a short sentence such as
`ann_hale as chair from 2022-07-01`) and report, in words, what was expected
when the phrase does not fit.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from govdsl.diagnostics import Diagnostic, Fix, Severity, did_you_mean
from govdsl.syntax import nodes
from govdsl.text import article

_TERM_NOUNS = {
    nodes.Word: "name",
    nodes.Str: "text",
    nodes.Number: "number",
    nodes.Money: "amount",
    nodes.Percent: "percentage",
    nodes.DateLit: "date",
    nodes.ListTerm: "list",
}


def _raw(term: nodes.Term) -> str:
    return term.text if isinstance(term, nodes.Word) else getattr(term, "raw", "")


def term_noun(term: nodes.Term) -> str:
    """`name `x``, `text `"x"``, `number `4``, `list`: a term named by what it is."""
    noun = _TERM_NOUNS[type(term)]
    return noun if isinstance(term, nodes.ListTerm) else f"{noun} `{_raw(term)}`"


def describe_term(term: nodes.Term) -> str:
    """`the name `x``, `the number `4``, `a list`: a term as the object of "found"."""
    if isinstance(term, nodes.ListTerm):
        return "a list"
    return "the " + term_noun(term)


def _as_word(label: str) -> str:
    """A label written as a word: `NHS foundation trust` -> `nhs_foundation_trust`."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def suggest(text: str, vocabulary) -> tuple[str, str | None] | None:
    """The word of `vocabulary` a mistaken word most likely means, and its label if that is what matched.

    `vocabulary` maps each word to its entry (anything with a `label`) or to its label.
    A word is compared with the words, and, written as a word, with their labels, so
    that `integrated_care_board` suggests `icb` and `nhs_foundation_trust` suggests
    `foundation_trust`.
    """
    labels: dict[str, str] = {}
    for word, entry in vocabulary.items():
        label = entry if isinstance(entry, str) else getattr(entry, "label", None)
        if label and _as_word(label) != word:
            labels.setdefault(_as_word(label), word)
    wanted = _as_word(text)
    if wanted in vocabulary:
        return wanted, None  # `Monthly`, `vice-chair`
    if wanted in labels:
        word = labels[wanted]
        return word, _label_of(vocabulary[word])
    close = did_you_mean(text, vocabulary)
    if close:
        return close, None
    close = did_you_mean(wanted, labels)
    if close:
        word = labels[close]
        return word, _label_of(vocabulary[word])
    return None


def _label_of(entry) -> str | None:
    return entry if isinstance(entry, str) else getattr(entry, "label", None)


def suggestion_hint(text: str, vocabulary) -> str | None:
    """`Did you mean `icb`? `icb` means integrated care board.`, or None.

    The diagnostic that gives it carries the word as a fix (`Fix.replace`), for editors.
    """
    found = suggest(text, vocabulary)
    if found is None:
        return None
    word, label = found
    return f"Did you mean `{word}`? `{word}` means {label}." if label else f"Did you mean `{word}`?"


class ValueReader:
    """Reads values for one file's attributes, collecting diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics

    def error(self, code, message, span, hint=None, related=(), fix=None):
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, span, hint, tuple(related), fix=fix))

    # -- shapes ---------------------------------------------------------------------
    def single(self, attr: nodes.Attribute, term_type, what: str, example: str):
        """The one term of a phrase, which must be of `term_type`."""
        phrase = attr.phrase
        if phrase is None:
            self.error("VAL001", f"`{attr.key}` needs {what}", attr.key_span, f"Write it as `{attr.key}: {example}`.")
            return None
        term = phrase.terms[0]
        if len(phrase.terms) > 1 or not isinstance(term, term_type):
            found = describe_term(term) if len(phrase.terms) == 1 else f"{len(phrase.terms)} values"
            self.error(
                "VAL001",
                f"`{attr.key}` needs {what}, found {found}",
                phrase.span,
                f"Write it as `{attr.key}: {example}`.",
            )
            return None
        return term

    def word(self, attr, example="name"):
        term = self.single(attr, nodes.Word, "a name", example)
        return term

    def words(self, attr, example="[first, second]") -> tuple[nodes.Word, ...]:
        """A list of names, or a single name standing for a list of one."""
        phrase = attr.phrase
        if phrase is None:
            self.error("VAL001", f"`{attr.key}` needs a list of names", attr.key_span, f"Write it as `{attr.key}: {example}`.")
            return ()
        if len(phrase.terms) == 1 and isinstance(phrase.terms[0], nodes.Word):
            return (phrase.terms[0],)
        if len(phrase.terms) == 1 and isinstance(phrase.terms[0], nodes.ListTerm):
            return self.list_words(phrase.terms[0], attr.key, example)
        self.error(
            "VAL001",
            f"`{attr.key}` needs a name or a list of names in square brackets",
            phrase.span,
            f"Write it as `{attr.key}: {example}`.",
        )
        return ()

    def list_words(self, term: nodes.ListTerm, key: str, example: str) -> tuple[nodes.Word, ...]:
        out = []
        for item in term.items:
            if len(item.terms) == 1 and isinstance(item.terms[0], nodes.Word):
                out.append(item.terms[0])
            else:
                self.error(
                    "VAL001",
                    f"each item of `{key}` must be a single name",
                    item.span,
                    f"Separate the items with commas: `{key}: {example}`.",
                )
        return tuple(out)

    def text(self, attr, example='"..."') -> str | None:
        term = self.single(attr, nodes.Str, "text in double quotes", example)
        return term.value if term else None

    def count(self, attr, example="5", minimum=0) -> int | None:
        term = self.single(attr, nodes.Number, "a whole number", example)
        return self.whole_number(term, attr.key, minimum) if term else None

    def whole_number(self, term: nodes.Number, key: str, minimum=0) -> int | None:
        if term.value != term.value.to_integral_value():
            self.error(
                "VAL004",
                f"`{key}` must be a whole number, found `{term.raw}`",
                term.span,
                f"It counts people, so write a whole number such as `{max(minimum, 5)}`; "
                "with `k` or `m` it may have a decimal point (`1.5k` is 1,500).",
            )
            return None
        if term.value < minimum:
            self.error(
                "VAL004",
                f"`{key}` must be at least {minimum}, found `{term.raw}`",
                term.span,
                f"Write a whole number of {minimum} or more.",
            )
            return None
        return int(term.value)

    def money(self, attr, example="£1.5m") -> Decimal | None:
        term = self.single(attr, nodes.Money, "an amount in pounds", example)
        return term.value if term else None

    def date(self, attr, example="2025-04-01") -> dt.date | None:
        term = self.single(attr, nodes.DateLit, "a date", example)
        return self.date_term(term) if term else None

    def date_term(self, term) -> dt.date | None:
        if not isinstance(term, nodes.DateLit):
            self.error("VAL001", f"expected a date such as `2025-04-01`, found {describe_term(term)}", term.span)
            return None
        try:
            return dt.date.fromisoformat(term.raw)
        except ValueError:
            self.error(
                "VAL002",
                f"`{term.raw}` is not a real date",
                term.span,
                "Dates are written year-month-day, such as `2025-04-01`.",
            )
            return None

    def boolean(self, attr) -> bool | None:
        term = self.single(attr, nodes.Word, "`yes` or `no`", "yes")
        return self.boolean_term(term, attr.key) if term else None

    def boolean_term(self, term, key) -> bool | None:
        from govdsl.model.vocabulary import BOOLEAN_WORDS

        value = BOOLEAN_WORDS.get(term.text.lower()) if isinstance(term, nodes.Word) else None
        if value is None:
            self.error("VAL001", f"`{key}` must be `yes` or `no`", term.span)
        return value

    def choice(self, attr, vocabulary: dict, what: str) -> str | None:
        example = next(iter(vocabulary))
        term = self.single(attr, nodes.Word, article(what), example)
        return self.choice_word(term, vocabulary, what) if term else None

    def choices(self, attr, vocabulary: dict, what: str) -> tuple[str, ...]:
        example = "[" + ", ".join(list(vocabulary)[:2]) + "]"
        out = []
        for word in self.words(attr, example):
            value = self.choice_word(word, vocabulary, what)
            if value:
                out.append(value)
        return tuple(out)

    def choice_word(self, term: nodes.Word, vocabulary: dict, what: str) -> str | None:
        if term.text in vocabulary:
            return term.text
        hint = suggestion_hint(term.text, vocabulary)
        meant = suggest(term.text, vocabulary) if hint else None
        if not hint:
            words = [f"`{w}`" for w in vocabulary]
            if len(words) > 12:
                hint = f"Use one of: {', '.join(words[:12])}, or another word listed in docs/language.md."
            else:  # every vocabulary has two words at least
                hint = f"Use one of: {', '.join(words[:-1])} or {words[-1]}."
        fix = Fix.replace(term.span, meant[0]) if meant else None
        self.error("VAL003", f"`{term.text}` is not a known {what}", term.span, hint, fix=fix)
        return None

    def one_term(self, attr: nodes.Attribute, what: str, example: str) -> nodes.Term | None:
        """The value of a single-valued option given in a block (`from: 2020-01-01` in a seat's block)."""
        if attr.phrase is None:
            self.error("VAL001", f"`{attr.key}` needs {what}", attr.key_span, f"Write it as `{attr.key}: {example}`.")
            return None
        if len(attr.phrase.terms) > 1:
            self.error(
                "VAL001",
                f"`{attr.key}` takes one value, found {len(attr.phrase.terms)}",
                attr.phrase.span,
                f"Write it as `{attr.key}: {example}`.",
            )
            return None
        return attr.phrase.terms[0]


class Sentence:
    """A phrase read as a short sentence: a head, then keyword-led options.

    `ann_hale as chair and non_executive from 2022-07-01` is head `ann_hale`,
    option `as` with [`chair`, `non_executive`] and option `from` with
    [`2022-07-01`]. `options` maps each keyword to its arity: 0 for a flag,
    1 for one term, "and" for one or more terms joined by `and`, "rest" for
    all the terms after it (one at least; the caller reads them).
    """

    def __init__(self, reader: ValueReader, attr: nodes.Attribute, head: int, options: dict, usage: str):
        self.ok = True
        self.head: tuple[nodes.Term, ...] = ()
        self.options: dict[str, list[nodes.Term]] = {}
        self.option_spans: dict[str, object] = {}
        self._read(reader, attr, head, options, usage)

    def _read(self, reader, attr, head, options, usage):
        def fail(message, span, fix=None):
            reader.error("VAL001", message, span, f"Write it as `{usage}`.", fix=fix)
            self.ok = False

        if attr.phrase is None:
            fail(f"`{attr.key}` needs a value", attr.key_span)
            return
        terms = attr.phrase.terms
        if len(terms) < head:
            fail(f"`{attr.key}` is missing part of its value", attr.phrase.span)
            return
        self.head = terms[:head]
        i = head
        while i < len(terms):
            keyword = terms[i]
            if not isinstance(keyword, nodes.Word) or keyword.text not in options:
                suggestion = did_you_mean(keyword.text, options) if isinstance(keyword, nodes.Word) else None
                message = f"unexpected {term_noun(keyword)} in `{attr.key}`"
                if suggestion:
                    message += f"; did you mean `{suggestion}`?"
                fail(message, keyword.span, Fix.replace(keyword.span, suggestion) if suggestion else None)
                return
            if keyword.text in self.options:
                fail(f"`{keyword.text}` is given twice in `{attr.key}`", keyword.span)
                return
            arity = options[keyword.text]
            i += 1
            taken: list[nodes.Term] = []
            if arity == 1:
                if i >= len(terms):
                    fail(f"`{keyword.text}` needs a value after it", keyword.span)
                    return
                taken.append(terms[i])
                i += 1
            elif arity == "rest":
                if i >= len(terms):
                    fail(f"`{keyword.text}` needs a value after it", keyword.span)
                    return
                taken.extend(terms[i:])
                i = len(terms)
            elif arity == "and":
                while True:
                    if i >= len(terms):
                        fail(f"`{keyword.text}` needs a value after it", keyword.span)
                        return
                    taken.append(terms[i])
                    i += 1
                    if i < len(terms) and isinstance(terms[i], nodes.Word) and terms[i].text == "and":
                        i += 1
                        continue
                    break
            self.options[keyword.text] = taken
            self.option_spans[keyword.text] = keyword.span
