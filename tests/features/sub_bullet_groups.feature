Feature: Sub-bullets that are alternatives of one parent line
  ClinicalTrials.gov nests bullets; a trial file keeps one line per bullet, each prefixed
  with its parent's text. The lines of one "one or more of the following:" or "2 of the
  following 4 criteria:" list are read together: each line gets the rule of its group.

  Scenario Outline: One or more of seven conditions (NCT03864497)
    Given a trial whose inclusion lines are those of NCT03864497
    And a patient with <facts> and observations <observations> and <conditions>
    When the patient is screened
    Then every line of the group is <outcome>
    And the verdict is <verdict>

    # each line read alone was "candidate and (item or unparsed(cue))": never failed, and
    # met only by its own item; "inability to perform >4 METs" is unread, so no item met
    # leaves the group open rather than failed
    Examples:
      | facts                             | observations           | conditions               | outcome | verdict      |
      | liver_transplant_candidate true   | creatinine 180 umol/L  | no conditions            | pass    | eligible     |
      | liver_transplant_candidate true   | creatinine 90 umol/L   | conditions I63.9         | pass    | eligible     |
      | liver_transplant_candidate true   | creatinine 90 umol/L   | no conditions complete   | unknown | needs_review |
      | liver_transplant_candidate false  | creatinine 180 umol/L  | no conditions complete   | fail    | ineligible   |
      | liver_transplant_candidate true   | none                   | no conditions            | unknown | needs_review |

  Scenario Outline: Cirrhosis by biopsy, a complication, or 2 of 4 criteria (NCT03493204)
    Given a trial whose inclusion lines are those of NCT03493204
    And a patient with <facts> and observations <observations> and <conditions>
    When the patient is screened
    Then every line of the group is <outcome>
    And the verdict is <verdict>

    # read line by line, the four "2 of the following 4 criteria" lines were unread and the
    # biopsy line required a biopsy: stiffness and APRI together could never qualify.  The
    # parent asks for ascites, and ascites is one of the "cirrhosis complications" of the
    # second alternative, so a patient with cirrhosis and ascites meets the list as written
    Examples:
      | facts    | observations                       | conditions                        | outcome | verdict      |
      | no facts | liver_stiffness 16 kPa; apri 2.4 1 | conditions K74.60, R18.8          | pass    | eligible     |
      | no facts | liver_stiffness 9 kPa; apri 0.8 1  | conditions K74.60, R18.8 complete | pass    | eligible     |
      | no facts | liver_stiffness 16 kPa; apri 2.4 1 | no conditions                     | unknown | needs_review |
