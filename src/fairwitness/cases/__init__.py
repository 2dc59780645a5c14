"""A family's case: children, people, events with their versions, documents; the only writer is ``actions``."""
