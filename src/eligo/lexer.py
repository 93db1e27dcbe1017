"""Lexer: registry text → the token stream ``grammar/criteria.lark`` is written over.

Stage 2 of the pipeline.  Registry criteria are not a formal language, so the lexer does the
work a tokenizer can do well and the grammar cannot: it lets the vocabulary feed it (concept
names and synonyms, longest match first), recognises comparators in symbols and words, numbers
in registry spellings ("80,000", "2,5", "one"), units glued or spaced ("1.6mg/dl",
"x10^9/L"), multiples of the reference limit ("1.5 x ULN"), look-back windows ("within last
one month"), negation and history cues, and drops filler words that carry no meaning.
Anything else becomes a ``WORD`` token, which the grammar turns into an ``unparsed`` span:
unknown words are reported, never guessed.

Context decides a few tokens, and only here: a number is a ``NUMBER`` only where it can be a
threshold (after a comparator, or as a range bound), a ``(`` right after content is a postfix
``LPOST`` (a parenthetical about what precedes it) rather than a grouping ``LPAREN``, and a word
after a categorical concept ("Child Pugh *B*") is a ``CATEGORY``.  Those decisions are what keep
the grammar LALR(1) and conflict-free.

All tables are data at the top of the module.  Spans are offsets into the normalised text;
:mod:`eligo.parse` maps them back to the original line.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import MethodType, ModuleType
from typing import NamedTuple, TypeVar

from .concepts import Concept, Vocabulary, comparable, vocabulary
from .firstchars import StartTable
from .nodes import fast_init
from .normalize import Normalised

# ---------------------------------------------------------------------------- tables

# Comparator phrases → canonical operator.  Matched only when a number follows.
COMPARATORS: dict[str, str] = {
    ">=": ">=",
    "<=": "<=",
    ">": ">",
    "<": "<",
    "=": "=",
    "!=": "!=",
    "greater than or equal to": ">=",
    "greater than equal to": ">=",
    "greater than or equal": ">=",
    "more than or equal to": ">=",
    "higher than or equal to": ">=",
    "equal to or greater than": ">=",
    "equal to or more than": ">=",
    "equal to or higher than": ">=",
    "equal or greater than": ">=",
    "equal or more than": ">=",
    "equal to or above": ">=",
    "above or equal to": ">=",
    "over or equal to": ">=",
    "at least": ">=",
    "not less than": ">=",
    "no less than": ">=",
    "minimum of": ">=",
    "minimum": ">=",
    "min": ">=",
    "of at least": ">=",
    "or greater": ">=",
    "less than or equal to": "<=",
    "less than equal to": "<=",
    "less than or equal": "<=",
    "lower than or equal to": "<=",
    "equal to or less than": "<=",
    "equal to or lower than": "<=",
    "equal or less than": "<=",
    "equal to or below": "<=",
    "below or equal to": "<=",
    "under or equal to": "<=",
    "at most": "<=",
    "not more than": "<=",
    "no more than": "<=",
    "not greater than": "<=",
    "no greater than": "<=",
    "not exceeding": "<=",
    "not to exceed": "<=",
    "not exceed": "<=",
    "maximum of": "<=",
    "maximum": "<=",
    "max": "<=",
    "up to": "<=",
    "within normal limits": "<=",
    "greater than": ">",
    "more than": ">",
    "higher than": ">",
    "above": ">",
    "over": ">",
    "exceeding": ">",
    "exceeds": ">",
    "exceed": ">",
    "in excess of": ">",
    "upper than": ">",
    "less than": "<",
    "lower than": "<",
    "below": "<",
    "under": "<",
    "fewer than": "<",
    "smaller than": "<",
    "inferior to": "<",
    "superior to": ">",
    "equal to": "=",
    "equals": "=",
}
# "18 years or older": postfix comparators after a number (and its unit).
POSTFIX_COMPARATORS: dict[str, str] = {
    "or more": ">=",
    "or older": ">=",
    "or above": ">=",
    "or greater": ">=",
    "or higher": ">=",
    "or over": ">=",
    "and above": ">=",
    "and older": ">=",
    "and over": ">=",
    "and more": ">=",
    "or less": "<=",
    "or younger": "<=",
    "or below": "<=",
    "or lower": "<=",
    "or under": "<=",
    "and below": "<=",
    "and younger": "<=",
    "and under": "<=",
    "and less": "<=",
    "+": ">=",
}
NEGATIONS = (
    "not",
    "no",
    "non",
    "without",
    "absence of",
    "absent",
    "inability to",
    "unable to",
    "lack of",
    "lacking",
    "never",
    "free of",
    "negative for",
    "beyond",
    "outside",
    "not able to",
    "unable",
    "negative",
    "undetectable",
    "unwilling",
    "unwilling to",
    "refusal to",
    "refuses to",
    "refused",
)
HISTORY_CUES = (
    "history of",
    # "Prior or current cardiomyopathy", "No past or present history of portal hypertension":
    # ever, now included. Read cue by cue, the current cue was a filler word and the "or" was
    # left unread: "unparsed("or") and cardiomyopathy" did not exclude a past cardiomyopathy
    "prior or current",
    "prior or present",
    "previous or current",
    "previous or ongoing",
    "past or present",
    "past or current",
    "history or presence of",
    "history or current",
    "received",  # "has received insulin", "must have received trastuzumab": at some time
    # "Renal disease that required treatment with immunosuppressive therapy": in the past
    "required treatment with",
    "that required treatment with",
    "previously received",
    "past history of",
    "previous history of",
    "prior history of",
    "h/o",
    "previous",
    "previously",
    "prior",
    "past",
)
RECENT_CUES = ("recent", "recently")
# Acronyms read only in capitals: lower case they are ordinary words ("he").
# "PAL < 2.5 x UNL": French "phosphatases alcalines", alkaline phosphatase, in registry text
# translated from French (with "UNL" for the upper normal limit)
CASE_SENSITIVE_ACRONYMS = {"HE": "hepatic_encephalopathy", "PAL": "alp"}
# Cues that open an exception to what precedes them ("malignancy (except hepatoma)").
EXCEPT_CUES = (
    "except", "except for", "with the exception of", "with the exception", "unless", "other than",
    "excluding",
    # "Previous anti-myeloma therapy (does not include radiotherapy, …)"
    "this does not include", "does not include", "do not include",
)  # fmt: skip
# Cues that start commentary on how a criterion is judged; the rest of the clause (to the
# closing parenthesis, ';' or the end) is kept as an annotation, not read as criteria.
ANNOTATION_CUES = (
    "based on", "as per", "according to", "as assessed by", "as determined by",
    "as judged by", "as documented by", "either due to",
    "in the opinion of", "in the investigator's opinion", "judged by", "as measured by",
    "using the cockcroft", "using cockcroft", "either measured or calculated",
    "by either cockcroft", "by cockcroft", "by the cockcroft",
    # the imaging a measurement is taken by: the value decides, whatever the device
    "by echocardiogram or muga", "by echocardiography or muga", "by echocardiogram",
    "by echocardiography", "by muga", "from liver ultrasound", "on liver ultrasound",
    "by liver ultrasound",
    "by quantitative pilocarpine", "by quantitative by pilocarpine", "by pilocarpine iontophoresis",
    # permissions: what a patient may be receiving is no criterion
    "may be receiving", "red blood cell [rbc] transfusions allowed", "rbc transfusions allowed",
    "transfusions allowed", "transfusion allowed",
    # when a measurement is taken, not what it must be
    "if determination is clinically indicated", "if clinically indicated",
    "as calculated by", "measured by", "calculated by", "will be excluded",
    "are excluded", "to be eligible", "as outlined in the protocol", "per protocol",
)  # fmt: skip
# "X, such as Y" / "X, including Y": examples of X, so alternatives of it.
EXAMPLE_CUES = (
    "including but not limited to", "including, but not limited to", "including without limitation",
    "such as", "including", "e.g.,", "e.g.", "eg.", "eg", "for example", "for instance",
)  # fmt: skip
EXAMPLE_OR = "or, for example"  # value of the OR an example cue stands for
# Cues that introduce a definition of what precedes them: read like a parenthetical.
DEFINITION_CUES = (
    "as defined by", "defined as", "defined by", "as evidenced by", "as indicated by",
    "indicated by", "as shown by", "confirmed by", "i.e.", "ie.", "that is",
)  # fmt: skip
SEX_WORDS = {
    "women": "female",
    "woman": "female",
    "female": "female",
    "females": "female",
    "men": "male",
    "man": "male",
    "male": "male",
    "males": "male",
}
# Phrases that name both sexes add no criterion.
BOTH_SEXES = (
    "men and women",
    "women and men",
    "male and female",
    "female and male",
    "males and females",
    "male or female",
    "female or male",
    "males or females",
    "both sexes",
    "either sex",
    "all sexes",
    "both genders",
    "either gender",
    "men or women",
)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "any",
        "all",
        "some",
        "each",
        "every",
        "other",
        "another",
        "either",
        "both",
        "only",
        "also",
        "such",
        "patients",
        "patient",
        "subjects",
        "subject's",
        "patient's",
        "subject",
        "participants",
        "participant",
        "individuals",
        "people",
        "persons",
        "adults",
        "recipient",
        "baseline",
        "blood",
        "inclusive",
        "ranges",
        "range",
        "mean",
        "average",
        "screening",
        "determined",
        "histologically",
        "cytologically",
        "radiologically",
        "pathologically",
        "recipients",
        "expected",
        "adult",
        "cases",
        "case",
        "with",
        "of",
        "in",
        "on",
        "at",
        "by",
        "as",
        "to",
        "for",
        "from",
        "into",
        "onto",
        "upon",
        "within",
        "who",
        "whom",
        "which",
        "that",
        "those",
        "these",
        "are",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "shall",
        "must",
        "should",
        "may",
        "might",
        "can",
        "could",
        "would",
        "does",
        "do",
        "did",
        "have",
        "has",
        "having",
        "had",
        "their",
        "his",
        "her",
        "its",
        "they",
        "them",
        "he",
        "she",
        "it",
        "i",
        "we",
        "our",
        "requiring",
        "required",
        "requires",
        "require",
        "needing",
        "need",
        "needs",
        "clinically",
        "clinical",
        "diagnosed",
        "diagnosis",
        "documented",
        "confirmed",
        "known",
        "evidence",
        "signs",
        "sign",
        "presence",
        "present",
        "existing",
        "ongoing",
        "current",
        "currently",
        "active",
        "co-existent",
        "coexistent",
        "coexisting",
        "co-existing",
        "concomitant",
        "concurrent",
        "co-morbid",
        "comorbid",
        "comorbidities",
        "conditions",
        "condition",
        "count",
        "counts",
        "level",
        "levels",
        "value",
        "values",
        "serum",
        "plasma",
        "concentration",
        "result",
        "results",
        "test",
        "tests",
        "measured",
        "assessed",  # "LVEF < 40% assessed within the last 3 months": measured
        "measurement",
        "positive",
        "proven",
        "established",
        "following",
        "like",
        "eg",
        "e.g",
        "i.e.",
        "i.e",
        "ie",
        "including",
        "include",
        "includes",
        "such",
        "as",
        "etc",
        "etc.",
        "defined",
        "define",
    ]
)
STOP_PHRASES = (
    "e.g.",
    "i.e.,",
    "i.e.",
    "as well as",
    "at the time of screening",
    "at screening",
    "at the screening visit",
    "at baseline",
    "at enrollment",
    "at enrolment",
    "at the time of enrollment",
    "at the time of enrolment",
    "at randomization",
    "at randomisation",
    "prior to randomization",
    "prior to enrollment",
    "prior to enrolment",
    "prior to screening",
    "before enrollment",
    "before randomization",
    "will be",
    "known or suspected",
    "treatment with",
    "treated with",
    "therapy with",
    "use of",
    "receipt of",
    "administration of",
    "history of unresolved",
    "exposure to",
    "for age",
    "for the institution",
    "for the laboratory",
    "laboratory parameters",
    "laboratory values",
    "laboratory tests",
    "lab values",
    "as defined below",
    "organ and marrow function",
    "adequate organ function",
    "adequate organ and marrow function",
    "adequate bone marrow function",
    "adequate hematologic function",
    "adequate renal and hepatic function",
    "adequate renal and hepatic functions",
    "adequate renal function",
    "adequate hepatic function",
    "adequate liver function",
    "suspected or known",
    "confirmed or suspected",
    "one or more of the following",
    "at least one of the following",
    "any of the following",
    "all of the following",
    "the following criteria",
    "the following",
    "as follows",
    "must be",
    "must have",
    "need to",
    "in the study",
    # when a value is taken, not what it must be: every value is read as of screening
    "at time of informed consent",
    "at the time of informed consent",
    "at time of signing informed consent",
    "at the time of signing informed consent",
    "at time of screening",
    "at the time of screening",
    "at screening visit",
    "at the screening visit",
    "at the enrolment visit",
    "at the enrollment visit",
    "at enrolment visit",
    "at enrollment visit",
    "at the baseline visit",
    "at baseline visit",
    "during screening",
    "regardless of gender",
    "regardless of sex",
    "regardless of race or gender",
    "borderline values",
    "as indicated by the following laboratory values:",
    "as indicated by the following laboratory values",
    "extremes included",
    "of any aetiology",
    "of any etiology",
    "of any cause",
    # "atrial fibrillation of any grade": the condition, whatever its grade (NCT01005199)
    "of any grade",
    "of any severity",
    "of any degree",
    # where a QTc is read: every QTc is an ECG measurement
    "in screening ecg",
    "on screening ecg",
    "on the screening ecg",
    "on screening electrocardiogram (ecg)",
    "on screening electrocardiogram",
    # pre-dose study days: the screening measurement
    "on day -1",
    "on day -2",
)
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
TIME_UNITS = {
    "hours": "h",
    "hour": "h",
    "hrs": "h",
    "hr": "h",
    "h": "h",
    "days": "d",
    "day": "d",
    "d": "d",
    "weeks": "wk",
    "week": "wk",
    "wks": "wk",
    "wk": "wk",
    "months": "mo",
    "month": "mo",
    "mths": "mo",
    "mo": "mo",
    "mos": "mo",
    "mouths": "mo",
    "years": "a",
    "y/o": "a",
    "year": "a",
    "yrs": "a",
    "yr": "a",
    "y": "a",
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+"
_NUMW = "|".join(NUMBER_WORDS)
_TIMEU = "|".join(sorted(TIME_UNITS, key=len, reverse=True))

# ---------------------------------------------------------------------------- tokens


@fast_init
@dataclass(frozen=True)
class Tok:
    """A lexer token: grammar terminal ``type``, decoded ``value``, normalised span."""

    type: str
    value: object
    start: int
    end: int


def _words(phrases: Iterable[str]) -> str:
    """Alternation of phrases, longest first, with flexible inner whitespace."""
    alts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        parts = [re.escape(w) for w in p.split()]
        alts.append(r"[\s\-]+".join(parts))
    return "|".join(alts)


def _bounded(alternation: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation})(?![A-Za-z0-9])", re.IGNORECASE)


# a word of a phrase and the gap after it (one match per word, no second one for the gap)
_PHRASE_WORD = re.compile(r"([A-Za-z0-9'+/._:]+)[\s\-]*")
_HYPHEN_WORD = re.compile(r"-[A-Za-z0-9]")
# the characters after which a word of _PHRASE_WORD goes on (not ".", ":", "'": they may
# end one, being stripped from its end)
_GOES_ON = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_")


class PhraseMatcher:
    """Longest-match lookup of vocabulary phrases at a position, by word n-grams.

    A dict lookup per candidate length instead of one huge regex alternation: it builds in
    microseconds (CLI start-up) and matches as fast.  Words are read only while they still
    begin some phrase (``prefixes``), so most positions cost one word and one set lookup.
    """

    def __init__(self, phrases: dict[str, str]) -> None:
        self.phrases = phrases
        self.max_words = max((len(p.split()) for p in phrases), default=1)
        prefixes: set[str] = set()
        for phrase in phrases:
            words = phrase.split(" ")
            prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        self.prefixes = frozenset(prefixes)
        # a quick "no": the first three characters of every phrase's first word, and the
        # first words of one or two characters, whole
        first = {p.split(" ")[0] for p in phrases}
        self.starts = frozenset(w[:3] for w in first if len(w) >= 3)
        self.short = frozenset(w for w in first if len(w) <= 2)

    def match(self, text: str, pos: int) -> tuple[str, int] | None:
        """(concept id, end offset) of the longest phrase starting at ``pos``."""
        # no phrase where the word read here (ASCII: lower-cased character by character) is
        # no phrase's first word, by its first three characters or, one or two long, whole
        head = text[pos : pos + 3]
        low = head.lower()
        if (
            low not in self.starts
            and (low[:2] not in self.short or head[2:3] in _GOES_ON)
            and (low[:1] not in self.short or head[1:2] in _GOES_ON)
        ):
            return None
        # the first word on its own: at most positions no phrase starts with it
        m = _PHRASE_WORD.match(text, pos)
        if not m:
            return None
        whole = m.group(1)
        word = whole.rstrip(".:,'")
        key = word.lower()
        if not word or key not in self.prefixes:
            return None
        end = pos + len(word)
        found = [(key, end)]  # (key, end offset) of each prefix read, in order
        prefixes = self.prefixes
        for _ in range(self.max_words - 1):
            if len(word) < len(whole) or m.end() == end:
                break  # punctuation ends the phrase ("disease," / "Child-Pugh:"), or no gap
            p = m.end()
            m = _PHRASE_WORD.match(text, p)
            if not m:
                break
            whole = m.group(1)
            word = whole.rstrip(".:,'")
            if not word:
                break
            # "Aspartate Aminotransferase /platelet" (its "(AST)" blanked): "/" joins words
            key = f"{key}{'' if word[0] == '/' else ' '}{word.lower()}"
            if key not in prefixes:
                break  # no phrase goes on with this word
            end = p + len(word)
            found.append((key, end))
        phrases = self.phrases
        for key, nxt in reversed(found):
            cid = phrases.get(key)
            if cid is not None:
                if nxt < len(text) and text[nxt].isalnum():
                    continue
                if _HYPHEN_WORD.match(text, nxt, nxt + 2):
                    continue  # "CKD-EPI", "HBV-DNA": a hyphenated compound is another word
                return cid, nxt
        return None


@dataclass(frozen=True)
class _Tables:
    concept: PhraseMatcher
    comparator: re.Pattern[str]
    postfix: re.Pattern[str]
    negation: re.Pattern[str]
    history: re.Pattern[str]
    recent: re.Pattern[str]
    exception: re.Pattern[str]
    annotation: re.Pattern[str]
    definition: re.Pattern[str]
    example: re.Pattern[str]
    both_sexes: re.Pattern[str]
    stop_phrase: re.Pattern[str]
    vocab: Vocabulary
    stops: StopPhrases  # stop_phrase, by the first word at a position
    # indexes (in _step_patterns) of the patterns that can match at a position
    starts: StartTable | None = None


@functools.cache
def tables() -> _Tables:
    """Compiled lexer tables, built once from the vocabulary."""
    t = _tables()
    return replace(t, starts=StartTable(_step_patterns(t)))


def _tables() -> _Tables:
    v = vocabulary()
    return _Tables(
        concept=PhraseMatcher(v.by_phrase),
        comparator=re.compile(
            rf"(?:{_words(k for k in COMPARATORS if k[0].isalpha())})(?![A-Za-z0-9])"
            r"|>=|<=|!=|>|<|=",
            re.IGNORECASE,
        ),
        postfix=re.compile(rf"\s*(?:{_words(POSTFIX_COMPARATORS)})(?![A-Za-z0-9])", re.I),
        negation=_bounded(_words(NEGATIONS)),
        history=_bounded(_words(HISTORY_CUES)),
        recent=_bounded(_words(RECENT_CUES)),
        exception=_bounded(_words(EXCEPT_CUES)),
        annotation=_bounded(_words(ANNOTATION_CUES)),
        example=re.compile(
            "|".join(
                re.escape(c) + (r"(?![A-Za-z])" if c[-1].isalpha() else "")
                for c in sorted(EXAMPLE_CUES, key=len, reverse=True)
            ),
            re.IGNORECASE,
        ),
        definition=re.compile(
            "|".join(
                re.escape(c).replace(r"\ ", r"\s+") + (r"(?![A-Za-z])" if c[-1].isalpha() else "")
                for c in sorted(DEFINITION_CUES, key=len, reverse=True)
            ),
            re.IGNORECASE,
        ),
        both_sexes=_bounded(_words(BOTH_SEXES)),
        stop_phrase=_stop_phrases(STOP_PHRASES),
        vocab=v,
        stops=StopPhrases(STOP_PHRASES),
    )


def _stop_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """The stop phrases as one pattern, longest first (the longest that matches wins)."""
    return re.compile(
        "|".join(
            rf"{re.escape(p)}" + (r"(?![A-Za-z0-9])" if p[-1].isalnum() else "")
            for p in sorted(phrases, key=len, reverse=True)
        ),
        re.IGNORECASE,
    )


class StopPhrases:
    """:data:`STOP_PHRASES` at a position, by the first word there.

    The one pattern of all of them (``_Tables.stop_phrase``) tries its ~90 alternatives one by
    one wherever a phrase's first characters can start ("at", "of", "the", "on" …), and fails
    at most of them.  A phrase of several words matches only where its first word is followed
    by a space, so the text up to the next space, lower-cased, names the only ones that can
    match there: those with that first word, and the one-word phrases ("e.g.").  Those few,
    in the same order, give the same match.  (Outside ASCII, where ``IGNORECASE`` is not
    ``lower()``, the pattern of all of them.)
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(phrases)
        self.every = _stop_phrases(self.phrases)
        self.single = _stop_phrases(p for p in self.phrases if " " not in p)
        self.firsts = frozenset(p.split(" ")[0].lower() for p in self.phrases if " " in p)
        # first word → its phrases and the one-word ones, compiled when first met (start-up)
        self.by_first: dict[str, re.Pattern[str]] = {}

    def _of(self, first: str) -> re.Pattern[str]:
        rx = self.by_first[first] = _stop_phrases(
            p for p in self.phrases if " " not in p or p.split(" ")[0].lower() == first
        )
        return rx

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """``_Tables.stop_phrase.match(text, pos)``."""
        if not text.isascii():
            return self.every.match(text, pos)
        space = text.find(" ", pos)
        first = text[pos : space if space >= 0 else len(text)].lower()
        if first not in self.firsts:
            return self.single.match(text, pos)
        return (self.by_first.get(first) or self._of(first)).match(text, pos)


_WS = re.compile(r"\s+")
# "with the exception of a) …; b) …": a lettered item's marker, its ")" closing nothing
_ENUM_LETTERS = frozenset("abcdefgh")
_NEXT_ITEM = re.compile(r"\s*(?:or\s+|and\s+)?[b-h]\)\s")


def _enumerator_at(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` is the letter of an item marker "a) " (after a space or the
    line's start, before a space, with no parenthesis open for its ")" to close)."""
    return (
        text[pos + 1 : pos + 2] == ")"
        and (pos == 0 or text[pos - 1].isspace())
        and text[pos + 2 : pos + 3].isspace()
        and text.count("(", 0, pos) <= text.count(")", 0, pos)
    )


_TRADEMARKS = {ord("®"): " ", ord("™"): " "}
_NOTE = re.compile(r"note\s*:", re.IGNORECASE)
# "At least 2 of the following symptoms or signs of acute alcoholic hepatitis: A, B, C":
# k of the items listed after the colon (what the items are is said before it)
_K_OF_N = re.compile(
    rf"(?:at\s+least\s+|(?:≥|>=)\s*)?(?P<k>\d|{'|'.join(['one', 'two', 'three', 'four', 'five'])})"
    r"\s+(?:or\s+more\s+)?of\s+the\s+following(?![A-Za-z])[^:;.()]{0,80}?:\s*",
    re.IGNORECASE,
)
_K_OF_N_MAX = 6  # at most C(6, 3) = 20 alternatives
_NUMBER = re.compile(rf"(?:{_NUM})(?![\d])|(?:{_NUMW})(?![A-Za-z])", re.IGNORECASE)
# Anchors a look-back window may name; eligo anchors every window at the screening date.
WINDOW_ANCHORS = (
    "screening",
    "the screening visit",
    "screening visit",
    "enrollment",
    "enrolment",
    "randomization",
    "randomisation",
    "study entry",
    "inclusion",
    "admission",
    "study start",
    "study drug",
    "study drug administration",
    "treatment",
    "study treatment",
    "the first study treatment",
    "first study treatment",
    "dosing",
    "first dose",
    "the first dose",
    "first dose of study drug",
    "day 1",
    "cycle 1 day 1",
    "study day 1",
    "baseline",
    "the baseline visit",
    "baseline visit",
    "registration",
    "consent",
    "informed consent",
    "signing informed consent",
    "signing the informed consent",
    "first administration",
    "visit 1",
    "the start of study treatment",
    "start of treatment",
    "entering study",
    "entering the study",
    "entering this study",
    "entry into the study",
    "entry into study",
    "study enrollment",
    "study enrolment",
    # acute-care trials enrol at the visit: "within 14 days preceding presentation to the ED"
    "presentation",
    "presentation to the ed",
    "presentation to the emergency department",
    "presentation to the emergency room",
)
_WINDOW = re.compile(
    r"(?:within\s+(?:the\s+)?(?:last|past|previous|preceding|prior)?|"
    r"(?:in|during|over)\s+(?:the\s+)?(?:last|past|previous|preceding|prior))\s*"
    rf"(?P<n>{_NUM}|{_NUMW}|a|an)?\s*(?P<u>{_TIMEU})(?![A-Za-z])"
    r"(?:\s+(?:prior\s+to|before|preceding|of)\s+(?:the\s+)?(?:"
    + "|".join(
        re.escape(a).replace(r"\ ", r"\s+") for a in sorted(WINDOW_ANCHORS, key=len, reverse=True)
    )
    + r")(?![A-Za-z]))?",
    re.IGNORECASE,
)
_ULN = re.compile(
    r"\s*(?:(?:x|times|fold|-fold)(?:\s+of)?)?\s*(?:the\s+)?(?:institutional\s+|local\s+|site\s+)?"
    r"(?P<lim>uln|unl|lln|upper\s+limits?\s+of\s+(?:the\s+)?normal(?:\s+range)?"
    r"|upper\s+normal\s+limits?|normal\s+upper\s+limits?|upper\s+limits?\s+normal"
    r"|lower\s+limits?\s+of\s+(?:the\s+)?normal(?:\s+range)?|lower\s+normal\s+limits?"
    r"|normal)(?![A-Za-z])",
    re.IGNORECASE,
)


def _spelt_limit_end(toks: list[Tok], i: int, text: str) -> int | None:
    """Index of the ')' closing the parenthesis of unread words opened at ``toks[i]``."""
    if toks[i].type != "LPOST":
        return None
    j = i + 1
    while j < len(toks) and toks[j].type == "WORD":
        j += 1
    return j if j > i + 1 and j < len(toks) and toks[j].type == "RPAREN" else None


def _spelt_limit(text: str) -> str | None:
    """ "Upper Limit of Normal" → ``ULN``, "lower limit of normal" → ``LLN``; else ``None``."""
    m = _ULN.fullmatch(text)
    if m is None or not m["lim"][0].isalpha() or " " not in m["lim"].strip():
        return None
    return "LLN" if m["lim"].lower().startswith("lower") else "ULN"


# A number multiplied by something the lexer cannot read ("2.5 x the reference value"):
# never a bare threshold.
_MULT_AFTER = re.compile(r"\s*(?:x|times|fold|-fold)(?![A-Za-z])", re.IGNORECASE)
_SHARED_LINK = re.compile(r"\s*(?:to|and|-|–)\s*\d+(?:\.\d+)?", re.IGNORECASE)


def _shared_limit(text: str, pos: int) -> int | None:
    """End of the multiplier in "2 X to 3X normal value" / "2 x and 3 x ULN": a multiple
    whose limit is written once, after the range's other bound; ``None`` otherwise."""
    m = _MULT_AFTER.match(text, pos)
    if m is None or _ULN.match(text, pos):
        return None
    link = _SHARED_LINK.match(text, m.end())
    if link is None:
        return None
    lim = _ULN.match(text, link.end())
    if lim is None or lim.group(0).strip().lower() == "normal":
        return None
    return m.end()


# Unit candidates after a number, most specific first; validated by units.normalize_unit.
_UNIT_CANDIDATES = re.compile(
    r"\s*(?P<u>"
    r"(?:x|\*)?\s*10\s*(?:\^|\*|e)\s*\d+\s*/\s*(?:microliters?|liters?|litres?|u?l|mm3|ul|µl|mcl)"
    r"|ml\s*/\s*min\s*/\s*1[.,]73\s*m\s*\^?\s*2|ml/min/1[.,]73m2?"
    r"|mm\s*hg|cm\s*h2o|years?\s+old|years?\s+of\s+age"
    r"|(?:ml|mg|g)\s+per\s+day(?![A-Za-z])"  # "100 ml per day", "1500mg per day"
    r"|°\s?[CF](?![A-Za-z])"  # "38.5°C": degrees Celsius / Fahrenheit
    r"|[A-Za-z%/\[\]{}][A-Za-z0-9%/\.\^\*\[\]{}_]*"
    r")",
    re.IGNORECASE,
)
_HEADER = re.compile(r"\s*(?P<head>[A-Za-z][A-Za-z /&\-]{1,45}?)\s*:\s+(?=\S)")
# "Exc Criteria:" / "Exclusion criteria:" heading a line filed among the inclusions
# "Medical history of:", "Past medical history:": a header that says what follows is history
_HISTORY_HEAD = re.compile(
    r"(?:(?:past|prior|previous)\s+)?(?:medical\s+)?history(?:\s+of)?", re.IGNORECASE
)
_AS_FOLLOWS = re.compile(
    r"\s*(?P<head>[A-Za-z][A-Za-z /&\-]{1,100}?)\s+as\s+follows\s*(?P<colon>:)\s+(?=\S)",
    re.IGNORECASE,
)
_EXCLUSION_HEAD = re.compile(r"exc(?:lusion)?\.?\s+criteria", re.IGNORECASE)
EXCLUSION_HEADER = "exclusion header"
# "Females of child-bearing potential must have a negative pregnancy test" listed among
# exclusions: a requirement, stated as one; the negation of what it requires excludes
REQUIREMENT_AMONG_EXCLUSIONS = "requirement among exclusions"
_REQUIREMENT_LINE = re.compile(r"\s*(?:no|not)\s+(?!or\b)", re.IGNORECASE)
_NEGATED_HEAD = re.compile(r"(?:no|none\s+of|without|absence\s+of)\s", re.IGNORECASE)
# Section headers that name a cohort of a multi-cohort trial, not what is measured
_COHORT = re.compile(
    r"(?:subjects|patients|participants)\s+with\s|matched\s|healthy\s+volunteers\s*$",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(r"\bold\b|of\s+age|\baged?\b|older|younger")
# "Adults >= 18 years", "Adult ICU patients (>18 yrs)": the years are the patient's age
_ADULTS = re.compile(r"\badults?\b[\w\s]{0,25}\(?\s*$", re.IGNORECASE)
_SLASH_PAIR = re.compile(
    r"(?P<a>[A-Za-z][A-Za-z0-9]*)\s*/\s*(?P<b>[A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9/])"
)
HEAD_NOUNS = frozenset(
    ["infection", "infections", "disease", "diseases", "positivity", "seropositivity",
     "seropositive", "positive", "syndrome", "disorder", "diagnosis", "status"]
)  # fmt: skip
# Nouns that restate a measured concept: "Child-Pugh (CP) score", "QTc interval".
MEASURE_NOUNS = frozenset(
    ["score", "scores", "class", "grade", "stage", "index", "interval", "ratio", "rate",
     "level", "levels", "value", "values", "count", "concentration", "status", "equation"]
)  # fmt: skip
_RESTATED = re.compile(rf"\s*(?P<open>[(\[])\s*(?:[<>]=?|=)?\s*(?P<num>{_NUM})", re.IGNORECASE)
_ANCHOR_ALT = "|".join(
    re.escape(a).replace(r"\ ", r"\s+")
    for a in sorted(
        (*WINDOW_ANCHORS, "random assignment", "study enrollment"), key=len, reverse=True
    )
)
_SINCE = re.compile(
    r"(?:(?:at\s+least|more\s+than|greater\s+than|a\s+minimum\s+of|minimum\s+of|>=?|≥)\s*"
    rf"(?P<n>{_NUM}|{_NUMW})\s*(?P<u>{_TIMEU})(?![A-Za-z])\s+"
    r"(?:must\s+have\s+(?:elapsed|passed)\s+|(?:have\s+)?(?:elapsed|passed)\s+)?"
    # "14 days must have elapsed since …": the elapsing says "at least"
    rf"|(?P<n2>{_NUM}|{_NUMW})\s*(?P<u2>{_TIMEU})(?![A-Za-z])\s+"
    r"(?:must\s+have\s+|have\s+)?(?:elapsed|passed)\s+)"
    r"(?:since|from|after)\s+(?:the\s+)?(?:last|prior|previous|completion\s+of|end\s+of)?",
    re.IGNORECASE,
)
# "Less than 4 weeks since the last treatment of chemotherapy …": inside the window
_LESS_SINCE = re.compile(
    rf"(?:<|less\s+than|fewer\s+than)\s*(?P<n>{_NUM}|{_NUMW})\s*(?P<u>{_TIMEU})(?![A-Za-z])\s+"
    # only "since": "<2 years after last menstruation" defines a state, not a washout
    r"since\s+(?:the\s+)?(?:last|prior|previous|completion\s+of|end\s+of)?",
    re.IGNORECASE,
)
# "…, and at least 6 weeks for nitrosoureas": a second washout after a window's list
_AND_AMOUNT_FOR = re.compile(
    r",?\s*and\s+(?:at\s+least|more\s+than|less\s+than|>=?|≥|<)\s*"
    rf"(?:{_NUM}|{_NUMW})\s*(?:{_TIMEU})(?![A-Za-z])\s+for\b",
    re.IGNORECASE,
)
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)
_BEFORE = re.compile(
    rf"(?:<|less\s+than|within)\s*(?P<n>{_NUM}|{_NUMW})\s*(?P<u>{_TIMEU})(?![A-Za-z])\s+"
    rf"(?:before|prior\s+to|preceding)(?:\s+(?:the\s+)?(?:{_ANCHOR_ALT})(?![A-Za-z]))?"
    # "during the 4 weeks before enrolment", "over the three months prior to enrolment": a
    # window only with its anchor ("during 4 weeks" alone may be how long something lasted)
    rf"|(?:during|in|over)\s+(?:the\s+)?(?P<n2>{_NUM}|{_NUMW})\s*(?P<u2>{_TIMEU})(?![A-Za-z])\s+"
    rf"(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:{_ANCHOR_ALT})(?![A-Za-z])",
    re.IGNORECASE,
)
# "prior to entering study" after a window: its anchor, which eligo takes as the screening date
_PRIOR_TO_ANCHOR = re.compile(
    rf"prior\s+to\s+(?:the\s+)?(?:{_ANCHOR_ALT})(?![A-Za-z])", re.IGNORECASE
)
_BARE_WINDOW = re.compile(
    r"(?:the\s+)?(?:last|past|previous|preceding|prior)\s+"
    rf"(?P<n>{_NUM}|{_NUMW})\s*(?P<u>{_TIMEU})(?![A-Za-z])",
    re.IGNORECASE,
)
# Nouns that restate a drug or procedure: "lactulose use", "tacrolimus therapy".
TREATMENT_NOUNS = frozenset(
    ["use", "therapy", "therapies", "treatment", "treatments", "administration", "intake",
     "medication", "medications", "drug", "drugs", "agent", "agents", "regimen", "procedure"]
)  # fmt: skip
_RESTATING_NOUNS = MEASURE_NOUNS | HEAD_NOUNS | TREATMENT_NOUNS
_NOUNS_BY_KIND = {
    "condition": HEAD_NOUNS,
    "medication": TREATMENT_NOUNS,
    "procedure": TREATMENT_NOUNS,
}
_BP = re.compile(
    r"(?:(?:supine|sitting|seated|resting)\s+)?"  # where it is measured: still the BP
    r"(?:(?:arterial\s+)?blood\s+pressure|b\.?p\.?|(?:arterial\s+)?hypertension)"
    r"(?:\s*\(\s*BP\s*\))?\s*(?:of\s+)?"
    r"(?P<op>[<>]=?|(?:less|lower|greater|higher|more)\s+than(?:\s+or\s+equal\s+to)?"
    r"|below|above|under|over|at\s+least|at\s+most|not\s+exceeding)\s*"
    rf"(?P<sys>{_NUM})\s*/\s*(?P<dia>{_NUM})(?:\s*mm\s*\[?hg\]?)?",
    re.IGNORECASE,
)
# "(must be <150/100 mm Hg …)": a pair of pressures with no noun, known by its unit alone
_BARE_BP = re.compile(
    rf"(?P<op>[<>]=?)\s*(?P<sys>{_NUM})\s*/\s*(?P<dia>{_NUM})\s*mm\s*\[?hg\]?(?![A-Za-z])",
    re.IGNORECASE,
)
_NORMAL = re.compile(
    r"\s*(?:(?:is|are|must\s+be|should\s+be)\s+)?(?:within\s+(?:the\s+)?normal\s+(?:limits|range)"
    r"|in\s+the\s+normal\s+range|normal|wnl)(?![A-Za-z])(?!\s*(?:x|times|value|upper|lower))",
    re.IGNORECASE,
)
# A word right after a number that is surely a unit, though not one eligo reads.
_UNIT_LIKE = re.compile(
    r"\s?(?:[A-Za-z%µμ][\w%µμ.]*/[\w.]+|units?\b|iu\b|copies\b|cells\b|drinks?\b)",
    re.IGNORECASE,
)
# "35 weeks, 6 days" (not "12 weeks, 3 days a week": a frequency)
_AND_DAYS = re.compile(
    r"\s*(?:,|\+|and)?\s*(?P<d>[0-6])\s*(?:days?|d)(?![A-Za-z])"
    r"(?!\s*(?:per|a|an|each|every|/|in)\s*(?:week|wk))",
    re.I,
)
_CMP_AHEAD = re.compile(r"\s*(?:[<>≤≥]|of\s+[<>]|below|above|less|greater|more)")
_UPWARD = ("greater", "higher", "above", "more", "worse", "over")
_ORDINAL_POSTFIX = re.compile(
    r"\s+(?:or|and)\s+(?P<dir>greater|higher|above|more|worse|over|less|lower|below|better)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_ABBREV = re.compile(r"^[A-Z][A-Za-z0-9\-]{0,9}$")
_ACRONYM = re.compile(r"[A-Z]{2,6}(?![A-Za-z0-9])")
_RANGE_LINK = re.compile(rf"\s*(?:-|to\s*<?|and)\s*(?:{_NUM})", re.IGNORECASE)
_TO_BELOW = re.compile(r"to(?:\s*<(?!=))?(?![A-Za-z])", re.IGNORECASE)
_WORD = re.compile(r"[^\s(),;\[\]<>=]+")  # "score<19": the comparator is no part of the word
_ELLIPSIS_LEFT = re.compile(
    r"(?P<left>(?!(?:and|or)\b)[A-Za-z][A-Za-z\-]*(?:\s+(?!(?:and|or)\b)[A-Za-z][A-Za-z\-]*){0,2})"
    r"\s*"
    r"(?P<conj>and\s*/\s*or|or|and|/)\s*",
    re.IGNORECASE,
)
# Where _ELLIPSIS_LEFT's conjunction could start: within its (at most three) left words.
_LEFT_WORDS = re.compile(r"[A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){0,2}\s*", re.IGNORECASE)
_CONJ = re.compile(r"and|or|/", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CMP_IN_PARENS = re.compile(r"\s*(?:\(\s*(?:>=|<=|>|<|=)\s*\)\s*)?")
_CMP_REPEATED = re.compile(r"\s*\(\s*(?:>=|<=|>|<|=)\s*\)")
_NUMBER_WORD_CONJ = re.compile(rf"(?:{_NUMW})\s+(?:of|or|and)\b", re.I)
_ALNUM = re.compile(r"[A-Za-z0-9]+")
_ASSESSED = re.compile(r"(?:as\s+)?assessed\s+by", re.IGNORECASE)
_PER_TIME = re.compile(r"/(?:d|wk|h|min|mo|a)$")
_CATEGORY_DASH = re.compile(r"\s*-\s*|\s+to\s+", re.IGNORECASE)
_GRADE_PLUS = re.compile(r"\d\+")
_NEGATIVE = re.compile(r"\s*-\d")  # "PHES <= -4"
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
_SEX_WORD = re.compile(rf"(?:{'|'.join(SEX_WORDS)})(?![A-Za-z])", re.ASCII | re.IGNORECASE)
_NEXT_WORD = re.compile(r"\S*\s*")
_CLAUSE_END = re.compile(r"[;)\]]|\.(?:\s|$)")
_CMP_WORD = re.compile(r"[<>≤≥=]|\d|\b(?:than|normal|ULN|LLN)\b", re.I)
# cues naming how a diagnosis is made, which then list the methods
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
_METHOD_CUE = re.compile(r"based on|according to|as documented by", re.I)
# "serum creatinine based on age/gender as follows: 0.4 mg/dL (1 month to < 6 months of age)":
# the lead-in of an age- (and sex-) banded table of limits, one row per line
_AGE_TABLE = re.compile(
    r"based\s+on\s+(?:age(?:\s*(?:/|and|or)\s*(?:gender|sex))?|(?:gender|sex)\s*(?:/|and|or)\s*age)"
    r"\s+as\s+follows\s*:",
    re.I,
)
# Analytes whose age-banded table gives, in each row, the highest value admitted.  The table
# under "serum creatinine based on age/gender as follows:" is the Children's Oncology Group
# "maximum serum creatinine (mg/dL)" table (derived from the Schwartz formula, Schwartz GJ et
# al., Pediatr Clin North Am 1987;34:571; COG protocol template "adequate renal function"):
# a row "0.4 mg/dL (1 month to < 6 months of age)" is an upper limit, so the bare value reads
# ``creatinine <= 0.4 mg/dL``.  Other analytes' tables (hemoglobin would be a minimum) are
# left unread.
AGE_TABLE_MAXIMA = frozenset(["creatinine"])
_ALTERNATIVE = re.compile(r"\s(?:or|and/or)\s", re.I)
_OR = re.compile(r"and\s*/\s*or(?![A-Za-z])|or(?![A-Za-z])|nor(?![A-Za-z])|/or(?![A-Za-z])", re.I)
_AND = re.compile(r"and(?![A-Za-z])|&|but(?![A-Za-z])|plus(?![A-Za-z])", re.I)
_OLDER = re.compile(r"older|younger", re.I)
_CLOSE = re.compile(r"\s*[)\]]")
_INITIAL_WORDS = re.compile(r"[A-Za-z][A-Za-z']*")
# Words that, before an elided pair, qualify both ("severe cardiac and/or pulmonary disease").
MODIFIERS = frozenset(["severe", "significant", "active", "chronic", "acute", "uncontrolled"])
# Adjectives saying a state lasts until now; a comma after one joins it to the next adjective.
STATE_ADJECTIVES = frozenset(["persistent", "unresolved", "ongoing"])
# Degrees before another qualifier ("moderate to severe dehydration"): one chain of qualifiers.
DEGREES = frozenset(["mild", "moderate", "mildly", "moderately"])
# "new onset angina": how recently a condition began, one qualifier with the next word
_ONSET = frozenset(["new"])
_CONTENT = {
    "CONCEPT",
    "NUMBER",
    "UNIT",
    "ULN",
    "CATEGORY",
    "BCATEGORY",
    "SEX",
    "RPAREN",
    "WORD",
}


def parse_number(text: str) -> float:
    """Read a registry number: thousands commas, decimal commas, number words.

    >>> parse_number("80,000"), parse_number("2,5"), parse_number("one"), parse_number(".5")
    (80000.0, 2.5, 1.0, 0.5)
    """
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    if t in ("a", "an"):
        return 1.0
    if _THOUSANDS.fullmatch(t):
        return float(t.replace(",", ""))
    return float(t.replace(",", "."))


@functools.cache
def _units() -> ModuleType:
    """:mod:`eligo.units`, imported on first use (start-up) and then at the cost of a call
    (a relative import inside a function runs importlib's package lookup each time)."""
    from . import units

    return units


def _unit_at(text: str, pos: int) -> tuple[str, int] | None:
    """UCUM code and end offset of a unit starting at ``pos`` (after spaces), if any."""
    known_unit = _units().known_unit

    m = _UNIT_CANDIDATES.match(text, pos)
    if not m:
        return None
    raw = m.group("u")
    low = raw.lower()
    if low.startswith(("years old", "year old", "years of age", "year of age")):
        return "a", m.end()
    if low.rstrip(".,:;") in ("points", "point", "pts"):
        return "1", m.start("u") + len(low.rstrip(".,:;"))  # scores: "MELD 15 to 30 points"
    if low in TIME_UNITS:
        return TIME_UNITS[low], m.end()
    # Try the longest candidate first, then trim trailing punctuation / trailing segments.
    cand = raw
    while cand:
        if cand.lower() in TIME_UNITS:
            return TIME_UNITS[cand.lower()], m.start("u") + len(cand)
        code = known_unit(cand)
        if code is not None:
            return code, m.start("u") + len(cand)
        trimmed = cand.rstrip(".,:")
        if trimmed == cand and cand.count("[") < cand.count("]"):
            trimmed = cand[:-1]  # "mEq/L]" closing a bracket
        if trimmed != cand:
            cand = trimmed
            continue
        break
    return None


# The anchored patterns ``Lexer._step`` tries at a position, in order.  Most fail on the first
# few characters, so ``_step`` tries only those that can start with them (``_Tables.starts``).
(
    _DEFINITION, _SINCE_AT, _BEFORE_AT, _BARE_WINDOW_AT, _ANNOTATION, _WINDOW_AT, _BOTH_SEXES,
    _EXAMPLE, _BP_AT, _SLASH_PAIR_AT, _COMPARATOR, _NUMBER_AT, _TO_BELOW_AT, _OR_AT, _AND_AT,
    _NEGATION, _HISTORY, _RECENT, _SEX_AT, _STOP_PHRASE, _ELLIPSIS_AT, _EXCEPTION, _ACRONYM_AT,
) = range(23)  # fmt: skip


# the patterns of Lexer._cue: where none of them can start, the cue block is skipped whole
_CUE_PATTERNS = frozenset([_DEFINITION, _SINCE_AT, _BEFORE_AT, _BARE_WINDOW_AT, _ANNOTATION])


# the patterns of Lexer._word_cue, skipped whole in the same way
_WORD_CUE_PATTERNS = frozenset(
    [_TO_BELOW_AT, _OR_AT, _AND_AT, _EXCEPTION, _NEGATION, _HISTORY, _RECENT, _SEX_AT, _STOP_PHRASE]
)


def _step_patterns(t: _Tables) -> list[re.Pattern[str]]:
    return [
        t.definition, _SINCE, _BEFORE, _BARE_WINDOW, t.annotation, _WINDOW, t.both_sexes,
        t.example, _BP, _SLASH_PAIR, t.comparator, _NUMBER, _TO_BELOW, _OR, _AND,
        t.negation, t.history, t.recent, _SEX_WORD, t.stop_phrase, _ELLIPSIS_LEFT, t.exception,
        _ACRONYM,
    ]  # fmt: skip


# ---------------------------------------------------------------------------- clean-up passes
#
# After the main loop, a chain of small passes each rewrites one shape of registry text
# ("no A or B", "history of X with Y", …).  Most lines have none of those shapes, and a pass
# that walks the whole list only to find its shape missing was most of the lexer's clean-up
# time.  So each pass declares what its shape cannot do without (``_needs``): token types,
# and words of the line; ``_Passes`` skips it in a line that lacks them.  A trigger only ever
# skips a pass that would have changed nothing: it must name what the pass *requires*.
#
# Adding a pass: write ``def _my_pass(toks, text) -> list[Tok]`` (mark it ``@_needs(...)``
# when it can only change a line with some token types or words) and list it where it
# belongs in the chain (``_clean_up``) as ``_step(_my_pass, "text")``.

_Pass = TypeVar("_Pass", bound=Callable[..., list[Tok]])
# pass → (alternatives, each a set of token types all present; its words, any one will do)
_TRIGGERS: dict[object, tuple[tuple[frozenset[str], ...], frozenset[str] | None]] = {}


def _needs(*types: str, words: tuple[str, ...] = ()) -> Callable[[_Pass], _Pass]:
    """Declare what a clean-up pass needs to change anything: the token types of one of
    ``types`` (each a space-separated list, all present) and, if given, one of ``words`` in
    the lower-cased line (as a substring).  The pass itself is unchanged."""

    def mark(fn: _Pass) -> _Pass:
        _TRIGGERS[fn] = (tuple(frozenset(t.split()) for t in types), frozenset(words) or None)
        return fn

    return mark


_TYPE = operator.attrgetter("type")


class _Skips:
    """Which passes a line's token types rule out, worked out once per set of types and kept
    (the same few hundred sets recur line after line), and the trigger words of the passes
    they leave.  A per-process table of the triggers, never of any line's result."""

    def __init__(self) -> None:
        self.size = -1  # len(_TRIGGERS) the table was built from
        self.memo: dict[frozenset[str], dict[object, frozenset[str] | None]] = {}

    def get(self, types: frozenset[str]) -> dict[object, frozenset[str] | None]:
        """The plan for a line with token ``types``: pass → ``None`` (skipped: its types are
        missing) or the words one of which it needs; a pass not in the plan runs."""
        found = self.memo.get(types)
        if found is None:
            if self.size != len(_TRIGGERS) or len(self.memo) > 20_000:
                self.size = len(_TRIGGERS)  # (a pass defined since, or arbitrary text)
                self.memo.clear()
            found = {}
            for fn, (alternatives, words) in _TRIGGERS.items():
                if alternatives and not any(alt <= types for alt in alternatives):
                    found[fn] = None
                elif words is not None:
                    found[fn] = words
            self.memo[types] = found
        return found


_SKIPS = _Skips()
_RUN = frozenset(["(no trigger: run)"])  # the plan of a pass not in a line's plan, by identity


class _Passes:
    """One line's tokens run through clean-up passes, each skipped where its trigger
    (``_needs``) is missing.

    A new pass is a function ``(toks, *args) -> toks`` (or a ``Lexer`` method), marked with
    ``@_needs(...)`` if it can only change a line with some token types or words, and listed
    where it belongs in the chain (``_clean_up``), which :meth:`chain` walks.  The passes the
    line's token types rule out are looked up once (:class:`_Skips`, :class:`_Chain`), and
    again only after a pass that changed the set of types, so the walk steps over them
    without a call; trigger words are tested only for the passes the types let through.
    (``p.run(...)``, not ``p(...)``: calling an instance goes through ``__call__`` at twice
    the cost of a method call; ``p(...)`` still works.)"""

    def __init__(self, toks: list[Tok], text: str) -> None:
        self.toks = toks
        self.types = frozenset(map(_TYPE, toks))
        # outside ASCII, what IGNORECASE matches is not what lower() gives: no word test
        self.low = text.lower() if text.isascii() else None

    def set(self, toks: list[Tok]) -> None:
        if toks is not self.toks and toks != self.toks:  # (a copy, unchanged, keeps the set)
            self.toks = toks
            types = frozenset(map(_TYPE, toks))
            if types != self.types:
                self.types = types

    def run(self, fn: Callable[..., list[Tok]], *args: object) -> None:
        """Run the pass ``fn(toks, *args)`` on the tokens, unless its trigger is missing."""
        # (the chain's hook steps and the tests' step-by-step walker call this; the chain
        # itself walks :class:`_Chain`'s table.)  The line's plan is looked up here, from
        # its token types, not kept up to date on every change of types
        plan = _SKIPS.get(self.types)
        words = plan.get(fn.__func__ if type(fn) is MethodType else fn, _RUN)
        if words is not _RUN:
            if words is None:
                return  # its token types are missing
            low = self.low
            if low is not None:
                for word in words:
                    if word in low:
                        break
                else:
                    return  # none of its words in the line
        self.set(fn(self.toks, *args))

    __call__ = run

    def chain(self, lx: Lexer, chain: _Chain) -> None:
        """Run ``chain``'s steps for the line ``lx`` reads, in order, each where its trigger is
        there as :meth:`run` decides: the steps the token types rule out are stepped over
        without a look (``chain.plan``, looked up again after a step that changed the set of
        types), the trigger words tested for the others."""
        text, vocab, kind = lx.text, lx.t.vocab, lx.kind
        # the values of each of _SIGNATURES (in its order)
        values = ((text,), (text, vocab), (vocab,), (text, kind), (text, vocab, kind), ())
        low = self.low
        types = self.types
        plan = chain.plan(types)
        steps = chain.steps
        n = len(steps)
        i = plan[0]
        while i < n:
            fn, how, sig, words, _ = steps[i]
            if words is not None and low is not None:
                for word in words:
                    if word in low:
                        break
                else:
                    i = plan[i + 1]
                    continue  # none of its words in the line
            if how == _FUNCTION:
                self.set(fn(self.toks, *values[sig]))  # type: ignore[arg-type]
            elif how == _METHOD:
                self.set(fn(lx, self.toks))  # type: ignore[arg-type]
            else:
                fn(lx, self)
            if self.types is not types:
                types = self.types
                plan = chain.plan(types)
            i = plan[i + 1]


class Lexer:
    """Turn one normalised criterion into :class:`Tok` tokens plus annotations."""

    def __init__(self, norm: Normalised, kind: str = "inclusion") -> None:
        self.kind = kind
        # groups opened by "defined as" / "at least 4 weeks since", closed at ';' or the end;
        # each entry holds the tokens that close it (a window, then ')')
        self.closers: list[list[tuple[str, object, tuple[int, int] | None]]] = []
        self.age_units: set[int] = set()  # token indexes of units that say "of age"/"old"
        self.t = tables()
        # "pegfilgrastim [Neulasta®]": a trademark sign is no part of the name
        phrases = self.t.vocab.by_phrase
        text = _blank_same_alternative(_blank_initialisms(norm.text, phrases), phrases)
        # (both signs are outside ASCII: an ASCII line, most, skips the translation, some
        # microseconds a line)
        self.text = text if text.isascii() else text.translate(_TRADEMARKS)
        self.tokens: list[Tok] = []
        self.units_at: dict[int, tuple[str, int] | None] = {}  # see _unit_at, for this line
        self.annotations: list[tuple[int, int]] = []
        self.cat_concept: str | None = None
        self.in_between = False
        self.cohort_end: int | None = None  # end of a cohort header ("Subjects with X:")
        self.cohort_head = (0, 0)  # the cohort header's words, without the colon
        self.sentence_start = 0  # token index where the current sentence starts
        self.exclusion_header = False  # "Exc Criteria:" heads this inclusion line
        self.negated_head: tuple[int, int] | None = None  # the noun of a "No X:" header
        self.requirement = False  # an exclusion line worded as a requirement ("… must have")
        self.ambiguous_negation = False  # an exclusion line that opens with "No" / "Not"
        self.exception_open = False  # an "except" in the current sentence
        self.history_head: tuple[int, int] | None = None  # "Medical history of:" heads the line
        # the analyte of an age-banded table of maxima this line is a row of ("… as follows:")
        self.table_max: str | None = None
        # where the last "and" / "or" / "/" starts: no elided pair is looked for after it
        low = self.text.lower()
        self.last_conj = (
            max(low.rfind("and"), low.rfind("or"), low.rfind("/"))
            if self.text.isascii()
            else len(self.text)
        )
        # "… of the following:" (_K_OF_N) is tried only in a line that has the word
        self.following = not self.text.isascii() or "following" in low
        # the line in lower case where that is what IGNORECASE matches (ASCII), else None
        self.low = low if self.text.isascii() else None
        # "AST/ALT", "140/90" (_SLASH_PAIR, _BP) are tried only in a line with a "/": they can
        # start at nearly every word, and most lines have none
        self.slash = "/" in self.text
        # "Other …" leading the line (_LEADING_OTHER), for _other_concept
        self.other: re.Match[str] | None = None

    # -- helpers ----------------------------------------------------------------
    def _prev(self) -> str | None:
        return self.tokens[-1].type if self.tokens else None

    def _emit(self, type_: str, value: object, start: int, end: int) -> None:
        if type_ in ("CMP", "CATEGORY") and self._prev() != "CONCEPT":
            type_ = "B" + type_  # a bound or category without its subject: "or more than 70"
        self.tokens.append(Tok(type_, value, start, end))

    def _number_follows(self, pos: int) -> bool:
        m = _CMP_IN_PARENS.match(self.text, pos)
        p = m.end() if m else pos
        return bool(_NUMBER.match(self.text, p)) and not _NUMBER_WORD_CONJ.match(self.text, p)

    def _category_at(self, pos: int) -> tuple[str, int] | None:
        if self.cat_concept is None:
            return None
        cats = self.t.vocab[self.cat_concept].categories
        m = _ALNUM.match(self.text, pos)
        if not m:
            return None
        word = m.group(0)
        if self.text[m.end() : m.end() + 1] == "+" and word + "+" in cats:
            word, m = word + "+", _GRADE_PLUS.match(self.text, pos) or m  # dipstick "1+"
        if word in _ROMAN and _ROMAN[word] in cats and set(cats) <= set(_ROMAN.values()):
            word = _ROMAN[word]  # "NYHA Class 3 or 4": classes numbered I-IV, in arabic
        for c in cats:
            if word.lower() == c.lower() and (len(word) > 1 or word.isupper()):
                end = m.end()
                if end < len(self.text) and self.text[end].isalnum():
                    return None
                return c, end
        return None

    # -- main loop --------------------------------------------------------------
    def run(self) -> list[Tok]:
        text = self.text
        pos = self._header()
        other = _LEADING_OTHER.match(text, pos)
        if self.kind == "exclusion" and _MUST_HAVE.match(text, pos):
            # read as the requirement it words, then negated (see _requirement)
            self.kind = "inclusion"
            self.requirement = True
        elif self.kind == "exclusion" and _REQUIREMENT_LINE.match(text, pos):
            self.ambiguous_negation = True
        n = len(text)
        while pos < n:
            if text[pos].isspace():  # what \s matches in a str pattern
                pos += 1  # (mostly one space: cheaper stepped over than matched as \s+)
                while pos < n and text[pos].isspace():
                    pos += 1
                continue
            pos = self._step(pos)
        self._close_definitions(len(text))
        if self.history_head is not None and self.tokens:
            # "Medical history of: A; B": the header's history cue covers the whole line
            s, e = self.history_head
            end = self.tokens[-1].end
            self.tokens = [
                Tok("HISTORY", "history", s, e),
                Tok("LPAREN", "(", e, e),
                *self.tokens,
                Tok("RPAREN", ")", end, end),
            ]
        self.other = other
        p = _Passes(self.tokens, text)
        p.chain(self, _chain(self.kind))
        return p.toks

    def _requirement(self, toks: list[Tok]) -> list[Tok]:
        """ "Females of child-bearing potential must have …" among exclusions: not (it).

        Some registry lists word an exclusion as the requirement it protects.  Read
        literally as an exclusion it would exclude everyone who meets the requirement; so the
        line is lexed as the requirement (an inclusion) and negated.  The NOT token carries
        :data:`REQUIREMENT_AMONG_EXCLUSIONS` so the resolver reads the inside as an
        inclusion too.
        """
        if self.ambiguous_negation and toks:
            # "No participation in concurrent clinical trials" (a requirement: participants
            # are excluded) or "No or small ascites" (literal: only tense ascites admitted)?
            # Among exclusions a leading "No" is read either way by trial authors, and each
            # wrong guess clears someone the trial excludes: the line is left unread
            start, end = toks[0].start, toks[-1].end
            return [Tok("WORD", self.text[start:end], start, end)]
        if not self.requirement or not toks:
            return toks
        return _negated(toks, REQUIREMENT_AMONG_EXCLUSIONS)

    @_needs("NOT CMP")
    def _absent_condition(self, toks: list[Tok]) -> list[Tok]:
        """ "ANC >= 1000/uL in the absence of bone marrow involvement": an inclusion threshold
        asked only of patients without the condition, so ``threshold or condition``.

        (As an exclusion the plain reading, ``threshold and not condition``, is already right.)
        """
        k = next((i for i, t in enumerate(toks) if t.type == "NOT"), None)
        if self.kind != "inclusion" or k is None or k < 3:
            return toks
        head = toks[:k]
        while head and head[-1].type == "COMMA":
            head = head[:-1]
        tail = toks[k + 1 :]
        if (
            not head
            or not tail
            or not re.fullmatch(
                r"[\s,]*in\s+the\s+absence\s+of\s*",
                self.text[head[-1].end : toks[k].end],
                re.IGNORECASE,
            )
            or not any(t.type == "CMP" for t in head)
            or any(
                t.type in ("NOT", "OR", "COMMA", "LPAREN", "LPOST", "RPAREN", "WORD") for t in head
            )
            or any(t.type not in ("CONCEPT", "OR", "AND", "LPAREN", "RPAREN") for t in tail)
        ):
            return toks
        return [
            Tok("LPAREN", "(", head[0].start, head[0].start),
            *head,
            Tok("RPAREN", ")", head[-1].end, head[-1].end),
            Tok("OR", "or", toks[k].start, toks[k].end),
            Tok("LPAREN", "(", tail[0].start, tail[0].start),
            *tail,
            Tok("RPAREN", ")", tail[-1].end, tail[-1].end),
        ]

    @_needs(words=("must",))
    def _must_have(self, toks: list[Tok]) -> list[Tok]:
        """ "Patients with a UPC ratio > 1.0 must have a 24-hour urine protein < 1,000 mg":
        asked only of those patients (inclusion: not condition or requirement)."""
        m = _MUST_HAVE.match(self.text)
        if self.kind != "inclusion" or not m:
            return toks
        cond = [t for t in toks if t.end <= m.start("must")]
        rest = toks[len(cond) :]
        if not cond or not rest or any(t.start < m.start("must") for t in rest):
            return toks
        k = next((n for n, t in enumerate(cond) if str(t.value).lower() == "if"), None)
        if k:
            # "Patients with A can participate if B and patients must have C": B is asked of
            # them as C is, not part of who they are (a B that fails must not clear them)
            clause = _without_trailing_links(cond[k:])
            cond = cond[:k]
            if clause:
                rest = [*clause, Tok("AND", "and", clause[-1].end, clause[-1].end), *rest]
        cond = _without_trailing_links(cond)
        if not cond:
            return toks
        s, e = cond[0].start, rest[-1].end
        return [
            Tok("NOT", "not", s, s),
            Tok("LPAREN", "(", s, s),
            *cond,
            Tok("RPAREN", ")", cond[-1].end, cond[-1].end),
            Tok("OR", "or", rest[0].start, rest[0].start),
            Tok("LPAREN", "(", rest[0].start, rest[0].start),
            *rest,
            Tok("RPAREN", ")", e, e),
        ]

    def _exclusion_header(self, toks: list[Tok]) -> list[Tok]:
        """ "Exc Criteria: ECOG PS>1" in an inclusion list: not (the exclusion).

        Registry text without Inclusion/Exclusion sections sometimes lands every line among
        the inclusions, each marked by a header.  The line is lexed as an exclusion, with
        commas read as "or" (any of them excludes), and negated; the NOT token carries
        :data:`EXCLUSION_HEADER` so the resolver reads the inside as an exclusion too.
        """
        if not self.exclusion_header or not toks:
            return toks
        inner: list[Tok] = []
        depth = 0
        for t in toks:
            depth += t.type in ("LPAREN", "LPOST")
            depth -= t.type == "RPAREN"
            if t.type == "COMMA" and depth == 0:
                t = Tok("OR", "or", t.start, t.end)
            inner.append(t)
        if self.negated_head is not None:
            inner = _head_alternative(inner, self.negated_head, self.text)
        return _negated(inner, EXCLUSION_HEADER)

    def _cohort(self, toks: list[Tok]) -> list[Tok]:
        """ "Subjects with Hepatic Impairment: Supine blood pressure <= 160/100 mmHg".

        In an inclusion line a cohort header says who must meet the rest, so the line reads
        ``not cohort or (rest)``: a patient of another cohort is not held to it.  In an
        exclusion line the header restricts whom the rest excludes (``cohort and rest``,
        what juxtaposition reads anyway).
        """
        if self.cohort_end is None:
            return toks
        head = [t for t in toks if t.start < self.cohort_end]
        rest = toks[len(head) :]
        if self.kind != "inclusion":
            return self._coded_cohort(head, rest) or toks
        if len(head) == 1 and head[0].type == "CONCEPT" and not rest:
            if head[0].end > self.cohort_end:
                # "Matched Healthy Volunteers: Medically healthy as determined by the
                # Investigator": the line restates its cohort (read as one concept); it asks
                # nothing of another cohort (read "healthy_volunteer", it rejected them all)
                c = head[0]
                return [
                    Tok("NOT", "not", c.start, c.start),
                    c,
                    Tok("OR", "or", c.end, c.end),
                    Tok("CONCEPT", c.value, c.start, c.end),
                ]
            return toks
        if len(head) != 1 or head[0].type != "CONCEPT" or not rest:
            return toks
        c = head[0]
        if self._coded_cohort(head, rest) is not None:
            # "Subjects with Hepatic Impairment: …": a coded condition (hepatic failure,
            # K72) is not the cohort (Child-Pugh A-C): without the code, the cohort is
            # unread rather than ruled out, so the rest still decides the line
            s, e = self.cohort_head
            return [
                Tok("LPAREN", "(", c.start, c.start),
                Tok("NOT", "not", c.start, c.start),
                c,
                Tok("AND", "and", c.end, c.end),
                Tok("WORD", self.text[s:e], s, e),
                Tok("RPAREN", ")", c.end, c.end),
                Tok("OR", "or", c.end, c.end),
                Tok("LPAREN", "(", rest[0].start, rest[0].start),
                *rest,
                Tok("RPAREN", ")", rest[-1].end, rest[-1].end),
            ]
        return [
            Tok("NOT", "not", c.start, c.start),
            c,
            Tok("OR", "or", c.end, c.end),
            Tok("LPAREN", "(", rest[0].start, rest[0].start),
            *rest,
            Tok("RPAREN", ")", rest[-1].end, rest[-1].end),
        ]

    def _coded_cohort(self, head: list[Tok], rest: list[Tok]) -> list[Tok] | None:
        """ "Subjects with Hepatic Impairment: Screening creatinine clearance < 50 mL/min"
        among exclusions: the cohort, when named by a coded condition rather than a recorded
        fact, is the condition or the unread cohort (``(hepatic_impairment or
        unparsed("Subjects with Hepatic Impairment")) and …``); None when it is a fact
        ("Matched Healthy Volunteers": the investigator records who is one).

        Read "hepatic_impairment and …", a cirrhotic patient of that cohort without a hepatic
        failure code (K72) was cleared of every exclusion of the cohort (NCT02121860)."""
        if len(head) != 1 or head[0].type != "CONCEPT" or not rest:
            return None
        c = head[0]
        name = str(c.value)
        if name not in self.t.vocab or self.t.vocab[name].kind == "fact":
            return None
        s, e = self.cohort_head
        return [
            Tok("LPAREN", "(", c.start, c.start),
            c,
            Tok("OR", "or", c.end, c.end),
            Tok("WORD", self.text[s:e], s, e),
            Tok("RPAREN", ")", c.end, c.end),
            Tok("AND", "and", c.end, c.end),
            Tok("LPAREN", "(", rest[0].start, rest[0].start),
            *rest,
            Tok("RPAREN", ")", rest[-1].end, rest[-1].end),
        ]

    def _header(self, start: int = 0, depth: int = 0) -> int:
        """Skip section headers ("PATIENT CHARACTERISTICS:", "Exc Criteria: Cardiac conditions
        as follows:") at the start, two deep at most.

        Kept as annotations; not skipped when the header names a concept ("Child-Pugh:").
        """
        if ":" not in self.text:
            return start  # (cheap test first: both header patterns end in a colon)
        f = _AS_FOLLOWS.match(self.text, start)
        if f and depth < 2 and not _NEGATED_HEAD.match(f.group("head")):
            # "Abnormal pulse and/or blood pressure measurements at screening as follows:
            # Pulse < 40 …": what follows the colon says what the lead-in means
            self.annotations.append((start, f.end("colon")))
            return self._header(f.end(), depth + 1)
        m = _HEADER.match(self.text, start)
        if not m or depth >= 2 or _K_OF_N.match(self.text, start):
            return start  # "Two of the following: A, B, C" counts what follows
        head = m.group("head")
        if depth == 0 and _COHORT.match(head):
            self.cohort_end = m.end()
            self.cohort_head = (m.start("head"), m.end("head"))
        if depth == 0 and self.kind == "inclusion" and _EXCLUSION_HEAD.fullmatch(head.strip()):
            self.kind = "exclusion"
            self.exclusion_header = True
        elif self.kind == "inclusion" and _NEGATED_HEAD.match(head):
            # "No absolute contra-indications to exercise: recent …, unstable angina, …":
            # none of what follows, like an exclusion
            self.kind = "exclusion"
            self.exclusion_header = True
            self.negated_head = _negated_head_noun(m, _NEGATED_HEAD.match(head))
        # "Myelosuppressive Chemotherapy: At least 7 days since …": a section on prior
        # treatment, whose lines say what must have elapsed, is a title, not a requirement
        title = bool(_SINCE.match(self.text, m.end()))
        probe = 0
        while probe < len(head):
            hit = self.t.concept.match(head, probe)
            if hit and title and self.t.vocab[hit[0]].kind in ("medication", "procedure"):
                break
            if hit and self.t.vocab[hit[0]].kind != "condition":
                return start  # "Child-Pugh: <=7" names what is measured
            if hit:
                return start
            nxt = _NEXT_WORD.match(head, probe)
            probe = nxt.end() if nxt and nxt.end() > probe else probe + 1
        if _HISTORY_HEAD.fullmatch(head.strip()):
            # "Medical history of: NASH": the header is the history cue of what follows
            self.history_head = (m.start("head"), m.end("head") + 1)
            return m.end()
        self.annotations.append((start, m.end("head") + 1))
        return self._header(m.end(), depth + 1)

    def _close_exception(self, pos: int) -> None:
        """ "Malignancy - except basal cell skin cancer. Patients with …": an exception ends
        with its sentence, so the sentence is grouped and the next one stands apart."""
        if not self.exception_open:
            return
        self.exception_open = False
        at = self.sentence_start
        start = self.tokens[at].start if at < len(self.tokens) else pos
        self.tokens.insert(at, Tok("LPAREN", "(", start, start))
        self.age_units = {i + 1 if i >= at else i for i in self.age_units}
        self.tokens.append(Tok("RPAREN", ")", pos, pos))

    def _close_definitions(self, pos: int) -> None:
        while self.closers:
            for type_, value, span in self.closers.pop():
                # a closing window keeps the span of the phrase that opened it
                start, end = span if span is not None else (pos, pos)
                self.tokens.append(Tok(type_, value, start, end))

    def _step(self, pos: int) -> int:
        text, t = self.text, self.t
        ch = text[pos]
        prev = self.tokens[-1].type if self.tokens else None  # self._prev(), inlined
        assert t.starts is not None
        can = t.starts.memo.get(text[pos : pos + t.starts.K])  # t.starts.can(...), when known
        if can is None:
            can = t.starts.can(text, pos)
        if ch in "Nn" and (pos == 0 or not text[pos - 1].isalnum()) and _NOTE.match(text, pos):
            # "… within 5 days prior to dosing Note: Subjects can be rescreened once … more
            # than 5 days have elapsed since …": a note qualifies what came before it; it is
            # kept unread, never read as criteria of its own
            self._close_definitions(pos)
            end = len(text.rstrip())
            self._emit("WORD", text[pos:end], pos, end)
            return len(text)
        m = _K_OF_N.match(text, pos) if ch in "aAoOtTfF123456789≥>" and self.following else None
        if m:
            self._emit("KOFN", int(parse_number(m.group("k"))), pos, m.end())
            return m.end()
        if self.closers and ch in ",aA" and _AND_AMOUNT_FOR.match(text, pos):
            # "At least 4 weeks since A, B or C, and at least 6 weeks for D …": the first
            # window's list ends at the ", and"; inside it the second washout joined the
            # last item ("not (A and B and (C or (D and …)))", met unless all were given).
            # The second washout, to the end of its clause, stays unread: asked too in an
            # inclusion, a further exclusion in an exclusion
            self._close_definitions(pos)
            clause = _CLAUSE_END.search(text, pos)
            end = clause.start() if clause else len(text.rstrip())
            at = text.lower().index("and", pos)
            link = ("AND", "and") if self.kind == "inclusion" else ("OR", "or")
            self._emit(link[0], link[1], at, at + 3)
            start = at + 3 + len(text[at + 3 : end]) - len(text[at + 3 : end].lstrip())
            self._emit("WORD", text[start:end].strip(), start, end)
            return end
        if self.closers and _AND_FOR_GROUP.match(text, pos):
            self._close_definitions(pos)  # "…, defined as X and for patients < 16 …, defined as Y"
        if ch in _ENUM_LETTERS and self.exception_open and _enumerator_at(text, pos):
            return pos + 2
        if not can.isdisjoint(_CUE_PATTERNS):
            cue_end = self._cue(pos, can)
            if cue_end is not None:
                return cue_end
        if ch in "([":
            kind = "LPOST" if prev in _CONTENT else "LPAREN"
            self._emit(kind, ch, pos, pos + 1)
            return pos + 1
        if ch in ")]":
            self._emit("RPAREN", ch, pos, pos + 1)
            return pos + 1
        sentence_end = ch == ";" or (
            ch == "." and (pos + 1 >= len(text) or text[pos + 1].isspace())
        )
        if sentence_end and ch == ";" and self.exception_open and _NEXT_ITEM.match(text, pos + 1):
            # "with the exception of a) …; b) …; or d) …": the exception's lettered items
            # run on past the semicolons between them
            sentence_end = False
        if sentence_end:
            self._close_definitions(pos)
            self._close_exception(pos)
        if ch in ",;" or sentence_end:
            self._emit("COMMA", ch, pos, pos + 1)
            self.in_between = False
            if sentence_end:
                self.sentence_start = len(self.tokens)
            return pos + 1
        m = _WINDOW.match(text, pos) if _WINDOW_AT in can else None
        if m and (
            m.group("n")
            or re.match(
                r"\w+\s+(?:the\s+)?(?:last|past|previous|preceding|prior)", m.group(0), re.I
            )
        ):
            amount = parse_number(m.group("n")) if m.group("n") else 1.0
            self._emit("WINDOW", (amount, TIME_UNITS[m.group("u").lower()]), pos, m.end())
            return m.end()
        m = t.both_sexes.match(text, pos) if _BOTH_SEXES in can else None
        if m:
            return m.end()
        m = t.example.match(text, pos) if _EXAMPLE in can else None
        if m:
            # "including any of the following pulmonary function test (PFT) parameters:"
            m = _LISTED_EXAMPLES.match(text, pos) or m
            while self.tokens and self.tokens[-1].type == "COMMA":
                self.tokens.pop()
            if self.tokens and self.tokens[-1].type in _CONTENT:
                self._emit("OR", EXAMPLE_OR, pos, m.end())
            return m.end()
        # a category right after its concept ("Child Pugh B", "Child-Pugh class C")
        if self.cat_concept and (prev if prev != "WORD" else self._effective_prev()) in (
            "CONCEPT",
            "CATEGORY",
            "BCATEGORY",
            "OR",
            "AND",
            "TO",
            "CMP",
            "BCMP",
            "COMMA",
        ):
            hit = self._category_at(pos)
            if hit:
                pm = _ORDINAL_POSTFIX.match(text, hit[1])
                if pm:
                    # "NYHA class II or greater": the comparator comes after the category
                    op = ">=" if pm.group("dir").lower() in _UPWARD else "<="
                    self._emit("CMP", op, hit[1], pm.end())
                    self._emit("CATEGORY", hit[0], pos, hit[1])
                    return pm.end()
                dash = _CATEGORY_DASH.match(text, hit[1])
                upper = self._category_at(dash.end()) if dash else None
                concept = self.cat_concept
                if dash and upper and self.tokens and self.tokens[-1].type == "CONCEPT":
                    cats = t.vocab[concept].categories
                    if cats.index(hit[0]) < cats.index(upper[0]):
                        # "NYHA class II-IV": from the one class to the other, both included
                        head = self.tokens.pop()
                        self._emit("LPAREN", "(", head.start, head.start)
                        self.tokens.append(head)
                        self._emit("CMP", ">=", pos, pos)
                        self._emit("CATEGORY", hit[0], pos, hit[1])
                        self._emit("AND", "and", hit[1], dash.end())
                        self._emit("CONCEPT", concept, dash.end(), dash.end())
                        self._emit("CMP", "<=", dash.end(), dash.end())
                        self._emit("CATEGORY", upper[0], dash.end(), upper[1])
                        self._emit("RPAREN", ")", upper[1], upper[1])
                        return upper[1]
                self._emit("CATEGORY", hit[0], pos, hit[1])
                return hit[1]
        m = _BP.match(text, pos) if _BP_AT in can and self.slash else None
        if m is None and ch in "<>":
            m = _BARE_BP.match(text, pos)
        if m and "systolic_bp" in t.vocab and "diastolic_bp" in t.vocab:
            # "BP < 140/90 mmHg": both below; "BP >= 150/100": either at or above
            op = COMPARATORS.get(_phrase(m.group("op")), m.group("op"))
            conj = "AND" if op in ("<", "<=") else "OR"
            unit_end = m.end()
            self._emit("LPAREN", "(", pos, pos)
            for name, num in (("systolic_bp", "sys"), ("diastolic_bp", "dia")):
                self._emit("CONCEPT", name, pos, m.start("op"))
                self._emit("CMP", op, m.start("op"), m.end("op"))
                self._emit("NUMBER", parse_number(m.group(num)), m.start(num), m.end(num))
                self._emit("UNIT", "mm[Hg]", m.end(num), unit_end)
                if name == "systolic_bp":
                    self._emit(conj, conj.lower(), m.end("sys"), m.start("dia"))
            self._emit("RPAREN", ")", unit_end, unit_end)
            self.cat_concept = None
            return unit_end
        hit = t.concept.match(text, pos)
        if (
            hit
            and hit[0] == "sbp"
            and text[pos : hit[1]] == "SBP"
            and "systolic_bp" in t.vocab
            and _CMP_AHEAD.match(text, hit[1])
        ):
            hit = ("systolic_bp", hit[1])  # "SBP < 90 mmHg" is systolic blood pressure
        if hit is None:
            m = _ACRONYM.match(text, pos) if _ACRONYM_AT in can else None
            if m and m.group(0) in CASE_SENSITIVE_ACRONYMS:
                hit = (CASE_SENSITIVE_ACRONYMS[m.group(0)], m.end())
        if hit:
            cid, end = hit
            nm = _NORMAL.match(text, end)
            if nm and t.vocab[cid].kind == "analyte" and t.vocab[cid].reference:
                # "creatinine normal": within the reference range (LLN to ULN)
                self._normal_range(cid, pos, end, nm.end())
                self.cat_concept = None
                return nm.end()
            word = self.tokens[-1] if self.tokens else None
            if (
                word is not None
                and word.type == "WORD"
                and str(word.value).lower() == "normal"
                and t.vocab[cid].kind == "analyte"
                and t.vocab[cid].reference
                and not _CMP_AHEAD.match(text, end)
            ):
                # "or normal conjugated bilirubin": within the reference range
                self.tokens.pop()
                self._emit("LPAREN", "(", word.start, word.start)
                self._normal_range(cid, pos, end, end)
                self._emit("RPAREN", ")", end, end)
                self.cat_concept = None
                return end
            self._emit("CONCEPT", cid, pos, end)
            self.cat_concept = cid if t.vocab[cid].categories else None
            return end
        if ch == "/" and self._concept_before() is not None:
            # "Aspartate aminotransferase (AST) (SGOT)/alanine aminotransferase (ALT)": a pair
            # of analytes spelled out with their abbreviations, or two names of one analyte
            gap = _WS.match(text, pos + 1)
            nxt = t.concept.match(text, gap.end() if gap else pos + 1)
            before = self._concept_before()
            if nxt and before and t.vocab[before].numeric and t.vocab[nxt[0]].numeric:
                if nxt[0] != before:
                    conj = self._slash_conj(pos + 1)
                    self._emit(conj, conj.lower(), pos, pos + 1)
                return pos + 1
        m = _SLASH_PAIR.match(text, pos) if _SLASH_PAIR_AT in can and self.slash else None
        if m:
            a = t.vocab.lookup_phrase(m.group("a"))
            b = t.vocab.lookup_phrase(m.group("b"))
            nm = _NORMAL.match(text, m.end())
            if a and b and nm and all(t.vocab[c].kind == "analyte" for c in (a, b)):
                # "PT/APTT within normal limits": each within its reference range
                spans = ((a, pos, m.end("a")), (b, m.start("b"), m.end("b")))
                self._emit("LPAREN", "(", pos, pos)
                for k, (cid, s, e) in enumerate(spans):
                    if k:
                        self._emit("AND", "and", e, e)
                    self._normal_range(cid, s, e, nm.end())
                self._emit("RPAREN", ")", nm.end(), nm.end())
                self.cat_concept = None
                return nm.end()
            if a and b:
                conj = self._slash_conj(m.end())
                if all(t.vocab[c].kind == "condition" for c in (a, b)) and not _BOTH_AT.search(
                    text, max(0, pos - 20), pos
                ):
                    # "HBV/HCV viral loads", "Hepatitis B/C cirrhosis": one or the other
                    # disease, never both (read "and", a patient with hepatitis B alone failed
                    # NCT03529136's inclusion)
                    conj = "OR"
                self._emit("CONCEPT", a, pos, m.end("a"))
                self._emit(conj, conj.lower(), m.end("a"), m.start("b"))
                self._emit("CONCEPT", b, m.start("b"), m.end("b"))
                return m.end()
        if (
            ch in "bB"  # (cheap test first)
            and text[pos : pos + 7].lower() == "between"
            and self._number_follows(pos + 7)
        ):
            self._emit("BETWEEN", "between", pos, pos + 7)
            self.in_between = True
            return pos + 7
        m = t.comparator.match(text, pos) if _COMPARATOR in can else None
        if m and prev == "CONCEPT" and not self._number_follows(m.end()):
            once = _ULN.match(text, m.end())
            if once and once.group(0).strip().lower() != "normal":
                # "creatinine > ULN": once the upper limit of normal
                op = COMPARATORS.get(_phrase(m.group(0)), m.group(0))
                low = once.group("lim").lower().startswith(("lln", "lower"))
                self._emit("CMP", op, pos, m.end())
                self._emit("NUMBER", 1.0, m.end(), m.end())
                self._emit("ULN", "LLN" if low else "ULN", m.end(), once.end())
                return once.end()
        if (
            (m and self._number_follows(m.end()))
            or (m and self.cat_concept and self._category_follows(m.end()))
            or (m and prev == "CONCEPT" and _NEGATIVE.match(text, m.end()) and self._signed())
        ):
            op = COMPARATORS.get(_phrase(m.group(0)), m.group(0))
            end = m.end()
            dup = _CMP_REPEATED.match(text, end)
            if dup:
                end = dup.end()
            ws = _WS.match(text, end)
            first = _NUMBER.match(text, ws.end() if ws else end)
            if op == ">=" and first and _RANGE_LINK.match(text, self._after_unit(first.end())):
                return end  # "≥ 6 months to < 11 years": the range says it
            if prev in ("CMP", "BCMP") and self.tokens[-1].value == op:
                return end  # "greater than (>)": said twice
            self._emit("CMP", op, pos, end)
            return end
        m = _NUMBER.match(text, pos) if _NUMBER_AT in can else None
        if m:
            return self._number(pos, m)
        if ch == "-" and prev == "CMP" and text[pos + 1 : pos + 2].isdigit() and self._signed(1):
            # "PHES of <= -4": a negative threshold (scores below zero)
            m = _NUMBER.match(text, pos + 1)
            if m:
                return self._number(pos, m, sign=-1.0)
        if ch == "-" and prev in ("NUMBER", "UNIT") and self._number_follows(pos + 1):
            self._emit("TO", "-", pos, pos + 1)
            return pos + 1
        if not can.isdisjoint(_WORD_CUE_PATTERNS):
            cue_end = self._word_cue(pos, can, prev)
            if cue_end is not None:
                return cue_end
        ell = self._ellipsis(pos, _ELLIPSIS_AT in can)
        if ell is not None:
            return ell
        return self._word(pos)

    def _cue(self, pos: int, can: frozenset[int]) -> int | None:
        """A definition, washout ("at least 4 weeks since …"), window or annotation cue at
        ``pos``: where it ends, or ``None``.  Tried only where one of them can start."""
        text, t = self.text, self.t
        m = t.definition.match(text, pos) if _DEFINITION in can else None
        if m and self.tokens and self.tokens[-1].type in ("LPOST", "LPAREN"):
            # "(defined as …": the parenthesis already opened is the definition
            last = self.tokens[-1]
            self.tokens[-1] = Tok("LPOST", "def", last.start, m.end())
            return m.end()
        if m and self.tokens:
            while self.tokens and self.tokens[-1].type == "COMMA":
                self.tokens.pop()  # "anemic, as defined by …": the definition is anemic's
            self._emit("LPOST", "def", pos, m.end())
            self.closers.append([("RPAREN", ")", None)])
            return m.end()
        m = _SINCE.match(text, pos) if _SINCE_AT in can else None
        if m and _FOR_BEFORE.search(text, 0, pos):
            # "use birth control for at least three months after the last administration of
            # sorafenib": how long something lasts after a dose, no washout before entry (read
            # as one, a man given sorafenib last month failed the line); the clause stays unread
            clause = _CLAUSE_END.search(text, m.end())
            end = clause.start() if clause else len(text)
            self._emit("WORD", text[pos:end].strip(), pos, end)
            return end
        if m:
            # "at least 4 weeks since prior radiotherapy": none in the last 4 weeks
            amount = parse_number(m.group("n") or m.group("n2"))
            self._emit("NOT", "not", pos, m.end())
            self._emit("LPAREN", "(", m.end(), m.end())
            unit = TIME_UNITS[(m.group("u") or m.group("u2")).lower()]
            self.closers.append([("WINDOW", (amount, unit), (pos, m.end())), ("RPAREN", ")", None)])
            return m.end()
        m = _LESS_SINCE.match(text, pos) if _BEFORE_AT in can else None
        if m:
            # "less than 4 weeks since the last chemotherapy": chemotherapy within 4 weeks
            amount = parse_number(m.group("n"))
            unit = TIME_UNITS[m.group("u").lower()]
            self._emit("LPAREN", "(", pos, pos)
            self.closers.append([("WINDOW", (amount, unit), (pos, m.end())), ("RPAREN", ")", None)])
            return m.end()
        m = _BEFORE.match(text, pos) if _BEFORE_AT in can else None
        if m and m.group("n2"):
            amount, unit = parse_number(m.group("n2")), m.group("u2")
            self._emit("WINDOW", (amount, TIME_UNITS[unit.lower()]), pos, m.end())
            return m.end()
        m = m or (_BARE_WINDOW.match(text, pos) if _BARE_WINDOW_AT in can else None)
        if m:
            amount = parse_number(m.group("n")) if m.group("n") else 1.0
            self._emit("WINDOW", (amount, TIME_UNITS[m.group("u").lower()]), pos, m.end())
            return m.end()
        # annotations swallow to ')' ';' or end
        m = t.annotation.match(text, pos) if _ANNOTATION in can else None
        if m and self._age_table_row(pos):
            return self.tokens[-1].end
        if m and _ASSESSED.fullmatch(m.group(0)):
            # "(as assessed by Gorelick score >= 4)": a threshold on a named measure is what
            # the term before it means, a definition, not a comment on the method
            ws = _WS.match(text, m.end())
            hit = t.concept.match(text, ws.end() if ws else m.end())
            if (
                hit
                and t.vocab[hit[0]].numeric
                and _CMP_AHEAD.match(text, hit[1])
                and self.tokens
                and self.tokens[-1].type in ("LPOST", "LPAREN")
            ):
                last = self.tokens[-1]
                self.tokens[-1] = Tok("LPOST", "def", last.start, m.end())
                if text.count("(") > text.count(")"):
                    # "(as assessed by … ≥ 4" never closed: the line's end closes it
                    self.closers.append([("RPAREN", ")", None)])
                return m.end()
        if m:
            end = m.end()  # the cue itself ("by echocardiogram or MUGA") is read whole
            depth = 0
            while end < len(text):
                c = text[end]
                if (
                    depth == 0
                    and c.isspace()
                    and (_WINDOW.match(text, end + 1) or _BEFORE.match(text, end + 1))
                ):
                    break  # "… in the opinion of the investigator within 3 years": a window
                if depth == 0 and c.isspace() and _CONDITION_CLAUSE.match(text, end + 1):
                    # "measurable site of disease according to RECIST criteria that has not
                    # been previously irradiated": a condition on the thing, not on the method
                    break
                if (
                    depth == 0
                    and (
                        (c == "." and _SENTENCE_ENDS.search(text, 0, end + 1) is not None)
                        or (c == "," and _STANDARD_CUE.match(m.group(0)))
                    )
                    and _NEXT_CLAUSE.match(text, end + 1)
                ):
                    # "… hepatic encephalopathy according to the West-Haven classification,
                    # severe sepsis": a named standard ends at the comma (a method's list,
                    # "based on clinical findings, laboratory tests, …", goes on), and any
                    # annotation at a full stop; what follows is more of the line (swallowed,
                    # "severe sepsis" was dropped unseen)
                    break
                if depth == 0 and c.isspace() and _LISTED_EXAMPLES.match(text, end + 1):
                    # "No … lung disease according to baseline pulmonary function studies
                    # including any of the following …: FEV1 < 50%": the examples the "no"
                    # rules out too, no part of how the disease is assessed
                    break
                if (
                    depth == 0
                    and "either" not in m.group(0).lower()
                    and _ALTERNATIVE.match(text, end, end + 8)
                    and not _serial_last_item(text, m.end(), end)
                ):
                    # "calculated by MDRD or creatinine clearance < 50": an alternative
                    clause = _CLAUSE_END.search(text, end)
                    tail = text[end : clause.start() if clause else len(text)]
                    if (
                        _CMP_WORD.search(tail)
                        or not _METHOD_CUE.match(m.group(0))
                        or (self.tokens and self.tokens[-1].type == "COMMA")
                    ):
                        break  # (", based on …" after a list: left as it was read)
                    # "NASH based on liver function tests, ultrasound and / or liver
                    # biopsy": whether the "or" goes on listing the methods or offers an
                    # alternative to the diagnosis is not read; the clause stays unread
                    end = clause.start() if clause else len(text)
                    while self.tokens and self.tokens[-1].type == "COMMA":
                        self.tokens.pop()
                    self._emit("WORD", text[pos:end].strip(), pos, end)
                    return end
                if c == "(":
                    depth += 1
                elif c == ")":
                    if depth == 0:
                        break
                    depth -= 1
                elif c == ";" and depth == 0:
                    break
                elif c == ":" and depth == 0 and text[end + 1 : end + 2].isspace():
                    end += 1  # "…, as determined by the central laboratory: ALT ≤ 8 x ULN"
                    break
                end += 1
            while self.tokens and self.tokens[-1].type == "COMMA":
                self.tokens.pop()
            self.annotations.append((pos, end))
            return end
        return None

    def _word_cue(self, pos: int, can: frozenset[int], prev: str | None) -> int | None:
        """A connective ("to", "or", "and") or a cue word (except, no, history of, recent, a
        sex, a stop phrase) at ``pos``: where it ends, or ``None``.  Tried only where one of
        them can start."""
        text, t = self.text, self.t
        m = _TO_BELOW.match(text, pos) if _TO_BELOW_AT in can else None
        if m and prev in ("NUMBER", "UNIT") and self._number_follows(m.end()):
            # "2 to < 18 years": the upper bound is exclusive
            self._emit("TO", "<" if "<" in m.group(0) else "to", pos, m.end())
            return m.end()
        m = _OR.match(text, pos) if _OR_AT in can else None
        if m:
            self._emit("OR", "or", pos, m.end())
            return m.end()
        m = _AND.match(text, pos) if _AND_AT in can else None
        if m:
            self._emit("AND", "and", pos, m.end())
            return m.end()
        m = t.exception.match(text, pos) if _EXCEPTION in can else None
        if m:
            while self.tokens and self.tokens[-1].type == "COMMA":
                self.tokens.pop()  # "malignancy, except …": the exception is the malignancy's
            cue = "unless" if m.group(0).lower() == "unless" else "except"
            self.exception_open = True
            self._emit("EXCEPT", cue, pos, m.end())
            return m.end()
        m = t.negation.match(text, pos) if _NEGATION in can else None
        if m:
            end = m.end() + 1 if text[m.end() : m.end() + 1] == "-" else m.end()
            w = _WORD.match(text, end) if m.group(0).lower() == "non" and end > m.end() else None
            if w:
                # "non-myelosuppressive chemotherapy", "non-hematologic malignancy": "non-"
                # negates the adjective, not the noun after it, though the adjective and noun
                # name a concept; the word stays unread (a MOD of the noun)
                hit = t.concept.match(text, end)
                after = _WS.match(text, w.end())
                rest = after.end() if after else w.end()
                if hit is not None and hit[1] > rest and t.concept.match(text, rest):
                    self._emit("WORD", text[pos : w.end()], pos, w.end())
                    return w.end()
            self._emit("NOT", "not", pos, end)
            return end
        m = t.history.match(text, pos) if _HISTORY in can else None
        if m and m.group(0).lower() == "prior" and any(k.type == "WINDOW" for k in self.tokens):
            anchor = _PRIOR_TO_ANCHOR.match(text, pos)
            if anchor:
                # "within 3 weeks (6 weeks for …) prior to entering study": the anchor of the
                # window already read, not a history cue
                return anchor.end()
        if m:
            stop = t.stops.match(text, pos)
            if stop and stop.end() > m.end():
                # "prior to screening": when, not a history cue; "history of unresolved,
                # abnormal …": still abnormal now, as the definition that follows says
                return stop.end()
        if m:
            self._emit("HISTORY", "history", pos, m.end())
            return m.end()
        m = t.recent.match(text, pos) if _RECENT in can else None
        if m:
            self._emit("RECENT", "recent", pos, m.end())
            return m.end()
        m = _SEX_WORD.match(text, pos) if _SEX_AT in can else None
        if m:
            self._emit("SEX", SEX_WORDS[m.group(0).lower()], pos, m.end())
            return m.end()
        m = t.stops.match(text, pos) if _STOP_PHRASE in can else None
        if m:
            return m.end()
        return None

    def _age_table_row(self, pos: int) -> bool:
        """ "Serum creatinine based on age/gender as follows: 0.4 mg/dL (1 month to < 6
        months of age)": one row of a table of maxima (:data:`AGE_TABLE_MAXIMA`), so the lead-in
        stands for ``<=``; the row's own age band, a parenthesis after it, says whom the row is
        for.  Emits the comparator and remembers the analyte for a second, per-sex value."""
        m = _AGE_TABLE.match(self.text, pos)
        if not m or self._prev() != "CONCEPT" or self.tokens[-1].value not in AGE_TABLE_MAXIMA:
            return False
        rest = self.text[m.end() :]
        if not _NUMBER.match(self.text, m.end() + len(rest) - len(rest.lstrip())):
            return False
        self._emit("CMP", "<=", pos, m.end())
        self.table_max = str(self.tokens[-2].value)
        return True

    def _ellipsis(self, pos: int, left: bool = True) -> int | None:
        """Shared head nouns: "severe cardiac and/or pulmonary disease", "hepatitis B or C".

        Read as two concept mentions when both expansions are vocabulary phrases; otherwise
        return ``None`` and let the words be read (or reported) one by one.
        """
        text, t = self.text, self.t
        # _CONJ finds nothing past the last conjunction: skip its search (the same answer)
        words = _LEFT_WORDS.match(text, pos) if left and pos < self.last_conj else None
        m = (
            _ELLIPSIS_LEFT.match(text, pos)
            if words and self._conj_in(pos + 1, words.end() + 6)
            else None
        )
        if m:
            left_words = m.group("left").split()
            rhit = t.concept.match(text, m.end())
            if rhit:
                rstart, rend = m.end(), rhit[1]
                right = _phrase(text[rstart:rend]).split()
                for j in range(1, len(right)):
                    head = right[j:]
                    left_cid = t.vocab.lookup_phrase(" ".join(left_words + head))
                    if left_cid is None:
                        continue
                    right_cid = t.vocab.lookup_phrase(" ".join(right))
                    if left_words[0].lower() in MODIFIERS:
                        right_cid = (
                            t.vocab.lookup_phrase(" ".join([left_words[0], *right])) or right_cid
                        )
                    if right_cid is None:
                        continue
                    # "alcoholic and autoimmune hepatitis": both in an inclusion, either excludes
                    conj = (
                        "AND"
                        if _phrase(m.group("conj")) == "and" and self.kind == "inclusion"
                        else "OR"
                    )
                    self._emit("CONCEPT", left_cid, pos, m.start("conj"))
                    self._emit(conj, conj.lower(), m.start("conj"), m.end("conj"))
                    self._emit("CONCEPT", right_cid, rstart, rend)
                    self.cat_concept = None
                    return rend
        # "hepatitis B or C": the second alternative re-uses the first's head words
        toks = self.tokens
        if not (
            len(toks) >= 2
            and toks[-2].type == "CONCEPT"
            and (
                toks[-1].type in ("OR", "AND")
                or (toks[-1].type == "COMMA" and toks[-1].value == ",")
            )
        ):
            return None
        k = len(toks) - 2
        # "hepatitis B, C and D": the head is the first alternative's
        while (
            k >= 2
            and " " not in text[toks[k].start : toks[k].end].strip()
            and toks[k - 1].type in ("OR", "AND", "COMMA")
            and toks[k - 2].type == "CONCEPT"
        ):
            k -= 2
        cue = k - 1
        while cue >= 0 and toks[cue].type in ("HISTORY", "MOD", "LPAREN"):
            cue -= 1
        # among exclusions, or right after "no": either one
        either = self.kind == "exclusion" or (cue >= 0 and toks[cue].type == "NOT")
        w = _WORD.match(text, pos)
        first = _phrase(text[toks[k].start : toks[k].end]).split()
        if w is None or len(first) < 2 or (toks[-1].type == "COMMA" and not either):
            return None
        cid = t.vocab.lookup_phrase(" ".join([*first[:-1], w.group(0)]))
        if cid is None:
            return None
        link = toks[-1]
        if link.type != "OR" and either:
            # "History of hepatitis B and C" among exclusions, "No hepatitis B and C",
            # "hepatitis C, B and delta": either one (read "and", a patient with one of them
            # only was not excluded)
            toks[-1] = Tok("OR", "or", link.start, link.end)
        self._emit("CONCEPT", cid, pos, w.end())
        return w.end()

    def _conj_in(self, start: int, end: int) -> bool:
        """Whether ``_CONJ`` ("and", "or", "/") is found in ``text[start:end]``: three
        substring tests of the lower-cased line, where that is what IGNORECASE matches."""
        low = self.low
        if low is None:
            return _CONJ.search(self.text, start, end) is not None
        return (
            low.find("and", start, end) >= 0
            or low.find("or", start, end) >= 0
            or (low.find("/", start, end) >= 0)
        )

    def _normal_range(self, cid: str, start: int, end: int, phrase_end: int) -> None:
        """Tokens for "<concept> within normal limits": LLN <= concept <= ULN."""
        for op, lim in ((">=", "LLN"), ("<=", "ULN")):
            if lim == "ULN":
                self._emit("AND", "and", end, end)
            self._emit("CONCEPT", cid, start, end)
            self._emit("CMP", op, end, phrase_end)
            self._emit("NUMBER", 1.0, end, phrase_end)
            self._emit("ULN", lim, end, phrase_end)

    def _slash_conj(self, pos: int) -> str:
        """ "AST/ALT < 3 x ULN": both below (AND); "AST/ALT > 5 x ULN": either above (OR)."""
        ahead = self.t.comparator.search(self.text[pos : pos + 40])
        direction = COMPARATORS.get(_phrase(ahead.group(0)), ahead.group(0)) if ahead else None
        if direction in ("<", "<="):
            return "AND"
        if direction in (">", ">="):
            return "OR"
        return "AND" if self.kind == "inclusion" else "OR"

    def _concept_before(self) -> str | None:
        """The concept the last tokens name, looking past parentheticals after it."""
        k = len(self.tokens) - 1
        while k >= 0 and self.tokens[k].type == "RPAREN":
            depth = 0
            while k >= 0:
                typ = self.tokens[k].type
                depth += typ == "RPAREN"
                depth -= typ in ("LPOST", "LPAREN")
                k -= 1
                if depth == 0:
                    break
        if k >= 0 and self.tokens[k].type == "CONCEPT":
            return str(self.tokens[k].value)
        return None

    def _category_follows(self, pos: int) -> bool:
        m = _WS.match(self.text, pos)
        return self._category_at(m.end() if m else pos) is not None

    def _word(self, pos: int) -> int:
        m = _WORD.match(self.text, pos)
        end = m.end() if m else pos + 1
        word = self.text[pos:end]
        # trailing sentence punctuation is not part of the word
        while len(word) > 1 and word[-1] in ".:":
            word = word[:-1]
            end -= 1
        if word.lower() in STOPWORDS or word in ("-", "/", ":", "*", "."):
            return end
        self._emit("WORD", word, pos, end)
        return end

    def _effective_prev(self) -> str | None:
        """The previous token, looking past what tidy-up will fold into a concept: restating
        nouns ("score") and abbreviations in parentheses ("(MELD)")."""
        k = len(self.tokens) - 1
        while k >= 0:
            tok = self.tokens[k]
            word = self.text[tok.start : tok.end].lower()
            if tok.type == "WORD" and word in _RESTATING_NOUNS:
                k -= 1
                continue
            if (
                tok.type == "RPAREN"
                and k >= 2
                and self.tokens[k - 2].type == "LPOST"
                and self.tokens[k - 1].type in ("WORD", "CONCEPT")
            ):
                k -= 3
                continue
            return tok.type
        return None

    def _signed(self, back: int = 0) -> bool:
        """Whether the concept ``back`` tokens before the last can be below zero (PHES)."""
        if len(self.tokens) <= back or self.tokens[-1 - back].type != "CONCEPT":
            return False
        plausible = self.t.vocab[str(self.tokens[-1 - back].value)].plausible
        return plausible is not None and plausible[0] < 0

    def _number(self, pos: int, m: re.Match[str], sign: float = 1.0) -> int:
        text = self.text
        prev = self._prev()
        if prev in ("WORD", "RPAREN") and self._effective_prev() == "CONCEPT":
            prev = "CONCEPT"
        if (
            prev == "OR"
            and self.table_max is not None
            and [k.type for k in self.tokens[-4:-1]] == ["LPOST", "SEX", "RPAREN"]
        ):
            # "… as follows: 1.5 mg/dL (male) or 1.4mg/dL (female)": the other sex's maximum
            self._emit("CMP", "<=", pos, pos)
            prev = "BCMP"
        after = m.end()
        value = sign * parse_number(m.group(0))
        if not math.isfinite(value) or abs(value) > 1e15:
            return self._word(pos)  # not a threshold anyone wrote
        threshold = prev in ("CMP", "BCMP", "BETWEEN", "TO") or (prev == "AND" and self.in_between)
        shared = _shared_limit(text, after)  # "2 X to 3X normal": the limit of both bounds
        unit_end = self._after_unit(after) if shared is None else shared
        range_start = prev in ("CONCEPT", None, "COMMA", "LPAREN", "LPOST", "RPAREN") and bool(
            _RANGE_LINK.match(text, unit_end)
        )
        postfix = None
        pm = self.t.postfix.match(text, unit_end)
        if pm and prev in ("CONCEPT", None, "COMMA", "LPAREN", "LPOST"):
            postfix = pm
        if not (threshold or range_start or postfix):
            return self._word(pos)
        unit_here = self._unit_at(after)
        if unit_here is None and _UNIT_LIKE.match(text, after):
            return self._word(pos)  # "14 units/week": a unit eligo cannot read; no bare number
        if shared is not None:
            self._emit("NUMBER", value, pos, after)
            return shared  # the range's upper bound brings the limit ("… to 3 x ULN")
        lim = _ULN.match(text, after)
        if (
            _MULT_AFTER.match(text, after)
            and not (lim and lim.group(0).strip().lower() != "normal")
            and unit_here is None
        ):
            return self._word(pos)  # a multiple of something unread: not "2.5 U/L"
        if postfix is not None:
            op = POSTFIX_COMPARATORS[_phrase(postfix.group(0))]
            # emitted before the number (grammar order); its span is the postfix phrase
            lead = len(postfix.group(0)) - len(postfix.group(0).lstrip())
            self._emit("CMP", op, postfix.start() + lead, postfix.end())
        self._emit("NUMBER", value, pos, after)
        end = self._unit_or_limit(after)
        if postfix is not None:
            end = max(end, postfix.end())
            if _OLDER.search(postfix.group(0)) and self._prev() == "UNIT":
                self.age_units.add(len(self.tokens) - 1)
        if self.in_between and prev == "AND":
            self.in_between = False
        return end

    def _unit_at(self, pos: int) -> tuple[str, int] | None:
        """:func:`_unit_at` in this line: a number's unit is asked for up to three times."""
        if pos not in self.units_at:
            self.units_at[pos] = _unit_at(self.text, pos)
        return self.units_at[pos]

    def _after_unit(self, pos: int) -> int:
        lim = _ULN.match(self.text, pos)
        if lim and lim.group(0).strip().lower() != "normal":
            return lim.end()
        u = self._unit_at(pos)
        return u[1] if u else pos

    def _unit_or_limit(self, pos: int) -> int:
        lim = _ULN.match(self.text, pos)
        if lim and (lim.group(0).strip().lower() != "normal"):
            limit = "LLN" if lim.group("lim").lower().startswith(("lln", "lower")) else "ULN"
            self._emit(
                "ULN", limit, pos + len(lim.group(0)) - len(lim.group(0).lstrip()), lim.end()
            )
            return lim.end()
        u = self._unit_at(pos)
        if u:
            ucum, end = u
            start = pos + len(self.text[pos:end]) - len(self.text[pos:end].lstrip())
            self._emit("UNIT", ucum, start, end)
            days = _AND_DAYS.match(self.text, end) if ucum == "wk" else None
            if days and len(self.tokens) >= 2 and self.tokens[-2].type == "NUMBER":
                # "≤35 weeks, 6 days": one duration, in days (35 × 7 + 6 = 251 d)
                num = self.tokens[-2]
                total = float(num.value) * 7 + int(days.group("d"))  # type: ignore[arg-type]
                self.tokens[-2] = Tok("NUMBER", total, num.start, num.end)
                self.tokens[-1] = Tok("UNIT", "d", start, days.end())
                return days.end()
            tail = self.text[start : end + 24].lower()
            if ucum in ("a", "mo") and _AGE_WORDS.search(tail):
                self.age_units.add(len(self.tokens) - 1)
            elif (
                ucum == "a"
                and len(self.tokens) >= 3
                and self.tokens[-3].type in ("CMP", "BCMP")
                and _ADULTS.search(self.text[: self.tokens[-3].start])
            ):
                self.age_units.add(len(self.tokens) - 1)  # "Adults >= 18 years", "(>18 yrs)"
            # "270 mg/dL (15 mmol/L)": the same threshold restated in other units
            m = _RESTATED.match(self.text, end)
            if m and self._unit_at(m.end("num")) is not None:
                inner = self._unit_at(m.end("num"))
                assert inner is not None
                close = _CLOSE.match(self.text, inner[1])
                if close:
                    self.annotations.append((m.start("open"), close.end()))
                    return close.end()
            return end
        return pos

    # -- clean-up ---------------------------------------------------------------
    def _insert_age(self, toks: list[Tok]) -> list[Tok]:
        """ "18-74 years of age", "at least 19 years old": the unit names the subject."""
        if not self.age_units:
            return toks
        out = list(toks)
        for idx in sorted(self.age_units, reverse=True):
            j = idx - 1
            while j >= 0 and out[j].type in ("NUMBER", "TO", "BETWEEN", "CMP", "BCMP"):
                j -= 1
            nxt = idx + 1
            if nxt < len(out) and out[nxt].type == "CONCEPT" and out[nxt].value == "age":
                del out[nxt]  # "18 years or older of age": the trailing "age" restates it
            if j >= 0 and out[j].type == "CONCEPT":
                continue  # "Age >= 18 years old": the subject is there already
            j += 1
            if j < len(out):
                out.insert(j, Tok("CONCEPT", "age", out[j].start, out[j].start))
        return out

    @_needs("CONCEPT WORD", words=("after",))
    def _response_after_treatment(self, toks: list[Tok]) -> list[Tok]:
        """ "Incomplete response to UDCA after 6 months of treatment": a recorded response
        to a named drug, judged after N months of that treatment, also says the drug was
        taken that long: ``udca_incomplete_response and udca for >= 6 months``.  Only a fact
        whose own words end "response to <drug>" (the drug a medication concept), and the
        whole unread rest of the line "after N <weeks|months|years> of treatment|therapy"."""
        vocab = self.t.vocab
        out = list(toks)
        for i in range(len(out) - 2, -1, -1):
            fact, rest = out[i], out[i + 1]
            if fact.type != "CONCEPT" or rest.type != "WORD" or (i + 2 < len(out)):
                continue
            c = vocab.concepts.get(str(fact.value))
            after = _AFTER_TREATMENT.fullmatch(self.text[rest.start : rest.end].strip())
            to = _RESPONSE_TO.search(self.text, fact.start, fact.end)
            if c is None or c.kind != "fact" or after is None or to is None:
                continue
            hit = self.t.concept.match(self.text, to.end())
            drug = vocab.concepts.get(hit[0]) if hit else None
            if hit is None or hit[1] != fact.end or drug is None or drug.kind != "medication":
                continue
            unit = TIME_UNITS[after["u"].lower()]
            out[i + 1 :] = [
                Tok("AND", "and", rest.start, rest.start),
                Tok("CONCEPT", drug.id, to.end(), fact.end),
                Tok("LASTING", (">=", parse_number(after["n"]), unit), rest.start, rest.end),
            ]
        return out

    @_needs("CONCEPT", words=("recist",))
    def _measurable_per_recist(self, toks: list[Tok]) -> list[Tok]:
        """ "Measurable disease by RECIST V1.1", "At least 1 lesion with measurable disease":
        RECIST 1.1 defines measurable disease as at least one measurable lesion (Eisenhauer
        2009 Eur J Cancer 45:228, §3.1), which is what ``measurable_disease`` records.  So the
        standard named right after it ("by / per / according to RECIST 1.1", no other version)
        is kept as an annotation, and a count of exactly "at least 1" lesion before it says
        the same thing; any other count ("≥ 2 measurable lesions") stays unread."""
        out = list(toks)
        for i in range(len(out) - 1, -1, -1):
            tok = out[i] if i < len(out) else None  # (the list shrinks behind a reading)
            if tok is None or tok.type != "CONCEPT" or tok.value != "measurable_disease":
                continue
            nxt = out[i + 1] if i + 1 < len(out) else None
            if (
                nxt is not None
                and nxt.type == "WORD"
                and _PER_RECIST_11.fullmatch(self.text[nxt.start : nxt.end].strip())
            ):
                self.annotations.append((nxt.start, nxt.end))
                del out[i + 1]
            else:
                continue  # the count is read only where the line names RECIST 1.1 here
            k = i - 1 if i and out[i - 1].type == "MOD" else i
            if k < i and not _LESION_WITH.fullmatch(self.text[out[k].start : out[k].end]):
                continue
            if (
                k >= 2
                and out[k - 2].type == "BCMP"
                and out[k - 2].value == ">="
                and out[k - 1].type == "NUMBER"
                and out[k - 1].value == 1
                and (k == 2 or out[k - 3].type in ("AND", "COMMA", "LPAREN", "LPOST"))
            ):
                out[k - 2 : i + 1] = [Tok("CONCEPT", tok.value, out[k - 2].start, tok.end)]
        return out

    @_needs("CONCEPT OR WORD")
    def _elided_head_alternative(self, toks: list[Tok]) -> list[Tok]:
        """ "allogeneic stem cell transplant (SCT) or rescue": one word after "or" that,
        with the leading words of the phrase before it, names a concept ("stem cell rescue")
        is that concept; the words are written once and shared.  Only a single unread word
        right after "or", a concept of two or more words before it, and a whole-phrase match;
        the longest shared prefix is tried first."""
        out = list(toks)
        for i in range(len(out) - 3, -1, -1):
            con, alt, word = out[i : i + 3]
            if con.type != "CONCEPT" or alt.type != "OR" or word.type != "WORD":
                continue
            name = self.text[word.start : word.end]
            words = self.text[con.start : con.end].split()
            if not name.isalpha() or len(words) < 2:
                continue
            for lead in range(0, len(words) - 1):
                for upto in range(len(words) - 1, lead, -1):
                    phrase = " ".join([*words[lead:upto], name])
                    hit = self.t.concept.match(phrase, 0)
                    if hit is not None and hit[1] == len(phrase):
                        out[i + 2] = Tok("CONCEPT", hit[0], word.start, word.end)
                        break
                else:
                    continue
                break
        return out

    @_needs("LPAREN WORD RPAREN", words=("day",))
    def _visit_days(self, toks: list[Tok]) -> list[Tok]:
        """ "within 6 months prior to screening visit (Day -7 to -1)": study days in
        parentheses right after the visit they number say when that visit is, not a
        criterion; they are kept as an annotation.  Only after a window or a concept (the
        visit ends what it dates), never inside a list ("and in baseline (day 0)")."""
        out: list[Tok] = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            if (
                tok.type == "LPAREN"
                and out
                and out[-1].type in ("WINDOW", "CONCEPT")
                and i + 2 < len(toks)
                and toks[i + 1].type == "WORD"
                and toks[i + 2].type == "RPAREN"
                and _STUDY_DAYS.fullmatch(str(toks[i + 1].value).strip())
                and _VISIT_END.search(self.text, 0, tok.start)
            ):
                self.annotations.append((tok.start, toks[i + 2].end))
                i += 3
                continue
            out.append(tok)
            i += 1
        return out

    @_needs("CONCEPT LPOST RPAREN", words=("cockcroft", "cockroft", "gault", "mdrd", "ckd"))
    def _formula_names(self, toks: list[Tok]) -> list[Tok]:
        """ "creatinine clearance (Cockroft & Gault formula) > 60 mL/min": the equation a
        renal measure is estimated by, in parentheses right after it, says how the value is
        got, as "(by Cockcroft-Gault)" does; it is kept as an annotation, and the threshold
        after it is that measure's."""
        out: list[Tok] = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.type == "LPOST" and out and out[-1].value in _FORMULA_OF:
                j = i + 1
                while j < len(toks) and toks[j].type in ("WORD", "AND"):
                    j += 1
                inner = self.text[tok.end : toks[j].start] if j < len(toks) else ""
                hit = _FORMULA.fullmatch(inner.strip())
                if (
                    j > i + 1
                    and toks[j].type == "RPAREN"
                    and hit
                    and hit.lastgroup == out[-1].value
                ):
                    self.annotations.append((tok.end, toks[j].start))
                    i = j + 1
                    continue
            out.append(tok)
            i += 1
        return out

    def _drop_abbreviations(self, toks: list[Tok]) -> list[Tok]:
        """ "Hepatocellular carcinoma (HCC)", "performance status (PS)", "8 g/dL (g/dL)"."""
        known_unit = _units().known_unit

        out: list[Tok] = []
        i = 0
        n = len(toks)
        while i < n:
            tok = toks[i]
            typ = tok.type
            last = out[-1].type if out else None
            if (
                typ == "LPOST"
                and i + 2 < n
                and toks[i + 2].type == "RPAREN"
                and last in ("CONCEPT", "UNIT", "ULN")
            ):
                inner = toks[i + 1]
                inner_text = self.text[inner.start : inner.end]
                same = inner.type == "CONCEPT" and (
                    inner.value == out[-1].value
                    # "systolic blood pressure (SBP)": an acronym names what precedes it,
                    # even when the same letters mean something else elsewhere
                    or (out[-1].type == "CONCEPT" and inner_text.isupper() and len(inner_text) <= 6)
                )
                abbrev = (
                    out[-1].type == "CONCEPT"
                    and inner.type == "WORD"
                    and bool(_ABBREV.match(str(inner.value)))
                )
                unit = (
                    out[-1].type == "UNIT"
                    and inner.type in ("WORD", "UNIT")
                    and (known_unit(str(inner.value)) is not None or inner.type == "UNIT")
                ) or (
                    out[-1].type == "ULN"
                    and inner.type == "WORD"
                    and str(inner.value).upper() in ("ULN", "UNL", "LLN")
                )
                if same or abbrev or unit:
                    i += 3
                    continue
            if last == "ULN":
                spelt = _spelt_limit_end(toks, i, self.text)
                if spelt is not None and _spelt_limit(
                    self.text[tok.end : toks[spelt].start]
                ) == str(out[-1].value):
                    i = spelt + 1  # "3x ULN (Upper Limit of Normal)": the limit spelt out
                    continue
            if last == "CONCEPT" and typ in ("WORD", "CONCEPT"):
                if self.text[tok.start : tok.end].lower() in _NOUNS_BY_KIND.get(
                    self.t.vocab[str(out[-1].value)].kind, MEASURE_NOUNS
                ):
                    # "HIV (HIV) infection", "hepatitis B positive": the noun restates the
                    # concept
                    out[-1] = Tok("CONCEPT", out[-1].value, out[-1].start, tok.end)
                    i += 1
                    continue
                if typ == "CONCEPT" and out[-1].value == tok.value:
                    out[-1] = Tok("CONCEPT", tok.value, out[-1].start, tok.end)
                    i += 1
                    continue
            out.append(tok)
            i += 1
        return out

    @_needs("SEX OR CONCEPT")
    def _sex_noun_alternatives(self, toks: list[Tok]) -> list[Tok]:
        """ "Pregnant, lactating women or potentially childbearing patients not using adequate
        contraception": the adjectives qualify the women, and "or" starts a second group of
        patients whose own condition (not using contraception) is not asked of the first.

        ``A (or|,) B SEX or REST`` at the start of a clause becomes ``(SEX and (A or B)) or
        (REST)``; read by juxtaposition it was ``(A or B) and SEX and REST``, which cleared a
        pregnant woman using contraception.  A comma between the adjectives is read as "or"
        only in an exclusion (any of them excludes); in an inclusion such a line is left as
        it was.
        """
        out = list(toks)
        for s in range(len(out) - 2):
            if out[s].type != "SEX" or out[s + 1].type != "OR" or s == 0:
                continue
            j = s - 1  # the first adjective
            while (
                j >= 2
                and out[j].type == "CONCEPT"
                and out[j - 1].type in ("OR", "COMMA")
                and out[j - 2].type == "CONCEPT"
            ):
                j -= 2
            adjectives = out[j:s]
            if (
                not adjectives
                or adjectives[0].type != "CONCEPT"
                or (j > 0 and out[j - 1].type not in ("LPAREN", "LPOST"))
                or (self.kind != "exclusion" and any(t.type == "COMMA" for t in adjectives))
            ):
                continue
            end = s + 2
            depth = 0
            while end < len(out):
                typ = out[end].type
                if typ in ("LPAREN", "LPOST"):
                    depth += 1
                elif typ == "RPAREN":
                    if depth == 0:
                        break
                    depth -= 1
                elif typ == "COMMA" and depth == 0:
                    break
                end += 1
            rest = out[s + 2 : end]
            if not rest:
                continue
            sex, first, last = out[s], adjectives[0], adjectives[-1]
            group = [
                Tok("LPAREN", "(", first.start, first.start),
                sex,
                Tok("AND", "and", sex.start, sex.start),
                Tok("LPAREN", "(", first.start, first.start),
                *(Tok("OR", "or", t.start, t.end) if t.type == "COMMA" else t for t in adjectives),
                Tok("RPAREN", ")", last.end, last.end),
                Tok("RPAREN", ")", sex.end, sex.end),
                out[s + 1],
                Tok("LPAREN", "(", rest[0].start, rest[0].start),
                *rest,
                Tok("RPAREN", ")", rest[-1].end, rest[-1].end),
            ]
            return [*out[:j], *group, *out[end:]]
        return out

    @_needs("OR")
    def _upper_or(self, toks: list[Tok]) -> list[Tok]:
        """ "Male patients, or female with documented hysterectomy … OR menopausal female with
        … OR female of childbearing potential with …": a capitalised "OR" separates the
        line's top-level alternatives, so each side is grouped before juxtaposition and
        commas can join pieces across it (which asked a male patient to be female).

        Only in the first sentence, only when no lead-in (a colon) precedes the first "OR"
        ("Diagnosis based upon: biopsy OR imaging" keeps its lead-in over both), and a single
        "OR" only after a comma.
        """
        if "OR" not in self.text:
            return toks  # (cheap test first: no capitalised "OR")
        end = 0
        depth = 0
        cuts: list[int] = []
        while end < len(toks):
            t = toks[end]
            depth += t.type in ("LPAREN", "LPOST")
            depth -= t.type == "RPAREN"
            if depth == 0 and t.type == "COMMA" and t.value in (".", ";"):
                break
            if depth == 0 and t.type == "OR" and self.text[t.start : t.end] == "OR":
                cuts.append(end)
            end += 1
        if (
            not cuts
            # "cirrhosis, ascites OR encephalopathy" may share its lead-in: one capital OR
            # separates the line only after a comma ("score > 5, OR presence of …")
            or (len(cuts) == 1 and not self.text[: toks[cuts[0]].start].rstrip().endswith(","))
            or ":" in self.text[toks[0].start : toks[cuts[0]].start]
            or any(t.type in ("KOFN", "EXCEPT") for t in toks[:end])
        ):
            return toks
        bounds = [-1, *cuts, end]
        segments = [toks[a + 1 : b] for a, b in itertools.pairwise(bounds)]
        if any(not seg for seg in segments) or all(len(seg) == 1 for seg in segments):
            return toks
        out: list[Tok] = []
        for n, seg in enumerate(segments):
            if n:
                out.append(toks[cuts[n - 1]])
            out += [
                Tok("LPAREN", "(", seg[0].start, seg[0].start),
                *seg,
                Tok("RPAREN", ")", seg[-1].end, seg[-1].end),
            ]
        return [*out, *toks[end:]]

    @_needs("SEX", "CONCEPT", words=("for",))
    def _for_groups(self, toks: list[Tok]) -> list[Tok]:
        """ "For women of child-bearing potential a negative pregnancy test is required … .
        For men - adequate contraception must be used.": each sentence asks its requirement
        of the group it names only.

        A sentence of an inclusion opening with "For" + a sex or childbearing potential reads
        ``not group or requirement``.  Read by juxtaposition the two sentences asked every
        patient to be of childbearing potential and male at once.  (In an exclusion such a
        requirement would have to be negated as well; it is left as it was.)
        """
        out: list[Tok] = []
        start = 0
        changed = False
        while start < len(toks):
            end = start
            depth = 0
            while end < len(toks):
                t = toks[end]
                depth += t.type in ("LPAREN", "LPOST")
                depth -= t.type == "RPAREN"
                if depth == 0 and t.type == "COMMA" and t.value in (".", ";"):
                    break
                end += 1
            sentence = toks[start:end]
            before = self.text[toks[start - 1].end if start else 0 : toks[start].start]
            head = sentence[0] if sentence else None
            if (
                self.kind == "inclusion"
                and head is not None
                and len(sentence) > 1
                and (head.type == "SEX" or (head.type == "CONCEPT" and head.value in _GROUPS))
                and _FOR_SENTENCE.search(before)
                and all(t.type not in ("KOFN", "EXCEPT") for t in sentence)
            ):
                rest = sentence[1:]
                s, e = head.start, rest[-1].end
                out += [
                    Tok("LPAREN", "(", s, s),
                    Tok("NOT", "not", s, s),
                    head,
                    Tok("OR", "or", s, s),
                    Tok("LPAREN", "(", rest[0].start, rest[0].start),
                    *rest,
                    Tok("RPAREN", ")", e, e),
                    Tok("RPAREN", ")", e, e),
                ]
                changed = True
            else:
                out += sentence
            if end < len(toks):
                out.append(toks[end])
            start = end + 1
        return out if changed else toks

    def _amount_of(self, toks: list[Tok], i: int) -> int:
        """Length of ``BCMP NUMBER UNIT "of" CONCEPT`` at ``i`` opening a clause ("At least 100 ml
        per day of residual diuresis"), for a numeric concept, else 0."""
        if not (
            i + 3 < len(toks)
            and [t.type for t in toks[i : i + 4]] == ["BCMP", "NUMBER", "UNIT", "CONCEPT"]
            and (i == 0 or toks[i - 1].type in ("COMMA", "LPAREN", "AND", "OR"))
            and self.t.vocab[str(toks[i + 3].value)].numeric
            and _OF_GAP.fullmatch(self.text, toks[i + 2].end, toks[i + 3].start)
            and (i + 4 == len(toks) or toks[i + 4].type not in ("CMP", "NUMBER", "UNIT"))
        ):
            return 0
        return 4

    def _paren_bound(self, toks: list[Tok], i: int) -> int:
        """Length of ``( BCMP NUMBER [UNIT|ULN] )`` at ``i`` right after a numeric concept
        ("Hemoglobin (> 10 g/dL)"), else 0: the parenthesis holds only that measure's bound."""
        if not (
            i >= 1
            and toks[i].type == "LPOST"
            and toks[i - 1].type == "CONCEPT"
            and self.t.vocab[str(toks[i - 1].value)].numeric
            and [t.type for t in toks[i + 1 : i + 3]] == ["BCMP", "NUMBER"]
        ):
            return 0
        k = i + 3
        if k < len(toks) and toks[k].type in ("UNIT", "ULN"):
            k += 1
        return k - i + 1 if k < len(toks) and toks[k].type == "RPAREN" else 0

    def _join_words(self, toks: list[Tok]) -> list[Tok]:
        """Adjacent words joined into one, and commas / links dropped where nothing they
        join is (at the start, after an opening or another link, before a closing)."""
        out: list[Tok] = []
        last = None  # out[-1].type, kept in step with out
        for tok in toks:
            typ = tok.type
            if typ == "WORD" and last == "WORD":
                prev = out[-1]
                out[-1] = Tok("WORD", self.text[prev.start : tok.end], prev.start, tok.end)
                continue
            if typ == "COMMA" and (last is None or last in _NO_COMMA_AFTER):
                continue
            if typ in ("AND", "OR") and (last is None or last in _NO_LINK_AFTER):
                if last == "COMMA":
                    out[-1] = tok  # Oxford comma: ", and" / ", or"
                    last = typ
                continue
            if typ == "RPAREN":
                while out and out[-1].type in ("COMMA", "AND", "OR", "EXCEPT"):
                    out.pop()
            out.append(tok)
            last = typ
        while out and out[-1].type in ("COMMA", "AND", "OR", "EXCEPT"):
            out.pop()
        return out

    def _bare_parentheses(self, toks: list[Tok]) -> list[Tok]:
        """Parentheses around just a window or a concept dropped, a measure's bound put after
        it, and each comparator or category marked bound or bare by what comes before."""
        out = toks
        # "(within last one month)": a parenthesised window is just a window
        res: list[Tok] = []
        i = 0
        n = len(out)
        while i < n:
            typ = out[i].type
            if typ in ("LPOST", "LPAREN") and i + 1 < n:
                after = out[i + 1].type
                if after == "WINDOW" and i + 2 < n and out[i + 2].type == "RPAREN":
                    res.append(replace(out[i + 1], start=out[i].start, end=out[i + 2].end))
                    i += 3
                    continue
                if after == "RPAREN":
                    i += 2
                    continue
                if (
                    typ == "LPAREN"
                    and after == "CONCEPT"
                    and i + 2 < n
                    and out[i + 2].type == "RPAREN"
                ):
                    res.append(out[i + 1])  # "a (FPG) of less than 10.0 mmol/l": the concept
                    i += 3
                    continue
            amount = self._amount_of(out, i) if typ == "BCMP" else 0  # (its first)
            if amount:
                # "At least 100 ml per day of residual diuresis": the measure, then its bound
                concept = out[i + amount - 1]
                res.append(concept)
                res.extend(out[i : i + amount - 1])
                i += amount
                continue
            bound = self._paren_bound(out, i) if typ == "LPOST" else 0  # (its first)
            if bound:
                # "alcohol consumption (more than 40 g/day)": the bound of the measure before
                res.extend(out[i + 1 : i + bound - 1])
                i += bound
                continue
            res.append(out[i])
            i += 1
        # a comparator or category belongs to the concept right before it, else it is bare
        for k, tok in enumerate(res):
            if tok.type in _BOUNDS:
                base = tok.type.removeprefix("B")
                attached = k and (
                    res[k - 1].type == "CONCEPT"
                    or (
                        base == "CATEGORY"
                        and k > 1
                        and res[k - 1].type == "CMP"
                        and res[k - 2].type == "CONCEPT"
                    )
                )
                typ = base if attached else "B" + base
                if typ != tok.type:
                    res[k] = Tok(typ, tok.value, tok.start, tok.end)
        return res

    def _drop_nested_abbreviations(self, toks: list[Tok]) -> list[Tok]:
        """:meth:`_drop_abbreviations` until nothing changes, three times at most: nested,
        as in "(serum glutamic oxaloacetic transaminase [SGOT])"."""
        for _ in range(3):
            tidied = self._drop_abbreviations(toks)
            if tidied == toks:
                break
            toks = tidied
        return toks

    def _other_concept(self, toks: list[Tok]) -> list[Tok]:
        """ "Other active liver diseases": other than the trial's own disease, which the line
        does not name; read as any liver disease it excluded every patient.  Unread."""
        other = self.other
        if other and toks and toks[0].start >= other.end() and toks[0].type == "CONCEPT":
            return [Tok("WORD", other.group("w"), other.start("w"), other.end("w")), *toks]
        return toks

    def _permission_or_permissions(self, p: _Passes) -> None:
        """A conditional permission (:func:`_permission`), else, where none was read, a
        plain one (:func:`_permissions`): left unread otherwise."""
        unread_permission = p.toks
        p.run(_permission, self.text, self.kind)
        if p.toks is unread_permission:  # no conditional permission read: leave it unread
            p.run(_permissions, self.text, self.kind)


# ---------------------------------------------------------------------------- the chain
#
# The clean-up passes a line's tokens go through after the main loop (``Lexer.run``), in
# order: a list, not a run of calls, so that ``_Passes.chain`` can step over every pass the
# line's token types rule out without calling anything (see ``_Chain``).


# how a step is called: a pass ``fn(toks, *args)``, a ``Lexer`` method ``fn(lexer, toks)``,
# a hook ``fn(lexer, passes)`` (a lexer method that runs passes of its own)
_FUNCTION, _METHOD, _HOOK = range(3)
# the line's values a pass can take after the tokens, by a step's ``sig``
_SIGNATURES = (
    ("text",),
    ("text", "vocab"),
    ("vocab",),
    ("text", "kind"),
    ("text", "vocab", "kind"),
    (),
)
# lexer methods in the chain that take the ``_Passes``, not the tokens
_HOOKS = frozenset(["_permission_or_permissions"])


class _Step(NamedTuple):
    """One step of the chain: ``fn``, called as ``how`` says, given (a pass) the line's
    values ``_SIGNATURES[sig]`` after the tokens; ``words``: its trigger words (``_needs``),
    one of which the line must hold; ``only``: a step only lines of that kind take."""

    fn: Callable[..., object]
    how: int
    sig: int
    words: frozenset[str] | None
    only: str | None


def _step(fn: Callable[..., object], *args: str, only: str | None = None) -> _Step:
    method = getattr(Lexer, fn.__name__, None) is fn
    how = (_HOOK if fn.__name__ in _HOOKS else _METHOD) if method else _FUNCTION
    if method and args:
        raise TypeError(f"{fn.__name__}: a lexer method in the chain takes the tokens only")
    words = _TRIGGERS[fn][1] if fn in _TRIGGERS else None
    return _Step(fn, how, _SIGNATURES.index(args), words, only)


def _clean_up() -> list[_Step]:
    """The chain, both kinds' steps, in order."""
    return [
        _step(_donor_values, "text", "vocab"),
        _step(_donated_conditions, "text", "vocab"),
        _step(_k_of_n, "text"),
        _step(_dropped_alternative, "text"),
        _step(_alcohol_servings, "text"),
        _step(_measure_versus, "text", "vocab"),
        # the tidy-up
        _step(Lexer._insert_age),
        _step(_compound_ratio, "text", "vocab"),
        _step(_other_specimen, "text", "vocab"),
        _step(Lexer._drop_nested_abbreviations),
        _step(Lexer._formula_names),
        _step(_one_negation),
        _step(_prohibition, "text", only="exclusion"),
        _step(_place_outside, "text"),
        _step(_nursing_setting, "text"),
        _step(_postfix_negation, "text"),
        _step(_defining_measure, "text", "vocab"),
        _step(_juxtaposed_definition, "text", "vocab"),
        _step(_family_history, "text"),
        _step(_state_adjectives),
        _step(_despite_concept, "text"),
        _step(_modifiers),
        _step(_defined_amount, "vocab"),
        _step(_window_past_tie, "text", "vocab"),
        _step(_site_sepsis, "text"),
        _step(_treatment_field, "text"),
        _step(_treatment_of, "text", "vocab"),
        _step(_despite_treatment, "text"),
        _step(_no_or_qualified, "text"),
        _step(_slashed_alternatives, only="exclusion"),
        _step(_if_sex_lead, "text", only="exclusion"),
        _step(_within_criteria, "text", "vocab"),
        _step(_requiring_pairs, "text"),
        _step(_restated_range, "vocab"),
        _step(_sex_bounds),
        _step(_sex_adjectives),
        _step(Lexer._sex_noun_alternatives),
        _step(_for_age_group, "text"),
        _step(_if_no_else),
        _step(_unread_condition, "text"),
        _step(_dashed_case, "text", only="exclusion"),
        _step(_other_stage),
        _step(_conditional_alternative, "text"),
        _step(_none_or_qualified),
        _step(_example_parenthesis, "text", "kind"),
        _step(_cue_then_or, "text"),
        _step(_example_causes, "text"),
        # an exclusion reads its comma lists as "or" already
        _step(_example_commas, only="inclusion"),
        _step(_cause_lists, "text"),
        _step(_negated_verb_pair, "text"),
        _step(_history_chains, "text"),
        _step(_negation_chains, "text"),
        _step(_summary_after_negated_list, "text", "vocab"),
        _step(_window_over_definition, "text"),
        _step(_elided_twin_score, "text", "vocab"),
        _step(_modifier_over_alternatives),
        _step(_future_items, "text"),
        _step(_unwilling_objects, "text"),
        _step(_failed_objects, "text"),
        _step(_defining_alternative, "vocab"),
        _step(_graft_type, "text"),
        _step(_cue_over_juxtaposition, "text"),
        _step(_negated_examples, "text"),
        _step(_recent_within),
        _step(_window_over_unread, "vocab"),
        _step(_elapsed_range, "text", "vocab"),
        _step(_oxford_items),
        _step(_leading_window_list),
        _step(_parenthesised_examples, "text"),
        _step(_postfix_exemption, "text"),
        _step(_any_form_of, "text"),
        _step(_counted_nouns, "text"),
        _step(_at_birth, "text"),
        _step(_window_then_during, "text"),
        _step(Lexer._join_words),
        _step(_balance),
        _step(Lexer._visit_days),
        _step(Lexer._elided_head_alternative),
        _step(Lexer._measurable_per_recist),
        _step(Lexer._response_after_treatment),
        _step(Lexer._bare_parentheses),
        _step(_unread_subjects, "text"),
        _step(_shown_list, "text"),
        _step(_relation_objects, "text"),
        _step(_needing_clause, "text"),
        _step(_relative_that_is, "text"),
        _step(_suspected_alternative, "text"),
        _step(_graded_condition, "text", "vocab"),
        _step(_graded_symptoms, "text"),
        # after the tidy-up
        _step(_slashed_ratio, "text", "vocab"),
        _step(_acronym_bound, "text"),
        _step(_comma_or_split, "text"),
        _step(_open_list, "text", only="exclusion"),
        _step(_colon_head, "text", only="exclusion"),
        _step(Lexer._upper_or),
        _step(Lexer._for_groups),
        _step(Lexer._other_concept),
        _step(_childbearing_item),
        _step(Lexer._cohort),
        _step(Lexer._exclusion_header),
        _step(_population_pair, "text", "kind"),
        _step(_and_any_item, "text", "kind"),
        _step(_longer_washout),
        _step(Lexer._must_have),
        _step(Lexer._absent_condition),
        _step(Lexer._permission_or_permissions),
        _step(_accepted, "text"),
        _step(_forward_window, "text"),
        _step(_completed_before, "text", "vocab", "kind"),
        _step(_forward_alternative, "text"),
        _step(_new_subject_alternative, "text"),
        _step(_shared_duration, "vocab"),
        _step(_durations, "text", "vocab"),
        _step(_cohort_heading, "text"),
        _step(Lexer._requirement),
    ]


class _Chain:
    """One kind's steps, and for each set of token types (memoised, like :class:`_Skips`)
    where the walk goes from each step: the first step at or after it that the types do not
    rule out.  A per-process table of the triggers, never of any line's result."""

    def __init__(self, kind: str) -> None:
        self.steps = tuple(step for step in _clean_up() if step.only in (None, kind))
        self.size = -1  # len(_TRIGGERS) the table was built from
        self.memo: dict[frozenset[str], tuple[int, ...]] = {}

    def plan(self, types: frozenset[str]) -> tuple[int, ...]:
        """``plan[i]``: the first step from ``i`` on that can run with ``types`` (the number
        of steps if none); ``plan[len(steps)]`` ends the walk."""
        found = self.memo.get(types)
        if found is None:
            if self.size != len(_TRIGGERS) or len(self.memo) > 20_000:
                self.size = len(_TRIGGERS)
                self.memo.clear()
            skips = _SKIPS.get(types)
            n = len(self.steps)
            plan = [n] * (n + 1)
            for i in range(n - 1, -1, -1):
                step = self.steps[i]
                ruled_out = step.how != _HOOK and skips.get(step.fn, _RUN) is None
                plan[i] = plan[i + 1] if ruled_out else i
            found = self.memo[types] = tuple(plan)
        return found


@functools.lru_cache(maxsize=8)
def _chain(kind: str) -> _Chain:
    """The chain a line of ``kind`` goes through, built once per kind."""
    return _Chain(kind)


_BOUNDS = frozenset(["CMP", "BCMP", "CATEGORY", "BCATEGORY"])
# what a comma, or an "and" / "or", is dropped after (tidy-up)
_NO_COMMA_AFTER = frozenset(
    ["COMMA", "LPAREN", "LPOST", "AND", "OR", "NOT", "HISTORY", "RECENT", "EXCEPT"]
)
_NO_LINK_AFTER = frozenset(["COMMA", "LPAREN", "LPOST", "AND", "OR", "EXCEPT"])

# Estimating equations named after a renal measure, by the measure they estimate:
# Cockcroft-Gault a creatinine clearance in mL/min, MDRD and CKD-EPI an eGFR per 1.73 m2
# (REF §1.1, §3.1-3.3).  The Schwartz equation is not listed: registry text calls its bedside
# eGFR a "creatinine clearance" in mL/min/1.73 m2, which is not the creatinine_clearance here.
_FORMULA = re.compile(
    r"(?:(?:using|by|per)\s+(?:the\s+)?)?(?:"
    r"(?P<creatinine_clearance>cockc?roft\s*(?:[-&]|and)?\s*gault)"
    r"|(?P<egfr>mdrd|ckd\s*-?\s*epi(?:\s+20(?:09|21))?)"
    r")(?:\s+(?:formula|equation|method))?",
    re.IGNORECASE,
)
_FORMULA_OF = frozenset(("creatinine_clearance", "egfr"))


_MODAL_BEFORE = re.compile(r"(?:must|should|shall|may)\s+$", re.IGNORECASE)
_HAVE_OR_BE = re.compile(r"not\s+(?:have|be)(?![A-Za-z])", re.IGNORECASE)


@_needs("NOT", words=("must not", "should not", "shall not", "may not"))
def _prohibition(toks: list[Tok], text: str) -> list[Tok]:
    """ "Patients must not have unstable angina or myocardial infarction …" among exclusions:
    the prohibition is what the exclusion says, so it is met by having them.  Read with its
    "not", it was met by patients with neither, and a myocardial infarction two months ago
    cleared the patient (NCT01337492)."""
    return [
        tok
        for tok in toks
        if not (
            tok.type == "NOT"
            and _MODAL_BEFORE.search(text, max(0, tok.start - 8), tok.start)
            and _HAVE_OR_BE.match(text, tok.start)
        )
    ]


@_needs("NOT")
def _one_negation(toks: list[Tok]) -> list[Tok]:
    """ "unable or unwilling to": one negation."""
    merged: list[Tok] = []
    for tok in toks:
        if (
            tok.type == "NOT"
            and len(merged) >= 2
            and merged[-1].type in ("OR", "AND")
            and merged[-2].type == "NOT"
        ):
            merged.pop()
            merged[-1] = Tok("NOT", "not", merged[-1].start, tok.end)
            continue
        merged.append(tok)
    return merged


_INITIALISM = re.compile(r"\(\s*(?P<abbr>[A-Z][A-Za-z]{1,7})\s*\)")
_SMALL_WORDS = frozenset(["of", "and", "the", "for", "in", "on", "with", "to", "a"])


def _blank_initialisms(text: str, phrases: Mapping[str, str] | None = None) -> str:
    """Blank "(CNS)" after "central nervous system": an initialism of the words before it.

    Replaced by spaces (same length, so offsets hold) so a phrase the initialism interrupts
    ("Central nervous system (CNS) metastasis") is read whole.  With the vocabulary's
    ``phrases``, an abbreviation naming the same concept as the words before it is blanked
    too, though its letters are not their initials ("Aspartate Aminotransferase (AST)/platelet
    ratio index": the name of the index, not an AST value).

    >>> _blank_initialisms("Central nervous system (CNS) metastasis")
    'Central nervous system       metastasis'
    >>> _blank_initialisms("aspartate aminotransferase (AST)/x", {"ast": "ast",
    ...     "aspartate aminotransferase": "ast"})
    'aspartate aminotransferase      /x'
    """
    if "(" not in text:
        return text  # (cheap test first: an initialism is in parentheses)
    out = text
    for m in _INITIALISM.finditer(text):
        letters = m.group("abbr").lower()
        if phrases is not None and _names_same(text[: m.start()], phrases.get(letters), phrases):
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
            continue
        words = _INITIAL_WORDS.findall(text, 0, m.start())
        k = len(letters)
        for word in reversed(words):
            if k == 0:
                break
            if word[0].lower() == letters[k - 1]:
                k -= 1
            elif word.lower() not in _SMALL_WORDS:
                break
        if k == 0:
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


_LEADING_OTHER = re.compile(r"\s*(?P<w>other)\s+(?!than\b|or\b)", re.I)
_ACCEPTED = re.compile(r"accepted\s+", re.I)


@_needs("WORD", words=("accepted",))
def _accepted(toks: list[Tok], text: str) -> list[Tok]:
    """ "accepted primary prevention (non-selective beta blockers or EVL)": "accepted" is
    "received" (a common rendering in translated registry text), a history cue, where the
    unread words it opens are defined by the parenthesis after them; dropped with those
    words it left a current-only reading that cleared a patient treated last year."""
    out: list[Tok] = []
    for i, t in enumerate(toks):
        m = _ACCEPTED.match(text, t.start) if t.type == "WORD" else None
        if m and m.end() < t.end and i + 1 < len(toks) and toks[i + 1].type in ("LPOST", "LPAREN"):
            out.append(Tok("HISTORY", "history", t.start, m.end()))
            out.append(Tok("WORD", text[m.end() : t.end], m.end(), t.end))
            continue
        out.append(t)
    return out


_FORWARD_CUE = re.compile(r"(?:scheduled|planned|anticipated|expected|expectation)\b", re.I)


@_needs("WINDOW CONCEPT", words=("scheduled", "planned", "anticipated", "expect"))
def _forward_window(toks: list[Tok], text: str) -> list[Tok]:
    """ "Scheduled to receive a liver transplant within 1 month of screening": the window
    looks ahead (when it will happen), not back at when it was recorded; it stays unread."""
    out = list(toks)
    for i in range(1, len(out)):
        t = out[i]
        if (
            t.type == "WINDOW"
            and out[i - 1].type == "CONCEPT"
            and _FORWARD_CUE.match(text, out[i - 1].start)
        ):
            out[i] = Tok("WORD", text[t.start : t.end], t.start, t.end)
    return out


# "Locoregional therapy for HCC must be completed at least 4 weeks prior to the baseline
# scan": when a treatment, if given, must have ended (a washout), to the end of its clause
_DONE_BEFORE = re.compile(
    r"\s*(?:(?:must|should|shall)\s+(?:have\s+)?(?:be(?:en)?\s+)?"
    r"|(?:was|were|is|are|has\s+been|have\s+been)\s+)?"
    r"(?:completed|stopped|discontinued|finished|ended)\s+"
    r"(?:at\s+least|more\s+than|greater\s+than|no\s+less\s+than|not\s+less\s+than|>=|≥|>)\s*"
    rf"(?P<n>{_NUM}|{_NUMW})\s*(?P<u>{_TIMEU})(?![A-Za-z])\s+"
    rf"(?:prior\s+to|before)\s+(?:the\s+)?(?:{_ANCHOR_ALT})"
    r"(?:\s+(?:scan|imaging|assessment|visit))?(?![A-Za-z])[\s.;]*$",
    re.IGNORECASE,
)
# between the treatments of the subject; "for" names what they were given for
_SUBJECT_GAP = re.compile(r"[\s,]*", re.IGNORECASE)
_FOR_GAP = re.compile(r"\s*for\s+(?:(?:a|an|the)\s+)?", re.IGNORECASE)
_TREATMENT_KINDS = frozenset(("medication", "procedure"))


@_needs("CONCEPT", words=("completed", "stopped", "discontinued", "finished", "ended"))
def _completed_before(toks: list[Tok], text: str, vocab: Vocabulary, kind: str) -> list[Tok]:
    """ "Locoregional therapy for HCC must be completed at least 4 weeks prior to the
    baseline scan": ``not (locoregional_therapy within 4 weeks and hcc)``, as "at least 4
    weeks since the last locoregional therapy" reads.  The sentence bounds when a treatment,
    if given, ended; it does not ask for one (read as a requirement, a patient never treated
    failed it).  Only a plain subject: treatments (medications, procedures) joined by
    and/or/commas from the sentence start, then optionally "for" a condition (what they were
    given for, outside the window); the timing ends the line.  Anything else stays unread.
    Among exclusions the line names who is excluded: ``locoregional_therapy within 4 weeks
    and hcc`` (negated, it excluded every patient never treated).
    """
    for k, t in enumerate(toks):
        m = _DONE_BEFORE.match(text, t.end) if t.type == "CONCEPT" else None
        if m is not None:
            subject, rest = toks[: k + 1], toks[k + 1 :]
            break
    else:
        return toks
    if any(t.end > m.end() for t in rest):
        return toks
    start = max(text.rfind(c, 0, subject[0].start) for c in ".;:") + 1
    lead = _DURATION_LEAD.match(text, start)
    if lead is None:
        return toks
    # "Prior chemotherapy must be completed …": the history cue is the lead-in's
    while subject and subject[0].type == "HISTORY" and subject[0].end <= lead.end():
        subject = subject[1:]
    first = subject[0] if subject else None
    if first is None or first.start != lead.end():
        return toks
    treated = 0  # how many tokens name the treatments (the window goes after them)
    for j, t in enumerate(subject):
        gap = text[subject[j - 1].end : t.start] if j else ""
        if t.type in ("OR", "AND", "COMMA") and j and _SUBJECT_GAP.fullmatch(gap):
            continue
        if t.type != "CONCEPT":
            return toks
        c = vocab.concepts.get(str(t.value))
        if c is None or c.numeric:
            return toks
        if treated == 0 and j and _FOR_GAP.fullmatch(gap) and c.kind == "condition":
            treated = j  # "… for HCC": the indication
        elif treated or c.kind not in _TREATMENT_KINDS or not _SUBJECT_GAP.fullmatch(gap):
            return toks
    treated = treated or len(subject)
    if subject[treated - 1].type != "CONCEPT":
        return toks
    amount = parse_number(m["n"])
    s, e = first.start, subject[-1].end
    window = Tok("WINDOW", (amount, TIME_UNITS[m["u"].lower()]), e, m.end())
    # "Chemotherapy, radiotherapy and surgery must be completed …": each of them, so any one
    # given in the window is too recent (read "and", a recent one alone did not count)
    treatments = [
        Tok("OR", "or", t.start, t.end) if t.type in ("AND", "COMMA") else t
        for t in subject[:treated]
    ]
    inside = [*treatments, window, *subject[treated:]]
    if kind == "exclusion":
        return inside
    return [
        Tok("NOT", "not", s, s),
        Tok("LPAREN", "(", s, s),
        *inside,
        Tok("RPAREN", ")", m.end(), m.end()),
    ]


# "… or likely within the next 6 months", "… or planned to be initiated in the following 6
# months": a look-ahead eligo cannot check
_FORWARD_ALTERNATIVE = re.compile(
    r"(?:is\s+|are\s+)?(?:likely|planned|scheduled|expected|anticipated|intended)\b", re.I
)


@_needs("WINDOW OR WORD", words=("likely", "planned", "scheduled", "expected", "anticipated"))
def _forward_alternative(toks: list[Tok], text: str) -> list[Tok]:
    """ "Transplantation in the past 6 months or likely within the next 6 months": the unread
    look-ahead is an alternative to everything before it, ``(X within 6 months) or
    unparsed(…)``.  Juxtaposed ("X and unparsed(…)" or "X and (window or unparsed)"), a
    patient whose antiviral treatment was only planned was cleared by having none yet.  A
    leading "no" keeps both alternatives under it.  Only where the look-ahead ends the line
    right after a window."""
    if len(toks) < 4:
        return toks
    window, link, ahead = toks[-3:]
    if not (
        window.type == "WINDOW"
        and link.type == "OR"
        and ahead.type == "WORD"
        and _FORWARD_ALTERNATIVE.match(text, ahead.start)
    ):
        return toks
    head = toks[:1] if toks[0].type == "NOT" else []
    body = toks[len(head) : -2]
    if not any(t.type == "CONCEPT" for t in body):
        return toks
    s, e = body[0].start, ahead.end
    return [
        *head,
        Tok("LPAREN", "(", s, s),
        Tok("LPAREN", "(", s, s),
        *body,
        Tok("RPAREN", ")", window.end, window.end),
        link,
        ahead,
        Tok("RPAREN", ")", e, e),
    ]


# "Subject has been diagnosed with T2DM for at least 6 months", "Previous treatment with
# sorafenib for more than 4 weeks", "Chronic immunosuppressive therapy (for ≥3 months)": how
# long the named condition or treatment has lasted (see nodes.Mention.lasting).  Read only
# where the concept is plainly the subject: the words before it (from the sentence start)
# are only these lead-ins, so "Hospitalization for heart failure for 3 days" (the stay
# lasted), "No steroids for 4 weeks" (a washout), "expected to stay in ICU for 3 days" (ahead)
# or "A or B for 6 months" (which lasted?) stay unread.
_QUALITY = (
    r"(?:(?:known|documented|established|confirmed|previous|prior|past|current|ongoing|"
    r"chronic|stable)\s+)*"
)
_DURATION_LEAD = re.compile(
    r"\s*(?:(?:the\s+)?(?:subjects?|patients?|participants?)\s+(?:who\s+)?"
    r"(?:(?:has|have|is|are)\s+)?(?:been\s+)?)?"
    r"(?:(?:with|on|taking|receiving|using)\s+)?(?:(?:a|an|the)\s+)?"
    + _QUALITY
    + r"(?:(?:diagnosed\s+with|diagnosis\s+of|treatment\s+with|treated\s+with|therapy\s+with|"
    r"use\s+of|administration\s+of)\s+)?(?:(?:a|an|the)\s+)?" + _QUALITY,
    re.IGNORECASE,
)
# "T2DM for at least 6 months", "metformin therapy for a period of more than 8 weeks",
# "diabetes lasting > 10 years": a lower bound only (see _durations)
_DURATION = re.compile(
    r"\s*(?:(?:therapy|treatment|use|intake)\s+)?(?:(?P<for>for)|lasting)\s+"
    r"(?:a\s+(?:period|duration)\s+of\s+)?"
    r"(?P<cmp>at\s+least|(?:a\s+)?minimum\s+(?:(?:period|duration)\s+)?of|no\s+less\s+than"
    r"|not\s+less\s+than|>=|≥"
    r"|more\s+than|greater\s+than|longer\s+than|in\s+excess\s+of|over|>)\s*"
    rf"(?P<n>{_NUM}|{_NUMW})\s*(?P<u>days?|weeks?|months?|years?)(?![A-Za-z])",
    re.IGNORECASE,
)
_MORE_THAN = re.compile(
    r"more\s+than|greater\s+than|longer\s+than|in\s+excess\s+of|over|>", re.IGNORECASE
)
# after the unit: the screening-anchored end of the span, said or not
_DURATION_END = re.compile(
    rf"\s*(?:(?:prior\s+to|before|preceding)\s+(?:the\s+)?(?:{_ANCHOR_ALT})(?![A-Za-z]))?",
    re.IGNORECASE,
)
_CHRONIC = re.compile(r"chronic|long[\s\-]term|prolonged", re.IGNORECASE)
# "metformin therapy for at least 8 weeks at a dose of ≥1500 mg per day": the dose is the
# treatment's, read (or left unread) on its own
_AT_DOSE = re.compile(r"\s*at\s+a\s+(?:stable\s+)?dose\b", re.IGNORECASE)
# what may follow a read duration: nothing, a connective, a look-back window, a clause end
_AFTER_DURATION = frozenset(["COMMA", "RPAREN", "AND", "OR", "WINDOW"])


@_needs("CONCEPT", words=("for", "lasting"))
def _durations(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """``CONCEPT for <cmp> N <time unit>`` (or ``CONCEPT (for <cmp> N <unit>)``) becomes
    ``CONCEPT LASTING``: the concept (a condition, medication or procedure) lasted that long.

    Only where the reading is certain: the comparator is > or >= (a lower bound: one item that
    lasted long enough shows it; "for less than a year" would need every record of it, so it
    stays unread); the number is whole
    and the unit days to years; the concept leads its sentence (:data:`_DURATION_LEAD`); and
    the duration ends the clause, or is followed by a connective, a look-back window or the
    screening anchor ("prior to randomisation").  Anything else keeps today's tokens (the
    duration then stays unread).
    """
    out: list[Tok] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        read = _duration_at(toks, i, text, vocab) if t.type == "CONCEPT" else None
        if read is None:
            out.append(t)
            i += 1
            continue
        lasting, upto = read
        if (
            toks[i + 1].type == "LPOST"
            and out
            and out[-1].type == "MOD"
            and _CHRONIC.fullmatch(text[out[-1].start : out[-1].end])
        ):
            out.pop()  # "Chronic immunosuppressive therapy (for ≥3 months)": what chronic means
        out.append(t)
        out.append(Tok("LASTING", lasting, toks[i + 1].start, toks[upto - 1].end))
        i = upto
    return out


def _duration_at(
    toks: list[Tok], i: int, text: str, vocab: Vocabulary
) -> tuple[tuple[str, float, str], int] | None:
    """The duration after concept ``toks[i]`` and the index past its tokens, or ``None``.

    Read from the text (the tokens the lexer made of it — a comparator, or one unread word
    for "lasting more than 10 years" — must lie inside the phrase)."""
    concept = toks[i]
    c = vocab.concepts.get(str(concept.value))
    if c is None or c.kind not in ("condition", "medication", "procedure") or c.numeric:
        return None
    prev = toks[i - 1] if i else None
    if prev is not None and (
        prev.type in ("OR", "AND", "NOT", "LPOST") or (prev.type == "COMMA" and prev.value == ",")
    ):
        return None
    paren = i + 1 < len(toks) and toks[i + 1].type == "LPOST"
    if paren and not re.fullmatch(
        r"\s*(?:(?:therapy|treatment|use)\s+)?", text[concept.end : toks[i + 1].start]
    ):
        return None
    m = _DURATION.match(text, toks[i + 1].end if paren else concept.end)
    if m is None or (paren and not m["for"]):
        return None
    amount = parse_number(m["n"])
    if amount != int(amount) or not 0 < amount <= 1000:
        return None
    upto = i + 2 if paren else i + 1
    while upto < len(toks) and toks[upto].start < m.end():
        if toks[upto].end > m.end():
            return None  # a token running past the phrase: read otherwise
        upto += 1
    if paren:
        if (
            upto >= len(toks)
            or toks[upto].type != "RPAREN"
            or text[m.end() : toks[upto].start].strip()
        ):
            return None
        upto += 1
    else:
        tail = _DURATION_END.match(text, m.end())
        end = tail.end() if tail else m.end()
        while upto < len(toks) and toks[upto].end <= end:
            upto += 1  # "before screening" read as a word: the anchor, which eligo takes
        if upto < len(toks) and toks[upto].start < end:
            return None
        nxt = toks[upto] if upto < len(toks) else None
        if nxt is None:
            if not re.fullmatch(r"[\s.;]*", text[end:]):
                return None
        elif (
            nxt.type not in _AFTER_DURATION or text[end : nxt.start].strip(" ,;.")
        ) and not _AT_DOSE.match(text, end):
            return None  # "… for 6 months after the last dose": not how long it has lasted
    start = max(text.rfind(c, 0, concept.start) for c in ".;:") + 1
    lead = _DURATION_LEAD.match(text, start)
    if lead is None or lead.end() != concept.start:
        return None
    op = ">" if _MORE_THAN.fullmatch(m["cmp"]) else ">="
    return (op, amount, TIME_UNITS[m["u"].lower()]), upto


@_needs("CONCEPT WORD OR CMP")
def _defining_alternative(toks: list[Tok], vocab: Vocabulary) -> list[Tok]:
    """ "Chronic organic renal failure stage IV and V or eGFR < 20 ml/min": a threshold on a
    measure that defines the condition (its ``defined_by``) is an alternative to the whole
    qualified condition, not to the unread qualifier right before the "or".

    Bound to the qualifier (``renal_failure and (unparsed("stage IV and V") or egfr < 20)``)
    a patient with eGFR 15 and no renal failure coded did not meet the exclusion.  Only a
    line that is one qualified condition, "or", and one comparison of its defining measure."""
    depth = 0
    ors = []
    for i, t in enumerate(toks):
        depth += t.type in ("LPAREN", "LPOST")
        depth -= t.type == "RPAREN"
        if t.type in ("COMMA", "EXCEPT", "NOT", "LPAREN", "LPOST"):
            return toks
        if t.type == "OR" and depth == 0:
            ors.append(i)
    if len(ors) != 1:
        return toks
    k = ors[0]
    left, right = toks[:k], toks[k + 1 :]
    heads = [t for t in left if t.type == "CONCEPT"]
    if (
        len(heads) != 1
        or k < 2
        or left[-1].type != "WORD"
        or any(t.type not in ("MOD", "CONCEPT", "WORD", "AND") for t in left)
        or [t.type for t in right[:3]] != ["CONCEPT", "CMP", "NUMBER"]
        or any(t.type not in ("UNIT", "ULN") for t in right[3:])
    ):
        return toks
    head = vocab.concepts.get(str(heads[0].value))
    if head is None or right[0].value not in (*head.defined_by, head.measured_by):
        return toks
    return [
        Tok("LPAREN", "(", left[0].start, left[0].start),
        *left,
        Tok("RPAREN", ")", left[-1].end, left[-1].end),
        *toks[k:],
    ]


_DURATION_UNITS = frozenset(("d", "wk", "mo", "a"))


@_needs("CONCEPT OR CMP NUMBER UNIT")
def _shared_duration(toks: list[Tok], vocab: Vocabulary) -> list[Tok]:
    """ "Positive hepatitis B surface antigen or HBV DNA > 0.5 year": chronic infection - the
    trailing duration is how long either finding lasted, so it covers the first item too.

    The last item is a measurement, whose value a time cannot bound, so the duration is not
    its threshold.  Read as ``hbv or …`` the first item took no duration and an acute HBV
    met the line.  The first item (a condition or treatment) gets the duration as
    ``lasting`` (half a year as 6 months); the measured item stays as it was (unread)."""
    types = [t.type for t in toks]
    if types != ["CONCEPT", "OR", "CONCEPT", "CMP", "NUMBER", "UNIT"]:
        return toks
    a, _, b, cmp, num, unit = toks
    ca, cb = vocab.concepts.get(str(a.value)), vocab.concepts.get(str(b.value))
    if (
        ca is None
        or cb is None
        or ca.kind not in ("condition", "medication")
        or ca.numeric
        or not cb.numeric
        or unit.value not in _DURATION_UNITS
        or cmp.value not in (">", ">=")
    ):
        return toks
    amount, u = float(num.value), str(unit.value)  # type: ignore[arg-type]
    if amount != int(amount) and u == "a" and amount * 12 == int(amount * 12):
        amount, u = amount * 12, "mo"
    if amount != int(amount) or amount <= 0:
        return toks
    lasting = Tok("LASTING", (cmp.value, amount, u), cmp.start, unit.end)
    return [a, lasting, *toks[1:]]


@_needs("OR SEX CONCEPT")
def _childbearing_item(toks: list[Tok]) -> list[Tok]:
    """ "Pregnant, lactating women or potentially childbearing patients not using adequate
    contraception": two items, not one whose people are "women or childbearing patients".

    A sex noun that ends an item before "or", when a qualified childbearing potential
    follows, closes that item; each side is grouped so that what qualifies the second
    ("not using contraception") stays with it.
    """
    depth = 0
    for i, t in enumerate(toks):
        depth += t.type in ("LPAREN", "LPOST")
        depth -= t.type == "RPAREN"
        if (
            depth == 0
            and i > 0
            and i + 2 < len(toks)
            and t.type == "OR"
            and toks[i - 1].type == "SEX"
            and toks[i + 1].type == "CONCEPT"
            and toks[i + 1].value == "childbearing_potential"
            and toks[i + 2].type not in ("COMMA", "OR", "AND", "RPAREN")
        ):
            left, right = toks[:i], toks[i + 1 :]
            if not any(x.type in ("LPAREN", "LPOST", "RPAREN") for x in left + right):
                return [
                    Tok("LPAREN", "(", left[0].start, left[0].start),
                    *left,
                    Tok("RPAREN", ")", left[-1].end, left[-1].end),
                    t,
                    Tok("LPAREN", "(", right[0].start, right[0].start),
                    *right,
                    Tok("RPAREN", ")", right[-1].end, right[-1].end),
                ]
    return toks


_WILLING = re.compile(r"(?:un)?willing(?:ness)?\b", re.IGNORECASE)
_OBJECT_ENDS = frozenset(["COMMA", "OR", "RPAREN", "LPAREN", "LPOST", "EXCEPT", "NOT"])


@_needs("NOT CONCEPT", words=("willing",))
def _unwilling_objects(toks: list[Tok], text: str) -> list[Tok]:
    """ "WOCBP not willing to use highly effective method(s) of birth control": what one is
    unwilling to do is no fact of the record, so the whole object stays unread.

    Read as ``not unparsed("willing") and unparsed("use") and contraception`` the object
    was asked as a present fact: a woman not (yet) on contraception did not meet the
    exclusion, though she may be the unwilling one it names."""
    out = list(toks)
    i = 0
    while i < len(out):
        t = out[i]
        if t.type != "NOT" or i + 1 >= len(out):
            i += 1
            continue
        nxt = out[i + 1]
        if not (
            _WILLING.search(text, t.start, t.end)
            or (nxt.type in ("WORD", "MOD") and _WILLING.match(text, nxt.start))
        ):
            i += 1
            continue
        j = i + 1
        while j < len(out) and out[j].type not in _OBJECT_ENDS:
            j += 1
        if j == i + 1 or not any(x.type == "CONCEPT" for x in out[i + 1 : j]):
            i += 1
            continue
        start, end = out[i + 1].start, out[j - 1].end
        out[i + 1 : j] = [Tok("WORD", text[start:end], start, end)]
        i += 2
    return out


# "Failure to give informed consent", "failed to respond to": the word that says it did not
# happen, and the "to" after it
_FAILED_TO = re.compile(r"(?:fail(?:ure|ed|s)?)\s+to\b", re.IGNORECASE)


@_needs("CONCEPT", words=("fail",))
def _failed_objects(toks: list[Tok], text: str) -> list[Tok]:
    """ "Failure to give informed consent from family members": what failed is what did not
    happen, so the object stays unread with the failure (up to the next list break).

    Read as ``unparsed("Failure") and consent and …`` the failed act was asked as a present
    fact: a patient without consent met none of the exclusion and was cleared by it, though
    a failure to consent is exactly what it excludes (NCT03866083)."""
    out = list(toks)
    i = 0
    while i < len(out):
        t = out[i]
        # the failure word is (in) this unread token: "Failure", "treatment failure"
        m = _FAILED_TO.search(text, t.start) if t.type in ("WORD", "MOD") else None
        if m is None or m.start() >= t.end:
            i += 1
            continue
        j = i + 1
        while j < len(out) and out[j].type not in _OBJECT_ENDS:
            j += 1
        if not any(x.type == "CONCEPT" for x in out[i + 1 : j]):
            i += 1
            continue
        start, end = t.start, out[j - 1].end
        out[i:j] = [Tok("WORD", text[start:end], start, end)]
        i += 1
    return out


# "… or patients not likely to …": the alternative names its own patients
_SUBJECT = re.compile(r"\b(?:patients?|subjects?|participants?|individuals?)\b", re.IGNORECASE)
_OR_SUBJECT = re.compile(r"\s*(?:patients?|subjects?|participants?|individuals?)\b", re.I)
# "…, or anticipation of the need for major surgery during the course of the study": a
# look-ahead opening the alternative (NCT02442531 read "major_surgery and … and (… or
# (unparsed(\"anticipation\") and major_surgery)) and …": no surgery yet, none excluded)
_ALTERNATIVE_WORDS = (
    *("patient", "subject", "participant", "individual"),
    *("anticipat", "planned", "likely", "expected", "intended"),
)
_OR_AHEAD = re.compile(
    r"\s*(?:the\s+)?(?:anticipation|anticipated|planned|likely|expected|intended)\b", re.I
)


@_needs(
    "OR",
    words=_ALTERNATIVE_WORDS,
)
def _new_subject_alternative(toks: list[Tok], text: str) -> list[Tok]:
    """ "Documented persistent atrial arrhythmia at the moment of enrolment or patients not
    likely to remain in sinus rhythm for the duration of the study": an "or" that opens a new
    subject ("or patients …") joins two whole statements, not the words either side of it.

    Read "arrhythmia and (unparsed(…) or unlikely_to_remain_in_sinus_rhythm) and …", a
    patient unlikely to stay in sinus rhythm but with no recorded arrhythmia was not
    excluded (NCT03938090).  Only where no subject was named before the "or": "X in patients
    with A or patients with B" may share its X.
    """
    depth = 0
    for i, t in enumerate(toks):
        if t.type == "LPAREN":
            depth += 1
        elif t.type == "RPAREN":
            depth -= 1
        elif (
            t.type == "OR"
            and depth == 0
            and 0 < i < len(toks) - 1
            and (
                (_OR_SUBJECT.match(text, t.end) and not _SUBJECT.search(text, 0, t.start))
                or _OR_AHEAD.match(text, t.end)
            )
        ):
            s, e = toks[0].start, toks[-1].end
            ahead = _OR_AHEAD.match(text, t.end)
            if ahead is not None:
                # what is only anticipated is in no record: the whole alternative stays unread
                a = ahead.start() + len(ahead.group()) - len(ahead.group().lstrip())
                return [
                    Tok("LPAREN", "(", s, s),
                    *toks[:i],
                    Tok("RPAREN", ")", t.start, t.start),
                    t,
                    Tok("WORD", text[a:e], a, e),
                ]
            return [
                Tok("LPAREN", "(", s, s),
                *toks[:i],
                Tok("RPAREN", ")", t.start, t.start),
                t,
                Tok("LPAREN", "(", t.end, t.end),
                *toks[i + 1 :],
                Tok("RPAREN", ")", e, e),
            ]
    return toks


# "participating", "receiving": an unread verb the negation reaches
_VERB_ING = re.compile(r"[A-Za-z]+ing$")


@_needs("NOT OR CONCEPT")
def _negated_verb_pair(toks: list[Tok], text: str) -> list[Tok]:
    """ "Patient must not be participating or intending to participate in a concurrent
    interventional therapeutic trial": "not" covers both unread verbs, and the second's
    object with them.

    Read ``(not unparsed("participating") or unparsed("intending")) and … and
    other_trial_participation``, the trial was required: every patient in no other trial
    failed the inclusion (NCT03868163).  The second verb and its object become one unread
    alternative, so the "not" heads the pair (unread, unknown) instead of the first word.
    """
    out = list(toks)
    for i in range(len(out) - 4):
        a, w, o, v = out[i : i + 4]
        if not (
            a.type == "NOT"
            and w.type == "WORD"
            and _VERB_ING.match(str(w.value))
            and o.type == "OR"
            and text[o.start : o.end].lower() == "or"
            and v.type == "WORD"
            and _VERB_ING.match(str(v.value))
        ):
            continue
        j = i + 4
        while j < len(out) and out[j].type == "MOD":
            j += 1
        if j >= len(out) or out[j].type != "CONCEPT":
            continue
        out[i + 3 : j + 1] = [Tok("WORD", text[v.start : out[j].end], v.start, out[j].end)]
        break
    return out


# "… are allowed", and "Patients may receive hydroxyurea …" / "may have received prior X":
# what a patient may have is permitted, not asked (NCT02141828 read "may receive … and/or
# glucocorticoids" under its header as "chemotherapy and … corticosteroids": every patient
# on neither failed the inclusion)
@_needs("CONCEPT WORD WINDOW")
def _window_over_unread(toks: list[Tok], vocab: Vocabulary) -> list[Tok]:
    """ "Malignancy requiring therapy within 2 years": the window read after the unread
    words ("therapy") dates the condition too, so the condition takes a copy of it.

    Read ``cancer and unparsed("therapy") and unparsed("within 2 years")`` the condition was
    asked as current: a patient whose cancer was treated and resolved a year ago was not
    excluded (NCT02521181).  The unread words and their window stay unread beside it, so
    the copy can only turn a decided answer into an open one, never decide one.  Conditions
    only: a measure or treatment before unread words ("creatinine doubling within 3 months")
    is no state the window dates.  A parenthesis naming the treatments may stand between
    the unread words and the window (:func:`_treatment_examples_end`)."""
    out = list(toks)
    i = 0
    while i < len(out) - 2:
        name = str(out[i].value)
        if out[i].type == "CONCEPT" and name in vocab and vocab[name].kind == "condition":
            j = i + 1
            while j < len(out) and j - i <= 2 and out[j].type == "WORD":
                j += 1
            if j > i + 1 and j < len(out) and out[j].type == "LPOST":
                j = _treatment_examples_end(out, j)
            if j > i + 1 and j < len(out) and out[j].type == "WINDOW":
                w = out[j]
                out.insert(i + 1, Tok("WINDOW", w.value, w.start, w.end))
                i = j + 2
                continue
        i += 1
    return out


def _treatment_examples_end(toks: list[Tok], at: int) -> int:
    """After "infection requiring treatment": the index past a parenthesis naming the
    treatments ("(systemic antibiotics, antivirals, or antifungals)"), else ``at``.

    NCT01857115 "Acute active infection requiring treatment (…) within 14 days prior to
    randomization": the window bounded the drugs only, and the infection was asked as
    current, so an infection treated last week and resolved did not exclude."""
    close = _group_end(toks, at)
    if close is None:
        return at
    inside = toks[at + 1 : close]
    if not inside or any(t.type not in ("CONCEPT", "COMMA", "OR", "MOD") for t in inside):
        return at
    return close + 1


_PERMITS = re.compile(
    r"\b(?:allowed|permitted|may\s+(?:have\s+)?(?:be\s+)?"
    r"(?:receiv(?:e|ed|ing)|tak(?:e|en|ing)|us(?:e|ed|ing)|continue))\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;](?=\s|$)")


def _enclosing_parens(text: str, pos: int) -> tuple[int, int] | None:
    """The text span inside the innermost parenthesis around ``pos``, if it is closed."""
    depth, o = 0, -1
    for i in range(pos - 1, -1, -1):
        ch = text[i]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                o = i
                break
            depth -= 1
    if o < 0:
        return None
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0:
                return o + 1, i
            depth -= 1
    return None


@_needs(words=("allowed", "permitted", "may "))
def _permissions(toks: list[Tok], text: str, kind: str) -> list[Tok]:
    """ "Concurrent steroids for … intracranial pressure allowed if on a stable dose",
    "Seizure disorder is allowed provided it is well-controlled": in an inclusion an allowed
    item permits something; it is never required.

    Read as its words (``corticosteroids and unparsed(…)``) the inclusion failed every
    patient without the item.  The permitting sentence (or parenthesis) stays unread; the
    rest of the line is read as before.  (Among exclusions ``X and unparsed("allowed")`` is
    already right: a patient without X is not excluded by it.)"""
    if kind != "inclusion":
        return toks
    out = list(toks)
    for m in reversed(list(_PERMITS.finditer(text))):
        paren = _enclosing_parens(text, m.start())
        if paren is not None:
            s, e = paren
        else:
            starts = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
            s = starts[-1] if starts else 0
            # "Hemoglobin >= 9 g/dL and transfusions are allowed …": the threshold the line
            # asks for is no part of what it permits
            asked = [
                t.end
                for j, t in enumerate(out)
                if t.type == "AND"
                and s <= t.start < m.start()
                and any(u.type in ("CMP", "BCMP", "BETWEEN") for u in out[:j] if u.start >= s)
            ]
            s = asked[-1] if asked else s
            nxt = _SENTENCE_END.search(text, m.end())
            e = nxt.start() if nxt else len(text)
        inside = [
            i
            for i, t in enumerate(out)
            if (t.start >= s and t.end <= e and t.type not in ("LPAREN", "LPOST", "RPAREN"))
            or (t.type in ("LPAREN", "LPOST", "RPAREN") and s < t.start < e)
        ]
        if not inside:
            continue  # nothing of it read ("(… transfusions allowed)" was left out)
        a, b = inside[0], inside[-1] + 1
        span = out[a:b]
        depth = 0
        for t in span:
            depth += t.type in ("LPAREN", "LPOST")
            depth -= t.type == "RPAREN"
            if depth < 0:
                break
        if not span or depth != 0:
            continue
        start, end = span[0].start, max(span[-1].end, m.end())
        out[a:b] = [Tok("WORD", text[start:end], start, end)]
    return out


# "Women of child-bearing potential and men must use …": what the two populations must do
_POPULATION_DUTY = re.compile(
    r"\s*(?:\([A-Za-z]{2,8}\)\s*)?(?:must|should|shall|are\s+required\s+to|need\s+to)\b", re.I
)


_AND_ANY = re.compile(r"\s*any\b", re.IGNORECASE)


@_needs("AND", words=("any",))
def _and_any_item(toks: list[Tok], text: str, kind: str) -> list[Tok]:
    """ "Active GI bleeding and any bleeding diathesis or coagulopathy …": among exclusions,
    "and any" opens an item of its own, excluded by itself.

    NCT01887717 read "gi_bleeding and bleeding_diathesis": a patient with active GI bleeding
    and no diathesis was not excluded.  An exclusion reads such an "and" (with no negation
    before it) as "or", the stricter read; an inclusion keeps asking for both."""
    if kind != "exclusion":
        return toks
    out = list(toks)
    for i, t in enumerate(out):
        if t.type == "NOT":
            break  # a negation's scope may hold the "and": left as it is
        if t.type == "AND" and _AND_ANY.match(text, t.end):
            out[i] = Tok("OR", "or", t.start, t.end)
    return out


# "Male subjects must agree to practice contraception": one sex as the population held to a
# duty (read "sex = male and … contraception", the inclusion failed every woman)
_SEX_DUTY = re.compile(
    r"(?:\s+(?:subjects?|patients?|participants?))?(?=\s*(?:must|should|shall)\b)", re.I
)


@_needs("CONCEPT", "SEX", words=("must", "should", "shall", "required", "need"))
def _population_pair(toks: list[Tok], text: str, kind: str) -> list[Tok]:
    """ "Women of child-bearing potential and men must use adequate contraception": the
    "and" joins two populations, each held to the requirement; nobody is both.

    Read as ``childbearing_potential and sex = male and contraception`` the inclusion could
    be met by no one.  An inclusion reads ``not (childbearing_potential or sex = male) or
    (requirement)``: others are not held to it, and either population must meet it.  One
    population alone ("Women of child-bearing potential must utilize appropriate birth
    control") reads ``not childbearing_potential or (requirement)``: read as ``… and
    contraception`` it failed every man and every woman past childbearing age."""
    if kind != "inclusion" or len(toks) < 2 or _MUST_HAVE.match(text):
        return toks  # "Women of … must have / be …": the conditional reading of _must_have
    a = toks[0]
    sex = None
    if (
        (
            (a.type == "CONCEPT" and a.value == "childbearing_potential")
            or (a.type == "SEX" and (sex := _SEX_DUTY.match(text, a.end)) is not None)
        )
        and _POPULATION_DUTY.match(text, sex.end() if a.type == "SEX" and sex else a.end)
        and toks[1].type not in ("AND", "OR", "COMMA", "RPAREN")
        and not any(t.type in ("SEX", "EXCEPT") for t in toks[1:])
        and toks[-1].end > a.end
    ):
        rest = toks[1:]
        e = rest[-1].end
        return [
            Tok("NOT", "not", a.start, a.start),
            a,
            Tok("OR", "or", rest[0].start, rest[0].start),
            Tok("LPAREN", "(", rest[0].start, rest[0].start),
            *rest,
            Tok("RPAREN", ")", e, e),
        ]
    if len(toks) < 4:
        return toks
    a, conj, b = toks[0], toks[1], toks[2]
    pair = {a.type, b.type}
    if (
        conj.type != "AND"
        or pair != {"CONCEPT", "SEX"}
        or "childbearing_potential" not in (a.value, b.value)
        or not _POPULATION_DUTY.match(text, max(a.end, b.end))
        or any(t.type == "EXCEPT" for t in toks[3:])
    ):
        return toks
    rest = toks[3:]
    if any(t.type == "SEX" for t in rest):
        # "… Men should use adequate birth control for …": a duty of one population only;
        # read in the shared requirement it would fail the other one, so it stays unread
        rest = [Tok("WORD", text[rest[0].start : rest[-1].end], rest[0].start, rest[-1].end)]
    s, e = a.start, rest[-1].end
    return [
        Tok("NOT", "not", s, s),
        Tok("LPAREN", "(", s, s),
        a,
        Tok("OR", "or", conj.start, conj.end),
        b,
        Tok("RPAREN", ")", b.end, b.end),
        Tok("OR", "or", rest[0].start, rest[0].start),
        Tok("LPAREN", "(", rest[0].start, rest[0].start),
        *rest,
        Tok("RPAREN", ")", e, e),
    ]


_POSTFIX_GAP = re.compile(r"[\s\-:]*(?:(?:is|was|are|status)[\s:]*)?[\s.;,)\]]*", re.I)


_OR_ALTERNATIVE = re.compile(
    r"(?<![A-Za-z])(?P<head>[A-Za-z][A-Za-z\-]*)\s*(?P<alt>\(\s*or\s+(?P<other>[A-Za-z][A-Za-z\s\-]{0,40}?)\s*\))"
    r"(?P<tail>(?:\s+[A-Za-z][A-Za-z\-]*){1,3})",
    re.IGNORECASE,
)

_OR_OPENING = re.compile(r"\(\s*or\s", re.IGNORECASE)  # what every _OR_ALTERNATIVE match holds


def _blank_same_alternative(text: str, phrases: Mapping[str, str]) -> str:
    """Blank "(or atrial paced)" in "Sinus (or atrial paced) rhythm" when both readings,
    "sinus rhythm" and "atrial paced rhythm", are phrases of one concept: the alternative
    names nothing more, and the phrase it interrupts is read whole.

    >>> _blank_same_alternative("Sinus (or atrial paced) rhythm with", {
    ...     "sinus rhythm": "r", "atrial paced rhythm": "r"})
    'Sinus                   rhythm with'
    """
    if not _OR_OPENING.search(text):
        return text  # a scan for "(or" is far cheaper than the whole pattern at every word
    out = text
    for m in _OR_ALTERNATIVE.finditer(text):
        words = m.group("tail").split()
        for k in range(len(words), 0, -1):
            tail = " ".join(words[:k])
            cid = phrases.get(_phrase(f"{m.group('head')} {tail}"))
            if cid is not None and phrases.get(_phrase(f"{m.group('other')} {tail}")) == cid:
                a, b = m.span("alt")
                out = out[:a] + " " * (b - a) + out[b:]
                break
    return out


# the last one to six words of a text, read from the end of the reversed text: one match in
# place of six searches "(?:[A-Za-z0-9']+[\s\-]+){n - 1}[A-Za-z0-9']+$" (a "$"-anchored
# search tries every start position of the text; tests/test_speedups.py pins the two)
_LAST_WORDS_REVERSED = re.compile(r"[A-Za-z0-9']+(?:[\s\-]+[A-Za-z0-9']+){0,5}")
_WORD_RUN = re.compile(r"[A-Za-z0-9']+")


def _names_same(before: str, cid: str | None, phrases: Mapping[str, str]) -> bool:
    """Whether ``before`` ends with a vocabulary phrase of concept ``cid``: its last n words
    (what ``_LAST_WORDS[n - 1].search`` finds), n = 1 … 6, shortest first."""
    if cid is None:
        return False
    before = before.rstrip()
    tail = _LAST_WORDS_REVERSED.match(before[::-1])
    if tail is None:
        return False
    at = len(before) - tail.end()  # where the last (up to) six words start
    starts = [w.start() for w in _WORD_RUN.finditer(before, at)]
    for start in reversed(starts):
        if (start == 0 or not before[start - 1].isalnum()) and phrases.get(
            _phrase(before[start:])
        ) == cid:
            return True
    return False


@_needs("NOT CONCEPT", words=("negative", "undetectable"))
def _postfix_negation(toks: list[Tok], text: str) -> list[Tok]:
    """ "HBsAg negative", "HIV negative": the negation follows what it negates."""
    out = list(toks)
    for i in range(1, len(out)):
        if out[i].type != "NOT":
            continue  # (cheap test first: the rest asks for a NOT)
        word = text[out[i].start : out[i].end].lower()
        if (
            out[i].type == "NOT"
            and word in ("negative", "undetectable")
            and out[i - 1].type == "CONCEPT"
            and (i + 1 == len(out) or out[i + 1].type in ("COMMA", "AND", "OR", "RPAREN"))
            # next to what it negates and ending the item: "Females of child-bearing
            # potential must have a negative serum test" does not negate the potential
            and _POSTFIX_GAP.fullmatch(text[out[i - 1].end : out[i].start])
            and _POSTFIX_GAP.fullmatch(
                text[out[i].end : out[i + 1].start if i + 1 < len(out) else len(text)]
            )
        ):
            out[i - 1], out[i] = out[i], out[i - 1]
    return out


@_needs("CONCEPT", words=("within",))
def _within_criteria(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "hepatocellular carcinoma within the Milan criteria or …": one item, bound together.

    A fact right after a condition, joined by "within", qualifies that condition only, so it
    is grouped before "or" can split it.
    """
    if text.isascii() and "within" not in text.lower():
        return toks  # (no "within" to group by; outside ASCII, IGNORECASE may find one)

    def joined(a: Tok, b: Tok, after: Tok | None) -> bool:
        return (
            a.type == "CONCEPT"
            and b.type == "CONCEPT"
            and vocab[str(a.value)].kind == "condition"
            and vocab[str(b.value)].kind == "fact"
            and re.fullmatch(r"\s+within\s+(?:the\s+)?", text[a.end : b.start], re.I) is not None
        )

    return _group_pairs(toks, joined)


_MUST_HAVE = re.compile(
    r"\s*(?:patients|subjects|participants|women|females|men|males)\s+"
    r"(?:with|taking|receiving|on|of)\s+"
    r"(?:(?!\bmust\b)(?:[^;.]|\.(?=\d)))+?"
    r"\s(?P<must>must\s+(?:have|be))\s",
    re.IGNORECASE,
)
_AND_FOR_GROUP = re.compile(r"and\s+for\s+(?:patients|subjects|participants|pts)\b", re.I)
_FOR_GROUP = re.compile(
    r"\s*for\s+(?:(?:patients|pts|subjects|participants|children)\s+)?(?:aged\s+)?$", re.I
)

_GROUP_NOUN = re.compile(r"patients|pts|subjects|participants|children|aged", re.IGNORECASE)
_OF_AGE_AFTER = re.compile(r"\s*(?:of\s+age|old)(?![A-Za-z])", re.IGNORECASE)


@_needs("NUMBER UNIT", words=("for",))
def _for_age_group(toks: list[Tok], text: str) -> list[Tok]:
    """ "Karnofsky > 50% for pts > 12 years": the age group the threshold is asked of.

    Written as the postfix parenthetical "(patients > 12 years)" would be, so the resolver
    reads it the same way.
    """
    out = list(toks)
    i = 1
    while i + 2 < len(out):
        if out[i - 1].type not in ("UNIT", "ULN", "NUMBER"):
            i += 1  # (cheap test first: the rule below asks for one of these before i)
            continue
        j = i
        if out[j].type in ("WORD", "MOD") and str(out[j].value).lower() in ("pts", "pts."):
            j += 1
        age = out[j].type == "CONCEPT" and out[j].value == "age"
        k = j + 1 if age else j
        if (
            k + 2 < len(out)
            and out[i - 1].type in ("UNIT", "ULN", "NUMBER")
            # "> 50 g/d for > 6 months": after an amount per unit of time, how long it lasted
            and not (out[i - 1].type == "UNIT" and _PER_TIME.search(str(out[i - 1].value)))
            and out[k].type in ("CMP", "BCMP")
            and out[k + 1].type == "NUMBER"
            and out[k + 2].type == "UNIT"
            and out[k + 2].value in ("a", "mo")
            and (m := _FOR_GROUP.match(text[out[i - 1].end : out[i].start])) is not None
            # "ALT > 3 x ULN for more than 6 months" is how long, not for whom: a group
            # needs its noun, "aged", "age" or "… of age / old" after the unit
            and (
                j > i
                or age
                or _GROUP_NOUN.search(m.group(0)) is not None
                or _OF_AGE_AFTER.match(text, out[k + 2].end) is not None
            )
        ):
            cmp, num, unit = out[k], out[k + 1], out[k + 2]
            group = [
                Tok("LPOST", "(", out[i].start, out[i].start),
                Tok("CONCEPT", "age", cmp.start, cmp.start),
                Tok("CMP", cmp.value, cmp.start, cmp.end),
                num,
                unit,
                Tok("RPAREN", ")", unit.end, unit.end),
            ]
            out[i : k + 3] = group
            i += len(group)
            continue
        i += 1
    return out


@_needs("WORD NOT LPOST", words=("if",))
def _if_no_else(toks: list[Tok]) -> list[Tok]:
    """ "AST or ALT > 2.5 x ULN if no liver metastases (> 5x ULN in patients with liver
    metastases)": one threshold without the condition, another with it.

    ``HEAD CMP q if NOT X ( CMP q' X )`` at the end of the line becomes
    ``((HEAD CMP q) and not X) or ((HEAD CMP q') and X)``.
    """
    n = len(toks)
    for i, tok in enumerate(toks):
        if not (tok.type == "WORD" and str(tok.value).lower() == "if"):
            continue
        tail = [t.type for t in toks[i + 1 : i + 9]]
        if tail[:2] != ["NOT", "CONCEPT"] or tail[2:4] != ["LPOST", "BCMP"] or i + 8 > n:
            return toks  # (a line cut short after "(> 5" once raised IndexError here)
        cond, alt_cmp, alt_num, alt_unit = toks[i + 2], toks[i + 4], toks[i + 5], toks[i + 6]
        if (
            i + 8 > n
            or tail[4:8] != ["NUMBER", alt_unit.type, "CONCEPT", "RPAREN"]
            or alt_unit.type not in ("ULN", "UNIT")
            or toks[i + 7].value != cond.value
            or any(t.type != "COMMA" for t in toks[i + 9 :])
            or i < 3
            or toks[i - 3].type != "CMP"
            or toks[i - 1].type != alt_unit.type
        ):
            return toks
        head = toks[:i]
        alt = [*head[:-3], Tok("CMP", alt_cmp.value, alt_cmp.start, alt_cmp.end), alt_num, alt_unit]
        s, e = toks[0].start, toks[i + 8].end
        without = _and_group(head, [toks[i + 1], cond], s, e)
        return [*without, Tok("OR", "or", e, e), *_and_group(alt, [cond], s, e)]
    return toks


def _and_group(inner: list[Tok], condition: list[Tok], start: int, end: int) -> list[Tok]:
    """``((inner) and condition)`` as tokens; the added ones take no text."""
    return [
        Tok("LPAREN", "(", start, start),
        Tok("LPAREN", "(", start, start),
        *inner,
        Tok("RPAREN", ")", end, end),
        Tok("AND", "and", end, end),
        *condition,
        Tok("RPAREN", ")", end, end),
    ]


@_needs("WORD", words=("if",))
def _unread_condition(toks: list[Tok], text: str) -> list[Tok]:
    """ "ALP > 2.5 x ULN if no liver metastases (> 5 x ULN in patients with …)": a condition
    eligo cannot read runs, unread, to the end of its sentence.

    Read piecemeal, its parts ("no liver metastases", "> 5 x ULN") were ANDed with the
    threshold and could decide the line the wrong way.
    """
    for i, tok in enumerate(toks):
        if i == 0 or not (tok.type == "WORD" and str(tok.value).lower() == "if"):
            continue
        depth = 0
        j = i + 1
        while j < len(toks):
            t = toks[j]
            if depth == 0 and t.type in ("COMMA", "RPAREN") and t.value in (".", ";", ")"):
                break
            depth += t.type in ("LPAREN", "LPOST")
            depth -= t.type == "RPAREN"
            j += 1
        if j == i + 1:
            continue
        end = max(t.end for t in toks[i:j])
        word = Tok("WORD", text[tok.start : end], tok.start, end)
        return [*toks[:i], word, *_unread_condition(toks[j:], text)]
    return toks


_DASH = re.compile(r"\s*[-–—]\s*")


@_needs("WORD", words=("if",))
def _dashed_case(toks: list[Tok], text: str) -> list[Tok]:
    """ "Fever (temperature >38.5°C) - if fever is between 37°C and 38.5°C, infection must be
    excluded as a cause": among exclusions, a case set off by a dash after a read criterion
    is a further way to be excluded, an alternative to it.

    Joined to it by juxtaposition ("and"), the unread case made the read threshold
    necessary: a patient at 38°C whose fever came from an infection was cleared
    (NCT01288573).  As an alternative the case keeps the line open below the threshold."""
    for i in range(1, len(toks)):
        tok, prev = toks[i], toks[i - 1]
        if (
            tok.type == "WORD"
            and text[tok.start : tok.end].lower().startswith("if ")
            and prev.type in ("RPAREN", "NUMBER", "UNIT", "ULN", "CONCEPT", "CATEGORY")
            and _DASH.fullmatch(text[prev.end : tok.start])
        ):
            return [*toks[:i], Tok("OR", "or", prev.end, tok.start), *toks[i:]]
    return toks


@_needs("LPOST NUMBER TO UNIT RPAREN CONCEPT")
def _restated_range(toks: list[Tok], vocab: Vocabulary) -> list[Tok]:
    """ "Serum potassium < 3.3 or >= 5.5 mEq/L (must be 3.5-5.5 mEq/L prior to …)": a range
    alone in parentheses, with a unit, restates the measure just named; its concept is
    written in (no text) so the range reads as one on that measure.  The unit must suit it
    (checked when the range is resolved), or the range stays unread.
    """
    out = list(toks)
    for i in range(len(out) - 5, 0, -1):
        if not (
            out[i].type == "LPOST"
            and [t.type for t in out[i + 1 : i + 6]] == ["NUMBER", "TO", "NUMBER", "UNIT", "RPAREN"]
        ):
            continue
        concept = next((t for t in reversed(out[:i]) if t.type == "CONCEPT"), None)
        if concept is None or not vocab[str(concept.value)].numeric:
            continue
        at = out[i + 1].start
        out.insert(i + 1, Tok("CONCEPT", concept.value, at, at))
    return out


@_needs("SEX NUMBER")
def _sex_bounds(toks: list[Tok]) -> list[Tok]:
    """ "Hemoglobin >= 12 g/dL in women and >= 13 g/dL in men": each threshold is its sex's.

    ``[CONCEPT] CMP NUMBER [UNIT] [WORD] SEX`` becomes one group, so "and"/"or" between two of them
    joins the groups (``(hb >= 12 and female) and (hb >= 13 and male)``, which
    ``_Resolver.combine`` reads as one threshold per sex) instead of binding the first sex
    to the second threshold.  Only when two or more such thresholds name different sexes.
    """
    spans: list[tuple[int, int]] = []
    for i, tok in enumerate(toks):
        if tok.type != "SEX":
            continue
        k = i - 1
        if k >= 1 and toks[k].type == "WORD":
            k -= 1  # ">= 24 g alcohol/day for women": the bound's own unread word
        if k >= 1 and toks[k].type in ("UNIT", "ULN"):
            k -= 1
        if k < 1 or toks[k].type != "NUMBER" or toks[k - 1].type not in ("CMP", "BCMP"):
            continue
        start = k - 1
        if start >= 1 and toks[start - 1].type == "CONCEPT" and toks[start].type == "CMP":
            start -= 1
        spans.append((start, i))
    if len(spans) < 2 or len({toks[e].value for _, e in spans}) < 2:
        return toks
    out = list(toks)
    for start, end in reversed(spans):
        s, e = out[start].start, out[end].end
        out[end + 1 : end + 1] = [Tok("RPAREN", ")", e, e)]
        out[start:start] = [Tok("LPAREN", "(", s, s)]
    return out


@_needs("SEX NOT CONCEPT")
def _sex_adjectives(toks: list[Tok]) -> list[Tok]:
    """ "Male or non-pregnant, non-lactating females": the adjectives qualify the females.

    ``NOT CONCEPT (, NOT CONCEPT)* SEX`` after "or" (or at the start) becomes one group,
    ``(SEX and not A and not B)``, so "or" cannot split it.
    """
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].type != "SEX":
            i += 1
            continue
        pairs: list[tuple[Tok, Tok]] = []
        j = i
        while j >= 2 and out[j - 1].type == "CONCEPT" and out[j - 2].type == "NOT":
            pairs.append((out[j - 2], out[j - 1]))
            j -= 2
            if j >= 3 and out[j - 1].type in ("COMMA", "AND") and out[j - 2].type == "CONCEPT":
                j -= 1  # the separator between two adjectives
                continue
            break
        if j < i and out[j].type in ("COMMA", "AND"):
            j += 1  # a separator not followed by an adjective stays where it is
        if not pairs or (j > 0 and out[j - 1].type not in ("OR", "LPAREN")):
            i += 1
            continue
        sex = out[i]
        group = [Tok("LPAREN", "(", out[j].start, out[j].start), sex]
        for neg, concept in reversed(pairs):
            group += [Tok("AND", "and", neg.start, neg.start), neg, concept]
        group.append(Tok("RPAREN", ")", sex.end, sex.end))
        out[j : i + 1] = group
        i = j + len(group)
    return out


@_needs("WORD HISTORY CONCEPT", words=("family",))
def _family_history(toks: list[Tok], text: str) -> list[Tok]:
    """ "… structural heart disease, or a family history of Long QT Syndrome": a relative's
    condition, not the patient's.  eligo has no family-history facts, so "family history of
    X" is one unread item (it was "history of X" with "family" left over, which also split
    the list around it)."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (
            t.type == "WORD"
            and str(t.value).lower() == "family"
            and i + 2 < len(toks)
            and toks[i + 1].type == "HISTORY"
            and toks[i + 2].type == "CONCEPT"
        ):
            end = toks[i + 2].end
            out.append(Tok("WORD", text[t.start : end], t.start, end))
            i += 3
            continue
        out.append(t)
        i += 1
    return out


@_needs("WORD COMMA", words=tuple(sorted(STATE_ADJECTIVES)))
def _state_adjectives(toks: list[Tok]) -> list[Tok]:
    """ "persistent, uncontrolled severe hypertension", "unresolved, abnormal renal function":
    a comma between two adjectives of one noun does not split the line into a list.

    The adjective says the state lasts until now, which a threshold on the current value
    (the definition that follows) already asks; without a definition it stays unread.
    """
    out = list(toks)
    for i in range(len(out) - 2, -1, -1):
        if (
            out[i].type == "WORD"
            and str(out[i].value).lower() in STATE_ADJECTIVES
            and out[i + 1].type == "COMMA"
            and out[i + 1].value == ","
            and i + 2 < len(out)
            and out[i + 2].type in ("WORD", "MOD", "CONCEPT")
        ):
            del out[i + 1]  # _modifiers makes it a MOD when a concept follows
    return out


_DESPITE = re.compile(
    r"despite\s+(?:(?:optimal|optimum|maximal|adequate)\s+)?(?:medical\s+)?"
    r"(?:therapy|treatment|management)",
    re.IGNORECASE,
)


@_needs("WORD LPOST", words=("despite",))
def _despite_treatment(toks: list[Tok], text: str) -> list[Tok]:
    """ "Uncontrolled hypertension defined as SBP > 150 mmHg …, despite optimal medical
    management": inside the threshold that defines an *uncontrolled* condition, "despite
    treatment" restates what uncontrolled means (the threshold replaces the investigator's
    judgement, see ``_Resolver.paren``), so it is read with it.  Anywhere else ("LVEF <= 35 %
    despite optimal medical therapy" asks for that therapy) it stays unread.
    """
    out: list[Tok] = []
    uncontrolled = opened = False
    i = 0
    while i < len(toks):
        tok = toks[i]
        if (tok.type == "CONCEPT" and str(tok.value).startswith("uncontrolled_")) or (
            tok.type == "MOD" and str(tok.value).lower() == "uncontrolled"
        ):
            uncontrolled, opened = True, False
        elif tok.type == "LPOST" and uncontrolled:
            opened = True
        elif tok.type == "WORD" and uncontrolled and opened:
            j = i
            while j + 1 < len(toks) and toks[j + 1].type == "WORD":
                j += 1
            if _DESPITE.fullmatch(text[tok.start : toks[j].end]):
                while out and out[-1].type == "COMMA":
                    out.pop()
                i = j + 1
                continue
        out.append(tok)
        i += 1
    return out


@_needs("WORD CONCEPT", words=("despite",))
def _despite_concept(toks: list[Tok], text: str) -> list[Tok]:
    """ "LVEF of 35% or less despite optimal medical therapy": concessive, both hold - the
    patient has that LVEF and is on that therapy (``… and optimal_medical_therapy``).  Only
    "despite" right before a concept, after something read; "despite an IV fluid challenge
    of at least 30 ml/kg" (no concept right after it) stays unread."""
    out: list[Tok] = []
    for i, t in enumerate(toks):
        if (
            t.type == "WORD"
            and text[t.start : t.end].lower() == "despite"
            and out
            and out[-1].type not in ("NOT", "HISTORY", "RECENT", "MOD", "LPAREN", "LPOST", "COMMA")
            and i + 1 < len(toks)
            and toks[i + 1].type == "CONCEPT"
        ):
            continue
        out.append(t)
    return out


_SLASHED = re.compile(r"[A-Za-z]{2}/(?:[A-Za-z]{2}|$)")


# Unread relations whose object is no state of the patient: "contraindication to liver
# transplantation" is no transplant, "hypersensitivity to azithromycin" no current antibiotic.
# A hindrance ("a condition that impairs the ability to swallow", "a disorder that would
# preclude informed consent") names what the patient can NOT do: read on its own, the ability
# became a requirement ("not (unparsed("impairs") and oral_medication_possible)"), and a patient
# unable to swallow met "No condition that impairs the ability to swallow" (NCT00559507).
# "contradictions for esophagogastroduodenoscopy" (NCT04546360) is the registry's misspelt
# contraindication: read "unparsed(…) and endoscopy", a patient who had no endoscopy yet (and
# may be the one it must not be done on) was not excluded.
_RELATION_END = re.compile(
    r"\b(?:hypersensitivity|hypersensitivities|allergy|allergies|allergic\s+reactions?|"
    r"intolerance|contra-?indications?|contradictions?|comparable|avoid|impair(?:s|ing)?|"
    r"impairment\s+of|preclud(?:e|es|ing)|prevent(?:s|ing)?|interfer(?:e|es|ing)(?:\s+with)?|"
    # "adverse reaction to inhaled aminoglycoside" (NCT02054156) is no aminoglycoside taken;
    # "deemed unsuitable for surgery" (NCT01160926) no surgery done
    r"adverse\s+(?:drug\s+)?reactions?|unsuitable|unfit|ineligible|"
    # "may significantly alter the absorption of RAD001" (NCT00516165): no everolimus taken
    r"absorption|metabolism)$",
    re.IGNORECASE,
)
# "comparable to subjects with hepatic impairment" (NCT02121860, of its matched healthy
# volunteers): the others' condition, read "… and hepatic_impairment", was required of every
# healthy volunteer
# "must be using an acceptable method of contraception to avoid pregnancy" (NCT02681094)
# read "… contraception and unparsed(\"avoid\") and pregnancy": what is to be avoided was
# required, failing every woman of childbearing potential who was not pregnant
_RELATION_LINK = re.compile(
    r"\s*(?:to|for|against|with|of)?\s*(?:(?:subjects|patients|participants)\s+with\s+)?"
    r"(?:any\s+|the\s+|(?:patient|subject|participant)'?s\s+)?",
    re.IGNORECASE,
)
# "steroid resistant rejection", "platinum-refractory": the drug names a property, not a dose;
# "aminoglycoside hypersensitivity" (NCT02054156) an allergy, not a drug taken
_DRUG_PROPERTY = re.compile(
    r"[\s-]*(?:resistant|refractory|hypersensitivity|allergy|allergies|intolerance)\b",
    re.IGNORECASE,
)


@_needs(
    "CONCEPT WORD",
    "CONCEPT MOD",
    words=(
        "hypersensitiv",
        "allerg",
        "intolerance",
        "contra",
        "resistant",
        "refractory",
        "impair",
        "preclud",
        "prevent",
        "interfer",
        "adverse",
        "unsuitable",
        "unfit",
        "ineligible",
        "absorption",
        "metabolism",
        "compar",
        "avoid",
    ),
)
def _relation_objects(toks: list[Tok], text: str) -> list[Tok]:
    """An unread relation ("hypersensitivity", "contraindication") keeps its object unread too.

    "History of azithromycin hypersensitivity … or allergy to macrolide antibiotics" read
    "unparsed(…) and antibiotics": a patient allergic to azithromycin but taking no antibiotic
    was not excluded; "Contraindication to liver transplantation" read "… and history of
    liver_transplant".  The concept after the relation joins the unread span.  Likewise a
    drug concept glued to "resistant"/"refractory" ("Steroid resistant rejection") names a
    property of the disease, not a treatment the patient is on.
    """
    out: list[Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        if tok.type == "CONCEPT":
            # look back over the unread words right before it ("allergy to macrolide")
            k, nxt, merged = len(out) - 1, tok.start, False
            while (
                k >= 0
                and out[k].type in ("WORD", "MOD")
                and _RELATION_LINK.fullmatch(text, out[k].end, nxt)
            ):
                if _RELATION_END.search(str(out[k].value)):
                    start = out[k].start
                    del out[k:]
                    out.append(Tok("WORD", text[start : tok.end], start, tok.end))
                    merged = True
                    break
                k, nxt = k - 1, out[k].start
            if merged:
                continue
        if (
            prev is not None
            and prev.type == "CONCEPT"
            and tok.type == "WORD"
            and (prop := _DRUG_PROPERTY.match(text, prev.end)) is not None
            and prop.end() <= tok.end
            and tok.start - prev.end <= 2
        ):
            out[-1] = Tok("WORD", text[prev.start : tok.end], prev.start, tok.end)
            continue
        out.append(tok)
    return _relation_lists(out, text)


@_needs("OR")
def _dropped_alternative(toks: list[Tok], text: str) -> list[Tok]:
    """ "Active or suspected malignancy": the word before a leading "or" was dropped (as
    filler) and the "or" with it, leaving "suspected_malignancy": a patient with an active
    malignancy was not excluded.  A modifier ("active", "severe", …) that opens such a line
    stays, unread, as the alternative it is."""
    if not toks or toks[0].type != "OR":
        return toks
    lead = text[: toks[0].start]
    start = lead.rfind(":") + 1  # after a section header
    words = lead[start:].strip()
    if words.lower() not in MODIFIERS:
        return toks  # "Current or …", "Evidence or history of …": fillers, rightly dropped
    at = lead.index(words, start)
    return [Tok("WORD", words, at, at + len(words)), *toks]


# "Inclusion Part A: Healthy subjects", "Exclusion criteria for all subjects": a heading
_COHORT_HEADING = re.compile(
    r"\s*(?:inclusion|exclusion)(?:\s+criteria)?\s+(?:for\b|(?:part|cohort|group|arm)s?\b)",
    re.IGNORECASE,
)


_STATES_VALUE = re.compile(
    r"[<>≤≥=]|\bthan\b|(?<![A-Za-z])\d+(?:[.,]\d+)?\s*(?:%|[a-zµ]+/|years?\b)"
)


@_needs(words=("inclusion", "exclusion"))
def _cohort_heading(toks: list[Tok], text: str) -> list[Tok]:
    """A line that only heads the lines after it ("Inclusion Part A: Healthy subjects",
    "Inclusion criteria for T2DM") names the cohort they apply to; it asks nothing itself.
    Read as a criterion, "healthy_volunteer" was required of the T2DM cohort and
    "type2_diabetes" of the healthy one (and "Exclusion Part A: Healthy subjects" excluded
    every healthy volunteer), so no patient could ever be eligible.  The line stays
    unread.  Not when it states a number or comparison: then it is a criterion after all."""
    if not toks or not _COHORT_HEADING.match(text) or _STATES_VALUE.search(text):
        return toks
    start, end = toks[0].start, toks[-1].end
    return [Tok("WORD", text[start:end], start, end)]


_RELATION_TO = re.compile(
    r"\b(?:hypersensitivit|allerg|intoleran|contra-?indicat)\w*\s+(?:to|for|against)\b",
    re.IGNORECASE,
)


def _relation_lists(toks: list[Tok], text: str) -> list[Tok]:
    """ "Hypersensitivity to Axitinib or Everolimus": every object of the list is an object
    of the relation.  Only the first joined the unread span, the rest read as mentions
    ("unparsed(…) or everolimus"), and a patient once treated with everolimus was excluded
    as if allergic to it."""
    out = list(toks)
    i = 0
    while i < len(out):
        t = out[i]
        if t.type == "WORD" and _RELATION_TO.search(text, t.start, t.end):
            j = i + 1
            while (
                j + 1 < len(out)
                and out[j].type in ("OR", "COMMA")
                and (out[j].type == "OR" or out[j].value == ",")
                and out[j + 1].type == "CONCEPT"
            ):
                j += 2
            if j > i + 1:
                end = out[j - 1].end
                out[i:j] = [Tok("WORD", text[t.start : end], t.start, end)]
        i += 1
    return out


# "liver cirrhosis, that is histologically proven in a previous liver biopsy": "that is" + a
# participle opens a relative clause about the noun, no definition of it
_THAT_IS_CLAUSE = re.compile(r"\s*(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|wn)\b", re.IGNORECASE)


@_needs("LPOST", words=("that is",))
def _relative_that_is(toks: list[Tok], text: str) -> list[Tok]:
    """ "that is" before a participle ("that is histologically proven in a liver biopsy") says
    something more of the noun before it; read as "i.e." it replaced the noun.

    NCT01909778 read "Patients with liver cirrhosis, that is histologically proven in a previous
    liver biopsy; …" as "history of liver_biopsy …": cirrhosis was dropped, and a patient with
    a past liver biopsy but no cirrhosis met it.  The definition parenthesis is taken away, so the
    clause's words join the noun ("cirrhosis and history of liver_biopsy")."""
    for i, t in enumerate(toks):
        if (
            t.type == "LPOST"
            and t.value == "def"
            and text[t.start : t.end].lower() == "that is"
            and _THAT_IS_CLAUSE.match(text, t.end)
        ):
            depth = 0
            for j in range(i + 1, len(toks)):
                depth += toks[j].type in ("LPAREN", "LPOST")
                if toks[j].type == "RPAREN":
                    if depth == 0:
                        break
                    depth -= 1
            else:
                return toks
            if not any(x.type in ("CONCEPT", "CMP", "BCMP") for x in toks[i + 1 : j]):
                # nothing read in it ("ALT that is considered clinically significant"): the
                # unread clause stays on its noun, where the parenthesis keeps it
                return toks
            return [*toks[:i], *toks[i + 1 : j], *toks[j + 1 :]]
    return toks


_FIELD_WORD = re.compile(r"\s*(?:fields?|ports?|portals?|volumes?)\b", re.IGNORECASE)


@_needs("CONCEPT WORD", words=("field", "port", "volume"))
def _treatment_field(toks: list[Tok], text: str) -> list[Tok]:
    """ "small bowel delineated within the radiation fields": a radiation field is where the
    planned treatment goes, no treatment the patient had; read as ``radiotherapy`` (a narrowing
    of it), every patient without past radiotherapy met "no small bowel within the radiation
    fields" (NCT01160926).  The noun phrase stays unread."""
    out = list(toks)
    for i in range(len(out) - 1):
        tok, nxt = out[i], out[i + 1]
        if (
            tok.type == "CONCEPT"
            and tok.value == "radiotherapy"
            and nxt.type == "WORD"
            and _FIELD_WORD.match(text, tok.end) is not None
        ):
            out[i : i + 2] = [Tok("WORD", text[tok.start : nxt.end], tok.start, nxt.end)]
            return out
    return out


# anatomical sites whose "<site> sepsis" is a local infection there (surgical usage)
_INFECTION_SITES = re.compile(
    r"(?:pelvic|pelvis|abdominal|intra-?abdominal|peritoneal|perianal|perineal|perirectal|"
    r"anal|biliary|wound|pouch|anastomotic|local|localised|localized)",
    re.IGNORECASE,
)


@_needs("MOD CONCEPT", words=("sepsis",))
def _site_sepsis(toks: list[Tok], text: str) -> list[Tok]:
    """ "Pelvic sepsis", "intra-abdominal sepsis": a site before "sepsis" names a local
    infection (abscess, collection) coded by its site (K65, K61, N73 …), not the systemic
    sepsis of A40/A41; read ``unparsed("Pelvic") and sepsis`` as a narrowing, a patient with a
    pelvic abscess but no sepsis code was cleared (NCT01160926).  The phrase stays unread."""
    out = list(toks)
    for i in range(len(out) - 1):
        mod, nxt = out[i], out[i + 1]
        if (
            mod.type == "MOD"
            and nxt.type == "CONCEPT"
            and nxt.value == "sepsis"
            and _INFECTION_SITES.fullmatch(text[mod.start : mod.end].strip())
            and not text[mod.end : nxt.start].strip()
        ):
            out[i : i + 2] = [Tok("WORD", text[mod.start : nxt.end], mod.start, nxt.end)]
            return out
    return out


# "mixed cholangiocarcinoma/HCC", "combined HBV/HCV": one tumour or infection of both kinds
_BOTH_AT = re.compile(r"\b(?:mixed|combined|co-?infection\s+(?:with\s+)?|concurrent)\s+$", re.I)


_GRADE_TOKENS = frozenset(("CMP", "CATEGORY", "BCATEGORY", "OR"))
_GRADE_GAP = re.compile(r"\s*(?:with\s+)?", re.IGNORECASE)


@_needs("CONCEPT CATEGORY")
def _graded_condition(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "NYHA class III or IV heart failure", "Heart failure NYHA Class II or above": a class
    of the score that grades the condition (its ``defined_by``), written right before or
    after it, is the condition's definition: ``nyha_class = III or nyha_class = IV``.

    Read "(nyha_class = III or nyha_class = IV) and heart_failure", a patient in NYHA class
    IV whose record carried no heart-failure code was not excluded; the class itself says
    the heart fails (the NYHA classes grade heart failure)."""

    def grade_end(k: int) -> int:
        """End of the class tokens of the score at ``k`` ("III or IV", ">= II")."""
        j = k + 1
        while j < len(toks) and toks[j].type in _GRADE_TOKENS:
            if toks[j].type == "OR" and not (
                j + 1 < len(toks) and toks[j + 1].type in ("CATEGORY", "BCATEGORY")
            ):
                break
            j += 1
        return j if toks[j - 1].type in ("CATEGORY", "BCATEGORY") else k

    def graded(k: int) -> tuple[Concept, int] | None:
        """The score and the end of its class tokens, from ``k``: "NYHA class III or IV",
        or a group of its classes only ("(nyha_class >= II and nyha_class <= III)")."""
        if toks[k].type == "LPAREN":
            close = _group_end(toks, k)
            if close is None or close == k + 1:
                return None
            inner = toks[k + 1 : close]
            ids = {str(t.value) for t in inner if t.type == "CONCEPT"}
            found = graded(k + 1) if len(ids) == 1 else None
            if found is None or any(
                t.type not in (*_GRADE_TOKENS, "CONCEPT", "AND") for t in inner
            ):
                return None
            return found[0], close + 1
        if toks[k].type != "CONCEPT":
            return None
        score = vocab.concepts.get(str(toks[k].value))
        if score is None or not score.categories:
            return None
        end = grade_end(k)
        return (score, end) if end > k else None

    for i in range(len(toks)):
        found = graded(i)
        if found is None:
            continue
        score, end = found
        grade = toks[i:end]
        first = min(t.start for t in grade)
        last = max(t.end for t in grade)
        before = toks[i - 1] if i else None
        after = toks[end] if end < len(toks) else None
        for cond_tok, gap in (
            (after, text[last : after.start] if after else ""),
            (before, text[before.end : first] if before else ""),
        ):
            if cond_tok is None or cond_tok.type != "CONCEPT" or not _GRADE_GAP.fullmatch(gap):
                continue
            cond = vocab.concepts.get(str(cond_tok.value))
            if cond is None or cond.kind != "condition" or score.id not in cond.defined_by:
                continue
            opened = Tok("LPOST", "def", first, first)
            closed = Tok("RPAREN", ")", last, last)
            if cond_tok is after:
                return [*toks[:i], cond_tok, opened, *grade, closed, *toks[end + 1 :]]
            return [*toks[: i - 1], cond_tok, opened, *grade, closed, *toks[end:]]
    return toks


# "Clinically diagnosed or suspected", "Active, known, or suspected": a diagnosis the
# suspicion is an alternative to
_DIAGNOSED_OR = re.compile(
    r"\b(?:known|diagnosed|confirmed|proven|documented|active|current)\s*,?\s+or\s+$",
    re.IGNORECASE,
)
_SUSPECTED_AS = re.compile(r"suspected(?:\s+(?:as|of|to\s+have))?\s*$", re.IGNORECASE)


def _suspected_modifier(toks: list[Tok], text: str) -> list[Tok]:
    """ "suspected autoimmune disease": a suspicion is no narrower kind of the disease (a
    patient suspected of it has no diagnosis on record), so "suspected" cannot qualify the
    concept as an unread narrowing word does (``unparsed("suspected") and X``, false for
    every patient without X: NCT02576509 "Active, known, or suspected autoimmune disease"
    cleared a patient with the disease suspected).  After "known / diagnosed … or" it is an
    unread alternative to the diagnosis (``X or unparsed("suspected X")``); alone, the whole
    "suspected X" stays unread."""
    out = list(toks)
    i = len(out) - 2
    while i >= 0:
        mod = out[i]
        if mod.type != "MOD" or not _SUSPECTED_AS.fullmatch(text[mod.start : mod.end]):
            i -= 1
            continue
        end = i + 1
        if out[end].type == "LPAREN":
            close = _group_end(out, end)
            if close is None:
                i -= 1
                continue
            end = close
        elif out[end].type != "CONCEPT":
            i -= 1
            continue
        item = out[i + 1 : end + 1]
        unread = Tok("WORD", text[mod.start : out[end].end], mod.start, out[end].end)
        if _DIAGNOSED_OR.search(text, max(0, mod.start - 40), mod.start):
            at = item[0].start
            out[i : end + 1] = [
                Tok("LPAREN", "(", at, at),
                *item,
                Tok("OR", "or", mod.start, mod.start),
                unread,
                Tok("RPAREN", ")", unread.end, unread.end),
            ]
        else:
            out[i : end + 1] = [unread]
        i -= 1
    return out


# "Known or suspected malignancy": the cue (a filler) is dropped before the noun
_KNOWN_OR_SUSPECTED = re.compile(
    r"(?:(?:known|confirmed|proven)\s+or\s+suspected|suspected\s+or\s+(?:known|confirmed))\s+$",
    re.IGNORECASE,
)


@_needs("CONCEPT", words=("suspected",))
def _suspected_alternative(toks: list[Tok], text: str) -> list[Tok]:
    """ "Known or suspected malignancy": the suspicion is an alternative of its own where the
    vocabulary names it ("suspected malignancy" is ``suspected_malignancy``).

    "known or suspected" is a filler, so NCT00086346 read "cancer within 5 years": a patient
    with a malignancy suspected but not diagnosed was not excluded.  Where no concept names the
    suspicion (or it names the same concept) the reading is left as it was."""
    phrases = tables().vocab.by_phrase
    toks = _suspected_modifier(toks, text)
    for i, tok in enumerate(toks):
        if tok.type != "CONCEPT":
            continue
        m = _KNOWN_OR_SUSPECTED.search(text, max(0, tok.start - 40), tok.start)
        if m is None:
            continue
        suspected = phrases.get("suspected " + text[tok.start : tok.end].lower())
        if suspected == tok.value:
            continue
        cue = m.start() + m.group(0).lower().index("suspected")
        # a window after the noun dates the diagnosis; the suspicion is a state now (a
        # recorded fact has no date to place in it)
        alt = Tok("CONCEPT", suspected, cue, cue + len("suspected"))
        if suspected is None:
            # no concept names the suspicion ("Known or suspected brain metastases"): it stays
            # an unread alternative; dropped with the cue, a patient with metastases
            # suspected on imaging but not diagnosed was cleared
            start = cue if cue < tok.start else m.start()
            alt = Tok("WORD", text[start : tok.end], start, tok.end)
        nxt = toks[i + 1].type if i + 1 < len(toks) else None
        if nxt not in (None, "WINDOW", "COMMA", "OR", "AND", "RPAREN"):
            return toks  # "… malignancy < 5 years or HIV": what follows binds to the noun
        if nxt == "WINDOW":
            if len(toks) != i + 2:
                return toks  # a window inside a longer line: its reach is not sure, as it was
            at = toks[i + 1].end
            return [
                *toks[:i],
                Tok("LPAREN", "(", tok.start, tok.start),
                tok,
                toks[i + 1],
                Tok("RPAREN", ")", at, at),
                Tok("OR", "or", at, at),
                alt,
            ]
        return [
            *toks[:i],
            Tok("LPAREN", "(", tok.start, tok.start),
            tok,
            Tok("OR", "or", tok.end, tok.end),
            alt,
            Tok("RPAREN", ")", tok.end, tok.end),
            *toks[i + 1 :],
        ]
    return toks


_NEEDING = re.compile(r"\b(?:needing|in\s+need\s+of)\b", re.IGNORECASE)


@_needs(words=("need",))
def _needing_clause(toks: list[Tok], text: str) -> list[Tok]:
    """ "High-risk varices needing interventional treatment (endoscopy, TIPS)": a need for a
    treatment is no treatment received; the rest of the clause stays unread.

    "needing" is a filler word, so the treatment was read as done ("varices and (endoscopy or
    history of tips)"): varices waiting for banding did not exclude.  ("requiring" keeps its
    reading: registry text mostly means a treatment that was required and given.)
    """
    for i in range(1, len(toks)):
        need = _NEEDING.search(text, toks[i - 1].end, toks[i].start)
        if need is None:
            continue
        clause = _CLAUSE_END.search(text, toks[i].start)
        # a parenthesis opened in the clause closes with it ("(endoscopy, TIPS)")
        while (
            clause
            and text[clause.start()] == ")"
            and text.count("(", toks[i].start, clause.start())
            > text.count(")", toks[i].start, clause.start())
        ):
            clause = _CLAUSE_END.search(text, clause.end())
        end = clause.start() if clause else len(text)
        j = i
        while j < len(toks) and toks[j].start < end:
            j += 1
        stop = toks[j - 1].end
        word = Tok("WORD", text[need.start() : stop].strip(), need.start(), stop)
        return [*toks[:i], word, *toks[j:]]
    return toks


_SHOWING = re.compile(r"\b(?:showing|demonstrating|revealing|documenting)\b", re.I)


@_needs("WORD COMMA", words=("showing", "demonstrating", "revealing", "documenting"))
def _shown_list(toks: list[Tok], text: str) -> list[Tok]:
    """An unread "imaging showing A, B and/or C": the list goes on naming what is shown.

    "Cirrhosis diagnosed by liver biopsy or by imaging studies showing a nodular liver,
    splenomegaly and/or collateral" read the findings after the comma as alternatives to
    cirrhosis, so splenomegaly alone met the line; the rest of the clause joins the unread
    span instead (unless it states a threshold, which is a criterion of its own).
    """
    for i, tok in enumerate(toks):
        if tok.type != "WORD" or not _SHOWING.search(str(tok.value)):
            continue
        if i + 1 >= len(toks) or toks[i + 1].type != "COMMA":
            continue
        clause = _CLAUSE_END.search(text, tok.end)
        end = clause.start() if clause else len(text)
        if _CMP_WORD.search(text[tok.end : end]):
            continue
        j = i + 1
        while j < len(toks) and toks[j].start < end:
            j += 1
        stop = max(toks[j - 1].end, tok.end)
        merged = Tok("WORD", text[tok.start : stop].strip(), tok.start, stop)
        return [*toks[:i], merged, *_shown_list(toks[j:], text)]
    return toks


@_needs("WORD CONCEPT", words=("/",))
def _slashed_alternatives(toks: list[Tok]) -> list[Tok]:
    """Among exclusions, unread words joined by a slash before a concept are alternatives to it.

    "prebiotics/ probiotics/symbiotic/systemic immunomodulators": read as a qualifier (AND), a
    patient on probiotics but no immunomodulator was cleared; read "unread or concept" the
    concept still excludes and its absence leaves the line unknown.  (Among inclusions the
    juxtaposition stays an AND, which can never be met by the unread part alone.)
    """
    out: list[Tok] = []
    for i, tok in enumerate(toks):
        out.append(tok)
        if (
            tok.type == "WORD"
            and _SLASHED.search(str(tok.value))
            and i + 1 < len(toks)
            and toks[i + 1].type == "CONCEPT"
        ):
            out.append(Tok("OR", "or", tok.end, tok.end))
    return out


@_needs("WORD CONCEPT", "WORD MOD")
def _modifiers(toks: list[Tok]) -> list[Tok]:
    """An unread word right before a concept qualifies that concept only ("uncontrolled").

    "Type 1 diabetes or uncontrolled type 2 diabetes": the word binds to its concept, so it
    cannot split the "or" ("MOD" in the grammar binds like a prefix).  Several in a row
    ("uncontrolled severe hypertension") all qualify it.
    """
    out = list(toks)
    for i in range(len(out) - 2, -1, -1):
        if out[i].type != "WORD":
            continue
        nxt = out[i + 1].type
        if nxt != "CONCEPT" and (nxt != "MOD" or str(out[i].value).lower() not in _QUALIFIERS):
            continue
        if _SLASHED.search(str(out[i].value)):
            # "prebiotics/ probiotics/symbiotic/systemic immunomodulators": words joined by a
            # slash are alternatives, not a qualifier that a missing concept would make false
            continue
        out[i] = Tok("MOD", out[i].value, out[i].start, out[i].end)
    return out


# words that qualify a qualifier ("new onset": see _ONSET)
_QUALIFIERS = MODIFIERS | STATE_ADJECTIVES | DEGREES | _ONSET


_OF_GAP = re.compile(r"\s+of\s+", re.IGNORECASE)


@_needs("MOD CONCEPT", words=("treatment",))
def _treatment_of(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "the last treatment of chemotherapy": "treatment of" a drug or procedure is that
    treatment itself, as "treatment with" is.  Of a condition ("treatment of hypertension")
    it stays a qualifier: treating a disease is not having it."""
    out: list[Tok] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            tok.type == "MOD"
            and nxt is not None
            and nxt.type == "CONCEPT"
            and str(tok.value).lower() in ("treatment", "treatments")
            and _OF_GAP.fullmatch(text, tok.end, nxt.start)
            and vocab[str(nxt.value)].kind in ("medication", "procedure")
        ):
            continue
        out.append(tok)
    return out


_AFTER_ITEM = frozenset(["CMP", "LPOST", "CATEGORY", "NUMBER", "BETWEEN", "TO", "UNIT", "ULN"])


@_needs("MOD CONCEPT OR")
def _modifier_over_alternatives(toks: list[Tok]) -> list[Tok]:
    """ "Uncontrolled bacterial or fungal infection", "a stable regimen of A or B": an unread
    word before an "or" list of plain concepts qualifies every alternative, so it becomes
    ``MOD (A or B)``.

    Bound to the first concept only it read ``(uncontrolled and A) or B``, which lets B alone
    decide the line although "uncontrolled" (unread) qualifies it too.  The wider reading
    only turns such answers into "unknown".  A list whose last item carries a threshold or
    parenthetical ("severe A or B (Child-Pugh C)") is left as it is.
    """
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].type != "MOD" or (i > 0 and out[i - 1].type == "MOD"):
            i += 1
            continue
        m = i
        while m < len(out) and out[m].type == "MOD":
            m += 1
        end = m
        items = 0
        while end < len(out) and out[end].type == "CONCEPT":
            items += 1
            end += 1
            if end + 1 < len(out) and out[end].type == "OR" and out[end + 1].type == "CONCEPT":
                end += 1
                continue
            break
        if items < 2 or (end < len(out) and out[end].type in _AFTER_ITEM):
            i = m
            continue
        out.insert(end, Tok("RPAREN", ")", out[end - 1].end, out[end - 1].end))
        out.insert(m, Tok("LPAREN", "(", out[m].start, out[m].start))
        i = end + 2
    return out


# "Split liver transplantation", "Combined liver transplant": the kind of graft or operation
_GRAFT_TYPE = re.compile(
    r"(?:split|combined|domino|auxiliary|reduced[\s\-]size|partial|whole|en\s+bloc|"
    r"multi[\s\-]?visceral|multi[\s\-]?organ|simultaneous)$",
    re.IGNORECASE,
)


@_needs(
    "CONCEPT",
    words=(
        "split",
        "combined",
        "domino",
        "auxiliary",
        "reduced",
        "partial",
        "whole",
        "bloc",
        "visceral",
        "organ",
        "simultaneous",
    ),
)
def _graft_type(toks: list[Tok], text: str) -> list[Tok]:
    """ "Split liver transplantation" (an exclusion of a transplant trial) names the kind of
    transplant the patient is to receive, not a transplant they had: the phrase stays unread.

    Read as an unread qualifier of the transplant (``unparsed("Split") and history of
    liver_transplant``), every candidate without a past transplant was cleared, whatever
    graft was planned for them."""
    out = list(toks)
    for i in range(len(out) - 2, -1, -1):
        t, nxt = out[i], out[i + 1]
        if (
            t.type in ("WORD", "MOD")
            and nxt.type == "CONCEPT"
            and str(nxt.value).endswith("_transplant")
            and _GRAFT_TYPE.search(text, t.start, t.end)
            and not text[t.end : nxt.start].strip()
        ):
            out[i : i + 2] = [Tok("WORD", text[t.start : nxt.end], t.start, nxt.end)]
    return out


_FUTURE_CUE = re.compile(
    r"(?:planned|anticipated|scheduled|expected|intended|upcoming|foreseen)$", re.IGNORECASE
)
# "No concurrent or anticipated need for …": the present cue joined to the future one
_PRESENT_OR = re.compile(r"(?:concurrent|current|ongoing|present)\s+or\s+$", re.IGNORECASE)
# a concept that already names the plan ("non_tacrolimus_immunosuppression_planned")
_PLANNED_CONCEPT = re.compile(r"planned|scheduled|candidate|expected")


def _future_end(toks: list[Tok], k: int) -> int | None:
    """The index past the item a future cue at ``toks[k - 1]`` looks ahead to: its
    qualifiers, a concept or a parenthesised group, and a window after it."""
    while k < len(toks) and toks[k].type == "MOD":
        k += 1
    if k >= len(toks):
        return None
    if toks[k].type == "CONCEPT":
        if _PLANNED_CONCEPT.search(str(toks[k].value)):
            return None
        k += 1
    elif toks[k].type == "LPAREN":
        depth = 0
        for j in range(k, len(toks)):
            depth += toks[j].type in ("LPAREN", "LPOST")
            depth -= toks[j].type == "RPAREN"
            if depth == 0:
                k = j + 1
                break
        else:
            return None
    else:
        return None
    if k < len(toks) and toks[k].type == "WINDOW":
        k += 1
    return k


@_needs(
    "CONCEPT",
    words=("planned", "anticipated", "scheduled", "expected", "intended", "upcoming", "foreseen"),
)
def _future_items(toks: list[Tok], text: str) -> list[Tok]:
    """ "Planned cardiac surgery", "Anticipated initiation of dialysis … within 12 months":
    what is planned or expected is not on the record, so the item stays unread.

    Read as an unread qualifier of the concept (``unparsed("Planned") and surgery``), a
    patient with surgery planned but none on record did not meet the exclusion, and the
    window looked back where the text looks ahead.  "No concurrent or anticipated need for A
    or B" keeps its present branch: ``not ((A or B) or unparsed("anticipated need for A or
    B"))`` - the anticipated need is judgement, unread, and never read as current use.
    """
    out = list(toks)
    i = 0
    while i < len(out):
        t = out[i]
        if t.type not in ("WORD", "MOD") or not _FUTURE_CUE.match(text, t.start, t.end):
            i += 1
            continue
        end = _future_end(out, i + 1)
        if end is None:
            i += 1
            continue
        item = out[i + 1 : end]
        while item and item[0].type == "MOD":
            item = item[1:]
        unread = Tok("WORD", text[t.start : out[end - 1].end], t.start, out[end - 1].end)
        if _PRESENT_OR.search(text, 0, t.start) and item:
            # the present branch reads the item as it stands; the future one stays unread
            start = i - 1 if i and out[i - 1].type == "OR" else i
            joined = [
                Tok("LPAREN", "(", item[0].start, item[0].start),
                *item,
                Tok("OR", "or", t.start, t.start),
                unread,
                Tok("RPAREN", ")", unread.end, unread.end),
            ]
            out[start:end] = joined
            i = start + len(joined)
            continue
        out[i:end] = [unread]
        i += 1
    return out


def _item_end(toks: list[Tok], j: int, unread: bool = False, qualified: bool = False) -> int | None:
    """End of one alternative in a list: MOD* CONCEPT followed by its parentheticals.

    With ``unread``, unread words standing alone (before "or", ",", ")" or the end) are
    an alternative too: "No glorp or diabetes" is "no glorp and no diabetes", whatever glorp
    is; left out of the list, the "no" stopped before it and "or diabetes" was an
    alternative to the unread negation, met by every diabetic.  With ``qualified`` too,
    unread words before a concept are one item with it ("unexplained significant
    arrhythmias")."""
    while j < len(toks) and toks[j].type == "MOD":
        j += 1
    if unread and j < len(toks) and toks[j].type == "WORD":
        k = j
        while k < len(toks) and toks[k].type == "WORD":
            k += 1  # "severe glorp": unread words, one item
        if k == len(toks) or toks[k].type in ("OR", "COMMA", "RPAREN"):
            return k
        if not qualified:
            return None
        while k < len(toks) and toks[k].type == "MOD":
            k += 1
        if k == len(toks) or toks[k].type != "CONCEPT":
            return None
        j = k
    if j >= len(toks) or toks[j].type != "CONCEPT":
        return None
    j += 1
    if j + 1 < len(toks) and toks[j].type == "CMP" and toks[j + 1].type in ("NUMBER", "CATEGORY"):
        # "No A, QTc > 500 msec, or B": a threshold is an alternative of the list too
        j += 2
        if j < len(toks) and toks[j - 1].type == "NUMBER" and toks[j].type in ("UNIT", "ULN"):
            j += 1
    while j < len(toks) and toks[j].type == "LPOST":
        depth = 0
        while j < len(toks):
            if toks[j].type in ("LPOST", "LPAREN"):
                depth += 1
            elif toks[j].type == "RPAREN":
                depth -= 1
                if depth == 0:
                    j += 1
                    break
            j += 1
    return j


@_needs("OR")
def _example_commas(toks: list[Tok]) -> list[Tok]:
    """ "No liver disease, e.g. ascites, ulcerative colitis, Crohn's disease": the commas
    after an example cue separate examples, any one of which is an instance.  An inclusion
    reads a bare comma list as "and", so "not ((liver_disease or ascites) and
    ulcerative_colitis and crohns_disease)" was met by a patient with Crohn's disease alone
    (NCT01160926).  The commas, to the end of the sentence or parenthesis, become "or"."""
    out = list(toks)
    for i, t in enumerate(out):
        if t.type != "OR" or t.value != EXAMPLE_OR:
            continue
        depth = 0
        for j in range(i + 1, len(out)):
            u = out[j]
            if u.type in ("LPAREN", "LPOST"):
                depth += 1
            elif u.type == "RPAREN":
                depth -= 1
                if depth < 0:
                    break
            elif depth == 0 and u.type == "COMMA":
                if u.value != ",":
                    break
                out[j] = Tok("OR", "or", u.start, u.end)
    return out


def _cause_item_end(toks: list[Tok], j: int) -> int | None:
    """End of one cause in "due to A, B or C": unread words, then a concept (and its
    parentheticals) or nothing more."""
    k = j
    while k < len(toks) and toks[k].type in ("WORD", "MOD"):
        k += 1
    if k < len(toks) and toks[k].type == "CONCEPT":
        return _item_end(toks, k)
    if k > j and (k == len(toks) or toks[k].type in ("OR", "COMMA", "RPAREN")):
        return k
    return None


@_needs("MOD", words=("due",))
def _cause_lists(toks: list[Tok], text: str) -> list[Tok]:
    """ "CHF due to ischemic heart disease, idiopathic dilated cardiomyopathy, mitral or
    aortic insufficiency or hypertension": the cause is one of the list, the condition is
    the CHF.  Read plainly the commas bound loosest ("(CHF due to IHD) or … or
    hypertension"), an inclusion met by hypertension without heart failure; the list
    after "due to" is put in parentheses, as the "no" / "history of" lists are."""
    out = list(toks)
    i = 0
    while i < len(out):
        t = out[i]
        if t.type != "MOD" or text[t.start : t.end].strip().lower() != "due":
            i += 1
            continue
        end = _cause_item_end(out, i + 1)
        seps, last_sep = 0, None
        while end is not None and end < len(out) and out[end].type in ("OR", "COMMA"):
            sep = end
            if out[end].type == "COMMA" and end + 1 < len(out) and out[end + 1].type == "OR":
                sep = end + 1
            if out[sep].type == "COMMA" and out[sep].value != ",":
                break  # "." / ";" ends the list
            nxt = _cause_item_end(out, sep + 1)
            if nxt is None:
                break
            seps, last_sep, end = seps + 1, out[sep].type, nxt
        if seps and last_sep == "OR" and end is not None:
            at = out[i].end
            out.insert(end, Tok("RPAREN", ")", out[end - 1].end, out[end - 1].end))
            out.insert(i + 1, Tok("LPAREN", "(", at, at))
        i += 1
    return out


def _without_trailing_links(toks: list[Tok]) -> list[Tok]:
    """ "Patients with A … and patients must have B": the "and" before the second subject
    links two clauses; left inside the condition's parentheses ("not (A and) or (B)") the
    parse dropped the ")" and the "or" with it, reading "not (A and B)", met whenever B is
    not (NCT00516165: every patient with a prior chemoembolization met it)."""
    end = len(toks)
    while end and toks[end - 1].type in ("AND", "OR", "COMMA"):
        end -= 1
    return toks[:end]


_PLACE = re.compile(r"(?<![A-Za-z])(?:fields?|areas?|regions?|volumes?|ports?)(?![A-Za-z])", re.I)
_OUTSIDE = re.compile(r"\s*(?:outside|beyond)(?![A-Za-z])", re.IGNORECASE)


@_needs("NOT WORD", words=("outside", "beyond"))
def _place_outside(toks: list[Tok], text: str) -> list[Tok]:
    """ "measurable disease outside of prior chemoembolization field": "outside" names a
    place (a treated field), not an absence.  Read as a negation it said "not history of
    tace", so no patient with a prior chemoembolization could ever have that disease; the
    word stays unread when the phrase it opens ends in a field / area / region / volume."""
    out = list(toks)
    for i, t in enumerate(out):
        if t.type != "NOT" or not _OUTSIDE.match(text, t.start):
            continue
        for u in out[i + 1 :]:
            if u.type in ("COMMA", "AND", "OR", "RPAREN", "NOT", "LPAREN", "LPOST"):
                break
            if u.type == "WORD" and _PLACE.search(text, u.start, u.end):
                out[i] = Tok("WORD", text[t.start : t.end], t.start, t.end)
                break
    return out


def _history_item_end(toks: list[Tok], j: int) -> int | None:
    """End of a "history of B" alternative after "no A or": "No clinical symptoms or history
    of CNS metastases" rules out both; read alone, the "no" stopped at A and every patient
    with a history of CNS metastases met the inclusion.  ``None`` unless ``toks[j]`` is a
    history cue over one item or over a parenthesised list."""
    if j >= len(toks) or toks[j].type != "HISTORY" or j + 1 >= len(toks):
        return None
    if toks[j + 1].type != "LPAREN":
        return _item_end(toks, j + 1)
    depth = 0
    for k in range(j + 1, len(toks)):
        depth += toks[k].type in ("LPAREN", "LPOST")
        depth -= toks[k].type == "RPAREN"
        if depth == 0:
            return k + 1
    return None


def _serial_list_end(toks: list[Tok]) -> int | None:
    """End of "No A …, B …, or C …" when the line is one list after its "No": a comma list
    whose last item follows ", or", the items holding words eligo cannot read.  The "no"
    covers every item (unread ones stay unknown inside it); ``None`` when the line is not
    such a list (another cue, a parenthesis left open, or no serial "or")."""
    depth = 0
    serial = False
    end = len(toks)
    for j in range(1, len(toks)):
        t = toks[j]
        if t.type in ("LPAREN", "LPOST"):
            depth += 1
        elif t.type == "RPAREN":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and t.type == "COMMA" and t.value in (".", ";"):
            end = j
            break
        elif depth == 0 and t.type in ("NOT", "EXCEPT"):
            return None
        elif depth == 0 and t.type == "OR" and toks[j - 1].type == "COMMA":
            serial = True
    return end if serial and depth == 0 and end > 1 else None


_DONOR = re.compile(r"(?:(?:living|deceased|cadaveric|graft)\s+)?donors?(?:'s)?", re.I)
_DONOR_LEAD = re.compile(r"\b(?:donors?|(?:allo)?grafts?)\b", re.I)
_DONOR_GAP = re.compile(r"[\s,]*(?:(?:with|has|had|having|of)\s+)?(?:an?\s+|the\s+)?", re.I)
_GROUPS = frozenset(["childbearing_potential"])
_FOR_SENTENCE = re.compile(r"(?:^\s*|[.;:]\s*|^[^.;]*:\s*)for\s+(?:all\s+)?$", re.I)
_PARTNER = re.compile(r"partners?(?:'s)?", re.I)
_PARTNER_GAP = re.compile(r"\s*(?:of|with|who\s+(?:is|are)|(?:is|are))?\s*", re.I)
_VALUE_TAIL = frozenset(["CMP", "BCMP", "NUMBER", "UNIT", "ULN", "TO", "BETWEEN", "CATEGORY"])


_ITEM_END = re.compile(r"[^,;()<>=≤≥\d]*?(?=[;)]|\.?\s*$)")


def _serial_last_item(text: str, start: int, at: int) -> bool:
    """ "regimen based on tacrolimus, sirolimus, …, azathioprine, and/or cyclosporine": the
    "and/or" at ``at`` joins the last item of a serial list that began inside the annotation
    (two or more commas before it, the last right before the conjunction), and that item
    (no number, comparator or further comma up to the clause's end) belongs to it.

    Cutting there made the last item an alternative to the whole criterion: "stable regimen
    … and/or cyclosporine" read ``(stable and immunosuppressants) or ciclosporin``.
    """
    inside = text[start:at]
    if inside.count(",") < 2 or not inside.rstrip().endswith(","):
        return False
    alt = _ALTERNATIVE.match(text, at)
    return bool(alt and _ITEM_END.match(text, alt.end()))


@_needs(words=("donor", "graft", "partner"))
def _donor_values(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """Another person's attributes (a donor's, a partner's) are not the patient's.

    "Donor age > 65 years", "donor with serum creatinine > 2 mg/dL": the donor's value, not
    the patient's.  A patient record holds no donor, so the donor word, the measured concept
    and its comparison become one unread word (reading ``age > 65 years`` would judge the
    recipient by the donor's age, and an exclusion could clear an ineligible patient).

    "… a liver graft harvested from a brain-dead ECD defined by … at least one of the
    following criteria: BMI > 30": when the lead-in of a "following" list names a donor or a
    graft, the items describe it, so everything from the cue to the end of the sentence is
    left unread.
    """
    at = next((i for i, t in enumerate(toks) if t.type == "KOFN"), None)
    if at is not None and _DONOR_LEAD.search(text[: toks[at].start]):
        end = at + 1
        while end < len(toks) and not (toks[end].type == "COMMA" and toks[end].value in (".", ";")):
            end += 1
        s, e = toks[at].start, toks[end - 1].end
        toks = [*toks[:at], Tok("WORD", text[s:e].strip(), s, e), *toks[end:]]
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        j = i + 1
        if t.type == "WORD" and _PARTNER.fullmatch(str(t.value)):
            # "male patients … who have female partners of childbearing potential": the
            # partner's sex and childbearing potential, not the patient's
            start = t.start
            if out and out[-1].type == "SEX":
                start = out.pop().start
            if (
                j < len(toks)
                and toks[j].type == "CONCEPT"
                and _PARTNER_GAP.fullmatch(text[t.end : toks[j].start])
            ):
                j += 1
            out.append(Tok("WORD", text[start : toks[j - 1].end], start, toks[j - 1].end))
            i = j
            continue
        if (
            t.type == "WORD"
            and _DONOR.fullmatch(str(t.value))
            and j < len(toks)
            and toks[j].type == "CONCEPT"
            and _DONOR_GAP.fullmatch(text[t.end : toks[j].start])
            and vocab[str(toks[j].value)].numeric
        ):
            j += 1
            while j < len(toks) and toks[j].type in _VALUE_TAIL:
                j += 1
            out.append(Tok("WORD", text[t.start : toks[j - 1].end], t.start, toks[j - 1].end))
            i = j
            continue
        out.append(t)
        i += 1
    return out


_DONATED = re.compile(r"(?:^|\s)(?:donated|donors?|donations?)$", re.I)
_DONATED_GAP = frozenset(["after", "from", "with"])
_DONATED_LINK = re.compile(r"\s+(?:after|from|with)\s+(?:an?\s+)?", re.I)


@_needs("WORD CONCEPT", words=("donat", "donor"))
def _donated_conditions(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "Grafts donated after cardiac arrest (DCD grafts)": the condition is the donor's.
    Read as the patient's cardiac arrest, the exclusion was not met by any recipient who
    had none, whatever graft they were to receive.  The donor words, the link word and the
    condition stay unread together (numeric donor values: :func:`_donor_values`)."""
    out = list(toks)
    i = 0
    while i + 1 < len(out):
        w = out[i]
        k = i + 1
        if (
            k + 1 < len(out)
            and out[k].type in ("WORD", "MOD")
            and text[out[k].start : out[k].end].lower() in _DONATED_GAP
        ):
            k += 1  # "donated after cardiac arrest": the link word read as a word
        c = out[k]
        if (
            w.type == "WORD"
            and _DONATED.search(text[w.start : w.end])
            and (k > i + 1 or _DONATED_LINK.fullmatch(text[w.end : c.start]))
            and c.type == "CONCEPT"
            and vocab[str(c.value)].kind == "condition"
        ):
            out[i : k + 1] = [Tok("WORD", text[w.start : c.end], w.start, c.end)]
        i += 1
    return out


@_needs("KOFN")
def _k_of_n(toks: list[Tok], text: str) -> list[Tok]:
    """ "At least 2 of the following …: A, B, C": an "or" of every choice of 2 items.

    The items are the concepts listed after the colon to the end of the sentence, joined by
    commas, "or", "and"/"and/or"; ``k`` of ``n`` becomes ``(A and B) or (A and C) or (B
    and C)``, one of ``n`` an "or".  Anything else after the colon (a threshold, an unread
    word, more than :data:`_K_OF_N_MAX` items) leaves the phrase and its items unread."""
    at = next((i for i, t in enumerate(toks) if t.type == "KOFN"), None)
    if at is None:
        return toks
    cue = toks[at]
    end = at + 1
    depth = 0
    while end < len(toks) and not (toks[end].type == "COMMA" and toks[end].value in (".", ";")):
        depth += toks[end].type in ("LPAREN", "LPOST")
        depth -= toks[end].type == "RPAREN"
        if depth < 0:
            break  # "[determined as one or more of the following: A, B]": the bracket ends it
        end += 1
    body = toks[at + 1 : end]
    while body and body[-1].type in ("AND", "OR", "COMMA"):
        body = body[:-1]  # "…, hepatomegaly AND": the line goes on in the next one
    items = body[::2]
    k = int(str(cue.value))
    if (
        not items
        or any(t.type != "CONCEPT" for t in items)
        or any(t.type not in ("COMMA", "OR", "AND") for t in body[1::2])
        or len({t.value for t in items}) != len(items)
        or not 1 <= k < len(items) <= _K_OF_N_MAX
    ):
        word = Tok("WORD", text[cue.start : cue.end].strip(), cue.start, cue.end)
        if body and k == 1 and not any(t.type == "KOFN" for t in body):
            # "Liver transplantation candidates with one or more of the following: serum
            # creatinine >152μmol/l": registry lists split into one line per item hold one
            # alternative here, the others elsewhere, so the item met decides the line and
            # the item not met leaves it open: ``(item) or unparsed(cue)``
            s, e = body[0].start, body[-1].end
            return [
                *toks[:at],
                Tok("LPAREN", "(", s, s),
                Tok("LPAREN", "(", s, s),
                *body,
                Tok("RPAREN", ")", e, e),
                Tok("OR", "or", cue.start, cue.start),
                word,
                Tok("RPAREN", ")", e, e),
                *toks[at + 1 + len(body) :],
            ]
        if body and k > 1:
            # "2 of the following 4 criteria: Fibroscan liver stiffness score >13 kPa": one
            # item of a k-of-n list (k > 1) decides nothing alone, met or not
            s, e = cue.start, body[-1].end
            return [
                *toks[:at],
                Tok("WORD", text[s:e].strip(), s, e),
                *_k_of_n(toks[at + 1 + len(body) :], text),
            ]
        # the items count towards k of n: none of them is required by itself, so none is
        # read alone ("2 of the following 4 criteria: … APRI > 2.0" is no "and APRI > 2")
        stop = body[-1].end if body else cue.end
        word = Tok("WORD", text[cue.start : stop].strip(), cue.start, stop)
        return [*toks[:at], word, *_k_of_n(toks[at + 1 + len(body) :], text)]
    out = [Tok("LPAREN", "(", cue.start, cue.start)]
    for n, combo in enumerate(itertools.combinations(items, k)):
        if n:
            out.append(Tok("OR", "or", cue.start, cue.start))
        out.append(Tok("LPAREN", "(", combo[0].start, combo[0].start))
        for j, item in enumerate(combo):
            if j:
                out.append(Tok("AND", "and", item.start, item.start))
            out.append(item)
        out.append(Tok("RPAREN", ")", combo[-1].end, combo[-1].end))
    out.append(Tok("RPAREN", ")", body[-1].end, body[-1].end))
    return [*toks[:at], *out, *_k_of_n(toks[at + 1 + len(body) :], text)]


@_needs("HISTORY CONCEPT", "NOT CONCEPT")
def _cue_over_juxtaposition(toks: list[Tok], text: str) -> list[Tok]:
    """ "history of NYHA class IV heart failure", "no anticoagulation with coumarin
    derivatives": the cue covers the juxtaposed concepts.

    A HISTORY cue followed by a concept with its comparison and then, with nothing between,
    another concept, or a "no"/"without" followed by juxtaposed concepts, is grouped to the
    next comma, and/or or closing parenthesis: ``heart failure`` is history too, and "no X
    with Y" is ``not (X and Y)``, never ``(not X) and Y``."""
    out = list(toks)
    i = 0
    while i < len(out):
        cue = out[i]
        negation = cue.type == "NOT" and text[cue.start : cue.end].strip().lower() in (
            "no",
            "without",
        )
        first = i + 1
        while negation and first < len(out) and out[first].type == "MOD":
            first += 1  # "no concurrent full-dose anticoagulation with coumarin derivatives"
        if (
            (cue.type == "HISTORY" or negation)
            and first < len(out)
            and out[first].type == "CONCEPT"
        ):
            j, depth, run = i + 1, 0, []
            while j < len(out):
                t = out[j]
                if t.type in ("LPAREN", "LPOST"):
                    depth += 1
                elif t.type == "RPAREN":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and t.type in ("COMMA", "AND", "OR", "EXCEPT", "NOT", "HISTORY"):
                    break
                elif depth == 0:
                    run.append(t.type)  # what the cue covers, not its parentheticals
                j += 1
            if run.count("CONCEPT") > 1 and (negation or "CMP" in run or "CATEGORY" in run):
                out.insert(j, Tok("RPAREN", ")", out[j - 1].end, out[j - 1].end))
                out.insert(i + 1, Tok("LPAREN", "(", out[i].end, out[i].end))
        i += 1
    return out


@_needs("WORD SEX COMMA", words=("if",))
def _if_sex_lead(toks: list[Tok], text: str) -> list[Tok]:
    """ "If female, known pregnancy, or has a positive serum pregnancy test, or lactating"
    (an exclusion): the leading "If <sex>," puts a condition on the whole rest of the line,
    ``sex = female and (…)``.  Read as one more item of the list, "(unparsed("If") and sex =
    female) or pregnancy or lactation", every woman neither pregnant nor nursing was left
    undecided (NCT03432260).  Exclusions only (in an inclusion it would be "not female
    or …"); a line naming a sex again is left as it is."""
    if len(toks) < 4:
        return toks
    cue, sex, comma = toks[0], toks[1], toks[2]
    if not (
        cue.type == "WORD"
        and text[cue.start : cue.end].strip().lower() == "if"
        and sex.type == "SEX"
        and comma.type == "COMMA"
        and comma.value == ","
    ):
        return toks
    rest = toks[3:]
    if any(t.type == "SEX" for t in rest):
        return toks
    first, last = rest[0], rest[-1]
    return [
        Tok("SEX", sex.value, sex.start, sex.end),
        Tok("AND", "and", comma.start, comma.end),
        Tok("LPAREN", "(", first.start, first.start),
        *rest,
        Tok("RPAREN", ")", last.end, last.end),
    ]


_REQUIRING = re.compile(r"\s+requiring\s+", re.IGNORECASE)


@_needs("CONCEPT", words=("requiring",))
def _requiring_pairs(toks: list[Tok], text: str) -> list[Tok]:
    """ "pleural effusions requiring thoracentesis or ascites requiring paracentesis": each
    "A requiring B" is one alternative, so it is grouped before "or" splits B from A."""

    def joined(a: Tok, b: Tok, after: Tok | None) -> bool:
        return (
            a.type == "CONCEPT"
            and b.type == "CONCEPT"
            and _REQUIRING.fullmatch(text, a.end, b.start) is not None
            and (after is None or after.type in ("OR", "AND", "COMMA", "WINDOW"))
        )

    return _group_pairs(toks, joined)


def _negated(toks: list[Tok], label: str) -> list[Tok]:
    """``not (toks)``, the NOT token carrying ``label`` so the resolver knows why the whole
    line is negated (an exclusion header, a requirement worded among exclusions)."""
    start, end = toks[0].start, toks[-1].end
    return [
        Tok("NOT", label, start, start),
        Tok("LPAREN", "(", start, start),
        *toks,
        Tok("RPAREN", ")", end, end),
    ]


def _group_pairs(toks: list[Tok], joined: Callable[[Tok, Tok, Tok | None], bool]) -> list[Tok]:
    """Group each two neighbouring tokens ``a b`` that ``joined(a, b, next)`` accepts as
    ``(a and b)``, so a later "or" cannot split them."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        a = toks[i]
        if i + 1 < len(toks) and joined(a, toks[i + 1], toks[i + 2] if i + 2 < len(toks) else None):
            b = toks[i + 1]
            out += [
                Tok("LPAREN", "(", a.start, a.start),
                a,
                Tok("AND", "and", a.end, b.start),
                b,
                Tok("RPAREN", ")", b.end, b.end),
            ]
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_ETC = re.compile(r"\s*,?\s*(?:etc\b|and\s+so\s+on\b)", re.IGNORECASE)


_CONDITION_LINKS = frozenset(
    [
        "if",
        "in case of",
        "in the case of",
        "in patients with",
        "in subjects with",
        "for patients with",
        "for subjects with",
        "in the presence of",
        "in presence of",
    ]
)


@_needs("OR NUMBER CONCEPT")
def _conditional_alternative(toks: list[Tok], text: str) -> list[Tok]:
    """ "ALT < 2.5 x ULN, or < 5 x ULN in case of liver metastases": the second bound holds
    only with the condition, as in "ALT < 2.5 x ULN (< 5 x ULN in case of liver metastases)".

    ``CMP q [,] or BCMP q' <link> X`` ending an item becomes ``CMP q ( BCMP q' X )``, the
    parenthesised alternative eligo reads as ``… or (… and X)``.  Read plainly, the
    condition was joined to the whole item ("(ALT < 2.5 or ALT < 5) and liver
    metastases")."""
    out = list(toks)
    i = 1
    while i + 3 < len(out):
        j = i + 1 if out[i].type == "COMMA" and out[i + 1].type == "OR" else i
        if not (
            out[j].type == "OR"
            and out[i - 1].type in ("NUMBER", "UNIT", "ULN")
            and out[j + 1].type in ("BCMP", "CMP")
            and j + 3 < len(out)
            and out[j + 2].type == "NUMBER"
        ):
            i += 1
            continue
        q = j + 3
        if out[q].type in ("UNIT", "ULN"):
            q += 1
        c = q + 1 if q < len(out) and out[q].type == "MOD" and out[q].value == "if" else q
        if not (
            c < len(out)
            and out[c].type == "CONCEPT"
            and (c + 1 == len(out) or (out[c + 1].type == "COMMA"))
            and _phrase(text[out[q - 1].end : out[c].start]) in _CONDITION_LINKS
        ):
            i += 1
            continue
        lpost = Tok("LPOST", "(", out[i].start, out[j].end)
        bound = Tok("BCMP", out[j + 1].value, out[j + 1].start, out[j + 1].end)
        close = Tok("RPAREN", ")", out[c].end, out[c].end)
        out = [*out[:i], lpost, bound, *out[j + 2 : c + 1], close, *out[c + 1 :]]
        i = c + 1
    return out


@_needs("BCMP NUMBER WORD")
def _unread_subjects(toks: list[Tok], text: str) -> list[Tok]:
    """Bounds whose subject eligo cannot read stay unread with it.

    ", PAL < 2.5 x ULN (…)": an unread word opening a list item is the subject of the bound
    after it, which must not borrow the concept of the item before ("GGT < 3 x ULN, PAL <
    2.5 x ULN" is no second GGT bound); the bound and its parenthetical stay unread.  "or at
    least 1 new organ failure": a bare count of something unread is no bound on the concept
    before."""
    out: list[Tok] = []
    k = 0
    n = len(toks)
    while k < n:
        tok = toks[k]
        opens = not out or out[-1].type in ("COMMA", "AND", "OR")
        if (
            tok.type == "WORD"
            and opens
            and k + 2 < n
            and toks[k + 1].type == "BCMP"
            and toks[k + 2].type == "NUMBER"
        ):
            end = k + 3
            if end < n and toks[end].type in ("UNIT", "ULN"):
                end += 1
            if end < n and toks[end].type == "LPOST":  # "(< 5 x ULN in case of …)": its own
                depth = 0
                while end < n:
                    t = toks[end]
                    depth += t.type in ("LPAREN", "LPOST")
                    depth -= t.type == "RPAREN"
                    end += 1
                    if depth == 0:
                        break
            last = toks[end - 1]
            out.append(Tok("WORD", text[tok.start : last.end].strip(), tok.start, last.end))
            k = end
            continue
        if (
            tok.type == "BCMP"
            and opens
            and k + 2 < n
            and toks[k + 1].type == "NUMBER"
            and toks[k + 2].type == "WORD"
        ):
            last = toks[k + 2]
            out.append(Tok("WORD", text[tok.start : last.end].strip(), tok.start, last.end))
            k += 3
            continue
        out.append(tok)
        k += 1
    return out


_CAUSE = re.compile(r"\b(?:a?etiolog\w*|causes?)\s*$", re.IGNORECASE)


@_needs("OR WORD", words=("etiolog", "cause"))
def _example_causes(toks: list[Tok], text: str) -> list[Tok]:
    """ "unless an alternate etiology such as Gilbert's syndrome or hemolytic anemia is
    present": the examples are causes of the finding, and having one does not make it the
    cause (nor are they all the causes the line allows), so they stay unread with their
    head: read as alternatives ("or gilbert_syndrome") they would waive the threshold for
    every patient with the syndrome, whatever raised the value."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if (
            tok.type == "OR"
            and "example" in str(tok.value)
            and out
            and out[-1].type == "WORD"
            and _CAUSE.search(text[out[-1].start : out[-1].end])
        ):
            head = out.pop()
            end = i + 1
            depth = 0
            while end < len(toks):
                t = toks[end]
                if t.type in ("LPAREN", "LPOST"):
                    depth += 1
                elif t.type == "RPAREN":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and (
                    t.type in ("EXCEPT", "NOT") or (t.type == "COMMA" and t.value in (".", ";"))
                ):
                    break  # the examples run on through a comma list to the sentence end
                end += 1
            last = toks[end - 1]
            out.append(Tok("WORD", text[head.start : last.end].strip(), head.start, last.end))
            i = end
            continue
        out.append(tok)
        i += 1
    return out


_ITEM_TOKENS = frozenset(
    [
        "CONCEPT",
        "CMP",
        "BCMP",
        "NUMBER",
        "UNIT",
        "ULN",
        "WORD",
        "MOD",
        "WINDOW",
        "CATEGORY",
        "BCATEGORY",
        "SEX",
        "TO",
    ]
)


@_needs("COMMA OR CONCEPT CMP NUMBER")
def _oxford_items(toks: list[Tok]) -> list[Tok]:
    """ "NYHA class 3 or 4 symptoms, known LVEF <= 30%, or hospital admission for heart
    failure within 3 months": the serial ", or" joins the last two items of the list, each
    whole, so each is grouped.  Read plainly, "or" bound tighter than the words of an item
    ("(lvef <= 30 % or hospital) and admission and heart_failure within 3 months"), and a
    low LVEF no longer excluded.  Only in a list of three or more items (a comma before)
    whose two items are plain (no parenthesis or cue), the first a threshold (which an "or"
    cannot share with the words after it) and the second several tokens."""
    out = list(toks)
    i = 1
    while i + 1 < len(out):
        if not (out[i].type == "COMMA" and out[i].value == "," and out[i + 1].type == "OR"):
            i += 1
            continue
        a = i
        while a > 0 and out[a - 1].type in _ITEM_TOKENS:
            a -= 1
        b = i + 2
        while b < len(out) and out[b].type in _ITEM_TOKENS:
            b += 1
        earlier = a > 0 and out[a - 1].type == "COMMA" and out[a - 1].value == ","
        ends = b == len(out) or out[b].type in ("COMMA", "RPAREN")
        threshold = [t.type for t in out[a:i]] in (
            ["CONCEPT", "CMP", "NUMBER"],
            ["CONCEPT", "CMP", "NUMBER", "UNIT"],
            ["CONCEPT", "CMP", "NUMBER", "ULN"],
        )
        if not (earlier and ends and threshold and b - i - 2 > 1):
            i += 1
            continue
        left = [Tok("LPAREN", "(", out[a].start, out[a].start), *out[a:i]]
        left.append(Tok("RPAREN", ")", out[i - 1].end, out[i - 1].end))
        right = [Tok("LPAREN", "(", out[i + 2].start, out[i + 2].start), *out[i + 2 : b]]
        right.append(Tok("RPAREN", ")", out[b - 1].end, out[b - 1].end))
        out = [*out[:a], *left, out[i], out[i + 1], *right, *out[b:]]
        i = a + len(left) + 2 + len(right)
    return out


@_needs("COMMA CONCEPT")
def _parenthesised_examples(toks: list[Tok], text: str) -> list[Tok]:
    """ "history of portal hypertension (esophageal varices, ascites, hepatic
    encephalopathy)", "history of cirrhosis complication: ascites, variceal bleeding,
    hepatic encephalopathy": a bare comma list in the parenthesis after a noun, or after a
    noun and a colon to the end of the line, names its forms, any one of which is enough.
    An inclusion reads a bare comma list as "and", so "No past or present history of portal
    hypertension (…)" was met by a patient with ascites alone.  Only lists of plain mentions,
    each naming a concept (a threshold list such as "(platelets > 100, ANC > 1.5)" states
    requirements, all of them; "(ER-, PR-, HER2-)" negations, all of them)."""
    out = list(toks)
    for i, tok in enumerate(out):
        if i == 0 or out[i - 1].type not in ("CONCEPT", "WORD", "MOD"):
            continue
        if tok.type == "LPOST":
            first, closer = i + 1, "RPAREN"
        elif text[out[i - 1].end : tok.start].strip() == ":":
            first, closer = i, None  # the list runs to the end of the line
        else:
            continue
        j = first
        commas: list[int] = []
        named = True  # the current item names a concept
        seen = False
        while j < len(out) and out[j].type != closer:
            t = out[j]
            if t.type == "CONCEPT":
                seen = True
            elif t.type == "COMMA" and t.value == ",":
                named, seen = named and seen, False
                commas.append(j)
            elif t.type not in ("MOD", "WORD", "HISTORY"):
                break
            j += 1
        closed = (j < len(out) and out[j].type == "RPAREN") if closer else j == len(out)
        if closed and commas and named and seen:
            for c in commas:
                out[c] = Tok("OR", "or", out[c].start, out[c].end)
            if closer is None and out[i - 1].type == "MOD":
                # "cirrhosis complication: ascites, …": the noun the list names the forms
                # of; read as a word of the first item it was left unread there
                return [*out[: i - 1], *out[i:]]
    return out


@_needs("CONCEPT CATEGORY COMMA")
def _other_stage(toks: list[Tok]) -> list[Tok]:
    """ "Barcelona Clinic Liver Cancer stage C. BCLC stage B, not suitable for …": a line
    whose first sentence is one stage and whose second opens with another stage of the same
    scale lists alternatives (no patient is in both stages); the second sentence qualifies
    its own stage: ``stage = C or (stage = B and …)``."""
    if len(toks) < 5 or [t.type for t in toks[:5]] != [
        "CONCEPT",
        "CATEGORY",
        "COMMA",
        "CONCEPT",
        "CATEGORY",
    ]:
        return toks
    if toks[2].value != "." or toks[0].value != toks[3].value or toks[1].value == toks[4].value:
        return toks
    rest = toks[3:]
    while rest and rest[-1].type == "COMMA":
        rest = rest[:-1]  # the line's closing full stop
    if any(t.type == "COMMA" and t.value in (".", ";") for t in rest):
        return toks  # a third sentence: no telling what it belongs to
    at, end = rest[0].start, rest[-1].end
    return [
        *toks[:2],
        Tok("OR", "or", toks[2].start, toks[2].end),
        Tok("LPAREN", "(", at, at),
        *rest,
        Tok("RPAREN", ")", end, end),
    ]


@_needs("NOT OR CONCEPT")
def _none_or_qualified(toks: list[Tok]) -> list[Tok]:
    """ "No cirrhosis or cirrhotic status of Child-Pugh class A only": the line opens with
    "no X or" and the alternative restates X with a reading of it, so the "no" covers X alone
    and the alternative is X with that reading: ``not X or (X and reading)``.  Only when the
    alternative is the concept again and then one readable comparison to the line's end."""
    n = len(toks)
    if n < 6 or [t.type for t in toks[:4]] != ["NOT", "CONCEPT", "OR", "CONCEPT"]:
        return toks
    if toks[1].value != toks[3].value or toks[4].type != "CONCEPT":
        return toks
    tail = [t.type for t in toks[5:]]
    reading = tail in (["CATEGORY"], ["CMP", "NUMBER"], ["CMP", "NUMBER", "UNIT"])
    if not reading:
        return toks
    at, end = toks[3].start, toks[-1].end
    return [*toks[:3], Tok("LPAREN", "(", at, at), *toks[3:], Tok("RPAREN", ")", end, end)]


_RATIO_WORD = re.compile(r"\s*(?:ratio|index|quotient)(?![A-Za-z])", re.IGNORECASE)
_RATIO_OF = re.compile(r"(?:ratio|index|quotient)\s+(?:of\s+)?$", re.IGNORECASE)


_WITH = re.compile(r"\s*,?\s*with\s+$", re.IGNORECASE)
_MEASURE_TOKENS = frozenset(("CMP", "NUMBER", "UNIT", "ULN", "TO", "BETWEEN"))


@_needs("CONCEPT", words=("with",))
def _defining_measure(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "Renal impairment with eGFR < 60 mL/min": the threshold on a measure that defines
    the condition (its ``measured_by`` / ``defined_by``) states its degree, as a definition.

    Read as "renal_failure and egfr < 60", a patient with an eGFR of 50 and no kidney
    diagnosis coded was not excluded.  ("Atrial fibrillation with heart rate > 100" stays
    both: heart rate does not define atrial fibrillation.)
    """
    out = list(toks)
    i = 0
    while i + 2 < len(out):
        a, b, c = out[i], out[i + 1], out[i + 2]
        if not (a.type == "CONCEPT" and b.type == "CONCEPT" and c.type in _MEASURE_TOKENS):
            i += 1
            continue
        cond = vocab.concepts.get(str(a.value))
        if (
            cond is None
            or cond.kind != "condition"
            or str(b.value) not in (*cond.defined_by, cond.measured_by)
            or not _WITH.fullmatch(text[a.end : b.start])
        ):
            i += 1
            continue
        j = i + 2
        while j < len(out) and out[j].type in _MEASURE_TOKENS:
            j += 1
        opened = Tok("LPOST", "def", b.start, b.start)
        closed = Tok("RPAREN", ")", out[j - 1].end, out[j - 1].end)
        out = [*out[: i + 1], opened, *out[i + 1 : j], closed, *out[j:]]
        i = j + 2
    return out


_THRESHOLD_TOKENS = frozenset(
    ("CONCEPT", "CMP", "BCMP", "NUMBER", "UNIT", "ULN", "TO", "BETWEEN", "AND")
)


@_needs("CONCEPT CMP")
def _juxtaposed_definition(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "Severe coagulopathy platelets <20,000 and INR >5": a judged fact written right
    before thresholds on measures, with nothing between them, is defined by them as it is by
    a parenthesis ("severe coagulopathy (platelets < 20,000 and INR > 5)").  Read "and", a
    patient with those counts whose record said no severe coagulopathy was not excluded.
    Only an investigator's judgement (a fact labelled so; "healthy volunteer BMI < 30" asks
    for both), and only when the thresholds (joined by "and") run to the end of the line."""
    for i in range(len(toks) - 2):
        a, b = toks[i], toks[i + 1]
        if not (a.type == "CONCEPT" and b.type == "CONCEPT" and toks[i + 2].type == "CMP"):
            continue
        fact, measure = vocab.concepts.get(str(a.value)), vocab.concepts.get(str(b.value))
        if (
            fact is None
            or fact.kind != "fact"
            or fact.numeric
            or "judgement" not in fact.label  # "healthy volunteer BMI < 30" is both
            or measure is None
            or not measure.numeric
            or text[a.end : b.start].strip()
            or any(t.type not in _THRESHOLD_TOKENS for t in toks[i + 1 :])
            or not re.fullmatch(r"[\s.;]*", text[toks[-1].end :])
        ):
            continue
        opened = Tok("LPOST", "(", b.start, b.start)
        closed = Tok("RPAREN", ")", toks[-1].end, toks[-1].end)
        return [*toks[: i + 1], opened, *toks[i + 1 :], closed]
    return toks


_GRADE_WORDS = frozenset(("small", "minimal", "mild", "slight", "trace", "little", "minor"))


@_needs("NOT OR MOD CONCEPT")
def _no_or_qualified(toks: list[Tok], text: str) -> list[Tok]:
    """ "No or small ascites": no ascites, or a small one - the noun serves both.

    With the "or" dropped the line read "not … small ascites"; a patient without ascites did
    not meet the exclusion of those with none (NCT00108355).  Only a bare "No or <grade>
    <noun>" ending there: "No concurrent or anticipated need for A or B" negates the whole.
    """
    for i in range(len(toks) - 3):
        a, b, c, d = toks[i : i + 4]
        if (
            a.type == "NOT"
            and b.type == "OR"
            and c.type == "MOD"
            and d.type == "CONCEPT"
            and text[a.start : a.end].lower() == "no"
            and not text[a.end : b.start].strip()
            and str(c.value).lower() in _GRADE_WORDS
            and (i + 4 == len(toks) or toks[i + 4].type == "COMMA")
        ):
            opened = Tok("LPAREN", "(", a.start, a.start)
            closed = Tok("RPAREN", ")", a.end, a.end)
            return [*toks[:i], opened, a, d, closed, b, *toks[i + 2 :]]
    return toks


@_needs("CONCEPT", words=("ratio", "index", "quotient"))
def _compound_ratio(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "AST/ALT ratio > 2", "urea to creatinine ratio", "ratio of AST to ALT": a ratio of
    two measured concepts eligo has no concept for is unread with its bound, never a bound on
    either ingredient ("ast > 2 U/L or alt > 2 U/L").  Ratios with a concept of their own
    ("albumin to creatinine ratio", "PaO2/FiO2") are one phrase and never reach here."""

    def measured(t: Tok) -> bool:
        return t.type == "CONCEPT" and vocab[str(t.value)].numeric

    out = list(toks)
    i = 0
    while i < len(out):
        if not measured(out[i]):
            i += 1
            continue
        j = i + 1
        if j < len(out) and out[j].type in ("OR", "AND") and "/" in text[out[i].end : out[j].end]:
            j += 1
        if not (j < len(out) and measured(out[j]) and out[j].value != out[i].value):
            i += 1
            continue
        gap = text[out[i].end : out[j].start]
        if not re.fullmatch(r"\s*(?:/|to|:)\s*", gap, re.IGNORECASE):
            i += 1
            continue
        after = _RATIO_WORD.match(text, out[j].end)
        before = _RATIO_OF.search(text, 0, out[i].start)
        if after is None and before is None:
            i += 1
            continue
        start = out[i].start
        k = j + 1
        if after is not None:
            while k < len(out) and out[k].start < after.end():
                k += 1  # the "ratio" word
        else:
            start = before.start() if before is not None else start
            while i > 0 and out[i - 1].start >= start:
                i -= 1  # the "ratio of" word(s)
        if k < len(out) and out[k].type in ("CMP", "BCMP"):
            k += 1
            if k < len(out) and out[k].type == "NUMBER":
                k += 1
                if k < len(out) and out[k].type in ("UNIT", "ULN"):
                    k += 1
        end = out[k - 1].end
        out[i:k] = [Tok("WORD", text[start:end].strip(), start, end)]
        i += 1
    return out


_OTHER_SPECIMEN = re.compile(
    r"(?:^|[\s(])(?:ionized|ionised|free|ascitic|ascites|fluid|pleural|csf|cerebrospinal|"
    r"peritoneal|synovial|urine|urinary|stool|fecal|faecal|capillary|cord|sweat|salivary|"
    r"\d+-?(?:hour|hr|h)|postprandial|post-prandial|peak|trough|decrease|increase|change|drop|"
    r"rise|fall|reduction|decline)\s*(?:in\s+|of\s+)?$",
    re.IGNORECASE,
)


@_needs("WORD CONCEPT CMP NUMBER", "WORD CONCEPT BCMP NUMBER")
def _other_specimen(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "Ionized calcium < 1.0 mmol/L", "CSF glucose < 40 mg/dL", "Ascitic fluid neutrophil
    count > 250", "Decrease in hemoglobin of > 2 g/dL": an unread word naming another
    specimen, fraction or a change makes the bound one on something else than the analyte
    eligo knows, so the analyte and its bound stay unread with it.  Read, the blood value
    could decide the line ("unparsed(ionized) and calcium < 1 mmol/L" is false for every
    normal total calcium, so the exclusion never excluded)."""
    out = list(toks)
    i = 1
    while i + 2 < len(out):
        word, concept, cmp = out[i - 1], out[i], out[i + 1]
        if not (
            word.type == "WORD"
            and concept.type == "CONCEPT"
            and vocab[str(concept.value)].numeric
            and cmp.type in ("CMP", "BCMP")
            and out[i + 2].type == "NUMBER"
            and text[word.end : concept.start].strip().lower() in ("", "in", "of")
            and _OTHER_SPECIMEN.search(text, 0, concept.start)
        ):
            i += 1
            continue
        k = i + 3
        if k < len(out) and out[k].type in ("UNIT", "ULN"):
            k += 1
        start, end = word.start, out[k - 1].end
        out[i - 1 : k] = [Tok("WORD", text[start:end].strip(), start, end)]
    return out


_CARE_SETTING = re.compile(
    r"\s+(?:facility|facilities|homes?|staff|care|unit|units|services?|assistants?|students?)\b",
    re.IGNORECASE,
)


_TRAILING_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\s*$")


_FOLLOWING = re.compile(r"(?:any\s+of\s+)?the\s+following\b", re.IGNORECASE)


def _negated_head_noun(m: re.Match[str], neg: re.Match[str] | None) -> tuple[int, int] | None:
    """The span of X in a "No X:" line header (``m`` its _HEADER match), unless X is just
    "the following"."""
    if neg is None:
        return None
    start, end = m.start("head") + neg.end(), m.end("head")
    if _FOLLOWING.fullmatch(m.string[start:end].strip()):
        return None
    return (start, end)


def _head_alternative(inner: list[Tok], head: tuple[int, int], text: str) -> list[Tok]:
    """ "No absolute contra-indications to exercise: recent (<6 months) acute cardiac event
    unstable angina, uncontrolled dysrhythmias causing symptoms …": the header names what
    the list enumerates, so it stays an (unread) alternative of the list: not (X or …).  The
    list alone, mis-grouped where a comma is missing, read not (unparsed(…) and (…) and
    (…)), met by a patient with a recent myocardial infarction; now the line is at best
    unknown unless one of the listed items is read on the record.  Only when the list does
    not read as a plain "or" list: an "and", or two items side by side with no comma or
    "or" between them ("No … exercise: myocarditis, pericarditis" stays not (A or B))."""
    s, e = head
    if not inner:
        return inner
    content = ("CONCEPT", "WORD", "WINDOW", "RPAREN")
    depth, joined = 0, False
    for prev, cur in itertools.pairwise(inner):
        depth += prev.type in ("LPAREN", "LPOST")
        depth -= prev.type == "RPAREN"
        if depth == 0 and (
            cur.type == "AND" or (prev.type in content and cur.type in (*content[:3], "MOD"))
        ):
            joined = True
    if not joined:
        return inner
    a, b = inner[0], inner[-1]
    return [
        Tok("WORD", text[s:e].strip(), s, e),
        Tok("OR", "or", e, e),
        Tok("LPAREN", "(", a.start, a.start),
        *inner,
        Tok("RPAREN", ")", b.end, b.end),
    ]


_OPEN_ETC = re.compile(r"(?:,\s*)?\betc\b\.?", re.IGNORECASE)


@_needs(words=("etc",))
def _open_list(toks: list[Tok], text: str) -> list[Tok]:
    """ "Previous splenectomy, …, TIPS, liver transplantation, etc.": an exclusion list left
    open by "etc." names some of what excludes, not all of it.  "etc." was a stop word, so
    the line read as the closed list and a patient with another such procedure (a surgical
    shunt) was not excluded; now "etc." stays an unread alternative at the end of the list.
    Only outside parentheses: "infection (sepsis, pneumonia etc)" has its noun to cover it."""
    out = list(toks)
    for m in _OPEN_ETC.finditer(text):
        if text[: m.start()].count("(") != text[: m.start()].count(")"):
            continue
        if any(t.start <= m.start() < t.end for t in out):
            continue  # already inside an unread span
        at = next((k for k, t in enumerate(out) if t.start >= m.end()), len(out))
        if at == 0 or out[at - 1].type in ("OR", "AND", "NOT", "LPAREN", "LPOST"):
            continue
        depth = sum((t.type in ("LPAREN", "LPOST")) - (t.type == "RPAREN") for t in out[:at])
        if depth:
            continue
        s, e = m.start(), m.end()
        word = text[s:e].lstrip(", ").strip()
        ws = e - len(text[s:e].lstrip(", "))
        out[at:at] = [Tok("OR", "or", s, s), Tok("WORD", word, ws, e)]
    return out


def _colon_head(toks: list[Tok], text: str) -> list[Tok]:
    """ "Severe liver dysfunction: Hepatic encephalopathy, cirrhosis (…)": in an exclusion,
    a concept before a colon heads the forms listed after it, any of which excludes, and
    is itself one.  Juxtaposed, the head was joined to the first form by "and", so a
    patient with hepatic encephalopathy and no liver-dysfunction code on a complete record
    was not excluded.  Now head or A or B.  Only a head that opens the line (after its
    modifiers): "Subjects with Hepatic Impairment: …" or "for females of childbearing
    potential: pregnant, …" name who the line is about, not a form that excludes."""
    out = list(toks)
    depth = 0
    for k in range(len(out) - 1):
        t, nxt = out[k], out[k + 1]
        depth += t.type in ("LPAREN", "LPOST")
        depth -= t.type == "RPAREN"
        if (
            depth == 0
            and t.type == "CONCEPT"
            and nxt.type in ("CONCEPT", "MOD", "WORD")
            and text[t.end : nxt.start].strip() == ":"
            and all(o.type == "MOD" for o in out[:k])
            and not text[: out[0].start].strip()
        ):
            return [*out[: k + 1], Tok("OR", "or", t.end, t.end), *out[k + 1 :]]
    return out


@_needs("WORD BCMP NUMBER")
def _acronym_bound(toks: list[Tok], text: str) -> list[Tok]:
    """ "use of vasopressor(s) to maintain SAP > 90 mm Hg or MAP > 60 mm Hg": a bare bound
    right after an unread abbreviation is that measure's bound.  Left bare, it took the last
    measure read before it (mean arterial pressure, from earlier in the line), so "SAP > 90"
    read MAP > 90.  Now the abbreviation, the comparator, the number and its unit stay
    unread together."""
    out = list(toks)
    i = 0
    while i + 2 < len(out):
        w, c, n = out[i], out[i + 1], out[i + 2]
        if (
            w.type == "WORD"
            and c.type == "BCMP"
            and n.type == "NUMBER"
            and not text[w.end : c.start].strip()
            and _TRAILING_ACRONYM.search(text[w.start : w.end])
        ):
            j = i + 3
            while j < len(out) and out[j].type in ("UNIT", "ULN"):
                j += 1
            out[i:j] = [Tok("WORD", text[w.start : out[j - 1].end], w.start, out[j - 1].end)]
        i += 1
    return out


@_needs("OR", words=(",",))
def _comma_or_split(toks: list[Tok], text: str) -> list[Tok]:
    """ "History of malignancy of the liver or other organs, or a family history of liver
    malignancy": the ", or" joins the two halves of the sentence, the plain "or" before it
    the words of the first half.  Juxtaposition binds looser than "or", so the line read
    history of cancer and (unparsed("liver") or unparsed("organs") or family_history_…),
    and a patient with the family history alone was not excluded.  Each half is grouped.

    Only a sentence whose first half has no comma (in "A, B, or C" the ", or" ends a serial
    list) and holds its own "or", whose second half has no "and" or comma of its own (",
    or B, and C" may join C to both), and with no negation or exception in either half
    (their scope over the ", or" is left as it was).
    """
    n = len(toks)
    start, depth = 0, 0
    for k, tok in enumerate(toks):
        if depth == 0 and tok.type == "COMMA" and tok.value in (".", ";"):
            start = k + 1
            continue
        depth += tok.type in ("LPAREN", "LPOST")
        depth -= tok.type == "RPAREN"
        if depth != 0 or tok.type != "OR" or k == start:
            continue
        if "," not in text[toks[k - 1].end : tok.start]:
            continue
        left = toks[start:k]
        end, d = k + 1, 0
        while end < n:
            t = toks[end]
            if d == 0 and t.type == "COMMA" and t.value in (".", ";"):
                break
            d += t.type in ("LPAREN", "LPOST")
            d -= t.type == "RPAREN"
            if d < 0:
                break
            end += 1
        right = toks[k + 1 : end]
        flat = [t.type for t, lvl in _levels(left)]
        if (
            not right
            or "OR" not in [t.type for t, lvl in _levels(left) if lvl == 0]
            or any(t.type == "COMMA" for t, lvl in _levels(left) if lvl == 0)
            or any(typ in ("NOT", "EXCEPT") for typ in flat)
            or any(t.type in ("NOT", "EXCEPT") for t in right)
            or any(t.type in ("AND", "COMMA") for t, lvl in _levels(right) if lvl == 0)
        ):
            continue
        a, b = left[0], left[-1]
        c, e = right[0], right[-1]
        grouped = [
            Tok("LPAREN", "(", a.start, a.start),
            *left,
            Tok("RPAREN", ")", b.end, b.end),
            tok,
            Tok("LPAREN", "(", c.start, c.start),
            *right,
            Tok("RPAREN", ")", e.end, e.end),
        ]
        return [*toks[:start], *grouped, *toks[end:]]
    return toks


def _levels(toks: list[Tok]) -> list[tuple[Tok, int]]:
    """Each token with its parenthesis depth (0 outside any)."""
    out, depth = [], 0
    for t in toks:
        if t.type == "RPAREN":
            depth -= 1
        out.append((t, depth))
        if t.type in ("LPAREN", "LPOST"):
            depth += 1
    return out


@_needs("CONCEPT", words=("nursing",))
def _nursing_setting(toks: list[Tok], text: str) -> list[Tok]:
    """ "Planned discharge to nursing facility": "nursing" before a care-setting noun names
    the setting, not breastfeeding.  Read as lactation, the exclusion was not met by any
    patient who was not breastfeeding (everyone, for a man), whatever their discharge plan;
    the words now stay unread.  ("Nursing home" itself is a vocabulary phrase.)"""
    out = list(toks)
    for i, tok in enumerate(out):
        if (
            tok.type == "CONCEPT"
            and tok.value == "lactation"
            and text[tok.start : tok.end].lower() == "nursing"
            and _CARE_SETTING.match(text, tok.end)
        ):
            out[i] = Tok("WORD", text[tok.start : tok.end], tok.start, tok.end)
    return out


@_needs("LPOST")
def _example_parenthesis(toks: list[Tok], text: str, kind: str) -> list[Tok]:
    """ "without decompensated events (e.g. ascites, bleeding, or overt encephalopathy)":
    a parenthesis opened by an example cue names examples of the noun before it, each
    enough on its own, never a further condition on it.  Read as a qualifying parenthesis
    it gave not (unparsed("decompensated events") and (ascites or …)), met by a patient with
    a decompensating event the examples do not name.  Now X or (A or B or C): the example
    cue stands for "or" (as it does outside a parenthesis) and the commas between the
    examples are alternatives too.  Only where the examples rule patients out (an
    exclusion, or after a "no" in an inclusion): an inclusion's example may name a broader
    concept than the noun it illustrates ("liver-directed therapy (e.g. … radiotherapy)"),
    and there the old, stricter reading stays.  Only when an example names a concept: a
    parenthesis of unread drug names after their class is left as it was.
    """
    example = tables().example
    out = list(toks)
    sentence = 0
    for i, tok in enumerate(out):
        if tok.type == "COMMA" and tok.value in (".", ";"):
            sentence = i + 1
        if tok.type != "LPOST" or i + 1 >= len(out):
            continue
        if kind != "exclusion" and not any(t.type == "NOT" for t in out[sentence:i]):
            continue
        gap = text[tok.end : out[i + 1].start]
        m = example.match(gap.lstrip())
        if not m or gap.lstrip()[m.end() :].strip(" ,:"):
            continue
        depth, j, commas, named = 1, i + 1, [], False
        while j < len(out) and depth:
            depth += out[j].type in ("LPAREN", "LPOST")
            depth -= out[j].type == "RPAREN"
            if depth == 1 and out[j].type == "COMMA" and out[j].value == ",":
                commas.append(j)
            named = named or (depth == 1 and out[j].type == "CONCEPT")
            j += 1
        if not named:
            continue
        for c in commas:
            out[c] = Tok("OR", "or", out[c].start, out[c].end)
        out[i] = Tok("LPAREN", "(", tok.start, tok.end)
        out.insert(i, Tok("OR", EXAMPLE_OR, tok.start, tok.start))
        return _example_parenthesis(out, text, kind)
    return out


@_needs("OR NOT CONCEPT")
def _cue_then_or(toks: list[Tok], text: str) -> list[Tok]:
    """ "No active or chronic hepatitis B": the adjectives joined by "or" were dropped,
    leaving "no or hepatitis B"; the stray "or" goes (read, it became ``not unparsed("or")
    and hbv``, which asked for hepatitis B).  Only with both adjectives gone, words before
    the "or" ("No or small ascites" is "none or small") and the concept right after it."""
    return [
        t
        for k, t in enumerate(toks)
        if not (
            t.type == "OR"
            and 0 < k < len(toks) - 1
            and toks[k - 1].type == "NOT"
            and toks[k + 1].type == "CONCEPT"
            and text[toks[k - 1].end : t.start].strip()
        )
    ]


_LIST_NEGATION = re.compile(r"\s*(?:no|not|without|absence|none|free)(?![A-Za-z])", re.IGNORECASE)


# an item of a "history of" list that says it is current ("… or active hepatitis B")
_NOW_CUE = re.compile(
    r"\s*(?:or|and|,)?\s*(?:an?\s+|any\s+)?(?:active|current|currently|ongoing|present)(?![A-Za-z])",
    re.IGNORECASE,
)


@_needs("HISTORY")
def _history_chains(toks: list[Tok], text: str) -> list[Tok]:
    """:func:`_wrap_chains` of a history cue."""
    return _wrap_chains(toks, "HISTORY", text)


@_needs("NOT")
def _negation_chains(toks: list[Tok], text: str) -> list[Tok]:
    """:func:`_wrap_chains` of a negation."""
    return _wrap_chains(toks, "NOT", text)


def _wrap_chains(toks: list[Tok], cue: str, text: str) -> list[Tok]:
    """ "No A or B", "history of A, B or C", "previous A, B, C, etc.": the cue covers every
    alternative of the list.  Not an item that names its own time: in "history of HIV or
    active infection with HCV" the hepatitis is current, and read as history it excluded
    every patient whose hepatitis C was cured."""
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].type == cue:
            # "unable to swallow …, malabsorption, …" / "non-healing": a word's own negation
            # reaches no unread item after it; a "no" / "history of" heads the whole list
            unread = cue == "HISTORY" or _LIST_NEGATION.match(text, out[i].start) is not None
            end = _item_end(out, i + 1, unread=unread)
            seps = 0
            last_sep = None
            stopped = False
            while end is not None and end < len(out) and out[end].type in ("OR", "COMMA"):
                sep = end
                if (
                    out[end].type == "COMMA"
                    and out[end].value == ","
                    and end + 1 < len(out)
                    and out[end + 1].type == "OR"
                ):
                    sep = end + 1  # "history of A, B, or C": the Oxford comma before "or"
                if cue == "HISTORY" and _NOW_CUE.match(text, out[sep].end):
                    stopped = True  # "history of A or active B": B is current, not history
                    break
                # a history list reaches an item with unread qualifiers ("history of A, B,
                # unexplained significant arrhythmias or C"): stopped there, B read "now"
                nxt = _item_end(out, sep + 1, unread=unread, qualified=cue == "HISTORY")
                if nxt is None and cue == "NOT":
                    nxt = _history_item_end(out, sep + 1)
                if nxt is None:
                    break
                seps += 1
                last_sep = out[sep].type
                end = nxt
            etc = (
                last_sep == "COMMA" and end is not None and bool(_ETC.match(text, out[end - 1].end))
            )
            listed = seps and (last_sep == "OR" or etc or stopped) and end is not None
            if not listed and cue == "NOT" and i == 0 and unread:
                end = _serial_list_end(out)  # "No A of grade >= 2, B of any grade, or C"
                seps, last_sep = (1, "OR") if end is not None else (0, None)
            if seps and (last_sep == "OR" or etc or stopped) and end is not None:
                at = out[i].end
                out.insert(end, Tok("RPAREN", ")", out[end - 1].end, out[end - 1].end))
                out.insert(i + 1, Tok("LPAREN", "(", at, at))
                i += 1
        i += 1
    return out


@_needs("CONCEPT WINDOW LPOST")
def _window_over_definition(toks: list[Tok], text: str) -> list[Tok]:
    """ "Decompensated liver disease within past 12 months, as indicated by variceal
    bleeding, ascites, …": the window dates the term and so each indicator that defines it;
    it is moved after the definition, whose reading it then bounds as a whole.

    Left between them it bounded nothing it could reach and stayed unread, and the
    indicators were read as current: a variceal bleed 3 months ago did not exclude."""
    for i in range(1, len(toks) - 1):
        if not (
            toks[i].type == "WINDOW"
            and toks[i - 1].type == "CONCEPT"
            and toks[i + 1].type == "LPOST"
            and toks[i + 1].value == "def"
        ):
            continue
        close = _group_end(toks, i + 1)
        if close is None or (close + 1 < len(toks) and toks[close + 1].type != "COMMA"):
            continue
        inside = toks[i + 2 : close]
        if any(t.type in ("WINDOW", "EXCEPT", "NOT", "HISTORY", "RECENT") for t in inside):
            continue  # a window, exception or negation of its own: what it reaches is unsure
        return [*toks[:i], *toks[i + 1 : close + 1], toks[i], *toks[close + 1 :]]
    return toks


_SCORE_WORDS = frozenset(("score", "points", "point score"))


@_needs("CONCEPT CATEGORY COMMA WORD", words=("score", "points"))
def _elided_twin_score(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "Child-Pugh grade A, score < 7": the "score" right after a graded score's class is
    that score's points (its ``numeric_twin``), as "Child-Pugh score < 7" reads; left as an
    unread word, the stated points limit was not checked."""
    out = list(toks)
    for k in range(3, len(out) - 2):
        word, head = out[k], out[k - 3]
        if (
            word.type != "WORD"
            or text[word.start : word.end].strip().lower() not in _SCORE_WORDS
            or out[k - 1].type != "COMMA"
            or out[k - 1].value != ","
            or out[k - 2].type != "CATEGORY"
            or head.type != "CONCEPT"
            or out[k + 1].type not in ("CMP", "BCMP")
            or out[k + 2].type != "NUMBER"
        ):
            continue
        concept = vocab.concepts.get(str(head.value))
        if concept is None or not concept.numeric_twin:
            continue
        out[k] = Tok("CONCEPT", concept.numeric_twin, word.start, word.end)
    return out


_SUMMARY_TAIL = frozenset(
    ("CONCEPT", "CMP", "BCMP", "CATEGORY", "NUMBER", "UNIT", "ULN", "COMMA", "WORD")
)


@_needs("NOT OR LPOST CONCEPT")
def _summary_after_negated_list(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "no ascites or encephalopathy (Child-Pugh grade A, score < 7)": a parenthesised
    threshold after the last item of a negated list, on a measure that does not grade that
    item, sums up the whole line; it is no alternative of the list, so it stands outside the
    negation, ANDed to it: ``not (ascites or encephalopathy) and child_pugh_class = A``.
    Only a class of a categorical score: a numeric grade ("(West Haven grade >= 2)") can be
    the last item's own.

    Inside the negation (NCT01909778) it read ``not (ascites or (encephalopathy and
    child_pugh_class = A))`` (or ``… or child_pugh_class = A``): a patient with hepatic
    encephalopathy in Child-Pugh class B met "no … encephalopathy", and one in class A
    without either failed it.  A parenthesis on the item's own grading measure ("no
    encephalopathy (West Haven grade >= 2)") stays on the item."""
    i = 0
    while i + 1 < len(toks):
        if toks[i].type != "NOT" or toks[i + 1].type != "LPAREN":
            i += 1
            continue
        close = _group_end(toks, i + 1)
        if close is None or toks[i + 1].start != toks[i + 1].end:
            i += 1
            continue  # only the group the lexer put round a negated list
        depth, opened, alternatives = 0, None, False
        for k in range(i + 2, close):
            typ = toks[k].type
            if depth == 0 and typ == "OR":
                alternatives = True
            if typ in ("LPAREN", "LPOST"):
                if depth == 0:
                    opened = k
                depth += 1
            elif typ == "RPAREN":
                depth -= 1
        last = close - 1
        if (
            not alternatives
            or opened is None
            or _group_end(toks, opened) != last
            or toks[opened].value != "("
            or text[toks[opened].start : toks[opened].end] != "("
            or toks[opened - 1].type != "CONCEPT"
            or opened + 2 >= last
            or toks[opened + 1].type != "CONCEPT"
            or toks[opened + 2].type not in ("CMP", "BCMP", "CATEGORY")
            or any(t.type not in _SUMMARY_TAIL for t in toks[opened + 1 : last])
        ):
            i += 1
            continue
        item = vocab.concepts.get(str(toks[opened - 1].value))
        measure = vocab.concepts.get(str(toks[opened + 1].value))
        if (
            item is None
            or measure is None
            or item.kind != "condition"
            or not measure.categories  # a class ("Child-Pugh grade A"), no grade of the item
            or measure.id in (*item.defined_by, item.measured_by)
        ):
            i += 1
            continue
        lpost, rpar = toks[opened], toks[last]
        end = toks[opened - 1].end
        return [
            *toks[:opened],
            Tok("RPAREN", ")", end, end),
            Tok("AND", "and", end, end),
            Tok("LPAREN", "(", lpost.start, lpost.end),
            *toks[opened + 1 : last],
            rpar,
            *toks[close + 1 :],
        ]
    return toks


@_needs("NOT OR")
def _negated_examples(toks: list[Tok], text: str) -> list[Tok]:
    """ "No intercurrent cardiac dysfunction including, but not limited to, any of the
    following: History of myocardial infarction": "no" covers the examples too.

    A "no" whose item is followed by examples ("including", "such as") is grouped with
    them, to the end of its sentence, so "no A including B" reads not (A or B), never
    (not A) or B.  Not for "non-cardiac causes such as …": those are examples of what is
    negated-as-adjective, not of what "no" rules out.
    """
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].type != "NOT" or text[out[i].start : out[i].end].strip().lower() not in (
            "no",
            "without",
            "not",
        ):
            i += 1
            continue
        start = i + 1
        if start < len(out) and out[start].type == "LPAREN":
            # "No severe restrictive or obstructive lung disease … including any of the
            # following …: FEV1 < 50%": the alternatives "no" already covers, then examples
            close = _group_end(out, start)
            if close is None or not (
                close + 1 < len(out)
                and out[close + 1].type == "OR"
                and out[close + 1].value == EXAMPLE_OR
            ):
                i += 1
                continue
            start = close + 1
        depth, j, example, joined = 0, start, False, False
        while j < len(out):
            t = out[j]
            if depth == 0 and t.type == "COMMA" and t.value in (".", ";"):
                break
            if depth < 0:
                break
            depth += t.type in ("LPAREN", "LPOST")
            depth -= t.type == "RPAREN"
            if depth == 0 and t.type == "OR" and t.value == EXAMPLE_OR and not joined:
                example = True
            elif depth == 0 and t.type in ("AND", "OR", "COMMA") and not example:
                joined = True  # "a negative pregnancy test … and adequate contraception"
            j += 1
        if depth < 0:
            j -= 1  # stop before the parenthesis that closes around the NOT
        if example:
            at, end = out[i].end, out[j - 1].end
            out.insert(j, Tok("RPAREN", ")", end, end))
            out.insert(i + 1, Tok("LPAREN", "(", at, at))
        i += 1
    return out


def _group_end(toks: list[Tok], at: int) -> int | None:
    """Index of the RPAREN closing the group opened at ``at``, or ``None``."""
    depth = 0
    for k in range(at, len(toks)):
        depth += toks[k].type in ("LPAREN", "LPOST")
        depth -= toks[k].type == "RPAREN"
        if depth == 0:
            return k
    return None


def _brand_in_washout(toks: list[Tok]) -> list[Tok]:
    """ "(> 3 weeks for pegfilgrastim [Neulasta])": a bracket naming the same drug again is
    its brand name, dropped so the longer wait is read as one."""
    out = list(toks)
    for i in range(len(out) - 3):
        drug, lp, again, rp = out[i : i + 4]
        if (
            drug.type == "CONCEPT"
            and lp.type == "LPOST"
            and again.type == "CONCEPT"
            and again.value == drug.value
            and rp.type == "RPAREN"
        ):
            return [*out[:i], replace(drug, end=rp.end), *out[i + 4 :]]
    return out


@_needs("CONCEPT LPOST RPAREN")
def _longer_washout(toks: list[Tok]) -> list[Tok]:
    """ "More than 2 weeks since prior chemotherapy (>= 6 weeks for nitrosoureas)".

    A parenthesis naming a longer wait for one drug, right before the window that closes a
    "since" group, becomes a second "since": ``not (chemotherapy within 2 weeks) and not
    (nitrosoureas within 6 weeks)``.  Read inside the group it was ANDed with the first drug,
    so a nitrosourea four weeks ago passed.
    """
    toks = _brand_in_washout(toks)
    for i in range(len(toks) - 7):
        lp, cmp, num, unit, drug, rp, window, close = toks[i : i + 8]
        if (
            lp.type == "LPOST"
            and cmp.type in ("CMP", "BCMP")
            and cmp.value in (">=", ">")
            and num.type == "NUMBER"
            and unit.type == "UNIT"
            and unit.value in TIME_UNITS.values()
            and drug.type == "CONCEPT"
            and rp.type == "RPAREN"
            and window.type == "WINDOW"
            and close.type == "RPAREN"
        ):
            longer = Tok("WINDOW", (num.value, unit.value), cmp.start, unit.end)
            return [
                *toks[:i],
                window,
                close,
                Tok("AND", "and", lp.start, lp.start),
                Tok("NOT", "not", lp.start, lp.start),
                Tok("LPAREN", "(", lp.start, lp.start),
                drug,
                longer,
                Tok("RPAREN", ")", rp.end, rp.end),
                *toks[i + 8 :],
            ]
    return toks


@_needs("RECENT WINDOW", "RECENT NUMBER")
def _recent_within(toks: list[Tok]) -> list[Tok]:
    """ "Recent (< 3 months) myocardial infarction": "recent" given as a window.

    ``RECENT ( < n unit )`` and ``RECENT ( WINDOW )`` become one WINDOW token (within n
    units), which the resolver gives to the item that follows it.
    """
    out = list(toks)
    for i in range(len(out) - 3):
        a, lp, w, rp = out[i : i + 4]
        if (
            a.type == "RECENT"
            and lp.type in ("LPAREN", "LPOST")
            and w.type == "WINDOW"
            and rp.type == "RPAREN"
        ):
            # "Current or recent (within 4 weeks prior to Cycle 1 Day 1) treatment with …"
            window = Tok("WINDOW", w.value, a.start, rp.end)
            return [*out[:i], window, *_recent_within(out[i + 4 :])]
    for i in range(len(out) - 5):
        a, lp, cmp, num, unit, rp = out[i : i + 6]
        if (
            a.type == "RECENT"
            and lp.type in ("LPAREN", "LPOST")
            and cmp.type in ("CMP", "BCMP")
            and cmp.value in ("<", "<=")
            and num.type == "NUMBER"
            and unit.type == "UNIT"
            and unit.value in TIME_UNITS.values()
            and rp.type == "RPAREN"
        ):
            window = Tok("WINDOW", (num.value, unit.value), a.start, rp.end)
            return [*out[:i], window, *_recent_within(out[i + 6 :])]
    return out


# "Seizure disorder is allowed provided it is well-controlled": a permission and its condition
_PERMISSION = re.compile(
    r"(?:\b(?:is|are|will\s+be|may\s+be|be)\s+)?\b(?:allowed|permitted)\s+"
    r"(?:if|provided|providing|as\s+long\s+as|only\s+if|when)\b",
    re.IGNORECASE,
)


_SENTENCE_BREAK = re.compile(r"[.:;](?:\s|$)")
_PERMITTED = frozenset(("CONCEPT", "WORD", "MOD", "HISTORY", "OR", "LPAREN", "LPOST", "RPAREN"))


@_needs(words=("allowed", "permitted"))
def _permission(toks: list[Tok], text: str, kind: str) -> list[Tok]:
    """ "Concurrent radiotherapy to localized painful lesions allowed provided >= 1 measurable
    lesion is not irradiated": among inclusions, a line that permits something on a condition
    asks nothing of a patient without it, so ``not (subject) or unparsed(condition)``.

    Read as a list of pieces joined by "and", it asked every patient for the permitted thing
    (a patient on no steroids failed "Concurrent steroids … allowed if on a stable dose").
    Only at the top level of an inclusion (not inside a parenthesis) and with a condition
    cue after "allowed"; the condition stays unread.
    """
    m = _PERMISSION.search(text)
    if kind != "inclusion" or m is None or not toks:
        return toks
    at = m.start()
    before = text[:at]
    if before.count("(") != before.count(")") or before.count("[") != before.count("]"):
        return toks
    subject: list[Tok] = []
    for tok in toks:
        if tok.end <= at:
            subject.append(tok)
        elif tok.start < at:
            head = text[tok.start : at].rstrip()
            if tok.type != "WORD" or not head:
                return toks
            subject.append(Tok("WORD", head, tok.start, tok.start + len(head)))
        else:
            break
    opened = sum(t.type in ("LPAREN", "LPOST") for t in subject)
    end = max(t.end for t in toks)
    if (
        not any(t.type == "CONCEPT" for t in subject)
        or opened != sum(t.type == "RPAREN" for t in subject)
        # only what is permitted: "Hgb >= 9 g/dL and transfusions are allowed if …" keeps its
        # threshold (read as the permission's subject, a patient below it met the line), and
        # "A and B are allowed if …" permits each, not only both together
        or any(t.type not in _PERMITTED for t in subject)
        # "No … inducers: St. John's wort NOTE: antacids allowed provided …": a note after
        # the line's own clause permits only what it names
        or _SENTENCE_BREAK.search(text, subject[0].start, at)
        or not text[at:end].strip()
    ):
        return toks
    return [
        Tok("NOT", "not", subject[0].start, subject[0].start),
        Tok("LPAREN", "(", subject[0].start, subject[0].start),
        *subject,
        Tok("RPAREN", ")", subject[-1].end, subject[-1].end),
        Tok("OR", "or", at, at),
        Tok("WORD", text[at:end].strip(), at, end),
    ]


# "including any of the following … parameters:": the lead-in of a list of examples
_LISTED_EXAMPLES = re.compile(
    r"including(?:,?\s+but\s+not\s+limited\s+to,?)?\s+(?:any\s+of\s+)?the\s+following\b"
    r"[^:;]{0,80}:",
    re.IGNORECASE,
)
# "6 to 144 months after orthotopic liver transplantation": the time since an event
_ELAPSED_CUE = re.compile(
    r"\s*(?:after|since|following|from|post)(?:\s+|\s*-\s*)"
    r"(?:(?:the|a|an|last|prior|previous)\s+)?",
    re.IGNORECASE,
)
_DATED_KINDS = frozenset(("condition", "procedure", "medication"))


@_needs("NUMBER TO UNIT CONCEPT", "BETWEEN NUMBER AND UNIT CONCEPT")
def _elapsed_range(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "6 to 144 months after orthotopic liver transplantation": the event happened at most
    144 and at least 6 months ago, so ``(X within 144 months) and not (X within 6 months)``.

    Read only where the range stands alone (no measure before it: "age 6 to 12 months" is an
    age), its unit is a time, the cue ("after", "since", "following", "from", "post") follows
    it directly, and the event is a dated item (condition, procedure or medication, or
    alternatives of them) that ends the clause.  With no such record the first half is not
    met; with one of unknown date both halves stay unknown.
    """
    for i, tok in enumerate(toks):
        if tok.type == "BETWEEN" and i + 4 < len(toks):
            low, link, high, unit = toks[i + 1 : i + 5]
            if (low.type, link.type, high.type) != ("NUMBER", "AND", "NUMBER"):
                continue
        elif tok.type == "NUMBER" and i + 3 < len(toks):
            low, link, high, unit = toks[i : i + 4]
            if (link.type, high.type) != ("TO", "NUMBER"):
                continue
        else:
            continue
        if (
            unit.type != "UNIT"
            or unit.value not in ("h", "d", "wk", "mo", "a")
            or not isinstance(low.value, float)
            or not isinstance(high.value, float)
            or not 0 < low.value < high.value
            or (i > 0 and toks[i - 1].type in ("CONCEPT", "CMP", "BCMP", "BETWEEN", "NUMBER"))
        ):
            continue
        k = toks.index(unit, i) + 1
        while k < len(toks) and toks[k].type in ("MOD", "WORD", "HISTORY"):
            k += 1  # the cue ("after" may be lexed a modifier; "prior": the window dates it)
        if k >= len(toks) or not _ELAPSED_CUE.fullmatch(text, unit.end, toks[k].start):
            continue
        grouped = k < len(toks) and toks[k].type == "LPAREN"  # "after (A or B)"
        k += grouped
        end = k  # CONCEPT (OR CONCEPT)*
        while end < len(toks) and (
            toks[end].type == "OR"
            if (end - k) % 2
            else toks[end].type == "CONCEPT" and vocab[str(toks[end].value)].kind in _DATED_KINDS
        ):
            end += 1
        item = toks[k:end]
        if not item or item[-1].type != "CONCEPT":
            continue
        if grouped:
            if end >= len(toks) or toks[end].type != "RPAREN":
                continue
            end += 1
        if end < len(toks) and toks[end].type not in ("COMMA", "RPAREN"):
            continue
        first, last = toks[i], item[-1]
        read = [
            Tok("LPAREN", "(", first.start, first.start),
            *_dated(item, Tok("WINDOW", (high.value, unit.value), first.start, unit.end)),
            Tok("AND", "and", last.end, last.end),
            Tok("NOT", "not", first.start, first.start),
            *_dated(item, Tok("WINDOW", (low.value, unit.value), first.start, unit.end)),
            Tok("RPAREN", ")", last.end, last.end),
        ]
        return [*toks[:i], *read, *_elapsed_range(toks[end:], text, vocab)]
    return toks


def _dated(item: list[Tok], window: Tok) -> list[Tok]:
    """``( item WINDOW )``: the item within the window."""
    return [
        Tok("LPAREN", "(", item[0].start, item[0].start),
        *item,
        window,
        Tok("RPAREN", ")", item[-1].end, item[-1].end),
    ]


_EXEMPTED = re.compile(r"(?:(?:are|is)\s+)?(?:exempted|exempt|excepted)", re.IGNORECASE)


_DURING = re.compile(r"during\b", re.IGNORECASE)


@_needs("WINDOW AND WORD", words=("during",))
def _window_then_during(toks: list[Tok], text: str) -> list[Tok]:
    """ "Antacids within 24 hours prior to presentation to the ED and during the study": the
    look-back window is the drug's, and "during the study" (unread) is asked beside it.  Joined
    by its "and" to the unread words, the window lost its drug and went unread with them."""
    out: list[Tok] = []
    for i, tok in enumerate(toks):
        if (
            tok.type == "AND"
            and out
            and out[-1].type == "WINDOW"
            and i + 1 < len(toks)
            and toks[i + 1].type == "WORD"
            and _DURING.match(text, toks[i + 1].start)
        ):
            continue
        out.append(tok)
    return out


_AT_BIRTH = re.compile(r"at\s+birth", re.IGNORECASE)


@_needs("CONCEPT WORD", words=("birth",))
def _at_birth(toks: list[Tok], text: str) -> list[Tok]:
    """ "Gestational age is <=35 weeks, 6 days at birth": gestational age is the age at birth
    (its definition in the vocabulary), so "at birth" after its threshold restates it."""
    out: list[Tok] = []
    for tok in toks:
        if (
            tok.type == "WORD"
            and text[tok.start : tok.end].lower() == "birth"
            and _AT_BIRTH.match(text, max(0, tok.start - 3))
        ):
            k = len(out) - 1
            while k >= 0 and out[k].type in ("CMP", "NUMBER", "UNIT", "TO", "BETWEEN", "AND"):
                k -= 1
            if k >= 0 and out[k].type == "CONCEPT" and out[k].value == "gestational_age":
                continue
        out.append(tok)
    return out


@_needs("BCMP NUMBER WORD")
def _counted_nouns(toks: list[Tok], text: str) -> list[Tok]:
    """ "… score > 5, OR presence of at least 1 new organ failure": a bare bound on a plain
    number right before an unread noun counts that noun; it is no bound on the concept before
    it (read ``prism_iii >= 1``), so the three stay one unread word."""
    out = list(toks)
    for i in range(len(out) - 3, -1, -1):
        cmp, num, word = out[i : i + 3]
        if (
            cmp.type == "BCMP"
            and num.type == "NUMBER"
            and word.type == "WORD"
            and not text[num.end : word.start].strip()
            # "Grade ≥2 motor or sensory neuropathy": a bound on the word before, in a list
            and (i == 0 or out[i - 1].type in ("OR", "AND", "COMMA", "LPAREN"))
            and (i + 3 >= len(out) or out[i + 3].type not in ("OR", "AND"))
        ):
            out[i : i + 3] = [Tok("WORD", text[cmp.start : word.end], cmp.start, word.end)]
    return out


_ANY_BEFORE = re.compile(r"(?:^|\W)(?:any|all)\s+$", re.IGNORECASE)
_FORM_OF = re.compile(r"(?:forms?|types?|kinds?)\s+of\s+", re.IGNORECASE)


@_needs("MOD CONCEPT", words=("form", "type", "kind"))
def _any_form_of(toks: list[Tok], text: str) -> list[Tok]:
    """ "any form of leukemia", "any type of cancer", "all kinds of …": every kind of the
    concept, which is what the concept means (records of its narrower kinds are its items
    too), so the words add nothing.  Read alone, "form" was an unread qualifier that left
    "other malignancy (excluding any form of leukemia)" open."""
    out = list(toks)
    for i in range(len(out) - 2, -1, -1):
        mod, concept = out[i], out[i + 1]
        if (
            mod.type == "MOD"
            and concept.type == "CONCEPT"
            and _FORM_OF.fullmatch(text, mod.start, concept.start)
            and _ANY_BEFORE.search(text, 0, mod.start)
        ):
            del out[i]
    return out


@_needs("WORD RPAREN", words=("exempt", "excepted"))
def _postfix_exemption(toks: list[Tok], text: str) -> list[Tok]:
    """ "Malignancy requiring therapy within 2 years (basal or squamous cell skin carcinoma and
    localized prostate cancer are exempted)": an exception written after its items, read as
    "(except A, B and C)".

    The items were read as more requirements ("… and basal_cell_carcinoma …"), so that a
    colon cancer did not exclude at all.
    """
    out = list(toks)
    for i in range(len(out) - 2, 0, -1):
        word, close = out[i], out[i + 1]
        if (
            close.type != "RPAREN"
            or word.type != "WORD"
            or not _EXEMPTED.fullmatch(text[word.start : word.end].strip())
        ):
            continue
        j = i - 1
        while j >= 0 and out[j].type not in ("LPAREN", "LPOST", "RPAREN"):
            j -= 1
        if j < 1 or out[j].type == "RPAREN" or j == i - 1:
            continue
        at = out[j].end
        return [
            *out[:j],
            out[j],
            Tok("EXCEPT", "except", at, at),
            *out[j + 1 : i],
            close,
            *out[i + 2 :],
        ]
    return out


@_needs("WINDOW CONCEPT OR")
def _leading_window_list(toks: list[Tok]) -> list[Tok]:
    """ "Recent (< 3 months) myocardial infarction, catheter ablation, or electrolyte
    imbalance": a window before a serial list of conditions covers every item, as one after
    the list does ("ACS, MI, CABG or angioplasty within 3 months").

    ``WINDOW A, B, or C`` (plain concepts, the last after "or", the list ending the clause)
    becomes ``WINDOW (A, B, or C)``; an item with a window of its own keeps it (``WINDOW
    C`` is grouped so that "or" cannot split it).  Given to the first item only, B and C were
    read at any time.
    """
    out = list(toks)
    for i, tok in enumerate(out):
        if tok.type != "WINDOW" or i + 1 >= len(out) or out[i + 1].type != "CONCEPT":
            continue
        if i > 0 and out[i - 1].type not in ("COMMA", "LPAREN", "NOT", "HISTORY", "OR"):
            continue
        items: list[tuple[int, int]] = []  # (start, end) of each item
        j = i + 1
        serial_or = False
        while j < len(out):
            k = j + 1 if out[j].type == "WINDOW" and items else j
            if k >= len(out) or out[k].type != "CONCEPT":
                break
            items.append((j, k + 1))
            j = k + 1
            if (
                j + 1 < len(out)
                and out[j].type == "COMMA"
                and out[j].value == ","
                and out[j + 1].type == "OR"
            ):
                j += 1  # the Oxford comma before "or"
            if j < len(out) and out[j].type == "OR":
                serial_or = True
                j += 1
                continue
            if serial_or or j >= len(out) or out[j].type != "COMMA" or out[j].value != ",":
                break
            j += 1
        end = items[-1][1] if items else i
        if (
            len(items) < 3
            or not serial_or
            or (end < len(out) and not (out[end].type == "COMMA" and out[end].value in (".", ";")))
        ):
            continue
        grouped: list[Tok] = []
        for n, (s, e) in enumerate(items):
            if e - s == 2:  # an item with its own window
                grouped += [Tok("LPAREN", "(", out[s].start, out[s].start), *out[s:e]]
                grouped.append(Tok("RPAREN", ")", out[e - 1].end, out[e - 1].end))
            else:
                grouped += out[s:e]
            if n + 1 < len(items):
                grouped += out[e : items[n + 1][0]]  # the separator
        first, last = out[i + 1], out[end - 1]
        return [
            *out[: i + 1],
            Tok("LPAREN", "(", first.start, first.start),
            *grouped,
            Tok("RPAREN", ")", last.end, last.end),
            *_leading_window_list(out[end:]),
        ]
    return out


@_needs("LPAREN", "LPOST", "RPAREN")
def _balance(toks: list[Tok]) -> list[Tok]:
    """Drop unmatched ``)`` and close unclosed ``(`` at the end of the line."""
    out: list[Tok] = []
    depth = 0
    for tok in toks:
        if tok.type in ("LPAREN", "LPOST"):
            depth += 1
        elif tok.type == "RPAREN":
            if depth == 0:
                continue
            depth -= 1
        out.append(tok)
    end = toks[-1].end if toks else 0
    out.extend(Tok("RPAREN", ")", end, end) for _ in range(depth))
    return out


_PHRASE_GAP = re.compile(r"[\s\-]+")


def _phrase(text: str) -> str:
    return _PHRASE_GAP.sub(" ", text.strip().lower())


# "Alcohol intake >= 14 units/week", "28 drinks/week (1 drink = 150 mL of wine or …)": a count
# of servings of alcohol a day or a week; a definition in parentheses may follow
_SERVINGS = re.compile(
    rf"(?P<n>{_NUM})\s*(?P<s>units?|drinks?)"
    r"\s*(?:/\s*|\s+(?:per|a|an|each)\s+)(?P<per>weeks?|wk|days?)(?![A-Za-z])",
    re.IGNORECASE,
)
_SERVING_GRAMS = re.compile(
    r"\s*\(\s*(?:1|one|a|an)\s+(?P<s>unit|drink)\s*(?:=|is|equals)\s*"
    rf"(?P<g>{_NUM})\s*(?:g|grams?)\s+(?:of\s+)?(?:pure\s+)?(?:alcohol|ethanol)\s*\)",
    re.IGNORECASE,
)
_SERVING_VOLUMES = re.compile(
    r"\s*\(\s*(?:1|one|a|an)\s+drink\s*(?:=|is|equals)\s*(?P<body>[^()]+)\)", re.IGNORECASE
)
_BEVERAGE = re.compile(
    rf"(?P<ml>{_NUM})\s*ml\s+(?:of\s+)?(?P<b>wine|beer|spirits|liquor|distilled\s+spirits)\b",
    re.IGNORECASE,
)
# The US standard drink by volume (NIAAA, https://www.niaaa.nih.gov/alcohols-effects-health/
# what-standard-drink): 12 fl oz of beer, 5 fl oz of wine, 1.5 fl oz of spirits, at
# 29.5735 mL a US fluid ounce; a line's rounded metric volumes must lie within 5 % of these
_US_DRINK_ML = {"beer": 354.9, "wine": 147.9, "spirits": 44.4, "liquor": 44.4}


def _us_standard_drink(body: str) -> bool:
    """Whether a drink defined as ``body`` ("150 mL of wine or 360 mL of beer or 45 mL of
    spirits") is the US standard drink: every beverage at its standard volume, nothing else."""
    found = list(_BEVERAGE.finditer(body))
    if not found:
        return False
    rest = _BEVERAGE.sub(" ", body)
    if re.sub(r"\b(?:or|and)\b|[,;\s]", "", rest, flags=re.IGNORECASE):
        return False  # something besides the beverages and their connectives
    for m in found:
        kind = m.group("b").split()[-1].lower()
        standard = _US_DRINK_ML[kind]
        if abs(parse_number(m.group("ml")) - standard) > 0.05 * standard:
            return False
    return True


# Scores whose classes grade symptoms: the NYHA classes are the limitation of physical
# activity by heart-failure symptoms (Criteria Committee of the NYHA, Nomenclature and
# Criteria for Diagnosis of Diseases of the Heart and Great Vessels, 9th ed. 1994; REF §3.10)
_SYMPTOM_GRADES = frozenset(["nyha_class"])
_SYMPTOMS = re.compile(r"symptoms?", re.I)


@_needs("CONCEPT CATEGORY RPAREN WORD", words=("symptom",))
def _graded_symptoms(toks: list[Tok], text: str) -> list[Tok]:
    """ "New York Heart Association Class 3 or 4 heart failure symptoms": the class grades
    the symptoms, so "symptoms" right after a group of that score's classes (the graded
    condition's definition) adds nothing; left unread, a class IV patient was undecided.
    Only scores that grade symptoms (:data:`_SYMPTOM_GRADES`) and a group of their classes."""
    out = list(toks)
    for j in range(len(out) - 1, 1, -1):
        word = out[j]
        if word.type != "WORD" or out[j - 1].type != "RPAREN":
            continue
        if not _SYMPTOMS.fullmatch(text[word.start : word.end].strip()):
            continue
        k = j - 2
        while k >= 0 and out[k].type in _GRADE_TOKENS:
            k -= 1
        if (
            k >= 1
            and out[k].type == "CONCEPT"
            and out[k].value in _SYMPTOM_GRADES
            and out[k - 1].type in ("LPOST", "LPAREN")
            and k + 1 < j - 1
        ):
            del out[j]
    return out


# after a comma or full stop ending an annotation: more words of the line (not the end)
_NEXT_CLAUSE = re.compile(r"\s+\S")
# a full stop after a word, not an abbreviation ("e.g.", "i.e.", "et al.", "etc.", "vs.")
_SENTENCE_ENDS = re.compile(r"(?<![.\w])(?!(?:etc|al|vs|approx|incl)\.)[A-Za-z]{3,}\.$", re.I)
# an annotation naming the standard a term is judged by, not a list of methods
_STANDARD_CUE = re.compile(r"according\s+to|as\s+per\b", re.IGNORECASE)
# "… according to RECIST criteria that has not been previously irradiated": a relative
# clause stating a condition ends an annotation (the method) before it
_CONDITION_CLAUSE = re.compile(r"(?:that|which)\s+(?:has|have)\s+(?:not\s+)?been\b", re.I)
# "Measurable disease by RECIST v1.1", "at least 1 lesion with measurable disease"
_PER_RECIST_11 = re.compile(
    r"(?:(?:by|per|according\s+to|using|as\s+defined\s+by)\s+)?(?:the\s+)?RECIST\s*"
    r"(?:v(?:ersion)?\.?\s*)?1\.1(?:\s+criteria)?\.?",
    re.I,
)
_LESION_WITH = re.compile(r"lesions?(?:\s+with)?", re.I)
# "Incomplete response to UDCA after 6 months of treatment"
_RESPONSE_TO = re.compile(r"\bresponse\s+to\s+", re.I)
_AFTER_TREATMENT = re.compile(
    r"after\s+(?:at\s+least\s+)?(?P<n>\d+)\s+(?P<u>weeks?|months?|years?)\s+of\s+"
    r"(?:treatment|therapy)\.?",
    re.I,
)
# "screening visit (Day -7 to -1)": a visit, then the study days it falls on
_VISIT_END = re.compile(
    r"(?:screening|baseline|randomi[sz]ation|enrol(?:l)?ment)(?:\s+visit)?\s*$", re.I
)
_STUDY_DAYS = re.compile(
    r"(?:study\s+)?days?\s*[-+]?\d+(?:\s*(?:to|through|-|–)\s*[-+]?\d+)?", re.I
)
# "overt HE associated with cirrhosis within 6 months": the condition an event is tied to
_TIED_TO = re.compile(r"(?:associated|related)\s+(?:with|to)\b", re.I)


@_needs("CONCEPT MOD CONCEPT WINDOW", words=("associated", "related"))
def _window_past_tie(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "Have had one or more episodes of overt HE associated with cirrhosis within 6 months
    prior to screening": "associated with cirrhosis" qualifies the episode, and the window
    that ends the line dates the episode, not the condition it is tied to.  Read with the
    window on the last concept, a patient whose HE was years ago but whose cirrhosis was
    diagnosed lately had "HE … within 6 months".  Only condition - tie - condition - window at
    the end of the line (or before a parenthesis); the window moves to the event."""
    out = list(toks)
    for i in range(len(out) - 4, -1, -1):
        event, tie, cause, window = out[i : i + 4]
        if (
            event.type != "CONCEPT"
            or tie.type != "MOD"
            or cause.type != "CONCEPT"
            or window.type != "WINDOW"
            or (i + 4 < len(out) and out[i + 4].type != "LPAREN")
            or not _TIED_TO.match(text, tie.start)
        ):
            continue
        kinds = {getattr(vocab.concepts.get(str(t.value)), "kind", None) for t in (event, cause)}
        if kinds != {"condition"}:
            continue
        out[i + 1 : i + 4] = [window, tie, cause]
    return out


@_needs("CONCEPT CMP WORD", words=("unit", "drink"))
def _alcohol_servings(toks: list[Tok], text: str) -> list[Tok]:
    """ "Alcohol intake >= 14 units/week": servings of alcohol, read as grams of ethanol.

    A serving is no fixed mass (US standard drink 14 g, Australian 10 g, UK unit 8 g), so
    only a count the line pins down is read: "units" or "drinks" with a definition in
    parentheses right after them, in grams ("(1 unit = 10 g of alcohol)") or, for drinks, as
    the US standard drink's volumes of beer, wine and spirits.  A bare "units" stays unread:
    a unit of alcohol is 8 g in the UK (NHS) but 10 g where a "unit" is the standard drink
    (Australia, Singapore), so "≥ 14 units/week" may mean 112 or 140 g.  The count then
    arrives as NUMBER and a serving UNIT code (:func:`eligo.units.alcohol_serving`), which
    the resolver turns into grams; the definition is read with it.  Only after alcohol intake
    and its comparator."""
    out: list[Tok] = []
    skip_to = -1
    for i, t in enumerate(toks):
        if t.start < skip_to:
            continue  # inside a definition read with its count
        m = _SERVINGS.match(text, t.start) if t.type == "WORD" else None
        words = m is not None and any(
            u.end == m.end() for u in itertools.takewhile(lambda u: u.type == "WORD", toks[i:])
        )
        if (
            m is None
            or not words
            or i < 2
            or toks[i - 1].type != "CMP"
            or toks[i - 2].type != "CONCEPT"
            or toks[i - 2].value != "alcohol_intake"
        ):
            out.append(t)
            continue
        noun = m.group("s").lower().rstrip("s")
        per = "wk" if m.group("per").lower().startswith("w") else "d"
        end = m.end()
        grams = _SERVING_GRAMS.match(text, end)
        volumes = _SERVING_VOLUMES.match(text, end)
        if grams is not None and grams.group("s").lower() == noun:
            code, end = f"[{noun}_{parse_number(grams.group('g')):g}g]/{per}", grams.end()
        elif noun == "drink" and volumes is not None and _us_standard_drink(volumes.group("body")):
            code, end = f"[us_standard_drink]/{per}", volumes.end()
        else:
            out.append(t)
            continue
        out.append(Tok("NUMBER", parse_number(m.group("n")), m.start("n"), m.end("n")))
        out.append(Tok("UNIT", code, m.start("s"), end))
        skip_to = end
    return out


# how much or how habitually, of an intake: words a threshold right after the intake defines
_AMOUNT_WORDS = frozenset(
    ["heavy", "excessive", "regular", "habitual", "average", "harmful", "hazardous", "significant"]
)


@_needs("MOD CONCEPT CMP", "MOD CONCEPT BCMP")
def _defined_amount(toks: list[Tok], vocab: Vocabulary) -> list[Tok]:
    """ "Chronic alcohol consumption (more than 40 g/day)", "regular alcohol consumption
    exceeding 28 drinks/week": a word saying how much or how habitually someone takes in
    (heavy, regular, chronic, …), written before a recorded intake that a threshold follows
    at once (or in parentheses), is defined by that threshold, as a qualified condition is by
    the threshold after it.  Left as a modifier, it made the line unknown for everyone.  Only
    a quantity fact (an intake recorded as an amount), the one word right before it, and a
    threshold on that same intake right after it."""
    out = list(toks)
    for i in range(len(out) - 4, -1, -1):
        mod, con = out[i], out[i + 1]
        k = i + 3 if out[i + 2].type == "LPOST" else i + 2
        if (
            mod.type != "MOD"
            or str(mod.value).lower() not in _AMOUNT_WORDS
            or (i > 0 and out[i - 1].type == "MOD")
            or con.type != "CONCEPT"
            or k + 1 >= len(out)
            or out[k].type not in ("CMP", "BCMP")
            or out[k + 1].type != "NUMBER"
        ):
            continue
        c = vocab.concepts.get(str(con.value))
        if c is None or c.kind != "fact" or c.fact_type != "quantity":
            continue
        out[i : i + 2] = [Tok("CONCEPT", con.value, mod.start, con.end)]
    return out


_VERSUS_OPS = frozenset(("<", "<=", ">", ">="))


@_needs("CONCEPT WORD", "CONCEPT CMP", "CONCEPT BCMP")
def _measure_versus(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "AST > ALT": two measures compared with each other, CONCEPT VERSUS CONCEPT.

    Only a comparator (symbol or words, nothing else) between two lab measures that share a
    unit (:func:`eligo.concepts.comparable`), and not when a threshold follows the second
    ("ALT < AST < 3 x ULN" is another shape).  Left as words, "AST > ALT" was unread, and a
    line asking for it was undecided for everyone."""
    out: list[Tok] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        j = i + 1
        while j < n and j - i <= 4 and toks[j].type in ("WORD", "MOD", "CMP", "BCMP"):
            j += 1
        if t.type == "CONCEPT" and i + 1 < j < n and toks[j].type == "CONCEPT":
            op = COMPARATORS.get(_phrase(text[t.end : toks[j].start]))
            a, b = vocab.concepts.get(str(t.value)), vocab.concepts.get(str(toks[j].value))
            followed = j + 1 < n and toks[j + 1].type in ("CMP", "BCMP", "NUMBER", "TO")
            if op in _VERSUS_OPS and a and b and comparable(a, b) and not followed:
                out += [t, Tok("VERSUS", op, toks[i + 1].start, toks[j - 1].end), toks[j]]
                i = j + 1
                continue
        out.append(t)
        i += 1
    return out


@_needs("CONCEPT OR CMP NUMBER", "CONCEPT AND CMP NUMBER")
def _slashed_ratio(toks: list[Tok], text: str, vocab: Vocabulary) -> list[Tok]:
    """ "AST/ALT > 2": a bare number after two measures joined by a slash is their ratio
    (the De Ritis ratio), not a bound on each in an assumed unit; read as "AST > 2 U/L or
    ALT > 2 U/L" it was met by nearly everyone.  Left unread, as one word; with a unit or a
    multiple of the limit ("AST/ALT > 3 x ULN") each measure is bounded, as before."""
    out: list[Tok] = []
    i, n = 0, len(toks)
    while i < n:
        a = toks[i]
        if i + 4 < n and a.type == "CONCEPT":
            slash, b, op, num = toks[i + 1 : i + 5]
            if (
                slash.type in ("OR", "AND")
                and text[slash.start : slash.end] == "/"
                and b.type == "CONCEPT"
                and op.type == "CMP"
                and num.type == "NUMBER"
                and (i + 5 >= n or toks[i + 5].type not in ("UNIT", "ULN"))
            ):
                left, right = vocab.concepts.get(str(a.value)), vocab.concepts.get(str(b.value))
                if left and right and comparable(left, right):
                    out.append(Tok("WORD", text[a.start : num.end], a.start, num.end))
                    i += 5
                    continue
        out.append(a)
        i += 1
    return out


def lex(norm: Normalised, kind: str = "inclusion") -> tuple[list[Tok], list[tuple[int, int]]]:
    """Tokens and annotation spans (normalised offsets) of one criterion."""
    lx = Lexer(norm, kind)
    return lx.run(), lx.annotations
