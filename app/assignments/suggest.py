"""Route suggestions: the units that usually handle a complaint, from category and place."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.categories import get_category
from app.complaints import get_complaint
from app.models import Complaint, Unit
from app.units import find_unit


async def route_suggestion(
    session: AsyncSession, principal: Principal, ref: str
) -> tuple[Complaint, list[tuple[Unit, str]]]:
    """Units that usually handle this complaint, best first, with the reason."""
    complaint = await get_complaint(session, principal, ref)
    category = await get_category(session, complaint.category_code)
    local = {
        "kelurahan": await find_unit(session, f"kelurahan-{complaint.kelurahan_code}"),
        "kecamatan": await find_unit(session, f"kecamatan-{complaint.kecamatan_code}"),
        "kota": await find_unit(session, f"kota-{complaint.kabkota_code}"),
    }
    agency = await find_unit(session, category.agency_code or "")
    branch = await find_unit(session, f"{agency.code}-{complaint.kabkota_code}") if agency else None
    specialist = branch or agency
    kelurahan = local["kelurahan"]
    assert kelurahan is not None  # every kelurahan has its office (migration 0004)
    place, what = kelurahan.name, category.name_id
    suggestions: list[tuple[Unit | None, str]] = []
    if category.handled_by in local:
        suggestions.append(
            (
                local[category.handled_by],
                f"{what} in {place}: the {category.handled_by} office handles it first",
            )
        )
        if specialist is not None and agency is not None:
            suggestions.append((specialist, f"then {specialist.name}, for {agency.name}"))
    else:
        if specialist is not None and agency is not None:
            serves = f"; {specialist.name} serves this kota" if branch else ""
            suggestions.append((specialist, f"{what} is {agency.name}'s work{serves}"))
        suggestions.append((kelurahan, f"{place} can check on the spot and coordinate"))
    if category.agency_code is None:
        suggestions.append((local["kecamatan"], "the kecamatan, if the kelurahan cannot settle it"))
    return complaint, [(unit, reason) for unit, reason in suggestions if unit is not None]
