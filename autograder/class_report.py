"""The class report: what a graded class got right and wrong, for the instructor.

:func:`write` reads every ``OUT_DIR/<student>/results.json`` and writes

- ``OUT_DIR/report.html``: one self-contained page (charts embedded as
  ``data:`` PNGs, a few lines of inline script for sortable tables, no request
  to any server) with the score distribution, the share of students passing
  each function and test, the most frequent misconceptions per function with
  the students concerned and their lecture section, the submissions that
  could not be imported or graded, the slowest ones, and the grading run
  (isolation mode, the grader's version, the date);
- ``OUT_DIR/misconceptions.csv``: one row per (student, function, misconception).

The same results give the same bytes, apart from the date.
"""
import base64
import csv
import html
import io
import os
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from autograder.batch import describe_version, load_results
from autograder.batch import grader_version as batch_grader_version
from autograder.points import POINTS

SLOWEST = 5
NOT_GRADED = "no results.json: grading did not finish (run grade-all again)"


@dataclass
class ClassResults:
    results: dict                                   # {student: results.json}, graded students only
    not_graded: dict = field(default_factory=dict)  # {student: why}


def load(out_dir, failures=None):
    """Every student of ``OUT_DIR``: a sub-folder, or a row of grades.csv; ``failures`` = {student: why or None}."""
    out_dir = Path(out_dir)
    names = {p.name for p in out_dir.iterdir() if p.is_dir() and not p.name.startswith(".")}
    names |= set(_grades_csv_students(out_dir)) | {s for s, why in (failures or {}).items() if why}
    results, not_graded = {}, {}
    for name in sorted(names):
        loaded = load_results(out_dir, name)
        if not _well_formed(loaded):
            not_graded[name] = (failures or {}).get(name) or NOT_GRADED
        else:
            results[name] = loaded
    return ClassResults(results, not_graded)


def _well_formed(results):
    """A results.json as grading.py writes it (one from an older or broken run counts as not graded)."""
    return (isinstance(results, dict) and isinstance(results.get("score"), (int, float))
            and isinstance(results.get("tests"), list)
            and all(isinstance(t, dict) and isinstance(t.get("tags"), list) and t["tags"] for t in results["tests"]))


def _grades_csv_students(out_dir):
    try:
        with open(out_dir / "grades.csv", newline="") as handle:
            return [row["student"] for row in csv.DictReader(handle) if row.get("student")]
    except (OSError, KeyError, csv.Error):
        return []


def grader_version():
    """The grader's version as grade-all records it (:func:`autograder.batch.grader_version`): the
    digest of ``autograder/`` and ``solutions/``, and the library versions, in one line."""
    return describe_version(batch_grader_version())


# ---- the figures -----------------------------------------------------------------------------

def misconception_rows(results):
    """[(student, function, misconception, section)]: each student's named misconceptions, once each, sorted."""
    rows = set()
    for student, result in results.items():
        for test in result["tests"]:
            for named in test.get("misconceptions", []):
                rows.add((student, test["tags"][0], named["name"], named["section"]))
    order = {q: i for i, q in enumerate(POINTS)}
    return sorted(rows, key=lambda r: (r[0], order.get(r[1], len(order)), r[1], r[2]))


def misconception_counts(rows):
    """[(function, misconception, section, [students])], the most frequent first (then in course order)."""
    groups = {}
    for student, function, name, section in rows:
        groups.setdefault((function, name, section), []).append(student)
    order = {q: i for i, q in enumerate(POINTS)}
    return sorted(((f, n, s, sorted(who)) for (f, n, s), who in groups.items()),
                  key=lambda g: (-len(g[3]), order.get(g[0], len(order)), g[1]))


def score_summary(results):
    scores = [r["score"] for r in results.values()]
    if not scores:
        return {}
    return {"students": len(scores), "mean": statistics.fmean(scores), "median": statistics.median(scores),
            "sd": statistics.pstdev(scores), "min": min(scores), "max": max(scores)}


def function_pass_rates(results):
    """{qualname: students with every test of it passed}, in course order."""
    return {q: sum(all(t["status"] == "passed" for t in r["tests"] if t["tags"][0] == q) for r in results.values())
            for q in POINTS}


def pass_rates_per_test(results):
    """{(qualname, test title): students passing}, in the order the grader runs them."""
    passed = {}
    for result in results.values():
        for test in result["tests"]:
            key = (test["tags"][0], test["name"].split(": ", 1)[-1])
            passed[key] = passed.get(key, 0) + (test["status"] == "passed")
    return passed


def unusable_modules(results):
    """[(student, module, why)]: modules whose every test stopped at the same import or grading problem."""
    found = []
    for student, result in results.items():
        by_module = {}
        for test in result["tests"]:
            by_module.setdefault(test["tags"][0].split(".")[0], []).append(test)
        for module, tests in by_module.items():
            reasons = {_stop_reason(t) for t in tests}
            if len(reasons) == 1 and None not in reasons:
                found.append((student, module, reasons.pop()))
    return found


def _stop_reason(test):
    if test["status"] != "failed" or not test["output"].strip():
        return None
    lines = test["output"].strip().splitlines()
    if lines[-1].endswith("is missing from the submission."):
        return lines[-1]
    last = lines[-1].strip()
    return last.removeprefix("problem:").strip() if last.startswith("problem:") else None


# ---- the charts (matplotlib, Agg, PNG as data: URIs) --------------------------------------------

def _png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 10, "svg.hashsalt": "report", "axes.spines.top": False,
                         "axes.spines.right": False})
    return plt


def histogram_bins(scores, width=10):
    """[(low, high, count)] for 0-10, 10-20, ..., 90-100 (100 falls in the last bin)."""
    top = sum(POINTS.values())
    edges = list(range(0, top + width, width))
    counts = Counter(min(int(s // width), len(edges) - 2) for s in scores)
    return [(edges[i], edges[i + 1], counts.get(i, 0)) for i in range(len(edges) - 1)]


def score_chart(scores):
    plt = _pyplot()
    bins = histogram_bins(scores)
    figure, axes = plt.subplots(figsize=(6.4, 2.8))
    axes.bar([lo for lo, _, _ in bins], [c for _, _, c in bins], width=9.2, align="edge", color="#3465a4")
    axes.set(xlim=(0, 100), xlabel="score (of 100)", ylabel="students", xticks=range(0, 101, 10))
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def bar_chart(labels, values, total, xlabel):
    """Horizontal bars, one a label, the first on top."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(6.4, 0.8 + 0.24 * len(labels)))
    positions = range(len(labels))[::-1]
    axes.barh(list(positions), values, color="#3465a4", height=0.7)
    axes.set_yticks(list(positions), labels)
    axes.set(xlim=(0, max(total, 1)), xlabel=xlabel)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


# ---- the page ---------------------------------------------------------------------------------

def html_page(data, version, date):
    """The report as one self-contained HTML page."""
    results = data.results
    rows = misconception_rows(results)
    counts = misconception_counts(rows)
    summary = score_summary(results)
    graded = len(results)
    parts = [_head(), "<body><main>", "<h1>Class report</h1>", _run(results, data, version, date)]
    parts += [_scores(results, summary), _misconceptions(counts, graded), _functions(results, graded),
              _tests(results, graded), _problems(results, data.not_graded), _slowest(results), "</main>",
              f"<script>{SORT_SCRIPT}</script></body></html>"]
    return "\n".join(parts) + "\n"


def _e(text):
    return html.escape(str(text), quote=True)


def _short(qualname):
    return qualname.split(".")[-1]


def _pct(part, whole):
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _run(results, data, version, date):
    modes = sorted({r.get("isolation", "unknown") for r in results.values()}) or ["none graded"]
    return (f'<p class="run">{len(results)} students graded'
            f'{f", {len(data.not_graded)} not graded" if data.not_graded else ""}'
            f' · isolation: <b id="isolation">{_e(", ".join(modes))}</b>'
            f' · grader version <code id="version">{_e(version)}</code>'
            f' · <span id="date">{_e(date)}</span></p>')


def _figure(title, image, alt, text_lines):
    """A chart and the same figures in plain text."""
    items = "".join(f"<li>{_e(line)}</li>" for line in text_lines)
    return (f'<figure><img class="chart" src="{image}" alt="{_e(alt)}">'
            f"<figcaption>{_e(title)}<details><summary>the figures as text</summary><ul>{items}</ul>"
            f"</details></figcaption></figure>")


def _scores(results, summary):
    if not summary:
        return "<section><h2>Scores</h2><p>No student has been graded.</p></section>"
    scores = [r["score"] for r in results.values()]
    bins = histogram_bins(scores)
    stats = (f'mean <b>{summary["mean"]:.1f}</b>, median <b>{summary["median"]:.1f}</b>, '
             f'standard deviation <b>{summary["sd"]:.1f}</b>, range {summary["min"]:g}–{summary["max"]:g} '
             f'(of {sum(POINTS.values())}), {summary["students"]} students')
    text = [f"{lo}–{hi}{']' if hi == 100 else ')'}: {count} student(s)" for lo, hi, count in bins]
    return (f'<section id="scores"><h2>Scores</h2><p class="stats">{stats}</p>'
            + _figure("The score distribution (bins of 10 points).", score_chart(scores),
                      "histogram of the scores", text) + "</section>")


def _functions(results, graded):
    rates = function_pass_rates(results)
    labels = [_short(q) for q in rates]
    chart = bar_chart(labels, list(rates.values()), graded, "students passing every test of the function")
    text = [f"{_short(q)}: {n} of {graded} ({_pct(n, graded)})" for q, n in rates.items()]
    table = _table("functions", ["function", "assignment", "points", "students passing", "share"],
                   [[(_short(q), None), (q.split(".")[0], None), (POINTS[q], POINTS[q]), (n, n),
                     (_pct(n, graded), n / graded if graded else 0)] for q, n in rates.items()])
    return ('<section id="per-function"><h2>Per function</h2>'
            + _figure("Students passing every hidden test of each function.", chart,
                      "bar chart of students passing each function", text) + table + "</section>")


def _misconceptions(counts, graded):
    if not counts:
        return '<section id="misconceptions"><h2>Misconceptions</h2><p>No known misconception was named.</p></section>'
    top = counts[:12]
    chart = bar_chart([f"{_short(f)}: {_clip(n)}" for f, n, _, _ in top], [len(w) for *_, w in top], graded,
                      "students")
    text = [f"{_short(f)}: {n} ({s}): {len(w)} student(s): {', '.join(w)}" for f, n, s, w in counts]
    rows = []
    for function, name, section, who in counts:
        rows.append([(_short(function), None), (name, None), (section, None), (len(who), len(who)),
                     (", ".join(who), None)])
    table = _table("misconception-table", ["function", "misconception", "lecture section", "students",
                                            "who"], rows,
                   attributes=[{"data-function": f, "data-misconception": n, "data-count": len(w)}
                               for f, n, _, w in counts])
    return ('<section id="misconceptions"><h2>Misconceptions: what to re-teach</h2>'
            "<p>Each failed test whose answer matches a known wrong implementation names it; a student "
            "is counted once per function and misconception. The full list, one row per student, is in "
            "<code>misconceptions.csv</code>.</p>"
            + _figure("The most frequent misconceptions.", chart, "bar chart of the most frequent misconceptions",
                      text) + table + "</section>")


def _clip(text, width=40):
    return text if len(text) <= width else text[: width - 1] + "…"


def _tests(results, graded):
    rates = pass_rates_per_test(results)
    rows = [[(_short(q), None), (title, None), (n, n), (_pct(n, graded), n / graded if graded else 0)]
            for (q, title), n in rates.items()]
    failed = {key: n for key, n in rates.items() if n < graded}
    figure = ""
    if failed:
        chart = bar_chart([_clip(f"{_short(q)}: {title.removeprefix(_short(q)).strip()}") for q, title in failed],
                          list(failed.values()), graded, "students passing the test")
        text = [f"{title}: {n} of {graded} ({_pct(n, graded)})" for (_, title), n in failed.items()]
        figure = _figure(f"Students passing each of the {len(failed)} tests that someone failed "
                         f"({len(rates) - len(failed)} of {len(rates)} tests passed by everyone).", chart,
                         "bar chart of students passing each test that someone failed", text)
    return ('<section id="per-test"><h2>Per test</h2>' + figure + "<p>Click a column heading to sort.</p>"
            + _table("tests", ["function", "test", "students passing", "share"], rows) + "</section>")


def _problems(results, not_graded):
    items = [f"<li><b>{_e(s)}</b>: not graded: {_e(why)}</li>" for s, why in not_graded.items()]
    items += [f"<li><b>{_e(s)}</b>: <code>{_e(m)}</code> could not be used: {_e(why)}</li>"
              for s, m, why in unusable_modules(results)]
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>Every submission was imported and graded.</p>"
    return f'<section id="problems"><h2>Not imported or not graded</h2>{body}</section>'


def _slowest(results):
    slow = sorted(results.items(), key=lambda item: (-item[1].get("execution_time", 0), item[0]))[:SLOWEST]
    rows = [[(s, None), (f'{r.get("execution_time", 0):.2f} s', r.get("execution_time", 0))] for s, r in slow]
    return ('<section id="slowest"><h2>The slowest submissions</h2>'
            + _table("slowest-table", ["student", "grading time"], rows) + "</section>")


def _table(table_id, headings, rows, attributes=None):
    """A sortable table: cells are (text, sort key or None for text order)."""
    head = "".join(f'<th scope="col"><button type="button">{_e(h)}</button></th>' for h in headings)
    body = []
    for index, row in enumerate(rows):
        extra = "".join(f' {k}="{_e(v)}"' for k, v in (attributes[index] if attributes else {}).items())
        cells = "".join(_cell(text, key, heading) for (text, key), heading in zip(row, headings))
        body.append(f"<tr{extra}>{cells}</tr>")
    return (f'<div class="scroll"><table id="{table_id}" class="sortable"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _cell(text, key, heading):
    sort = "" if key is None else f' data-sort="{key:g}"'
    return f'<td data-label="{_e(heading)}"{sort}>{_e(text)}</td>'


def _head():
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
            f"<title>Class report</title><style>{STYLE}</style></head>")


STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0;background:#fff}
main{max-width:1000px;margin:0 auto;padding:1rem 1.5rem}
h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #ccc}
.run{color:#555}.stats b{color:#000}
figure{margin:1rem 0}img.chart{max-width:100%;height:auto;display:block}
figcaption{color:#555;font-size:.9rem}details{margin:.3rem 0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;text-align:left;vertical-align:top}
td[data-sort]{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;text-align:left}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
code{font-size:.85rem;word-break:break-all}
@media (max-width:600px){body{font-size:14px}main{padding:.6rem}
 table.sortable thead{display:none}table.sortable tr{display:block;border-bottom:1px solid #ccc;padding:.3rem 0}
 table.sortable td{display:block;border:0;padding:.05rem 0;text-align:left}
 table.sortable td::before{content:attr(data-label) ": ";color:#666}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}th button::after{content:""!important}
 details>ul{display:block}figure,tr{break-inside:avoid}h2{break-after:avoid}.scroll{overflow:visible}}
"""

SORT_SCRIPT = """
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
});
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var key = function (row) { var c = row.cells[column];
        return c.hasAttribute("data-sort") ? parseFloat(c.dataset.sort) : c.textContent; };
      var rows = Array.from(table.tBodies[0].rows).sort(function (a, b) {
        var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
});
"""


# ---- the files --------------------------------------------------------------------------------

def write_csv(path, rows):
    temporary = Path(path).with_name(f".{Path(path).name}.tmp")
    with open(temporary, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "function", "misconception", "lecture section"])
        writer.writerows(rows)
    os.replace(temporary, path)


def write(out_dir, failures=None, date=None):
    """Write OUT_DIR/report.html and OUT_DIR/misconceptions.csv; return the report's path."""
    out_dir = Path(out_dir)
    data = load(out_dir, failures)
    date = date or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    write_csv(out_dir / "misconceptions.csv", misconception_rows(data.results))
    path = out_dir / "report.html"
    temporary = path.with_name(".report.html.tmp")
    temporary.write_text(html_page(data, grader_version(), date))
    os.replace(temporary, path)
    return path
