"""question reports: learners flag a question as wrong or unclear

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.BigInteger(), nullable=False),
        sa.Column("question_id", sa.String(length=255), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_question_reports_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_reports")),
        sa.UniqueConstraint(
            "learner_id", "question_id", name="uq_question_reports_learner_question"
        ),
    )
    with op.batch_alter_table("question_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_question_reports_question_id"), ["question_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("question_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_reports_question_id"))
    op.drop_table("question_reports")
