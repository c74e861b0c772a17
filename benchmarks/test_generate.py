"""The generator of synthetic models: deterministic, right-sized, and clean at every small scale."""

from __future__ import annotations

import attrs
import pytest

import govdsl
from collections import Counter

from benchmarks.generate import BENCHMARK_DATE, EXPECTED_FINDINGS, SCALES, Scale, generate, generate_files, main, stats
from govdsl.check.engine import check_compilation
from govdsl.config import Config
from govdsl.fmt import format_source


@pytest.mark.parametrize("scale", ["place", "system"])
def test_small_scales_compile_without_diagnostics(scale):
    compilation = govdsl.load_text(generate(scale), f"{scale}.gov")
    assert compilation.diagnostics == ()
    model = compilation.model
    assert len(model.people) >= SCALES[scale].people
    assert len(model.delegations) == SCALES[scale].delegations
    assert len(model.decisions) == SCALES[scale].decisions
    seated = {seat.person for seat in model.seats()}
    assert seated == {p.id for p in model.people}  # everyone sits somewhere


ODD_SCALES = {
    "minimal": Scale(systems=1, places=1, neighbourhoods=1, trusts=1, upper_tier_councils=1, people=1,
                     delegations=1, decisions=0, practices_per_neighbourhood=0, vcse_per_place=0),
    "two-tier-with-subsystems": Scale(systems=2, subsystems=3, places=7, neighbourhoods=9, trusts=3,
                                      upper_tier_councils=3, district_councils=9, people=50, delegations=30,
                                      decisions=40),
    "many-small-systems": Scale(systems=9, places=9, neighbourhoods=9, trusts=9, upper_tier_councils=9,
                                people=0, delegations=9, decisions=9, practices_per_neighbourhood=1),
}


@pytest.mark.parametrize("scale", list(ODD_SCALES.values()), ids=list(ODD_SCALES))
def test_unusual_scales_compile_without_diagnostics(scale):
    compilation = govdsl.load_text(generate(scale, seed=5), "odd.gov")
    assert compilation.diagnostics == ()
    tiers = [t.kind for t in compilation.model.tiers]
    assert tiers.count("system") == scale.systems
    assert tiers.count("place") == scale.places
    assert tiers.count("neighbourhood") == scale.neighbourhoods


def test_generation_is_deterministic():
    assert generate("system", seed=1) == generate("system", seed=1)
    assert generate("system", seed=1) != generate("system", seed=2)


def test_split_files_make_the_same_model(tmp_path):
    files = generate_files(ODD_SCALES["two-tier-with-subsystems"])
    assert list(files)[0] == "national.gov"
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    from_files = govdsl.load([tmp_path])
    assert from_files.diagnostics == ()
    assert len(files) == 3  # national.gov and one file per system
    assert from_files.model == govdsl.load_text(generate(ODD_SCALES["two-tier-with-subsystems"]), "one.gov").model


def test_the_national_scale_is_the_size_of_england():
    counts = stats(generate("national"))
    assert counts["system"] == 42
    assert counts["place"] + counts["subsystem"] == 200
    assert counts["neighbourhood"] == 1250
    assert counts["integrated_care_partnership"] == 42
    assert counts["health_and_wellbeing_board"] == 150
    forums = sum(counts[k] for k in ("board", "committee", "subcommittee", "place_partnership",
                                      "provider_collaborative", "integrated_care_partnership",
                                      "health_and_wellbeing_board"))
    assert forums >= 3000
    assert counts["person"] == 20_000
    assert counts["delegation"] == 10_000
    assert counts["decision"] == 5_000
    assert counts["seat"] >= 20_000
    assert counts["interest"] >= 10_000


def test_the_system_scale_is_a_few_thousand_lines():
    assert 3_000 <= stats(generate("system"))["lines"] <= 12_000


def test_command_line(tmp_path, capsys):
    assert main(["--scale", "place", "--stats"]) == 0
    out, err = capsys.readouterr()
    assert out == generate("place")
    assert "person" in err
    assert main(["--scale", "place", "--people", "200", "--out", str(tmp_path / "p.gov")]) == 0
    assert govdsl.load([tmp_path / "p.gov"]).diagnostics == ()
    assert main(["--scale", "system", "--split", "--out", str(tmp_path / "split")]) == 0
    assert sorted(p.name for p in (tmp_path / "split").iterdir())[0] == "national.gov"


def test_scale_can_be_changed_with_evolve():
    scale = attrs.evolve(SCALES["place"], neighbourhoods=3)
    assert stats(generate(scale))["neighbourhood"] == 3


@pytest.mark.parametrize("scale", sorted(EXPECTED_FINDINGS))
def test_named_scales_are_in_fmt_layout_with_delegations_in_force(scale):
    text = generate(scale)
    assert format_source(text, f"{scale}.gov") == text
    model = govdsl.load_text(text, f"{scale}.gov").model
    in_force = [
        d for d in model.delegations
        if (d.start is None or d.start <= BENCHMARK_DATE) and (d.end is None or BENCHMARK_DATE <= d.end)
    ]
    assert len(in_force) >= len(model.delegations) // 30 > 0


@pytest.mark.parametrize("scale", sorted(EXPECTED_FINDINGS))
def test_named_scales_carry_the_findings_the_generator_documents(scale):
    compilation = govdsl.load_text(generate(scale), f"{scale}.gov")
    found = Counter(d.code for d in check_compilation(compilation, Config(), BENCHMARK_DATE))
    assert dict(found) == EXPECTED_FINDINGS[scale]
