"""Shared test configuration: hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile("dev", max_examples=30, deadline=None)
# The quick default run uses "dev"; CI runs the property tests again with HYPOTHESIS_PROFILE=ci.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
