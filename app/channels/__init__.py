"""Intake channels: the doors complaints come through."""
