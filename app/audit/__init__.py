"""The audit log of personal data shown unmasked: who read whose, when, and through what."""
