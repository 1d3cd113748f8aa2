"""The two bases of the core's pydantic models: one place for how a model behaves.

Every model is immutable (a result or a plan is replaced, never edited in place)
and refuses unknown keys (a plan file with a stray or hostile key is refused, not
silently dropped). Models that hold what a user typed also strip surrounding
whitespace, so " Mercy " and "Mercy" are the same program.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Derived values and reference data: immutable, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class FrozenInput(BaseModel):
    """What a user types: as ``Frozen``, and text stripped of surrounding whitespace."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
