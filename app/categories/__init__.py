"""Complaint categories: stable codes, about a person or a place."""
