"""Who said it: resolve each claim's actor to the fullest name in the article.

``attribute(text, sentences, mentions, known)`` gives, per sentence, a function
``resolve(target_start) -> list[Resolution]``: the actor(s) holding a claim whose target
starts there (several for coordinated speakers, none when nobody is found).

Rules where rules are exact, learning where it helps:

* ``openings.py`` skips what a clause opens with before its subject: datelines
  (``تهران- ایرنا-``), sources (``به گزارش ایرنا،``) and adverbials (``در همین حال،``,
  ``پس از ...،``);
* ``phrases.py`` finds a subject noun phrase in raw Persian: the phrase ends at a
  preposition, adverb, verb or ``را``, or right after a known name, and splits into
  conjuncts (``بریتانیا، رومانی و لیبریا``);
* ``subjects.py`` decides which phrase speaks in each sentence: the reporting frame's
  subject (``وی افزود؛``, ``X تاکید کرد:``, a headline ``X :``), the subject a frameless
  sentence opens with (``ایران ... را رد کرد``), or the holder behind it (what an outlet
  reports, a passive verdict's court, ``با انتقاد X مواجه شد``, ``شماری از کشورها از جمله
  X و Y``), statements (``در این بیانیه آمده است``), later clauses and ``به گفته X،``;
* ``names.py`` resolves names: a surname to the fullest name containing it, a title to
  the person it stands beside (``علی شمخانی ... دبیر شورای عالی امنیت ملی``), honorifics as
  DATA.md D9 writes them ("آیت‌الله علی سیستانی" -> "علی سیستانی");
* ``nominal.py``: an evaluative act written as a noun holds its clause for the holder after it
  (``مخالفت آمریکا با اعطای وام``, ``اعلام طالبان مبنی بر استقبال از ...``);
* ``courts.py``: a sentence reporting a verdict is the named court's claim (DATA.md D2), not
  the spokesman's or prosecutor's who reports it;
* ``speakers.py`` walks the article: pronouns (``وی``) and anaphors (``این مقام``, ``این
  نهاد``, ``این سه کشور``) refer back, a sentence with no speaker continues the previous
  one, an unlinked title is the person who spoke before (or, in a lead, the person named
  next, and a lead's "یک عضو کمیسیون ..." the person the next sentence names);
* ``mentions.py``: the tagger's actor mentions overrule the rules where they can; an optional
  holder model (``model/holder.py``, measured and off by default, README) marks each
  target's holder and may overrule them too (``held_by``).

Names come from three places: the tagger's actor-mention spans (learned), actor names
seen in the training labels (learned, a gazetteer saved with the model) and apposition
("NAME TITLE", rules).  ``Resolution.chain`` records each step for ``predict --explain``.
"""
from .lexicon import ANAPHORS, HONORIFICS, PRONOUNS, REPORTING as _REPORTING, TITLE_HEADS
from .names import ActorResolver, Resolution, appositive_names, known_mentions
from .openings import skip_opening
from .phrases import clean, is_anaphor, is_pronoun, is_title, noun_phrase
from .speakers import attribute

__all__ = ["ANAPHORS", "HONORIFICS", "PRONOUNS", "TITLE_HEADS", "_REPORTING", "ActorResolver", "Resolution",
           "appositive_names", "attribute", "clean", "is_anaphor", "is_pronoun", "is_title", "known_mentions",
           "noun_phrase", "skip_opening"]
