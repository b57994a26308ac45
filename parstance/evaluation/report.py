"""Human-readable output of ``parstance eval``: terminal tables, a Markdown report, plots.

Tables are built once as rows of strings and rendered either aligned (terminal) or as pipe
tables (Markdown), so both outputs always show the same numbers.  Plots use matplotlib's
``Figure`` directly (no pyplot state, Agg backend) and label axes in English: matplotlib does
not shape Persian script.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .bootstrap import PairedTest
from .metrics import ACCURACY_METRICS, PRF_METRICS, EvalResult

LABELS = {
    "claim_strict": "claim (strict)", "claim_weighted": "claim (weighted)", "detection": "detection",
    "actor": "actor", "target_strict": "target (strict)", "target_weighted": "target (weighted)",
    "stance": "stance", "actor_accuracy": "actor accuracy", "stance_accuracy": "stance accuracy",
    "target_accuracy": "target accuracy",
}


@dataclass
class System:
    """One prediction file and its scores."""

    name: str
    path: str
    result: EvalResult
    ci: dict | None = None  # score name -> (lo, hi) | None


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _ci(system: System, key: str) -> str:
    v = (system.ci or {}).get(key)
    return f"[{v[0]:.3f}, {v[1]:.3f}]" if v else ""


def _label(key: str) -> str:
    return LABELS.get(key, key)


def score_rows(systems: list[System]) -> tuple[list[str], list[list[str]]]:
    """One system: P / R / F1 / CI(F1) per metric.  Several: F1 (with CI) side by side."""
    if len(systems) == 1:
        s, sc = systems[0], systems[0].result.scores()
        header = ["metric", "P", "R", "F1", "95% CI (F1)"]
        rows = [[_label(m), _f(sc[f"{m}_precision"]), _f(sc[f"{m}_recall"]), _f(sc[f"{m}_f1"]),
                 _ci(s, f"{m}_f1")] for m in PRF_METRICS]
        rows += [[_label(m), "", "", _f(sc[m]), _ci(s, m)] for m in ACCURACY_METRICS]
        return header, rows
    header = ["metric (F1 / accuracy)"] + [s.name for s in systems]
    rows = []
    for m in list(PRF_METRICS) + list(ACCURACY_METRICS):
        key = m if m in ACCURACY_METRICS else f"{m}_f1"
        rows.append([_label(m)] + [f"{_f(s.result.scores()[key])} {_ci(s, key)}".strip() for s in systems])
    return header, rows


def count_rows(systems: list[System]) -> tuple[list[str], list[list[str]]]:
    header = ["system", "articles", "gold claims", "pred claims", "pairs", "strict", "missing art.", "unknown art."]
    rows = [[s.name, str(len(s.result.articles)), str(s.result.counts.n_gold), str(s.result.counts.n_pred),
             str(s.result.counts.detected), str(s.result.counts.strict), str(len(s.result.missing_articles)),
             str(len(s.result.unknown_articles))] for s in systems]
    return header, rows


def article_rows(result: EvalResult) -> tuple[list[str], list[list[str]]]:
    header = ["article", "gold", "pred", "pairs", "strict P", "strict R", "strict F1", "weighted F1", "note"]
    rows = []
    for a in result.articles:
        sc = a.scores()
        note = "missing" if a.missing else ("no gold claims" if a.counts.n_gold == 0 else "")
        rows.append([a.id, str(a.counts.n_gold), str(a.counts.n_pred), str(a.counts.detected),
                     _f(sc["claim_strict_precision"]), _f(sc["claim_strict_recall"]),
                     _f(sc["claim_strict_f1"]), _f(sc["claim_weighted_f1"]), note])
    return header, rows


def paired_rows(tests: list[tuple[str, str, list[PairedTest]]]) -> tuple[list[str], list[list[str]]]:
    header = ["A", "B", "metric", "A", "B", "A - B", "95% CI", "p"]
    rows = []
    for name_a, name_b, results in tests:
        for t in results:
            ci = f"[{t.ci[0]:+.3f}, {t.ci[1]:+.3f}]" if t.ci else ""
            rows.append([name_a, name_b, _label(t.metric.removesuffix("_f1")), _f(t.a), _f(t.b),
                         "-" if t.delta is None else f"{t.delta:+.3f}", ci,
                         "-" if t.p_value is None else f"{t.p_value:.4f}"])
    return header, rows


def render_text(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def render_markdown(header: list[str], rows: list[list[str]]) -> str:
    esc = lambda c: c.replace("|", "\\|")  # noqa: E731
    out = ["| " + " | ".join(map(esc, header)) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    return "\n".join(out + ["| " + " | ".join(map(esc, r)) + " |" for r in rows])


def terminal_report(systems: list[System], tests=(), per_article: bool = False) -> str:
    parts = [render_text(*count_rows(systems)), "", render_text(*score_rows(systems))]
    if tests:
        parts += ["", "Paired bootstrap test over articles (two-sided):", render_text(*paired_rows(list(tests)))]
    if per_article:
        for s in systems:
            parts += ["", f"Per article: {s.name}", render_text(*article_rows(s.result))]
    return "\n".join(parts)


def markdown_report(systems: list[System], gold_path: str, tests=(), plots: list[str] = (),
                    n_resamples: int = 0) -> str:
    out = ["# Claim extraction evaluation", "", f"Gold: `{gold_path}`", ""]
    out += [f"- {s.name}: `{s.path}`" for s in systems]
    out += ["", "## Counts", "", render_markdown(*count_rows(systems)), "", "## Scores", "",
            render_markdown(*score_rows(systems)), ""]
    if n_resamples:
        out += [f"Intervals: 95% percentile bootstrap over articles, {n_resamples} resamples.", ""]
    if tests:
        out += ["## Paired bootstrap tests", "", render_markdown(*paired_rows(list(tests))), ""]
    for s in systems:
        if s.result.warnings():
            out += [f"## Warnings: {s.name}", ""] + [f"- {w}" for w in s.result.warnings()] + [""]
    for s in systems:
        out += [f"## Per article: {s.name}", "", render_markdown(*article_rows(s.result)), ""]
    if plots:
        out += ["## Plots", ""] + [f"![{Path(p).stem}]({p})" for p in plots] + [""]
    return "\n".join(out)


def _figure(width: float, height: float):
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")  # headless; sklearn's display imports pyplot
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


def plot_stance_confusion(result: EvalResult, path: str | Path, title: str = "") -> Path:
    """Gold stance (rows, with "none" = spurious prediction) against predicted stance (columns,
    with "none" = missed gold claim), over every evidence-matched pair."""
    from sklearn.metrics import ConfusionMatrixDisplay

    fig = _figure(5.2, 4.4)
    ax = fig.add_subplot()
    ConfusionMatrixDisplay(result.counts.stance_confusion, display_labels=["positive", "negative", "none"]).plot(
        ax=ax, cmap="Blues", colorbar=False, values_format="d")
    ax.set_xticks(range(3), ["positive", "negative", "none\n(missed)"])
    ax.set_yticks(range(3), ["positive", "negative", "none\n(spurious)"])
    ax.set_xlabel("predicted stance")
    ax.set_ylabel("gold stance")
    ax.set_title(title or "stance confusion")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return Path(path)


def plot_field_f1(systems: list[System], path: str | Path) -> Path:
    """Grouped bars: F1 per field / claim level, one bar per system, bootstrap CI as error bars."""
    import numpy as np

    keys = list(PRF_METRICS)
    fig = _figure(max(6.0, 1.1 * len(keys) + 0.6 * len(systems)), 4.2)
    ax = fig.add_subplot()
    width = 0.8 / len(systems)
    x = np.arange(len(keys))
    for i, s in enumerate(systems):
        sc = s.result.scores()
        vals = np.array([sc[f"{k}_f1"] for k in keys])
        err = np.zeros((2, len(keys)))
        for j, k in enumerate(keys):
            ci = (s.ci or {}).get(f"{k}_f1")
            if ci:
                err[:, j] = [max(0.0, vals[j] - ci[0]), max(0.0, ci[1] - vals[j])]
        ax.bar(x + (i - (len(systems) - 1) / 2) * width, vals, width, yerr=err if s.ci else None,
               capsize=3, label=s.name)
    ax.set_xticks(x, [LABELS[k].replace(" (", "\n(") for k in keys], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("F1")
    ax.set_title("F1 per field")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return Path(path)
