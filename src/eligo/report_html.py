"""HTML report: screening and match results → one self-contained page (``--format html``).

A rendering stage beside :mod:`eligo.explain`; nothing is re-evaluated.  Design decisions:

- **Self-contained.**  One file with inline CSS; no scripts, fonts, images or stylesheets
  from anywhere, so it opens offline, can be mailed or attached to a screening log, and
  shows the same thing in ten years.  The only links are to the trial's registry page.
- **Colour is never the only signal.**  Each criterion carries a coloured bar *and* a
  symbol and word (✓ PASS, ✗ FAIL, ? UNKNOWN), so the page reads in greyscale print and for
  colour-blind readers; colours keep WCAG AA contrast for text.
- **Order follows the coordinator's questions** (contract §5): the verdict, then failing
  criteria, then undecided criteria with the data that would decide them, then passes; the
  missing-data worklist sits right under the verdict.
- **Printable.**  Print CSS keeps the colours (``print-color-adjust: exact``), avoids
  breaking a criterion across pages, starts each trial of a match on a new page, and prints
  link targets.
- **Everything is escaped**: registry and record text is data, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from importlib import metadata

from .match import VERDICT_LABEL, MatchResult, Ranked, action_for
from .screening import CriterionResult, ScreenResult
from .trial import Trial

OUTCOME_LABEL = {"pass": "✓ PASS", "fail": "✗ FAIL", "unknown": "? UNKNOWN"}
VERDICT_NOTE = {
    "eligible": "Every criterion is met on the record.",
    "ineligible": "At least one criterion rules the patient out.",
    "needs_review": (
        "Nothing on the record rules the patient out, but some criteria could not be decided; "
        "the data below would decide them."
    ),
}
GROUPS = (
    ("fail", "Failing criteria"),
    ("unknown", "Undecided criteria — data needed"),
    ("pass", "Passing criteria"),
)

CSS = """
:root {
  --pass: #2e7d32; --pass-bg: #e8f5e9; --pass-ink: #1b5e20;
  --fail: #c62828; --fail-bg: #fdecea; --fail-ink: #8e1b1b;
  --unknown: #f9a825; --unknown-bg: #fff8e1; --unknown-ink: #7a4f00;
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  color: var(--ink); background: #fff;
}
h1 { font-size: 1.45rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.meta span + span::before { content: " · "; }
a { color: #0b57d0; }
code, .rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .85em; }
.verdict { border-radius: 6px; padding: .8rem 1rem; margin: .75rem 0 1rem;
  border-left: 10px solid; }
.verdict strong { font-size: 1.35rem; letter-spacing: .03em; display: block; }
.verdict.eligible { background: var(--pass-bg); border-color: var(--pass);
  color: var(--pass-ink); }
.verdict.ineligible { background: var(--fail-bg); border-color: var(--fail);
  color: var(--fail-ink); }
.verdict.needs_review { background: var(--unknown-bg); border-color: var(--unknown);
  color: var(--unknown-ink); }
.counts { margin: .3rem 0 0; color: var(--ink); }
.worklist { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px;
  padding: .6rem 1rem .6rem 2rem; margin: .5rem 0 1rem; }
.worklist li { margin: .2rem 0; }
.criteria { list-style: none; padding: 0; margin: 0; }
.criterion { border: 1px solid var(--line); border-left: 8px solid; border-radius: 5px;
  padding: .5rem .75rem; margin: .45rem 0; break-inside: avoid; page-break-inside: avoid; }
.criterion.pass { border-left-color: var(--pass); }
.criterion.fail { border-left-color: var(--fail); background: var(--fail-bg); }
.criterion.unknown { border-left-color: var(--unknown); background: var(--unknown-bg); }
.badge { display: inline-block; min-width: 6.2em; font-weight: 700; font-size: .8rem;
  padding: .05rem .45rem; border-radius: 3px; margin-right: .5rem; color: #fff;
  text-align: center; white-space: nowrap; }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
.badge.unknown { background: var(--unknown); color: #3d2a00; }
.badge.eligible { background: var(--pass); }
.badge.ineligible { background: var(--fail); }
.badge.needs_review { background: var(--unknown); color: #3d2a00; }
.cid { font-weight: 700; }
.kind { color: var(--muted); font-size: .85rem; }
.text { margin: .25rem 0 .2rem; }
.why { margin: .15rem 0; }
.needs { margin: .15rem 0; color: var(--unknown-ink); font-weight: 600; }
.rule { color: var(--muted); margin: .15rem 0 0; overflow-wrap: anywhere; }
.flag { color: var(--unknown-ink); font-size: .85rem; font-weight: 600; }
.note { color: var(--muted); font-size: .85rem; font-style: italic; }
table.ranking { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
table.ranking th, table.ranking td { border-bottom: 1px solid var(--line); padding: .4rem .5rem;
  text-align: left; vertical-align: top; }
table.ranking th { font-size: .85rem; color: var(--muted); }
table.ranking td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.ranking tr { break-inside: avoid; page-break-inside: avoid; }
.detail { color: var(--muted); font-size: .88rem; margin-top: .2rem; }
.errors { color: var(--fail-ink); }
section.trial { margin-top: 2rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem;
  border-top: 1px solid var(--line); padding-top: .5rem; }
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.trial { break-before: page; page-break-before: always; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; color: var(--muted); }
  .worklist { break-inside: avoid; }
}
"""


def _version() -> str:
    try:
        return metadata.version("eligo")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "dev"


def _page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="eligo">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            f"<footer>Generated by eligo {escape(_version())}. Open-world screening: data "
            "absent from the record is unknown, never false; an unknown criterion can only "
            "make a trial <em>needs review</em>, never <em>eligible</em>.</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _trial_line(trial_id: str, title: str | None, source: str | None) -> str:
    name = escape(trial_id)
    if source and source.startswith(("https://", "http://")):
        name = f'<a href="{escape(source, quote=True)}">{name}</a>'
    return f"{name}{' — ' + escape(title) if title else ''}"


def _counts(result: ScreenResult) -> str:
    n = {o: sum(1 for c in result.criteria if c.outcome == o) for o in ("pass", "fail", "unknown")}
    return f"{n['pass']} pass · {n['fail']} fail · {n['unknown']} unknown"


def _criterion(r: CriterionResult, anchor: str) -> str:
    c = r.criterion
    kind = "inclusion" if c.kind == "inclusion" else "exclusion"
    parts = [
        f'<li class="criterion {r.outcome}" id="{escape(f"{anchor}-{r.id}", quote=True)}" '
        f'data-outcome="{r.outcome}">',
        f'<div><span class="badge {r.outcome}">{OUTCOME_LABEL[r.outcome]}</span>'
        f'<span class="cid">{escape(r.id)}</span> <span class="kind">({kind})</span>',
    ]
    if not c.understood:
        parts.append(' <span class="flag">· not fully understood</span>')
    parts.append("</div>")
    parts.append(f'<div class="text">{escape(c.text)}</div>')
    parts.append(f'<div class="why">{escape(r.explanation)}</div>')
    if r.outcome == "unknown" and r.missing:
        needs = "; ".join(escape(action_for(m)) for m in dict.fromkeys(r.missing))
        parts.append(f'<div class="needs">Needs: {needs}</div>')
    parts.append(f'<div class="rule">rule: {escape(c.rule_text)}</div>')
    if c.override and c.note:
        parts.append(f'<div class="note">reviewer note: {escape(" ".join(c.note.split()))}</div>')
    parts.append("</li>")
    return "".join(parts)


def _screen_body(result: ScreenResult, anchor: str, level: int = 2) -> list[str]:
    """Verdict, worklist and criteria of one result; ``anchor`` prefixes element ids."""
    h = f"h{level}"
    out = [
        f'<div class="verdict {result.verdict}" data-verdict="{result.verdict}">'
        f"<strong>{VERDICT_LABEL[result.verdict]}</strong>"
        f"{escape(VERDICT_NOTE[result.verdict])}"
        f'<p class="counts">{_counts(result)}</p></div>'
    ]
    if result.assumed_complete:
        out.append(
            f'<p class="meta">Record declared complete for: '
            f"{escape(', '.join(result.assumed_complete))} (closed world in these sections).</p>"
        )
    if result.missing:
        out.append(f"<{h}>Data that would decide the open criteria</{h}>")
        out.append('<ul class="worklist">')
        for m in result.missing:
            ids = [c.id for c in result.criteria if c.outcome == "unknown" and m in c.missing]
            out.append(
                f"<li>{escape(action_for(m))} <span class='kind'>({', '.join(ids)})</span></li>"
            )
        out.append("</ul>")
    for outcome, title in GROUPS:
        rs = [r for r in result.criteria if r.outcome == outcome]
        if not rs:
            continue
        out.append(f"<{h}>{title} ({len(rs)})</{h}>")
        out.append('<ul class="criteria">')
        out.extend(_criterion(r, anchor) for r in rs)
        out.append("</ul>")
    return out


def screen_html(
    results: Sequence[ScreenResult], trial: Trial | None = None, errors: Iterable[str] = ()
) -> str:
    """One page for one or more screening results of the same trial.

    Args:
        results: Screening results, one per patient, in input order.
        trial: The trial screened (title and registry link in the header).
        errors: Messages for patient records that could not be read (shown, not dropped).
    """
    errs = list(errors)
    trial_id = trial.id if trial else (results[0].trial if results else "")
    head = _trial_line(trial_id, trial.title if trial else None, trial.source if trial else None)
    body = ["<h1>Eligibility screening</h1>"]
    if len(results) == 1:
        r = results[0]
        body.append(
            f'<p class="meta"><span>Patient <b>{escape(r.patient)}</b></span>'
            f"<span>Trial {head}</span><span>As of {r.as_of.isoformat()}</span></p>"
        )
        body += _screen_body(r, r.trial)
    else:
        as_of = results[0].as_of.isoformat() if results else ""
        body.append(
            f'<p class="meta"><span>{len(results)} patients</span><span>Trial {head}</span>'
            f"<span>As of {as_of}</span></p>"
        )
        body.append(
            '<table class="ranking"><thead><tr><th>Patient</th><th>Verdict</th>'
            "<th>Criteria</th><th>Data needed</th></tr></thead><tbody>"
        )
        for n, r in enumerate(results):
            needs = "; ".join(escape(action_for(m)) for m in r.missing)
            body.append(
                f'<tr><td><a href="#p-{n}">{escape(r.patient)}</a></td>'
                f'<td><span class="badge {r.verdict}">{VERDICT_LABEL[r.verdict]}</span></td>'
                f"<td>{_counts(r)}</td><td>{needs}</td></tr>"
            )
        body.append("</tbody></table>")
        for n, r in enumerate(results):
            body.append(f'<section class="trial" id="p-{n}"><h2>Patient {escape(r.patient)}</h2>')
            body += _screen_body(r, f"p{n}-{r.trial}", level=3)
            body.append("</section>")
    if errs:
        body.append("<h2>Records that could not be read</h2><ul class='errors'>")
        body += [f"<li>{escape(e)}</li>" for e in errs]
        body.append("</ul>")
    first = results[0].patient if len(results) == 1 else f"{len(results)} patients"
    return _page(f"eligo · {first} · {trial_id}", body)


def _rank_row(r: Ranked) -> str:
    c = r.counts()
    if r.verdict == "needs_review":
        detail = (
            "open: "
            + ", ".join(r.unknown)
            + " — needs: "
            + "; ".join(dict.fromkeys(action_for(m) for m in r.result.missing))
        )
    elif r.verdict == "ineligible":
        detail = "fails " + " · ".join(r.result.reasons[:2])
        if len(r.result.reasons) > 2:
            detail += f" (and {len(r.result.reasons) - 2} more)"
    else:
        detail = "every criterion met"
    return (
        f'<tr class="{r.verdict}" data-verdict="{r.verdict}"><td class="num">{r.rank}</td>'
        f'<td><span class="badge {r.verdict}">{VERDICT_LABEL[r.verdict]}</span></td>'
        f'<td><a href="#t-{escape(r.trial.id, quote=True)}">{escape(r.trial.id)}</a>'
        f'<div class="detail">{escape(r.trial.title or "")}</div></td>'
        f'<td class="num">{c["pass"]}</td><td class="num">{c["fail"]}</td>'
        f'<td class="num">{c["unknown"]}</td>'
        f'<td><div class="detail">{escape(detail)}</div></td></tr>'
    )


def match_html(m: MatchResult) -> str:
    """One page for a match: ranking, worklist, then every trial's criteria."""
    counts = {v: sum(1 for r in m.ranked if r.verdict == v) for v in VERDICT_LABEL}
    where = f"<span>Trials in <code>{escape(m.folder)}</code></span>" if m.folder else ""
    body = [
        "<h1>Trial matching</h1>",
        f'<p class="meta"><span>Patient <b>{escape(m.patient)}</b></span>{where}'
        f"<span>As of {m.as_of.isoformat()}</span></p>",
        f"<p>{counts['eligible']} eligible · {counts['needs_review']} need review · "
        f"{counts['ineligible']} ineligible, ranked: eligible first, then the trials closest "
        "to a decision (fewest undecided criteria), then near misses (fewest failing "
        "criteria).</p>",
        '<table class="ranking"><thead><tr><th>#</th><th>Verdict</th><th>Trial</th>'
        '<th class="num">pass</th><th class="num">fail</th><th class="num">open</th>'
        "<th>Why</th></tr></thead><tbody>",
        *(_rank_row(r) for r in m.ranked),
        "</tbody></table>",
    ]
    if m.worklist:
        body.append("<h2>Data that would decide open criteria</h2>")
        body.append('<ul class="worklist">')
        body += [f"<li>{escape(n.text())}</li>" for n in m.worklist]
        body.append("</ul>")
    if m.errors:
        body.append("<h2>Trial files that could not be read</h2><ul class='errors'>")
        body += [f"<li>{escape(e.message)}</li>" for e in m.errors]
        body.append("</ul>")
    for r in m.ranked:
        t = r.trial
        body.append(
            f'<section class="trial" id="t-{escape(t.id, quote=True)}">'
            f"<h2>{r.rank}. {_trial_line(t.id, t.title, t.source)}</h2>"
        )
        body += _screen_body(r.result, t.id, level=3)
        body.append("</section>")
    return _page(f"eligo · {m.patient} · trial matching", body)
