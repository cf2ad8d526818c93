"""quote_topics: each quote's topics as rows beside its speaker and said_at, so that "speaker +
topic + last 30 days" reads only the matching rows (issue 13); filled from the stored quotes

Revision ID: 0013_quote_topics
Revises: 0011_narratives
"""
import sqlalchemy as sa
from alembic import op

from storage.models import TZDateTime

revision = "0013_quote_topics"
down_revision = "0011_narratives"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_topics",
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=False),
        sa.Column("speaker_id", sa.String(length=64), nullable=True),
        sa.Column("said_at", TZDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("quote_id", "topic"),
    )
    from storage.search import TOPIC_ROWS_SQL

    conn = op.get_bind()
    conn.execute(sa.text(TOPIC_ROWS_SQL[conn.dialect.name].format(where="true")))
    with op.batch_alter_table("quote_topics", schema=None) as batch_op:
        batch_op.create_index("ix_quote_topics_speaker", ["topic", "speaker_id", "said_at"], unique=False)
        batch_op.create_index("ix_quote_topics_said", ["topic", "said_at"], unique=False)
    if conn.dialect.name == "sqlite":
        # 0010's covering indexes answered the topic test from the JSON text; this table does now
        op.execute("DROP INDEX IF EXISTS ix_quotes_search_speaker")
        op.execute("DROP INDEX IF EXISTS ix_quotes_search_said")


def downgrade() -> None:
    op.drop_table("quote_topics")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX ix_quotes_search_speaker ON quotes (speaker_id, said_at, topics)")
        op.execute("CREATE INDEX ix_quotes_search_said ON quotes (said_at, topics)")
