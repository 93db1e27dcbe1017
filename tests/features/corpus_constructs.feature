Feature: Constructs the grammar reads in real registry text
  Each scenario takes a criterion line verbatim from ../shared/corpus (trial id in the title),
  compiles it from its text, and screens patients with values on both sides of the threshold
  and with the deciding data missing.

  Scenario Outline: Multiple of the upper limit of normal (NCT02442531-style "Bilirubin ≤ 1.5 × ULN")
    Given the <kind> line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>
    And its explanation mentions "<fragment>"

    Examples:
      | kind      | line                                                                   | rule                                   | observations                                         | met       | fragment                       |
      | inclusion | Total bilirubin =< 1.5 times upper limit of normal (ULN) for age       | bilirubin <= 1.5 x ULN                 | bilirubin 1.7 mg/dL ref 0.2-1.2                      | met       | from the lab's reference range |
      | inclusion | Total bilirubin =< 1.5 times upper limit of normal (ULN) for age       | bilirubin <= 1.5 x ULN                 | bilirubin 1.9 mg/dL ref 0.2-1.2                      | not met   | not ≤                          |
      | inclusion | Total bilirubin =< 1.5 times upper limit of normal (ULN) for age       | bilirubin <= 1.5 x ULN                 | bilirubin 1.7 mg/dL                                  | met       | eligo's default range          |
      | inclusion | Total bilirubin =< 1.5 times upper limit of normal (ULN) for age       | bilirubin <= 1.5 x ULN                 | nothing                                              | undecided | no total bilirubin             |

  Scenario Outline: One bound shared by two labs ("AST and ALT < 3 x ULN")
    Given the <kind> line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | kind      | line                        | rule                                   | observations                          | met       |
      | inclusion | ALT and AST < 3 x ULN       | alt < 3 x ULN and ast < 3 x ULN        | alt 60 U/L ref 7-55; ast 50 U/L ref 8-48 | met    |
      | inclusion | ALT and AST < 3 x ULN       | alt < 3 x ULN and ast < 3 x ULN        | alt 60 U/L ref 7-55; ast 150 U/L ref 8-48 | not met |
      | inclusion | ALT and AST < 3 x ULN       | alt < 3 x ULN and ast < 3 x ULN        | alt 60 U/L ref 7-55                   | undecided |
      | exclusion | AST/ALT > 5 x ULN           | ast > 5 x ULN or alt > 5 x ULN         | ast 300 U/L ref 8-48                  | met       |

  Scenario Outline: Blood pressure as a pair ("BP < 140/90")
    Given the <kind> line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | kind      | line         | rule                                                   | observations                                       | met       |
      | inclusion | BP < 140/90  | systolic_bp < 140 mm[Hg] and diastolic_bp < 90 mm[Hg]  | systolic_bp 130 mm[Hg]; diastolic_bp 85 mm[Hg]     | met       |
      | inclusion | BP < 140/90  | systolic_bp < 140 mm[Hg] and diastolic_bp < 90 mm[Hg]  | systolic_bp 130 mm[Hg]; diastolic_bp 90 mm[Hg]     | not met   |
      | inclusion | BP < 140/90  | systolic_bp < 140 mm[Hg] and diastolic_bp < 90 mm[Hg]  | systolic_bp 130 mm[Hg]                             | undecided |

  Scenario Outline: Age named by its unit ("Adult patients 18-74 years of age")
    Given the <kind> line "<line>"
    And a patient born <born>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | kind      | line                                 | rule                                   | born       | met       |
      | inclusion | Adult patients 18-74 years of age    | age >= 18 years and age <= 74 years    | 1952-11-28 | met       |
      | inclusion | Adult patients 18-74 years of age    | age >= 18 years and age <= 74 years    | 1951-11-27 | not met   |
      | inclusion | Age 2 to < 18 years                  | age >= 2 years and age < 18 years      | 2008-11-28 | met       |
      | inclusion | Age 2 to < 18 years                  | age >= 2 years and age < 18 years      | 2008-11-27 | not met   |
      | inclusion | Adult 18 years or older of age       | age >= 18 years                        | unknown    | undecided |

  Scenario Outline: One threshold per sex ("QTc >450 ms (males) and >470 ms (females)")
    Given the exclusion line "A QTc interval of >450 ms (males) and >470 ms (females)"
    And a <sex> patient with observations qtc <qtc> ms
    When the line is evaluated on 2026-11-27
    Then the line reads as "(qtc > 450 ms and sex = male) or (qtc > 470 ms and sex = female)"
    And it is <met>

    Examples:
      | sex    | qtc | met     |
      | male   | 460 | met     |
      | female | 460 | not met |
      | female | 480 | met     |

  Scenario Outline: Time since a treatment ("At least 4 weeks since prior radiotherapy")
    Given the inclusion line "At least 4 weeks since prior radiotherapy"
    And a patient with the procedure radiotherapy on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "not radiotherapy within 4 weeks"
    And it is <met>

    # A course before the window says nothing about another inside it (open world)
    Examples:
      | when       | complete    | met       |
      | 2026-10-01 | procedures  | met       |
      | 2026-10-01 | no sections | undecided |
      | 2026-11-15 | no sections | not met   |
      | never      | no sections | undecided |
      | never      | procedures  | met       |

  Scenario Outline: HbA1c in % or mmol/mol (IFCC-NGSP master equation)
    Given the <kind> line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then it is <met>
    And its explanation mentions "<fragment>"

    Examples:
      | kind      | line                 | observations           | met     | fragment            |
      | inclusion | HbA1c < 8%           | hba1c 58 mmol/mol      | met     | = 7.45              |
      | inclusion | HbA1c < 8%           | hba1c 70 mmol/mol      | not met | 70 mmol/mol         |
      | inclusion | HbA1c ≤ 53 mmol/mol  | hba1c 7 %              | met     | = 52.9              |

  Scenario Outline: Creatinine clearance computed by Cockcroft-Gault ("CrCl < 60 mL/min")
    Given the exclusion line "Impairment of renal function (defined as creatinine clearance [CrCl] < 60 mL/min"
    And a male patient born 1966-11-27 with observations <observations>
    When the line is evaluated on 2026-11-27
    Then it is <met>
    And its explanation mentions "<fragment>"

    Examples:
      | observations                                      | met       | fragment                  |
      | creatinine 1.2 mg/dL; body_weight 70 kg           | not met   | 64.8 mL/min               |
      | creatinine 1.5 mg/dL; body_weight 70 kg           | met       | Cockcroft-Gault           |
      | creatinine 1.2 mg/dL                              | undecided | body weight               |

  Scenario Outline: An exception restricts what precedes it (NCT00118742 "except hepatoma …")
    Given the exclusion line "History of malignancy in the last 5 years (except hepatoma or non-melanoma skin cancer)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "history of cancer except (hcc, nonmelanoma_skin_cancer) within 5 years"
    And it is <met>
    And its explanation mentions "<says>"

    # an item of cancer other than HCC or NMSC decides: HCC and a colon cancer exclude, HCC
    # alone clears only a record declared complete (it says nothing of another cancer); an
    # unspecified malignancy (C80.1) is not known to be one of the exceptions, so it counts
    Examples:
      | conditions                                                | met       | says                       |
      | C18.9 since 2024-03-01, complete                          | met       | C18.9 (active since 2024-03-01) is within the window |
      | C18.9 since 2015-03-01 resolved 2016-01-01, complete      | not met   | is before the window       |
      | C22.0 since 2024-03-01, complete                          | not met   | C22.0 (active since 2024-03-01) set aside |
      | C22.0 since 2024-03-01; C18.9 since 2024-03-01, complete  | met       | C22.0 (active since 2024-03-01) set aside |
      | C22.0 since 2024-03-01                                    | undecided | record not declared complete |
      | C44.91 since 2024-03-01                                   | undecided | record not declared complete |
      | C44.91 since 2024-03-01, complete                         | not met   | conditions declared complete |
      | C22.0 since 2024-03-01; C18.9 since 2015-03-01 resolved 2016-01-01, complete | not met | set aside |
      | C80.1 since 2024-03-01                                    | met       | C80.1                      |
      | C18.9 since 2024-03-01                                    | met       | within the window          |
      | nothing                                                   | undecided | no malignancy              |

  Scenario Outline: A qualified concept defined by its threshold (NCT03864276 "uncontrolled hypertension (diastolic BP > 110mmHg)")
    Given the exclusion line "4. uncontrolled hypertension (diastolic BP > 110mmHg)"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "diastolic_bp > 110 mm[Hg]"
    And it is <met>

    Examples:
      | observations              | met       |
      | diastolic_bp 115 mm[Hg]   | met       |
      | diastolic_bp 100 mm[Hg]   | not met   |
      | nothing                   | undecided |

  Scenario Outline: A stricter threshold under an unread condition (NCT00086346 "age greater than 18 years as required by some local regulations")
    Given the inclusion line "Age greater than 13 years (age greater than 18 years as required by some local regulations)."
    And a patient born <born>
    When the line is evaluated on 2026-11-27
    Then the line reads, in part, as "age > 13 years and (age > 18 years or unparsed("as required by some local regulations"))"
    And it is <met>

    Examples:
      | born       | met       |
      | 2000-01-01 | met       |
      | 2011-01-01 | undecided |
      | 2016-01-01 | not met   |
      | unknown    | undecided |

  Scenario Outline: A threshold required of an age group only (NCT00679354 "Karnofsky … (patients > 16 years of age)")
    Given the inclusion line "Karnofsky performance status (PS) 50-100% (patients > 16 years of age)"
    And a female patient born <born> with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not age > 16 years or (karnofsky >= 50 % and karnofsky <= 100 %)"
    And it is <met>

    Examples:
      | born       | observations    | met       |
      | 1970-01-01 | karnofsky 70 %  | met       |
      | 1970-01-01 | karnofsky 40 %  | not met   |
      | 1970-01-01 | nothing         | undecided |
      | 2016-01-01 | nothing         | met       |

  Scenario Outline: Adjectives of one sex stay with it (NCT01842581 "Male or non-pregnant, non-lactating females")
    Given the inclusion line "Male or non-pregnant, non-lactating females greater than or equal to (≥) 18 years old."
    And a <sex> patient born <born> with observations nothing
    When the line is evaluated on 2026-11-27
    Then the line reads as "(sex = male or (sex = female and not pregnancy and not lactation)) and age >= 18 years"
    And it is <met>

    Examples:
      | sex    | born       | met       |
      | male   | 1970-01-01 | met       |
      | male   | 2015-01-01 | not met   |
      | female | 1970-01-01 | undecided |

  Scenario Outline: A window closing a list applies to every item (NCT00679484 "ACS, MI, CABG or angioplasty within 3 months")
    Given the exclusion line "Patients with acute coronary syndrome, myocardial infarction, coronary artery bypass or angioplasty within 3 months"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "acute_coronary_syndrome within 3 months or myocardial_infarction within 3 months or cabg within 3 months or pci within 3 months"
    And it is <met>

    Examples:
      | conditions                        | met       |
      | I21.9 since 2026-10-01            | met       |
      | I21.9 since 2020-01-01 resolved 2020-02-01, complete | not met |
      | nothing                           | undecided |

  Scenario Outline: Units spelled out, amounts per day, study-visit filler (NCT02065791, NCT00089570, NCT02054156)
    Given the <kind> line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | kind      | line                                                          | rule                          | observations               | met       |
      | exclusion | Blood potassium level >5.5 millimole (mmol)/liter (L) during Screening | potassium > 5.5 mmol/L | potassium 6.0 mmol/L       | met       |
      | exclusion | Blood potassium level >5.5 millimole (mmol)/liter (L) during Screening | potassium > 5.5 mmol/L | potassium 4.5 mmol/L       | not met   |
      | exclusion | Blood potassium level >5.5 millimole (mmol)/liter (L) during Screening | potassium > 5.5 mmol/L | nothing                    | undecided |
      | inclusion | Proteinuria <500 mg per day                                   | urine_protein_24h < 500 mg/d  | urine_protein_24h 300 mg/d | met       |
      | inclusion | Proteinuria <500 mg per day                                   | urine_protein_24h < 500 mg/d  | urine_protein_24h 0.7 g/d  | not met   |
      | inclusion | Proteinuria <500 mg per day                                   | urine_protein_24h < 500 mg/d  | nothing                    | undecided |
      | exclusion | Weight <6.0 kg at the Baseline Visit                          | body_weight < 6 kg            | body_weight 5 kg           | met       |
      | exclusion | Weight <6.0 kg at the Baseline Visit                          | body_weight < 6 kg            | body_weight 7 kg           | not met   |
      | exclusion | Weight <6.0 kg at the Baseline Visit                          | body_weight < 6 kg            | nothing                    | undecided |

  Scenario Outline: Two analytes spelled out with their abbreviations (NCT01887717 "Aspartate transaminase (AST)/ alanine aminotransferase (ALT)")
    Given the inclusion line "Aspartate transaminase (AST)/ alanine aminotransferase (ALT) ≤5 times upper limit of normal"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "ast <= 5 x ULN and alt <= 5 x ULN"
    And it is <met>

    Examples:
      | observations                                   | met       |
      | ast 100 U/L ref 8-48; alt 100 U/L ref 7-55     | met       |
      | ast 300 U/L ref 8-48; alt 100 U/L ref 7-55     | not met   |
      | alt 100 U/L ref 7-55                           | undecided |

  Scenario Outline: A lead-in that ends in a colon is commentary (NCT03053063 "…, as determined by the central laboratory: Platelet count ≥ 100,000/μL")
    Given the inclusion line "Has the following laboratory parameters at the screening visit, as determined by the central laboratory: Platelet count ≥ 100,000/μL"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "platelets >= 100000 /uL"
    And it is <met>

    Examples:
      | observations           | met       |
      | platelets 150000 /uL   | met       |
      | platelets 90000 /uL    | not met   |
      | nothing                | undecided |

  Scenario Outline: "unless" waives an inclusion requirement (NCT01217749 "unless due to Gilbert's disease")
    Given the inclusion line "Subjects must have organ and marrow function as defined below: Total bilirubin ≤ 1.5 x institutional upper limit of normal unless due to Gilbert's disease"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, in part, as "bilirubin <= 1.5 x ULN or (unparsed("due") and gilbert_syndrome)"
    And it is <met>

    Examples:
      | observations                       | met       |
      | bilirubin 1.0 mg/dL ref 0.2-1.2    | met       |
      | bilirubin 2.5 mg/dL ref 0.2-1.2    | undecided |
      | nothing                            | undecided |

  Scenario Outline: A threshold asked of one age group (NCT02141828 "Karnofsky > 50% for pts > 12 years; Lansky > 50% for pts < 12 years")
    Given the inclusion line "Performance Level: Karnofsky > 50% for pts > 12 years; Lansky > 50% for pts < 12 years of age."
    And a female patient born <born> with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(not age > 12 years or karnofsky > 50 %) and (not age < 12 years or lansky > 50 %)"
    And it is <met>

    Examples:
      | born       | observations    | met       |
      | 1970-01-01 | karnofsky 70 %  | met       |
      | 1970-01-01 | karnofsky 40 %  | not met   |
      | 2020-01-01 | lansky 70 %     | met       |
      | 2020-01-01 | lansky 30 %     | not met   |
      | 2020-01-01 | nothing         | undecided |

  Scenario Outline: An exclusion filed among the inclusions (NCT01160926 "Exc Criteria: ECOG PS>1")
    Given the inclusion line "Exc Criteria: ECOG PS>1"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not ecog > 1"
    And it is <met>

    Examples:
      | observations | met       |
      | ecog 0 1     | met       |
      | ecog 2 1     | not met   |
      | nothing      | undecided |

  Scenario Outline: An age range with an exclusive lower bound (NCT02141828 "Age: >3 months to <18 years of age")
    Given the inclusion line "Age: >3 months to <18 years of age."
    And a patient born <born>
    When the line is evaluated on 2026-11-27
    Then the line reads as "age > 3 months and age < 18 years"
    And it is <met>

    Examples:
      | born       | met       |
      | 2026-10-01 | not met   |
      | 2020-01-01 | met       |
      | 2000-01-01 | not met   |
      | unknown    | undecided |

  Scenario Outline: One threshold without a condition, another with it (NCT02442531 "if no liver metastases (> 2 x ULN in patients with liver metastases)")
    Given the exclusion line "Serum (total) bilirubin > 1.5 x the Upper Limit of Normal (ULN) for the institution if no liver metastases (> 2 x ULN in patients with liver metastases)."
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(bilirubin > 1.5 x ULN and not liver_metastases) or (bilirubin > 2 x ULN and liver_metastases)"
    And it is <met>

    Examples:
      | observations                     | conditions                        | met       |
      | bilirubin 2.0 mg/dL ref 0.2-1.0  | nothing, complete                 | met       |
      | bilirubin 2.0 mg/dL ref 0.2-1.0  | C78.7 since 2026-01-01, complete  | not met   |
      | bilirubin 2.5 mg/dL ref 0.2-1.0  | C78.7 since 2026-01-01, complete  | met       |
      | bilirubin 1.2 mg/dL ref 0.2-1.0  | nothing                           | not met   |
      | bilirubin 2.0 mg/dL ref 0.2-1.0  | nothing                           | undecided |
      | nothing                          | nothing                           | undecided |

  Scenario Outline: A cohort header says whom an inclusion line applies to (NCT02121860 "Subjects with Hepatic Impairment: Supine blood pressure ≤160/100 mmHg")
    Given the inclusion line "Subjects with Hepatic Impairment: Supine blood pressure ≤160/100 mmHg"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(not hepatic_impairment and unparsed("Subjects with Hepatic Impairment")) or (systolic_bp <= 160 mm[Hg] and diastolic_bp <= 100 mm[Hg])"
    And it is <met>

    # without a hepatic failure code the patient may still be of the cohort (a cirrhotic of
    # Child-Pugh class B): the cohort stays unread then, no longer "met" whatever her pressure
    Examples:
      | observations                                     | conditions                        | met       |
      | systolic_bp 150 mm[Hg]; diastolic_bp 95 mm[Hg]   | K72.10 since 2025-01-01           | met       |
      | systolic_bp 170 mm[Hg]; diastolic_bp 95 mm[Hg]   | K72.10 since 2025-01-01           | not met   |
      | systolic_bp 170 mm[Hg]; diastolic_bp 95 mm[Hg]   | nothing, complete                 | undecided |
      | nothing                                          | K72.10 since 2025-01-01           | undecided |

  Scenario Outline: "Recent" given as a window (NCT03938090 "Recent (< 3 months) myocardial infarction")
    Given the exclusion line "Recent (< 3 months) myocardial infarction"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "myocardial_infarction within 3 months"
    And it is <met>

    Examples:
      | conditions                                          | met       |
      | I21.9 since 2026-10-01                              | met       |
      | I21.9 since 2020-01-01 resolved 2020-02-01, complete | not met   |
      | nothing                                             | undecided |

  Scenario Outline: "No A including B" rules out the examples too (NCT00559507)
    Given the inclusion line "No intercurrent cardiac dysfunction including, but not limited to, any of the following: History of myocardial infarction within 6 months of treatment"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, in part, as "not (unparsed("intercurrent cardiac dysfunction") or history of myocardial_infarction within 6 months)"
    And it is <met>

    Examples:
      | conditions                       | met       |
      | I21.9 since 2026-10-01           | not met   |
      | nothing, complete                | undecided |
      | nothing                          | undecided |

  Scenario Outline: A threshold no patient could reach is left unread (NCT02774187 "Total bilirubin ≤ 30mmol/L")
    Given the inclusion line "The following laboratory parameters: Total bilirubin ≤ 30mmol/L"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, in part, as "unparsed("Total bilirubin ≤ 30mmol/L")"
    And it is <met>

    Examples:
      | observations          | met       |
      | bilirubin 1.0 mg/dL   | undecided |
      | bilirubin 40 mg/dL    | undecided |
      | nothing               | undecided |

  Scenario Outline: One definition per age group (NCT01288573 "Adequate performance status (for patients ≥16 years of age, defined as Karnofsky score >60 and for patients <16 years of age, defined as Lansky score >60)")
    Given the inclusion line "Adequate performance status (for patients ≥16 years of age, defined as Karnofsky score >60 and for patients <16 years of age, defined as Lansky score >60)"
    And a female patient born <born> with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(not age >= 16 years or karnofsky > 60 %) and (not age < 16 years or lansky > 60 %)"
    And it is <met>

    Examples:
      | born       | observations    | met       |
      | 1990-01-01 | karnofsky 80 %  | met       |
      | 1990-01-01 | karnofsky 50 %  | not met   |
      | 2015-01-01 | lansky 80 %     | met       |
      | 2015-01-01 | lansky 50 %     | not met   |
      | 1990-01-01 | nothing         | undecided |

  Scenario Outline: A requirement asked of some patients only (NCT00559507 "Patients with a UPC ratio > 1.0 must have a 24-hour urine protein < 1,000 mg")
    Given the inclusion line "Patients with a UPC ratio > 1.0 must have a 24-hour urine protein < 1,000 mg to be eligible for study"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not urine_pcr > 1 or urine_protein_24h < 1000 mg/d"
    And it is <met>

    Examples:
      | observations                                      | met       |
      | urine_pcr 0.5 1                                   | met       |
      | urine_pcr 1.5 1; urine_protein_24h 800 mg/d       | met       |
      | urine_pcr 1.5 1; urine_protein_24h 1500 mg/d      | not met   |
      | urine_pcr 1.5 1                                   | undecided |
      | nothing                                           | undecided |

  Scenario Outline: A longer wait for one drug (NCT00679354 "More than 2 weeks since prior myelosuppressive chemotherapy (>= 6 weeks for nitrosoureas)")
    Given the inclusion line "More than 2 weeks since prior myelosuppressive chemotherapy (>= 6 weeks for nitrosoureas)"
    And a patient with the procedure <name> on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not chemotherapy within 2 weeks and not nitrosoureas within 6 weeks"
    And it is <met>

    Examples:
      | name         | when       | met       |
      | chemotherapy | 2026-11-20 | not met   |
      | chemotherapy | 2026-10-01 | undecided |

  Scenario Outline: A nitrosourea needs the longer wait (NCT00679354)
    Given the inclusion line "More than 2 weeks since prior myelosuppressive chemotherapy (>= 6 weeks for nitrosoureas)"
    And a patient given <drug> on <when>
    When the line is evaluated on 2026-11-27
    Then it is <met>

    Examples:
      | drug      | when       | met       |
      | lomustine | 2026-10-28 | not met   |
      | lomustine | 2026-11-25 | not met   |

  Scenario Outline: Two analytes within normal limits (NCT02774187 "INR ≤ 1.5 or PT/APTT within normal limits")
    Given the inclusion line "The following laboratory parameters: INR ≤ 1.5 or PT/APTT within normal limits"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "inr <= 1.5 or (prothrombin_time >= 1 x LLN and prothrombin_time <= 1 x ULN and aptt >= 1 x LLN and aptt <= 1 x ULN)"
    And it is <met>

    Examples:
      | observations                                                | met       |
      | inr 1.2 1                                                   | met       |
      | inr 1.8 1; prothrombin_time 12 s ref 10-13; aptt 30 s ref 25-35 | met   |
      | inr 1.8 1; prothrombin_time 16 s ref 10-13; aptt 30 s ref 25-35 | not met |
      | inr 1.8 1                                                   | undecided |

  Scenario Outline: Investigator-judged qualifier, defined by a threshold or exemplified by one
    Given the <kind> line "<line>"
    And a patient with observations <observations> and the fact <fact> <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    # "(e.g. …)": the threshold is one way to meet the judgement; a bare parenthesised
    # threshold defines it, so the judgement recorded alone does not decide the line
    Examples:
      | kind      | line | rule | fact | answer | observations | met |
      | exclusion | Uncontrolled hypertension (e.g. systolic blood pressure > 160 mmHg) | uncontrolled_hypertension or systolic_bp > 160 mm[Hg] | uncontrolled_hypertension | false      | systolic_bp 170 mm[Hg] | met       |
      | exclusion | Uncontrolled hypertension (e.g. systolic blood pressure > 160 mmHg) | uncontrolled_hypertension or systolic_bp > 160 mm[Hg] | uncontrolled_hypertension | false      | systolic_bp 150 mm[Hg] | not met   |
      | exclusion | Uncontrolled hypertension (e.g. systolic blood pressure > 160 mmHg) | uncontrolled_hypertension or systolic_bp > 160 mm[Hg] | uncontrolled_hypertension | true       | systolic_bp 150 mm[Hg] | met       |
      | exclusion | Uncontrolled hypertension (e.g. systolic blood pressure > 160 mmHg) | uncontrolled_hypertension or systolic_bp > 160 mm[Hg] | uncontrolled_hypertension | unrecorded | systolic_bp 150 mm[Hg] | undecided |
      | exclusion | Uncontrolled hypertension (e.g. systolic blood pressure > 160 mmHg) | uncontrolled_hypertension or systolic_bp > 160 mm[Hg] | uncontrolled_hypertension | false      | nothing                | undecided |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | false | egfr 15 mL/min/{1.73_m2} | met |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | true  | egfr 25 mL/min/{1.73_m2} | not met |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | true  | nothing                    | undecided |

  Scenario Outline: A restated blood-pressure pair the line must also meet (NCT02521181)
    Given the inclusion line "Blood pressure <160/100 mm Hg at screening (must be <150/100 mm Hg prior to randomization)"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "systolic_bp < 160 mm[Hg] and diastolic_bp < 100 mm[Hg] and systolic_bp < 150 mm[Hg]"
    And it is <met>

    # "(must be …)" is a further requirement, not an alternative: 155/90 fails
    Examples:
      | observations                                   | met       |
      | systolic_bp 140 mm[Hg]; diastolic_bp 85 mm[Hg] | met       |
      | systolic_bp 155 mm[Hg]; diastolic_bp 90 mm[Hg] | not met   |
      | systolic_bp 140 mm[Hg]                         | undecided |

  Scenario Outline: A lasting-state adjective before a defined abnormality (NCT02054156, NCT01611363)
    Given the exclusion line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | line | rule | observations | met |
      | History of unresolved, abnormal renal function (defined as serum creatinine greater than 1.5 times the upper limit of normal for age). | creatinine > 1.5 x ULN | creatinine 2.0 mg/dL ref 0.6-1.2 | met |
      | History of unresolved, abnormal renal function (defined as serum creatinine greater than 1.5 times the upper limit of normal for age). | creatinine > 1.5 x ULN | creatinine 1.5 mg/dL ref 0.6-1.2 | not met |
      | History of unresolved, abnormal renal function (defined as serum creatinine greater than 1.5 times the upper limit of normal for age). | creatinine > 1.5 x ULN | nothing | undecided |
      | History of unresolved, abnormal neutropenia (ANC ≤ 1000) | anc <= 1000 /uL | anc 800 /uL | met |
      | History of unresolved, abnormal neutropenia (ANC ≤ 1000) | anc <= 1000 /uL | anc 1500 /uL | not met |
      | History of unresolved, abnormal neutropenia (ANC ≤ 1000) | anc <= 1000 /uL | nothing | undecided |
      | Subject has persistent, uncontrolled severe hypertension as indicated by a mean systolic blood pressure > 160 mmHg or a mean diastolic blood pressure of > 100 mmHg | systolic_bp > 160 mm[Hg] or diastolic_bp > 100 mm[Hg] | systolic_bp 150 mm[Hg]; diastolic_bp 105 mm[Hg] | met |
      | Subject has persistent, uncontrolled severe hypertension as indicated by a mean systolic blood pressure > 160 mmHg or a mean diastolic blood pressure of > 100 mmHg | systolic_bp > 160 mm[Hg] or diastolic_bp > 100 mm[Hg] | systolic_bp 150 mm[Hg]; diastolic_bp 95 mm[Hg] | not met |
      | Subject has persistent, uncontrolled severe hypertension as indicated by a mean systolic blood pressure > 160 mmHg or a mean diastolic blood pressure of > 100 mmHg | systolic_bp > 160 mm[Hg] or diastolic_bp > 100 mm[Hg] | systolic_bp 150 mm[Hg] | undecided |

  Scenario Outline: "Despite treatment" inside the threshold defining an uncontrolled condition (NCT01337492, NCT01160926)
    Given the exclusion line "<line>"
    And a patient with observations <observations> and the fact uncontrolled_hypertension <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    # the threshold defines "uncontrolled"; the judgement recorded alone decides nothing
    Examples:
      | line | rule | answer | observations | met |
      | Uncontrolled hypertension defined as systolic blood pressure > 150 mmHg or diastolic pressure > 90 mmHg, despite optimal medical management. | systolic_bp > 150 mm[Hg] or diastolic_bp > 90 mm[Hg] | false | systolic_bp 160 mm[Hg]; diastolic_bp 80 mm[Hg] | met |
      | Uncontrolled hypertension defined as systolic blood pressure > 150 mmHg or diastolic pressure > 90 mmHg, despite optimal medical management. | systolic_bp > 150 mm[Hg] or diastolic_bp > 90 mm[Hg] | true | systolic_bp 140 mm[Hg]; diastolic_bp 80 mm[Hg] | not met |
      | Uncontrolled hypertension defined as systolic blood pressure > 150 mmHg or diastolic pressure > 90 mmHg, despite optimal medical management. | systolic_bp > 150 mm[Hg] or diastolic_bp > 90 mm[Hg] | true | systolic_bp 140 mm[Hg] | undecided |
      | Uncontrolled hypertension (resting BP ≥150/95mmHg despite optimal therapy) | systolic_bp >= 150 mm[Hg] or diastolic_bp >= 95 mm[Hg] | false | systolic_bp 140 mm[Hg]; diastolic_bp 95 mm[Hg] | met |
      | Uncontrolled hypertension (resting BP ≥150/95mmHg despite optimal therapy) | systolic_bp >= 150 mm[Hg] or diastolic_bp >= 95 mm[Hg] | true | systolic_bp 140 mm[Hg]; diastolic_bp 90 mm[Hg] | not met |
      | Uncontrolled hypertension (resting BP ≥150/95mmHg despite optimal therapy) | systolic_bp >= 150 mm[Hg] or diastolic_bp >= 95 mm[Hg] | true | nothing | undecided |

  Scenario Outline: Urine ratios and daily amounts in mg/g and g/24 h (NCT02065791, NCT01334073, NCT01165268)
    Given the inclusion line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | line | rule | observations | met |
      | Must have a urine albumin to creatinine ratio (UACR) of greater than (>) 300 milligram (mg)/gram (g) and <= 5000 mg/g | urine_acr > 300 mg/g and urine_acr <= 5000 mg/g | urine_acr 400 mg/g | met |
      | Must have a urine albumin to creatinine ratio (UACR) of greater than (>) 300 milligram (mg)/gram (g) and <= 5000 mg/g | urine_acr > 300 mg/g and urine_acr <= 5000 mg/g | urine_acr 6000 mg/g | not met |
      | Must have a urine albumin to creatinine ratio (UACR) of greater than (>) 300 milligram (mg)/gram (g) and <= 5000 mg/g | urine_acr > 300 mg/g and urine_acr <= 5000 mg/g | urine_acr 250 mg/g | not met |
      | Must have a urine albumin to creatinine ratio (UACR) of greater than (>) 300 milligram (mg)/gram (g) and <= 5000 mg/g | urine_acr > 300 mg/g and urine_acr <= 5000 mg/g | nothing | undecided |
      | Subject has a urinary microalbumin/creatinine ratio above or equal to 300 mg/g at screening | urine_acr >= 300 mg/g | urine_acr 300 mg/g | met |
      | Subject has a urinary microalbumin/creatinine ratio above or equal to 300 mg/g at screening | urine_acr >= 300 mg/g | urine_acr 299 mg/g | not met |
      | Subjects with (eGFR ≥ 60 and ≤ 160 mL/min/1.73m² and urinary albumin excretion < 300 mg/g creatinine) | egfr >= 60 mL/min/{1.73_m2} and egfr <= 160 mL/min/{1.73_m2} and urine_acr < 300 mg/g | egfr 90 mL/min/{1.73_m2}; urine_acr 100 mg/g | met |
      | Subjects with (eGFR ≥ 60 and ≤ 160 mL/min/1.73m² and urinary albumin excretion < 300 mg/g creatinine) | egfr >= 60 mL/min/{1.73_m2} and egfr <= 160 mL/min/{1.73_m2} and urine_acr < 300 mg/g | egfr 90 mL/min/{1.73_m2}; urine_acr 350 mg/g | not met |
      | Subjects with (eGFR ≥ 60 and ≤ 160 mL/min/1.73m² and urinary albumin excretion < 300 mg/g creatinine) | egfr >= 60 mL/min/{1.73_m2} and egfr <= 160 mL/min/{1.73_m2} and urine_acr < 300 mg/g | egfr 90 mL/min/{1.73_m2} | undecided |
      | 24 hours proteinuria ≤ 1 g/24 h | urine_protein_24h <= 1 g/d | urine_protein_24h 800 mg/d | met |
      | 24 hours proteinuria ≤ 1 g/24 h | urine_protein_24h <= 1 g/d | urine_protein_24h 1.2 g/d | not met |
      | 24 hours proteinuria ≤ 1 g/24 h | urine_protein_24h <= 1 g/d | nothing | undecided |

  Scenario Outline: QTc with its correction named, measured on the screening ECG (NCT01160926, NCT02054156)
    Given the exclusion line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | line | rule | observations | met |
      | Mean QTc with Bazetts correction >470msec in screening ECG or history of familial long QT syndrome | qtc > 470 ms or history of long_qt_syndrome | qtc 480 ms | met |
      | Mean QTc with Bazetts correction >470msec in screening ECG or history of familial long QT syndrome | qtc > 470 ms or history of long_qt_syndrome | nothing | undecided |
      | Abnormal ECG test at the Baseline Visit defined as a QT interval corrected (QTc) (B) of ≥460 msec or history of ventricular arrhythmia | qtc >= 460 ms or history of ventricular_arrhythmia | qtc 460 ms | met |
      | Abnormal ECG test at the Baseline Visit defined as a QT interval corrected (QTc) (B) of ≥460 msec or history of ventricular arrhythmia | qtc >= 460 ms or history of ventricular_arrhythmia | nothing | undecided |

  Scenario Outline: NYHA classes written in arabic numerals (NCT03929900)
    Given the exclusion line "Patients who diagnosed heart failure with NYHA class 3 or 4"
    And a patient with conditions I50.9 since 2020-01-01 and the nyha_class recorded as <class>
    When the line is evaluated on 2026-11-27
    Then the line reads as "nyha_class = III or nyha_class = IV"
    And it is <met>

    Examples:
      | class   | met       |
      | III     | met       |
      | II      | not met   |
      | nothing | undecided |

  Scenario Outline: A threshold waived in the presence of a condition (NCT01217749)
    Given the inclusion line "Subjects must have organ and marrow function as defined below: Absolute neutrophil count (ANC) ≥ 1000/µL in the absence of bone marrow involvement"
    And a patient with observations <observations> and the fact bone_marrow_involvement <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads as "anc >= 1000 /uL or bone_marrow_involvement"
    And it is <met>

    Examples:
      | observations | answer     | met       |
      | anc 1500 /uL | unrecorded | met       |
      | anc 800 /uL  | false      | not met   |
      | anc 800 /uL  | true       | met       |
      | anc 800 /uL  | unrecorded | undecided |
      | nothing      | false      | undecided |

  Scenario Outline: A looser threshold for patients with cancer in the liver (NCT01337492)
    Given the inclusion line "ALT and AST < 2.5 times the Upper Limits of Normal (ULN) ( < 5 x ULN for patients with liver involvement)"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(alt < 2.5 x ULN or (alt < 5 x ULN and liver_involvement)) and (ast < 2.5 x ULN or (ast < 5 x ULN and liver_involvement))"
    And it is <met>

    Examples:
      | observations                                | conditions                        | met       |
      | alt 100 U/L ref 7-55; ast 40 U/L ref 8-48   | nothing, complete                 | met       |
      | alt 200 U/L ref 7-55; ast 40 U/L ref 8-48   | nothing, complete                 | not met   |
      | alt 200 U/L ref 7-55; ast 40 U/L ref 8-48   | C22.0 since 2025-06-01, complete  | met       |
      | alt 300 U/L ref 7-55; ast 40 U/L ref 8-48   | C22.0 since 2025-06-01, complete  | not met   |
      | alt 200 U/L ref 7-55; ast 40 U/L ref 8-48   | nothing                           | undecided |
      | alt 100 U/L ref 7-55                        | nothing, complete                 | undecided |

  Scenario Outline: A negative score threshold (NCT04816916)
    Given the inclusion line "A PHES of ≤ -4 during Screening."
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "phes <= -4"
    And it is <met>

    Examples:
      | observations | met       |
      | phes -6 1    | met       |
      | phes -4 1    | met       |
      | phes -2 1    | not met   |
      | nothing      | undecided |

  Scenario Outline: Children named by their age range (NCT03863418)
    Given the inclusion line "Children aged 6-36 months"
    And a patient born <born>
    When the line is evaluated on 2026-11-27
    Then the line reads as "age >= 6 months and age <= 36 months"
    And it is <met>

    Examples:
      | born       | met       |
      | 2025-01-15 | met       |
      | 2022-06-01 | not met   |
      | 2026-08-01 | not met   |
      | unknown    | undecided |

  Scenario Outline: A range of multiples of the upper limit of normal
    Given the inclusion line "ALP between 2 x ULN and 3 x ULN"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "alp >= 2 x ULN and alp <= 3 x ULN"
    And it is <met>

    # read as U/L once (2 to 3 U/L): every real patient failed it
    Examples:
      | observations              | met       |
      | alp 300 U/L ref 40-130    | met       |
      | alp 100 U/L ref 40-130    | not met   |
      | alp 400 U/L ref 40-130    | not met   |
      | nothing                   | undecided |

  Scenario Outline: One threshold per sex written "in women and … in men" (NCT03928158)
    Given the inclusion line "Moderate/severe hypertensive left ventricular (LV) hypertrophy (LVMi ≥109 g/m² in women and ≥132 g/m² in men);"
    And a <sex> patient born 1960-01-01 with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Moderate/severe hypertensive left ventricular (LV) hypertrophy") and ((lv_mass_index >= 109 g/m2 and sex = female) or (lv_mass_index >= 132 g/m2 and sex = male))"
    And it is <met>

    # "hypertensive" (the cause) stays unread, so a bound that holds leaves the line undecided
    Examples:
      | sex    | observations             | met       |
      | female | lv_mass_index 120 g/m2   | undecided |
      | male   | lv_mass_index 120 g/m2   | not met   |
      | male   | lv_mass_index 140 g/m2   | undecided |
      | female | lv_mass_index 100 g/m2   | not met   |
      | female | nothing                  | undecided |

  Scenario Outline: Sex-specific exclusion thresholds joined by "or"
    Given the exclusion line "serum creatinine ≥1.5mg/dL in males or ≥1.4mg/dL in females"
    And a <sex> patient born 1960-01-01 with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(creatinine >= 1.5 mg/dL and sex = male) or (creatinine >= 1.4 mg/dL and sex = female)"
    And it is <met>

    # once read as "creatinine >= 1.5 and (male or creatinine >= 1.4) and female": a man
    # with creatinine 2.0 was not excluded
    Examples:
      | sex    | observations             | met       |
      | male   | creatinine 2.0 mg/dL     | met       |
      | male   | creatinine 1.45 mg/dL    | not met   |
      | female | creatinine 1.45 mg/dL    | met       |
      | male   | nothing                  | undecided |

  Scenario Outline: A further requirement in an exclusion: failing it excludes too (NCT02521181)
    Given the exclusion line "Serum potassium <3.3 or ≥5.5 mEq/L at screening (must be 3.5-5.5 mEq/L prior to randomization)"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "potassium < 3.3 meq/L or potassium >= 5.5 meq/L or not (potassium >= 3.5 meq/L and potassium <= 5.5 meq/L)"
    And it is <met>

    Examples:
      | observations          | met       |
      | potassium 3.0 meq/L   | met       |
      | potassium 3.4 meq/L   | met       |
      | potassium 4.2 meq/L   | not met   |
      | potassium 5.6 meq/L   | met       |
      | nothing               | undecided |

  Scenario Outline: A looser threshold "if" a read condition holds (NCT01857115)
    Given the inclusion line "Platelet count ≥ 50 × 109/L (≥ 30 × 109/L if myeloma involvement in the bone marrow is > 50%) within 14 days prior to randomization."
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "platelets >= 50 10*9/L within 14 days or (platelets >= 30 10*9/L within 14 days and bone_marrow_plasma_cells > 50 % within 14 days)"
    And it is <met>

    Examples:
      | observations                                             | met       |
      | platelets 60 10*9/L                                      | met       |
      | platelets 40 10*9/L; bone_marrow_plasma_cells 70 %       | met       |
      | platelets 40 10*9/L; bone_marrow_plasma_cells 30 %       | not met   |
      | platelets 20 10*9/L; bone_marrow_plasma_cells 70 %       | not met   |
      | platelets 40 10*9/L                                      | undecided |

  Scenario Outline: A stricter exclusion threshold lifted "if" a read condition holds
    Given the exclusion line "ALT > 2.5 x ULN (> 5 x ULN if liver metastases)"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "alt > 2.5 x ULN and (alt > 5 x ULN or not liver_metastases)"
    And it is <met>

    Examples:
      | observations              | conditions                       | met       |
      | alt 200 U/L ref 7-55      | nothing, complete                | met       |
      | alt 200 U/L ref 7-55      | C78.7 since 2025-06-01, complete | not met   |
      | alt 300 U/L ref 7-55      | C78.7 since 2025-06-01, complete | met       |
      | alt 100 U/L ref 7-55      | nothing, complete                | not met   |
      | alt 200 U/L ref 7-55      | nothing                          | undecided |

  Scenario Outline: The device a measurement is taken by is no criterion (NCT03920605, NCT02141828, NCT01160926)
    Given the inclusion line "<line>"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | line | rule | observations | met |
      | Portal vein diameter ≤ 12 mm from liver ultrasound; | portal_vein_diameter <= 12 mm | portal_vein_diameter 11 mm | met |
      | Portal vein diameter ≤ 12 mm from liver ultrasound; | portal_vein_diameter <= 12 mm | portal_vein_diameter 14 mm | not met |
      | Portal vein diameter ≤ 12 mm from liver ultrasound; | portal_vein_diameter <= 12 mm | nothing | undecided |
      | Cardiac Function: Patient must have a shortening fraction (SF) of > 27% or an ejection fraction (EF) of > 50% by echocardiogram or MUGA scan. | lv_shortening_fraction > 27 % or lvef > 50 % | lv_shortening_fraction 30 % | met |
      | Cardiac Function: Patient must have a shortening fraction (SF) of > 27% or an ejection fraction (EF) of > 50% by echocardiogram or MUGA scan. | lv_shortening_fraction > 27 % or lvef > 50 % | lv_shortening_fraction 20 %; lvef 45 % | not met |
      | Cardiac Function: Patient must have a shortening fraction (SF) of > 27% or an ejection fraction (EF) of > 50% by echocardiogram or MUGA scan. | lv_shortening_fraction > 27 % or lvef > 50 % | lv_shortening_fraction 20 % | undecided |
      | Inc Criteria: Renal function: Serum creatinine clearance >50mL/min by either Cockcroft-Gault formula or EDTA (ethylenediaminetetraacetic acid) clearance | creatinine_clearance > 50 mL/min | creatinine_clearance 60 mL/min | met |
      | Inc Criteria: Renal function: Serum creatinine clearance >50mL/min by either Cockcroft-Gault formula or EDTA (ethylenediaminetetraacetic acid) clearance | creatinine_clearance > 50 mL/min | creatinine_clearance 45 mL/min | not met |
      | Inc Criteria: Renal function: Serum creatinine clearance >50mL/min by either Cockcroft-Gault formula or EDTA (ethylenediaminetetraacetic acid) clearance | creatinine_clearance > 50 mL/min | nothing | undecided |

  Scenario Outline: Dipstick grades and a spot-urine protein concentration (NCT01005199)
    Given the inclusion line "PATIENT CHARACTERISTICS: Urine dipstick for proteinuria ≤ 1+ OR protein spot urine < 0.6 g/L"
    And a patient with conditions nothing and the urine_protein_dipstick recorded as <grade>
    When the line is evaluated on 2026-11-27
    Then the line reads as "urine_protein_dipstick <= 1+ or urine_protein_conc < 0.6 g/L"
    And it is <met>

    # the spot-urine concentration is not recorded: only the dipstick grade decides
    Examples:
      | grade    | met       |
      | trace    | met       |
      | 1+       | met       |
      | 2+       | undecided |
      | nothing  | undecided |

  Scenario Outline: A qualified condition "as assessed by" a score threshold (NCT01234883)
    Given the inclusion line "Moderate to severe dehydration (as assessed by Gorelick score13 ≥ 4"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "gorelick_score >= 4"
    And it is <met>

    # "13" is a footnote mark glued to "score", the parenthesis is never closed
    Examples:
      | observations        | met       |
      | gorelick_score 5 1  | met       |
      | gorelick_score 3 1  | not met   |
      | nothing             | undecided |

  Scenario Outline: "No A, B, or C" rules out every item, thresholds included (NCT01005199)
    Given the inclusion line "PATIENT CHARACTERISTICS: No ongoing cardiac dysrhythmias of NCI CTCAE grade ≥ 2, atrial fibrillation of any grade, prolongation of QTc > 500 msec on screening electrocardiogram (ECG), or history of familial long QT syndrome"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, in part, as "not ((arrhythmia and unparsed("NCI CTCAE grade ≥ 2")) or atrial_fibrillation or qtc > 500 ms or history of long_qt_syndrome)"
    And it is <met>

    # the serial ", or" once ended the list: "qtc > 500 ms" was an alternative way to qualify
    Examples:
      | observations | met       |
      | qtc 550 ms   | not met   |
      | qtc 450 ms   | undecided |
      | nothing      | undecided |

  Scenario Outline: A range of NYHA classes (NCT03928158)
    Given the inclusion line "New York Heart Association (NYHA) class II-III heart failure;"
    And a patient with conditions I50.9 since 2020-01-01 and the nyha_class recorded as <class>
    When the line is evaluated on 2026-11-27
    Then the line reads as "nyha_class >= II and nyha_class <= III"
    And it is <met>

    Examples:
      | class   | met       |
      | II      | met       |
      | III     | met       |
      | IV      | not met   |
      | I       | not met   |
      | nothing | undecided |

  Scenario Outline: "or normal <analyte>": within the lab's reference range (NCT02141828)
    Given the inclusion line "Renal and Hepatic Function: Patient must have adequate renal and hepatic functions as indicated by the following laboratory values: Total bilirubin < 1.5 x ULN for age or normal conjugated bilirubin"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "bilirubin < 1.5 x ULN or (direct_bilirubin >= 1 x LLN and direct_bilirubin <= 1 x ULN)"
    And it is <met>

    Examples:
      | observations                                                     | met       |
      | bilirubin 1.0 mg/dL ref 0.2-1.2                                  | met       |
      | bilirubin 2.5 mg/dL ref 0.2-1.2; direct_bilirubin 0.2 mg/dL ref 0.0-0.3 | met |
      | bilirubin 2.5 mg/dL ref 0.2-1.2; direct_bilirubin 0.8 mg/dL ref 0.0-0.3 | not met |
      | bilirubin 2.5 mg/dL ref 0.2-1.2                                  | undecided |

  Scenario Outline: "Extremely moribund" is moribund (NCT03866083)
    Given the exclusion line "Extremely moribund patients with an expected life expectancy of less than 24 hours"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "moribund and life_expectancy < 24 hours"
    And it is <met>

    Examples:
      | facts                                | met       |
      | moribund true; life_expectancy 12 h  | met       |
      | moribund true; life_expectancy 3 d   | not met   |
      | moribund false; life_expectancy 12 h | not met   |
      | moribund true; unrecorded            | undecided |

  Scenario Outline: Sweat chloride in milliequivalents per litre, by its test method (NCT02054156)
    Given the inclusion line "sweat chloride ≥ 60 milliequivalent (mEq)/liter by quantitative by pilocarpine iontophoresis test (QPIT)"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "sweat_chloride >= 60 meq/L"
    And it is <met>

    Examples:
      | observations               | met       |
      | sweat_chloride 85 mmol/L   | met       |
      | sweat_chloride 45 mmol/L   | not met   |
      | nothing                    | undecided |

  Scenario Outline: "Thrombotic or embolic events" with examples, in a window (NCT01337492)
    Given the exclusion line "Thrombolic or embolic events such as a cerebrovascular accident including transient ischemic attacks within the past 6 months."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "thromboembolism within 6 months or stroke within 6 months or tia within 6 months"
    And it is <met>

    Examples:
      | conditions                                           | met       |
      | I26.99 since 2026-09-01                              | met       |
      | G45.9 since 2026-10-01                               | met       |
      | I26.99 since 2020-01-01 resolved 2020-03-01, complete | not met  |
      | nothing, complete                                    | not met   |
      | nothing                                              | undecided |

  Scenario Outline: "Hemorrhagic or thrombotic cerebrovascular event" is any cerebrovascular event (NCT01005199)
    Given the inclusion line "PATIENT CHARACTERISTICS: No history of hemorrhagic or thrombotic cerebrovascular event within the past 12 months"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not history of cerebrovascular_disease within 12 months"
    And it is <met>

    Examples:
      | conditions                                           | met       |
      | I63.9 since 2026-05-01                               | not met   |
      | I61.9 since 2026-05-01                               | not met   |
      | I63.9 since 2020-01-01 resolved 2020-02-01, complete | met       |
      | nothing, complete                                    | met       |
      | nothing                                              | undecided |

  Scenario Outline: A history cue over a list with an Oxford comma, and a "Medical history of:" header
    Given the exclusion line "<line>"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    # resolved ascites is history of ascites: it excludes, though it is not current
    Examples:
      | line | rule | conditions | met |
      | Prior history of decompensated liver disease including clinical ascites, hepatic encephalopathy (HE), or variceal bleeding | history of decompensated_liver_disease or history of ascites or history of hepatic_encephalopathy or history of gi_bleeding | R18.8 since 2024-01-01 resolved 2024-03-01 | met |
      | Prior history of decompensated liver disease including clinical ascites, hepatic encephalopathy (HE), or variceal bleeding | history of decompensated_liver_disease or history of ascites or history of hepatic_encephalopathy or history of gi_bleeding | K72.91 since 2020-01-01 resolved 2020-02-01 | met |
      | Prior history of decompensated liver disease including clinical ascites, hepatic encephalopathy (HE), or variceal bleeding | history of decompensated_liver_disease or history of ascites or history of hepatic_encephalopathy or history of gi_bleeding | nothing | undecided |
      | Medical history of: Nonalcoholic steatohepatitis (NASH). | history of nash | K75.81 since 2019-05-01 resolved 2022-05-01 | met |
      | Medical history of: Nonalcoholic steatohepatitis (NASH). | history of nash | I10 since 2019-05-01, complete | not met |
      | Medical history of: Nonalcoholic steatohepatitis (NASH). | history of nash | nothing | undecided |

  Scenario Outline: A window closing an "or" list covers every item ("…, refractory ascites or HRS within 1 month")
    Given the exclusion line "Appearance of active variceal bleeding, overt hepatic encephalopathy (HE), refractory ascites or hepatorenal syndrome within 1 month prior to screening visit."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unparsed("Appearance") and gi_bleeding within 1 month) or hepatic_encephalopathy within 1 month or refractory_ascites within 1 month or hepatorenal_syndrome within 1 month"
    And it is <met>

    # encephalopathy that resolved two weeks ago is inside the window, one from last year is not
    Examples:
      | conditions                                           | met       |
      | K72.91 since 2026-11-01 resolved 2026-11-13          | met       |
      | K72.91 since 2025-01-01 resolved 2025-02-01, complete | not met  |
      | K72.91 since 2025-01-01 resolved 2025-02-01          | undecided |

  Scenario Outline: A history cue over a measured class ("Current or history of NYHA Class IV heart failure")
    Given the exclusion line "Current or history of New York Heart Association (NYHA) Class IV heart failure"
    And a patient scored nyha_class <nyha> with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "nyha_class = IV or unparsed("history of")"
    And it is <met>

    # class IV now is history of it; an earlier class IV cannot be looked up, so class II now
    # leaves the line open rather than clearing a patient whose failure was once class IV.
    # The class grades heart failure, so no heart-failure code is asked besides it (read
    # "… and history of heart_failure", a class IV patient without the code was cleared)
    Examples:
      | nyha       | conditions                                             | met       |
      | IV         | I50.9 since 2024-01-01                                 | met       |
      | IV         | nothing, complete                                      | met       |
      | II         | I50.9 since 2020-01-01 resolved 2023-01-01, complete   | undecided |
      | II         | I10 since 2020-01-01, complete                         | undecided |
      | unmeasured | I50.9 since 2024-01-01                                 | undecided |

  Scenario Outline: A longer wait for one drug, named with its brand ("(> 3 weeks for pegfilgrastim [Neulasta®])")
    Given the inclusion line "More than 1 week since prior growth factors (> 3 weeks for pegfilgrastim [Neulasta®])"
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "not hematopoietic_growth_factors within 1 week and not pegfilgrastim within 3 weeks"
    And it is <met>

    # pegfilgrastim two weeks ago is inside its own three-week wait; filgrastim two weeks
    # ago is past the one-week wait for other growth factors
    Examples:
      | drug          | when       | complete    | met       |
      | pegfilgrastim | 2026-11-13 | medications | not met   |
      | filgrastim    | 2026-11-13 | medications | met       |
      | pegfilgrastim | 2026-10-01 | medications | met       |
      | filgrastim    | 2026-11-24 | no sections | not met   |
      | filgrastim    | 2026-11-13 | no sections | undecided |

  Scenario Outline: Washouts of therapies the vocabulary names ("At least 7 days since the completion of therapy with a biologic agent")
    Given the inclusion line "<line>"
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | line | rule | drug | when | complete | met |
      | Myelosuppressive Chemotherapy: At least 7 days since the completion of therapy with a biologic agent | not biologic_therapy within 7 days | rituximab | 2026-11-24 | no sections | not met |
      | Myelosuppressive Chemotherapy: At least 7 days since the completion of therapy with a biologic agent | not biologic_therapy within 7 days | rituximab | 2026-11-10 | medications | met |
      | Myelosuppressive Chemotherapy: At least 7 days since the completion of therapy with a biologic agent | not biologic_therapy within 7 days | rituximab | 2026-11-10 | no sections | undecided |
      | Myelosuppressive Chemotherapy: At least 21 days since receipt of chimeric antigen receptor therapy or other modified T cell therapy | not modified_t_cell_therapy within 21 days | tisagenlecleucel | 2026-11-20 | no sections | not met |
      | Myelosuppressive Chemotherapy: At least 21 days since receipt of chimeric antigen receptor therapy or other modified T cell therapy | not modified_t_cell_therapy within 21 days | tisagenlecleucel | 2026-09-20 | medications | met |
      | Myelosuppressive Chemotherapy: At least 21 days since receipt of chimeric antigen receptor therapy or other modified T cell therapy | not modified_t_cell_therapy within 21 days | tisagenlecleucel | 2026-09-20 | no sections | undecided |

  Scenario Outline: Procedures named for a washout ("At least 1 month since prior autologous SCT", "14 days must have elapsed since …")
    Given the inclusion line "<line>"
    And a patient with the procedure <name> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | line | rule | name | when | complete | met |
      | At least 1 month since prior autologous SCT | not stem_cell_transplant within 1 month | autologous stem cell transplantation | 2026-11-10 | no sections | not met |
      | At least 1 month since prior autologous SCT | not stem_cell_transplant within 1 month | autologous stem cell transplantation | 2026-09-10 | procedures | met |
      | At least 1 month since prior autologous SCT | not stem_cell_transplant within 1 month | autologous stem cell transplantation | never | no sections | undecided |
      | Myelosuppressive Chemotherapy: 14 days must have elapsed since the completion of cytotoxic therapy | not chemotherapy within 14 days | chemotherapy | 2026-11-20 | no sections | not met |
      | Myelosuppressive Chemotherapy: 14 days must have elapsed since the completion of cytotoxic therapy | not chemotherapy within 14 days | chemotherapy | 2026-11-01 | procedures | met |
      | Myelosuppressive Chemotherapy: 14 days must have elapsed since the completion of cytotoxic therapy | not chemotherapy within 14 days | chemotherapy | never | no sections | undecided |

  Scenario Outline: A note qualifies the criterion before it and is never read as one ("… Note: … more than 5 days have elapsed since …")
    Given the exclusion line "All Subjects: History of febrile illness within 5 days prior to dosing Note: Subjects can be rescreened once afebrile and more than 5 days have elapsed since the febrile illness."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "history of febrile_illness within 5 days and unparsed("Note: Subjects can be rescreened once afebrile and more than 5 days have elapsed since the febrile illness.")"
    And it is <met>

    # the note's own "since" once made the line contradict itself: a fever two days ago did
    # not exclude
    Examples:
      | conditions                                   | met       |
      | R50.9 since 2026-11-25                       | undecided |
      | R50.9 since 2026-10-01 resolved 2026-10-05, complete | not met |
      | nothing                                      | undecided |

  Scenario Outline: A window closing a list of treatments ("nutritional drinks, probiotics or prebiotics within the last 3 months")
    Given the exclusion line "Treatment with nutritional drinks, probiotics or prebiotics within the last 3 months"
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "nutritional_supplements within 3 months or probiotics within 3 months or prebiotics within 3 months"
    And it is <met>

    Examples:
      | drug                        | when       | complete    | met       |
      | oral nutritional supplement | 2026-10-15 | no sections | met       |
      | oral nutritional supplement | 2026-05-15 | medications | not met   |
      | probiotic                   | 2026-11-01 | no sections | met       |
      | probiotic                   | 2026-05-15 | no sections | undecided |

  Scenario Outline: An example in parentheses widens a windowed condition ("Arterial thromboembolic event (including ischemic attack) in the previous 12 months")
    Given the inclusion line "Arterial thromboembolic event (including ischemic attack) in the previous 12 months"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "arterial_thromboembolism within 12 months or tia within 12 months"
    And it is <met>

    Examples:
      | conditions                                            | met       |
      | G45.9 since 2026-06-01 resolved 2026-06-02            | met       |
      | G45.9 since 2024-06-01 resolved 2024-06-02, complete  | not met   |
      | G45.9 since 2024-06-01 resolved 2024-06-02            | undecided |

  Scenario Outline: "History of unresolved" abnormality is the abnormality now ("History of unresolved, abnormal neutropenia (ANC ≤ 1000)")
    Given the exclusion line "History of unresolved, abnormal neutropenia (ANC ≤ 1000)"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "anc <= 1000 /uL"
    And it is <met>

    Examples:
      | observations    | met       |
      | anc 800 /uL     | met       |
      | anc 1500 /uL    | not met   |
      | nothing         | undecided |

  Scenario Outline: Elided "thrombotic or embolic events", with examples, in a window
    Given the exclusion line "Thrombolic or embolic events such as a cerebrovascular accident including transient ischemic attacks within the past 6 months."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "thromboembolism within 6 months or stroke within 6 months or tia within 6 months"
    And it is <met>

    Examples:
      | conditions                                            | met       |
      | I82.40 since 2026-09-01 resolved 2026-10-01           | met       |
      | G45.9 since 2026-08-01 resolved 2026-08-02            | met       |
      | I63.9 since 2025-01-01 resolved 2025-02-01, complete  | not met   |
      | I63.9 since 2025-01-01 resolved 2025-02-01            | undecided |

  Scenario Outline: "A requiring B or C requiring D": each pair is one alternative
    Given the exclusion line "Disease-related: Subjects with pleural effusions requiring thoracentesis or ascites requiring paracentesis within 14 days prior to randomization."
    And a patient with conditions <conditions> and the procedure <procedure> on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(pleural_effusion within 14 days and thoracentesis within 14 days) or (ascites within 14 days and paracentesis within 14 days)"
    And it is <met>

    # ascites drained a week ago excludes without any pleural effusion
    Examples:
      | conditions                        | procedure    | when       | met       |
      | R18.8 since 2026-10-01            | paracentesis | 2026-11-20 | met       |
      | R18.8 since 2026-10-01, complete  | paracentesis | 2026-10-02 | not met   |
      | R18.8 since 2026-10-01            | paracentesis | never      | undecided |

  Scenario Outline: "No X with Y" negates both together
    Given the inclusion line "PRIOR CONCURRENT THERAPY: No concurrent full-dose anticoagulation with coumarin derivatives"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("full-dose") and anticoagulants and vitamin_k_antagonists)"
    And it is <met>

    # a record with no anticoagulant at all once read as failing ("not X and Y" needed Y).
    # "full-dose" was a synonym dropped into anticoagulants: a patient on low-dose warfarin
    # failed; the dose is unread, so warfarin leaves the line open
    Examples:
      | drug     | when       | complete    | met       |
      | warfarin | 2026-10-01 | no sections | undecided |
      | heparin  | 2026-10-01 | medications | met       |
      | heparin  | 2026-10-01 | no sections | undecided |

  Scenario Outline: A history cue over a list ending in "etc." ("Previous splenectomy, …, TIPS, liver transplantation, etc.")
    Given the exclusion line "Previous splenectomy, cardia periesophageal vascular dissection, transjugular intrahepatic portosystemic shunt (TIPS), liver transplantation, etc."
    And a patient with the procedure <name> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "history of splenectomy or history of esophagogastric_devascularization or history of tips or history of liver_transplant or unparsed("etc.")"
    And it is <met>

    # "etc." leaves the list open: a record without the listed procedures is not cleared
    Examples:
      | name                                          | when       | complete    | met       |
      | transjugular intrahepatic portosystemic shunt | 2020-03-01 | no sections | met       |
      | appendectomy                                  | 2020-03-01 | procedures  | undecided |
      | appendectomy                                  | 2020-03-01 | no sections | undecided |

  Scenario Outline: A duration after a judged fact is never dropped ("Incomplete response to UDCA after 6 months of treatment")
    Given the inclusion line "Incomplete response to UDCA after 6 months of treatment."
    And a patient with observations nothing and the fact udca_incomplete_response <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads as "udca_incomplete_response and udca for >= 6 months"
    And it is <met>

    # a fact whose synonym was this whole sentence read the duration as understood; the
    # duration is the drug's own (see the scenario on NCT00713934 below), so without the
    # drug on record only an answer that decides the line alone (false) decides it
    Examples:
      | answer     | met       |
      | true       | undecided |
      | false      | not met   |
      | unrecorded | undecided |

  Scenario Outline: "Subjects taking X must be …" asks it only of those taking X
    Given the inclusion line "Subjects taking metformin, and/or sulfonylurea must be on a stable dose for at least 2 months prior to study drug administration"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not ((unparsed("taking") and metformin) or sulfonylureas) or unparsed("stable dose for at least 2 months prior to study drug administration")"
    And it is <met>

    Examples:
      | drug       | when       | complete    | met       |
      | metformin  | 2026-01-01 | medications | undecided |
      | lisinopril | 2026-01-01 | medications | met       |
      | lisinopril | 2026-01-01 | no sections | undecided |

  Scenario Outline: "received" is a history cue ("Previously received chronic dialysis")
    Given the exclusion line "Previously received chronic dialysis"
    And a patient with the procedure <name> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "history of dialysis"
    And it is <met>

    Examples:
      | name         | when       | complete    | met       |
      | hemodialysis | 2019-05-01 | no sections | met       |
      | appendectomy | 2019-05-01 | procedures  | not met   |
      | appendectomy | 2019-05-01 | no sections | undecided |

  Scenario Outline: "assessed within the last 3 months" bounds the measurement
    Given the inclusion line "Patients with functional NYHA class II-IV with LVEF < 40% assessed within the last 3 months"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "nyha_class >= II and nyha_class <= IV and lvef < 40 % within 3 months"
    And it is <met>

    # "functional NYHA class" is the NYHA functional class (once left "functional" unread)

    Examples:
      | observations   | met       |
      | lvef 45 %      | not met   |
      | lvef 35 %      | undecided |
      | nothing        | undecided |

  Scenario Outline: k of n listed items ("At least 2 of the following symptoms or signs …: Anorexia, nausea, RUQ pain, jaundice, leukocytosis, hepatomegaly")
    Given the inclusion line "At least 2 of the following symptoms or signs of acute alcoholic hepatitis: Anorexia, nausea, RUQ pain, jaundice, leukocytosis, hepatomegaly AND"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then it is <met>

    # two of the six met; one alone is not enough once the record is complete
    Examples:
      | conditions                                       | met       |
      | R17 since 2026-11-01; R16.0 since 2026-11-01     | met       |
      | R17 since 2026-11-01, complete                   | not met   |
      | R17 since 2026-11-01                             | undecided |
      | nothing                                          | undecided |

  Scenario Outline: A window "during the N weeks before <anchor>" ("use of systemic antibiotics or anti-mycotic drugs during 4 weeks before study entry")
    Given the exclusion line "<line>"
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | line | rule | drug | when | complete | met |
      | use of systemic antibiotics or anti-mycotic drugs during 4 weeks before study entry; | antibiotics within 4 weeks or antifungals within 4 weeks | amoxicillin | 2026-11-10 | no sections | met |
      | use of systemic antibiotics or anti-mycotic drugs during 4 weeks before study entry; | antibiotics within 4 weeks or antifungals within 4 weeks | amoxicillin | 2026-09-10 | medications | not met |
      | use of systemic antibiotics or anti-mycotic drugs during 4 weeks before study entry; | antibiotics within 4 weeks or antifungals within 4 weeks | amoxicillin | 2026-09-10 | no sections | undecided |
      | Administration of any investigational drug within 30 days prior to the Baseline Visit | investigational_drug within 30 days | investigational drug | 2026-11-10 | no sections | met |
      | Administration of any investigational drug within 30 days prior to the Baseline Visit | investigational_drug within 30 days | investigational drug | 2026-09-10 | medications | not met |

  Scenario Outline: A window with nothing read before it stays unread, never dropped
    Given the inclusion line "No luteinizing hormone-releasing hormone agonists within 4 weeks prior to study entry"
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not unparsed("luteinizing hormone-releasing hormone agonists") and unparsed("within 4 weeks prior to study entry")"
    And it is <met>

    Examples:
      | drug       | when       | complete    | met       |
      | leuprolide | 2026-11-20 | medications | undecided |
      | leuprolide | 2025-01-01 | medications | undecided |

  Scenario Outline: "excluding" restricts what precedes it ("Organ transplant recipients (excluding cornea)")
    Given the exclusion line "Organ transplant recipients (excluding cornea)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "history of organ_transplant and (not unparsed("cornea") or unparsed("excluding cornea"))"
    And it is <met>

    # a transplant may be the cornea the line leaves out: open, never a definite exclusion
    Examples:
      | conditions                       | met       |
      | Z94.0 since 2015-01-01           | undecided |
      | I10 since 2015-01-01, complete   | not met   |

  Scenario Outline: A lead-in "… as follows:" that the list after it spells out (NCT01611363)
    Given the exclusion line "Abnormal pulse and/or blood pressure measurements at screening as follows: Pulse <40 or >90 bpm; mean systolic blood pressure >140 mmHg; mean diastolic blood pressure >90 mmHg"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "heart_rate < 40 /min or heart_rate > 90 /min or systolic_bp > 140 mm[Hg] or diastolic_bp > 90 mm[Hg]"
    And it is <met>

    Examples:
      | observations                                                        | met       |
      | heart_rate 95 /min; systolic_bp 120 mm[Hg]; diastolic_bp 80 mm[Hg]  | met       |
      | heart_rate 70 /min; systolic_bp 120 mm[Hg]; diastolic_bp 80 mm[Hg]  | not met   |
      | heart_rate 70 /min; systolic_bp 150 mm[Hg]; diastolic_bp 80 mm[Hg]  | met       |
      | heart_rate 70 /min; systolic_bp 120 mm[Hg]                          | undecided |

  Scenario Outline: "… structural heart disease, or a family history of X" keeps its list (NCT01611363)
    Given the exclusion line "A QTc interval of >430 ms (males) and >450 ms (females), a history of unexplained syncope, cardiac arrest, unexplained significant cardiac arrhythmias or torsades de pointes, structural heart disease, or a family history of Long QT Syndrome (LQTS)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, in part, as "(qtc > 430 ms and sex = male) or (qtc > 450 ms and sex = female) or (unparsed("unexplained") and history of syncope) or history of cardiac_arrest or (unparsed("unexplained") and unparsed("significant") and (history of arrhythmia or history of ventricular_arrhythmia)) or history of structural_heart_disease or unparsed("family history of Long QT Syndrome")"
    And it is <met>

    # "family" once split the list: "(structural heart disease or family) and history of
    # LQTS", so structural heart disease alone did not exclude
    Examples:
      | conditions              | met       |
      | I35.0 since 2024-01-01  | met       |
      | nothing, complete       | undecided |

  Scenario Outline: "Current or recent (within N weeks prior to …)" is a window on what follows
    Given the exclusion line "Current or recent (within 4 weeks prior to Cycle 1 Day 1) treatment with another Investigational Product or participation in another investigational interventional study."
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "investigational_drug within 4 weeks or other_trial_participation within 4 weeks"
    And it is <met>

    # participation in another study is a site-recorded fact with no date: never ruled out
    Examples:
      | drug                 | when       | complete    | met       |
      | investigational drug | 2026-11-10 | no sections | met       |
      | investigational drug | 2026-09-10 | medications | undecided |

  Scenario Outline: The methods a diagnosis is based on are no alternative to it (NCT02654665)
    Given the inclusion line "Diagnosis of NASH based on Liver Function Test Results ,Ultrasound Hepato-Biliary System (HBS) findings and / or Liver Biopsy"
    And a patient with conditions <conditions> and the procedure liver biopsy on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "nash and unparsed("based on Liver Function Test Results ,Ultrasound Hepato-Biliary System (HBS) findings and / or Liver Biopsy")"
    And it is <met>

    # read "nash or liver_biopsy", any biopsied patient met it
    Examples:
      | conditions               | when       | met       |
      | nothing, complete        | 2026-01-10 | not met   |
      | K75.81 since 2025-01-01  | 2026-01-10 | undecided |
      | nothing                  | never      | undecided |

  Scenario Outline: A leading "No" among exclusions is ambiguous and stays unread (NCT01887717)
    Given the exclusion line "No participation in concurrent clinical trials"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("No participation in concurrent clinical trials")"
    And it is <met>

    # read "not other_trial_participation" it excluded those not in another trial and
    # cleared those who were
    Examples:
      | facts                           | met       |
      | other_trial_participation true  | undecided |
      | other_trial_participation false | undecided |

  Scenario Outline: A window after "scheduled to" looks ahead and stays unread (NCT01842581)
    Given the exclusion line "Scheduled to receive a liver transplant within 1 month of screening."
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "liver_transplant_candidate and unparsed("within 1 month of screening")"
    And it is <met>

    Examples:
      | facts                            | met       |
      | liver_transplant_candidate true  | undecided |
      | liver_transplant_candidate false | not met   |

  Scenario Outline: "accepted primary prevention (…)" is treatment received, at any time (NCT04546360)
    Given the exclusion line "accepted primary prevention (non-selective beta blockers or endoscopic variceal ligation);"
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "history of nonselective_beta_blockers or history of variceal_ligation"
    And it is <met>

    # read current-only, a course of propranolol that ended last year did not exclude
    Examples:
      | drug        | when       | complete                | met       |
      | propranolol | 2025-06-01 | medications, procedures | met       |
      | metformin   | 2025-06-01 | medications, procedures | not met   |
      | metformin   | 2025-06-01 | no sections             | undecided |

  Scenario Outline: A shunt placed in the past is still there (NCT06855056)
    Given the exclusion line "Patients with TIPS or other surgical porto-caval shunts"
    And a patient with the procedure <name> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "history of tips or history of portosystemic_shunt"
    And it is <met>

    # read "tips or portosystemic_shunt", a TIPS completed in 2024 was "not current" and
    # the patient was not excluded
    Examples:
      | name                                           | when       | complete                | met       |
      | transjugular intrahepatic portosystemic shunt  | 2024-01-10 | conditions, procedures  | met       |
      | transjugular intrahepatic portosystemic shunt  | never      | conditions, procedures  | not met   |
      | transjugular intrahepatic portosystemic shunt  | never      | no sections             | undecided |

  Scenario Outline: A diagnosis "defined as" a score range is the diagnosis and the range (NCT03432260)
    Given the inclusion line "Patients with alcoholic hepatitis defined as: MELD score between 11-30, inclusive"
    And a patient with observations meld <score> 1 and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "alcoholic_hepatitis and meld >= 11 and meld <= 30"
    And it is <met>

    # read as the MELD range alone, a patient with another liver disease and a MELD of 20
    # met it
    Examples:
      | score | conditions                          | met       |
      | 20    | K70.10 since 2026-10-01             | met       |
      | 20    | K74.60 since 2020-01-01, complete   | not met   |
      | 35    | K70.10 since 2026-10-01             | not met   |
      | 20    | nothing                             | undecided |

  Scenario Outline: A serial "A, B and C" among exclusions: any of them excludes (NCT05948982)
    Given the exclusion line "other causes of cirrhosis, such as alcoholic hepatitis, viral hepatitis C, autoimmune hepatitis and metabolic-related fatty liver disease"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unparsed("causes") and (cirrhosis or alcoholic_hepatitis)) or (viral_hepatitis and unparsed("C")) or autoimmune_hepatitis or nafld"
    And it is <met>

    # read "… and autoimmune_hepatitis and nafld", a patient with autoimmune hepatitis alone
    # was not excluded
    Examples:
      | conditions                        | met       |
      | K75.4 since 2020-01-01            | met       |
      | I10 since 2015-01-01, complete    | not met   |
      | nothing                           | undecided |

  Scenario Outline: "No X or X of Child-Pugh class A only" admits X of that class (NCT02774187)
    Given the inclusion line "No Cirrhosis or cirrhotic status of Child-Pugh class A only"
    And a patient with conditions <conditions> and the child_pugh_class recorded as <class>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not cirrhosis or (cirrhosis and child_pugh_class = A)"
    And it is <met>

    # it once read "not cirrhosis and child_pugh_class = A": a class A cirrhotic failed
    Examples:
      | conditions                       | class   | met       |
      | K74.60 since 2020-01-01, complete | A       | met       |
      | K74.60 since 2020-01-01, complete | B       | not met   |
      | nothing, complete                | nothing | met       |
      | K74.60 since 2020-01-01, complete | nothing | undecided |

  Scenario Outline: "(AST)/platelet ratio index (APRI)" is the index, not AST or platelets (NCT05061992)
    Given the inclusion line "Laboratory testing: aspartate aminotransferase (AST)/platelet ratio index (APRI) >2.0"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "apri > 2"
    And it is <met>

    # it once read "ast > 2 U/L or platelets > 2 10*9/L": any platelet count met it
    Examples:
      | observations                          | met       |
      | apri 2.5 1                            | met       |
      | apri 0.8 1                            | not met   |
      | platelets 200 10*9/L; ast 40 U/L      | undecided |

  Scenario Outline: ", or < 5 x ULN in case of liver metastases" is an alternative with its condition (NCT01334073)
    Given the inclusion line "AST and ALT < 2.5 x the upper normal limits (UNL), or < 5 x UNL in case of liver metastases"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(ast < 2.5 x ULN or (ast < 5 x ULN and liver_metastases)) and (alt < 2.5 x ULN or (alt < 5 x ULN and liver_metastases))"
    And it is <met>

    # it once read "((ast < 2.5 and alt < 2.5) or alt < 5 x ULN) and liver_metastases": a
    # patient without liver metastases always failed, one with them passed on ALT alone
    # whatever the AST
    Examples:
      | observations                                 | conditions                       | met       |
      | ast 50 U/L ref 0-40; alt 50 U/L ref 0-40     | nothing, complete                | met       |
      | ast 150 U/L ref 0-40; alt 50 U/L ref 0-40    | nothing, complete                | not met   |
      | ast 150 U/L ref 0-40; alt 50 U/L ref 0-40    | C78.7 since 2025-01-01, complete | met       |
      | ast 400 U/L ref 0-40; alt 150 U/L ref 0-40   | C78.7 since 2025-01-01, complete | not met   |
      | ast 150 U/L ref 0-40; alt 50 U/L ref 0-40    | nothing                          | undecided |
      | alt 50 U/L ref 0-40                          | nothing, complete                | undecided |

  Scenario Outline: "stage C. BCLC stage B, not suitable for …" lists alternative stages (NCT03794440)
    Given the inclusion line "Barcelona Clinic Liver Cancer stage C. BCLC stage B, not suitable for radical surgery and/or local treatment."
    And a patient with conditions nothing and the bclc_stage recorded as <stage>
    When the line is evaluated on 2026-11-27
    Then the line reads as "bclc_stage = C or (bclc_stage = B and unsuitable_for_radical_or_local_treatment)"
    And it is <met>

    # it once read "bclc_stage = C and bclc_stage = B and …", which no patient meets
    Examples:
      | stage   | met       |
      | C       | met       |
      | A       | not met   |
      | B       | undecided |
      | nothing | undecided |

  Scenario Outline: "Sinus (or atrial paced) rhythm" is one fact, read whole (NCT03938090)
    Given the inclusion line "Sinus (or atrial paced) rhythm with intact AV conduction (PR interval ≤250 ms)"
    And a patient with observations <observations> and the fact sinus_or_atrial_paced_rhythm <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads as "sinus_or_atrial_paced_rhythm and pr_interval <= 250 ms"
    And it is <met>

    Examples:
      | observations        | answer     | met       |
      | pr_interval 180 ms  | true       | met       |
      | pr_interval 280 ms  | true       | not met   |
      | pr_interval 180 ms  | false      | not met   |
      | pr_interval 180 ms  | unrecorded | undecided |
      | nothing             | true       | undecided |

  Scenario Outline: "unless due to Gilbert's disease" waives nothing by the syndrome alone (NCT01217749)
    Given the inclusion line "Subjects must have organ and marrow function as defined below: Total bilirubin ≤ 1.5 x institutional upper limit of normal unless due to Gilbert's disease"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "bilirubin <= 1.5 x ULN or (unparsed("due") and gilbert_syndrome)"
    And it is <met>

    # whether the syndrome raised the value is not recorded: with it the line stays open;
    # without it the threshold decides
    Examples:
      | observations                        | conditions                       | met       |
      | bilirubin 1.0 mg/dL ref 0.2-1.2     | nothing, complete                | met       |
      | bilirubin 3.0 mg/dL ref 0.2-1.2     | nothing, complete                | not met   |
      | bilirubin 3.0 mg/dL ref 0.2-1.2     | E80.4 since 2010-01-01, complete | undecided |
      | bilirubin 3.0 mg/dL ref 0.2-1.2     | nothing                          | undecided |
      | nothing                             | nothing, complete                | undecided |

  Scenario Outline: "between 2 X to 3X normal value": one limit for both bounds (NCT00713934)
    Given the inclusion line "Alkaline phosphatase between 2 X to 3X normal value"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "alp >= 2 x ULN and alp <= 3 x ULN"
    And it is <met>

    Examples:
      | observations               | met       |
      | alp 250 U/L ref 40-100     | met       |
      | alp 150 U/L ref 40-100     | not met   |
      | alp 350 U/L ref 40-100     | not met   |
      | nothing                    | undecided |

  Scenario Outline: ", or <several words>" after a threshold keeps the threshold an item of its own (NCT02521181)
    Given the exclusion line "New York Heart Association Class 3 or 4 heart failure symptoms, known left ventricular ejection fraction ≤30%, or hospital admission for heart failure within the past 3 months"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "nyha_class = III or nyha_class = IV or lvef <= 30 % or (unparsed("hospital") and unparsed("admission") and heart_failure within 3 months)"
    And it is <met>

    # it once read "(lvef <= 30 % or hospital) and admission and heart_failure within 3 months":
    # an LVEF of 25 % without a recent heart-failure diagnosis did not exclude
    Examples:
      | observations   | met       |
      | lvef 25 %      | met       |
      | lvef 45 %      | undecided |

  Scenario Outline: "Pregnant, lactating women or childbearing patients not using contraception" asks contraception of the second group only (NCT01160926)
    Given the inclusion line "Exc Criteria: Any pregnant, lactating women or potentially childbearing patients not using adequate contraception"
    And a <sex> patient with conditions <conditions> and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not ((sex = female and (pregnancy or lactation)) or (childbearing_potential and not contraception))"
    And it is <met>

    # a pregnant woman using contraception was cleared ("met") when the contraception
    # clause covered the whole list
    Examples:
      | sex     | conditions                    | facts                                           | met       |
      | female  | Z34.90 since 2026-09-01       | childbearing_potential true; contraception true | not met   |
      | female  | Z39.1 since 2026-10-01        | childbearing_potential true; contraception true | not met   |
      | female  | nothing, complete             | childbearing_potential true; contraception false | not met  |
      | female  | nothing, complete             | childbearing_potential true; contraception true | met       |
      | male    | nothing, complete             | childbearing_potential false                    | met       |
      | female  | nothing, complete             | childbearing_potential true                     | undecided |
      | unknown | Z34.90 since 2026-09-01       | contraception true                              | undecided |

  Scenario Outline: A donor's age is not the patient's (NCT03929523)
    Given the inclusion line "Donor age > 65 years"
    And a patient born <born>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Donor age > 65 years")"
    And it is <met>

    # read as "age > 65 years" it judged the recipient by the donor's age
    Examples:
      | born       | met       |
      | 1950-01-01 | undecided |
      | 1990-01-01 | undecided |
      | unknown    | undecided |

  Scenario Outline: One item of a "one or more of the following" list split into lines: met decides, not met leaves it open (NCT03864497)
    Given the inclusion line "Liver transplantation candidates with one or more of the following: serum creatinine >152μmol/l"
    And a patient with observations <observations> and the fact liver_transplant_candidate <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "liver_transplant_candidate and (creatinine > 152 umol/L or unparsed("one or more of the following: "))"
    And it is <met>

    # the other items sit on other lines: a creatinine of 100 μmol/L no longer fails the line
    Examples:
      | observations              | answer     | met       |
      | creatinine 200 umol/L     | true       | met       |
      | creatinine 100 umol/L     | true       | undecided |
      | creatinine 200 umol/L     | false      | not met   |
      | nothing                   | true       | undecided |

  Scenario Outline: An unread word before an "or" list qualifies every alternative (NCT02654665)
    Given the exclusion line "Untreated hypothyroidism or hyperthyroidism"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Untreated") and (hypothyroidism or hyperthyroidism)"
    And it is <met>

    # "(untreated and hypothyroidism) or hyperthyroidism" let a treated hyperthyroidism alone
    # decide the line
    Examples:
      | conditions                       | met       |
      | E05.90 since 2024-01-01          | undecided |
      | E03.9 since 2024-01-01           | undecided |
      | nothing, complete                | not met   |
      | nothing                          | undecided |

  Scenario Outline: A window before a serial list covers every item (NCT03938090)
    Given the exclusion line "Recent (< 3 months) myocardial infarction, catheter ablation, electrolyte imbalance, or any condition within the last 90 days that would contraindicate CRT programming changes in the opinion of the investigator"
    And a patient with the procedure catheter ablation on <when>
    And the patient's record declares its conditions, procedures complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "myocardial_infarction within 3 months or catheter_ablation within 3 months or electrolyte_imbalance within 3 months or crt_programming_contraindicated within 90 days"
    And it is <met>

    # the investigator's judgement has no date, so its 90-day window is never ruled out
    Examples:
      | when       | met       |
      | 2026-10-01 | met       |
      | 2025-01-01 | undecided |
      | never      | undecided |

  Scenario Outline: "(A and B are exempted)" is an exception, not more requirements (NCT02521181)
    Given the exclusion line "Malignancy requiring therapy within 2 years (basal or squamous cell skin carcinoma and localized prostate cancer are exempted)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "cancer within 2 years and unparsed("therapy") and (not (basal_cell_carcinoma or (cutaneous_squamous_cell_carcinoma and prostate_cancer)) or unparsed("basal or squamous cell skin carcinoma and localized prostate cancer")) and unparsed("within 2 years")"
    And it is <met>

    # read as requirements, a colon cancer without skin or prostate cancer did not exclude
    # (the cancer takes the window after "therapy": see the NCT02521181 scenario further on)
    Examples:
      | conditions                        | met       |
      | C18.9 since 2026-01-01, complete  | undecided |
      | nothing, complete                 | not met   |
      | nothing                           | undecided |

  Scenario Outline: "This does not include X" is an exception to the sentence before it (NCT02521181)
    Given the exclusion line "Chronic immunosuppressive therapy (for ≥3 months) for any indication. This does not include oral steroids <10 mg per day, inhaled steroids, or topical steroids"
    And a patient taking <drug> since 2026-01-01
    And the patient's record declares its medications complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "immunosuppressants for >= 3 months and unparsed("indication") and (not ((systemic_corticosteroids and unparsed("<10 mg per day")) or inhaled_corticosteroids or topical_corticosteroids) or unparsed("This does not include oral steroids <10 mg per day, inhaled steroids, or topical steroids"))"
    And it is <met>

    # the second sentence was an exclusion of its own, "or (This and not steroids)"
    Examples:
      | drug        | met       |
      | tacrolimus  | undecided |
      | paracetamol | not met   |

  Scenario Outline: A partner's sex and childbearing potential are not the patient's (NCT02442531)
    Given the exclusion line "Absence of effective means of contraception in female patients of childbearing potential (defined as <2 years after last menstruation and not surgically sterile) or in male patients who are not surgically sterile and who have female partners of childbearing potential."
    And a <sex> patient with conditions nothing, complete and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not contraception and ((childbearing_potential and unparsed("<2 years") and unparsed("after last menstruation") and not surgically_sterile) or sex = male) and not surgically_sterile and unparsed("female partners of childbearing potential")"
    And it is <met>

    # "female partners" was read "sex = female", so no male patient was ever excluded
    Examples:
      | sex  | facts                                         | met       |
      | male | contraception false; surgically_sterile false | undecided |
      | male | contraception true; surgically_sterile false  | not met   |
      | male | contraception false; surgically_sterile true  | not met   |

  Scenario Outline: "For women of child-bearing potential … . For men - …": each sentence asks its own group (NCT01160926)
    Given the inclusion line "Inc Criteria: For women of child-bearing potential a negative pregnancy test is required and adequate contraceptive precautions such as a condom for their partner must be used. For men - adequate contraception must be used."
    And a <sex> patient with conditions nothing, complete and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(not childbearing_potential or (not pregnancy and contraception) or unparsed("condom for their partner must be used")) and (not sex = male or (contraception and unparsed("used")))"
    And it is <met>

    # read by juxtaposition every patient had to be of childbearing potential and male
    Examples:
      | sex    | facts                                           | met       |
      | female | childbearing_potential false                    | met       |
      | female | childbearing_potential true; contraception true | met       |
      | female | childbearing_potential true                     | undecided |
      | male   | childbearing_potential false; contraception true | undecided |

  Scenario Outline: A capitalised "OR" separates top-level alternatives; "at least 1 <noun>" counts the noun (NCT01062009)
    Given the inclusion line "Pediatric Risk of Mortality III score > 5, OR presence of at least 1 new organ failure"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "prism_iii > 5 or unparsed("of at least 1 new organ failure")"
    And it is <met>

    # it was "(prism_iii > 5 or prism_iii >= 1) and unparsed(…)": a score of 0 failed the
    # line whatever the organ failures
    Examples:
      | observations   | met       |
      | prism_iii 8 1  | met       |
      | prism_iii 0 1  | undecided |
      | nothing        | undecided |

  Scenario Outline: A capitalised "OR" keeps a male patient out of the female alternatives (NCT01909778)
    Given the inclusion line "Male patients, or female with documented hysterectomy, ovariectomy or tubal ligation OR menopausal female with last menstrual period at least 12 months prior to screening OR female of childbearing potential with a negative serum pregnancy test at screening and day 1 and willing to ensure consistent and correct contraception"
    And a <sex> patient with conditions nothing, complete and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "((sex = male or sex = female) and unparsed("hysterectomy") and unparsed("ovariectomy or tubal ligation")) or (unparsed("menopausal") and sex = female and unparsed("last menstrual period at least 12 months")) or (childbearing_potential and not pregnancy and unparsed("day 1") and unparsed("willing to ensure consistent") and unparsed("correct") and contraception)"
    And it is <met>

    # a male patient failed ("sex = female" was ANDed over the whole line)
    Examples:
      | sex    | facts                         | met       |
      | male   | childbearing_potential false  | undecided |
      | female | childbearing_potential false  | undecided |

  Scenario Outline: "insulin-treated diabetes mellitus" is not any diabetes (NCT03864497)
    Given the inclusion line "Liver transplantation candidates with one or more of the following: insulin-treated diabetes mellitus"
    And a <sex> patient with conditions <conditions> and the facts liver_transplant_candidate true
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "liver_transplant_candidate and ((unparsed("insulin-treated") and diabetes) or unparsed("one or more of the following: "))"
    And it is <met>

    # "insulin treated diabetes" was a synonym of diabetes (any type): a diet-treated type 2
    # diabetes met the line
    Examples:
      | sex    | conditions                        | met       |
      | female | E11.9 since 2020-01-01, complete  | undecided |
      | female | nothing, complete                 | undecided |

  Scenario Outline: "stable angina" is not any angina (NCT03864497)
    Given the inclusion line "Liver transplantation candidates with one or more of the following: stable angina"
    And a <sex> patient with conditions <conditions> and the facts liver_transplant_candidate true
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "liver_transplant_candidate and ((unparsed("stable") and angina) or unparsed("one or more of the following: "))"
    And it is <met>

    # an unstable angina (I20.0) met "stable angina" through the angina synonym
    Examples:
      | sex  | conditions                        | met       |
      | male | I20.0 since 2026-11-01, complete  | undecided |
      | male | nothing, complete                 | undecided |

  Scenario Outline: "≤35 weeks, 6 days" is one duration (NCT02325791)
    Given the inclusion line "Gestational age is ≤35 weeks, 6 days at birth"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "gestational_age <= 251 days"
    And it is <met>

    # read as "<= 35 weeks and unparsed(6 days)", 35 weeks 3 days failed the line; gestational
    # age is the age at birth, so "at birth" restates it (it was left unread)
    Examples:
      | facts                      | met       |
      | gestational_age 35.5 wk    | met       |
      | gestational_age 36 wk      | not met   |
      | moribund false             | undecided |

  Scenario Outline: Slash-joined unread words are alternatives among exclusions (NCT03863418)
    Given the exclusion line "administration of prebiotics/ probiotics/symbiotic/systemic immunomodulators during the 4 weeks before enrolment,"
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("prebiotics/ probiotics/symbiotic/systemic") or immunomodulators within 4 weeks"
    And it is <met>

    # read "unparsed(…) and immunomodulators", a patient on probiotics alone was not excluded
    Examples:
      | drug         | when       | complete    | met       |
      | probiotic    | 2026-11-20 | medications | undecided |
      | azathioprine | 2026-11-20 | medications | met       |
      | azathioprine | 2026-08-01 | medications | undecided |
      | azathioprine | 2026-11-20 | no sections | met       |

  Scenario Outline: What imaging shows is one unread list, not alternatives to the diagnosis (NCT05508633)
    Given the inclusion line "Confirmed evidence of cirrhosis/ Cirrhosis diagnosed by liver biopsy or by imaging studies showing a nodular liver, splenomegaly and/or collateral."
    And a patient with conditions <conditions> and the procedure liver biopsy on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "cirrhosis and (liver_biopsy or unparsed("imaging studies showing a nodular liver, splenomegaly and/or collateral"))"
    And it is <met>

    # the findings after the comma were read as alternatives to cirrhosis: splenomegaly
    # alone met the line (a completed biopsy reads "not current", so no row is met: see audit2)
    Examples:
      | conditions                              | when       | met       |
      | R16.1 since 2024-01-01, complete        | never      | not met   |
      | K74.60 since 2024-01-01, complete       | never      | undecided |
      | R16.1 since 2024-01-01                  | never      | undecided |

  Scenario Outline: "for at least three months after the last administration" is no washout (NCT01337492)
    Given the inclusion line "Men should use adequate birth control for at least three months after the last administration of sorafenib."
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not sex = male or (unparsed("use") and contraception and unparsed("at least three months after the last administration of sorafenib"))"
    And it is <met>

    # read "not sorafenib within 3 months", sorafenib last month failed the line outright;
    # the patient's sex and contraception are not recorded here, so nothing is decided
    # (the men are the population held to it: "sex = male and …" failed every woman)
    Examples:
      | drug      | when       | complete    | met       |
      | sorafenib | 2026-11-01 | medications | undecided |
      | sorafenib | 2025-01-01 | medications | undecided |
      | sorafenib | 2026-11-01 | no sections | undecided |

  Scenario Outline: A contraindication to a procedure is not the procedure (NCT03864497)
    Given the exclusion line "Contraindication to liver transplantation"
    And a patient with the procedure liver transplant on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Contraindication to liver transplantation")"
    And it is <met>

    # read "unparsed(…) and history of liver_transplant", a patient never transplanted was
    # cleared whatever made transplantation contraindicated
    Examples:
      | when       | complete    | met       |
      | never      | procedures  | undecided |
      | 2020-05-01 | procedures  | undecided |
      | never      | no sections | undecided |

  Scenario Outline: A need for a treatment is no treatment received (NCT03863730)
    Given the exclusion line "High-risk varices needing interventional treatment (endoscopy, TIPS)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "varices and unparsed("needing interventional treatment (endoscopy, TIPS)")"
    And it is <met>

    # read "varices and (endoscopy or history of tips)", varices waiting for banding (no
    # endoscopy or TIPS on record) did not exclude
    Examples:
      | conditions                        | met       |
      | I85.00 since 2026-06-01, complete | undecided |
      | nothing, complete                 | not met   |
      | nothing                           | undecided |

  Scenario Outline: One row of an age- and sex-banded table of maximum creatinine (NCT00679354)
    Given the inclusion line "Creatinine clearance or radioisotope glomerular filtration rate >= 70mL/min OR serum creatinine based on age/gender as follows: 1.5 mg/dL (male) or 1.4mg/dL (female) (13 to < 16 years of age)"
    And a <sex> patient born <born> with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "creatinine_clearance >= 70 mL/min or measured_gfr >= 70 mL/min or (creatinine <= 1.5 mg/dL and sex = male) or not (age >= 13 years and age < 16 years) or (creatinine <= 1.4 mg/dL and sex = female)"
    And it is <met>

    # the COG table lists the highest creatinine admitted at each age; a row binds only
    # patients of its age band
    Examples:
      | sex    | born       | observations                                                      | met       |
      | male   | 2012-01-01 | creatinine 1.5 mg/dL                                              | met       |
      | female | 2012-01-01 | creatinine 1.4 mg/dL                                              | met       |
      | female | 2012-01-01 | creatinine 1.5 mg/dL                                              | undecided |
      | female | 2012-01-01 | creatinine 1.5 mg/dL; creatinine_clearance 60 mL/min; measured_gfr 60 mL/min | not met   |
      | female | 2012-01-01 | creatinine 1.5 mg/dL; measured_gfr 75 mL/min                      | met       |
      | female | 2000-01-01 | creatinine 3 mg/dL                                                | met       |
      | male   | 2012-01-01 | nothing                                                           | undecided |

  Scenario Outline: "ml/min" after eGFR is per 1.73 m2 (NCT02654665)
    Given the exclusion line "Renal impairment with eGFR < 60 ml/min"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "egfr < 60 mL/min/{1.73_m2}"
    And it is <met>
    And its explanation mentions "<fragment>"

    # the threshold was unread; an estimated GFR is indexed to 1.73 m2 by definition.  The
    # eGFR defines the renal impairment: read "renal_failure and egfr < 60", an eGFR of 45
    # with no kidney diagnosis coded did not exclude
    Examples:
      | observations                        | conditions                        | met       | fragment                                          |
      | egfr 45 mL/min/{1.73_m2}            | N18.30 since 2024-01-01, complete | met       | the criterion's mL/min read as mL/min/{1.73_m2}   |
      | egfr 45 mL/min/{1.73_m2}            | nothing, complete                 | met       | the criterion's mL/min read as mL/min/{1.73_m2}   |
      | egfr 75 mL/min/{1.73_m2}            | N18.30 since 2024-01-01, complete | not met   | the criterion's mL/min read as mL/min/{1.73_m2}   |
      | egfr 45 mL/min/{1.73_m2}            | N18.30 since 2024-01-01           | met       | read as mL/min/{1.73_m2}                          |
      | nothing                             | N18.30 since 2024-01-01, complete | undecided | eGFR                                              |

  Scenario Outline: A measure's bound in parentheses after it, in grams of alcohol a day (NCT01801332)
    Given the inclusion line "Chronic alcohol consumption (more than 40 g/day)"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Chronic") and alcohol_intake > 40 g/d"
    And it is <met>

    # "Chronic" stays unread (who drank heavily only lately is not chronic); the amount is read,
    # so a light drinker fails the line; drinks are grams only where the line defines them
    # (UK units are 8 g: see the scenarios on NCT02654665 and NCT02121860)
    Examples:
      | facts                          | met       |
      | alcohol_intake 60 g/d          | undecided |
      | alcohol_intake 20 g/d          | not met   |
      | alcohol_intake 40 g/d          | not met   |
      | moribund false                 | undecided |

  Scenario Outline: An amount of a measure, the bound first (NCT03923933 "residual diuresis")
    Given the inclusion line "At least 100 ml per day of residual diuresis"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "urine_output >= 100 mL/d"
    And it is <met>

    # the line was unread: a patient passing no urine was not told apart
    Examples:
      | observations             | met       |
      | urine_output 400 mL/d    | met       |
      | urine_output 50 mL/d     | not met   |
      | urine_output 10 mL/h     | met       |
      | nothing                  | undecided |

  Scenario Outline: Ineligible for autologous transplant is a judged fact, not a transplant (NCT01857115)
    Given the inclusion line "Patient is age ≥ 65 year of age or who are ineligible for autologous stem cell transplantation."
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "age >= 65 years or asct_ineligible"
    And it is <met>

    # once "unparsed("ineligible") and stem_cell_transplant": a past transplant was asked for
    Examples:
      | facts                  | met       |
      | asct_ineligible true   | met       |
      | asct_ineligible false  | not met   |
      | moribund false         | undecided |
  Scenario Outline: Severe sepsis and septic shock are narrower than sepsis (NCT03798600)
    Given the inclusion line "Severe sepsis or septic shock"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "severe_sepsis or septic_shock"
    And it is <met>

    # read "sepsis", a patient with sepsis and no organ dysfunction (A41.9 alone) met the
    # inclusion of a severe-sepsis trial
    Examples:
      | conditions                        | met       |
      | A41.9 since 2026-11-20, complete  | not met   |
      | R65.20 since 2026-11-20, complete | met       |
      | R65.21 since 2026-11-20, complete | met       |
      | A41.9 since 2026-11-20            | undecided |
      | nothing                           | undecided |

  Scenario Outline: Oesophageal variceal bleeding is not any GI bleeding (NCT01112852)
    Given the inclusion line "Acute esophageal variceal bleeding"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "bleeding_esophageal_varices"
    And it is <met>

    # read "gi_bleeding", a bleeding duodenal ulcer met an inclusion for variceal bleeding
    Examples:
      | conditions                        | met       |
      | K26.4 since 2026-11-26, complete  | not met   |
      | I85.11 since 2026-11-26, complete | met       |
      | nothing                           | undecided |

  Scenario Outline: "Prior or current X" is X at any time (NCT01160926)
    Given the exclusion line "Prior or current cardiomyopathy"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "history of cardiomyopathy"
    And it is <met>

    # read "unparsed("or") and cardiomyopathy", a cardiomyopathy recorded as resolved did not
    # exclude
    Examples:
      | conditions                                   | met       |
      | I42.0 since 2018-01-01 resolved 2019-01-01, complete | met |
      | I42.0 since 2026-01-01, complete             | met       |
      | nothing, complete                            | not met   |
      | nothing                                      | undecided |

  Scenario Outline: "No or small ascites" excludes those without ascites too (NCT00108355)
    Given the exclusion line "No or small ascites"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not ascites or (unparsed("small") and ascites)"
    And it is <met>

    # read "not unparsed("or") and unparsed("small") and ascites", a patient without ascites
    # did not meet the exclusion of those with none
    Examples:
      | conditions                      | met       |
      | nothing, complete               | met       |
      | R18 since 2026-10-01, complete  | undecided |
      | nothing                         | undecided |

  Scenario Outline: A list in parentheses names forms of the noun, any one enough (NCT03861819)
    Given the inclusion line "No past or present history of portal hypertension (esophageal varices, ascites, hepatic encephalopathy)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not (history of portal_hypertension or history of varices or history of ascites or history of hepatic_encephalopathy)"
    And it is <met>

    # read "… or (varices and ascites and encephalopathy)", a patient with ascites alone met it
    Examples:
      | conditions                                      | met       |
      | R18 since 2025-01-01 resolved 2025-06-01, complete | not met |
      | nothing, complete                               | met       |
      | nothing                                         | undecided |

  Scenario Outline: How long a diagnosis has lasted, from its onset date (NCT01611363)
    Given the inclusion line "Subject has been diagnosed with T2DM for at least 6 months"
    And a patient whose record holds <items>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "type2_diabetes for >= 6 months"
    And it is <met>

    # the duration was unread; T2DM diagnosed last month met "type2_diabetes" alone
    Examples:
      | items                                            | complete    | met       |
      | condition E11.9 since 2026-05-27                 | no sections | met       |
      | condition E11.9 since 2026-05-28                 | no sections | undecided |
      | condition E11.9 since 2026-05-28                 | conditions  | not met   |
      | condition E11.9 undated                          | conditions  | undecided |
      | condition E11.9 from 2015-01-01 to 2020-01-01    | conditions  | not met   |
      | nothing                                          | conditions  | not met   |

  Scenario Outline: A treatment that has lasted at least a month, from its start date (NCT03923933)
    Given the inclusion line "Use of a loop diuretic for at least one month"
    And a patient whose record holds <items>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "loop_diuretics for >= 1 month"
    And it is <met>
    And its explanation mentions "<said>"

    # a one-line phrasebook fact (loop_diuretic_for_1_month) stood for the whole sentence
    Examples:
      | items                                  | complete    | met       | said                      |
      | drug furosemide since 2026-10-27       | no sections | met       | 2026-10-27 to 2026-11-27  |
      | drug furosemide since 2026-10-28       | medications | not met   | not ≥ 1 month             |
      | drug furosemide since 2026-10-28       | no sections | undecided | not declared complete     |
      | drug furosemide undated                | medications | undecided | no start date             |

  Scenario Outline: A past treatment's length inside a look-back window (NCT01887717)
    Given the exclusion line "Previous treatment with sorafenib for more than 4 weeks during the previous 2 months; prior sorafenib-related toxicity"
    And a patient whose record holds <items>
    And the patient's record declares its medications complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "history of sorafenib for > 4 weeks within 2 months or unparsed("sorafenib-related toxicity")"
    And it is <met>

    # only the days inside the window (from 2026-09-27) count; the toxicity stays unread
    Examples:
      | items                                         | met       |
      | drug sorafenib from 2026-01-01 to 2026-10-26  | met       |
      | drug sorafenib from 2026-01-01 to 2026-10-25  | undecided |
      | drug sorafenib from 2026-01-01 to 2026-09-01  | undecided |
      | drug sorafenib undated                        | undecided |

  Scenario Outline: "Chronic" defined by the duration in parentheses after it (NCT02521181)
    Given the exclusion line "Chronic immunosuppressive therapy (for ≥3 months) for any indication. This does not include oral steroids <10 mg per day, inhaled steroids, or topical steroids"
    And a patient whose record holds <items>
    And the patient's record declares its medications complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "immunosuppressants for >= 3 months and unparsed("indication") and (not ((systemic_corticosteroids and unparsed("<10 mg per day")) or inhaled_corticosteroids or topical_corticosteroids) or unparsed("This does not include oral steroids <10 mg per day, inhaled steroids, or topical steroids"))"
    And it is <met>

    # tacrolimus for a month cannot be chronic therapy of at least 3 months: not excluded
    Examples:
      | items                             | met       |
      | drug tacrolimus since 2026-08-27  | undecided |
      | drug tacrolimus since 2026-10-27  | not met   |
      | drug tacrolimus undated           | undecided |

  Scenario Outline: A treatment's duration read, its dose stability left unread (NCT02681094)
    Given the inclusion line "Stable metformin therapy for at least 8 weeks prior to enrolment at a dose of ≥1500mg per day;"
    And a patient whose record holds <items>
    And the patient's record declares its medications complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Stable") and metformin for >= 8 weeks and unparsed("dose of ≥1500mg per day")"
    And it is <met>

    Examples:
      | items                            | met       |
      | drug metformin since 2026-10-02  | undecided |
      | drug metformin since 2026-10-03  | not met   |
      | drug metformin undated           | undecided |

  Scenario Outline: "No A or history of B": the "no" covers the history item too (NCT01005199)
    Given the inclusion line "DISEASE CHARACTERISTICS: No clinical symptoms or history of CNS metastases or leptomeningeal disease (no imaging required)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("symptoms") or history of cns_metastases or (history of leptomeningeal_metastases and not unparsed("imaging")))"
    And it is <met>

    # read before as "not symptoms or history of CNS metastases": met by brain metastases
    Examples:
      | conditions                                          | met       |
      | C79.31 since 2026-01-01                             | not met   |
      | C79.31 since 2020-01-01 resolved 2020-06-01         | not met   |
      | nothing, complete                                   | undecided |
      | nothing                                             | undecided |

  Scenario Outline: "CHF due to A, B or C": the list names the cause of the CHF (NCT00679484)
    Given the inclusion line "Patients with CHF due to ischemic heart disease, idiopathic dilated cardiomyopathy (IDC), mitral or aortic insufficiency or hypertension"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "heart_failure and unparsed("due") and (coronary_artery_disease or (unparsed("idiopathic") and unparsed("dilated") and cardiomyopathy) or unparsed("mitral") or unparsed("aortic insufficiency") or hypertension)"
    And it is <met>

    # read before as "(CHF due to IHD) or … or hypertension": met by hypertension alone
    Examples:
      | conditions                                  | met       |
      | I10 since 2020-01-01, complete              | not met   |
      | I10 since 2020-01-01; I50.9 since 2025-01-01 | undecided |
      | nothing, complete                           | not met   |
      | nothing                                     | undecided |

  Scenario Outline: "Patients with A … and patients must have B" keeps its "or" (NCT00516165)
    Given the inclusion line "Patients with prior chemoembolization history can participate in the study if the chemoembolization was performed more than 4 weeks ago and patients must have measurable disease outside of prior chemoembolization field"
    And a patient with the procedure <procedure> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (history of tace and unparsed("history can participate")) or (unparsed("if") and history of tace and unparsed("performed more than 4 weeks") and unparsed("ago") and measurable_disease and unparsed("outside") and unparsed("field"))"
    And it is <met>

    # read before as "not (… and not history of tace …)": met by everyone, a chemoembolization
    # a week ago included
    Examples:
      | procedure | when       | complete   | met       |
      | TACE      | 2026-11-20 | procedures | undecided |
      | TACE      | never      | procedures | met       |
      | TACE      | never      | no sections | undecided |

  Scenario Outline: An exclusion's "(e.g. …)" examples are alternatives even when partly unread (NCT01909778)
    Given the exclusion line "Haemoglobinopathy (e.g., thalassaemia major or sickle cell anaemia)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Haemoglobinopathy") or (unparsed("thalassaemia major or sickle") and unparsed("cell") and anemia)"
    And it is <met>

    # read before as "unparsed and … and anemia": not excluded without anaemia, whatever
    # haemoglobinopathy the patient had
    Examples:
      | conditions                       | met       |
      | nothing, complete                | undecided |
      | D57.1 since 2000-01-01, complete | undecided |
      | nothing                          | undecided |

  Scenario Outline: One example of an exclusion is enough (NCT00713934)
    Given the exclusion line "Presence of significant extrahepatic biliary disease (e.g. CBD stone, PSC, etc.)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("significant extrahepatic biliary disease") or unparsed("CBD stone") or psc"
    And it is <met>

    Examples:
      | conditions                        | met       |
      | K83.01 since 2020-01-01           | met       |
      | nothing, complete                 | undecided |
      | nothing                           | undecided |

  Scenario Outline: "Less than N weeks since A, B or C, and less than M weeks for D" (NCT02442531)
    Given the exclusion line "Less than 4 weeks since the last treatment of chemotherapy, biological therapy, immunotherapy or systemic radiotherapy (except palliative radiation delivered to <20% of bone marrow), and less than 6 weeks for nitrosoureas and mitomycin C prior to Cycle 1 Day 1."
    And a patient given <drug> on <when>
    And the patient's record declares its medications, procedures complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "chemotherapy within 4 weeks or biologic_therapy within 4 weeks or immunotherapy within 4 weeks or (radiotherapy within 4 weeks and (not (unparsed("palliative") and radiotherapy within 4 weeks and unparsed("delivered to <20% of bone marrow")) or unparsed("except palliative radiation delivered to <20% of bone marrow"))) or unparsed("less than 6 weeks for nitrosoureas and mitomycin C prior to Cycle 1 Day 1")"
    And it is <met>

    # read before with the nitrosourea washout joined to the last items ("(immunotherapy or
    # radiotherapy …) and nitrosoureas"): a nitrosourea five weeks ago did not exclude; the
    # second washout now stays unread beside the first, an alternative exclusion
    Examples:
      | drug          | when       | met       |
      | carmustine    | 2026-10-20 | undecided |
      | pembrolizumab | 2026-11-20 | met       |

  Scenario Outline: "Hypersensitivity to A or B": B is an object of the allergy, not a drug taken (NCT01334073)
    Given the exclusion line "Hypersensitivity to Axitinib or Everolimus"
    And a patient taking <drug> since <when>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Hypersensitivity to Axitinib or Everolimus")"
    And it is <met>

    # read before as "unparsed(…) or everolimus": a patient on everolimus was excluded as
    # if allergic to it
    Examples:
      | drug       | when       | met       |
      | everolimus | 2026-01-01 | undecided |
      | metformin  | 2026-01-01 | undecided |

  Scenario Outline: "Multiple organ transplant" is not any organ transplant (NCT00118742)
    Given the exclusion line "Multiple organ transplant"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Multiple") and history of organ_transplant"
    And it is <met>

    # read before as "history of organ_transplant": every liver transplant recipient (the
    # trial's population) was excluded
    Examples:
      | conditions                       | met       |
      | Z94.4 since 2026-01-01           | undecided |
      | nothing, complete                | not met   |
      | nothing                          | undecided |

  Scenario Outline: A cohort heading line asks nothing of the patient (NCT01611363)
    Given the exclusion line "Exclusion Part A & Part B: T2DM subjects"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("T2DM")"
    And it is <met>

    # read before as "type2_diabetes": the T2DM cohorts' own patients were all excluded
    Examples:
      | conditions                       | met       |
      | E11.9 since 2020-01-01           | undecided |
      | nothing, complete                | undecided |

  Scenario Outline: "Active or suspected X": the dropped modifier stays an (unread) alternative (NCT01909778)
    Given the exclusion line "Active or suspected malignancy or history of malignancy within the last 2 years (with the exception of appropriately treated basal cell carcinoma or in situ carcinoma of the uterine cervix)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unparsed("Active") or suspected_malignancy within 2 years or history of cancer within 2 years) and (not (unparsed("appropriately") and ((unparsed("treated") and basal_cell_carcinoma) or (unparsed("situ") and cancer)) and unparsed("uterine cervix")) or unparsed("with the exception of appropriately treated basal cell carcinoma or in situ carcinoma of the uterine cervix"))"
    And it is <met>

    # read before without "Active": a record with no cancer in 2 years was cleared (not met);
    # a breast cancer stays undecided through the unread exception (basal cell, in situ)
    Examples:
      | conditions                                   | met       |
      | C50.9 since 2026-01-01                       | undecided |
      | nothing, complete                            | undecided |
      | nothing                                      | undecided |

  Scenario Outline: A cohort line that restates its cohort asks nothing of another (NCT02121860)
    Given the inclusion line "Matched Healthy Volunteers: Medically healthy as determined by the Investigator"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not healthy_volunteer or healthy_volunteer"
    And it is <met>

    # read before as "healthy_volunteer": every subject of the hepatic impairment cohort
    # failed it
    Examples:
      | facts                    | met       |
      | healthy_volunteer false  | met       |
      | healthy_volunteer true   | met       |
      | moribund false           | undecided |

  Scenario Outline: "No X, e.g. A, B, C": the examples after the cue are alternatives (NCT01160926)
    Given the inclusion line "Inc Criteria: No pre-existing condition which would deter radiotherapy, e.g. fistulas, severe ulcerative colitis, Crohn's disease, prior adhesions"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("pre-existing") and ((unparsed("deter") and radiotherapy) or unparsed("fistulas") or (unparsed("severe") and (ulcerative_colitis or crohns_disease)) or unparsed("adhesions")))"
    And it is <met>

    # read before as "not (… and ulcerative_colitis and crohns_disease and …)": met by a
    # patient with Crohn's disease alone; the unread examples (fistulas) keep it open
    Examples:
      | conditions                       | met       |
      | K50.90 since 2015-01-01          | undecided |
      | nothing, complete                | undecided |
      | nothing                          | undecided |

  Scenario Outline: Examples in a parenthesis after an unread noun are alternatives to it (NCT04546360)
    Given the inclusion line "without decompensated events (e.g. ascites, bleeding, or overt encephalopathy);"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("decompensated events") or ascites or bleeding or (unparsed("overt") and encephalopathy))"
    And it is <met>

    # read "not (unparsed(…) and (ascites or …))", a patient with none of the three examples
    # was met whatever other decompensating event (here spontaneous bacterial peritonitis) they had
    Examples:
      | conditions                         | met       |
      | R18.8 since 2026-01-01, complete   | not met   |
      | K65.2 since 2026-10-01, complete   | undecided |
      | nothing, complete                  | undecided |
      | nothing                            | undecided |

  Scenario Outline: "Nursing" before a care-setting noun is not breastfeeding (NCT03493204)
    Given the exclusion line "Planned discharge to nursing facility"
    And a <sex> patient with conditions <conditions> and the facts none
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Planned discharge to nursing facility")"
    And it is <met>

    # read "… and lactation and …", the exclusion was not met by every man and every woman
    # not breastfeeding, whatever their discharge plan
    Examples:
      | sex    | conditions                        | met       |
      | male   | nothing, complete                 | undecided |
      | female | nothing, complete                 | undecided |
      | female | Z39.1 since 2026-11-01, complete  | undecided |
      | female | nothing                           | undecided |

  Scenario Outline: A ", or" after a noun's own "or" list joins the two halves (NCT05948982)
    Given the exclusion line "History of malignancy of the liver or other organs, or a family history of liver malignancy in three generations of immediate family members;"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(history of cancer and unparsed("liver or other organs")) or (family_history_liver_cancer and unparsed("three generations of immediate family members"))"
    And it is <met>

    # read "history of cancer and (… or family_history_liver_cancer) and …", a patient with
    # the family history alone was not excluded
    Examples:
      | conditions                        | met       |
      | Z80.0 since 2020-01-01, complete  | undecided |
      | C22.0 since 2019-01-01, complete  | undecided |
      | nothing, complete                 | not met   |
      | nothing                           | undecided |

  Scenario Outline: A bare bound after an unread abbreviation is not the last measure's (NCT03869073)
    Given the inclusion line "AND one or more of the following organ dysfunctions judged due to sepsis: Cardiovascular- refractory hypotension (a systolic blood pressure (SBP) < 90 mm Hg or mean arterial pressure (MAP) < 60 mm Hg despite an IV fluid challenge of at least 30 ml/kg fluids), or use of vasopressor(s) to maintain SAP > 90 mm Hg or MAP > 60 mm Hg, or;"
    And a patient on <drug> since 2026-11-20 with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(((unparsed("Cardiovascular-") and hypotension and (systolic_bp < 90 mm[Hg] or mean_arterial_pressure < 60 mm[Hg]) and unparsed("despite an IV fluid challenge of at least 30 ml/kg fluids")) or vasopressors) and (unparsed("maintain SAP > 90 mm Hg") or mean_arterial_pressure > 60 mm[Hg])) or unparsed("one or more of the following organ dysfunctions judged due to sepsis: ")"
    And it is <met>

    # "SAP > 90" took the last measure read (MAP) and read MAP > 90 mm Hg
    Examples:
      | drug           | observations                           | met       |
      | norepinephrine | mean_arterial_pressure 65 mm[Hg]       | met       |
      | norepinephrine | mean_arterial_pressure 55 mm[Hg]       | undecided |
      | norepinephrine | nothing                                | undecided |
      | nothing        | mean_arterial_pressure 65 mm[Hg]       | undecided |

  Scenario Outline: Plain "cardiac disease" is any heart disease, not only the severe kinds (NCT01887717)
    Given the exclusion line "Known contraindication to standard-of-care sorafenib including allergic reaction, pill swallowing difficulty, uncontrolled hypertension or history of cardiac disease, significant GI bleed within 30 days, and renal failure including dialysis"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("contraindication to standard-of-care sorafenib including allergic reaction") or unparsed("pill swallowing difficulty") or uncontrolled_hypertension or history of heart_disease or (unparsed("significant") and gi_bleeding and ((unparsed("within 30 days") and renal_failure) or dialysis))"
    And it is <met>

    # "cardiac disease" was a synonym of severe_cardiac_disease, whose codes leave out
    # arrhythmias: a patient with a history of atrial fibrillation was not excluded by it
    Examples:
      | conditions                                          | met       |
      | I48.91 since 2019-01-01 resolved 2019-03-01, complete | met       |
      | I50.9 since 2025-01-01, complete                    | met       |
      | nothing, complete                                   | undecided |
      | nothing                                             | undecided |

  Scenario Outline: A "No X:" header stays an alternative of the list it heads (NCT03861819)
    Given the inclusion line "No absolute contra-indications to exercise: recent (<6 months) acute cardiac event unstable angina, uncontrolled dysrhythmias causing symptoms or hemodynamic compromise, symptomatic aortic stenosis, uncontrolled symptomatic heart failure, acute pulmonary embolus, acute myocarditis or pericarditis, suspected or known dissecting aneurism and acute systemic infection"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("absolute contra-indications to exercise") or (unparsed("recent (<6 months) acute cardiac") and ((unparsed("event") and history of unstable_angina) or (unparsed("uncontrolled") and arrhythmia)) and (unparsed("causing symptoms") or unparsed("hemodynamic compromise") or (unparsed("symptomatic") and aortic_stenosis) or uncontrolled_heart_failure or (unparsed("acute") and pulmonary_embolism) or (unparsed("acute") and (myocarditis or pericarditis)) or (unparsed("dissecting aneurism") and unparsed("acute") and active_infection))))"
    And it is <met>

    # the list alone, mis-grouped where a comma is missing, read not (unparsed(…) and (…) and
    # (…)): met by a patient whose only contraindication was a recent myocardial infarction
    Examples:
      | conditions                                  | met       |
      | I21.9 since 2026-10-01, complete            | undecided |
      | I20.0 since 2026-11-01; I35.0 since 2020-01-01, complete | undecided |
      | nothing, complete                           | undecided |
      | nothing                                     | undecided |

  Scenario Outline: A condition after "donated" or "donors with" is the donor's (NCT03929523)
    Given the exclusion line "Grafts donated after cardiac arrest (DCD grafts)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Grafts donated after cardiac arrest") and unparsed("DCD grafts")"
    And it is <met>

    # read as the recipient's cardiac arrest, the exclusion was not met by any recipient who
    # had none, whatever graft they were to receive
    Examples:
      | conditions                        | met       |
      | I46.9 since 2026-11-01, complete  | undecided |
      | nothing, complete                 | undecided |
      | nothing                           | undecided |


  Scenario Outline: A concept opening an exclusion before a colon is one of the forms it lists (NCT03931070)
    Given the exclusion line "Severe liver dysfunction: Hepatic encephalopathy, cirrhosis (Child-Pugh class C or greater)"
    And a patient scored child_pugh_class <class> with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unparsed("Severe") and hepatic_impairment) or hepatic_encephalopathy or cirrhosis or child_pugh_class >= C"
    And it is <met>

    # the head was joined to the first form by "and": hepatic encephalopathy without a
    # liver-dysfunction code on a complete record did not exclude
    Examples:
      | class      | conditions                         | met       |
      | A          | K76.82 since 2026-11-01, complete  | met       |
      | A          | nothing, complete                  | not met   |
      | C          | nothing, complete                  | met       |
      | unmeasured | nothing                            | undecided |

  Scenario Outline: An HIV antibody test named in full is the infection (NCT02442531)
    Given the exclusion line "Medical history of: History of human immunodeficiency virus (HIV) antibody positive or use of antiretroviral therapy."
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "history of hiv or history of antiretrovirals"
    And it is <met>

    # read "history of hiv and (unparsed("antibody") or …)", antiretroviral therapy without an
    # HIV diagnosis on record did not exclude
    Examples:
      | drug         | when       | complete                | met       |
      | dolutegravir | 2025-01-01 | medications, conditions | met       |
      | paracetamol  | 2025-01-01 | medications, conditions | not met   |
      | paracetamol  | 2025-01-01 | no sections             | undecided |

  Scenario Outline: French "PAL" is alkaline phosphatase; an equation named after a clearance is its method (NCT01334073)
    Given the inclusion line "Acceptable biological values: Hemoglobin > 10g /dL; neutrophils > 1.5 x 109/L; platelets > 100 x 109/L, AST and ALT < 2.5 x the upper normal limits (UNL), or < 5 x UNL in case of liver metastases, GGT < 3 x the upper normal limits (UNL), PAL < 2.5 x the upper normal limits (UNL), or < 5 x UNL in case of liver metastases, serum bilirubin < 1.5 x ULN, creatinine clearance (Cockroft & Gault formula) > 60 mL/min."
    And a patient with observations hemoglobin 12 g/dL; anc 3 10*9/L; platelets 200 10*9/L; ast 30 U/L ref 8-48; alt 30 U/L ref 7-55; ggt 40 U/L ref 8-61; bilirubin 1.0 mg/dL ref 0.2-1.2; <alp_and_crcl> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "hemoglobin > 10 g/dL and anc > 1.5 10*9/L and platelets > 100 10*9/L and (ast < 2.5 x ULN or (ast < 5 x ULN and liver_metastases)) and (alt < 2.5 x ULN or (alt < 5 x ULN and liver_metastases)) and ggt < 3 x ULN and (alp < 2.5 x ULN or (alp < 5 x ULN and liver_metastases)) and bilirubin < 1.5 x ULN and creatinine_clearance > 60 mL/min"
    And it is <met>

    # "PAL …" and the clearance behind its "(Cockroft & Gault formula)" were unread: no
    # patient could meet the line
    Examples:
      | alp_and_crcl                                          | conditions                        | met       |
      | alp 200 U/L ref 40-130; creatinine_clearance 80 mL/min | nothing, complete                 | met       |
      | alp 400 U/L ref 40-130; creatinine_clearance 80 mL/min | nothing, complete                 | not met   |
      | alp 400 U/L ref 40-130; creatinine_clearance 80 mL/min | C78.7 since 2026-01-01, complete  | met       |
      | alp 200 U/L ref 40-130; creatinine_clearance 50 mL/min | nothing, complete                 | not met   |
      | alp 200 U/L ref 40-130                                 | nothing, complete                 | undecided |

  Scenario Outline: A washout window closes every treatment listed, the last one's exception too (NCT02442531)
    Given the exclusion line "Less than 4 weeks since the last treatment of chemotherapy, biological therapy, immunotherapy or systemic radiotherapy (except palliative radiation delivered to <20% of bone marrow), and less than 6 weeks for nitrosoureas and mitomycin C prior to Cycle 1 Day 1."
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "chemotherapy within 4 weeks or biologic_therapy within 4 weeks or immunotherapy within 4 weeks or (radiotherapy within 4 weeks and (not (unparsed("palliative") and radiotherapy within 4 weeks and unparsed("delivered to <20% of bone marrow")) or unparsed("except palliative radiation delivered to <20% of bone marrow"))) or unparsed("less than 6 weeks for nitrosoureas and mitomycin C prior to Cycle 1 Day 1")"
    And it is <met>

    # the window went to the last two items only: bevacizumab a year ago excluded the patient
    # ("biologic_therapy" at any time), and "treatment of" chemotherapy was left unread
    Examples:
      | drug        | when       | complete                            | met       |
      | bevacizumab | 2026-11-10 | medications, conditions, procedures | met       |
      | bevacizumab | 2025-10-01 | medications, conditions, procedures | undecided |
      | bevacizumab | 2025-10-01 | no sections                         | undecided |

  Scenario Outline: A threshold followed by "i.e." another measure keeps its bound (NCT01909778)
    Given the exclusion line "Decompensated liver disease within past 12 months, as indicated by variceal bleeding, ascites, encephalopathy, Prothrombin time or INR prolonged to > 1,7 x ULN, serum bilirubin > 2 mg/dl or albumin < 3,5 g/dl (i.e. Child-Pugh grade B)"
    And a patient with observations <observations> and the fact decompensated_liver_disease <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "decompensated_liver_disease within 12 months or gi_bleeding within 12 months or ascites within 12 months or encephalopathy within 12 months or unparsed("Prothrombin time or INR prolonged to > 1,7 x ULN") or bilirubin > 2 mg/dL within 12 months or (albumin < 3.5 g/dL within 12 months and unparsed("Child-Pugh grade B"))"
    And it is <met>

    # the albumin bound was replaced by "child_pugh_class = B"; the INR clause stays unread,
    # and the window dates the undatable fact too, so no patient is cleared by the labs
    # alone (read "decompensated_liver_disease and …", the fact recorded false cleared one
    # whatever bleeding, ascites or encephalopathy the record held)
    Examples:
      | observations                            | answer     | met       |
      | albumin 3.0 g/dL; bilirubin 1.0 mg/dL   | true       | undecided |
      | albumin 4.0 g/dL; bilirubin 1.0 mg/dL   | false      | undecided |
      | nothing                                 | unrecorded | undecided |

  Scenario Outline: "Patients must not have A or B" among exclusions is met by A or B (NCT01337492)
    Given the exclusion line "Cardiac disease: Congestive heart failure > class II New York Heart Association (NYHA). Patients must not have unstable angina (anginal symptoms at rest) or new onset angina (began within the last 3 months) or myocardial infarction within the past 6 months."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "((heart_disease or heart_failure) and unparsed("> class II New York Heart Association")) or (unstable_angina within 6 months and unparsed("anginal symptoms at rest")) or (unparsed("new") and unparsed("onset") and angina within 6 months and unparsed("began") and unparsed("within the last 3 months")) or myocardial_infarction within 6 months"
    And it is <met>

    # read with the prohibition's "not" (and "new" split off "onset angina") the sentence was
    # "(not (unstable angina …) or …) and (…)": met by patients without any of them
    Examples:
      | conditions                        | met       |
      | I21.9 since 2026-10-01, complete  | met       |
      | I20.0 since 2026-11-01, complete  | undecided |
      | I21.9 since 2025-01-01 resolved 2025-02-01, complete | not met |
      | nothing, complete                 | not met   |
      | nothing                           | undecided |

  Scenario Outline: How long a symptom lasted before presentation to the ED (NCT01234883)
    Given the exclusion line "Diarrhea lasting > 7 days prior to presentation to the ED."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "diarrhea for > 7 days"
    And it is <met>

    # diarrhoea had no concept and the ED presentation no anchor: the line was unread
    Examples:
      | conditions                        | met       |
      | R19.7 since 2026-11-10, complete  | met       |
      | R19.7 since 2026-11-25, complete  | not met   |
      | nothing, complete                 | not met   |
      | nothing                           | undecided |

  Scenario Outline: A look-back window before "and during the study" stays the drug's (NCT01234883)
    Given the exclusion line "The use of prohibited medications: Antacids within 24 hours prior to presentation to the ED and during the study."
    And a patient given <drug> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "antacids within 24 hours and unparsed("during the study")"
    And it is <met>

    Examples:
      | drug              | when       | complete    | met       |
      | antacid           | 2026-11-27 | medications | undecided |
      | antacid           | 2026-10-01 | medications | not met   |
      | antacid           | 2026-10-01 | no sections | undecided |

  Scenario Outline: An exception's lettered items run past their semicolons (NCT01857115)
    Given the exclusion line "Disease-related: Non-hematologic malignancy within the past 3 years with the exception of a) adequately treated basal cell carcinoma, squamous cell skin cancer, or thyroid cancer; b) carcinoma in situ of the cervix or breast; c) prostate cancer of Gleason Grade 6 or less with stable prostate-specific antigen levels; or d) cancer considered cured by surgical resection or unlikely to impact survival during the duration of the study, such as localized transitional cell carcinoma of the bladder or benign tumors of the adrenal or pancreas."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, in part, as "unparsed("Non-hematologic") and cancer within 3 years and (not ((unparsed("adequately") and unparsed("treated") and basal_cell_carcinoma) or cutaneous_squamous_cell_carcinoma or thyroid_cancer or cervical_carcinoma_in_situ or unparsed("breast") or (prostate_cancer and (unparsed("Gleason Grade 6") or unparsed("less with stable prostate-specific antigen") or cancer) and unparsed("considered cured by surgical resection or unlikely to impact survival during the duration of the study, such as localized transitional") and unparsed("cell") and cancer and unparsed("bladder or benign tumors of the adrenal or pancreas"))) or unparsed("with the exception of a) adequately treated basal cell carcinoma, squamous cell skin cancer, or thyroid cancer; b) carcinoma in situ of the cervix or breast; c) prostate cancer of Gleason Grade 6 or less with stable prostate-specific antigen levels; or d) cancer considered cured by surgical resection or unlikely to impact survival during the duration of the study, such as localized transitional cell carcinoma of the bladder or benign tumors of the adrenal or pancreas"))"
    And it is <met>

    # "a)" closed nothing and took the exception cue with it: the exempted cancers were read
    # as exclusions, and thyroid cancer last year excluded the patient
    Examples:
      | conditions                        | met       |
      | C73 since 2026-01-01, complete    | undecided |
      | C18.9 since 2026-01-01, complete  | undecided |
      | nothing, complete                 | not met   |
      | nothing                           | undecided |

  Scenario Outline: A treatment that must be completed some weeks before baseline is a washout (NCT02576509)
    Given the inclusion line "Locoregional therapy for hepatocellular carcinoma (HCC) must be completed at least 4 weeks prior to the baseline scan"
    And a patient with conditions <conditions> and the procedure <name> on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not (locoregional_therapy within 4 weeks and hcc)"
    And it is <met>

    # the timing was unread and the line asked for locoregional therapy: a patient never
    # treated failed it, one treated last week was not told apart
    Examples:
      | conditions                          | name                            | when       | met       |
      | C22.0 since 2025-01-01, complete    | transarterial chemoembolization | 2026-11-10 | not met   |
      | C22.0 since 2025-01-01, complete    | transarterial chemoembolization | 2026-09-01 | met       |
      | C22.0 since 2025-01-01, complete    | TACE                            | never      | met       |
      | C22.0 since 2025-01-01              | TACE                            | never      | undecided |

  Scenario Outline: "Despite" a therapy: the finding holds and the therapy is given (NCT03938090)
    Given the inclusion line "Symptomatic Heart Failure (NYHA class I-IV) with QRS duration of 150ms or more with left bundle branch block and LVEF of 35% or less despite optimal medical therapy."
    And a patient in NYHA class III with observations <observations>, conditions I44.7 since 2025-01-01, complete and the fact optimal_medical_therapy <therapy>
    When the line is evaluated on 2026-11-27
    Then the line reads as "nyha_class >= I and nyha_class <= IV and qrs_duration >= 150 ms and left_bundle_branch_block and lvef <= 35 % and optimal_medical_therapy"
    And it is <met>

    Examples:
      | observations                     | therapy    | met       |
      | qrs_duration 160 ms; lvef 30 %   | true       | met       |
      | qrs_duration 160 ms; lvef 40 %   | true       | not met   |
      | qrs_duration 140 ms; lvef 30 %   | true       | not met   |
      | qrs_duration 160 ms; lvef 30 %   | false      | not met   |
      | qrs_duration 160 ms; lvef 30 %   | unrecorded | undecided |
      | qrs_duration 160 ms              | true       | undecided |

  Scenario Outline: A measure named with its "equation" is the measure (NCT03242018)
    Given the inclusion line "Patients with Type 2 Diabetes (drug-naïve or on antidiabetic therapy) and documented severe renal insufficiency - CKD4 - defined by an estimated glomerular filtration rate (eGFR) equation (based on the 4 variable modification of diet in renal disease (MDRD) equation) of ≥15 and <30 mL/min/1.73 m2."
    And a patient with observations <observations> and the fact severe_renal_impairment true
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "type2_diabetes and unparsed("drug-naïve or on antidiabetic therapy") and severe_renal_impairment and egfr >= 15 mL/min/{1.73_m2} and egfr < 30 mL/min/{1.73_m2}"
    And it is <met>

    # "eGFR equation … of ≥15 and <30" stayed one unread span: a patient with an eGFR of 45
    # was not told apart from one in the stated range
    Examples:
      | observations              | met       |
      | egfr 20 mL/min/{1.73_m2}  | undecided |
      | egfr 45 mL/min/{1.73_m2}  | not met   |
      | egfr 10 mL/min/{1.73_m2}  | not met   |
      | nothing                   | undecided |

  Scenario Outline: Hepatitis letters after a shared head are alternatives among exclusions (NCT06855056)
    Given the exclusion line "Antiviral treatment for hepatitis C, B and delta initiated in the last 6 months or planned to be initiated in the following 6 months."
    And a patient whose record holds <items>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(antivirals and (hcv within 6 months or hbv within 6 months or hdv within 6 months) and unparsed("initiated") and unparsed("in the last 6 months")) or unparsed("planned to be initiated in the following 6 months")"
    And it is <met>

    # split at the comma, the line read "(antivirals and hcv) or unparsed(…)": a patient
    # treated for hepatitis C for years, whatever the line's window, was excluded; and the
    # unread look-ahead ("or planned …") is an alternative to the rest: ANDed, a patient with
    # hepatitis whose treatment was only planned was cleared for having none yet
    Examples:
      | items                                                               | complete                | met       |
      | condition B18.2 since 2020-01-01; drug sofosbuvir since 2024-01-01  | conditions, medications | undecided |
      | condition B18.0 since 2020-01-01; drug tenofovir since 2026-10-01   | conditions, medications | undecided |
      | condition B18.2 since 2020-01-01                                    | conditions, medications | undecided |
      | drug tenofovir since 2024-01-01                                     | conditions, medications | undecided |
      | nothing                                                             | no sections             | undecided |

  Scenario Outline: A limit spelt out in parentheses after "ULN" restates it (NCT02681094)
    Given the exclusion line "Significant hepatic disease, including, but not limited to, chronic active hepatitis and/or severe hepatic insufficiency and/or significant abnormal liver function, including patients with Alanine transaminase (ALT) and/or Aspartate transaminase (AST) ≥3x ULN (Upper Limit of Normal)and/or Total Bilirubin ≥2.0x ULN. History of severe hepatobiliary disease or hepatotoxicity with any medication. Positive serologic evidence of current infectious liver disease, including patients who are known to be positive for Hepatitis viral antibody ImmunoglobulinM (IgM), Hepatitis B surface antigen, and Hepatitis C virus antibody."
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "significant_hepatic_disease or unparsed("chronic active hepatitis") or severe_hepatic_impairment or unparsed("significant abnormal liver function") or alt >= 3 x ULN or ast >= 3 x ULN or bilirubin >= 2 x ULN or (unparsed("severe") and history of liver_disease) or unparsed("hepatotoxicity with any medication") or (unparsed("serologic") and ((unparsed("infectious") and liver_disease) or (unparsed("Hepatitis viral antibody ImmunoglobulinM") and unparsed("IgM")))) or (hbv and history of hcv and unparsed("antibody"))"
    And it is <met>

    # "(Upper Limit of Normal)" stayed unread and joined each bound by "and": an ALT of five
    # times the limit did not exclude
    Examples:
      | observations                 | met       |
      | alt 200 U/L ref 5-40         | met       |
      | ast 150 U/L ref 5-40         | met       |
      | alt 50 U/L ref 5-40          | undecided |
      | nothing                      | undecided |

  Scenario Outline: A parenthesis opened by "or" is an alternative, its unread condition inside it (NCT03053050)
    Given the inclusion line "Has the following laboratory parameters at the screening visit: Hemoglobin A1c (HbA1c) ≤ 9.5% (or serum fructosamine ≤ 381 μmol if HbA1c is unable to be resulted)"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "hba1c <= 9.5 % or (fructosamine <= 381 umol/L and unparsed("μmol if HbA1c") and not unparsed("resulted"))"
    And it is <met>

    # the unread condition made the alternative an "and": an HbA1c of 8 % alone did not
    # qualify, as if the fructosamine were asked too
    Examples:
      | observations                          | met       |
      | hba1c 8 %                             | met       |
      | hba1c 10 %; fructosamine 300 umol/L   | undecided |
      | hba1c 10 %                            | undecided |
      | nothing                               | undecided |

  Scenario Outline: A unit spelt out ("Kilopascal (kPa)") is the unit (NCT05061992)
    # the item as the trial's "2 of the following 4 criteria" list reads it
    Given the inclusion line "Fibroscan liver stiffness score >13 Kilopascal (kPa)"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads as "liver_stiffness > 13 kPa"
    And it is <met>

    # "Kilopascal" and "(kPa)" stayed unread beside the stiffness bound: a stiffness of
    # 15 kPa did not count as one of the four criteria
    Examples:
      | observations             | met       |
      | liver_stiffness 15 kPa   | met       |
      | liver_stiffness 10 kPa   | not met   |
      | nothing                  | undecided |

  Scenario Outline: A judged fact written right before its thresholds is defined by them (NCT03866083)
    Given the exclusion line "Severe coagulopathy platelets <20,000 and INR >5"
    And a patient with observations <observations> and the fact severe_coagulopathy <judged>
    When the line is evaluated on 2026-11-27
    Then the line reads as "platelets < 20000 /uL and inr > 5"
    And it is <met>

    # read "severe_coagulopathy and platelets < 20000 /uL and inr > 5": a patient with those
    # counts whose record said no severe coagulopathy was not excluded
    Examples:
      | observations                    | judged     | met       |
      | platelets 15000 /uL; inr 6 1    | false      | met       |
      | platelets 50000 /uL; inr 6 1    | true       | not met   |
      | platelets 15000 /uL             | unrecorded | undecided |

  Scenario Outline: An unread look-ahead after a window is an alternative to the rest (NCT03869073)
    # the last item of the trial's exclusion list, as its window reads it
    Given the exclusion line "Cancer requiring chemotherapy in the past 6 months or likely within the next 6 months"
    And a patient with conditions <conditions> and the procedure chemotherapy on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(cancer within 6 months and chemotherapy within 6 months) or unparsed("likely within the next 6 months")"
    And it is <met>

    # read "cancer and chemotherapy and unparsed(…)", a patient given chemotherapy last month
    # for a current cancer was not told apart from one treated years ago
    Examples:
      | conditions                        | when       | met       |
      | C18.9 since 2025-01-01, complete  | 2026-10-15 | met       |
      | C18.9 since 2025-01-01, complete  | 2025-02-01 | undecided |
      | nothing                           | never      | undecided |

  Scenario Outline: A threshold on the defining measure is an alternative to the whole qualified condition (NCT06855056)
    Given the exclusion line "Chronic organic renal failure stage IV and V or estimated Glomerular Filtration Rate <20 ml/min according to the MDRD equations"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unparsed("Chronic") and unparsed("organic") and renal_failure and unparsed("stage IV and V")) or egfr < 20 mL/min/{1.73_m2}"
    And it is <met>

    # read "renal_failure and (unparsed(…) or egfr < 20)": eGFR 15 without a renal failure
    # code on a complete record did not exclude
    Examples:
      | observations               | conditions                        | met       |
      | egfr 15 mL/min/{1.73_m2}   | nothing, complete                 | met       |
      | egfr 45 mL/min/{1.73_m2}   | nothing, complete                 | not met   |
      | egfr 45 mL/min/{1.73_m2}   | N18.4 since 2020-01-01, complete  | undecided |
      | nothing                    | nothing                           | undecided |

  Scenario Outline: The graft type of a transplant to come is not a past transplant (NCT03929523)
    Given the exclusion line "Split liver transplantation"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Split liver transplantation")"
    And it is <met>

    # read "unparsed("Split") and history of liver_transplant": every candidate without a
    # past transplant was cleared, whatever graft was planned
    Examples:
      | conditions                        | met       |
      | nothing, complete                 | undecided |
      | Z94.4 since 2020-01-01, complete  | undecided |
      | nothing                           | undecided |

  Scenario Outline: A duration after "A or B" covers A too (NCT03920605)
    Given the inclusion line "Positive hepatitis b surface antigen or hepatitis b virus DNA > 0.5 year;"
    And a patient whose record holds <items>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "hbv for > 6 months or unparsed("hepatitis b virus DNA > 0.5 year")"
    And it is <met>

    # read "hbv or …": an acute hepatitis B of four weeks met the chronic-HBV inclusion
    Examples:
      | items                            | met       |
      | condition B18.1 since 2020-01-01 | met       |
      | condition B16.9 since 2026-11-01 | undecided |
      | nothing                          | undecided |

  Scenario Outline: "A transplant list" is any organ's (NCT01887717)
    Given the exclusion line "On a transplant list"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("transplant list")"
    And it is <met>

    # read liver_transplant_candidate: a patient listed for a kidney (not for a liver) was
    # not excluded
    Examples:
      | facts                            | met       |
      | liver_transplant_candidate false | undecided |
      | liver_transplant_candidate true  | undecided |
      | consent true                     | undecided |

  Scenario Outline: Corticosteroids without a route are the whole class (NCT03863418)
    Given the exclusion line "use of corticosteroids or calcineurin antagonists or phototherapy in the previous 4 weeks,"
    And a patient given <drug> on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "corticosteroids within 4 weeks or calcineurin_inhibitors within 4 weeks or unparsed("phototherapy")"
    And it is <met>

    # read as systemic corticosteroids: a patient on inhaled budesonide last week was not
    # excluded
    Examples:
      | drug        | when       | met       |
      | budesonide  | 2026-11-20 | met       |
      | prednisone  | 2026-11-20 | met       |
      | budesonide  | 2026-01-20 | undecided |
      | paracetamol | 2026-11-20 | undecided |

  Scenario Outline: "No concurrent or anticipated need for A or B": the anticipated branch stays unread (NCT01005199)
    Given the inclusion line "PRIOR CONCURRENT THERAPY: No concurrent or anticipated need for CYP3A4 inhibitors or inducers"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (cyp3a4_inhibitors or cyp3a4_inducers or unparsed("anticipated need for CYP3A4 inhibitors or inducers"))"
    And it is <met>

    # read "not unparsed("or") and unparsed("anticipated") and (A or B)": every patient on
    # neither drug failed the inclusion
    Examples:
      | drug         | when       | complete    | met       |
      | ketoconazole | 2026-01-01 | medications | not met   |
      | paracetamol  | 2026-01-01 | medications | undecided |
      | paracetamol  | 2026-01-01 | no sections | undecided |

  Scenario Outline: A planned procedure is not on the record (NCT00679484)
    Given the exclusion line "Planned cardiac surgery, revascularization or resynchronization within the study period"
    And a patient with the procedure <name> on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Planned cardiac surgery, revascularization or resynchronization within the study period")"
    And it is <met>

    # read "unparsed("Planned") and unparsed("cardiac") and surgery": a patient with cardiac
    # surgery planned but none on record was cleared
    Examples:
      | name    | when       | met       |
      | surgery | never      | undecided |
      | surgery | 2026-11-01 | undecided |

  Scenario Outline: "Women of child-bearing potential and men must …": two populations, each held to it (NCT00559507)
    Given the inclusion line "Women of child-bearing potential and men must use adequate contraception (e.g., hormonal or barrier method of birth control or abstinence) prior to, during, and for 8 weeks after completion of study therapy"
    And a <sex> patient with conditions nothing, complete and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (childbearing_potential or sex = male) or (contraception and unparsed("hormonal or barrier") and ((unparsed("method") and contraception) or unparsed("abstinence")) and unparsed("during, and for 8 weeks after completion of study therapy"))"
    And it is <met>

    # read "childbearing_potential and sex = male and …": nobody is both, so no one met it
    Examples:
      | sex     | facts                                             | met       |
      | female  | childbearing_potential false                      | met       |
      | female  | childbearing_potential true; contraception false  | not met   |
      | male    | contraception false                               | not met   |
      | male    | contraception true                                | undecided |
      | unknown | none                                              | undecided |

  Scenario Outline: An allowed item in an inclusion permits, it is not required (NCT00679354)
    Given the inclusion line "Seizure disorder is allowed provided it is well-controlled with anticonvulsants"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not seizure_disorder or unparsed("is allowed provided it is well-controlled with anticonvulsants")"
    And it is <met>

    # read "seizure_disorder and unparsed(…)": every patient without a seizure disorder
    # failed the inclusion; a patient with one is left to the unread condition
    Examples:
      | conditions                          | met       |
      | nothing, complete                   | met       |
      | G40.909 since 2020-01-01, complete  | undecided |
      | nothing                             | undecided |

  Scenario Outline: One population's duty is asked of that population only (NCT03432260)
    Given the inclusion line "Women of child-bearing potential must utilize appropriate birth control throughout the study duration."
    And a <sex> patient with conditions nothing, complete and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not childbearing_potential or (unparsed("utilize") and contraception and unparsed("throughout the study duration"))"
    And it is <met>

    # read "childbearing_potential and … contraception …": every man failed the inclusion
    Examples:
      | sex     | facts                                             | met       |
      | male    | childbearing_potential false                      | met       |
      | female  | childbearing_potential true; contraception false  | not met   |
      | female  | childbearing_potential true; contraception true   | undecided |
      | unknown | none                                              | undecided |

  Scenario Outline: What one is unwilling to do stays unread (NCT03242018)
    Given the exclusion line "Women of childbearing potential (WOCBP) not willing to use highly effective method(s) of birth control during the study treatment period and the follow-up period, or who are unwilling or unable to be tested for pregnancy during the study."
    And a <sex> patient with conditions nothing, complete and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "childbearing_potential and (not unparsed("willing to use highly effective method(s) of birth control during the study treatment period and the follow-up period") or not unparsed("tested for pregnancy during the study"))"
    And it is <met>

    # read "… not unparsed("willing") and unparsed("use") and contraception …": a woman not
    # on contraception was not excluded, though she may be the unwilling one
    Examples:
      | sex     | facts                                             | met       |
      | female  | childbearing_potential true; contraception false  | undecided |
      | female  | childbearing_potential false                      | not met   |
      | unknown | none                                              | undecided |

  Scenario Outline: A range of time after an event dates the event from both ends (NCT00086346)
    Given the inclusion line "6 to 144 months after orthotopic liver transplantation."
    And a patient with conditions <conditions> and the procedure <procedure> on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads as "liver_transplant within 144 months and not liver_transplant within 6 months"
    And it is <met>

    # left unread as "6 to 144 months" and "after", the line never told a recipient
    # transplanted two years ago from one transplanted last month or fifteen years ago
    Examples:
      | conditions       | procedure                  | when       | met       |
      | nothing, complete | liver transplantation     | 2024-11-01 | met       |
      | nothing, complete | liver transplantation     | 2026-09-01 | not met   |
      | nothing, complete | liver transplantation     | 2010-01-01 | not met   |
      | nothing, complete | liver transplantation     | never      | not met   |
      | nothing          | liver transplantation      | 2024-11-01 | undecided |
      | nothing          | liver transplantation      | never      | undecided |

  Scenario Outline: A permission on a condition asks nothing of a patient without it (NCT00679354)
    Given the inclusion line "Concurrent steroids for treatment of increased intracranial pressure allowed if on a stable or decreasing dose for >= 1 week before study entry"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (corticosteroids and unparsed("increased intracranial pressure")) or unparsed("allowed if on a stable or decreasing dose for >= 1 week before study entry")"
    And it is <met>

    # read "systemic_corticosteroids and unparsed(…)", every patient on no steroids failed
    # a line that only permits them
    Examples:
      | drug          | when       | complete    | met       |
      | paracetamol   | 2025-01-01 | medications | met       |
      | dexamethasone | 2026-11-01 | medications | undecided |
      | paracetamol   | 2025-01-01 | no sections | undecided |

  Scenario Outline: A condition "of any grade" is the condition, whatever its grade (NCT01005199)
    Given the inclusion line "PATIENT CHARACTERISTICS: No ongoing cardiac dysrhythmias of NCI CTCAE grade ≥ 2, atrial fibrillation of any grade, prolongation of QTc > 500 msec on screening electrocardiogram (ECG), or history of familial long QT syndrome"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not ((arrhythmia and unparsed("NCI CTCAE grade ≥ 2")) or atrial_fibrillation or qtc > 500 ms or history of long_qt_syndrome)"
    And it is <met>

    # "grade" was left unread beside atrial fibrillation, so a patient in atrial fibrillation
    # was undecided where the line excludes every grade of it
    Examples:
      | observations | conditions                        | met       |
      | qtc 450 ms   | I48.91 since 2025-01-01, complete | not met   |
      | qtc 450 ms   | nothing, complete                 | met       |
      | qtc 520 ms   | nothing, complete                 | not met   |
      | nothing      | nothing                           | undecided |

  Scenario Outline: "No A according to …, including any of the following: B" rules out B too (NCT00559507)
    Given the inclusion line "No severe restrictive or obstructive lung disease according to baseline pulmonary function studies including any of the following pulmonary function test (PFT) parameters: Total lung capacity < 60%"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("severe restrictive") or (unparsed("obstructive") and lung_disease) or unparsed("Total lung capacity < 60%"))"
    And it is <met>

    # the assessment note swallowed "including any of the following … parameters", and the
    # parameter was joined to "not (…)" by "and": read, it was required of every patient.
    # "severe restrictive" and "obstructive" stay unread (judged), so no record decides it
    Examples:
      | conditions                        | met       |
      | J44.9 since 2025-01-01, complete  | undecided |
      | nothing, complete                 | undecided |
      | nothing                           | undecided |

  Scenario Outline: An inducer named in a list of examples is read by its name (NCT01005199)
    Given the inclusion line "PRIOR CONCURRENT THERAPY: No concurrent strong CYP3A4 inducers*, including any of the following: Carbamazepine"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "not (strong_cyp3a4_inducers or carbamazepine)"
    And it is <met>

    Examples:
      | drug          | when       | complete    | met       |
      | carbamazepine | 2026-01-01 | medications | not met   |
      | paracetamol   | 2026-01-01 | medications | met       |
      | paracetamol   | 2026-01-01 | no sections | undecided |

  Scenario Outline: What a condition impairs is what the patient can not do (NCT00559507)
    Given the inclusion line "No condition that impairs the ability to swallow AZD0530 tablets, including the following: Active peptic ulcer disease"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("impairs the ability to swallow") and (unparsed("AZD0530 tablets") or peptic_ulcer_disease))"
    And it is <met>

    # read "not (unparsed("impairs") and oral_medication_possible and …)", a patient unable
    # to swallow (oral_medication_possible false) met the line
    Examples:
      | facts                          | met       |
      | oral_medication_possible false | undecided |
      | oral_medication_possible true  | undecided |
      | unrecorded                     | undecided |


  Scenario Outline: A duty of one sex holds that sex only (NCT01857115)
    Given the inclusion line "Male subjects must agree to practice contraception."
    And a <sex> patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not sex = male or (unparsed("agree") and contraception)"
    And it is <met>

    # read "sex = male and unparsed("agree") and contraception", every woman failed it
    Examples:
      | sex     | facts               | met       |
      | female  | contraception false | met       |
      | male    | contraception false | not met   |
      | male    | contraception true  | undecided |
      | unsexed | contraception true  | undecided |

  Scenario Outline: An allergy or adverse reaction to a drug is no drug taken (NCT02054156)
    Given the exclusion line "History of aminoglycoside hypersensitivity or adverse reaction to inhaled aminoglycoside"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("aminoglycoside hypersensitivity or adverse reaction to inhaled aminoglycoside")"
    And it is <met>

    # read "history of aminoglycosides and unparsed(…) and aminoglycosides": a patient allergic
    # to aminoglycosides, so taking none, was not excluded; one taking tobramycin was
    # excluded for want of an allergy
    Examples:
      | drug        | when       | complete    | met       |
      | paracetamol | 2025-01-01 | medications | undecided |
      | tobramycin  | 2026-11-01 | medications | undecided |
      | paracetamol | 2025-01-01 | no sections | undecided |

  Scenario Outline: Unsuitable for surgery is no surgery done (NCT01160926)
    Given the inclusion line "Exc Criteria: Patients who are deemed unsuitable for surgery because of co-morbidity or coagulation problems."
    And a patient with the procedure <name> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("deemed unsuitable for surgery") and (unparsed("because of co-morbidity") or bleeding_diathesis))"
    And it is <met>

    # read "not (unparsed(…) and surgery and …)", a patient never operated (because unfit for
    # surgery) met the line; whether the patient is unfit is judged, so no record decides it
    Examples:
      | name        | when       | complete                | met       |
      | colectomy   | never      | procedures, conditions  | undecided |
      | colectomy   | 2025-01-01 | procedures, conditions  | undecided |
      | colectomy   | 2025-01-01 | no sections             | undecided |

  Scenario Outline: "that is histologically proven" says more of the noun, a ";" ends its clause (NCT01909778)
    Given the inclusion line "Patients with liver cirrhosis, that is histologically proven in a previous liver biopsy; possible aetiologies are: cured HCV infection, former alcohol abuse, genetic haemochromatosis, non-alcoholic steatohepatitis or others."
    And a patient with conditions <conditions> and the procedure liver biopsy on <when>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "cirrhosis and history of liver_biopsy and ((unparsed("possible aetiologies") and unparsed("cured") and hcv) or (unparsed("former") and history of alcohol_use_disorder) or hemochromatosis or nash or unparsed("others"))"
    And it is <met>

    # read "history of liver_biopsy or … or nash or …", a patient with NASH (or a biopsy) but
    # no cirrhosis met it
    Examples:
      | conditions                                        | when       | met       |
      | K75.81 since 2024-01-01, complete                 | 2024-02-01 | not met   |
      | K74.60 since 2024-01-01; K75.81 since 2020-01-01, complete | 2024-02-01 | met       |
      | K74.60 since 2024-01-01, complete                 | never      | not met   |
      | nothing                                           | 2024-02-01 | undecided |

  Scenario Outline: "unless" after a list keeps the line open for what it waives (NCT01857115)
    Given the exclusion line "Disease-related: Unstable angina or myocardial infarction within 4 months prior to randomization, NYHA Class III or IV heart failure, uncontrolled angina, history of severe coronary artery disease, severe uncontrolled ventricular arrhythmias, sick sinus syndrome, or electrocardiographic evidence of acute ischemia or Grade 3 conduction system abnormalities unless subject has a pacemaker."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unstable_angina within 4 months or myocardial_infarction within 4 months or nyha_class = III or nyha_class = IV or uncontrolled_angina or history of severe_coronary_artery_disease or history of uncontrolled_ventricular_arrhythmia or history of bradycardia or unparsed("electrocardiographic evidence of acute ischemia") or unparsed("Grade 3 conduction system abnormalities")) and (not pacemaker or unparsed("unless subject has a pacemaker"))"
    And it is <met>

    # read "(…) and not pacemaker", a patient with a pacemaker and an infarction last month
    # was not excluded, though the pacemaker may waive the conduction abnormalities only
    Examples:
      | conditions                                         | met       |
      | I21.9 since 2026-10-20; Z95.0 since 2020-01-01, complete | undecided |
      | I21.9 since 2026-10-20, complete                   | met       |
      | nothing, complete                                  | undecided |
      | nothing                                            | undecided |

  Scenario Outline: "and any" among exclusions opens an item of its own (NCT01887717)
    Given the exclusion line "Active gastrointestinal (GI) bleeding and any bleeding diathesis or coagulopathy that is not correctable by usual therapy or hemostatic agents"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("gastrointestinal") and unparsed("GI") and (bleeding or bleeding_diathesis or (bleeding_diathesis and not unparsed("correctable by usual therapy or hemostatic agents")))"
    And it is <met>

    # read "(bleeding and bleeding_diathesis) or …", a patient bleeding now without a
    # diathesis was not excluded
    Examples:
      | conditions                       | met       |
      | K92.2 since 2026-11-20, complete | undecided |
      | D68.9 since 2025-01-01, complete | undecided |
      | nothing, complete                | not met   |
      | nothing                          | undecided |

  Scenario Outline: A suspected malignancy is an alternative of its own (NCT00086346)
    Given the exclusion line "Known or suspected malignancy < 5 years before random assignment."
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "cancer within 5 years or suspected_malignancy"
    And it is <met>

    # read "cancer within 5 years" ("known or suspected" a filler), a patient with a
    # suspected malignancy was never excluded by it
    Examples:
      | facts                      | met       |
      | suspected_malignancy true  | met       |
      | suspected_malignancy false | undecided |
      | unrecorded                 | undecided |

  Scenario Outline: The drug whose absorption is altered is no drug taken (NCT00516165)
    Given the exclusion line "Impairment of gastrointestinal function or gastrointestinal disease that may significantly alter the absorption of RAD001"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unparsed("Impairment of gastrointestinal function") or gi_disease) and unparsed("significantly alter the absorption of RAD001")"
    And it is <met>

    # read "… and unparsed("absorption") and everolimus", a patient with a GI disease and no
    # everolimus yet (every candidate before the study) was not excluded
    Examples:
      | conditions                       | met       |
      | K90.9 since 2025-01-01, complete | undecided |
      | nothing, complete                | undecided |
      | nothing                          | undecided |

  Scenario Outline: A misspelt contraindication keeps its object unread (NCT04546360)
    Given the exclusion line "contradictions for esophagogastroduodenoscopy;"
    And a patient with the procedure <name> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("contradictions for esophagogastroduodenoscopy")"
    And it is <met>

    # read "unparsed("contradictions") and endoscopy": a patient with no endoscopy on record
    # (who may be the one it must not be done on) was cleared of the exclusion
    Examples:
      | name      | when       | complete    | met       |
      | endoscopy | 2026-11-01 | procedures  | undecided |
      | endoscopy | never      | procedures  | undecided |
      | endoscopy | never      | no sections | undecided |

  Scenario Outline: What a patient failed to do stays unread with the failure (NCT03866083)
    Given the exclusion line "Failure to give informed consent from family members."
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Failure to give informed consent from family members")"
    And it is <met>

    # read "unparsed("Failure") and consent and …": a patient without consent (the very
    # failure it names) was cleared of the exclusion
    Examples:
      | facts         | met       |
      | consent false | undecided |
      | consent true  | undecided |
      | none          | undecided |

  Scenario Outline: "… or patients not likely to …" is an alternative to the whole statement (NCT03938090)
    Given the exclusion line "Documented persistent atrial arrhythmia at the moment of enrolment or patients not likely to remain in sinus (or atrial paced) rhythm for the duration of the study"
    And a unknown patient with conditions <conditions> and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(unparsed("persistent") and unparsed("atrial") and arrhythmia and unparsed("moment of enrolment")) or (unlikely_to_remain_in_sinus_rhythm and unparsed("duration of the study"))"
    And it is <met>

    # read "arrhythmia and (unparsed(…) or unlikely_to_remain_in_sinus_rhythm) and …": a
    # patient unlikely to stay in sinus rhythm with no arrhythmia on record was not excluded
    Examples:
      | conditions                       | facts                                    | met       |
      | nothing, complete                | unlikely_to_remain_in_sinus_rhythm true  | undecided |
      | nothing, complete                | unlikely_to_remain_in_sinus_rhythm false | not met   |
      | I48.0 since 2026-01-01, complete | unlikely_to_remain_in_sinus_rhythm false | undecided |
      | nothing                          | none                                     | undecided |

  Scenario Outline: "must not be participating or intending to participate in X" negates both verbs (NCT03868163)
    Given the inclusion line "Patient must not be participating or intending to participate in a concurrent interventional therapeutic trial."
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not unparsed("participating or intending to participate in a concurrent interventional therapeutic trial")"
    And it is <met>

    # read "(not unparsed("participating") or unparsed("intending")) and … and
    # other_trial_participation": the other trial was required, so every patient in none
    # failed the inclusion
    Examples:
      | facts                           | met       |
      | other_trial_participation false | undecided |
      | other_trial_participation true  | undecided |
      | none                            | undecided |

  Scenario Outline: A cohort named by a coded condition is that condition or the unread cohort (NCT02121860)
    Given the exclusion line "Subjects with Hepatic Impairment: Screening creatinine clearance <50 mL/min using the Cockcroft-Gault equation"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(hepatic_impairment or unparsed("Subjects with Hepatic Impairment")) and creatinine_clearance < 50 mL/min"
    And it is <met>

    # read "hepatic_impairment and creatinine_clearance < 50": a cirrhotic patient of the
    # hepatic-impairment cohort without a hepatic failure code (K72) was cleared of it.
    # Cirrhosis is hepatic impairment (Child-Pugh graded), so such a patient is of the cohort;
    # another liver disease leaves the cohort open
    Examples:
      | observations                    | conditions                        | met       |
      | creatinine_clearance 30 mL/min  | K74.60 since 2020-01-01, complete | met       |
      | creatinine_clearance 30 mL/min  | K76.0 since 2020-01-01, complete  | undecided |
      | creatinine_clearance 30 mL/min  | K72.10 since 2020-01-01, complete | met       |
      | creatinine_clearance 70 mL/min  | K74.60 since 2020-01-01, complete | not met   |
      | nothing                         | nothing                           | undecided |

  Scenario Outline: An inclusion under a coded-condition cohort still asks its own threshold (NCT02121860)
    Given the inclusion line "Subjects with Hepatic Impairment: Supine blood pressure ≤160/100 mmHg"
    And a patient with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(not hepatic_impairment and unparsed("Subjects with Hepatic Impairment")) or (systolic_bp <= 160 mm[Hg] and diastolic_bp <= 100 mm[Hg])"
    And it is <met>

    # read "not hepatic_impairment or (…)": the same patient met it whatever her pressure
    Examples:
      | observations                                      | conditions                        | met       |
      | systolic_bp 170 mm[Hg]; diastolic_bp 105 mm[Hg]   | K74.60 since 2020-01-01, complete | not met   |
      | systolic_bp 170 mm[Hg]; diastolic_bp 105 mm[Hg]   | K76.0 since 2020-01-01, complete  | undecided |
      | systolic_bp 170 mm[Hg]; diastolic_bp 105 mm[Hg]   | K72.10 since 2020-01-01, complete | not met   |
      | systolic_bp 150 mm[Hg]; diastolic_bp 95 mm[Hg]    | K74.60 since 2020-01-01, complete | met       |
      | nothing                                           | nothing                           | undecided |

  Scenario Outline: What a patient must be comparable to is no state of hers (NCT02121860)
    Given the inclusion line "Matched Healthy Volunteers: Demographically comparable to subjects with hepatic impairment as follows: Mean age within ±10 years"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not healthy_volunteer or unparsed("Demographically comparable to subjects with hepatic impairment as follows: Mean age within ±10 years")"
    And it is <met>

    # read "… and hepatic_impairment and …": the other cohort's condition was required of
    # every healthy volunteer, who then failed the line
    Examples:
      | facts                   | met       |
      | healthy_volunteer true  | undecided |
      | healthy_volunteer false | met       |
      | none                    | undecided |

  Scenario Outline: What a patient "may receive" is permitted, not asked (NCT02141828)
    Given the inclusion line "Myelosuppressive Chemotherapy: Patients may receive hydroxyurea, low-dose cytarabine and/or glucocorticoids to control peripheral blood leukemic cell counts at study entry"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Myelosuppressive Chemotherapy: Patients may receive hydroxyurea, low-dose cytarabine and/or glucocorticoids to control peripheral blood leukemic cell counts at study entry")"
    And it is <met>

    # read "chemotherapy and … and (… or corticosteroids) and …": every patient on neither
    # chemotherapy nor a glucocorticoid failed the inclusion
    Examples:
      | drug        | when       | complete    | met       |
      | prednisone  | 2026-11-01 | medications | undecided |
      | paracetamol | 2026-11-01 | medications | undecided |
      | paracetamol | 2026-11-01 | no sections | undecided |

  Scenario Outline: A window after unread words dates the condition before them too (NCT02521181)
    Given the exclusion line "Malignancy requiring therapy within 2 years (basal or squamous cell skin carcinoma and localized prostate cancer are exempted)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "cancer within 2 years and unparsed("therapy") and (not (basal_cell_carcinoma or (cutaneous_squamous_cell_carcinoma and prostate_cancer)) or unparsed("basal or squamous cell skin carcinoma and localized prostate cancer")) and unparsed("within 2 years")"
    And it is <met>

    # read "cancer and unparsed("therapy") and …": the cancer was asked as current, so a
    # patient whose breast cancer was treated and resolved a year ago was not excluded
    Examples:
      | conditions                                           | met       |
      | C50.9 since 2024-01-01 resolved 2025-06-01, complete | undecided |
      | C50.9 since 2018-01-01 resolved 2019-06-01, complete | not met   |
      | nothing, complete                                    | not met   |
      | nothing                                              | undecided |

  Scenario Outline: What contraception is used "to avoid" is no requirement (NCT02681094)
    Given the inclusion line "For Females Only: Women of childbearing potential (WOCBP) must be using an acceptable method of contraception to avoid pregnancy throughout the study and for at least 4 weeks after the last dose of study medication in such a manner that the risk of pregnancy is minimized."
    And a female patient with conditions nothing, complete and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not childbearing_potential or (unparsed("using") and contraception and unparsed("avoid pregnancy throughout the study and for at least 4 weeks after the last dose of study medication in such a manner that the risk of pregnancy is minimized"))"
    And it is <met>

    # read "… contraception and unparsed("avoid") and pregnancy and …": the pregnancy to be
    # avoided was required, so every non-pregnant woman of childbearing potential failed it
    Examples:
      | facts                                            | met       |
      | childbearing_potential true; contraception true  | undecided |
      | childbearing_potential true; contraception false | not met   |
      | childbearing_potential false                     | met       |
      | none                                             | undecided |

  Scenario Outline: "…, or anticipation of the need for X" is an unread alternative to the whole (NCT02442531)
    Given the exclusion line "Major surgical procedure (including open biopsy and excluding central line intravenous catheter) within 28 days prior to the first study treatment, or anticipation of the need for major surgery during the course of the study treatment."
    And a patient with the procedure <name> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(major_surgery within 28 days and unparsed("open biopsy and excluding central line intravenous catheter")) or unparsed("anticipation of the need for major surgery during the course of the study treatment")"
    And it is <met>

    # read "major_surgery and … and (… or (unparsed("anticipation") and major_surgery)) and
    # …": a patient with no surgery yet but one anticipated was not excluded
    Examples:
      | name          | when       | complete    | met       |
      | major surgery | 2026-11-15 | procedures  | undecided |
      | major surgery | never      | procedures  | undecided |
      | major surgery | never      | no sections | undecided |

  Scenario Outline: Units of alcohol the line does not define stay unread (NCT02654665)
    Given the exclusion line "Alcohol intake ≥ 14 units/week"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Alcohol intake ≥ 14 units/week")"
    And it is <met>

    # a unit of alcohol is 8 g of ethanol in the UK (NHS) but 10 g where the "unit" is the
    # standard drink (Australia, Singapore; this trial's Asian BMI cut-offs suggest it): 14
    # units a week may be 112 or 140 g, so no intake is decided on a guessed mass
    Examples:
      | facts                    | met       |
      | alcohol_intake 16 g/d    | undecided |
      | alcohol_intake 150 g/wk  | undecided |
      | moribund false           | undecided |

  Scenario Outline: Units of alcohol the line defines in grams, a week (NCT02654665, defined)
    Given the exclusion line "Alcohol intake ≥ 14 units/week (1 unit = 10 g of alcohol)"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "alcohol_intake >= 140 g/wk"
    And it is <met>
    And its explanation mentions "<why>"

    Examples:
      | facts                    | met       | why                                                   |
      | alcohol_intake 20 g/d    | met       | the criterion defines a unit as 10 g of ethanol       |
      | alcohol_intake 19.9 g/d  | not met   | 139.3 g/wk is not ≥ 140 g/wk                          |
      | alcohol_intake 150 g/wk  | met       | 150 g/wk is ≥ 140 g/wk                                |
      | moribund false           | undecided | no alcohol intake (grams of ethanol) on record        |

  Scenario Outline: Drinks the line defines as the US standard drink, over a history of intake (NCT02121860)
    Given the exclusion line "Matched Healthy Volunteers: History of regular alcohol consumption exceeding 28 drinks/week (1 drink = 150 mL of wine or 360 mL of beer or 45 mL of spirits) within 6 months of Screening"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "healthy_volunteer and (alcohol_intake > 392 g/wk within 6 months or unparsed("History of"))"
    And it is <met>

    # the drink's volumes are the US standard drink's (NIAAA: 12 fl oz beer, 5 fl oz wine,
    # 1.5 fl oz spirits), 14 g of ethanol: 28 drinks a week are 392 g.  A volunteer drinking
    # more now is excluded; one drinking less may have drunk more in the last 6 months
    # ("history of" stays unread), so is undecided
    Examples:
      | facts                                           | met       |
      | healthy_volunteer true; alcohol_intake 60 g/d   | met       |
      | healthy_volunteer true; alcohol_intake 50 g/d   | undecided |
      | healthy_volunteer false; alcohol_intake 60 g/d  | not met   |
      | healthy_volunteer true                          | undecided |

  Scenario Outline: One measure compared with another, then a bound on the first (NCT03432260)
    Given the inclusion line "Patients with alcoholic hepatitis defined as: Serum bilirubin > 3 mg/dL AND AST > ALT, but less than 300 U/L AND"
    And a patient with observations <observations> and conditions K70.10 since 2026-11-01
    When the line is evaluated on 2026-11-27
    Then the line reads as "alcoholic_hepatitis and bilirubin > 3 mg/dL and ast > alt and ast < 300 U/L"
    And it is <met>
    And its explanation mentions "<why>"

    # "AST > ALT" was unread, so every patient was undecided.  Each side is the measure's
    # latest value, in the unit both share (1 ukat/L = 60 U/L); the bound after it ("but less
    # than 300 U/L") is on AST, the measure it follows
    Examples:
      | observations                                           | met       | why                                               |
      | bilirubin 5 mg/dL; ast 150 U/L; alt 60 U/L             | met       | AST (aspartate aminotransferase) 150 U/L          |
      | bilirubin 5 mg/dL; ast 60 U/L; alt 150 U/L             | not met   | is not > ALT (alanine aminotransferase) 150 U/L   |
      | bilirubin 5 mg/dL; ast 2 ukat/L; alt 100 U/L           | met       | 2 ukat/L (2026-11-20) = 120 U/L is > ALT          |
      | bilirubin 5 mg/dL; ast 350 U/L; alt 60 U/L             | not met   | AST (aspartate aminotransferase) 350 U/L          |
      | bilirubin 5 mg/dL; ast 150 U/L                         | undecided | no ALT (alanine aminotransferase) on record       |

  Scenario Outline: A parenthesised class after a negated list sums up the line, outside the negation (NCT01909778)
    Given the inclusion line "Compensated liver disease, as indicated by Prothrombin time or INR prolonged to <1.7 x ULN, serum bilirubin < 2 mg/dl, albumin > 3.5 g/dl, no ascites or encephalopathy (Child-Pugh grade A, score < 7)"
    And a patient with conditions <conditions> and the child_pugh_class recorded as <class>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Compensated") and liver_disease and unparsed("Prothrombin time or INR prolonged to <1.7 x ULN") and bilirubin < 2 mg/dL and albumin > 3.5 g/dL and not (ascites or encephalopathy) and child_pugh_class = A and child_pugh_points < 7"
    And it is <met>

    # read "not (ascites or (encephalopathy and child_pugh_class = A and …))": the class was
    # asked only of encephalopathy, inside the "no", so a patient with encephalopathy in
    # Child-Pugh class B met "no … encephalopathy" and the class was never required
    Examples:
      | conditions                                            | class   | met       |
      | G93.4 since 2026-01-01; K74.6 since 2024-01-01, complete | B       | not met   |
      | K74.6 since 2024-01-01, complete                      | B       | not met   |
      | K74.6 since 2024-01-01, complete                      | A       | undecided |
      | nothing                                               | nothing | undecided |

  Scenario Outline: A judged fact and the indicators that define it each exclude, within the window (NCT01909778)
    Given the exclusion line "Decompensated liver disease within past 12 months, as indicated by variceal bleeding, ascites, encephalopathy, Prothrombin time or INR prolonged to > 1,7 x ULN, serum bilirubin > 2 mg/dl or albumin < 3,5 g/dl (i.e. Child-Pugh grade B)"
    And a female patient with conditions <conditions> and the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "decompensated_liver_disease within 12 months or gi_bleeding within 12 months or ascites within 12 months or encephalopathy within 12 months or unparsed("Prothrombin time or INR prolonged to > 1,7 x ULN") or bilirubin > 2 mg/dL within 12 months or (albumin < 3.5 g/dL within 12 months and unparsed("Child-Pugh grade B"))"
    And it is <met>

    # read "decompensated_liver_disease and unparsed("within past 12 months") and (… or
    # ascites or …)": a patient with ascites whose record said "not decompensated" was
    # cleared, and the indicators were asked as current (a resolved bleed did not count)
    Examples:
      | conditions                                             | facts                             | met       |
      | R18 since 2026-05-01, complete                         | decompensated_liver_disease false | met       |
      | K76.6 since 2020-01-01; I85.11 since 2026-03-01 resolved 2026-03-10, complete | none | met |
      | R18 since 2024-01-01 resolved 2024-06-01, complete     | decompensated_liver_disease false | undecided |
      | nothing                                                | none                              | undecided |

  Scenario Outline: A suspicion is an unread alternative to the diagnosis, not a narrowing of it (NCT02576509)
    Given the exclusion line "Active, known, or suspected autoimmune disease"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "autoimmune_disease or unparsed("suspected autoimmune disease")"
    And it is <met>

    # read "unparsed("suspected") and autoimmune_disease": a patient with the disease
    # suspected but not diagnosed (no code on record) was cleared
    Examples:
      | conditions                       | met       |
      | M32.9 since 2020-01-01, complete | met       |
      | nothing, complete                | undecided |
      | nothing                          | undecided |

  Scenario Outline: A NYHA class written with heart failure is the class, the failure implied (NCT06855056)
    Given the exclusion line "Chronic heart failure NYHA class III or IV"
    And a patient scored nyha_class <class> with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "nyha_class = III or nyha_class = IV"
    And it is <met>

    # read "nyha_class = III or nyha_class = IV": a patient in class IV
    # whose record carried no heart-failure code was not excluded
    Examples:
      | class      | conditions                       | met       |
      | IV         | nothing, complete                | met       |
      | II         | I50.9 since 2020-01-01, complete | not met   |
      | unmeasured | I50.9 since 2020-01-01, complete | undecided |

  Scenario Outline: Impaired liver function excludes a cirrhotic patient without a hepatic failure code (NCT03928158)
    Given the exclusion line "Impaired liver function;"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "hepatic_impairment"
    And it is <met>

    # hepatic_impairment was K72 (hepatic failure) only: a patient with Child-Pugh graded
    # cirrhosis, whose hepatic function is impaired by definition, was cleared
    Examples:
      | conditions                        | met       |
      | K74.60 since 2020-01-01, complete | met       |
      | K72.10 since 2020-01-01, complete | met       |
      | I10 since 2020-01-01, complete    | not met   |
      | nothing                           | undecided |

  Scenario Outline: A site before "sepsis" names a local infection, left unread (NCT01160926)
    Given the inclusion line "Exc Criteria: Pelvic sepsis."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not unparsed("Pelvic sepsis")"
    And it is <met>

    # read "not (unparsed("Pelvic") and sepsis)": a patient with a pelvic abscess (coded by
    # its site, no A40/A41 sepsis code) met "no pelvic sepsis"
    Examples:
      | conditions                        | met       |
      | K65.1 since 2026-10-01, complete  | undecided |
      | A41.9 since 2026-10-01, complete  | undecided |
      | nothing                           | undecided |

  Scenario Outline: Sepsis coded by its setting is sepsis ("Neonatal sepsis")
    Given the exclusion line "Neonatal sepsis"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Neonatal") and sepsis"
    And it is <met>

    # sepsis was A40/A41/R65.2 only: a newborn coded P36 (bacterial sepsis of newborn) had
    # no sepsis, and the exclusion was not met
    Examples:
      | conditions                        | met       |
      | P36.9 since 2026-11-01, complete  | undecided |
      | I10 since 2020-01-01, complete    | not met   |
      | nothing                           | undecided |

  Scenario Outline: Two diseases joined by a slash are one or the other (NCT03529136)
    Given the inclusion line "Hepatitis B/C Liver Cirrhosis After Viral Treatment, HBV/HCV Viral Loads Below Detection Level over six mouths, and the liver function remained below Child-pugh A grade or MELD score >10."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Hepatitis") and unparsed("B/C") and cirrhosis and unparsed("After Viral Treatment") and (hbv or hcv) and unparsed("Viral Loads Below Detection Level over six mouths, and the liver function remained") and unparsed("below") and child_pugh_class = A and (unparsed("grade") or meld > 10)"
    And it is <met>

    # read "… and hbv and hcv and …": a cirrhotic patient with hepatitis B alone failed it
    Examples:
      | conditions                                        | met       |
      | B18.1 since 2015-01-01; K74.60 since 2020-01-01, complete | undecided |
      | K74.60 since 2020-01-01, complete                 | not met   |
      | nothing                                           | undecided |

  Scenario Outline: "chronic" before a drug class qualifies it, unread (NCT01005199)
    Given the inclusion line "PRIOR CONCURRENT THERAPY: No chronic systemic steroids or other immunosuppressive agents"
    And a patient taking <drug> since <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (unparsed("chronic") and (systemic_corticosteroids or immunosuppressants))"
    And it is <met>

    # "chronic systemic steroids" was a synonym of systemic_corticosteroids: a patient given
    # a short prednisone course failed "no chronic steroids"
    Examples:
      | drug        | when       | complete    | met       |
      | prednisone  | 2026-11-20 | medications | undecided |
      | paracetamol | 2026-11-20 | medications | met       |
      | paracetamol | 2026-11-20 | no sections | undecided |

  Scenario Outline: A case set off by a dash among exclusions is a further way to be excluded (NCT01288573)
    Given the exclusion line "Fever (temperature >38.5°C) - if fever is between 37°C and 38.5°C, infection must be excluded as a cause"
    And a patient with observations <observations>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "body_temperature > 38.5 Cel or unparsed("if fever is between 37°C and 38.5°C, infection must be excluded as a cause")"
    And it is <met>

    # read "body_temperature > 38.5 Cel and unparsed(…)": a patient at 38 °C, whose fever
    # the line asks to be shown not infectious, was cleared
    Examples:
      | observations              | met       |
      | body_temperature 39.2 Cel | met       |
      | body_temperature 38.0 Cel | undecided |
      | nothing                   | undecided |

  Scenario Outline: A radiation field is where the planned treatment goes, not a past treatment (NCT01160926)
    Given the inclusion line "Exc Criteria: Patients who have very significant small bowel delineated within the radiation fields."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not unparsed("very significant small bowel delineated within the radiation fields")"
    And it is <met>

    # read "not (… and radiotherapy and …)": every patient without past radiotherapy met it,
    # whatever bowel lay in the planned fields
    Examples:
      | conditions                        | met       |
      | I10 since 2020-01-01, complete    | undecided |
      | Z92.3 since 2020-01-01, complete  | undecided |
      | nothing                           | undecided |

  Scenario Outline: Consent, a requirement, never excludes by being given (NCT01857115)
    Given the exclusion line "Disease-related: Any other clinically significant medical disease or condition that, in the Investigator's opinion, may interfere with protocol adherence or a subject's ability to give informed consent."
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("significant medical disease") or unparsed("ability to give informed consent")"
    And it is <met>

    # read "unparsed(…) or consent": every patient who had consented was excluded
    Examples:
      | facts         | met       |
      | consent true  | undecided |
      | consent false | undecided |

  Scenario Outline: "History of" reaches no item that names its own time (NCT01217749)
    Given the exclusion line "Known history of Human Immunodeficiency Virus (HIV) or active infection with Hepatitis C Virus (HCV) or Hepatitis B Virus (HBV) or any uncontrolled active systemic infection"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "history of hiv or hcv or hbv or active_infection"
    And it is <met>

    # read "history of hcv or …": a patient whose hepatitis C was cured years ago was
    # excluded as if it were active
    Examples:
      | conditions                                           | met       |
      | B18.2 since 2010-01-01 resolved 2016-01-01, complete | not met   |
      | B18.2 since 2010-01-01, complete                     | met       |
      | B20 since 2001-01-01 resolved 2002-01-01, complete   | met       |
      | I10 since 2020-01-01, complete                       | not met   |
      | nothing                                              | undecided |

  Scenario Outline: The window after "X associated with Y" dates the episode X, not Y (NCT01842581)
    Given the inclusion line "Have had one or more episodes of overt HE associated with cirrhosis within 6 months prior to screening visit (Day -7 to -1)."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "history of hepatic_encephalopathy within 6 months and unparsed("associated") and cirrhosis"
    And it is <met>

    # read "history of hepatic_encephalopathy and … and cirrhosis within 6 months": an HE
    # episode years ago counted when the cirrhosis was diagnosed lately; "(Day -7 to -1)"
    # dates the screening visit.  Whether the HE came of the cirrhosis stays unread.
    Examples:
      | conditions                                                           | met       |
      | K76.82 since 2026-09-01; K74.60 since 2020-01-01, complete           | undecided |
      | K76.82 since 2019-01-01 resolved 2019-03-01; K74.60 since 2026-10-01, complete | not met   |
      | K74.60 since 2026-10-01, complete                                    | not met   |
      | nothing                                                              | undecided |

  Scenario Outline: RECIST 1.1 measurable disease is at least one measurable lesion (NCT03794440)
    Given the inclusion line "At least 1 lesion with measurable disease at baseline by RECIST V1.1."
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads as "measurable_disease"
    And it is <met>

    # "At least 1", "lesion" and "RECIST V1.1" were unread: every patient was undecided
    Examples:
      | facts                    | met       |
      | measurable_disease true  | met       |
      | measurable_disease false | not met   |
      | moribund false           | undecided |

  Scenario Outline: A response judged after months of a drug says the drug was taken that long (NCT00713934)
    Given the inclusion line "Incomplete response to UDCA after 6 months of treatment."
    And a patient taking <drug> since <when> with the facts <facts>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "udca_incomplete_response and udca for >= 6 months"
    And it is <met>

    # "after 6 months of treatment" was unread: every patient was undecided
    Examples:
      | drug     | when       | facts                          | complete    | met       |
      | ursodiol | 2026-01-01 | udca_incomplete_response true  | no sections | met       |
      | ursodiol | 2026-08-01 | udca_incomplete_response true  | medications | not met   |
      | ursodiol | 2026-08-01 | udca_incomplete_response true  | no sections | undecided |
      | ursodiol | 2026-01-01 | udca_incomplete_response false | no sections | not met   |
      | nothing  | 2026-01-01 | udca_incomplete_response true  | no sections | undecided |

  Scenario Outline: "stem cell transplant or rescue": the rescue is a stem cell rescue (NCT00679354)
    Given the inclusion line "At least 6 months since prior allogeneic stem cell transplant (SCT) or rescue"
    And a patient with the procedure <procedure> on <when>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads as "not stem_cell_transplant within 6 months"
    And it is <met>

    # "rescue" (autologous stem cell rescue after high-dose chemotherapy) was unread: a
    # rescue a month ago left the line undecided instead of unmet
    Examples:
      | procedure                       | when       | complete    | met       |
      | autologous stem cell rescue     | 2026-10-01 | no sections | not met   |
      | allogeneic stem cell transplant | 2026-10-01 | no sections | not met   |
      | allogeneic stem cell transplant | 2025-01-01 | procedures  | met       |
      | allogeneic stem cell transplant | never      | procedures  | met       |
      | allogeneic stem cell transplant | never      | no sections | undecided |

  Scenario Outline: The NYHA classes grade heart-failure symptoms: "symptoms" after them adds nothing (NCT02521181)
    Given the exclusion line "New York Heart Association Class 3 or 4 heart failure symptoms, known left ventricular ejection fraction ≤30%, or hospital admission for heart failure within the past 3 months"
    And a patient in NYHA class <nyha> with observations <observations>, conditions <conditions> and the fact moribund unrecorded
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "nyha_class = III or nyha_class = IV or lvef <= 30 % or (unparsed("hospital") and unparsed("admission") and heart_failure within 3 months)"
    And it is <met>

    # read "(nyha_class = III or nyha_class = IV) and unparsed("symptoms")": a class IV
    # patient was undecided; a hospital admission stays unread (no encounters are recorded)
    Examples:
      | nyha | observations | conditions                        | met       |
      | IV   | lvef 50 %    | nothing, complete                 | met       |
      | III  | nothing      | nothing                           | met       |
      | II   | lvef 50 %    | nothing, complete                 | not met   |
      | II   | lvef 50 %    | I50.9 since 2026-10-01, complete  | undecided |
      | II   | nothing      | nothing                           | undecided |

  Scenario Outline: A clause "that has not been …" after "according to …" is a condition, not the method (NCT00516165)
    Given the inclusion line "At least one measurable site of disease according to RECIST criteria that has not been previously irradiated. If it has had previous radiation to teh marker lesion(s), there must be evidence of progression since the radiation"
    And a patient with the facts <facts>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("At least one") and measurable_disease and not unparsed("irradiated") and unparsed("If it has had previous radiation to teh marker lesion(s), there must be evidence of progression since the radiation")"
    And it is <met>

    # the "according to" annotation swallowed the rest of the line: whether the site was
    # irradiated vanished from the reading, so reading "At least one" would have cleared
    # a patient whose only measurable site was irradiated
    Examples:
      | facts                    | met       |
      | measurable_disease true  | undecided |
      | measurable_disease false | not met   |
      | moribund false           | undecided |

  Scenario Outline: A line under a part's heading is asked of that part's population only (NCT01611363 "Inclusion Part A: Healthy subjects")
    Given the inclusion line "Subject has a fasted plasma glucose (FPG) of less than 5.6 mmol/l at screening" in the lists of NCT01611363
    And a patient of cohort <cohort> with observations <observations> and conditions nothing
    And the patient is recorded healthy_volunteer <healthy>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not (study_cohort = part_a and healthy_volunteer) or fasting_glucose < 5.6 mmol/L"
    And it is <met>

    # read "fasting_glucose < 5.6 or unparsed("Part A: Healthy subjects")": unknown for
    # every patient over 5.6, though the coordinator knows the part; Part A also holds T2DM
    # subjects (not healthy volunteers), who are not held to it
    Examples:
      | cohort     | healthy    | observations                  | met       |
      | part_a     | true       | fasting_glucose 5.0 mmol/L    | met       |
      | part_a     | true       | fasting_glucose 6.0 mmol/L    | not met   |
      | PART_A     | true       | fasting_glucose 6.0 mmol/L    | not met   |
      | part_b     | true       | fasting_glucose 6.0 mmol/L    | met       |
      | part_a     | false      | fasting_glucose 6.0 mmol/L    | met       |
      | part_a     | unrecorded | fasting_glucose 6.0 mmol/L    | undecided |
      | unrecorded | true       | fasting_glucose 6.0 mmol/L    | undecided |
      | unrecorded | unrecorded | fasting_glucose 5.0 mmol/L    | met       |
      | part_a     | true       | nothing                       | undecided |

  Scenario Outline: A part with one population asks its lines of the whole part (NCT01611363 "Inclusion Part B: T2DM subjects")
    Given the inclusion line "Subject has HbA1c level of equal to or more than 6.0% and less than 10% at screening" in the lists of NCT01611363
    And a patient of cohort <cohort> with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not study_cohort = part_b or (hba1c >= 6 % and hba1c < 10 %)"
    And it is <met>

    # "T2DM subjects" describes everyone of Part B: read as a condition ("not (part_b and
    # type2_diabetes) or …"), a Part B patient without a T2DM code escaped every Part B line
    Examples:
      | cohort     | observations | conditions                        | met       |
      | part_b     | hba1c 7.0 %  | E11.9 since 2020-01-01            | met       |
      | part_b     | hba1c 11.0 % | E11.9 since 2020-01-01            | not met   |
      | part_b     | hba1c 11.0 % | nothing, complete                 | not met   |
      | part_b     | hba1c 5.5 %  | nothing                           | not met   |
      | part_a     | hba1c 11.0 % | E11.9 since 2020-01-01            | met       |
      | unrecorded | hba1c 11.0 % | E11.9 since 2020-01-01            | undecided |
      | unrecorded | hba1c 7.0 %  | nothing                           | met       |
      | part_b     | nothing      | E11.9 since 2020-01-01            | undecided |

  Scenario Outline: An exclusion under a two-part heading excludes only those parts' T2DM subjects (NCT01611363 "Exclusion Part A & Part B: T2DM subjects")
    Given the exclusion line "Subject has a urinary microalbumin/creatinine ratio above or equal to 300 mg/g at screening" in the lists of NCT01611363
    And a patient of cohort <cohort> with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "(study_cohort = part_a or study_cohort = part_b) and (type2_diabetes or unparsed("T2DM subjects")) and urine_acr >= 300 mg/g"
    And it is <met>

    # Part A holds healthy subjects too, so the population is asked; a T2DM code can be
    # missing for a patient of the T2DM cohort: without it the line stays open, never cleared
    Examples:
      | cohort     | observations       | conditions                        | met       |
      | part_b     | urine_acr 400 mg/g | E11.9 since 2020-01-01            | met       |
      | part_a     | urine_acr 400 mg/g | E11.9 since 2020-01-01            | met       |
      | part_b     | urine_acr 100 mg/g | E11.9 since 2020-01-01            | not met   |
      | part_b     | urine_acr 400 mg/g | nothing, complete                 | undecided |
      | cediranib  | urine_acr 400 mg/g | E11.9 since 2020-01-01            | not met   |
      | unrecorded | urine_acr 400 mg/g | E11.9 since 2020-01-01            | undecided |
      | unrecorded | urine_acr 100 mg/g | E11.9 since 2020-01-01            | not met   |
      | part_b     | nothing            | E11.9 since 2020-01-01            | undecided |

  Scenario Outline: An exclusion heading among the inclusions names the cohorts it excludes from (NCT01160926 "EXC CRITERIA (AZD6244 cohorts)")
    Given the inclusion line "Baseline LVEF (left ventricular ejection fraction) ≤50%" in the lists of NCT01160926
    And a patient of cohort <cohort> with observations <observations> and conditions nothing
    When the line is evaluated on 2026-11-27
    Then the line reads as "not lvef <= 50 % or not study_cohort = azd6244"
    And it is <met>

    # read "not lvef <= 50 % or unparsed("AZD6244 cohorts")": unknown for every patient with
    # a low LVEF, though a patient of the Cediranib cohorts is not excluded by it
    Examples:
      | cohort     | observations | met       |
      | azd6244    | lvef 45 %    | not met   |
      | AZD6244    | lvef 45 %    | not met   |
      | azd6244    | lvef 60 %    | met       |
      | cediranib  | lvef 45 %    | met       |
      | unrecorded | lvef 45 %    | undecided |
      | unrecorded | lvef 60 %    | met       |
      | azd6244    | nothing      | undecided |

  Scenario Outline: A heading naming a population by a code asks the code, open without it (NCT01165268 "Inclusion criteria for T2DM")
    Given the inclusion line "Must have a fasting plasma glucose concentration ≤ 200 mg/dl, and HbA1C ≤ 10%" in the lists of NCT01165268
    And a patient of cohort unrecorded with observations <observations> and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "not (type2_diabetes or unparsed("T2DM")) or (fasting_glucose <= 200 mg/dL and hba1c <= 10 %)"
    And it is <met>

    Examples:
      | observations                               | conditions             | met       |
      | fasting_glucose 150 mg/dL; hba1c 8.0 %     | E11.9 since 2020-01-01 | met       |
      | fasting_glucose 250 mg/dL; hba1c 8.0 %     | E11.9 since 2020-01-01 | not met   |
      | fasting_glucose 250 mg/dL; hba1c 8.0 %     | nothing, complete      | undecided |
      | nothing                                    | E11.9 since 2020-01-01 | undecided |

  Scenario Outline: A "For Part 1:" line heads the lines for that part (NCT02442531)
    Given the inclusion line "Patients with pathologically confirmed diagnosis of advanced, recurrent and progressive solid tumours that are refractory to standard therapy or for whom no standard therapy exists and with measurable or evaluable disease according to RECIST 1.1." in the lists of NCT02442531
    And a patient of cohort <cohort> with observations nothing and conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then it is <met>

    # read alone, the Part 1 population (solid tumours) was asked of Part 2 patients too
    Examples:
      | cohort     | conditions             | met       |
      | part_2     | nothing                | met       |
      | part_1     | nothing                | undecided |
      | unrecorded | C50.9 since 2025-01-01 | undecided |

  Scenario Outline: The explanation names the cohort recorded for the patient (NCT01160926 "EXC CRITERIA (Cediranib cohorts)")
    Given the inclusion line "APTT ratio > 1.5 x ULN" in the lists of NCT01160926
    And a patient of cohort <cohort> with observations nothing and conditions nothing
    When the line is evaluated on 2026-11-27
    Then the line reads as "not aptt_ratio > 1.5 x ULN or not study_cohort = cediranib"
    And it is <met>
    And its explanation mentions "<says>"

    Examples:
      | cohort     | met       | says                                     |
      | azd6244    | met       | study cohort recorded as azd6244         |
      | cediranib  | undecided | no aPTT ratio                            |
      | unrecorded | undecided | no study cohort on record                |

  Scenario Outline: Each clause of a line holds during its own stage of the trial (NCT01288573)
    Given the inclusion line "Age 2 to < 18 years during stage 1 and 1 to < 18 years during stage 2" in the lists of NCT01288573
    And a patient of cohort <cohort> born <born>
    When the line is evaluated on 2026-11-27
    Then the line reads as "(not study_cohort = stage_1 or (age >= 2 years and age < 18 years)) and (not study_cohort = stage_2 or (age >= 1 year and age < 18 years))"
    And it is <met>

    # read "age >= 2 years and age < 18 years and unparsed(…)": a child of 18 months in
    # stage 2 failed the line the trial wrote for her
    Examples:
      | cohort     | born       | met       |
      | stage_2    | 2025-05-01 | met       |
      | stage_1    | 2025-05-01 | not met   |
      | unrecorded | 2025-05-01 | undecided |
      | unrecorded | 2020-01-01 | met       |
      | stage_1    | 2020-01-01 | met       |
      | stage_2    | 2005-01-01 | not met   |
      | stage_2    | unknown    | undecided |

  Scenario Outline: A negated exception asks for no item other than the excepted ones (NCT03861819)
    Given the inclusion line "No diagnosis of malignancy (except non-melanoma skin cancer)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "not cancer except (nonmelanoma_skin_cancer)"
    And it is <met>

    # read "not (cancer and (not nmsc or unread))": a patient with only a basal cell
    # carcinoma on a complete record stayed undecided though the text clears him
    Examples:
      | conditions                                               | met       |
      | C44.91 since 2024-03-01, complete                        | met       |
      | C44.91 since 2024-03-01                                  | undecided |
      | C44.91 since 2024-03-01; C18.9 since 2024-03-01, complete | not met  |
      | C18.9 since 2015-03-01 resolved 2016-01-01, complete     | met       |
      | nothing, complete                                        | met       |
      | nothing                                                  | undecided |

  Scenario Outline: "Any form of" names every kind of the concept (NCT01288573)
    Given the exclusion line "Any form of leukemia"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads as "leukemia"
    And it is <met>

    Examples:
      | conditions                         | met       |
      | C91.10 since 2024-03-01            | met       |
      | C92.00 since 2024-03-01            | met       |
      | C18.9 since 2024-03-01, complete   | not met   |
      | nothing                            | undecided |

  Scenario Outline: An exception read as a list inside a partly read line (NCT01288573 "excluding any form of leukemia")
    Given the inclusion line "Ewing's sarcoma, soft tissue sarcoma, lymphoma, neuroblastoma, brain tumors or other malignancy (excluding any form of leukemia) requiring treatment with high dose chemotherapy and autologous transplant as rescue therapy"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Ewing's sarcoma") and unparsed("soft tissue sarcoma") and lymphoma and unparsed("neuroblastoma") and (cns_tumour or cancer except (leukemia)) and chemotherapy and stem_cell_transplant and unparsed("rescue therapy")"
    And it is <met>

    # a leukaemia is no "other malignancy" here; the unread tumour names keep the line open
    Examples:
      | conditions                          | met       |
      | C91.10 since 2024-03-01, complete   | not met   |
      | nothing                             | undecided |

  Scenario Outline: Unread words that date a condition make it "at any time", not "now" (NCT02521181)
    Given the exclusion line "Frequent urinary tract infections (≥2 in the past year)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Frequent") and history of uti and unparsed("≥2 in the past year")"
    And it is <met>

    # read "uti and unparsed(…)": a patient with infections last spring and none today was
    # cleared ("not current"), though the line asks about the past year
    Examples:
      | conditions                                                            | met       |
      | N39.0 since 2026-03-01 resolved 2026-03-10; N39.0 since 2026-06-01 resolved 2026-06-09, complete | undecided |
      | N39.0 since 2026-11-20                                                | undecided |
      | I10 since 2020-01-01, complete                                        | not met   |
      | nothing                                                               | undecided |

  Scenario Outline: "Uncontrolled bleeding (must be controlled for at least 5 days)" does not clear a bleed that stopped 3 days ago (NCT01801332)
    Given the exclusion line "Uncontrolled upper GI bleeding (bleeding must be controlled for at least 5 days)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Uncontrolled") and history of gi_bleeding and history of bleeding and unparsed("controlled for at least 5 days")"
    And it is <met>

    # read "gi_bleeding and bleeding and …" (now): a bleed that stopped 3 days ago cleared
    Examples:
      | conditions                                      | met       |
      | K92.2 since 2026-11-20 resolved 2026-11-24, complete | undecided |
      | I10 since 2020-01-01, complete                  | not met   |
      | nothing                                         | undecided |

  Scenario Outline: A "recent" infarction is one that happened, not one current today (NCT03864276)
    Given the exclusion line "3. recent MI(Myocardial Infarction)"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "history of myocardial_infarction and unparsed("recent")"
    And it is <met>

    # read "myocardial_infarction and unparsed("recent")": an infarction three weeks ago,
    # resolved, was "not current" and cleared the patient
    Examples:
      | conditions                                      | met       |
      | I21.9 since 2026-11-01 resolved 2026-11-08, complete | undecided |
      | I10 since 2020-01-01, complete                  | not met   |
      | nothing                                         | undecided |

  Scenario Outline: A history list reaches past an item with unread qualifiers (NCT01611363)
    Given the exclusion line "History of syncope, cardiac arrest, unexplained significant arrhythmias or stroke"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "history of syncope or history of cardiac_arrest or (unparsed("unexplained") and unparsed("significant") and (history of arrhythmia or history of stroke))"
    And it is <met>

    # the history cue stopped before "unexplained significant arrhythmias": cardiac arrest
    # was read "now", and an arrest two years ago, resolved, cleared the patient
    Examples:
      | conditions                                           | met       |
      | I46.9 since 2024-05-01 resolved 2024-05-02, complete | met       |
      | I63.9 since 2020-01-01 resolved 2020-02-01, complete | undecided |
      | I10 since 2020-01-01, complete                       | not met   |
      | nothing                                              | undecided |

  Scenario Outline: "Infection requiring treatment (drugs) within 14 days" dates the infection too (NCT01857115)
    Given the exclusion line "Disease-related: Acute active infection requiring treatment (systemic antibiotics, antivirals, or antifungals) within 14 days prior to randomization."
    And a patient whose record holds <items>
    And the patient's record declares its <complete> complete
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "unparsed("Acute") and active_infection within 14 days and (antibiotics within 14 days or antivirals within 14 days or antifungals within 14 days)"
    And it is <met>

    # the infection was asked "now": treated last week and resolved, it cleared the patient
    # whose records were complete
    Examples:
      | items                                                                                         | complete                | met       |
      | condition A49.9 from 2026-11-15 to 2026-11-22; drug amoxicillin from 2026-11-15 to 2026-11-22 | conditions, medications | undecided |
      | condition A49.9 from 2026-01-01 to 2026-01-10; drug amoxicillin from 2026-01-01 to 2026-01-10 | conditions, medications | not met   |
      | nothing                                                                                       | conditions, medications | not met   |
      | nothing                                                                                       | no sections             | undecided |

  Scenario Outline: A positive HCV serology stays positive after a cure (NCT01801332)
    Given the exclusion line "Positive HIV or HCV serology, positive HBs Antigen"
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "((hiv or history of hcv) and unparsed("serology")) or hbv"
    And it is <met>

    # read "(hiv or hcv) and unparsed("serology")": hepatitis C cured in 2022 was "not
    # current", and the antibody-positive patient was cleared
    Examples:
      | conditions                                           | met       |
      | B18.2 since 2018-01-01 resolved 2022-06-01, complete | undecided |
      | B18.1 since 2018-01-01                               | met       |
      | I10 since 2020-01-01, complete                       | not met   |
      | nothing                                              | undecided |

  Scenario Outline: An "according to …" standard ends at a comma: the rest of the line is read (NCT06223893)
    Given the exclusion line "Current overt hepatic encephalopathy, defined as grade II-IV hepatic encephalopathy according to the West-Haven classification, unable to give consent."
    And a patient with conditions <conditions>
    When the line is evaluated on 2026-11-27
    Then the line reads, partly, as "hepatic_encephalopathy and ((unparsed("grade") and unparsed("II-IV") and hepatic_encephalopathy) or not (unparsed("give") and consent))"
    And it is <met>

    # "… classification, unable to give consent" was swallowed by the annotation and dropped
    # unseen (the line read "hepatic_encephalopathy and unparsed(grade) and unparsed(II-IV)")
    Examples:
      | conditions                     | met       |
      | K76.82 since 2026-11-20        | undecided |
      | I10 since 2020-01-01, complete | not met   |
      | nothing                        | undecided |

  Scenario Outline: "If female, A, B, or C" among exclusions puts the sex on the whole list (NCT03432260)
    Given the exclusion line "If female, known pregnancy, or has a positive serum pregnancy test, or lactating/breastfeeding"
    And a <sex> patient with conditions <conditions> and the facts none
    When the line is evaluated on 2026-11-27
    Then the line reads as "sex = female and (pregnancy or lactation)"
    And it is <met>

    # read "(unparsed("If") and sex = female) or pregnancy or lactation": every woman who was
    # neither pregnant nor nursing stayed undecided
    Examples:
      | sex     | conditions                     | met       |
      | female  | Z33.1 since 2026-10-01         | met       |
      | female  | I10 since 2020-01-01, complete | not met   |
      | male    | nothing                        | not met   |
      | unknown | nothing                        | undecided |
