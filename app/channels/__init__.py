"""Intake channels: the doors complaints come through.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.channels.service import (
    get as get_channel,
    list_all as all_channels,
    require_for_intake as require_intake_channel,
    require_known as require_known_channel,
)

__all__ = [
    "all_channels",
    "get_channel",
    "require_intake_channel",
    "require_known_channel",
]
