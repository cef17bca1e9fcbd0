"""Assignments (disposisi): routing complaints to units, deadlines, follow-ups."""
