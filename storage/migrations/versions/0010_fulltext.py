"""Full-text search over quotes (text, speaker names, article title) and web app users

quotes.said_at: when the statement was made (the article's publication time), indexed with the
speaker for "what did X say this month". SQLite: the FTS5 table quotes_fts of Snowball-stemmed
terms (storage/search.py), emptied of a quote's row by a trigger when the quote goes.
PostgreSQL: tsvector columns quotes.search_en and quotes.search_ru ('english' and 'russian'
configurations), GIN-indexed. Quotes stored before this revision are indexed here.

Revision ID: 0010_fulltext
Revises: 0009_article_trust
"""
import sqlalchemy as sa
from alembic import op

from storage.models import TZDateTime

revision = "0010_fulltext"
down_revision = "0009_article_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("said_at", TZDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_quotes_said_at"), ["said_at"], unique=False)
        batch_op.create_index("ix_quotes_speaker_said", ["speaker_id", "said_at"], unique=False)
    op.create_table(
        "users",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", TZDateTime(), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE quotes ADD COLUMN search_en tsvector, ADD COLUMN search_ru tsvector")
        op.execute("CREATE INDEX ix_quotes_search_en ON quotes USING gin (search_en)")
        op.execute("CREATE INDEX ix_quotes_search_ru ON quotes USING gin (search_ru)")
    else:
        # one column of stemmed terms; unicode61 splits them as they were joined (spaces)
        op.execute("CREATE VIRTUAL TABLE quotes_fts USING fts5(terms, tokenize='unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
                   "DELETE FROM quotes_fts WHERE rowid = old.id; END")
        # covering indexes for "speaker + topic + time" and "topic + time": the topic test (a LIKE
        # on the JSON text) is answered from the index, not from each quote's row. PostgreSQL
        # cannot put a json column in a b-tree index, and needs it less (it reads rows faster).
        op.execute("CREATE INDEX ix_quotes_search_speaker ON quotes (speaker_id, said_at, topics)")
        op.execute("CREATE INDEX ix_quotes_search_said ON quotes (said_at, topics)")

    # index the quotes stored before this revision
    from storage.search import index_quotes

    last = 0
    while True:
        ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM quotes WHERE id > :last ORDER BY id LIMIT 5000"),
                                          {"last": last})]
        if not ids:
            break
        index_quotes(conn, ids, topics=False)  # quote_topics comes in 0013
        last = ids[-1]


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_quotes_search_en")
        op.execute("DROP INDEX IF EXISTS ix_quotes_search_ru")
        op.execute("ALTER TABLE quotes DROP COLUMN search_en, DROP COLUMN search_ru")
    else:
        op.execute("DROP INDEX IF EXISTS ix_quotes_search_speaker")
        op.execute("DROP INDEX IF EXISTS ix_quotes_search_said")
        op.execute("DROP TRIGGER IF EXISTS quotes_fts_delete")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    op.drop_table("users")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index("ix_quotes_speaker_said")
        batch_op.drop_index(batch_op.f("ix_quotes_said_at"))
        batch_op.drop_column("said_at")
