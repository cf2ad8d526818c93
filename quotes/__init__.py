"""Pure text -> quotes. No I/O, no Celery, no SQL (see DESIGN.md)."""
from quotes.extract import extract
from quotes.model import Context, Quote, QuoteType

__all__ = ["Context", "Quote", "QuoteType", "extract"]
