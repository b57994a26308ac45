import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f7030722794b592c.txt"
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpora" / "news.jsonl"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_sample() -> list[dict]:
    """Real corpus articles: the shared corpus when present, else the annotated ones."""
    if CORPUS.exists():
        with open(CORPUS, encoding="utf-8") as f:
            return [json.loads(line) for _, line in zip(range(400), f)]
    arts = []
    for path in sorted((ROOT / "training" / "labels").glob("*.jsonl")):
        arts += [json.loads(line) for line in open(path, encoding="utf-8")]
    return arts
