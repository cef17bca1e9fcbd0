"""Working days in Jakarta: weekends, national holidays and cuti bersama are skipped."""
