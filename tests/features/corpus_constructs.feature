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

  Scenario Outline: Investigator-judged qualifier or its stated threshold (NCT05508633 "Severe chronic renal insufficiency")
    Given the <kind> line "<line>"
    And a patient with observations <observations> and the fact <fact> <answer>
    When the line is evaluated on 2026-11-27
    Then the line reads as "<rule>"
    And it is <met>

    Examples:
      | kind      | line                                                                  | rule                                                     | fact                    | answer     | observations                 | met       |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | severe_renal_impairment or egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | false      | egfr 15 mL/min/{1.73_m2}     | met       |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | severe_renal_impairment or egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | false      | egfr 25 mL/min/{1.73_m2}     | not met   |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | severe_renal_impairment or egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | true       | egfr 25 mL/min/{1.73_m2}     | met       |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | severe_renal_impairment or egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | unrecorded | egfr 25 mL/min/{1.73_m2}     | undecided |
      | exclusion | Severe chronic renal insufficiency (eGFR (CKD-EPI) < 20 ml/min/1.73 m2). | severe_renal_impairment or egfr < 20 mL/min/{1.73_m2} | severe_renal_impairment | false      | nothing                      | undecided |
