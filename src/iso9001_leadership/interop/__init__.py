"""Bridges to GRC tools: OSCAL assessment results and CISO Assistant libraries and audits.

- :mod:`~iso9001_leadership.interop.oscal`: an assessment as NIST OSCAL ``assessment-results``
  JSON (:func:`to_oscal`, :func:`render_oscal`), checked by :func:`validate_oscal` with
  compliance-trestle's models when the ``oscal`` extra is installed.
- :mod:`~iso9001_leadership.interop.ciso_assistant`: the requirement catalog as a CISO Assistant
  framework library (:func:`ciso_library`, :func:`render_ciso_library`) and an assessment as the
  file its Data Wizard imports into a compliance assessment (:func:`render_ciso_assessment`), on
  the same ``ref_id``\\ s and URNs.

Both write plain data with the standard library and PyYAML: no GRC tool's package is needed to
export. Both are deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

from .ciso_assistant import (
    CISO_PROGRESS,
    CISO_RESULTS,
    ciso_assessment_rows,
    ciso_library,
    ciso_result,
    render_ciso_assessment,
    render_ciso_library,
)
from .oscal import OSCAL_STATES, OSCAL_VERSION, oscal_state, render_oscal, to_oscal, validate_oscal

__all__ = [
    "CISO_PROGRESS",
    "CISO_RESULTS",
    "OSCAL_STATES",
    "OSCAL_VERSION",
    "ciso_assessment_rows",
    "ciso_library",
    "ciso_result",
    "oscal_state",
    "render_ciso_assessment",
    "render_ciso_library",
    "render_oscal",
    "to_oscal",
    "validate_oscal",
]
