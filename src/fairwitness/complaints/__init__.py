"""Challenging what happened: the complaints tracker, correcting the record, letters, reminders,
the calendar feed, and the court-style chronology and bundle, for a family's stored case."""
