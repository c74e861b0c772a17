"""One pipeline: `govdsl.check` applies the configuration, the suppressions and the gating on
errors, and `check`, `whatif` and the language server all go through it, so they agree."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

import govdsl
from govdsl.cli.main import main
from govdsl.diagnostics import Severity
from govdsl.lsp.analysis import Project
from govdsl.whatif import removal_for, what_if

RENDER = Path(__file__).resolve().parent.parent / "render"
ON = dt.date(2026, 7, 1)
BILL_ON_THE_BOARD = "  seat: bill as partner_member_trusts for fen_hospitals\n"
# GOV005 made info, the statutory-composition category switched off and a threshold changed;
# with the configuration, the place committee's missing terms (GOV004) are suppressed in the file.
SUPPRESSION = "# govdsl: allow GOV004 because its terms are being drafted\n"
CONFIG = """\
[rules]
ignore = ["STAT"]
severity = { GOV005 = "info" }

[thresholds]
system_population = [2_000_000, 3_000_000]
"""


def project(tmp_path: Path, name: str, *, bill: bool = True, config: bool = True) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    text = (RENDER / "model.gov").read_text(encoding="utf-8")
    if not bill:
        assert BILL_ON_THE_BOARD in text
        text = text.replace(BILL_ON_THE_BOARD, "")
    (folder / "national.gov").write_text((RENDER / "national.gov").read_text(encoding="utf-8"), encoding="utf-8")
    if config:
        assert "\ncommittee north_committee " in text
        text = text.replace("\ncommittee north_committee ", "\n" + SUPPRESSION + "committee north_committee ")
        (folder / "govdsl.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "model.gov").write_text(text, encoding="utf-8")
    return folder


def triples(diagnostics):
    return sorted((d.code, d.severity.label, d.span.start if d.span else -1) for d in diagnostics)


@pytest.fixture
def configured(tmp_path):
    return project(tmp_path, "configured")


def test_the_configuration_is_applied(tmp_path, configured):
    plain = govdsl.check([project(tmp_path, "plain", config=False)], as_of=ON)
    result = govdsl.check([configured], as_of=ON)
    assert result.checked and result.usable and result.config.path.endswith("govdsl.toml")
    assert any(d.code.startswith("STAT") for d in plain.diagnostics)
    assert not any(d.code.startswith("STAT") for d in result.diagnostics)
    assert "SUB001" in {d.code for d in result.diagnostics} - {d.code for d in plain.diagnostics}  # 1.1m < 2m
    assert "GOV004" in {d.code for d in plain.diagnostics}
    assert "GOV004" not in {d.code for d in result.diagnostics}  # suppressed


def test_check_command_reports_what_the_pipeline_finds(configured, capsys):
    main(["check", str(configured), "--as-of", ON.isoformat(), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    result = govdsl.check([configured], as_of=ON)
    assert sorted((d["code"], d["severity"]) for d in data["diagnostics"]) == sorted(
        (d.code, d.severity.label) for d in result.diagnostics
    )


def test_language_server_reports_what_check_reports(configured):
    editor = Project(configured)
    editor.compile(as_of=ON)
    assert triples(editor.diagnostics) == triples(govdsl.check([configured], as_of=ON).diagnostics)


def test_whatif_judges_findings_with_the_configuration(tmp_path, configured):
    before = govdsl.check([configured], as_of=ON)
    after = govdsl.check([project(tmp_path, "after", bill=False)], as_of=ON)

    def findings(diagnostics):
        return Counter((d.code, d.severity, d.message) for d in diagnostics if not d.code.startswith("SUP"))

    removal = removal_for(before.model, vacant=["icb_board:bill"])
    result = what_if(before.model, removal, before.config, before.as_of, findings=before.findings_for)
    assert findings(result.introduced) == findings(after.diagnostics) - findings(before.diagnostics)
    gov005 = [d for d in result.introduced if d.code == "GOV005"]
    assert gov005 and all(d.severity is Severity.INFO for d in gov005)  # lowered by the configuration
    assert not any(d.code.startswith("STAT") for d in result.introduced)  # ignored by the configuration


def test_a_configuration_with_problems_stops_the_rules_everywhere(tmp_path, capsys):
    folder = project(tmp_path, "broken", config=False)
    (folder / "govdsl.toml").write_text('[rules]\nignore = ["NOPE001"]\n', encoding="utf-8")
    result = govdsl.check([folder], as_of=ON)
    assert not result.checked and not result.usable
    assert [d.code for d in result.config_problems] == ["CFG001"]
    editor = Project(folder)
    editor.compile(as_of=ON)
    assert triples(editor.diagnostics) == triples(result.diagnostics)
    assert main(["check", str(folder)]) == 2
    assert main(["whatif", str(folder), "--remove", "bill"]) == 2
    assert main(["render", str(folder)]) == 2
    assert "CFG001" in capsys.readouterr().err


def test_compile_leaves_the_rules_out(configured):
    compiled = govdsl.compile([configured], as_of=ON)
    assert not compiled.checked
    assert compiled.diagnostics == compiled.compilation.diagnostics
    assert govdsl.check([configured], as_of=ON).compilation.model == compiled.model


def test_the_function_is_not_replaced_by_the_rules_package():
    import govdsl.check.rules.conflicts  # noqa: F401  (a submodule imported after the package)

    assert callable(govdsl.check) and govdsl.check is govdsl.api.check
