"""Fixtures shared with the end-to-end tests."""

from tests.e2e.conftest import free_port

__all__ = ["free_port"]
