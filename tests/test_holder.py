"""The holder model: its training labels from real annotations, how attribution uses its
marks, and a tiny model trained, saved, loaded and run end to end."""
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from tiny import build_tiny_bert  # noqa: E402

from parstance.annotations import read_annotations  # noqa: E402
from parstance.attribution import attribute  # noqa: E402
from parstance.model.encoding import locate_target, sentence_views  # noqa: E402
from parstance.model.holder import HOLDER_LABELS, gold_holders  # noqa: E402
from parstance.segment import segment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# farsnews-b8f7256ca0 (training/labels/batch8.jsonl): a nested holder inside the speaker's quote
NESTED = ("علي المنجي كارشناس امور خاورميانه در گفت‌وگو با خبرگزاري فارس گفت: در غياب صلح واقعي در خاورميانه، "
          "بازگشت به منطقه اي عاري از سلاحهاي هسته اي غير ممكن است.\n"
          "وي با توجه به رشد فشارهاي جهاني عليه ايران براي گشودن تاسيسات هسته اي خود به روي بازرسان بين المللي، "
          "اظهار داشت: عليرغم ادعاهاي اسرائيل مبني براين كه سلاحهاي هسته اي ايران تهديدي عليه رژيم صهيونيستي است ، "
          "ايران فاقد ظرفيتهاي هسته اي است.")


def _resolve(text, target, holders=None, threshold=0.8):
    sents = segment(text)
    pos = text.index(target)
    i = next(s.index for s in sents if s.start <= pos < s.end)
    marks = None if holders is None else {(i, pos): [(text.index(m), text.index(m) + len(m), p) for m, p in holders]}
    resolvers, _ = attribute(text, sents, [[] for _ in sents], frozenset(), marks, threshold)
    return [r.actor for r in resolvers[i](pos)]


def test_rules_alone_give_the_nested_claim_to_the_speaker():
    assert _resolve(NESTED, "سلاحهاي هسته اي ايران") == ["علي المنجي"]


def test_a_confident_holder_mark_overrules_the_rules():
    assert _resolve(NESTED, "سلاحهاي هسته اي ايران", [("اسرائيل", 0.95)]) == ["اسرائيل"]


def test_weak_marks_pronouns_and_the_rules_own_mention_leave_the_rules():
    target = "سلاحهاي هسته اي ايران"
    assert _resolve(NESTED, target, [("اسرائيل", 0.6)]) == ["علي المنجي"]  # below the threshold
    assert _resolve(NESTED, target, [("وي", 0.99), ("اسرائيل", 0.9)]) == ["علي المنجي"]  # the pronoun is surest
    assert _resolve(NESTED, target, []) == ["علي المنجي"]  # the model marks nobody
    # "ايران فاقد ظرفيتهاي هسته اي است" is the speaker's own claim: the mark on the target itself is ignored
    assert _resolve(NESTED, "ظرفيتهاي هسته اي", [("ظرفيتهاي هسته اي", 0.99)]) == ["علي المنجي"]


def test_gold_holder_spans_from_real_labels():
    """Every located training claim gets holder spans that point into its own sentence: the
    gold actor's name as written, or the mention the rules resolved correctly, or none."""
    arts = read_annotations(ROOT / "training" / "labels" / "batch8.jsonl")
    kinds = {"named": 0, "mention": 0, "none": 0, "unknown": 0}
    for art in arts:
        views = sentence_views(art)
        resolvers, _ = attribute(art.text, [v.sentence for v in views], [[] for _ in views])
        for c in art.claims or []:
            si, hit = locate_target(art, views, c) or (None, None)
            if hit is None:
                continue
            spans = gold_holders(art, views, resolvers, c, si, hit)
            s = views[si].sentence
            if spans is None:
                kinds["unknown"] += 1
                continue
            for a, b in spans:
                assert s.start <= a < b <= s.end and not (a < hit[1] and hit[0] < b)
            if not spans:
                kinds["none"] += 1
            elif any(c.actor in art.text[a:b] or art.text[a:b] in c.actor for a, b in spans):
                kinds["named"] += 1
            else:
                kinds["mention"] += 1
    assert kinds["named"] > kinds["mention"] > 0 and kinds["none"] > 0
    # the nested claim of the test above is labelled with its holder's name
    art = next(a for a in arts if a.id == "farsnews-b8f7256ca0")
    views = sentence_views(art)
    resolvers, _ = attribute(art.text, [v.sentence for v in views], [[] for _ in views])
    c = next(c for c in art.claims if c.actor == "اسرائيل")
    si, hit = locate_target(art, views, c)
    spans = gold_holders(art, views, resolvers, c, si, hit)
    assert {art.text[a:b] for a, b in spans} == {"اسرائيل"}  # every mention of the holder in the sentence
    assert art.text.index("ادعاهاي اسرائيل") + len("ادعاهاي ") in {a for a, _ in spans}


@pytest.fixture(scope="module")
def with_holder(tmp_path_factory):
    """A tiny tagger whose top layer trains, with a one-layer holder model above the frozen one."""
    from parstance.model.config import TaggerConfig
    from parstance.train import train

    arts = read_annotations(ROOT / "seeds" / "gold.jsonl") + read_annotations(ROOT / "eval" / "gold" / "dev.jsonl")[:1]
    d = tmp_path_factory.mktemp("holder")
    backbone = build_tiny_bert([a.text for a in arts], d / "backbone", layers=3)
    cfg = TaggerConfig(backbone=str(backbone), train_layers=2, holder_layers=1, epochs=3, holder_epochs=12,
                       lr=3e-3, batch_size=8, patience=100, negative_ratio=1.0, max_length=96, stride=24,
                       dropout=0.0, warmup=0.05, seed=3, holder_threshold=0.5)
    info = train(cfg, arts, arts, d / "model", log=lambda m: None)
    return arts, d / "model", info


def test_holder_is_trained_saved_and_loaded(with_holder):
    from parstance.model.tagger import ClaimTagger

    arts, model_dir, info = with_holder
    assert (model_dir / "holder.safetensors").is_file()
    log = json.loads((model_dir / "training.json").read_text(encoding="utf-8"))
    holder = log["holder"]
    assert holder["examples"]["claims"] == sum(len(a.claims) for a in arts)
    assert holder["history"][-1]["train_loss"] < holder["history"][0]["train_loss"]
    assert "## Holder model" in (model_dir / "README.md").read_text(encoding="utf-8")
    model = ClaimTagger.load(model_dir)
    assert model.holder is not None and len(model.holder.layers) == 1
    assert "holder" not in "".join(model.state_dict())  # saved apart from the tagger's weights


def test_predict_with_holder_is_deterministic_and_offsets_exact(with_holder):
    from parstance.model.inference import predict_articles
    from parstance.model.tagger import ClaimTagger

    arts, model_dir, _ = with_holder
    model = ClaimTagger.load(model_dir)
    a = [x.to_json() for x in predict_articles(model, arts)]
    assert a == [x.to_json() for x in predict_articles(ClaimTagger.load(model_dir), arts)]
    for art, pred in zip(arts, predict_articles(model, arts)):
        for c in pred.claims:
            assert art.text[c.evidence_start:c.evidence_end] == c.evidence
            if c.actor_start is not None:
                assert 0 <= c.actor_start < c.actor_end <= len(art.text)


def test_holder_only_retraining_keeps_the_tagger(with_holder, tmp_path):
    from parstance.cli import main

    arts, model_dir, _ = with_holder
    before = (model_dir / "model.safetensors").read_bytes()
    assert main(["train", "--labels", str(ROOT / "seeds" / "gold.jsonl"), "--init", str(model_dir), "--out",
                 str(tmp_path / "m"), "--holder-only", "--holder-epochs", "1"]) == 0
    assert (tmp_path / "m" / "model.safetensors").read_bytes() == before
    assert (tmp_path / "m" / "holder.safetensors").is_file()
    assert main(["train", "--labels", str(ROOT / "seeds" / "gold.jsonl"), "--out", str(tmp_path / "x"),
                 "--holder-only"]) == 2  # needs --init


def test_holder_labels_constant():
    assert HOLDER_LABELS == ("O", "B-HOLD", "I-HOLD")


def test_holder_training_without_dev_keeps_an_epoch_whatever_its_loss(with_holder, monkeypatch):
    """With no dev set the epoch with the lowest training loss is kept, even when every
    epoch's loss is above 1 (a first epoch of a fresh head often is). The loss is shifted by
    a constant so that it is above 1 on every platform (the raw value of a tiny model's first
    step is close to 1 and differs between CPUs)."""
    from parstance.model.holder import HolderTagger
    from parstance.model.tagger import ClaimTagger
    from parstance.train_holder import train_holder

    raw = HolderTagger.forward_loss
    monkeypatch.setattr(HolderTagger, "forward_loss", lambda self, *a, **k: raw(self, *a, **k) + 2.0)
    arts, model_dir, _ = with_holder
    model = ClaimTagger.load(model_dir)
    model.cfg.holder_epochs, model.cfg.lr = 1, 1e-6  # one tiny step
    info = train_holder(model, arts[:1], [], log=lambda m: None)
    assert info["best_epoch"] == 1 and info["dev_with_holder"] is None
    assert info["history"][0]["train_loss"] > 1.0 and model.holder is not None
