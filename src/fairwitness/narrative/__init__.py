"""From a family's own words to proposed events: a library beside the law core (no Django).

``propose(text, reference_date)`` returns proposals a parent confirms one by one; ``extract_text``
reads the words out of an uploaded letter or report; ``story_case`` turns proposals into a case
file the law core can check at once.
"""

from fairwitness.narrative.extract import UnreadableDocument, extract_text
from fairwitness.narrative.story import CaseContext, Proposal, propose, sentences, story_case

__all__ = ["CaseContext", "Proposal", "UnreadableDocument", "extract_text", "propose", "sentences", "story_case"]
