"""parstance: who holds which position about whom in Persian news."""
from .data import Article, Claim, Sentence, Span

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "Sentence", "Span", "__version__"]
