"""``parstance eval`` through ``configure`` + ``run`` on real files.

The gold files grow while annotators work; a test skips only when a file does not exist yet.
"""
from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

import pytest

from parstance.annotations import validate_file, write_annotations
from parstance.data import Article, Claim
from parstance.evaluation import cli

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
DEV_GOLD = ROOT / "eval" / "gold" / "dev.jsonl"
SEED_TEXT = ROOT / "seeds" / "000_f7030722794b592c.txt"
HEADLINE = ("claim_strict", "claim_weighted", "detection", "actor", "target_strict", "target_weighted", "stance")


def run_eval(argv: list[str], capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="parstance eval")
    cli.configure(parser)
    rc = cli.run(parser.parse_args(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def usable(path: Path, tmp_path: Path) -> Path:
    """``path`` itself, or (while someone is mid-edit) a copy holding its valid articles."""
    if not path.exists():
        pytest.skip(f"{path} does not exist yet")
    articles, issues = validate_file(path)
    if not issues:
        return path
    warnings.warn(f"{path}: {len(issues)} annotation issue(s), scoring its valid part; first: {issues[0]}")
    copy = tmp_path / path.name
    write_annotations(articles, copy)
    return copy


def seed_gold(tmp_path: Path) -> Path:
    """A small gold file on the seed article (hand-written claims), plus an empty-gold article."""
    text = SEED_TEXT.read_text(encoding="utf-8")

    def c(evidence, actor, target, stance, **kw):
        return Claim(evidence, text.index(evidence), actor, target, stance, **kw)

    crisis = "بخش مهمی از بحرانهای منطقه با هدایت و طراحی آمریکا و رژیم صهیونیستی و همکاری برخی کشورهای منطقه شکل می گیرد"
    sham = dict(actor_aliases=["شمخانی"])
    claims = [
        c("طایفهگری بستر اصلی تولید و رشد تروریسم در عراق است", "علی شمخانی", "طایفه‌گری", "negative",
          target_aliases=["طایفه گری"], **sham),
        c(crisis, "علی شمخانی", "آمریکا", "negative", **sham),
        c(crisis, "علی شمخانی", "رژیم صهیونیستی", "negative", **sham),
        c(crisis, "علی شمخانی", "برخی کشورهای منطقه", "negative", **sham),
        c("از مواضع و حمایتهای بی دریغ دولت، ملت و نیروهای مسلح ایران از عراق در مبارزه با تروریسم قدردانی کرد",
          "فالح فیاض", "نیروهای مسلح ایران", "positive", target_aliases=["ایران"]),
    ]
    path = tmp_path / "seed_gold.jsonl"
    write_annotations([Article("seed-000", text, claims=claims),
                       Article("seed-empty", text[:200], claims=[])], path)
    return path


def assert_all_one(path: Path, capsys) -> dict:
    rc, out, err = run_eval(["--gold", str(path), "--pred", str(path), "--json", "--bootstrap", "50"], capsys)
    assert rc == 0, err
    result = json.loads(out)
    for key in HEADLINE:
        assert result[key] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}, key
    has_claims = result["n_gold"] > 0
    for key in ("actor_accuracy", "stance_accuracy", "target_accuracy"):
        assert result[key] == (1.0 if has_claims else None), key
    for key, ci in result["ci"].items():
        assert ci in ([1.0, 1.0], None), key
    assert all(a["claim_strict"]["f1"] == 1.0 for a in result["per_article"])
    assert result["n_pred"] == result["n_gold"]
    return result


def test_seed_gold_scored_against_itself(tmp_path, capsys):
    assert_all_one(usable(SEED_GOLD, tmp_path), capsys)


def test_dev_gold_scored_against_itself(tmp_path, capsys):
    assert_all_one(usable(DEV_GOLD, tmp_path), capsys)


def test_hand_written_seed_gold_scored_against_itself(tmp_path, capsys):
    result = assert_all_one(seed_gold(tmp_path), capsys)
    assert (result["n_articles"], result["n_gold"]) == (2, 5)


def test_table_output(tmp_path, capsys):
    gold = seed_gold(tmp_path)
    rc, out, _ = run_eval(["--gold", str(gold), "--pred", str(gold), "--bootstrap", "20", "--per-article"], capsys)
    assert rc == 0
    assert "claim (strict)" in out and "95% CI" in out and "seed-empty" in out


def test_two_systems_side_by_side_with_reports(tmp_path, capsys):
    """A system missing the whole seed article against the gold itself: strict R = 0/5."""
    gold = seed_gold(tmp_path)
    weak = tmp_path / "weak.jsonl"
    weak.write_text(gold.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    md, plots = tmp_path / "report" / "eval.md", tmp_path / "plots"
    argv = ["--gold", str(gold), "--pred", str(gold), str(weak), "--json", "--bootstrap", "30",
            "--markdown", str(md), "--plots", str(plots)]
    rc, out, err = run_eval(argv, capsys)
    assert rc == 0
    result = json.loads(out)
    assert [s["name"] for s in result["systems"]] == ["seed_gold", "weak"]
    assert result["systems"][1]["claim_strict"]["recall"] == 0.0
    assert result["systems"][1]["n_missing_articles"] == 1
    assert [t["metric"] for t in result["comparisons"][0]["tests"]][0] == "claim_strict_f1"
    assert "missing from the predictions" in err
    assert "| claim (strict) |" in md.read_text(encoding="utf-8")
    assert {p.name for p in plots.iterdir()} == {"field_f1.png", "stance_confusion_seed_gold.png",
                                                  "stance_confusion_weak.png"}


def test_invalid_input_prints_every_issue_and_exits_2(tmp_path, capsys):
    gold = seed_gold(tmp_path)
    bad = tmp_path / "bad.jsonl"
    line = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    line["claims"][0]["stance"] = "neutral"
    line["claims"][1]["evidence"] = "این جمله در متن نیست"
    bad.write_text(json.dumps(line, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    rc, out, err = run_eval(["--gold", str(gold), "--pred", str(bad)], capsys)
    assert rc == 2 and out == ""
    assert f"{bad}:1: claims[0].stance:" in err
    assert f"{bad}:1: claims[1].evidence:" in err
    assert f"{bad}:2: invalid JSON" in err


def test_missing_file_exits_2(tmp_path, capsys):
    rc, _, err = run_eval(["--gold", str(tmp_path / "nope.jsonl"), "--pred", str(tmp_path / "nope.jsonl")], capsys)
    assert rc == 2 and "cannot open" in err
