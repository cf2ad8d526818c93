"""articles.decode_warning: what went wrong decoding a page's bytes (a few invalid UTF-8
sequences replaced), so an analyst can tell a clean text from a repaired one (issue 11)

Revision ID: 0009_article_trust
Revises: 0008_article_extra
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_article_trust"
down_revision = "0008_article_extra"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decode_warning", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("decode_warning")
