Feature: Screening verdicts
  A trial verdict is "ineligible" if any criterion fails, else "needs_review" if any criterion is
  undecided, else "eligible" (contract §4).  Missing data never makes a patient eligible: labs
  are never closed-world, and conditions or medications count as absent only where the record
  (or the screener) declares that section complete.

  The reference patient below, a 58-year-old man with compensated-enough cirrhosis, meets every
  criterion of both seed trials when his record is complete.

  Scenario Outline: a complete record that meets every criterion is eligible
    Given a male patient with birth date 1968-04-02
    And the record lists the condition ICD-10 K74.60 "Unspecified cirrhosis of liver" as active, since 2024-01-01
    And the patient's platelet count is 120 10*9/L
    And the patient's INR is 1.4
    And the patient's serum creatinine is 1.0 mg/dL
    And the patient's total bilirubin is 2.5 mg/dL
    And the patient's serum albumin is 3.0 g/dL
    And the patient's ascites grade is 1
    And the patient's West Haven grade is 0
    And the patient's PaO2 is 95 mm[Hg]
    And the patient's FiO2 is 0.21
    And the patient's informed consent is recorded as yes
    And the patient's willingness for liver transplant is recorded as no
    And the patient's life expectancy is recorded as 12 mo
    And the patient's improvement on standard medical treatment is recorded as no
    And the record declares its conditions, medications and procedures complete
    When the patient is screened against <trial> on 2026-11-27
    Then the verdict is eligible
    And no criterion has the outcome unknown
    And no criterion has the outcome fail

    Examples:
      | trial       |
      | NCT04243681 |
      | NCT07131306 |

  Scenario Outline: any failing criterion makes the patient ineligible, whatever else is unknown
    Given a male patient with birth date 1968-04-02
    And the patient's platelet count is <platelets>
    And the patient's informed consent is recorded as yes
    When the patient is screened against <trial> on 2026-11-27
    Then the verdict is ineligible
    And the reasons name criterion <failing>
    And criterion <failing> is fail

    Examples:
      | trial       | platelets | failing |
      | NCT04243681 | 60 10*9/L | I4      |
      | NCT07131306 | 15 10*9/L | E4      |

  Scenario Outline: an undecided criterion and no failures means the record needs review
    Given a male patient with birth date 1968-04-02
    And the record lists the condition ICD-10 K74.60 "Unspecified cirrhosis of liver" as active, since 2024-01-01
    And the patient's platelet count is 120 10*9/L
    And the patient's INR is 1.4
    And the patient's serum creatinine is 1.0 mg/dL
    And the patient's total bilirubin is 2.5 mg/dL
    And the patient's serum albumin is 3.0 g/dL
    And the patient's ascites grade is 1
    And the patient's West Haven grade is 0
    And the patient's PaO2 is 95 mm[Hg]
    And the patient's FiO2 is 0.21
    And the patient's willingness for liver transplant is recorded as no
    And the patient's life expectancy is recorded as 12 mo
    And the patient's improvement on standard medical treatment is recorded as no
    And the record declares its conditions, medications and procedures complete
    When the patient is screened against <trial> on 2026-11-27
    Then the verdict is needs_review
    And no criterion has the outcome fail
    And the data that would decide it include "informed consent"

    Examples: the same reference patient, with informed consent not yet recorded
      | trial       |
      | NCT04243681 |
      | NCT07131306 |

  Scenario Outline: a patient with every lab missing is never eligible
    Given a male patient with birth date 1968-04-02
    And the record lists the condition ICD-10 K74.60 "Unspecified cirrhosis of liver" as active, since 2024-01-01
    And the patient's informed consent is recorded as yes
    And the patient's willingness for liver transplant is recorded as no
    And the patient's life expectancy is recorded as 12 mo
    And the patient's improvement on standard medical treatment is recorded as no
    And the record declares its conditions, medications and procedures complete
    When the patient is screened against <trial> on 2026-11-27
    Then the verdict is not eligible
    And the verdict is needs_review
    And criterion <lab_criterion> is undecided and the outcome is unknown
    And the data that would decide it include "platelet count"
    And the data that would decide it include "INR"

    Examples:
      | trial       | lab_criterion |
      | NCT04243681 | I4            |
      | NCT07131306 | E4            |

  Scenario Outline: a patient with no data at all needs review, and nothing passes
    Given a patient with no data at all
    When the patient is screened against <trial> on 2026-11-27
    Then the verdict is needs_review
    And the verdict is not eligible
    And no criterion has the outcome pass
    And no criterion has the outcome fail
    And the data that would decide it include "age or birth date"
    And the data that would decide it include "informed consent"

    Examples:
      | trial       |
      | NCT04243681 |
      | NCT07131306 |

  Scenario Outline: assuming conditions and medications complete decides those criteria, never labs
    Given a male patient with birth date 1968-04-02
    And the patient's INR is 1.4
    When the patient is screened against <trial> on 2026-11-27 assuming conditions and medications complete
    Then criterion <condition_criterion> is not met and the outcome is pass
    And its explanation mentions "declared complete"
    And criterion <lab_criterion> is undecided and the outcome is unknown
    And its missing data mention "platelet count"
    And the verdict is not eligible

    Examples:
      | trial       | condition_criterion | lab_criterion |
      | NCT04243681 | E7                  | I4            |
      | NCT07131306 | E14                 | E4            |

  Scenario Outline: assuming completeness never hides what is on record
    Given a patient
    And the record lists the condition ICD-10 B20 "Human immunodeficiency virus [HIV] disease" as active, since 2019-05-01
    When the patient is screened against <trial> on 2026-11-27 assuming conditions complete
    Then criterion <hiv_criterion> is met and the outcome is fail
    And the verdict is ineligible

    Examples:
      | trial       | hiv_criterion |
      | NCT04243681 | E7            |
      | NCT07131306 | E10           |

  Scenario: the record's own completeness declaration works like the screener's
    Given a patient
    And the record declares its conditions complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E7 is not met and the outcome is pass
    And its explanation mentions "no HIV infection on record; conditions declared complete"

  Scenario: the latest lab on or before the screening date is used, and its date is named
    Given a patient
    And the patient's platelet count was 60 10*9/L on 2026-11-01
    And the patient's platelet count was 85 10*9/L on 2026-11-20
    And the patient's platelet count was 40 10*9/L on 2026-12-01
    And the patient's INR is 1.2
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I4 is met and the outcome is pass
    And its explanation mentions "85 10*9/L (2026-11-20)"
    And its explanation does not mention "40 10*9/L"

  Scenario: a lab taken only after the screening date does not count
    Given a patient
    And the patient's platelet count was 90 10*9/L on 2026-12-01
    And the patient's INR is 1.2
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I4 is undecided and the outcome is unknown
    And its missing data mention "platelet count"

  Scenario Outline: the screening date moves the look-back window
    Given a patient
    And the record lists the condition ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified" as resolved, from 2026-11-07 to 2026-11-09
    And the record declares its conditions complete
    When the patient is screened against NCT04243681 on <as_of>
    Then criterion E6 is <met> and the outcome is <outcome>

    Examples: a GI bleed that stopped on 2026-11-09
      | as_of      | met     | outcome |
      | 2026-11-27 | met     | fail    |
      | 2026-12-09 | met     | fail    |
      | 2026-12-10 | not met | pass    |
      | 2027-01-15 | not met | pass    |
