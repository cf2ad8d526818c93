"""article_bands: LSH band index for reprint detection (replaces a scan of recent articles)

Revision ID: 0006_article_bands
Revises: 0005_alerts
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0006_article_bands"
down_revision = "0005_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_bands",
        sa.Column("band_hash", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band_hash", "article_id"),
    )
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_bands_article_id"), ["article_id"], unique=False)

    # index the articles stored before this revision
    from storage.articles import band_hashes

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, fingerprint FROM articles WHERE fingerprint IS NOT NULL")).fetchall()
    bands = sa.table("article_bands", sa.column("band_hash", sa.BigInteger), sa.column("article_id", sa.Integer))
    batch: list[dict[str, int]] = []
    for art_id, fp in rows:
        values = json.loads(fp) if isinstance(fp, str) else fp
        if values:
            batch += [{"band_hash": h, "article_id": art_id} for h in set(band_hashes(values))]
        if len(batch) >= 5000:
            op.bulk_insert(bands, batch)
            batch = []
    if batch:
        op.bulk_insert(bands, batch)


def downgrade() -> None:
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_bands_article_id"))
    op.drop_table("article_bands")
