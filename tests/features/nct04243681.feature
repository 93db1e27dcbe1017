Feature: NCT04243681 — autologous MSC and HSC infusion in decompensated cirrhosis
  Every registry bullet of criteria/NCT04243681.yaml, and the registry population (20-70 years),
  read against patients a screening coordinator would meet.  Labs are dated 2026-11-20, a week
  before the screening date, unless a step says otherwise.  "missing" or "nothing" in a table
  means the record leaves that item out; "declares its no sections complete" keeps the record
  open-world.

  Scenario Outline: age — registry population: 20 years to 70 years
    Given a patient with birth date <born>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion age is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | born         | met       | outcome | fragment     | needs                 |
      | 2006-11-27   | met       | pass    | age 20 years | none                  |
      | 2006-11-28   | not met   | fail    | age 19 years | none                  |
      | 1956-11-27   | met       | pass    | age 70 years | none                  |
      | 1956-05-27   | met       | pass    | age 70 years | none                  |
      | 1955-11-27   | not met   | fail    | age 71 years | none                  |
      | 1968-04-02   | met       | pass    | 1968-04-02   | none                  |
      | not recorded | undecided | unknown | age          | "age or birth date"   |

  Scenario Outline: age — recorded as a number instead of a birth date
    Given a patient whose recorded age is <age>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion age is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"

    Examples: a recorded age counts in completed years, like an age from a birth date
      | age     | met     | outcome | fragment    |
      | 20 a    | met     | pass    | as recorded |
      | 70 a    | met     | pass    | as recorded |
      | 70.5 a  | met     | pass    | as recorded |
      | 840 mo  | met     | pass    | 840 months  |
      | 71 a    | not met | fail    | 71 years    |
      | 19 a    | not met | fail    | 19 years    |

  Scenario Outline: I1 Age between 20-70 years
    Given a patient with birth date <born>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I1 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"

    Examples:
      | born       | met     | outcome | fragment               |
      | 2006-11-27 | met     | pass    | within 20–70 years     |
      | 2006-11-28 | not met | fail    | age 19 years           |
      | 1956-11-27 | met     | pass    | age 70 years           |
      | 1955-11-27 | not met | fail    | outside 20–70 years    |

  Scenario Outline: I2 Clinically diagnosed for hepatic cirrhosis having a Child Pugh score of B (Child-Pugh arm)
    Given a patient
    And the record lists the condition <cirrhosis> as <status>, since 2024-01-01
    And the patient's total bilirubin is <bilirubin>
    And the patient's serum albumin is <albumin>
    And the patient's INR is <inr>
    And the patient's ascites grade is <ascites>
    And the patient's West Haven grade is <west_haven>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I2 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: Child-Pugh computed from the labs and the two grades (no creatinine, so no MELD)
      | cirrhosis                                                  | status | bilirubin    | albumin  | inr | ascites | west_haven | met       | outcome | fragment              | needs                           |
      | ICD-10 K74.60 "Unspecified cirrhosis of liver"             | active | 2.5 mg/dL    | 3.0 g/dL | 1.5 | 1       | 0          | met       | pass    | Child-Pugh class B    | none                            |
      | ICD-10 K74.60 "Unspecified cirrhosis of liver"             | active | 42.75 umol/L | 30 g/L   | 1.5 | 1       | 0          | met       | pass    | 42.75 umol/L          | none                            |
      | SNOMED 19943007 "Cirrhosis of liver"                       | active | 2.5 mg/dL    | 3.0 g/dL | 1.5 | 1       | 0          | met       | pass    | Child-Pugh class B    | none                            |
      | ICD-10 K74.60 "Unspecified cirrhosis of liver"             | absent | 2.5 mg/dL    | 3.0 g/dL | 1.5 | 1       | 0          | not met   | fail    | recorded absent       | none                            |
      | nothing                                                    | active | 2.5 mg/dL    | 3.0 g/dL | 1.5 | 1       | 0          | undecided | unknown | no cirrhosis of liver | "cirrhosis"                     |
      | ICD-10 K70.31 "Alcoholic cirrhosis of liver with ascites"  | active | 2.5 mg/dL    | 3.0 g/dL | 1.5 | missing | missing    | undecided | unknown | class could be B or C | "encephalopathy", "creatinine"  |
      | ICD-10 K74.60 "Unspecified cirrhosis of liver"             | active | 2.5 mg/dL    | missing  | 1.5 | 1       | 0          | undecided | unknown | serum albumin         | "serum albumin", "creatinine"   |

  Scenario Outline: I2 Clinically diagnosed for hepatic cirrhosis having a Child Pugh score of B (Child-Pugh class as recorded)
    Given a patient
    And the record lists the condition ICD-10 K74.60 "Unspecified cirrhosis of liver" as active, since 2024-01-01
    And the patient's Child-Pugh class is recorded as <class>
    And the patient's serum creatinine is 1.0 mg/dL
    And the patient's total bilirubin is <bilirubin>
    And the patient's INR is 1.2
    And the record says the patient is not on dialysis
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I2 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"

    Examples: a recorded class is used as given; MELD still decides when the class is not B
      | class | bilirubin | met     | outcome | fragment           |
      | B     | 1.5 mg/dL | met     | pass    | Child-Pugh class B |
      | A     | 1.5 mg/dL | not met | fail    | MELD score 10      |
      | A     | 2.0 mg/dL | met     | pass    | MELD score 11      |

  Scenario Outline: I2 Clinically diagnosed for hepatic cirrhosis having ... MELD >10 but below 20 (MELD arm)
    Given a patient
    And the record lists the condition ICD-10 K74.60 "Unspecified cirrhosis of liver" as active, since 2024-01-01
    And the patient's serum creatinine is <creatinine>
    And the patient's total bilirubin is <bilirubin>
    And the patient's INR is <inr>
    And the patient's serum albumin is 3.6 g/dL
    And the patient's ascites grade is 0
    And the patient's West Haven grade is 0
    And the record says the patient <dialysis>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then the published MELD formula gives <meld> for those labs
    And criterion I2 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: Child-Pugh is class A in every row, so MELD alone decides
      | creatinine  | bilirubin    | inr | dialysis                    | meld    | met       | outcome | fragment      | needs        |
      | 1.0 mg/dL   | 1.5 mg/dL    | 1.2 | is not on dialysis          | 10      | not met   | fail    | MELD score 10 | none         |
      | 1.0 mg/dL   | 2.0 mg/dL    | 1.2 | is not on dialysis          | 11      | met       | pass    | MELD score 11 | none         |
      | 2.0 mg/dL   | 1.5 mg/dL    | 1.5 | is not on dialysis          | 19      | met       | pass    | MELD score 19 | none         |
      | 176.8 umol/L| 25.65 umol/L | 1.5 | is not on dialysis          | 19      | met       | pass    | MELD score 19 | none         |
      | 1.5 mg/dL   | 1.5 mg/dL    | 2.0 | is not on dialysis          | 20      | not met   | fail    | MELD score 20 | none         |
      | missing     | 1.5 mg/dL    | 1.2 | is not on dialysis          | unknown | undecided | unknown | MELD score    | "creatinine" |
      | 1.0 mg/dL   | 2.0 mg/dL    | 1.2 | says nothing about dialysis | 11      | undecided | unknown | MELD score    | "dialysis"   |
      | 1.0 mg/dL   | 2.0 mg/dL    | 1.2 | was dialysed on 2026-11-24  | 11      | not met   | fail    | MELD score 24 | none         |

  Scenario: I2 — Child-Pugh C and MELD 21 fail both arms
    Given a patient
    And the record lists the condition ICD-10 K74.60 "Unspecified cirrhosis of liver" as active, since 2024-01-01
    And the patient's serum creatinine is 1.0 mg/dL
    And the patient's total bilirubin is 3.5 mg/dL
    And the patient's serum albumin is 2.5 g/dL
    And the patient's INR is 2.4
    And the patient's ascites grade is 3
    And the patient's West Haven grade is 2
    And the record says the patient is not on dialysis
    When the patient is screened against NCT04243681 on 2026-11-27
    Then the published MELD formula gives 21 for those labs
    And criterion I2 is not met and the outcome is fail
    And its explanation mentions "Child-Pugh class C"
    And its explanation mentions "MELD score 21"

  Scenario Outline: I3 Not willing for immediate liver transplantation either due to lack of donor tissue or financial issues
    Given a patient
    And the patient's willingness for liver transplant is recorded as <willing>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I3 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | willing | met       | outcome | fragment                                       | needs                                       |
      | no      | met       | pass    | willing to undergo liver transplantation: no  | none                                        |
      | yes     | not met   | fail    | willing to undergo liver transplantation: yes | none                                        |
      | missing | undecided | unknown | not recorded                                   | "willing to undergo liver transplantation"  |

  Scenario Outline: I4 Platelet count of > 80,000 and INR <1.6
    Given a patient
    And the patient's platelet count is <platelets>
    And the patient's INR is <inr>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I4 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: the bare 80,000 is read per uL; every unit is converted before comparing
      | platelets  | inr     | met       | outcome | fragment                         | needs            |
      | 85000 /uL  | 1.4     | met       | pass    | 85000 /uL                        | none             |
      | 85000 /uL  | 1.4     | met       | pass    | assumed                          | none             |
      | 80000 /uL  | 1.4     | not met   | fail    | not > 80000 /uL                  | none             |
      | 80001 /uL  | 1.59    | met       | pass    | INR 1.59                         | none             |
      | 80 10*9/L  | 1.4     | not met   | fail    | 80 10*9/L                        | none             |
      | 81 10*9/L  | 1.4     | met       | pass    | = 81000 /uL                      | none             |
      | 79 10*3/uL | 1.2     | not met   | fail    | 79 10*3/uL                       | none             |
      | 150 10*9/L | 1.6     | not met   | fail    | INR 1.6                          | none             |
      | 150 10*9/L | 1.7     | not met   | fail    | not < 1.6                        | none             |
      | missing    | 1.4     | undecided | unknown | platelet count                   | "platelet count" |
      | 85000 /uL  | missing | undecided | unknown | INR                              | "INR"            |
      | 60 10*9/L  | missing | not met   | fail    | 60 10*9/L                        | none             |
      | missing    | missing | undecided | unknown | platelet count                   | "platelet count", "INR" |

  Scenario Outline: I5 Life expectancy of at least 3 months based on MELD score and Child Pugh Score
    Given a patient
    And the patient's life expectancy is recorded as <expectancy>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I5 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: life expectancy as {value, unit}, in months, weeks or years
      | expectancy | met       | outcome | fragment                   | needs             |
      | 3 mo       | met       | pass    | life expectancy 3 months   | none              |
      | 12 mo      | met       | pass    | life expectancy 12 months  | none              |
      | 2 mo       | not met   | fail    | life expectancy 2 months   | none              |
      | 1 a        | met       | pass    | = 12 months                | none              |
      | 0.25 a     | met       | pass    | = 3 months                 | none              |
      | 12 wk      | not met   | fail    | 12 weeks                   | none              |
      | missing    | undecided | unknown | life expectancy            | "life expectancy" |

  Scenario Outline: I6 Ability to give informed consent
    Given a patient
    And the patient's informed consent is recorded as <consent>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion I6 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | consent | met       | outcome | fragment                     | needs                     |
      | yes     | met       | pass    | informed consent given: yes  | none                      |
      | no      | not met   | fail    | informed consent given: no   | none                      |
      | missing | undecided | unknown | not recorded                 | "informed consent given"  |

  Scenario Outline: E1 Age less than 20 or more than 70 years
    Given a patient with birth date <born>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E1 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"

    Examples:
      | born       | met     | outcome | fragment             |
      | 2006-11-27 | not met | pass    | age 20 years         |
      | 2006-11-28 | met     | fail    | age 19 years         |
      | 1956-11-27 | not met | pass    | not > 70 years       |
      | 1955-11-27 | met     | fail    | age 71 years         |

  Scenario Outline: E2 Have liver tumors or history of any other cancer
    Given a patient
    And the record lists the condition <condition> as <status>, <dates>
    And the record declares its <complete> complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E2 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                                   | status   | dates                       | complete    | met       | outcome | fragment                          | needs                          |
      | ICD-10 C22.0 "Liver cell carcinoma"                         | active   | since 2026-09-01            | no sections | met       | fail    | Liver cell carcinoma              | none                           |
      | ICD-10 C78.7 "Secondary malignant neoplasm of liver"        | active   | since 2026-09-01            | no sections | met       | fail    | Secondary malignant neoplasm      | none                           |
      | ICD-10 C50.911 "Malignant neoplasm of right female breast"  | resolved | from 2001-03-01 to 2002-01-15 | no sections | met     | fail    | history of malignancy (any cancer) | none                          |
      | "breast cancer"                                             | resolved | from 2001-03-01 to 2002-01-15 | conditions | met      | fail    | breast cancer                     | none                           |
      | nothing                                                     | active   | undated                     | conditions  | not met   | pass    | declared complete                 | none                           |
      | nothing                                                     | active   | undated                     | no sections | undecided | unknown | not declared complete             | "liver tumour", "malignancy"   |
      | "malignancy"                                                | absent   | undated                     | no sections | undecided | unknown | no liver tumour                   | "liver tumour"                 |
      | ICD-10 C22.0 "Liver cell carcinoma"                         | absent   | undated                     | no sections | undecided | unknown | liver tumour                      | "liver tumour", "malignancy"   |

  Scenario Outline: E3 Pregnant or lactating women
    Given a <sex> patient
    And the record lists the condition <condition> as <status>, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E3 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | sex    | condition                                                                  | status | complete    | met       | outcome | fragment                  | needs           |
      | male   | nothing                                                                    | active | no sections | not met   | pass    | not applicable            | none            |
      | female | ICD-10 Z34.00 "Encounter for supervision of normal first pregnancy"        | active | no sections | met       | fail    | normal first pregnancy    | none            |
      | female | SNOMED 77386006 "Pregnancy"                                                | active | no sections | met       | fail    | Pregnancy (active)        | none            |
      | female | ICD-10 Z39.1 "Encounter for care and examination of lactating mother"      | active | no sections | met       | fail    | lactating mother          | none            |
      | female | SNOMED 77386006 "Pregnancy"                                                | absent | no sections | undecided | unknown | lactation                 | "lactation"     |
      | female | nothing                                                                    | active | conditions  | not met   | pass    | declared complete         | none            |
      | female | nothing                                                                    | active | no sections | undecided | unknown | no pregnancy on record    | "pregnancy", "lactation" |

  Scenario Outline: E4 Patients with hepato-renal syndrome and acute kidney injury (Any creatinine > 1.6 will be excluded)
    Given a patient
    And the record lists the condition <condition> as active, since 2026-11-20
    And the patient's serum creatinine is <creatinine>
    And the record declares its <complete> complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E4 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: reviewed rule — hepatorenal_syndrome or aki or creatinine > 1.6 mg/dL
      | condition                                           | creatinine | complete    | met       | outcome | fragment                       | needs                                        |
      | nothing                                             | 1.6 mg/dL  | conditions  | not met   | pass    | not > 1.6 mg/dL                | none                                         |
      | nothing                                             | 141 umol/L | conditions  | not met   | pass    | 141 umol/L                     | none                                         |
      | nothing                                             | 142 umol/L | conditions  | met       | fail    | 142 umol/L                     | none                                         |
      | nothing                                             | 1.61 mg/dL | no sections | met       | fail    | is > 1.6 mg/dL                 | none                                         |
      | ICD-10 K76.7 "Hepatorenal syndrome"                 | 1.2 mg/dL  | no sections | met       | fail    | Hepatorenal syndrome           | none                                         |
      | ICD-10 N17.9 "Acute kidney failure, unspecified"    | 1.2 mg/dL  | no sections | met       | fail    | Acute kidney failure           | none                                         |
      | SNOMED 14669001 "Acute kidney injury"               | 1.2 mg/dL  | no sections | met       | fail    | Acute kidney injury            | none                                         |
      | nothing                                             | missing    | conditions  | undecided | unknown | serum creatinine               | "serum creatinine"                           |
      | nothing                                             | 1.2 mg/dL  | no sections | undecided | unknown | not declared complete          | "hepatorenal syndrome", "acute kidney injury" |

  Scenario Outline: E5 Evidence of ongoing sepsis - as per Surviving sepsis guideline
    Given a patient
    And the record lists the condition <condition> as <status>, <dates>
    And the record declares its <complete> complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E5 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                  | status   | dates                         | complete    | met       | outcome | fragment              | needs      |
      | ICD-10 A41.9 "Sepsis, unspecified organism" | active  | since 2026-11-24              | no sections | met       | fail    | is current            | none       |
      | SNOMED 91302008 "Sepsis"                   | active   | since 2026-11-24              | no sections | met       | fail    | Sepsis (active        | none       |
      | ICD-10 A41.9 "Sepsis, unspecified organism" | resolved | from 2026-08-01 to 2026-08-20 | no sections | undecided | unknown | no other sepsis     | "sepsis"   |
      | ICD-10 A41.9 "Sepsis, unspecified organism" | resolved | from 2026-08-01 to 2026-08-20 | conditions  | not met | pass    | is not current        | none       |
      | ICD-10 A41.9 "Sepsis, unspecified organism" | absent  | undated                       | no sections | not met   | pass    | recorded absent       | none       |
      | nothing                                    | active   | undated                       | conditions  | not met   | pass    | declared complete     | none       |
      | nothing                                    | active   | undated                       | no sections | undecided | unknown | no sepsis on record   | "sepsis"   |

  Scenario Outline: E6 Recent gastrointestinal bleeding or spontaneous bacterial peritonitis (within last one month)
    Given a patient
    And the record lists the condition <condition> as <status>, <dates>
    And the record declares its <complete> complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E6 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: screening on 2026-11-27, so the window opens on 2026-10-27
      | condition                                              | status   | dates                         | complete    | met       | outcome | fragment                | needs                                 |
      | ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified" | active  | since 2026-11-07              | no sections | met       | fail    | within the window       | none                                  |
      | ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified" | resolved | from 2026-11-07 to 2026-11-09 | no sections | met     | fail    | within the window       | none                                  |
      | ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified" | resolved | from 2026-10-13 to 2026-10-15 | conditions | not met | pass    | before the window       | none                                  |
      | ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified" | resolved | from 2026-10-13               | conditions  | not met | pass    | before the window       | none                                  |
      | ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified" | resolved | from 2026-10-13 to 2026-10-30 | no sections | met     | fail    | within the window       | none                                  |
      | ICD-10 I85.11 "Secondary esophageal varices with bleeding" | active | since 2026-11-07            | no sections | met       | fail    | within the window       | none                                  |
      | SNOMED 74474003 "Gastrointestinal hemorrhage"          | active   | since 2026-11-07              | no sections | met       | fail    | within the window       | none                                  |
      | "variceal bleeding"                                    | active   | since 2026-11-07              | no sections | met       | fail    | variceal bleeding       | none                                  |
      | ICD-10 K65.2 "Spontaneous bacterial peritonitis"       | resolved | from 2026-11-01 to 2026-11-10 | no sections | met       | fail    | Spontaneous bacterial peritonitis | none                        |
      | ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified" | absent  | undated                       | conditions  | not met   | pass    | recorded absent         | none                                  |
      | nothing                                                | active   | undated                       | conditions  | not met   | pass    | declared complete       | none                                  |
      | nothing                                                | active   | undated                       | no sections | undecided | unknown | since 2026-10-27        | "gastrointestinal bleeding", "spontaneous bacterial peritonitis" |

  Scenario Outline: E7 Any HIV positive patients
    Given a patient
    And the record lists the condition <condition> as <status>, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E7 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                                         | status | complete    | met       | outcome | fragment                          | needs           |
      | ICD-10 B20 "Human immunodeficiency virus [HIV] disease"           | active | no sections | met       | fail    | [HIV] disease                     | none            |
      | SNOMED 86406008 "Human immunodeficiency virus infection"          | active | no sections | met       | fail    | Human immunodeficiency virus infection | none       |
      | ICD-10 Z21 "Asymptomatic HIV infection status"                    | active | no sections | met       | fail    | Asymptomatic HIV infection status | none            |
      | ICD-10 B20 "Human immunodeficiency virus [HIV] disease"           | absent | no sections | not met   | pass    | recorded absent                   | none            |
      | "HIV"                                                             | absent | no sections | not met   | pass    | recorded absent                   | none            |
      | ICD-10 B97.33 "Human T-cell lymphotrophic virus, type I [HTLV-I]" | active | conditions  | not met   | pass    | declared complete                 | none            |
      | nothing                                                           | active | conditions  | not met   | pass    | no HIV infection on record; conditions declared complete | none |
      | nothing                                                           | active | no sections | undecided | unknown | no HIV infection on record        | "HIV infection" |

  Scenario Outline: E8 Co-morbid conditions such as severe cardiac and/or pulmonary disease
    Given a patient
    And the record lists the condition <condition> as <status>, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E8 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                                      | status | complete    | met       | outcome | fragment                 | needs                                              |
      | ICD-10 I50.9 "Heart failure, unspecified"                      | active | no sections | met       | fail    | Heart failure            | none                                               |
      | ICD-10 J44.9 "Chronic obstructive pulmonary disease, unspecified" | active | no sections | met    | fail    | Chronic obstructive      | none                                               |
      | ICD-10 I27.0 "Primary pulmonary hypertension"                  | active | no sections | met       | fail    | pulmonary hypertension   | none                                               |
      | "severe cardiac disease"                                       | absent | no sections | undecided | unknown | severe pulmonary disease | "severe pulmonary disease"                         |
      | nothing                                                        | active | conditions  | not met   | pass    | declared complete        | none                                               |
      | nothing                                                        | active | no sections | undecided | unknown | not declared complete    | "severe cardiac disease", "severe pulmonary disease" |

  Scenario Outline: E9 Inability to give informed consent
    Given a patient
    And the patient's informed consent is recorded as <consent>
    When the patient is screened against NCT04243681 on 2026-11-27
    Then criterion E9 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | consent | met       | outcome | fragment                    | needs                     |
      | yes     | not met   | pass    | informed consent given: yes | none                      |
      | no      | met       | fail    | informed consent given: no  | none                      |
      | missing | undecided | unknown | not recorded                | "informed consent given"  |
