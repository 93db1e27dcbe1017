Feature: NCT07131306 — mesenchymal stem cells in non-viral acute-on-chronic liver failure
  Every exclusion bullet of criteria/NCT07131306.yaml, and the registry population (18-65
  years; the registry lists no inclusion bullets).  Labs are dated 2026-11-20, a week before
  the screening date.  "missing" or "nothing" in a table means the record leaves that item out;
  "declares its no sections complete" keeps the record open-world.

  Scenario Outline: age — registry population: 18 years to 65 years
    Given a patient with birth date <born>
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion age is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | born         | met       | outcome | fragment            | needs               |
      | 2008-11-27   | met       | pass    | age 18 years        | none                |
      | 2008-11-28   | not met   | fail    | age 17 years        | none                |
      | 1961-11-27   | met       | pass    | age 65 years        | none                |
      | 1961-05-27   | met       | pass    | age 65 years        | none                |
      | 1960-11-27   | not met   | fail    | outside 18–65 years | none                |
      | not recorded | undecided | unknown | age                 | "age or birth date" |

  Scenario Outline: age — recorded as a number counts in completed years
    Given a patient whose recorded age is <age>
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion age is <met> and the outcome is <outcome>

    Examples:
      | age     | met     | outcome |
      | 18 a    | met     | pass    |
      | 17.9 a  | not met | fail    |
      | 65.9 a  | met     | pass    |
      | 66 a    | not met | fail    |
      | 252 mo  | met     | pass    |

  Scenario Outline: E1 Patients with active sepsis
    Given a patient
    And the record lists the condition <condition> as <status>, <dates>
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E1 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                    | status   | dates                         | complete    | met       | outcome | fragment            | needs    |
      | ICD-10 A41.9 "Sepsis, unspecified organism"  | active   | since 2026-11-24              | no sections | met       | fail    | is current          | none     |
      | SNOMED 91302008 "Sepsis"                     | active   | since 2026-11-24              | no sections | met       | fail    | Sepsis (active      | none     |
      | ICD-10 A41.9 "Sepsis, unspecified organism"  | resolved | from 2026-08-01 to 2026-08-20 | no sections | undecided | unknown | no other sepsis     | "sepsis" |
      | ICD-10 A41.9 "Sepsis, unspecified organism"  | resolved | from 2026-08-01 to 2026-08-20 | conditions  | not met   | pass    | is not current      | none     |
      | nothing                                      | active   | undated                       | conditions  | not met   | pass    | declared complete   | none     |
      | nothing                                      | active   | undated                       | no sections | undecided | unknown | no sepsis on record | "sepsis" |

  Scenario Outline: E2 Patients with hepatic venous outflow tract obstruction (HVOTO) or Extrahepatic portal vein obstruction (EHPVO)
    Given a patient
    And the record lists the condition <condition> as active, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E2 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                               | complete    | met       | outcome | fragment               | needs                                             |
      | ICD-10 I82.0 "Budd-Chiari syndrome"     | no sections | met       | fail    | Budd-Chiari syndrome   | none                                              |
      | "Budd-Chiari syndrome"                  | no sections | met       | fail    | Budd-Chiari syndrome   | none                                              |
      | ICD-10 I81 "Portal vein thrombosis"     | no sections | met       | fail    | Portal vein thrombosis | none                                              |
      | nothing                                 | conditions  | not met   | pass    | declared complete      | none                                              |
      | nothing                                 | no sections | undecided | unknown | not declared complete  | "hepatic venous outflow", "portal vein obstruction" |

  Scenario Outline: E3 Hepatocellular carcinoma (beyond Milan) or any extrahepatic malignancy
    Given a patient
    And the record lists the condition <condition> as <status>, <dates>
    And the patient's HCC within Milan criteria is recorded as <within_milan>
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E3 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                                   | status   | dates                         | within_milan | complete    | met       | outcome | fragment                       | needs                    |
      | ICD-10 C22.0 "Liver cell carcinoma"                         | active   | since 2026-09-01              | no           | no sections | met       | fail    | HCC within Milan criteria: no  | none                     |
      | ICD-10 C22.0 "Liver cell carcinoma"                         | active   | since 2026-09-01              | yes          | conditions  | not met   | pass    | HCC within Milan criteria: yes | none                     |
      | ICD-10 C22.0 "Liver cell carcinoma"                         | active   | since 2026-09-01              | missing      | conditions  | undecided | unknown | Milan                          | "Milan"                  |
      | ICD-10 C18.9 "Malignant neoplasm of colon, unspecified"     | active   | since 2026-06-01              | missing      | no sections | met       | fail    | Malignant neoplasm of colon    | none                     |
      | ICD-10 C78.7 "Secondary malignant neoplasm of liver"        | active   | since 2026-09-01              | missing      | conditions  | met       | fail    | Secondary malignant neoplasm   | none                     |
      | nothing                                                     | active   | undated                       | missing      | conditions  | not met   | pass    | declared complete              | none                     |
      | nothing                                                     | active   | undated                       | missing      | no sections | undecided | unknown | not declared complete          | "hepatocellular carcinoma", "malignancy outside the liver" |

  Scenario Outline: E4 Active bleed (mucosal or variceal) or severe coagulopathy (platelets <20,000 or INR >4)
    Given a patient
    And the record lists the condition <condition> as <status>, <dates>
    And the patient's platelet count is <platelets>
    And the patient's INR is <inr>
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E4 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: reviewed rule — bleeding or platelets < 20000 /uL or inr > 4
      | condition                                                   | status   | dates                         | platelets   | inr     | complete    | met       | outcome | fragment              | needs                   |
      | nothing                                                     | active   | undated                       | 20000 /uL   | 1.5     | conditions  | not met   | pass    | not < 20000 /uL       | none                    |
      | nothing                                                     | active   | undated                       | 19 10*9/L   | 1.5     | no sections | met       | fail    | = 19000 /uL           | none                    |
      | nothing                                                     | active   | undated                       | 19.9 10*3/uL | 1.5    | no sections | met       | fail    | 19.9 10*3/uL          | none                    |
      | nothing                                                     | active   | undated                       | 50 10*9/L   | 4       | conditions  | not met   | pass    | INR 4                 | none                    |
      | nothing                                                     | active   | undated                       | 50 10*9/L   | 4.1     | no sections | met       | fail    | INR 4.1               | none                    |
      | ICD-10 I85.11 "Secondary esophageal varices with bleeding"  | active   | since 2026-11-25              | 50 10*9/L   | 1.5     | no sections | met       | fail    | varices with bleeding | none                    |
      | "active bleeding"                                           | active   | since 2026-11-25              | 50 10*9/L   | 1.5     | no sections | met       | fail    | active bleeding       | none                    |
      | ICD-10 K92.2 "Gastrointestinal hemorrhage, unspecified"     | resolved | from 2026-09-01 to 2026-09-05 | 50 10*9/L   | 1.5     | conditions  | not met   | pass    | is not current        | none                    |
      | nothing                                                     | active   | undated                       | missing     | 1.5     | conditions  | undecided | unknown | platelet count        | "platelet count"        |
      | nothing                                                     | active   | undated                       | 15 10*9/L   | missing | no sections | met       | fail    | 15 10*9/L             | none                    |
      | nothing                                                     | active   | undated                       | missing     | missing | conditions  | undecided | unknown | INR                   | "platelet count", "INR" |

  Scenario Outline: E5 Patients with refractory shock requiring norepinephrine >0.5ug/kg/min
    Given a patient
    And the record lists the condition <shock> as active, since 2026-11-25
    And the patient receives <drug> at <dose>, <course>
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E5 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: shock and norepinephrine > 0.5 ug/kg/min; the dose must be weight-based to compare
      | shock                             | drug                               | dose             | course                        | complete    | met       | outcome | fragment                    | needs                      |
      | ICD-10 R57.9 "Shock, unspecified" | ATC C01CA03 "norepinephrine"       | 0.5 ug/kg/min    | since 2026-11-25              | no sections | not met   | pass    | not > 0.5 ug/kg/min         | none                       |
      | ICD-10 R57.9 "Shock, unspecified" | ATC C01CA03 "norepinephrine"       | 0.51 ug/kg/min   | since 2026-11-25              | no sections | met       | fail    | is > 0.5 ug/kg/min          | none                       |
      | ICD-10 R57.9 "Shock, unspecified" | ATC C01CA03 "norepinephrine"       | 510 ng/kg/min    | since 2026-11-25              | no sections | met       | fail    | = 0.51 ug/kg/min            | none                       |
      | ICD-10 R57.9 "Shock, unspecified" | "noradrenaline"                    | 0.6 ug/kg/min    | since 2026-11-25              | no sections | met       | fail    | 0.6 ug/kg/min               | none                       |
      | ICD-10 R57.9 "Shock, unspecified" | RxNorm 7512 "Levophed"             | 0.6 ug/kg/min    | since 2026-11-25              | no sections | met       | fail    | 0.6 ug/kg/min               | none                       |
      | ICD-10 R57.9 "Shock, unspecified" | ATC C01CA03 "norepinephrine"       | 35 ug/min        | since 2026-11-25              | no sections | undecided | unknown | 35 ug/min                   | "comparable unit"          |
      | ICD-10 R57.9 "Shock, unspecified" | ATC C01CA03 "norepinephrine"       | no recorded dose | since 2026-11-25              | no sections | undecided | unknown | dose                        | "dose"                     |
      | nothing                           | ATC C01CA03 "norepinephrine"       | 0.6 ug/kg/min    | since 2026-11-25              | conditions  | not met   | pass    | no shock on record          | none                       |
      | ICD-10 R57.9 "Shock, unspecified" | nothing                            | no recorded dose | undated                       | medications | not met   | pass    | medications declared complete | none                     |
      | ICD-10 R57.9 "Shock, unspecified" | nothing                            | no recorded dose | undated                       | no sections | undecided | unknown | norepinephrine              | "norepinephrine"           |
      | ICD-10 R57.9 "Shock, unspecified" | ATC C01CA03 "norepinephrine"       | 0.6 ug/kg/min    | from 2026-11-20 to 2026-11-25 | no sections | undecided | unknown | is not current              | "norepinephrine"           |
      | ICD-10 R57.9 "Shock, unspecified" | ATC C01CA03 "norepinephrine"       | 0.6 ug/kg/min    | from 2026-11-20 to 2026-11-25 | medications | not met   | pass    | no other norepinephrine     | none                       |

  Scenario Outline: E6 Patients with severe Acute Respiratory Distress Syndrome (ARDS) with Pa02/Fi02 <150
    Given a patient
    And the record lists the condition <ards> as <status>, <dates>
    And the patient's PaO2 is <pao2>
    And the patient's FiO2 is <fio2>
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E6 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: P/F computed from PaO2 (mm[Hg] or kPa) and FiO2 (fraction or %)
      | ards                                              | status   | dates                         | pao2      | fio2    | complete    | met       | outcome | fragment                          | needs                       |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | active   | since 2026-11-25              | 90 mm[Hg] | 0.6     | no sections | not met   | pass    | PaO2/FiO2 ratio 150               | none                        |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | active   | since 2026-11-25              | 89 mm[Hg] | 0.6     | no sections | met       | fail    | PaO2/FiO2 ratio 148.3             | none                        |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | active   | since 2026-11-25              | 90 mm[Hg] | 60 %    | no sections | not met   | pass    | 60 %                              | none                        |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | active   | since 2026-11-25              | 12 kPa    | 0.6     | no sections | not met   | pass    | 12 kPa                            | none                        |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | active   | since 2026-11-25              | 11.9 kPa  | 60 %    | no sections | met       | fail    | PaO2/FiO2 ratio 148.8             | none                        |
      | SNOMED 67782005 "Acute respiratory distress syndrome" | active | since 2026-11-25            | 60 mm[Hg] | 0.6     | no sections | met       | fail    | PaO2/FiO2 ratio 100               | none                        |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | resolved | from 2026-09-01 to 2026-09-20 | 60 mm[Hg] | 0.6     | no sections | undecided | unknown | is not current                    | "acute respiratory distress syndrome" |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | resolved | from 2026-09-01 to 2026-09-20 | 60 mm[Hg] | 0.6     | conditions  | not met   | pass    | is not current                    | none                        |
      | ICD-10 J80 "Acute respiratory distress syndrome"  | active   | since 2026-11-25              | 90 mm[Hg] | missing | no sections | undecided | unknown | inspired oxygen fraction          | "inspired oxygen fraction"  |
      | nothing                                           | active   | undated                       | 60 mm[Hg] | 0.6     | conditions  | not met   | pass    | no acute respiratory distress syndrome on record | none         |

  Scenario Outline: E7 Patients with retroviral infections
    Given a patient
    And the record lists the condition <condition> as <status>, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E7 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: a negative HIV result does not rule out HTLV
      | condition                                                         | status | complete    | met       | outcome | fragment                    | needs                   |
      | ICD-10 B20 "Human immunodeficiency virus [HIV] disease"           | active | no sections | met       | fail    | [HIV] disease               | none                    |
      | SNOMED 86406008 "Human immunodeficiency virus infection"          | active | no sections | met       | fail    | virus infection             | none                    |
      | ICD-10 B97.33 "Human T-cell lymphotrophic virus, type I [HTLV-I]" | active | no sections | met       | fail    | HTLV-I                      | none                    |
      | "retroviral infection"                                            | active | no sections | met       | fail    | retroviral infection        | none                    |
      | nothing                                                           | active | conditions  | not met   | pass    | declared complete           | none                    |
      | nothing                                                           | active | no sections | undecided | unknown | not declared complete       | "retroviral infection"  |
      | ICD-10 B20 "Human immunodeficiency virus [HIV] disease"           | absent | no sections | undecided | unknown | retroviral infection        | "retroviral infection"  |

  Scenario Outline: E8 Autoimmune hepatitis
    Given a patient
    And the record lists the condition <condition> as <status>, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E8 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                            | status | complete    | met       | outcome | fragment              | needs                  |
      | ICD-10 K75.4 "Autoimmune hepatitis"  | active | no sections | met       | fail    | Autoimmune hepatitis  | none                   |
      | "autoimmune hepatitis"               | active | no sections | met       | fail    | autoimmune hepatitis  | none                   |
      | ICD-10 K75.4 "Autoimmune hepatitis"  | absent | no sections | not met   | pass    | recorded absent       | none                   |
      | nothing                              | active | conditions  | not met   | pass    | declared complete     | none                   |
      | nothing                              | active | no sections | undecided | unknown | not declared complete | "autoimmune hepatitis" |

  Scenario Outline: E9 Viral etiology of liver disease
    Given a patient
    And the record lists the condition <condition> as <status>, <dates>
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E9 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: ruling out hepatitis B alone leaves hepatitis C, E and others open
      | condition                                               | status | dates            | complete    | met       | outcome | fragment                  | needs              |
      | ICD-10 B18.2 "Chronic viral hepatitis C"                | active | since 2020-01-01 | no sections | met       | fail    | Chronic viral hepatitis C | none               |
      | ICD-10 B18.1 "Chronic viral hepatitis B without delta-agent" | active | since 2015-01-01 | no sections | met  | fail    | hepatitis B               | none               |
      | ICD-10 B17.2 "Acute hepatitis E"                        | active | since 2026-11-01 | no sections | met       | fail    | Acute hepatitis E         | none               |
      | nothing                                                 | active | undated          | conditions  | not met   | pass    | declared complete         | none               |
      | nothing                                                 | active | undated          | no sections | undecided | unknown | not declared complete     | "viral hepatitis"  |
      | ICD-10 B18.1 "Chronic viral hepatitis B without delta-agent" | absent | undated     | no sections | undecided | unknown | viral hepatitis           | "viral hepatitis"  |

  Scenario Outline: E10 Co-existent Hepatitis B, Hepatitis C, HIV
    Given a patient
    And the record lists the condition <condition> as <status>, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E10 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                                    | status | complete    | met       | outcome | fragment                  | needs                         |
      | ICD-10 B18.1 "Chronic viral hepatitis B without delta-agent" | active | no sections | met       | fail    | hepatitis B               | none                          |
      | SNOMED 66071002 "Viral hepatitis type B"                     | active | no sections | met       | fail    | hepatitis type B          | none                          |
      | ICD-10 B18.2 "Chronic viral hepatitis C"                     | active | no sections | met       | fail    | hepatitis C               | none                          |
      | ICD-10 B20 "Human immunodeficiency virus [HIV] disease"      | active | no sections | met       | fail    | [HIV] disease             | none                          |
      | SNOMED 86406008 "Human immunodeficiency virus infection"     | active | no sections | met       | fail    | virus infection           | none                          |
      | ICD-10 B18.1 "Chronic viral hepatitis B without delta-agent" | absent | no sections | undecided | unknown | hepatitis C               | "hepatitis C", "HIV infection" |
      | nothing                                                      | active | conditions  | not met   | pass    | declared complete         | none                          |
      | nothing                                                      | active | no sections | undecided | unknown | not declared complete     | "hepatitis B", "hepatitis C", "HIV infection" |

  Scenario Outline: E11 Chronic kidney disease
    Given a patient
    And the record lists the condition <condition> as <status>, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E11 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                           | status | complete    | met       | outcome | fragment                | needs                     |
      | ICD-10 N18.4 "Chronic kidney disease, stage 4 (severe)" | active | no sections | met   | fail    | Chronic kidney disease  | none                      |
      | SNOMED 709044004 "Chronic kidney disease"           | active | no sections | met       | fail    | Chronic kidney disease  | none                      |
      | ICD-10 N18.4 "Chronic kidney disease, stage 4 (severe)" | absent | no sections | not met | pass  | recorded absent         | none                      |
      | nothing                                             | active | conditions  | not met   | pass    | declared complete       | none                      |
      | nothing                                             | active | no sections | undecided | unknown | not declared complete   | "chronic kidney disease"  |

  Scenario Outline: E12 Multiorgan failure or Disseminated Intravascular Coagulation (DIC)
    Given a patient
    And the record lists the condition <condition> as active, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E12 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | condition                                                | complete    | met       | outcome | fragment                 | needs                                                   |
      | ICD-10 D65 "Disseminated intravascular coagulation"      | no sections | met       | fail    | intravascular coagulation | none                                                   |
      | "multiple organ failure"                                 | no sections | met       | fail    | multiple organ failure   | none                                                    |
      | nothing                                                  | conditions  | not met   | pass    | declared complete        | none                                                    |
      | nothing                                                  | no sections | undecided | unknown | not declared complete    | "multi-organ failure", "disseminated intravascular coagulation" |

  Scenario Outline: E13 Patients improving on standard medical treatment
    Given a patient
    And the patient's improvement on standard medical treatment is recorded as <improving>
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E13 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | improving | met       | outcome | fragment                                      | needs                                      |
      | yes       | met       | fail    | improving on standard medical treatment: yes | none                                       |
      | no        | not met   | pass    | improving on standard medical treatment: no  | none                                       |
      | missing   | undecided | unknown | not recorded                                  | "improving on standard medical treatment"  |

  Scenario Outline: E14 Patients on immunosuppressive medications
    Given a patient
    And the record lists the medication <drug> as <status>, <course>
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E14 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    # Ruling out one drug (tacrolimus not taken) does not rule out the class.
    Examples: by ATC class (L04A, H02AB) or by drug name
      | drug                            | status    | course                        | complete    | met       | outcome | fragment                      | needs                            |
      | ATC L04AD02 "tacrolimus"        | active    | since 2026-10-01              | no sections | met       | fail    | tacrolimus                    | none                             |
      | "prednisone"                    | active    | since 2026-11-01              | no sections | met       | fail    | prednisone                    | none                             |
      | "Prednisone 20 MG Oral Tablet"  | active    | since 2026-11-01              | no sections | met       | fail    | Prednisone 20 MG Oral Tablet  | none                             |
      | ATC H02AB07 "prednisone"        | active    | since 2026-11-01              | no sections | met       | fail    | prednisone                    | none                             |
      | "prednisone"                    | completed | from 2025-01-01 to 2025-03-01 | no sections | undecided | unknown | is not current                | "immunosuppressive medication"   |
      | "prednisone"                    | completed | from 2025-01-01 to 2025-03-01 | medications | not met   | pass    | no other immunosuppressive    | none                             |
      | ATC L04AD02 "tacrolimus"        | not-taken | undated                       | no sections | undecided | unknown | not declared complete         | "immunosuppressive medication"   |
      | ATC A06AD11 "lactulose"         | active    | since 2026-10-01              | medications | not met   | pass    | medications declared complete | none                             |
      | nothing                         | active    | undated                       | medications | not met   | pass    | medications declared complete | none                             |
      | nothing                         | active    | undated                       | no sections | undecided | unknown | not declared complete         | "immunosuppressive medication"   |

  Scenario Outline: E15 Pregnancy or active breastfeeding
    Given a <sex> patient
    And the record lists the condition <condition> as active, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E15 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | sex    | condition                                                             | complete    | met       | outcome | fragment               | needs                     |
      | female | ICD-10 Z34.00 "Encounter for supervision of normal first pregnancy"   | no sections | met       | fail    | normal first pregnancy | none                      |
      | female | ICD-10 Z39.1 "Encounter for care and examination of lactating mother" | no sections | met       | fail    | lactating mother       | none                      |
      | female | "breastfeeding"                                                       | no sections | met       | fail    | breastfeeding          | none                      |
      | male   | nothing                                                               | no sections | not met   | pass    | not applicable         | none                      |
      | female | nothing                                                               | conditions  | not met   | pass    | declared complete      | none                      |
      | female | nothing                                                               | no sections | undecided | unknown | no pregnancy on record | "pregnancy", "lactation"  |

  Scenario Outline: E16 Known severe cardiopulmonary diseases (structural or valvular heart disease, coronary artery disease, coronary pulmonary disease, chronic kidney disease)
    Given a patient
    And the record lists the condition <condition> as active, undated
    And the record declares its <complete> complete
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E16 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples: reviewed rule — each example in the parenthesis excludes on its own
      | condition                                                                 | complete    | met       | outcome | fragment                       | needs                                    |
      | ICD-10 I35.0 "Nonrheumatic aortic (valve) stenosis"                       | no sections | met       | fail    | aortic (valve) stenosis        | none                                     |
      | ICD-10 I25.10 "Atherosclerotic heart disease of native coronary artery"   | no sections | met       | fail    | Atherosclerotic heart disease  | none                                     |
      | ICD-10 I27.81 "Cor pulmonale (chronic)"                                   | no sections | met       | fail    | Cor pulmonale                  | none                                     |
      | ICD-10 N18.4 "Chronic kidney disease, stage 4 (severe)"                   | no sections | met       | fail    | Chronic kidney disease         | none                                     |
      | ICD-10 J44.9 "Chronic obstructive pulmonary disease, unspecified"         | no sections | met       | fail    | Chronic obstructive            | none                                     |
      | ICD-10 I50.9 "Heart failure, unspecified"                                 | no sections | met       | fail    | Heart failure                  | none                                     |
      | nothing                                                                   | conditions  | not met   | pass    | declared complete              | none                                     |
      | nothing                                                                   | no sections | undecided | unknown | not declared complete          | "coronary artery disease", "cor pulmonale", "chronic kidney disease" |

  Scenario: E16 names each record item once, however many of its examples the item matches
    Given a patient
    And the record lists the condition ICD-10 I35.0 "Nonrheumatic aortic (valve) stenosis" as active, undated
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E16 is met and the outcome is fail
    And its explanation names "Nonrheumatic aortic (valve) stenosis" only once

  Scenario Outline: E17 Lack of informed consent
    Given a patient
    And the patient's informed consent is recorded as <consent>
    When the patient is screened against NCT07131306 on 2026-11-27
    Then criterion E17 is <met> and the outcome is <outcome>
    And its explanation mentions "<fragment>"
    And its missing data mention <needs>

    Examples:
      | consent | met       | outcome | fragment                    | needs                    |
      | yes     | not met   | pass    | informed consent given: yes | none                     |
      | no      | met       | fail    | informed consent given: no  | none                     |
      | missing | undecided | unknown | not recorded                | "informed consent given" |
