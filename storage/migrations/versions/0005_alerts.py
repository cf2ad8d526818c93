"""alerts: MinHash signatures and LSH bands per quote, held/silenced reasons, rate-cap index

Revision ID: 0005_alerts
Revises: 0003_service
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_alerts"
down_revision = "0003_service"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as b:
        b.add_column(sa.Column("minhash", sa.LargeBinary(), nullable=True))
    op.create_table(
        "quote_bands",
        sa.Column("band_hash", sa.BigInteger(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band_hash", "quote_id"),
    )
    op.create_index("ix_quote_bands_quote_id", "quote_bands", ["quote_id"])
    with op.batch_alter_table("alerts") as b:
        b.add_column(sa.Column("reason", sa.Text(), nullable=True))
    with op.batch_alter_table("deliveries") as b:
        b.add_column(sa.Column("reason", sa.Text(), nullable=True))
        b.create_index("ix_deliveries_channel_sent", ["channel", "sent_at"])


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as b:
        b.drop_index("ix_deliveries_channel_sent")
        b.drop_column("reason")
    with op.batch_alter_table("alerts") as b:
        b.drop_column("reason")
    op.drop_index("ix_quote_bands_quote_id", table_name="quote_bands")
    op.drop_table("quote_bands")
    with op.batch_alter_table("quotes") as b:
        b.drop_column("minhash")
