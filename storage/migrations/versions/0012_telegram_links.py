"""sources.parser_drift: how many articles a source's site parser could not read since it was
added (the generic extractor stored them instead), for `status` and the metrics (issue 14)

Revision ID: 0012_telegram_links
Revises: 0010_fulltext
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_telegram_links"
down_revision = "0010_fulltext"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parser_drift", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("parser_drift")
