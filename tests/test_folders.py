import json
import os

from parstance.cli import main
from parstance.folders import ReadProblem, decode_bytes, iter_inputs
from parstance.normalize import normalize
from parstance.segment import segment


def _legacy(text: str) -> bytes:
    # Windows-1256 has no Persian ی or Persian digits: legacy files carry Arabic ي and ASCII digits.
    return text.translate(str.maketrans({"ی": "ي", **{chr(0x06F0 + i): str(i) for i in range(10)}})).encode("cp1256")


def _sentences(text):
    return [(s.start, s.end, normalize(s.text).text) for s in segment(text)]


def test_mixed_encodings_folder(tmp_path, seed_text):
    (tmp_path / "sub").mkdir()
    (tmp_path / "legacy.txt").write_bytes(_legacy(seed_text))
    (tmp_path / "sub" / "utf16.txt").write_bytes(seed_text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed_text.encode("utf-8"))
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "random.txt").write_bytes(os.urandom(4000).replace(b"\x00", b"\x01"))
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(iter_inputs([tmp_path]))
    arts = {a.id: a for a in items if not isinstance(a, ReadProblem)}
    problems = {p.path: p.reason for p in items if isinstance(p, ReadProblem)}
    # the UTF-16 copy decodes to exactly the BOM copy's text: reported as a duplicate, not predicted twice
    assert set(arts) == {"legacy.txt", "bom.txt"}
    assert set(problems) == {"junk.txt", "random.txt", "empty.txt", "sub/utf16.txt"}
    assert "binary" in problems["junk.txt"] and "empty" in problems["empty.txt"]
    assert problems["sub/utf16.txt"] == "article 'sub/utf16.txt' has the same text as 'bom.txt'; skipped"
    [utf16] = list(iter_inputs([tmp_path / "sub" / "utf16.txt"]))  # read alone, it is an article
    ref = _sentences(seed_text)
    for art in [*arts.values(), utf16]:
        assert _sentences(art.text) == ref


def test_seed_folder_predicts_the_seed_once(tmp_path):
    """seeds/ holds the seed article and its gold file (the same text): one article to predict."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    items = list(iter_inputs([seeds]))
    arts = [a for a in items if not isinstance(a, ReadProblem)]
    [dup] = [p for p in items if isinstance(p, ReadProblem)]
    assert [a.id for a in arts] == ["000_f7030722794b592c.txt"]
    assert dup.path == "gold.jsonl" and "same text as '000_f7030722794b592c.txt'" in dup.reason


def test_decode_rejects_utf8_lookalike_garbage():
    text, enc = decode_bytes("سلام دنیا".encode("utf-8"))
    assert (text, enc) == ("سلام دنیا", "utf-8")


def test_jsonl_and_json_inputs_with_bad_lines(tmp_path, seed_text, corpus_sample):
    real = corpus_sample[:3]
    lines = [json.dumps({"id": a["id"], "text": a["text"]}, ensure_ascii=False) for a in real]
    (tmp_path / "a.jsonl").write_text("\n".join([lines[0], "{broken", lines[1], '{"id": "x"}']) + "\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"id": "seed", "text": seed_text}], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "c.json").write_text("{oops", encoding="utf-8")
    items = list(iter_inputs([tmp_path]))
    ids = [a.id for a in items if not isinstance(a, ReadProblem)]
    probs = [str(p) for p in items if isinstance(p, ReadProblem)]
    assert ids == [real[0]["id"], real[1]["id"], "seed"]
    assert any(p.startswith("a.jsonl:2: invalid JSON") for p in probs)
    assert any(p.startswith("a.jsonl:4: field 'text'") for p in probs)
    assert any(p.startswith("c.json:1: invalid JSON") for p in probs)


def test_cli_segment_writes_offsets(tmp_path, seed_text, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "s.jsonl"
    assert main(["segment", str(tmp_path / "in"), "-o", str(out)]) == 0
    [rec] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rec["id"] == "seed.txt"
    assert all(seed_text[s["start"]:s["end"]] == s["text"] for s in rec["sentences"])
    assert "skipped bad.txt: binary" in capsys.readouterr().err
