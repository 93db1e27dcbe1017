"""``eligo import``: ClinicalTrials.gov records → trial YAML drafts.

What a user relies on: the draft loads and passes ``eligo check`` apart from the lines the
compile report lists as partly read; bullets are verbatim and in registry order; nested items
follow the corpus rule; importing again gives the same bytes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import CRITERIA, ROOT, shared_path
from eligo.ctgov import (
    RecordImportError,
    _scalar,
    compile_report,
    from_study,
    read_record,
    split_criteria,
    to_yaml,
)
from eligo.trial import check_trial, load_trial

FIXTURES = ROOT / "tests" / "data" / "ctgov"
RECORDS = sorted(FIXTURES.glob("*.json"))
ELIGO = Path(sys.executable).parent / "eligo"


def _draft(tmp_path: Path, record: Path) -> Path:
    out = tmp_path / f"{record.stem}.yaml"
    out.write_text(to_yaml(read_record(record)), "utf-8")
    return out


def _texts(trial_yaml: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(trial_yaml.read_text("utf-8"))
    return {
        kind: [x if isinstance(x, str) else x["text"] for x in data.get(kind) or []]
        for kind in ("inclusion", "exclusion")
    }


def test_fixtures_are_shipped() -> None:
    assert len(RECORDS) >= 5


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_import_passes_check_apart_from_reported_unread_lines(tmp_path: Path, record: Path) -> None:
    draft = _draft(tmp_path, record)
    trial, problems = check_trial(draft)
    assert trial is not None and problems == []
    _, unread = check_trial(draft, report_unread=True)
    assert all("not understood" in str(p) for p in unread)
    text = draft.read_text("utf-8")
    flagged = re.findall(r"^  # ([IE]\d+) partly read", text, re.M)
    assert sorted(flagged) == sorted(str(p).split(": ")[1] for p in unread)
    header = re.search(r"Compile report: (\d+) of (\d+) lines read in full, (\d+) partly", text)
    assert header and int(header.group(3)) == len(unread)


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_reimport_is_byte_stable(tmp_path: Path, record: Path) -> None:
    first = to_yaml(read_record(record))
    assert to_yaml(read_record(record)) == first
    assert _draft(tmp_path, record).read_bytes() == first.encode("utf-8")


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_yaml_reads_back_as_the_imported_lines(tmp_path: Path, record: Path) -> None:
    imported = read_record(record)
    texts = _texts(_draft(tmp_path, record))
    assert texts == {"inclusion": list(imported.inclusion), "exclusion": list(imported.exclusion)}


@pytest.mark.parametrize("nct", ["NCT04243681", "NCT07131306"])
def test_import_reproduces_the_hand_authored_trial_texts(tmp_path: Path, nct: str) -> None:
    """The seed trials under criteria/ hold the registry bullets verbatim: import matches them."""
    draft = _draft(tmp_path, FIXTURES / f"{nct}.json")
    assert _texts(draft) == _texts(CRITERIA / f"{nct}.yaml")
    imported, authored = load_trial(draft), load_trial(CRITERIA / f"{nct}.yaml")
    assert imported.population == authored.population
    assert imported.title == authored.title or nct == "NCT07131306"  # seed title differs by a space


def test_population_from_the_structured_fields() -> None:
    imp = read_record(FIXTURES / "NCT01801332.json")
    assert imp.population == {
        "min_age": "18 years",
        "max_age": "75 years",
        "sex": "all",
        "healthy_volunteers": False,
    }
    trial = load_trial(_write(imp))
    assert [c.id for c in trial.criteria[:1]] == ["age"]


def _write(imp: object) -> Path:
    import tempfile

    from eligo.ctgov import Imported

    assert isinstance(imp, Imported)
    f = Path(tempfile.mkdtemp()) / "t.yaml"
    f.write_text(to_yaml(imp), "utf-8")
    return f


def test_markdown_escapes_are_kept_verbatim() -> None:
    imp = read_record(FIXTURES / "NCT03493204.json")
    assert "Estimated life expectancy \\< 3 months" in imp.exclusion
    assert imp.inclusion[-1].startswith("3\\) At least one of the following:")


def test_nested_items_join_their_parent_per_the_corpus_rule() -> None:
    imp = read_record(FIXTURES / "NCT05061992.json")
    parent = "Diagnosis of cirrhosis - must meet one of the following criteria:"
    assert imp.inclusion[0] == f"{parent} liver biopsy, OR"
    assert imp.inclusion[3] == (
        f"{parent} 2 of the following 4 criteria: Fibroscan liver stiffness score "
        "\\>13 Kilopascal (kPa)"
    )
    assert len(imp.inclusion) == 6 and len(imp.exclusion) == 8


def test_alternatives_screening_reads_as_a_group_are_noted() -> None:
    text = to_yaml(read_record(FIXTURES / "NCT05061992.json"))
    assert "# Note: I1–I6 are alternatives in the registry" in text
    assert "screening reads them as one group" in text
    assert "Warning" not in text and "starts a group of alternatives" not in text


def test_alternatives_screening_cannot_group_are_flagged() -> None:
    # "history of" changes what each item means: the lines are not read as one group
    criteria = (
        "Inclusion Criteria:\n\n* History of one of the following:\n"
        "  1. myocardial infarction\n  2. stroke\n\nExclusion Criteria:\n\n* Pregnancy\n"
    )
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT00000001"},
            "eligibilityModule": {"eligibilityCriteria": criteria},
        }
    }
    text = to_yaml(from_study(study))
    assert "# Warning: I1–I2 are alternatives in the registry" in text
    assert "  # I1 starts a group of alternatives" in text


def test_header_says_draft_and_counts() -> None:
    text = to_yaml(read_record(FIXTURES / "NCT04243681.json"))
    assert text.startswith("# Draft imported from the ClinicalTrials.gov record NCT04243681")
    unread = len(compile_report(read_record(FIXTURES / "NCT04243681.json")))
    assert f"Compile report: {15 - unread} of 15 lines read in full, {unread} partly read." in text


# ------------------------------------------------------------------ splitting registry text


def test_legacy_textblock_unwraps_and_keeps_numbered_items() -> None:
    split = split_criteria(
        """Inclusion criteria:

    1. Patients with liver cirrhosis, that is histologically proven in a previous liver
       biopsy.

    2. Locally advanced or metastatic (American Joint Committee on Cancer [AJCC] stage
       IV) disease

  Exclusion criteria:

    1. Pregnant or breast feeding females
"""
    )
    assert split.inclusion == (
        "Patients with liver cirrhosis, that is histologically proven in a previous liver biopsy.",
        "Locally advanced or metastatic (American Joint Committee on Cancer [AJCC] stage IV) "
        "disease",
    )
    assert split.exclusion == ("Pregnant or breast feeding females",)


def test_parent_without_colon_keeps_children_as_lines() -> None:
    split = split_criteria(
        "Inclusion Criteria:\n\n* Confirmed carcinoma of the breast\n"
        "  * Unresectable disease\n* Measurable disease\n"
    )
    assert split.inclusion == (
        "Confirmed carcinoma of the breast",
        "Unresectable disease",
        "Measurable disease",
    )


def test_flattened_page_text_is_split_at_headers_and_bullets() -> None:
    split = split_criteria(
        "Inclusion Criteria: * Age 18 or older * Cirrhosis Exclusion Criteria: * INR \\>2"
    )
    assert split.inclusion == ("Age 18 or older", "Cirrhosis")
    assert split.exclusion == ("INR \\>2",)


def test_subgroup_headers_stay_lines_and_switch_section() -> None:
    split = split_criteria(
        "Inclusion criteria for T2DM\n\n  -  Diagnosis of T2DM\n\n"
        "Exclusion criteria for all subjects:\n\n  -  Type 1 Diabetes\n"
    )
    assert split.inclusion == ("Inclusion criteria for T2DM", "Diagnosis of T2DM")
    assert split.exclusion == ("Exclusion criteria for all subjects", "Type 1 Diabetes")


def test_text_without_headers_is_listed_under_inclusion_with_a_note() -> None:
    split = split_criteria("- Age over 18\n- No HIV\n")
    assert split.inclusion == ("Age over 18", "No HIV") and split.exclusion == ()
    assert "headers" in split.notes[0]


def _unescape(s: str) -> str:
    return re.sub(r"\\([<>\[\]*_()=+-])", r"\1", s)


def test_every_corpus_trial_splits_as_the_corpus_did() -> None:
    """76 real registry texts: the split equals the corpus lines (which dropped escapes)."""
    corpus = shared_path("corpus")
    files = sorted(corpus.glob("NCT*.yaml"))
    assert files
    for f in files:
        data = yaml.safe_load(f.read_text("utf-8"))
        split = split_criteria(data["raw_criteria"])
        assert [_unescape(x) for x in split.inclusion] == (data.get("inclusion") or []), f.name
        assert [_unescape(x) for x in split.exclusion] == (data.get("exclusion") or []), f.name


def test_plain_text_file_import(tmp_path: Path) -> None:
    imp = read_record(FIXTURES / "NCT00089570.txt")
    assert imp.id == "NCT00089570" and imp.source == "https://clinicaltrials.gov/study/NCT00089570"
    assert imp.inclusion[0] == "Chronic, or acute liver disease"
    assert len(imp.inclusion) == 5 and len(imp.exclusion) == 9
    f = tmp_path / "criteria.txt"
    f.write_text("Inclusion Criteria:\n* Age 18 or older\n", "utf-8")
    named = read_record(f)
    assert named.id == "criteria" and any("file name" in n for n in named.notes)
    assert read_record(f, "NCT00000001").id == "NCT00000001"


# ------------------------------------------------------------------ errors


def test_not_a_study_record(tmp_path: Path) -> None:
    f = tmp_path / "x.json"
    f.write_text('{"a": 1}', "utf-8")
    with pytest.raises(RecordImportError, match="protocolSection"):
        read_record(f)


def test_page_with_several_studies_is_refused() -> None:
    study = json.loads((FIXTURES / "NCT04243681.json").read_text("utf-8"))
    with pytest.raises(RecordImportError, match="2 studies"):
        from_study({"studies": [study, study]})
    assert from_study({"studies": [study]}).id == "NCT04243681"


def test_record_without_criteria_text() -> None:
    with pytest.raises(RecordImportError, match="eligibilityCriteria"):
        from_study({"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}})


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "x.json"
    f.write_text('{"protocolSection": \n', "utf-8")
    with pytest.raises(RecordImportError, match="line 2 column 1"):
        read_record(f)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_scalar_reads_back_exactly(value: str) -> None:
    value = " ".join(value.split())
    if not value:
        return
    assert yaml.safe_load(f"- {_scalar(value)}") == [value]


# ------------------------------------------------------------------ command line


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ELIGO), *args], capture_output=True, text=True, timeout=120)


def test_cli_import_to_stdout_and_file(tmp_path: Path) -> None:
    record = str(FIXTURES / "NCT07131306.json")
    out = run("import", record)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# Draft imported")
    unread = len(compile_report(read_record(record)))
    assert f"{unread} partly read" in out.stderr
    target = tmp_path / "NCT07131306.yaml"
    assert run("import", record, "-o", str(target)).returncode == 0
    assert target.read_text("utf-8") == out.stdout
    assert run("import", record, "-o", str(target)).returncode == 0  # same bytes: fine
    check = run("check", str(target))
    assert check.returncode == (1 if unread else 0)  # a partly read line is a check problem
    assert check.stderr.count("not understood") == unread


def test_cli_import_does_not_overwrite_a_reviewed_draft(tmp_path: Path) -> None:
    record = str(FIXTURES / "NCT07131306.json")
    target = tmp_path / "t.yaml"
    target.write_text("id: edited\n", "utf-8")
    out = run("import", record, "-o", str(target))
    assert out.returncode == 2 and "--force" in out.stderr
    assert target.read_text("utf-8") == "id: edited\n"
    assert run("import", record, "-o", str(target), "--force").returncode == 0


def test_cli_import_errors_are_one_line(tmp_path: Path) -> None:
    out = run("import", str(tmp_path / "missing.json"))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0
