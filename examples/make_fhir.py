"""Write the FHIR R4 Bundle forms of some example patients into ``examples/fhir/``.

Each Bundle is ``eligo.fhir.record_to_fhir(load_patient(source))``, written with sorted keys
and an indent of 2, so rerunning the script gives byte-identical files::

    .venv/bin/python examples/make_fhir.py           # (re)write examples/fhir/*.json
    .venv/bin/python examples/make_fhir.py --check   # exit 1 if a file is missing or stale

FHIR has no home for eligo's ``facts`` (consent, willingness for transplant, life expectancy,
Milan criteria, ...) nor for the ``complete`` declaration, so ``record_to_fhir`` drops them and
a Bundle is read open world.  The script checks that nothing else is lost: reading each Bundle
back gives the same :func:`eligo.fhir.clinical_content` as its eligo JSON source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eligo import load_patient
from eligo.fhir import clinical_content, parse_bundle, record_to_fhir

HERE = Path(__file__).resolve().parent
PATIENTS = HERE / "patients"
FHIR = HERE / "fhir"

# FHIR file name -> eligo JSON source under examples/patients.  The FHIR names carry only the
# patient id: without facts and `complete` a Bundle may screen differently from its source.
SOURCES: dict[str, str] = {
    "P01-bundle.json": "P01-eligible-decompensated-cirrhosis.json",
    "P06-bundle.json": "P06-ineligible-hiv.json",
    "A01-bundle.json": "A01-eligible-alcoholic-aclf.json",
    "A02-bundle.json": "A02-ineligible-refractory-shock.json",
    "A05-bundle.json": "A05-ineligible-hcc-beyond-milan.json",
}


def bundle_text(source: Path) -> str:
    """The FHIR Bundle of the eligo JSON patient at ``source``, as the text written to disk.

    Raises:
        AssertionError: reading the Bundle back loses clinical content (a writer/reader bug).
    """
    record = load_patient(source)
    bundle = record_to_fhir(record)
    back = parse_bundle(bundle, source=str(source))
    if clinical_content(back) != clinical_content(record):
        raise AssertionError(f"{source.name}: the FHIR round trip changes clinical content")
    return json.dumps(bundle, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    FHIR.mkdir(exist_ok=True)
    for name, source in SOURCES.items():
        target = FHIR / name
        text = bundle_text(PATIENTS / source)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(name)
        elif not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(HERE.parent)}  (from patients/{source})")
        else:
            print(f"unchanged {target.relative_to(HERE.parent)}")
    if stale:
        print(f"stale or missing; run examples/make_fhir.py: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
