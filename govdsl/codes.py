"""The catalogue of language-level diagnostic codes.

Every problem the core of govdsl can find before any governance rule runs has
a permanent code here: syntax (`SYN`), files and includes (`SRC`),
declarations (`DCL`), values (`VAL`) and references (`REF`). Governance rules
(`COI`, `DEL`, `SUB`...) document themselves in their own docstrings; see
`govdsl/check/registry.py`.

Each entry follows ruff's rule documentation: a kebab-case name that reads as
"allow <name>", a one-sentence summary, why it matters, an example that
triggers it and how to fix it. `example` and `fix` are short Markdown: any
`.gov` text is in a ```gov fenced block, which `gov_blocks` extracts (the
tests run each example and each fix). Codes that are about whole files
(SRC001, for instance) describe their example in words instead.

`docs/diagnostics.md` is generated from this module by `python -m govdsl.docgen`.
Codes are permanent: never reuse or renumber one.
"""

from __future__ import annotations

import re

import attrs

from govdsl.diagnostics import Severity
from govdsl.loader import MAX_FILE_BYTES, MAX_FILES, MAX_INCLUDE_DEPTH
from govdsl.syntax.parser import MAX_NESTING

CATEGORIES: dict[str, str] = {
    "SYN": "Syntax",
    "SRC": "Files and includes",
    "DCL": "Declarations",
    "VAL": "Values",
    "REF": "References",
    "CFG": "Configuration",
    "SUP": "Suppressions",
}

_GOV_BLOCK = re.compile(r"```gov\n(.*?)```", re.DOTALL)


@attrs.frozen
class CodeDoc:
    """The documentation of one diagnostic code."""

    code: str  # `REF001`
    name: str  # kebab-case, reads as "allow <name>": `undefined-name`
    severity: Severity
    summary: str  # one sentence: what it flags
    explanation: str  # why it matters, in a board secretary's words
    example: str  # Markdown: a ```gov snippet that triggers it, or a description
    fix: str  # Markdown: how to fix it, with the corrected ```gov snippet

    @property
    def category(self) -> str:
        return CATEGORIES[self.code[:3]]

    def gov_blocks(self, field: str) -> tuple[str, ...]:
        """The ```gov snippets of `example` or `fix`, in order."""
        return tuple(_GOV_BLOCK.findall(getattr(self, field)))


def _gov(text: str) -> str:
    return "```gov\n" + text.strip("\n") + "\n```"


_E, _W = Severity.ERROR, Severity.WARNING

_DOCS = (
    # -- syntax ------------------------------------------------------------------------------
    CodeDoc(
        "SYN001",
        "unexpected-character",
        _E,
        "A character that cannot appear in a .gov file outside text in quotes, such as `;`, `$`, a curly "
        "quote, or a colon with a space before it; or a word that starts with a digit but is not a "
        "number, such as `330kg`.",
        "govdsl reads names, numbers, amounts, dates and text in straight double quotes. Any other "
        "character, such as a semicolon, a dollar sign or the curly quotes a word processor "
        "puts in, means the line cannot be read as written, so nothing on it can be trusted. "
        "Text in curly quotes is still read as text, and `quorum : 4` as `quorum: 4`, so that the "
        "lines after the mistake are checked as usual. A number run into letters (`330kg`, "
        "`1.5mn`) is one error over the whole word.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb;
}
"""
        ),
        "Remove the character, or put the text it belongs to in straight double quotes. "
        "Amounts of money are written in pounds (`£18m`), names use only letters, digits and "
        "underscores (`northmoor_icb`), numbers are digits with `k` or `m` for thousands or "
        "millions (`330k`), and text is quoted with `\"`, not `“ ”`.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    CodeDoc(
        "SYN002",
        "unclosed-quote",
        _E,
        "Text in double quotes is not closed before the end of the line.",
        "Text in quotes (a title, a purpose, a description) must start and end on the same line. "
        "If the closing quote is missing, govdsl cannot tell where the text ends, and the words "
        "after it are read as if they were part of the model, which usually causes a further "
        "error on the same line.",
        _gov(
            """
person ann_hale "Dr Ann Hale" {
  contact: "Board secretary
}
"""
        ),
        'Add the closing `"` before the end of the line. To put a double quote inside text, '
        'write it as `\\"`.\n\n'
        + _gov(
            """
person ann_hale "Dr Ann Hale" {
  contact: "Board secretary"
}
"""
        ),
    ),
    CodeDoc(
        "SYN003",
        "unexpected-word-or-symbol",
        _E,
        "A word or symbol is in a place where the layout of a .gov file does not allow it.",
        "A file is a list of declarations (`committee audit \"Audit Committee\" { ... }`) and "
        "includes (`include \"shared.gov\"`), and every line inside a `{ ... }` block reads "
        "`key: value`. The usual causes are a missing colon after a key (also on a later line of "
        "a block, where `population 300k` would otherwise run on to the value above), commas "
        "between lines, an extra `}`, a list whose `]` is missing, a title that is not in quotes, "
        "a stray line between declarations, or a misspelt word such as `inclde` at the start of "
        "a line. The message says what was expected at "
        "that point. Only the first mistake on a line is reported, because the words after it are "
        "usually thrown out of place by it. Where the intent is plain, govdsl reads the line as "
        "intended (`kind icb` as `kind: icb`, a list left open as closed before the `}`), so the "
        "rest of the file is still checked; until it is fixed, the line may not mean what you "
        "intended.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb,
}
"""
        ),
        "Follow the message: add the missing colon, remove the comma or the extra `}`, or close "
        "the list. Put each attribute on its own line; commas only separate the items of a "
        "`[...]` list.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    CodeDoc(
        "SYN004",
        "unexpected-end-of-file",
        _E,
        "The file ends before a `{` block or `[` list is closed, or part way through a declaration.",
        "When a block is never closed, every declaration after it is read as part of it, so a "
        "single missing `}` can hide the rest of the file. The message gives the line where the "
        "unclosed bracket was opened. What the lines after that bracket mean depends on where it "
        "should have been closed, so govdsl reports no other problems after it in that file "
        "(a declaration that seems to have four values for `kind`, say, is only the next "
        "declaration read as part of the open one); they are reported once the bracket is "
        "closed. A declaration cut short at the end of the file, such as a last line reading "
        "only `organisation northmoor_icb`, is reported with the same code, and the declarations "
        "before it are still read.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
"""
        ),
        "Add the missing `}` (or `]`) where the block (or list) ends, before the next "
        "declaration starts.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    # -- files and includes -------------------------------------------------------------------
    CodeDoc(
        "SRC001",
        "missing-path",
        _E,
        "A file or folder named on the command line does not exist.",
        "Nothing was checked for that path, so a clean result would be misleading. The check "
        "stops with exit status 2, which a CI pipeline treats as a failure to run rather than "
        "as problems in the model.",
        "Running `govdsl check northmoor/icb.gov` when the file is called `northmoor/icb_board.gov`, "
        "or when the command is run from a different folder than you expected.",
        "Check the spelling of the path (the hint suggests a close match when there is one) and "
        "the folder you are running the command from. A path is relative to the current folder.",
    ),
    CodeDoc(
        "SRC002",
        "unreadable-file",
        _E,
        "A file exists but could not be read.",
        "The file may hold part of the model, so the result would be incomplete. The check stops "
        "with exit status 2.",
        "A `.gov` file you do not have permission to read, a shortcut (symbolic link) that points "
        "to a file that no longer exists, or a link named `something.gov` that points to a folder.",
        "Make sure the file can be opened by the account running govdsl, repair or remove the "
        "broken link, or name the folder itself rather than a link to it.",
    ),
    CodeDoc(
        "SRC003",
        "not-a-text-file",
        _E,
        "A file given to govdsl is not a plain text file.",
        "A .gov file is plain text. A Word document, PDF, spreadsheet or image cannot be read as "
        "governance, so the check stops with exit status 2 rather than report nonsense.",
        "Running `govdsl check terms-of-reference.docx`, or saving a Word document with a "
        "`.gov` name.",
        "Give govdsl the `.gov` text file instead. To write one, use a plain-text editor (such as "
        "Notepad or Visual Studio Code) and save it with a name ending in `.gov`.",
    ),
    CodeDoc(
        "SRC004",
        "not-utf8-text",
        _E,
        "A file is not saved as UTF-8 text.",
        "govdsl reads files as UTF-8, the standard text encoding that can hold `£`, accents and "
        "any name. A file saved in an older encoding (often called \"ANSI\" or \"Western\") "
        "cannot be read reliably, so the check stops with exit status 2. The message gives "
        "the line and column of the first character that could not be read.",
        "A file containing `limit: £18m` or the name `Zoë` saved by an older Windows editor in "
        "the \"ANSI\" encoding.",
        "Open the file in your editor and save it again with the encoding set to UTF-8 (in "
        "Notepad: *Save as*, then *Encoding: UTF-8*).",
    ),
    CodeDoc(
        "SRC005",
        "no-gov-files",
        _E,
        "No .gov files were given, or a folder given or included has none in it.",
        "With no files, nothing was checked, and \"no problems found\" would be misleading. The "
        "check stops with exit status 2. An `include` of a folder with no .gov files in it is "
        "reported with the same code as a warning, at the include: the rest of the model is read, "
        "but whatever the folder was meant to hold is missing from it.",
        "Running `govdsl check` with no path, or `govdsl check northmoor` when the files in "
        "the `northmoor` folder end in `.txt`; or `include \"places\"` when the `places` folder "
        "is empty.",
        "Name at least one `.gov` file or a folder that contains them (folders are searched, "
        "including their sub-folders, for files ending in `.gov`).",
    ),
    CodeDoc(
        "SRC006",
        "input-too-large",
        _E,
        f"A file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, or a model has more than "
        f"{MAX_FILES:,} files.",
        "These limits protect the computer running govdsl (for example a shared CI service) from "
        "an input that would take too long or too much memory. No real governance model comes "
        "near them; reaching one usually means the wrong file or folder was given. The file (or "
        "the files beyond the limit) is not read, so, like any input that cannot be read, the "
        "check stops with exit status 2.",
        f"A {MAX_FILE_BYTES // (1024 * 1024) + 1} MB export of a whole register pasted into one "
        "`.gov` file, or running govdsl on a whole disk.",
        "Check that the right file or folder was given. If the model really is that large, "
        "split it into several files joined with `include`.",
    ),
    CodeDoc(
        "SRC007",
        "included-file-missing",
        _E,
        "An `include` names a file or folder that does not exist.",
        "Whatever the missing file was meant to declare is not in the model, so names it declares "
        "will also be reported as undeclared elsewhere ([REF001](#ref001-undefined-name)). Each "
        "of those errors has a note pointing back at the include that could not be read, "
        "wherever it is listed.",
        _gov(
            """
include "shared/nationl.gov"
"""
        ),
        "Correct the path. It is relative to the folder of the file that contains the `include` "
        "line, not to the folder you run govdsl from.\n\n"
        + _gov(
            """
include "shared/national.gov"
"""
        ),
    ),
    CodeDoc(
        "SRC008",
        "include-outside-project-folder",
        _E,
        "An `include` reaches a file outside the folder of the files being checked.",
        "A model should be self-contained, so that everyone who checks it (colleagues, auditors, "
        "a CI pipeline) reads the same files. Reaching outside the project folder may read "
        "something different on another computer, or something never meant to be read.",
        _gov(
            """
include "../../other_system/shared.gov"
"""
        ),
        "Move or copy the shared file into the project folder and include it from there. If "
        "reaching outside is intended, run `govdsl check --allow-outside-root`.\n\n"
        + _gov(
            """
include "shared/national.gov"
"""
        ),
    ),
    CodeDoc(
        "SRC009",
        "circular-include",
        _W,
        "Files include each other in a circle.",
        "Each file is read only once, so the model is still complete and correct, which is why "
        "this is a warning. But a circle makes it hard to see which file is the starting point "
        "of the model.",
        "`icb.gov` contains `include \"places.gov\"` and `places.gov` contains "
        "`include \"icb.gov\"`.",
        "Remove one of the two includes. A common layout is one top-level file (`system.gov`) "
        "that includes all the others, which include nothing.",
    ),
    CodeDoc(
        "SRC010",
        "includes-nested-too-deep",
        _E,
        f"Includes are nested more than {MAX_INCLUDE_DEPTH} files deep.",
        "The limit stops a mistaken chain of includes from running on without end. Files beyond "
        "the limit are not read, so the model is incomplete, and names they declare are reported "
        "as undeclared, with a note pointing at this include.",
        f"`a.gov` includes `b.gov`, which includes `c.gov`, and so on for more than "
        f"{MAX_INCLUDE_DEPTH} files.",
        "Flatten the chain: have one top-level file include the others directly, or include a "
        "whole folder with `include \"places\"`.",
    ),
    # -- declarations ---------------------------------------------------------------------------
    CodeDoc(
        "DCL001",
        "unknown-declaration-kind",
        _E,
        "A declaration starts with a word that is not a kind of declaration.",
        "The first word of a declaration says what is being declared: an organisation, a "
        "committee, a person, a place, a delegation and so on. govdsl cannot check or draw "
        "something when it does not know what it is, so the whole declaration is left out of "
        "the model.",
        _gov(
            """
comittee audit "Audit Committee" {
  parent: icb_board
}
"""
        ),
        "Correct the word; the hint suggests the nearest kind. The kinds are listed in "
        "docs/language.md.\n\n"
        + _gov(
            """
committee audit "Audit Committee" {
  parent: icb_board
}

board icb_board "ICB Board" {
  parent: northmoor_icb
}

organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    CodeDoc(
        "DCL002",
        "duplicate-name",
        _E,
        "Two declarations use the same name.",
        "A name is how every other line refers to a body, person or delegation. If two things "
        "share a name, nobody (and no check) can tell which one a seat or delegation means. "
        "Names must be unique across all the files of a model, whatever their kind.",
        _gov(
            """
organisation northmoor "NHS Northmoor ICB" {
  kind: icb
}

system northmoor "Northmoor ICS" {
  icb: northmoor
}
"""
        ),
        "Rename one of them, and update the lines that refer to it.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}

system northmoor "Northmoor ICS" {
  icb: northmoor_icb
}
"""
        ),
    ),
    CodeDoc(
        "DCL003",
        "unknown-attribute",
        _E,
        "A declaration has an attribute that its kind does not accept.",
        "Each kind of declaration accepts a fixed set of attributes. A misspelt attribute (`chiar`, "
        "`qorum`) would otherwise be silently ignored, and the model would lack something you "
        "believe you wrote. The same code is used for a `model:` on anything other than a place "
        "partnership or provider collaborative.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
  sectr: nhs
}
"""
        ),
        "Correct the spelling (the hint suggests the nearest attribute, or lists those accepted), "
        "or remove the line. Every attribute of every kind is listed in docs/language.md.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
  sector: nhs
}
"""
        ),
    ),
    CodeDoc(
        "DCL004",
        "missing-required-attribute",
        _E,
        "A declaration lacks an attribute that its kind requires.",
        "Some facts are essential: what kind of body an organisation is, which body a committee "
        "belongs to, who delegates what to whom. Without them the declaration cannot be placed "
        "in the structure, and later checks would be guessing.",
        _gov(
            """
committee audit "Audit Committee" {
  quorum: 2
}
"""
        ),
        "Add the missing line inside the declaration's block.\n\n"
        + _gov(
            """
committee audit "Audit Committee" {
  parent: northmoor_icb
  quorum: 2
}

organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    CodeDoc(
        "DCL005",
        "repeated-attribute",
        _E,
        "An attribute that may be given only once is given twice in the same block, or an option "
        "of a seat or interest is given both in its line and in its block.",
        "If a committee had two `quorum` lines, nobody could tell which one the terms of "
        "reference mean. Only `seat`, `post`, `interest` and `contribution` may be repeated; "
        "everything else that can have several values takes a list, such as "
        "`partners: [a, b]`. Likewise a seat that says `from 2022-07-01` in its line and "
        "`from: 2023-01-01` in its block has two start dates.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
  kind: nhs_trust
}
"""
        ),
        "Keep one line and remove the other. To give several values, use a list in square "
        "brackets on one line.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    # -- values ---------------------------------------------------------------------------------
    CodeDoc(
        "VAL001",
        "malformed-value",
        _E,
        "A value has the wrong shape for its attribute: a name where a date is needed, two values "
        "where one is expected, or a phrase such as a seat or quorum that is worded differently "
        "from its pattern.",
        "Each attribute expects one shape of value: a name, a list of names, text in quotes, a "
        "number, an amount in pounds, a date or `yes`/`no`. Phrases such as "
        "`seat: ann_hale as chair from 2022-07-01` follow a fixed pattern, and some options only "
        "make sense with others (only a `weighted_majority` has a `threshold`). A value of the "
        "wrong shape cannot be understood, so the attribute is left out of the model. The hint "
        "shows the pattern expected.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
  population: "about a million"
}
"""
        ),
        "Write the value in the shape the hint shows. Numbers may use commas in threes, `_`, `k` "
        "and `m` (`1,020,000`, `1_020_000`, `330k`, `1.02m`), names are written without quotes, "
        "and text goes in double quotes.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
  population: 1.02m
}
"""
        ),
    ),
    CodeDoc(
        "VAL002",
        "impossible-date",
        _E,
        "A date has the right layout but does not exist, such as 30 February.",
        "Dates decide when appointments, delegations and declarations of interest start and end, "
        "and when reviews are due. An impossible date is almost always a typing slip, and "
        "guessing what was meant could put a term of office on the wrong side of a deadline.",
        _gov(
            """
person ann_hale "Dr Ann Hale" {
  no_interests: 2024-02-30
}
"""
        ),
        "Correct the date. Dates are written year-month-day: `2024-02-29` is 29 February 2024.\n\n"
        + _gov(
            """
person ann_hale "Dr Ann Hale" {
  no_interests: 2024-02-29
}
"""
        ),
    ),
    CodeDoc(
        "VAL003",
        "unknown-word",
        _E,
        "A word is not one of the words govdsl knows for that attribute.",
        "Many attributes take a word from a fixed list (kinds of organisation, capacities on a "
        "board, types of interest, decision methods, frequencies). The lists are what the "
        "governance checks understand, so a word outside them, even a sensible one, would mean "
        "nothing to them.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: integrated_care_board
}
"""
        ),
        "Use one of the words listed for that attribute in docs/language.md; the hint suggests "
        "the nearest one when there is one, including the word for a name written out in full "
        "(`icb` for `integrated_care_board`).\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    CodeDoc(
        "VAL004",
        "number-out-of-range",
        _E,
        "A number is not a whole number, or is below the smallest value allowed.",
        "Populations and quorums count people, so `1.5` or `0` cannot be right. A quorum of "
        "zero, for instance, would let a meeting with nobody present take decisions.",
        _gov(
            """
board icb_board "NHS Northmoor ICB Board" {
  parent: northmoor_icb
  quorum: 0
}

organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
        "Give a whole number of at least the minimum (1 for a quorum and a population).\n\n"
        + _gov(
            """
board icb_board "NHS Northmoor ICB Board" {
  parent: northmoor_icb
  quorum: 6
}

organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}
"""
        ),
    ),
    CodeDoc(
        "VAL005",
        "end-before-start",
        _E,
        "A period ends before it starts: a `to` date before its `from` date, `expires` before "
        "`effective`, or `closed` before `established`.",
        "Seats, posts, interests, delegations, pooled funds and forums are in force from their "
        "start to their end, and every check on a date reads them that way. A period that ends "
        "before it starts is never in force, so the seat, post or delegation would silently drop "
        "out of every check. It is almost always a typing slip, or two dates written the wrong "
        "way round.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}

person ann_hale "Dr Ann Hale" {
  post: chair at northmoor_icb from 2022-07-01 to 2020-06-30
}
"""
        ),
        "Correct the date that is wrong, or swap the two if they are the wrong way round. A period "
        "may end on the day it starts.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}

person ann_hale "Dr Ann Hale" {
  post: chair at northmoor_icb from 2022-07-01 to 2026-06-30
}
"""
        ),
    ),
    # -- references -----------------------------------------------------------------------------
    CodeDoc(
        "REF001",
        "undefined-name",
        _E,
        "A name is used that no declaration in the model declares.",
        "A seat, a delegation or a reporting line that names a body or person who is not "
        "declared points at nothing, so the structure has a gap. It is usually a typing slip, or "
        "a file that declares the name was not included. When an `include` could not be read "
        "([SRC007](#src007-included-file-missing)), each of these errors has a note pointing at "
        "it, since the name may be declared in the missing file.",
        _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}

board icb_board "NHS Northmoor ICB Board" {
  parent: northmoor_ibc
}
"""
        ),
        "Correct the spelling (the hint suggests a close match), declare the missing body or "
        "person, or `include` the file that declares it. A name may be declared anywhere in the "
        "model, before or after it is used.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}

board icb_board "NHS Northmoor ICB Board" {
  parent: northmoor_icb
}
"""
        ),
    ),
    CodeDoc(
        "REF002",
        "wrong-kind-of-reference",
        _E,
        "A name refers to the wrong kind of thing for its attribute, such as an organisation "
        "where a person is needed.",
        "Each attribute expects a particular kind of thing: a seat is held by a person, a "
        "committee belongs to an organisation or another forum, a place sits within a system. "
        "Naming something of another kind (often because two names look alike) would put the "
        "wrong thing in the structure, so it is refused.",
        _gov(
            """
person ann_hale "Dr Ann Hale" {
  independent: yes
}

committee audit "Audit Committee" {
  parent: ann_hale
}
"""
        ),
        "Name something of the kind the message asks for; the note shows where the name you "
        "used is declared.\n\n"
        + _gov(
            """
organisation northmoor_icb "NHS Northmoor ICB" {
  kind: icb
}

person ann_hale "Dr Ann Hale" {
  independent: yes
}

committee audit "Audit Committee" {
  parent: northmoor_icb
  seat: ann_hale as chair
}
"""
        ),
    ),
    # -- limits, configuration and suppressions ---------------------------------------------------
    CodeDoc(
        "SYN005",
        "nesting-too-deep",
        _E,
        f"Blocks `{{ }}` or lists `[ ]` are nested more than {MAX_NESTING} deep.",
        "Real governance models need only a few levels of nesting (a declaration, a seat's "
        "details, its terms of reference). Very deep nesting is almost always brackets opened "
        "and never closed, or a file that is not a model at all; govdsl refuses it so that such "
        "a file cannot exhaust the machine. The file is not read.",
        f"A file whose attribute opens {MAX_NESTING + 1} `{{` blocks one inside another, such as "
        "`a: { a: { a: { ...`.",
        "Close each block where it ends; a real model never needs more than a few levels.",
    ),
    CodeDoc(
        "CFG001",
        "configuration-not-understood",
        _E,
        "A setting in `govdsl.toml` (or `[tool.govdsl]` in `pyproject.toml`) is unknown or has a value of the wrong kind.",
        "A mistyped setting would otherwise be ignored without a word, and a rule you meant to "
        "turn off, or a threshold you meant to change, would silently keep its default. govdsl "
        "stops with exit status 2 and checks nothing until the configuration is right.",
        "```toml\n[rules]\nignroe = [\"SUB003\"]\n```",
        "Correct the setting (the message suggests the closest known one); docs/configuration.md "
        "lists every section and setting.\n\n```toml\n[rules]\nignore = [\"SUB003\"]\n```",
    ),
    CodeDoc(
        "SUP001",
        "suppression-without-reason",
        _E,
        "A `# govdsl: allow CODE` comment does not say why the finding is accepted.",
        "A suppression hides a finding from every later reader, so it must carry the reason the "
        "governance lead accepted it: the next person to read the file, or an auditor, needs to "
        "know it was a decision and not an oversight.",
        "The comment `# govdsl: allow SUB001` above a place whose population is outside the band.",
        "Add the reason after `because`: `# govdsl: allow SUB001 because the two places merged in "
        "2024 by agreement of the partners`.",
    ),
    CodeDoc(
        "SUP002",
        "suppression-unused",
        _W,
        "A `# govdsl: allow CODE because ...` comment suppresses nothing.",
        "The finding it was written for has gone (the model changed, or the comment is on the "
        "wrong line), and a stale suppression would silently hide the same finding if it came "
        "back somewhere it is not accepted.",
        "`# govdsl: allow SUB001 because ...` above a place whose population is inside the band.",
        "Remove the comment, or move it to the line (or block) the finding is reported on.",
    ),
    CodeDoc(
        "SUP003",
        "suppression-not-understood",
        _E,
        "A `# govdsl:` comment is not a suppression govdsl understands, or names a code that is not a rule.",
        "A misspelt suppression suppresses nothing, so the finding it was meant for would still "
        "be reported; saying so at once is kinder than a puzzling finding.",
        "`# govdsl: alow SUB001 because ...`, or `# govdsl: allow SUB999 because ...`.",
        "Write `# govdsl: allow CODE because REASON` with a code from `govdsl rules`.",
    ),
)

LANGUAGE_CODES: dict[str, CodeDoc] = {doc.code: doc for doc in sorted(_DOCS, key=lambda d: d.code)}
"""Every language-level code, in code order (DCL, REF, SRC, SYN, VAL)."""


def explain(code: str) -> CodeDoc | None:
    """The documentation of a language-level code (`"REF001"` or `"ref001"`), or None."""
    return LANGUAGE_CODES.get(code.strip().upper())
