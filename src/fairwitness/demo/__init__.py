"""Demo data: three families whose cases are built from the voices in shared/research/voices/."""
