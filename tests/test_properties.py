"""Property tests (hypothesis): the promises that keep a wrong "eligible" out.

(a) information monotonicity — deleting a data item never turns a definite answer into the
    other definite answer (only into unknown / needs_review);
(b) unit invariance — labs written in other units give identical outcomes;
(c) FHIR/JSON equivalence — a record and ``record_to_fhir`` of it screen identically;
(d) round trip — ``compile_rule(render(r))`` is ``r`` in canonical form.

Each property runs against the seed trials ((c): every trial in ``criteria/``), against
probe rules asking about every concept the record touches, and against generated rule trees
evaluated directly, so it covers every node type, not just the lines the trials use.
Settings are deterministic (``derandomize``, no example database): the suite tests the same
examples on every run.  The ``_heavy`` variants (``pytest -m fuzz``) run ten times as many.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import CRITERIA
from eligo.errors import CriterionSyntaxError, EligoError
from eligo.evaluate import evaluate
from eligo.fhir import record_to_fhir
from eligo.lookup import RecordView
from eligo.nodes import Node
from eligo.parse import compile_rule
from eligo.patient import parse_patient
from eligo.record import Record
from eligo.render import number, render
from eligo.screening import screen
from eligo.transform import canonicalize
from eligo.trial import Trial, load_trial
from eligo.units import convert
from strategies import AS_OF, THRESHOLDS, PatientDraw, patients, rules, unit_variants

# No shrinking: a record with a dozen items takes minutes to shrink, and the assertion
# messages already print the record and the item whose deletion (or unit) made the difference.
DETERMINISTIC = settings(
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled-trial cache entries go to a temporary folder, not the user's cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


SEED_TRIALS = ("NCT04243681.yaml", "NCT07131306.yaml")


@cache
def trials(every: bool = False) -> tuple[Trial, ...]:
    """The two seed trials, or (``every``) every trial in ``criteria/`` that loads.

    A trial file that does not load is ``eligo check``'s business (``test_trial_file``);
    here it is left out with a warning.
    """
    out = []
    for path in sorted(Path(CRITERIA).glob("*.yaml")):
        if not every and path.name not in SEED_TRIALS:
            continue
        try:
            out.append(load_trial(path))
        except EligoError as e:
            warnings.warn(f"left out of the properties: {e}", stacklevel=2)
    assert out, f"no trial in {CRITERIA} loads"
    return tuple(out)


MEASURES = (
    "platelets > 80 10*9/L", "inr > 1.6", "creatinine > 1.6 mg/dL", "bilirubin > 2 mg/dL",
    "albumin < 3.5 g/dL", "sodium < 130 mmol/L", "pao2 < 60 mm[Hg]", "fio2 > 0.5",
    "meld > 10", "meld < 20", "meld_na > 15", "meld3 > 15", "child_pugh_points > 7",
    "child_pugh_class = B", "pf_ratio < 150", "egfr < 60 mL/min/{1.73_m2}",
    "age >= 18 years", "life_expectancy >= 3 months",
)  # fmt: skip


def probes(record: Record) -> tuple[Node, ...]:
    """Rules that ask about every concept the record touches, and every measure.

    Each concept any record item means is asked three ways (current, ever, within 6 months);
    each lab and score is compared with a threshold.  Evaluated beside the trials, so a
    property is checked for the concepts in the record, not only the ones the two shipped
    trials name.  Compute it once, on the full record, and use it for every smaller one.
    """
    from eligo.concepts import vocabulary

    view = RecordView(record)
    texts: list[str] = []
    for c in vocabulary():
        if c.kind in ("condition", "medication", "procedure") and view.items(c.id):
            texts += [c.id, f"history of {c.id}", f"{c.id} within 6 months"]
    out = []
    for text in [*texts, *MEASURES]:
        try:
            out.append(compile_rule(text))
        except CriterionSyntaxError:
            continue  # the concept changed shape in the vocabulary
    return tuple(out)


Answers = dict[str, object]  # "trial/criterion" -> met, "trial" -> verdict


def answers(record: Record, extra_rules: Iterable[Node] = (), every: bool = False) -> Answers:
    """Every definite-or-not answer eligo gives for a record: verdicts, criteria, rules.

    Against the seed trials, or with ``every`` against every trial in ``criteria/``.
    """
    out: Answers = {}
    view = RecordView(record)
    for t in trials(every):
        result = screen(record, t, AS_OF, view=view)
        out[t.id] = result.verdict
        for c in result.criteria:
            out[f"{t.id}/{c.id}"] = c.met
    for rule in extra_rules:
        out[f"rule {render(rule)}"] = evaluate(rule, view, AS_OF).root.truth.value
    return out


def definite(value: object) -> bool:
    return value not in (None, "needs_review")


def read(p: PatientDraw) -> Record:
    return parse_patient(p.to_json(), source=p.id)


# ------------------------------------------------------------------------------ (a)


def check_monotone(p: PatientDraw, extra: list[Node], picks: list[int] | None) -> None:
    """Delete items one at a time (those at ``picks``, or all): no definite answer flips."""
    record = read(p)
    asked = [*probes(record), *extra]
    full = answers(record, asked)
    deletions = p.deletions()
    if picks is not None:
        deletions = [deletions[i % len(deletions)] for i in picks] if deletions else []
    for what, smaller in deletions:
        less = answers(read(smaller), asked)
        flips = {
            key: (full[key], less[key])
            for key in full
            if definite(full[key]) and definite(less[key]) and full[key] != less[key]
        }
        assert not flips, f"deleting {what} flipped {flips}\nrecord: {json.dumps(p.to_json())}"


PICKS = st.lists(st.integers(0, 99), min_size=1, max_size=3, unique=True)


@settings(DETERMINISTIC, max_examples=40)
@given(patients(), st.lists(rules(max_leaves=5), max_size=3), PICKS)
def test_deleting_a_data_item_never_flips_a_definite_answer(
    p: PatientDraw, extra: list[Node], picks: list[int]
) -> None:
    check_monotone(p, extra, picks)


@pytest.mark.fuzz
@settings(DETERMINISTIC, max_examples=1000)
@given(patients(), st.lists(rules(max_leaves=5), max_size=3))
def test_deleting_any_data_item_never_flips_a_definite_answer_heavy(
    p: PatientDraw, extra: list[Node]
) -> None:
    check_monotone(p, extra, None)


def test_meld_dialysis_is_open_world() -> None:
    """MELD sets creatinine to 4 after dialysis; an unrecorded dialysis is unknown, not "no".

    With creatinine 1.0, bilirubin 1.0 and INR 1.0, MELD is 6 without dialysis and 22 with
    it, so a record that says nothing about dialysis cannot decide "MELD < 20".
    """
    labs = [
        {"code": "2160-0", "system": "http://loinc.org", "value": 1.0, "unit": "mg/dL"},
        {"code": "1975-2", "system": "http://loinc.org", "value": 1.0, "unit": "mg/dL"},
        {"code": "6301-6", "system": "http://loinc.org", "value": 1.0, "unit": "1"},
    ]
    dialysed = {
        "id": "D1",
        "observations": labs,
        "procedures": [
            {"code": "108241001", "system": "http://snomed.info/sct", "name": "dialysis",
             "date": "2026-11-25"}
        ],
    }  # fmt: skip
    rule = compile_rule("meld < 20")
    with_dialysis = evaluate(rule, RecordView(parse_patient(dialysed)), AS_OF).root.truth.value
    silent = evaluate(rule, RecordView(parse_patient({**dialysed, "procedures": []})), AS_OF)
    assert with_dialysis is False
    assert silent.root.truth.value is None, (
        "deleting the dialysis procedure turned 'meld < 20' from false into "
        f"{silent.root.truth.value}: {silent.root.explanation}"
    )


def test_a_resolved_cancer_does_not_rule_out_another_cancer() -> None:
    """Two different cancers on record: deleting the active one must not make "cancer" false.

    A resolved breast cancer says nothing about whether some other cancer is current, so
    with it alone "current cancer" is unknown (open world), not false.
    """
    icd = "http://hl7.org/fhir/sid/icd-10-cm"
    breast = {"code": "C50.911", "system": icd, "name": "breast cancer", "status": "resolved",
              "onset": "2015-01-01", "abatement": "2016-01-01"}  # fmt: skip
    hcc = {"code": "C22.0", "system": icd, "name": "hepatocellular carcinoma", "status": "active"}
    rule = compile_rule("cancer")

    def met(conditions: list[dict[str, str]]) -> bool | None:
        record = parse_patient({"id": "C1", "conditions": conditions})
        return evaluate(rule, RecordView(record), AS_OF).root.truth.value

    assert met([breast, hcc]) is True
    assert met([breast]) is not False, "deleting the active HCC made 'cancer' false"


# ------------------------------------------------------------------------------ (b)


UNIT_PAIRS = patients(stated_scores=True, dialysis=True).flatmap(
    lambda p: st.tuples(st.just(p), unit_variants(p))
)
PLAIN_RULES = st.lists(rules(unparsed=False, max_leaves=4), max_size=3)


def check_units(pair: tuple[PatientDraw, PatientDraw], extra: list[Node]) -> None:
    base, other = pair
    record = read(base)
    asked = [*probes(record), *extra]
    a, b = answers(record, asked), answers(read(other), asked)
    differ = {k: (a[k], b[k]) for k in a if a[k] != b[k]}
    units = {lab.concept: lab.unit for lab in other.labs}
    assert not differ, f"{differ}\nunits {units}\nrecord: {json.dumps(base.to_json())}"


@settings(DETERMINISTIC, max_examples=40)
@given(UNIT_PAIRS, PLAIN_RULES)
def test_labs_in_alternate_units_give_identical_outcomes(
    pair: tuple[PatientDraw, PatientDraw], extra: list[Node]
) -> None:
    check_units(pair, extra)


@pytest.mark.fuzz
@settings(DETERMINISTIC, max_examples=1500)
@given(UNIT_PAIRS, PLAIN_RULES)
def test_labs_in_alternate_units_give_identical_outcomes_heavy(
    pair: tuple[PatientDraw, PatientDraw], extra: list[Node]
) -> None:
    check_units(pair, extra)


@pytest.mark.parametrize(
    ("concept", "code", "unit", "molar_mass"),
    [
        ("creatinine", "2160-0", "umol/L", 113.12),
        ("bilirubin", "1975-2", "umol/L", 584.66),
        ("platelets", "777-3", "/uL", None),
        ("albumin", "1751-7", "g/L", None),
        ("pao2", "2703-7", "kPa", None),
        ("fio2", "3150-0", "%", None),
    ],
)
def test_values_exactly_on_a_threshold_survive_unit_conversion(
    concept: str, code: str, unit: str, molar_mass: float | None
) -> None:
    """A value on the threshold, converted by float arithmetic, stays on the threshold."""
    from eligo.concepts import vocabulary

    c = vocabulary()[concept]
    assert c.unit is not None and c.molar_mass == molar_mass
    for threshold in THRESHOLDS[concept]:
        written = convert(threshold, c.unit, unit, c.molar_mass)
        record = parse_patient(
            {"id": "T", "observations": [
                {"code": code, "system": "http://loinc.org", "value": written, "unit": unit}
            ]}
        )  # fmt: skip
        view = RecordView(record)
        shown = f"{threshold} {c.unit}" if c.unit != "1" else f"{threshold}"
        for op, expected in (("<=", True), (">=", True), ("<", False), (">", False)):
            rule = compile_rule(f"{concept} {op} {shown}")
            got = evaluate(rule, view, AS_OF).root.truth.value
            assert got is expected, f"{written} {unit} {op} {shown}: {got}"


# ------------------------------------------------------------------------------ (c)


FHIR_READY = patients(facts=False, complete=False, age=False, stated_scores=True, dialysis=True)


def check_fhir(p: PatientDraw, extra: list[Node]) -> None:
    record = read(p)
    bundle = json.loads(json.dumps(record_to_fhir(record)))
    from_fhir = parse_patient(bundle, source="bundle")
    asked = [*probes(record), *extra]
    a, b = answers(record, asked, every=True), answers(from_fhir, asked, every=True)
    differ = {k: (a[k], b[k]) for k in a if a[k] != b[k]}
    assert not differ, f"{differ}\nrecord: {json.dumps(p.to_json())}"


@settings(DETERMINISTIC, max_examples=25)
@given(FHIR_READY, PLAIN_RULES)
def test_fhir_bundle_of_a_record_screens_like_the_record(p: PatientDraw, extra: list[Node]) -> None:
    check_fhir(p, extra)


@pytest.mark.fuzz
@settings(DETERMINISTIC, max_examples=1000)
@given(FHIR_READY, PLAIN_RULES)
def test_fhir_bundle_of_a_record_screens_like_the_record_heavy(
    p: PatientDraw, extra: list[Node]
) -> None:
    check_fhir(p, extra)


# ------------------------------------------------------------------------------ (d)


def check_round_trip(rule: Node) -> None:
    expected = canonicalize(rule)
    text = render(rule)
    try:
        compiled = compile_rule(text)
    except CriterionSyntaxError as e:
        raise AssertionError(f"render gave a rule that does not compile:\n{e}") from None
    assert compiled == expected, text
    assert render(compiled) == render(expected)


@settings(DETERMINISTIC, max_examples=120)
@given(rules())
def test_compile_of_render_is_the_canonical_rule(rule: Node) -> None:
    check_round_trip(rule)


@pytest.mark.fuzz
@settings(DETERMINISTIC, max_examples=5000)
@given(rules(max_leaves=16))
def test_compile_of_render_is_the_canonical_rule_heavy(rule: Node) -> None:
    check_round_trip(rule)


@settings(DETERMINISTIC, max_examples=300)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_text_is_exact(x: float) -> None:
    """``render.number`` promises the shortest *exact* text, so compiling reads ``x`` back."""
    assert float(number(x)) == x, number(x)


def test_tiny_thresholds_round_trip() -> None:
    rule = compile_rule("creatinine > 0.00000000000000000001 mg/dL")
    assert compile_rule(render(rule)) == rule, render(rule)
