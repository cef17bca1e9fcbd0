"""Complaint categories: stable codes, about a person or a place.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.categories.service import (
    OTHER as OTHER_CATEGORY,
    get as get_category,
    list_all as all_categories,
    require as require_category,
)

__all__ = [
    "OTHER_CATEGORY",
    "all_categories",
    "get_category",
    "require_category",
]
