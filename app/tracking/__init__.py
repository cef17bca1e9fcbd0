"""Public tracking: a complainant looks a complaint up with its tracking number and receipt
code, without a key, and learns how it stands — never anyone's personal data.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.tracking.router import router as tracking_router

__all__ = ["tracking_router"]
