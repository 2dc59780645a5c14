"""The documents a family sends and takes to court: letters, the chronology and the evidence bundle.

A pure library over the case format (``fairwitness.law.caseformat``) and the engine's report: no
Django here, so the CLI, the web app and the tests all build the same documents from the same facts.
"""

from fairwitness.documents.letters import KINDS, Letter, LetterError, build_letter
from fairwitness.documents.model import UnfilledPromptsError

__all__ = ["KINDS", "Letter", "LetterError", "UnfilledPromptsError", "build_letter"]
