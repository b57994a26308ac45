"""``parstance train``: fine-tune a ClaimTagger on annotated JSONL.

The loop is written out (no Trainer subclass): windows -> shuffled batches ->
forward_loss -> AdamW step; after every epoch the dev set is predicted and scored
with the project's own scorer, and the best epoch by dev claim F1 is kept.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import asdict, fields
from pathlib import Path

from .annotations import AnnotationError, read_annotations
from .model.config import TaggerConfig


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--labels", nargs="+", required=True, help="label JSONL files or folders (training/labels/)")
    p.add_argument("--dev", help="dev gold JSONL for early stopping and the model card (never trained on)")
    p.add_argument("--out", required=True, help="output model directory (models/NAME)")
    p.add_argument("--init", help="continue from a trained model directory (retraining with new labels)")
    p.add_argument("--config", help="JSON file of TaggerConfig fields; command-line flags override it")
    p.add_argument("--device", default=None, help="cpu, cuda, ... (default: cuda when available)")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for torch")
    p.add_argument("--holder-only", action="store_true",
                   help="keep the --init model's tagger as it is and (re)train only its holder model (model/holder.py)")
    for f in fields(TaggerConfig):
        if f.name.endswith("_labels"):
            continue
        p.add_argument("--" + f.name.replace("_", "-"), dest=f.name, type=type(f.default), default=None,
                       help=f"{f.metadata.get('help', '')} (default: {f.default})")
    p.set_defaults(func=run)


def build_config(args) -> TaggerConfig:
    cfg = TaggerConfig.load(Path(args.config)) if args.config else TaggerConfig()
    if args.init:  # architecture comes from the model we continue; schedule from the flags
        base = TaggerConfig.load(Path(args.init) / "config.json")
        for k in ("backbone", "max_length", "stride", "train_layers", "target_labels", "actor_labels", "holder_layers"):
            setattr(cfg, k, getattr(base, k))
    for f in fields(TaggerConfig):
        value = getattr(args, f.name, None)
        if value is not None:
            setattr(cfg, f.name, value)
    return cfg


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _batches(dataset, batch_size: int, pad_id: int, epoch_seed: int, features=None):
    import torch

    ds = dataset.shuffle(seed=epoch_seed)
    for b in range(0, len(ds), batch_size):
        rows = ds[b:b + batch_size]
        width = max(len(x) for x in rows["input_ids"])

        def pad(key, value):
            return torch.tensor([x + [value] * (width - len(x)) for x in rows[key]])
        batch = {"input_ids": pad("input_ids", pad_id), "attention_mask": pad("attention_mask", 0),
                 "target_labels": pad("target_labels", -100), "actor_labels": pad("actor_labels", -100)}
        if features is not None:
            feats = torch.zeros(len(rows["row"]), width, features[0].shape[-1])
            for i, r in enumerate(rows["row"]):
                feats[i, :features[r].shape[0]] = features[r]
            batch["features"] = feats
        yield batch


def frozen_cache(model, dataset, pad_id: int, device: str, batch_size: int = 32):
    """Hidden states after the frozen layers, one tensor per training window."""
    import torch
    from tqdm.auto import tqdm

    feats = [None] * len(dataset)
    order = sorted(range(len(dataset)), key=lambda i: len(dataset[i]["input_ids"]))
    for b in tqdm(range(0, len(order), batch_size), desc="frozen layers", file=sys.stderr, dynamic_ncols=True):
        idx = order[b:b + batch_size]
        rows = [dataset[i] for i in idx]
        width = max(len(r["input_ids"]) for r in rows)
        ids = torch.tensor([r["input_ids"] + [pad_id] * (width - len(r["input_ids"])) for r in rows])
        mask = torch.tensor([r["attention_mask"] + [0] * (width - len(r["attention_mask"])) for r in rows])
        hidden = model.frozen_features(ids.to(device), mask.to(device)).cpu()
        for j, i in enumerate(idx):
            feats[i] = hidden[j, :len(rows[j]["input_ids"])].clone()
    return feats


def dev_scores(model, dev_articles, batch_size: int) -> dict:
    from .evaluation.scorer import score
    from .model.inference import predict_articles

    preds = predict_articles(model, dev_articles, batch_size=batch_size)
    result = score(dev_articles, preds)
    s = result.scores()
    return {k: s[k] for k in ("claim_strict_f1", "claim_weighted_f1", "detection_f1", "detection_precision",
                              "detection_recall", "actor_accuracy", "stance_accuracy", "target_weighted_f1")}


def gazetteer(articles) -> set[str]:
    """Actor names of the training labels that stand in the text as written: the
    attribution step finds them in new articles (``attribution.known_mentions``)."""
    from .attribution import is_anaphor, is_pronoun, is_title
    from .normalize import match_key

    names = set()
    for art in articles:
        key = match_key(art.text)
        for c in art.claims or []:
            k = match_key(c.actor)
            if (len(k) >= 3 and k in key and len(c.actor.split()) <= 5
                    and not (is_pronoun(c.actor) or is_title(c.actor) or is_anaphor(c.actor))):
                names.add(k)
    return names


def train(cfg: TaggerConfig, train_articles, dev_articles, out_dir: Path, init: str | None = None,
          device: str | None = None, log=print, command: str | None = None) -> dict:
    import torch
    from datasets import Dataset
    from tqdm.auto import tqdm
    from transformers import get_linear_schedule_with_warmup

    from .model.encoding import training_windows
    from .model.tagger import ClaimTagger

    seed_everything(cfg.seed)
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    model = ClaimTagger.load(init) if init else ClaimTagger.from_backbone(cfg)
    if init:  # keep the schedule of this run, the architecture of the init model
        for f in ("epochs", "batch_size", "lr", "warmup", "weight_decay", "patience", "seed", "threshold",
                  "negative_ratio", "dropout"):
            setattr(model.cfg, f, getattr(cfg, f))
        cfg = model.cfg
    model.to(device)

    windows, stats = training_windows(train_articles, model.tokenizer, cfg)
    positive = [w for w in windows if any(l > 0 for l in w.target_labels)]
    negative = [w for w in windows if not any(l > 0 for l in w.target_labels)]
    rng = random.Random(cfg.seed)
    rng.shuffle(negative)
    # Claimless sentences are most sentences; a share of them teaches "no claim here"
    # without drowning the claims.
    kept = positive + negative[:int(len(positive) * cfg.negative_ratio)]
    stats.update(windows=len(windows), positive_windows=len(positive), kept_windows=len(kept))
    log(f"training windows: {stats}")
    dataset = Dataset.from_list([{"input_ids": w.input_ids, "attention_mask": w.attention_mask,
                                  "target_labels": w.target_labels, "actor_labels": w.actor_labels, "row": i}
                                 for i, w in enumerate(kept)])
    pad_id = model.tokenizer.pad_token_id or 0
    features = frozen_cache(model, dataset, pad_id, device) if model.can_cache() else None

    heads = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("encoder.")]
    body = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("encoder.")]
    optim = torch.optim.AdamW([{"params": body, "lr": cfg.lr}, {"params": heads, "lr": cfg.lr * 5}],
                              weight_decay=cfg.weight_decay)
    steps_per_epoch = math.ceil(len(dataset) / cfg.batch_size)
    total = steps_per_epoch * cfg.epochs
    sched = get_linear_schedule_with_warmup(optim, int(total * cfg.warmup), total)

    history, best, best_state, best_entry, bad_epochs = [], float("-inf"), None, None, 0
    t0 = time.time()
    for epoch in range(1, cfg.epochs + 1):
        model.train()
        bar = tqdm(_batches(dataset, cfg.batch_size, pad_id, cfg.seed + epoch, features), total=steps_per_epoch,
                   desc=f"epoch {epoch}/{cfg.epochs}", file=sys.stderr, dynamic_ncols=True)
        running = 0.0
        for step, batch in enumerate(bar, 1):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model.forward_loss(batch)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in optim.param_groups for p in g["params"]], 1.0)
            optim.step()
            sched.step()
            running += loss.item()
            bar.set_postfix(loss=f"{running / step:.4f}")
        entry = {"epoch": epoch, "train_loss": round(running / max(steps_per_epoch, 1), 5),
                 "elapsed_s": round(time.time() - t0, 1)}
        if dev_articles:
            entry["dev"] = dev_scores(model, dev_articles, cfg.batch_size * 2)
            # Claim F1 with overlap-credited targets: the strict score is too sparse early on.
            key = entry["dev"]["claim_weighted_f1"] + 1e-3 * entry["dev"]["detection_f1"]
        else:
            key = -entry["train_loss"]
        history.append(entry)
        log(json.dumps(entry, ensure_ascii=False))
        if key > best:
            best, best_state, best_entry, bad_epochs = key, model.trained_state(), entry, 0
        else:
            bad_epochs += 1
            if bad_epochs >= cfg.patience:
                log(f"early stop: no dev improvement for {cfg.patience} epochs")
                break
    model.load_state_dict(best_state, strict=False)
    info = {"config": asdict(cfg), "data": stats, "history": history, "best_epoch": best_entry["epoch"],
            "dev": best_entry.get("dev"), "train_seconds": round(time.time() - t0, 1), "device": device,
            "n_train_articles": len(train_articles), "n_dev_articles": len(dev_articles or []),
            "n_train_claims": sum(len(a.claims or []) for a in train_articles), "init": init}
    model.known_actors = gazetteer(train_articles) | (model.known_actors if init else set())
    info["known_actors"] = len(model.known_actors)
    if cfg.holder_layers > 0 and model.can_cache():
        from .train_holder import train_holder
        info["holder"] = train_holder(model, train_articles, dev_articles, log)
    model.to("cpu")
    model.save(out_dir, extra=info)
    from .model.card import write_card, write_holder_section
    write_card(out_dir, info, command)
    if model.holder is not None:
        model.holder.to("cpu").save(out_dir)
        write_holder_section(out_dir, info["holder"], command)
    return info


def retrain_holder(init: str, train_articles, dev_articles, out_dir: Path, cfg: TaggerConfig, device: str | None,
                   log=print, command: str | None = None) -> dict:
    """``--holder-only``: the init model's tagger, unchanged, with a newly trained holder model."""
    import shutil

    import torch

    from .model.card import write_holder_section
    from .model.tagger import ClaimTagger
    from .train_holder import train_holder

    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    model = ClaimTagger.load(init, device=device)
    for f in ("holder_layers", "holder_epochs", "holder_threshold", "lr", "batch_size", "warmup", "weight_decay",
              "seed", "span_weight"):
        setattr(model.cfg, f, getattr(cfg, f))
    holder = train_holder(model, train_articles, dev_articles, log)
    out_dir = Path(out_dir)
    if out_dir.resolve() != Path(init).resolve():
        shutil.copytree(init, out_dir, dirs_exist_ok=True)
    model.holder.to("cpu").save(out_dir)
    model.cfg.save(out_dir / "config.json")
    log_path = out_dir / "training.json"
    info = json.loads(log_path.read_text(encoding="utf-8")) if log_path.is_file() else {}
    info["holder"] = holder
    log_path.write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    write_holder_section(out_dir, holder, command)
    return holder


def run(args) -> int:
    cfg = build_config(args)
    if args.threads:
        import torch
        torch.set_num_threads(args.threads)
    try:
        train_articles = [a for path in args.labels for a in read_annotations(path)]
        dev_articles = read_annotations(args.dev) if args.dev else []
    except AnnotationError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        return 2
    dev_ids = {a.id for a in dev_articles}
    overlap = [a.id for a in train_articles if a.id in dev_ids]
    if overlap:
        print(f"error: {len(overlap)} dev article(s) also in the training labels: {overlap[:5]}", file=sys.stderr)
        return 2
    from .backbones import BackboneNotFound
    if args.holder_only:
        if not args.init:
            print("error: --holder-only needs --init MODEL_DIR (the tagger it sits on)", file=sys.stderr)
            return 2
        try:
            holder = retrain_holder(args.init, train_articles, dev_articles, Path(args.out), cfg, args.device,
                                    log=lambda m: print(m, file=sys.stderr),
                                    command="parstance " + " ".join(sys.argv[1:]))
        except (BackboneNotFound, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        keys = ("best_epoch", "dev_without_holder", "dev_with_holder", "train_seconds")
        print(json.dumps({"out": args.out, "holder": {k: holder[k] for k in keys}}))
        return 0
    try:
        info = train(cfg, train_articles, dev_articles, Path(args.out), init=args.init, device=args.device,
                     log=lambda m: print(m, file=sys.stderr), command="parstance " + " ".join(sys.argv[1:]))
    except BackboneNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"out": args.out, "best_epoch": info["best_epoch"], "dev": info["dev"],
                      "train_seconds": info["train_seconds"]}, ensure_ascii=False))
    return 0
