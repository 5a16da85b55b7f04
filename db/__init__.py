"""The progress store: SQLModel tables, the async engine, queries and migrations."""
