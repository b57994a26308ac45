import json

import pytest

from parstance.annotations import AnnotationError, read_annotations, validate_file
from parstance.cli import main

ROOT_FILES = ["seeds/gold.jsonl", "eval/gold/dev.jsonl", "eval/gold/test.jsonl"]


def _seed_record(seed_text, **claim):
    base = {"evidence": "طایفهگری بستر اصلی تولید و رشد تروریسم در عراق است", "evidence_start": 49,
            "actor": "علی شمخانی", "target": "طایفه‌گری", "stance": "negative"}
    base.update(claim)
    return {"id": "seed-000", "text": seed_text, "claims": [base]}


def _write(path, records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", ROOT_FILES + ["training/labels", "training/pending"])
def test_project_annotation_files_validate(path):
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    files = sorted((root / path).glob("*.jsonl")) if (root / path).is_dir() else [root / path]
    assert files
    for f in files:
        articles, issues = validate_file(f)
        assert not issues, "\n".join(map(str, issues))
        assert articles


def test_evaluation_sets_share_no_article_with_the_training_labels():
    """Dev and test are held out: no id and no text in common with training/labels (test also
    none with dev), so no score is measured on an article the model was trained on."""
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    train = [a for d in ("training/labels", "training/pending") for f in sorted((root / d).glob("*.jsonl"))
             for a in read_annotations(f)]
    dev = list(read_annotations(root / "eval/gold/dev.jsonl"))
    test = list(read_annotations(root / "eval/gold/test.jsonl"))
    for held, others in [(dev, train), (test, train + dev)]:
        ids, texts = {a.id for a in others}, {a.text.strip() for a in others}
        assert not [a.id for a in held if a.id in ids or a.text.strip() in texts]


def test_valid_seed_record_reads(tmp_path, seed_text):
    path = _write(tmp_path / "ok.jsonl", [_seed_record(seed_text)])
    [art] = read_annotations(path)
    assert art.claims[0].span.start == 49 and seed_text[art.claims[0].span.start:art.claims[0].span.end] \
        == "طایفهگری بستر اصلی تولید و رشد تروریسم در عراق است"


@pytest.mark.parametrize("change, line_field", [
    ({"stance": "neutral"}, "claims[0].stance"),
    ({"evidence": "این جمله در متن نیست"}, "claims[0].evidence"),
    ({"evidence_start": 50}, "claims[0].evidence_start"),
    ({"actor": ""}, "claims[0].actor"),
    ({"target_aliases": "طایفه گری"}, "claims[0].target_aliases"),
    ({"score": 1.5}, "claims[0].score"),
])
def test_each_claim_error_names_file_line_and_field(tmp_path, seed_text, change, line_field):
    good = _seed_record(seed_text)
    bad = _seed_record(seed_text, **change)
    bad["id"] = "seed-001"
    path = _write(tmp_path / "bad.jsonl", [good, bad])
    _, issues = validate_file(path)
    assert [(i.line, i.field) for i in issues] == [(2, line_field)]
    assert str(issues[0]).startswith(f"{path}:2: {line_field}:")


def test_file_level_errors(tmp_path, seed_text):
    rec = _seed_record(seed_text)
    no_claims = {"id": "x", "text": seed_text}
    path = _write(tmp_path / "f.jsonl", [rec, "{not json", rec, no_claims, {"text": "متن"}])
    _, issues = validate_file(path)
    got = [(i.line, i.field) for i in issues]
    assert (2, "") in got and "invalid JSON" in str(issues[0])
    assert (3, "id") in got and "duplicate" in str(issues[1])
    assert (4, "claims") in got
    assert (5, "id") in got


def test_ambiguous_evidence_needs_start(tmp_path):
    text = "وی گفت: آمریکا مقصر است. او افزود: آمریکا مقصر است."
    rec = {"id": "a", "text": text, "claims": [{"evidence": "آمریکا مقصر است", "actor": "وی", "target": "آمریکا",
                                                 "stance": "negative"}]}
    _, issues = validate_file(_write(tmp_path / "a.jsonl", [rec]))
    assert [(i.line, i.field) for i in issues] == [(1, "claims[0].evidence_start")]
    assert "occurs 2 times" in issues[0].message


def test_strict_read_raises_with_every_issue(tmp_path, seed_text):
    path = _write(tmp_path / "b.jsonl", ["[]", _seed_record(seed_text, stance="pos")])
    with pytest.raises(AnnotationError) as exc:
        read_annotations(path)
    assert len(exc.value.issues) == 2


def test_cli_validate_prints_every_error_and_exits_nonzero(tmp_path, seed_text, capsys):
    ok = _write(tmp_path / "ok.jsonl", [_seed_record(seed_text)])
    bad = _write(tmp_path / "bad.jsonl", ["{", _seed_record(seed_text, evidence_start=3)])
    assert main(["validate", str(ok)]) == 0
    assert main(["validate", str(ok), str(bad)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith(f"{bad}:1:") and out[1].startswith(f"{bad}:2: claims[0].evidence_start:")
    assert len(out) == 2


def test_empty_claims_is_a_statement(tmp_path, seed_text):
    [art] = read_annotations(_write(tmp_path / "e.jsonl", [{"id": "n", "text": seed_text, "claims": []}]))
    assert art.claims == []
