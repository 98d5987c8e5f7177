"""Deterministic fakes shipped with the package, for fast tests and demos."""

from __future__ import annotations
