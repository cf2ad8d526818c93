"""SQLAlchemy 2 models, sessions, Alembic migrations and query functions."""
