"""Region codes are checked against a copy each process reads once: regions never change at
run time (a migration loads them)."""

import pytest

from app.kit.errors import InvalidInput
from app.regions import service as regions_service
from tests.statements import statements_sent


async def test_after_the_first_check_region_codes_cost_no_query(session, engine):
    await regions_service.require_level(session, "31.71.01.1001", "kelurahan", field="k")
    with statements_sent(engine) as statements:
        await regions_service.require_level(session, "31.71.01.1002", "kelurahan", field="k")
        await regions_service.require_any(session, "31.71", field="region")
        with pytest.raises(InvalidInput) as refused:
            await regions_service.require_level(session, "31.71", "kelurahan", field="k")
        with pytest.raises(InvalidInput):
            await regions_service.require_any(session, "31.99", field="region")

    assert statements == []
    assert refused.value.field == "k"
