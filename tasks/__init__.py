"""The Celery app, thin task wrappers (load, call, store, enqueue) and the beat schedule."""
