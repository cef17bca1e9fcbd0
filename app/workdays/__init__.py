"""Working days in Jakarta: weekends, national holidays and cuti bersama are skipped.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.workdays.calendar import BeyondCalendar
from app.workdays.service import deadline, working_days_between

__all__ = [
    "BeyondCalendar",
    "deadline",
    "working_days_between",
]
