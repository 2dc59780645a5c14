"""Public statistics: disclosure control, uncertainty, fair comparison and open data.

Pure Python (numpy/scipy, Altair for charts); it imports nothing from Django or the apps, so the
rules can be read, tested and reused on their own. ``fairwitness.public`` feeds it counts.
"""
