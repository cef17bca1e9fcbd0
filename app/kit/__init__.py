"""What every domain uses and that knows no domain: for now the text normaliser (`textnorm`).

The kit imports nothing else of the app (an import contract in `.importlinter` holds it to
that); domains import it, never the other way round.
"""
