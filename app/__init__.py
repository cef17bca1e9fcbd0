"""Pintu: Jakarta's complaint service."""
