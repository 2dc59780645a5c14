"""The independent oversight body's workplace (issue 5): sharing by consent, triage, investigation,
council liaison, and the family's view of who has seen their file."""
