"""The vocabulary file: well formed, cited, indexed."""

from __future__ import annotations

import pytest

from eligo.concepts import load_vocabulary_text, vocabulary
from eligo.units import compatible, normalize_unit


def test_every_concept_cites_its_source() -> None:
    missing = [c.id for c in vocabulary() if not c.cite]
    assert missing == []


def test_every_loinc_code_is_indexed_to_its_concept() -> None:
    v = vocabulary()
    for c in v:
        for code in c.loinc:
            assert v.by_loinc[code] == c.id
    assert v.by_loinc["2160-0"] == "creatinine"
    assert v.by_loinc["777-3"] == "platelets"


def test_every_code_passes_its_systems_check() -> None:
    """Vocabulary codes a record could carry must pass patient.normalize_code (check digits)."""
    from eligo.patient import LOINC, SNOMED, normalize_code

    bad = [
        (c.id, system, code)
        for c in vocabulary()
        for system, codes in ((SNOMED, c.snomed), (LOINC, c.loinc))
        for code in codes
        if normalize_code(system, code) != code
    ]
    assert bad == []


def test_snomed_check_digit_is_verhoeff() -> None:
    from eligo.patient import SNOMED, normalize_code

    # valid SCTIDs (Verhoeff check digit last), and the same ids with the last digit changed
    for good in ("22298006", "73211009", "404684003", "11836002", "17920008"):
        assert normalize_code(SNOMED, good) == good
        assert normalize_code(SNOMED, good[:-1] + str((int(good[-1]) + 1) % 10)) is None
    # the ids the vocabulary used to carry for SBP and EHPVO fail the check
    assert normalize_code(SNOMED, "17294005") is None
    assert normalize_code(SNOMED, "371053007") is None
    assert vocabulary()["sbp"].snomed == ("11836002",)
    assert vocabulary()["ehpvo"].snomed == ("17920008",)


def test_synonyms_resolve_to_their_concept() -> None:
    v = vocabulary()
    assert v.lookup_phrase("Hepato-renal syndrome") == "hepatorenal_syndrome"
    assert v.lookup_phrase("platelet count") == "platelets"
    assert v.lookup_phrase("chronic kidney diseases") == "ckd"  # plural of a condition


def test_measured_concepts_have_ucum_units_and_sane_ranges() -> None:
    for c in vocabulary():
        if c.unit:
            assert normalize_unit(c.unit) == c.unit, c.id
        if c.plausible and c.reference:
            assert c.plausible[0] <= c.reference[0] <= c.reference[1] <= c.plausible[1], c.id
        for rule in c.bare_units:
            assert c.unit is not None
            assert compatible(rule.unit, c.unit, c.molar_mass), (c.id, rule.unit)


def test_seed_concepts_exist() -> None:
    v = vocabulary()
    needed = {
        "platelets", "inr", "creatinine", "bilirubin", "albumin", "sodium", "meld", "meld_na",
        "meld3", "child_pugh_class", "child_pugh_points", "pf_ratio", "egfr", "age", "sex",
        "cirrhosis", "liver_tumour", "hcc", "cancer", "pregnancy", "lactation",
        "hepatorenal_syndrome", "aki", "ckd", "sepsis", "gi_bleeding", "sbp", "hiv", "hbv", "hcv",
        "autoimmune_hepatitis", "hvoto", "ehpvo", "ards", "dic", "multi_organ_failure",
        "severe_cardiac_disease", "severe_pulmonary_disease", "norepinephrine",
        "immunosuppressants", "consent", "willing_for_transplant", "life_expectancy",
    }  # fmt: skip
    assert needed <= {c.id for c in v}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("concepts:\n  x: {kind: analyte, colour: red}\n", "unknown keys ['colour']"),
        ("concepts:\n  x: {kind: gizmo}\n", "kind must be one of"),
        (
            "concepts:\n  a: {kind: condition, synonyms: [foo]}\n"
            "  b: {kind: condition, synonyms: [foo]}\n",
            "synonym 'foo' belongs to both a and b",
        ),
        ("concepts:\n  a: {kind: condition, includes: [zz]}\n", "unknown concept 'zz'"),
        ("concepts:\n  a: {kind: condition, defined_by: [zz]}\n", "unknown concept 'zz'"),
        ("[1, 2]\n", "expected a mapping"),
    ],
)
def test_malformed_vocabulary_is_refused(text: str, message: str) -> None:
    with pytest.raises(Exception, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_vocabulary_text(text)


def test_narrower_concepts_are_what_except_may_set_aside() -> None:
    from eligo.concepts import narrower

    v = vocabulary()
    assert narrower(v, "cancer", "hcc")  # included
    assert narrower(v, "cancer", "leukemia")  # C91-C95 inside C
    assert narrower(v, "cancer", "nonmelanoma_skin_cancer")  # C44, set aside by convention
    assert narrower(v, "cirrhosis", "alcoholic_cirrhosis")
    assert not narrower(v, "cancer", "cancer")
    assert not narrower(v, "extrahepatic_malignancy", "cancer")  # covers it all
    assert not narrower(v, "solid_tumour", "cancer")
    assert not narrower(v, "cancer", "cervical_carcinoma_in_situ")  # D06: no malignancy code
    assert not narrower(v, "diabetes", "insulin")  # unrelated kinds
    assert not narrower(v, "immunosuppressants", "tacrolimus")  # drugs: one entry, several
