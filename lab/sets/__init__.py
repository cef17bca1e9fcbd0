"""Labelled evaluation sets for the matcher written independently of it, each in its own style
(from the domain documents alone: who wrote them had not read the matcher).
"""
