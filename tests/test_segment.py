from hypothesis import given, settings
from hypothesis import strategies as st

from parstance.segment import segment


def _texts(text):
    return [s.text for s in segment(text)]


def test_seed_offsets_exact_and_headline(seed_text):
    sents = segment(seed_text)
    assert all(seed_text[s.start:s.end] == s.text for s in sents)
    assert sents[0].kind == "headline"
    assert sents[0].text.startswith("شمخانی در دیدار") and sents[0].text.endswith("در عراق است")
    # the headline's "X :" is kept as a reporting frame
    assert seed_text[sents[0].frame.start:sents[0].frame.end].startswith("شمخانی در دیدار")


def test_seed_glued_sentence_is_split(seed_text):
    texts = _texts(seed_text)
    assert any(t.endswith("و خود ساخته هستند") for t in texts)
    assert any(t.startswith("نماینده مقام معظم رهبری با اشاره به تلاش مستمر آمریکا") for t in texts)


def test_seed_stop_without_space_is_split(seed_text):
    sents = segment(seed_text)
    texts = [s.text for s in sents]
    assert any(t.endswith("بزرگترین تهدید منطقه نابود شود .") for t in texts)
    vi = next(s for s in sents if s.text.startswith("وی افزود؛"))
    # reported-speech structure: the frame "وی افزود؛" is recoverable
    assert seed_text[vi.frame.start:vi.frame.end] == "وی افزود؛"


def test_colon_and_semicolon_do_not_split_reported_speech(seed_text):
    sents = segment(seed_text)
    s = next(s for s in sents if s.text.startswith("نماینده مقام معظم رهبری در شورای عالی امنیت ملی اضافه کرد:"))
    assert "صبر و ایستادگی مردم عراق" in s.text
    assert seed_text[s.frame.start:s.frame.end].endswith("اضافه کرد:")


def test_decimals_abbreviations_urls_do_not_split():
    text = "نرخ رشد ۳.۵ درصد بود و ج.ا.ا آن را تایید کرد. نشانی www.irna.ir است. سپس 2.75 اعلام شد."
    assert _texts(text) == ["نرخ رشد ۳.۵ درصد بود و ج.ا.ا آن را تایید کرد.", "نشانی www.irna.ir است.",
                            "سپس 2.75 اعلام شد."]


def test_quotes_are_not_split_inside():
    text = "وی گفت: «ما این اقدام را محکوم می‌کنیم. آمریکا مسئول است.» سپس جلسه پایان یافت."
    assert _texts(text) == ["وی گفت: «ما این اقدام را محکوم می‌کنیم. آمریکا مسئول است.»", "سپس جلسه پایان یافت."]


def test_headline_blank_lines_and_boilerplate():
    text = "ظریف: برجام قابل مذاکره نیست\r\n\r\nوزیر امور خارجه گفت: برجام قابل مذاکره نیست.\nانتهای پیام/\n"
    sents = segment(text)
    assert [s.kind for s in sents] == ["headline", "body", "boilerplate"]
    assert sents[0].text == "ظریف: برجام قابل مذاکره نیست"
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_arabic_letter_variants_split_like_persian(seed_text):
    legacy = seed_text.translate(str.maketrans({"ی": "ي", "ک": "ك"}))
    a, b = segment(seed_text), segment(legacy)
    assert [(s.start, s.end, s.frame) for s in a] == [(s.start, s.end, s.frame) for s in b]


def test_real_corpus_articles_keep_offsets(corpus_sample):
    n = 0
    for art in corpus_sample:
        for s in segment(art["text"]):
            assert art["text"][s.start:s.end] == s.text
            assert s.text == s.text.strip() and s.text
            n += 1
    assert n > 1000


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
                         st.sampled_from(list(".!?؟…؛:،«» \n\u200c\u00a0۳۵0123456789")), st.characters()),
               max_size=300))
def test_segments_are_exact_ordered_and_disjoint(text):
    prev_end = 0
    for s in segment(text):
        assert text[s.start:s.end] == s.text
        assert s.start >= prev_end and s.end > s.start
        if s.frame:
            assert s.start <= s.frame.start < s.frame.end <= s.end
        prev_end = s.end
