"""Vocabulary breadth (issue 4): real registry lines the added concepts make readable, and codes.

Every line below is quoted verbatim from ``../shared/corpus`` (ClinicalTrials.gov criteria; the
trial id is in the comment).  Each is read by the concepts added for issue 4 — analytes with
UCUM units and bare-number rules, performance scores, conditions with ICD-10-CM prefixes, drug
classes with ATC prefixes, procedures and investigator-recorded facts — and compiles to the
canonical rule a clinician would write.  The code checks pin the identifiers records are matched
by (LOINC, ICD-10-CM, ATC), so a typo in the vocabulary cannot silently stop matching.
"""

from __future__ import annotations

from datetime import date

import pytest

from eligo import lexer
from eligo.concepts import vocabulary
from eligo.evaluate import evaluate
from eligo.logic import Truth
from eligo.lookup import RecordView
from eligo.parse import compile_rule, compile_text
from eligo.record import Condition, Medication, Observation, Procedure, Record
from eligo.render import render
from eligo.units import compatible, known_unit

# (verbatim corpus line, section, canonical rule)
LINES = [
    # -- labs and vitals: new analytes, UCUM units, bare-number rules
    ("Hemoglobin > 9 g/dL", "inclusion", "hemoglobin > 9 g/dL"),  # NCT00559507
    ("Absolute neutrophil count ≥ 1,500/mcL", "inclusion", "anc >= 1500 /uL"),  # NCT00559507
    ("Absolute neutrophil count >0.75 × 10^9/L", "inclusion", "anc > 0.75 10*9/L"),
    ("Absolute Neutrophil Count < 500/mm³", "exclusion", "anc < 500 /uL"),  # NCT03869073
    ("CD4 count < 50/mm³", "exclusion", "cd4 < 50 /uL"),  # NCT03869073
    ("Body weight ≥ 40 kg", "inclusion", "body_weight >= 40 kg"),  # NCT01217749
    (
        "Lean body weight 38.0-96.0 kg at the time of screening",  # NCT02521181
        "inclusion",
        "lean_body_weight >= 38 kg and lean_body_weight <= 96 kg",
    ),
    ("No QTc interval ≥ 500 msecs", "inclusion", "not qtc >= 500 ms"),  # NCT00559507
    ("Left ventricular ejection fraction > 50%;", "inclusion", "lvef > 50 %"),  # NCT03928158
    (
        "Systolic blood pressure < 110 mmHg or > 180 mmHg;",  # NCT03928158
        "exclusion",
        "systolic_bp < 110 mm[Hg] or systolic_bp > 180 mm[Hg]",
    ),
    ("Resting heart rate > 100 bpm", "exclusion", "heart_rate > 100 /min"),
    ("Potassium concentration >5.2 mmol/L.", "exclusion", "potassium > 5.2 mmol/L"),
    (
        "Must have a fasting plasma glucose concentration ≤ 200 mg/dl, and HbA1C ≤ 10%",
        "inclusion",  # NCT01165268
        "fasting_glucose <= 200 mg/dL and hba1c <= 10 %",
    ),
    ("Subject has a FPG of less than 10.0 mmol/l", "inclusion", "fasting_glucose < 10 mmol/L"),
    (
        "Subject has a HbA1c level above 7.0% and less than 9.0% at screening",
        "inclusion",
        "hba1c > 7 % and hba1c < 9 %",
    ),
    ("Hemoglobin A1c (HbA1c) <7% or >11%.", "exclusion", "hba1c < 7 % or hba1c > 11 %"),
    ("Hemoglobin A1C > 12 (within past year)", "exclusion", "hba1c > 12 % within 1 year"),
    ("Body Mass Index ≤ 45.0 kg/m2", "inclusion", "bmi <= 45 kg/m2"),  # NCT02551874
    (
        "Subject has a Body Mass Index (BMI) more than or equal to 18.5 and less than 28.0 kg/m2",
        "inclusion",
        "bmi >= 18.5 kg/m2 and bmi < 28 kg/m2",
    ),
    (
        "Cockcroft-Gault GFR values ≥40 mL/min and ≤90mL/min at screening",  # NCT00086346
        "inclusion",
        "creatinine_clearance >= 40 mL/min and creatinine_clearance <= 90 mL/min",
    ),
    ("Alanine transaminase (ALT): ≤ 3 x the ULN.", "inclusion", "alt <= 3 x ULN"),  # NCT01857115
    (
        "ALT or AST levels > 5xULN, Alkaline Phosphatase > 2xULN",  # NCT01909778
        "exclusion",
        "alt > 5 x ULN or ast > 5 x ULN or alp > 2 x ULN",
    ),
    (
        "Prothrombin time activity < 40% or prothrombin time international ratio > 1.5；",
        "inclusion",  # NCT03920618
        "prothrombin_activity < 40 % or inr > 1.5",
    ),
    ("Portal pressure greater than equal to (≥)10 mmHg.", "inclusion", "hvpg >= 10 mm[Hg]"),
    ("HBV DNA ≤ 1000 IU/mL at the time of screening", "inclusion", "hbv_dna <= 1000 [IU]/mL"),
    # -- scores
    ("ECOG performance status of 0-2", "inclusion", "ecog >= 0 and ecog <= 2"),  # NCT00516165
    (
        "Eastern Cooperative Oncology Group performance status of 0 to 2",
        "inclusion",
        "ecog >= 0 and ecog <= 2",
    ),
    (
        "Eastern Cooperative Oncology Group (ECOG) performance status (PS) ≤ 2 "
        "(Karnofsky PS 60-100%)",  # NCT00559507
        "inclusion",
        "ecog <= 2 or (karnofsky >= 60 % and karnofsky <= 100 %)",
    ),
    ("Gorelick score ≤ 3", "exclusion", "gorelick_score <= 3"),  # NCT01234883
    ("Child-Pugh's scores > 13", "exclusion", "child_pugh_points > 13"),  # NCT01112852
    (
        "Participants with ACLF grade 2 and above according to the criteria published by Moreau",
        "exclusion",  # NCT06223893
        "aclf_grade >= 2",
    ),
    (
        "Chronic heart failure NYHA class III or IV",  # NCT06855056
        "exclusion",
        "nyha_class = III or nyha_class = IV",
    ),
    # -- conditions
    ("Cardiac failure", "exclusion", "heart_failure"),  # NCT00108355
    ("Organic renal disease", "exclusion", "kidney_disease"),  # NCT00108355
    ("Known history of HIV seropositivity", "exclusion", "history of hiv"),  # NCT00516165
    ("Active, bleeding diathesis", "exclusion", "bleeding_diathesis"),  # NCT00516165
    ("No known brain metastases", "inclusion", "not brain_metastases"),  # NCT00559507
    ("No diffuse pontine gliomas", "inclusion", "not diffuse_pontine_glioma"),  # NCT00679354
    (
        "Patients with stroke or transient ischemic attack (TIA) within the last 3 months",
        "exclusion",
        "stroke within 3 months or tia within 3 months",
    ),
    ("Diagnosis of T2DM", "inclusion", "type2_diabetes"),  # NCT01165268
    ("Subject has type 1 diabetes mellitus", "exclusion", "type1_diabetes"),
    (
        "Participant has been diagnosed with chronic respiratory insufficiency.",  # NCT01842581
        "exclusion",
        "chronic_respiratory_failure",
    ),
    (
        "Intestinal obstruction or inflammatory bowel disease.",  # NCT01842581
        "exclusion",
        "intestinal_obstruction or inflammatory_bowel_disease",
    ),
    ("Evidence of chronic obstructive pulmonary disease", "exclusion", "copd"),  # NCT01887717
    ("Known renal or hepatic dysfunction", "exclusion", "renal_failure or hepatic_impairment"),
    ("Unstable angina.", "exclusion", "unstable_angina"),  # NCT02442531
    ("Stroke within 6 months prior to Cycle 1 Day 1.", "exclusion", "stroke within 6 months"),
    ("Fulminant hepatic failure", "exclusion", "acute_liver_failure"),
    ("Patient with Wilson disease.", "exclusion", "wilson_disease"),  # NCT03799770
    ("Subjects must be documented as non-cirrhotic.", "inclusion", "not cirrhosis"),
    ("History of tuberculosis infection.", "exclusion", "history of tuberculosis"),
    ("Current smoker", "exclusion", "tobacco_use"),  # NCT02654665
    ("History of ketoacidosis", "exclusion", "history of diabetic_ketoacidosis"),
    (
        "No evidence of active infection as determined by the investigator.",
        "inclusion",
        "not active_infection",
    ),
    # -- drugs, procedures, facts
    (
        "accepted primary prevention (non-selective beta blockers or endoscopic variceal "
        "ligation);",
        "exclusion",
        # "accepted" is "received": at any time (test_grammar SAFETY)
        "history of nonselective_beta_blockers or history of variceal_ligation",
    ),
    ("Continuous renal replacement therapy", "exclusion", "dialysis"),  # NCT03798600
    ("Prior liver transplant", "exclusion", "history of liver_transplant"),  # NCT02576509
    ("Previous stem cell transplantation", "exclusion", "history of stem_cell_transplant"),
    ("History of bariatric surgery", "exclusion", "history of bariatric_surgery"),  # NCT01801332
    (
        "Major surgery within 4 weeks before first dose of study drug",  # NCT01217749
        "exclusion",
        "major_surgery within 4 weeks",
    ),
    (
        "Patients with TIPS or other surgical porto-caval shunts",  # NCT06855056
        "exclusion",
        "history of tips or history of portosystemic_shunt",
    ),
    # ("On a transplant list", NCT01887717, names any organ's list: unread, see SAFETY in
    # test_grammar.py)
    (
        "Patients with end-stage liver disease who require liver transplantation",
        "inclusion",  # NCT03865966
        "end_stage_liver_disease and liver_transplant_candidate",
    ),
    (
        "Known hypersensitivity to any content of the study drug",  # NCT01909778
        "exclusion",
        "study_drug_hypersensitivity",
    ),
    (
        # NCT01887717 lists it among exclusions, where a leading "No" is ambiguous and the
        # line stays unread (test_grammar SAFETY); as a requirement it reads:
        "No participation in concurrent clinical trials",
        "inclusion",
        "not other_trial_participation",
    ),
    (
        "Participation in another interventional drug study within previous 1 month",
        "exclusion",  # NCT03869073
        "other_trial_participation within 1 month",
    ),
    (
        "Current participation in another interventional research study",  # NCT02521181
        "exclusion",
        "other_trial_participation",
    ),
]


@pytest.mark.parametrize(("text", "kind", "rule"), LINES)
def test_corpus_line_compiles_to_canonical_rule(text: str, kind: str, rule: str) -> None:
    compiled = compile_text(text, kind)  # type: ignore[arg-type]
    assert render(compiled.rule) == rule
    assert compiled.understood, [u.text for u in compiled.unparsed]
    assert compile_rule(rule) == compiled.rule  # the canonical rule round-trips


def test_enough_corpus_lines_are_pinned() -> None:
    assert len(LINES) >= 40


# -- codes records are matched by --------------------------------------------------------------

LOINC = {
    "1742-6": "alt",
    "1920-8": "ast",
    "6768-6": "alp",
    "2324-2": "ggt",
    "1968-7": "direct_bilirubin",
    "718-7": "hemoglobin",
    "751-8": "anc",
    "26499-4": "anc",
    "6690-2": "wbc",
    "731-0": "lymphocytes",
    "1558-6": "fasting_glucose",
    "2345-7": "glucose",
    "4548-4": "hba1c",
    "2164-2": "creatinine_clearance",
    "3094-0": "bun",
    "2524-7": "lactate",
    "16362-6": "ammonia",
    "1834-1": "afp",
    "33762-6": "nt_probnp",
    "30934-4": "bnp",
    "10839-9": "troponin_i",
    "6598-7": "troponin_t",
    "1988-5": "crp",
    "59408-5": "spo2",
    "2276-4": "ferritin",
    "3016-3": "tsh",
    "2823-3": "potassium",
    "5902-2": "prothrombin_time",
    "8636-3": "qtc",
    "39156-5": "bmi",
    "8480-6": "systolic_bp",
    "8462-4": "diastolic_bp",
    "8867-4": "heart_rate",
    "9279-1": "respiratory_rate",
    "29463-7": "body_weight",
    "8302-2": "body_height",
    "8310-5": "body_temperature",
}


@pytest.mark.parametrize(("code", "concept"), sorted(LOINC.items()))
def test_loinc_codes_index_to_their_analyte(code: str, concept: str) -> None:
    assert vocabulary().by_loinc[code] == concept


def test_units_and_reference_ranges_of_key_analytes() -> None:
    v = vocabulary()
    assert v["alt"].unit == "U/L" and v["alt"].reference == (7, 55)
    assert v["anc"].unit == "10*9/L"
    assert v["hemoglobin"].unit == "g/dL" and v["hemoglobin"].molar_mass == 16114.5
    assert v["creatinine_clearance"].unit == "mL/min"  # never the eGFR unit
    assert v["egfr"].unit == "mL/min/{1.73_m2}"
    assert v["qtc"].unit == "ms" and v["lvef"].unit == "%" and v["bmi"].unit == "kg/m2"
    assert v["hvpg"].unit == "mm[Hg]" and v["body_temperature"].unit == "Cel"
    assert v["hbv_dna"].unit == "[IU]/mL" and v["cd4"].unit == "/uL"


def test_hba1c_is_percent_only_and_viral_loads_skip_log_codes() -> None:
    v = vocabulary()
    hba1c = v["hba1c"]
    assert hba1c.unit == "%"
    # IFCC mmol/mol is not a unit rescaling of NGSP %: no rule, no IFCC code
    assert all(rule.unit != "mmol/mol" for rule in hba1c.bare_units)
    assert "59261-8" not in v.by_loinc
    assert "48398-2" not in v.by_loinc  # HBV DNA in log10 IU/mL
    assert "38180-6" not in v.by_loinc  # HCV RNA in log10 IU/mL


@pytest.mark.parametrize(
    ("concept", "value", "unit"),
    [
        ("anc", 1500, "/uL"),
        ("anc", 1.5, "10*9/L"),
        ("wbc", 3000, "/uL"),
        ("wbc", 3, "10*9/L"),
        ("hemoglobin", 9, "g/dL"),
        ("hemoglobin", 90, "g/L"),
        ("glucose", 5.6, "mmol/L"),
        ("fasting_glucose", 126, "mg/dL"),
        ("direct_bilirubin", 2, "mg/dL"),
        ("direct_bilirubin", 34, "umol/L"),
        ("qtc", 0.45, "s"),
        ("qtc", 450, "ms"),
        ("body_height", 1.7, "m"),
        ("body_temperature", 101, "[degF]"),
        ("urine_protein_24h", 1, "g/d"),
        ("urine_protein_24h", 500, "mg/d"),
    ],
)
def test_bare_numbers_get_the_documented_unit(concept: str, value: float, unit: str) -> None:
    assert vocabulary()[concept].bare_unit(value) == unit


def test_every_bare_unit_rule_converts_to_its_concept_unit() -> None:
    with_rules = [c for c in vocabulary() if c.bare_units]
    assert len(with_rules) >= 15
    for c in with_rules:
        assert c.unit is not None, c.id
        for rule in c.bare_units:
            assert compatible(rule.unit, c.unit, c.molar_mass), (c.id, rule.unit)


def _record(*, conditions: tuple[Condition, ...] = (), meds: tuple[Medication, ...] = ()) -> Record:
    return Record(id="p", conditions=conditions, medications=meds)


def _med(code: str, name: str) -> Medication:
    return Medication(code, "http://www.whocc.no/atc", name, "active", date(2024, 1, 1), None, "m")


ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"


def _cond(code: str, name: str) -> Condition:
    return Condition(code, ICD10CM, name, "active", None, None, "c")


def test_drug_classes_match_by_atc_prefix() -> None:
    view = RecordView(_record(meds=(_med("B01AA03", "warfarin"), _med("B01AC06", "aspirin"))))
    assert [i.name for i in view.items("anticoagulants")] == ["warfarin"]  # not the antiplatelet
    assert [i.name for i in view.items("antiplatelets")] == ["aspirin"]
    assert [i.name for i in view.items("vitamin_k_antagonists")] == ["warfarin"]
    v = vocabulary()
    assert "B01AA" in v["anticoagulants"].atc and "B01AC" not in v["anticoagulants"].atc
    assert v["systemic_corticosteroids"].atc == ("H02",)
    assert v["sorafenib"].atc[0] == "L01EX02"


def test_drug_classes_match_by_member_name_without_a_code() -> None:
    med = Medication(None, None, "Rivaroxaban 20 mg tablet", "active", None, None, "m")
    assert len(RecordView(_record(meds=(med,))).items("anticoagulants")) == 1


def test_conditions_match_by_icd10_prefix_and_exclusions_hold() -> None:
    view = RecordView(
        _record(
            conditions=(
                _cond("E11.9", "type 2 diabetes"),
                _cond("B18.1", "chronic hepatitis B"),
                _cond("I85.00", "esophageal varices"),
            )
        )
    )
    assert [i.name for i in view.items("diabetes")] == ["type 2 diabetes"]
    assert [i.name for i in view.items("type2_diabetes")] == ["type 2 diabetes"]
    assert view.items("type1_diabetes") == []
    assert [i.name for i in view.items("varices")] == ["esophageal varices"]
    # chronic viral hepatitis is not an "active infection"; varices are not cardiovascular disease
    assert view.items("active_infection") == []
    assert view.items("cardiovascular_disease") == []
    assert [i.name for i in view.items("hbv")] == ["chronic hepatitis B"]


def test_liver_transplant_status_code() -> None:
    proc = Procedure("Z94.4", ICD10CM, "s/p OLT", "completed", None, "p")
    view = RecordView(Record(id="p", procedures=(proc,)))
    assert len(view.items("liver_transplant")) == 1
    assert len(view.items("organ_transplant")) == 1  # a liver is an organ


def test_observation_by_loinc_reads_the_new_analyte() -> None:
    obs = Observation("1742-6", "http://loinc.org", "ALT", 88.0, "U/L", date(2024, 1, 2), "o")
    view = RecordView(Record(id="p", observations=(obs,)))
    latest = view.latest("alt", date(2024, 2, 1))
    assert latest is not None and latest.value == 88.0


# -- synonyms stay safe for the lexer --------------------------------------------------------------


def test_single_word_synonyms_do_not_shadow_lexer_words() -> None:
    """No one-word synonym is a stopword, a unit, a number, a sex word or a cue the lexer reads."""
    cues = {p.split()[0] for p in (*lexer.NEGATIONS, *lexer.HISTORY_CUES, *lexer.RECENT_CUES)}
    allowed = {"hrs"}  # pre-existing: hepatorenal syndrome (numbers take "hrs" as hours first)
    clashes = []
    for phrase, cid in vocabulary().by_phrase.items():
        if " " in phrase or phrase in allowed:
            continue
        if (
            phrase in lexer.STOPWORDS
            or phrase in lexer.TIME_UNITS
            or phrase in lexer.NUMBER_WORDS
            or phrase in lexer.SEX_WORDS
            or phrase in lexer.COMPARATORS
            or phrase in cues
            or known_unit(phrase) is not None
        ):
            clashes.append((phrase, cid))
    assert clashes == []


@pytest.mark.parametrize(
    ("phrase", "concept"),
    [
        ("infection", None),  # generic noun: "HCV infection" names one infection, not two
        ("depression", None),  # "respiratory depression" is not a mood disorder
        ("nursing home residents", "institutionalised"),  # not lactation ("nursing")
        ("women of child-bearing potential", "childbearing_potential"),
        ("WOCBP", "childbearing_potential"),
        ("ECOG PS", "ecog"),
        ("WHO performance status", "ecog"),
        ("Karnofsky PS", "karnofsky"),
        ("New York Heart Association", "nyha_class"),
        ("HBsAg", "hbv"),
        ("Hemoglobin A1c", "hba1c"),
        ("SGPT", "alt"),
        ("serum creatinine clearance", "creatinine_clearance"),
        ("non-selective beta-blockers", "nonselective_beta_blockers"),
        ("RAD001", "everolimus"),
        ("investigational drug", "investigational_drug"),
        ("non-melanoma skin cancer", "nonmelanoma_skin_cancer"),
        ("diabetes insipidus", "diabetes_insipidus"),
        ("inhaled steroids", "inhaled_corticosteroids"),
        ("outpatient", None),  # qualifies a procedure: "outpatient therapeutic paracentesis"
        ("out-patients", "outpatient_status"),
    ],
)
def test_phrases_resolve_to_the_intended_concept(phrase: str, concept: str | None) -> None:
    assert vocabulary().lookup_phrase(phrase) == concept


def test_facts_restricted_to_women_say_so() -> None:
    v = vocabulary()
    for cid in ("childbearing_potential", "postmenopausal"):
        assert v[cid].kind == "fact" and v[cid].sex == "female"


# -- corpus qualifier concepts ---------------------------------------------------------------------
# Qualified phrases ("uncontrolled hypertension", "severe coagulopathy", "decompensated cirrhosis")
# are investigator-judged facts, never the unqualified condition's codes.  Lines quoted verbatim
# from ../shared/corpus; each becomes fully understood through the concepts added for them.

QUALIFIER_LINES = [
    (
        "Patients with clinical significant renal failure (creatininemia > 200 micromol/l)",
        "exclusion",  # NCT00679484
        "creatinine > 200 umol/L",  # the parenthesis defines the judgement
    ),
    (
        "Severe Liver failure (Child Pugh score > 6)",  # NCT03798600
        "exclusion",
        "child_pugh_points > 6",
    ),
    (
        "Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2).",  # NCT05508633
        "exclusion",
        "egfr < 20 mL/min/{1.73_m2}",
    ),
    (
        # NCT03866083: the thresholds written right after it define the judgement, as a
        # parenthesis would (lexer._juxtaposed_definition)
        "Severe coagulopathy platelets <20,000 and INR >5",
        "exclusion",
        "platelets < 20000 /uL and inr > 5",
    ),
    (
        "Treatment with an SGLT2 inhibitor (canagliflozin, dapagliflozin, empagliflozin) during "
        "the last 12 months.",  # NCT03242018
        "exclusion",
        "sglt2_inhibitors within 12 months or canagliflozin within 12 months"
        " or dapagliflozin within 12 months or empagliflozin within 12 months",
    ),
    (
        "Disease-related: Uncontrolled hypertension, uncontrolled congestive heart failure (CHF) "
        "or uncontrolled diabetes within 14 days prior to randomization.",  # NCT01857115
        "exclusion",
        "uncontrolled_hypertension within 14 days or uncontrolled_heart_failure within 14 days"
        " or uncontrolled_diabetes within 14 days",  # the window covers the whole list
    ),
    (
        "Male or female, adult, out-patients aged between 18 and 85 years",  # NCT00679484
        "inclusion",
        "outpatient_status and age >= 18 years and age <= 85 years",
    ),
    ("Significant cardiovascular disease", "exclusion", "significant_cardiovascular_disease"),
    (
        "History of clinically significant cardiac abnormality or arrhythmia",  # NCT01288573
        "exclusion",
        "history of significant_cardiac_abnormality or history of arrhythmia",
    ),
    ("Known significant liver disease", "exclusion", "significant_hepatic_disease"),  # NCT02065791
    (
        "Evidence of hepatic decompensation including ascites, gastrointestinal bleeding or "
        "hepatic encephalopathy",  # NCT02774187
        "exclusion",
        "decompensated_liver_disease or ascites or gi_bleeding or hepatic_encephalopathy",
    ),
    (
        "Clinically diagnosed as decompensated liver cirrhosis.",  # NCT03529136
        "inclusion",
        "decompensated_liver_disease",
    ),
    (
        "Decompensated cirrhosis, hepatocellular carcinoma or other malignancy;",  # NCT03920605
        "exclusion",
        "decompensated_liver_disease or hcc or cancer",
    ),
]


@pytest.mark.parametrize(("text", "kind", "rule"), QUALIFIER_LINES)
def test_qualified_corpus_line_compiles_to_canonical_rule(text: str, kind: str, rule: str) -> None:
    compiled = compile_text(text, kind)  # type: ignore[arg-type]
    assert render(compiled.rule) == rule
    assert compiled.unparsed == ()
    assert compile_rule(rule) == compiled.rule


QUALIFIED_FACTS = {
    "uncontrolled_hypertension": "hypertension",
    "uncontrolled_diabetes": "diabetes",
    "uncontrolled_angina": "angina",
    "uncontrolled_heart_failure": "heart_failure",
    "symptomatic_heart_failure": "heart_failure",
    "severe_heart_failure": "heart_failure",
    "severe_coronary_artery_disease": "coronary_artery_disease",
    "clinically_significant_renal_failure": "renal_failure",
    "severe_renal_impairment": "renal_failure",
    "moderate_to_severe_ckd": "ckd",
    "severe_hepatic_impairment": "hepatic_impairment",
    "decompensated_liver_disease": "cirrhosis",
    "severe_coagulopathy": "bleeding_diathesis",
    "significant_cardiovascular_disease": "cardiovascular_disease",
}


@pytest.mark.parametrize(("qualified", "plain"), sorted(QUALIFIED_FACTS.items()))
def test_qualified_phrases_are_facts_not_the_plain_condition(qualified: str, plain: str) -> None:
    v = vocabulary()
    c = v[qualified]
    assert c.kind == "fact" and c.fact_type == "boolean" and c.cite
    assert not (c.icd10 or c.snomed or c.includes)
    assert qualified not in v[plain].includes
    assert v.lookup_phrase(c.label.split(" (")[0]) in (qualified, None)


def test_a_plain_hypertension_code_leaves_uncontrolled_hypertension_unknown() -> None:
    view = RecordView(_record(conditions=(_cond("I10", "essential hypertension"),)))
    result = evaluate(compile_rule("uncontrolled_hypertension"), view, date(2024, 2, 1)).root
    assert result.truth is Truth.UNKNOWN
    recorded = RecordView(Record(id="p", facts={"uncontrolled_hypertension": True}))
    assert (
        evaluate(compile_rule("uncontrolled_hypertension"), recorded, date(2024, 2, 1)).root.truth
        is Truth.MET
    )


def test_single_sglt2_inhibitors_match_by_atc_code() -> None:
    view = RecordView(_record(meds=(_med("A10BK01", "dapagliflozin"),)))
    assert [i.name for i in view.items("dapagliflozin")] == ["dapagliflozin"]
    assert [i.name for i in view.items("sglt2_inhibitors")] == ["dapagliflozin"]
    assert view.items("empagliflozin") == []


def test_immunomodulating_agents_include_immunostimulants() -> None:
    """NCT00679354 "No other concurrent anticancer therapy, including chemotherapy or
    immunomodulating agents": an immunostimulant (interferon, ATC L03AB) is immunomodulating
    too, so it must rule the patient out, not only an immunosuppressant (L04)."""
    from datetime import date

    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView
    from eligo.parse import compile_text
    from eligo.patient import parse_patient
    from eligo.render import render

    line = (
        "No other concurrent anticancer therapy, including chemotherapy or immunomodulating agents"
    )
    compiled = compile_text(line, "inclusion")
    assert render(compiled.rule) == "not (anticancer_therapy or chemotherapy or immunomodulators)"
    atc = "http://www.whocc.no/atc"
    for code, name in (("L03AB05", "interferon alfa-2b"), ("L04AD02", "tacrolimus")):
        record = parse_patient(
            {"id": "t", "medications": [{"code": code, "system": atc, "name": name}]}
        )
        truth = evaluate(compiled.rule, RecordView(record), date(2026, 11, 27)).root.truth
        assert truth.value is False, name


def test_covert_hepatic_encephalopathy_is_not_overt() -> None:
    # "at least 1 prior episode of overt hepatic encephalopathy" (NCT04816916) was met by a
    # record naming only minimal HE, when covert/minimal HE were synonyms of the HE concept
    # (and a name search finds "hepatic encephalopathy" inside "minimal hepatic encephalopathy")
    rule = compile_text(
        "History of cirrhosis and at least 1 prior episode of overt hepatic encephalopathy "
        "(OHE) prior to Screening.",
        "inclusion",
    ).rule
    cirrhosis = _cond("K74.60", "cirrhosis")
    for he, met in (
        (Condition(None, None, "Minimal hepatic encephalopathy", "active", None, None, "c"), False),
        (Condition(None, None, "covert HE", "active", None, None, "c"), False),
        (Condition(None, None, "overt hepatic encephalopathy", "active", None, None, "c"), True),
        (_cond("K76.82", "hepatic encephalopathy"), True),
    ):
        record = Record(id="p", conditions=(cirrhosis, he), complete=frozenset({"conditions"}))
        truth = evaluate(rule, RecordView(record), date(2026, 11, 27)).root.truth
        assert truth is (Truth.MET if met else Truth.NOT_MET), (he.name, truth)
    covert = Condition(None, None, "Minimal hepatic encephalopathy", "active", None, None, "c")
    view = RecordView(_record(conditions=(_cond("K76.82", "hepatic encephalopathy"), covert)))
    assert [i.name for i in view.items("covert_hepatic_encephalopathy")] == [covert.name]
    assert [i.name for i in view.items("hepatic_encephalopathy")] == ["hepatic encephalopathy"]


def test_a_cirrhotic_is_hepatically_impaired_but_not_in_liver_failure() -> None:
    # "Impaired liver function" (NCT03928158) cleared a Child-Pugh B cirrhotic without a K72
    # code; hepatic impairment now includes cirrhosis (FDA 2003 grades it by Child-Pugh).  But
    # "liver failure" is not every cirrhosis: were it a synonym of the widened concept, an
    # inclusion "Patients with liver failure" would admit a compensated cirrhotic
    as_of = date(2026, 11, 27)
    impaired = compile_text("Impaired liver function", "exclusion").rule
    failing = compile_text("Patients with liver failure", "inclusion").rule
    for conditions, want_impaired, want_failing in (
        ((_cond("K74.60", "cirrhosis"),), True, False),
        ((_cond("K72.10", "chronic hepatic failure"),), True, True),
        ((_cond("K72.00", "acute liver failure"),), True, True),
        ((_cond("E11.9", "type 2 diabetes"),), False, False),
    ):
        record = Record(id="p", conditions=conditions, complete=frozenset({"conditions"}))
        view = RecordView(record)
        got = (
            evaluate(impaired, view, as_of).root.truth,
            evaluate(failing, view, as_of).root.truth,
        )
        want = tuple(Truth.MET if w else Truth.NOT_MET for w in (want_impaired, want_failing))
        assert got == want, conditions[0].name
