"""crawl: publisher UTC offset, body fingerprint (reprints), source silent_after_hours

Revision ID: 0002_crawl
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_crawl'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('published_offset_minutes', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('fingerprint', sa.JSON(), nullable=True))
    with op.batch_alter_table('sources') as batch:
        batch.add_column(sa.Column('silent_after_hours', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sources') as batch:
        batch.drop_column('silent_after_hours')
    with op.batch_alter_table('articles') as batch:
        batch.drop_column('fingerprint')
        batch.drop_column('published_offset_minutes')
