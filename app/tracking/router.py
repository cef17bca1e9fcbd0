"""`GET /v1/track/{tracking_number}`: a complainant's look-up, without a key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response

from app.auth import PintuRoute
from app.complaints import normalise_receipt
from app.kit.db import SessionDep
from app.kit.errors import InvalidInput, error_responses
from app.kit.openapi import CACHE_CONTROL, sends
from app.tracking import service
from app.tracking.schemas import TrackingOut

router = APIRouter(route_class=PintuRoute, tags=["Tracking"])

CODE_HEADER = "Receipt-Code"
# Ten characters of Crockford's base 32 (I, L and O read as 1, 1 and 0), in any case, spaces and
# hyphens anywhere (app.complaints.receipts). Stated for the query parameter; the header is
# checked as it arrives (a header's schema that tools read as "string or null" gets "null").
CODE_PATTERN = r"^(?:[ -]*[0-9A-TV-Za-tv-z]){10}[ -]*$"


@router.get(
    "/v1/track/{tracking_number}",
    response_model=TrackingOut,
    summary="Track a complaint with its receipt code",
    description="For the complainant, without a key: the tracking number and the receipt code "
    "printed on the receipt (or shown by the app) give where the complaint stands — Pintu's "
    "status and JAKI's word, category, kelurahan and kecamatan, dates, the unit handling it "
    "and its deadline, and a timeline of status changes and follow-ups (identifiers and the "
    "complainant's name struck out). Never personal data. Send the code in the "
    f"`{CODE_HEADER}` header (better: it stays out of server logs) or as `code`. A wrong code "
    "and an unknown number get the same 404; after a few failures from one address the "
    "answers come slower, then 429 for up to 15 minutes.",
    responses=error_responses(404, 422, 429),
    openapi_extra=sends(CACHE_CONTROL),
)
async def track_complaint(
    session: SessionDep,
    request: Request,
    response: Response,
    tracking_number: Annotated[
        str,
        Path(
            pattern=r"^[A-Za-z]{2,4}-\d{4}-\d{6}$",
            description="The tracking number on the receipt",
            examples=["WI-2026-000051"],
        ),
    ],
    code_header: Annotated[
        str | None,
        Header(
            alias=CODE_HEADER,
            max_length=40,
            description="The receipt code (ten letters and digits; spaces, hyphens and case "
            "do not matter)",
        ),
    ] = None,
    code: Annotated[
        str | None,
        Query(
            max_length=40,
            pattern=CODE_PATTERN,
            description="The receipt code, if no header can be sent",
        ),
    ] = None,
) -> TrackingOut:
    given = code_header or code
    if not given:
        raise InvalidInput(
            f"Send the receipt code in the {CODE_HEADER} header or as `code`.", field="code"
        )
    if normalise_receipt(given) is None:
        raise InvalidInput(
            "A receipt code is ten letters and digits, as printed on the receipt (such as "
            "7KQ2M-XC9RT).",
            field=CODE_HEADER if code_header else "code",
        )
    response.headers["Cache-Control"] = "no-store"
    address = request.client.host if request.client else "unknown"
    return await service.track(
        session, tracking_number, given, address=address, guesses=request.app.state.guesses
    )
