"""Rule fixtures: each `.gov` file says which codes it must produce (`# expect: CODE`).

A fixture with no `# expect:` line must produce no diagnostics at all; that is
how a rule's silent cases are written.
"""

from __future__ import annotations

import pytest

from tests.rules.harness import FIXTURES, check_path, codes, expected_codes, fixture_as_of

CASES = sorted(FIXTURES.glob("*.gov"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_reports_exactly_what_it_expects(path):
    text = path.read_text(encoding="utf-8")
    found = codes(check_path(path, fixture_as_of(text)))
    assert found == expected_codes(text)
