"""narratives: quote frames and features, the frame index, echoes and cross-language versions

Revision ID: 0011_narratives
Revises: 0012_telegram_links
"""
import sqlalchemy as sa
from alembic import op

from storage.models import TZDateTime

revision = "0011_narratives"
down_revision = "0012_telegram_links"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_narratives",
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("speaker_key", sa.String(length=264), nullable=True),
        sa.Column("speaker_country", sa.String(length=8), nullable=True),
        sa.Column("spoken_at", TZDateTime(timezone=True), nullable=False),
        sa.Column("frames", sa.JSON(), nullable=False),
        sa.Column("lemmas", sa.JSON(), nullable=False),
        sa.Column("keys", sa.JSON(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("quote_id"),
    )
    with op.batch_alter_table("quote_narratives", schema=None) as batch_op:
        batch_op.create_index("ix_quote_narratives_country_time", ["speaker_country", "spoken_at"], unique=False)
    op.create_table(
        "quote_frames",
        sa.Column("frame_id", sa.String(length=64), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("frame_id", "quote_id"),
    )
    with op.batch_alter_table("quote_frames", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_frames_quote_id"), ["quote_id"], unique=False)
    op.create_table(
        "quote_echoes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("echoed_quote_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("lag_seconds", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("created_at", TZDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["echoed_quote_id"], ["quotes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("quote_id", "echoed_quote_id", "kind", name="uq_quote_echo"),
    )
    with op.batch_alter_table("quote_echoes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_echoes_echoed_quote_id"), ["echoed_quote_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_echoes_quote_id"), ["quote_id"], unique=False)


def downgrade() -> None:
    op.drop_table("quote_echoes")
    op.drop_table("quote_frames")
    op.drop_table("quote_narratives")
