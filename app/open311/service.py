"""Open311 GeoReport v2 over Pintu: services are categories about a place, service requests the
complaints anyone may see, and a new request is recorded as a complaint of the client key's
channel, through the same intake as the desk's.

Nothing about a person crosses this door: a complaint about a person (bansos, land, civil
registry, health, education) is never listed and cannot be sent; no answer holds a name, NIK,
phone or e-mail; free text is shown as `app.personal.public_text` leaves it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.complaints import ComplaintCreate, record_complaint, status_words
from app.kit.errors import AppError, echoable
from app.kit.timeutil import JAKARTA, now
from app.models import Category, Complaint
from app.models.roles import Role
from app.models.statuses import OPEN311_STATUS
from app.open311 import repository
from app.open311.errors import Open311Refusal, refused_fields
from app.open311.place import locate
from app.open311.repository import RequestFilter
from app.open311.schemas import (
    JURISDICTION,
    SPECIFICATION,
    Discovery,
    Endpoint,
    Service,
    ServiceDefinition,
    ServiceRequest,
    ServiceRequestCreated,
)
from app.personal import public_text

# When this API last changed: the discovery document's changeset.
CHANGESET = datetime(2026, 12, 8, tzinfo=JAKARTA)
CONTACT = (
    "Pintu, Pemerintah Provinsi DKI Jakarta (Balai Kota, Jl. Medan Merdeka Selatan 8-9, "
    "Jakarta Pusat)"
)
KEY_SERVICE = (
    "Reading needs no key. To send service requests, ask Pintu's administrators for an API key "
    "of role `client`; it is bound to the channel your requests are recorded in."
)
# The spec's window: at most 90 days per answer; the last 90 days by default.
MAX_DAYS = 90
# At most this many requests per answer, newest first: narrow the window for the rest.
MAX_REQUESTS = 1000
LINKED_NOTICE = "Ditangani bersama laporan lain tentang masalah yang sama."


def discovery(base_url: str) -> Discovery:
    """The discovery document; `base_url` is where Pintu is reached from outside
    (PUBLIC_BASE_URL), or empty for a URL that is a path: never built from the Host header."""
    return Discovery(
        changeset=CHANGESET,
        contact=CONTACT,
        key_service=KEY_SERVICE,
        endpoints=[
            Endpoint(
                specification=SPECIFICATION,
                url=base_url.rstrip("/") + "/open311/v2",
                changeset=CHANGESET,
                type="production",
                formats=["text/xml", "application/json"],
            )
        ],
    )


def _keywords(category: Category) -> str:
    # A comma-separated list: names holding commas ("Saluran Air, Kali/Sungai …") are split.
    words = [category.name_en, *category.name_id.split(",")]
    return ",".join(dict.fromkeys(w.strip().lower() for w in words if w.strip()))


def _service(category: Category) -> Service:
    return Service(
        service_code=category.code,
        service_name=category.name_id,
        description=f"{category.name_en}: {category.description}"
        if category.description
        else category.name_en,
        metadata=False,
        type="realtime",
        keywords=_keywords(category),
        group=category.handled_by,
    )


async def services(session: AsyncSession) -> list[Service]:
    """Every service: the categories about a place."""
    return [_service(c) for c in await repository.place_categories(session)]


def _unknown_service(code: str, status: int) -> Open311Refusal:
    # The code is named back only when it cannot be personal data put in its place.
    named = f"{code} is" if echoable(code) else "it is"
    return Open311Refusal(
        status, f"{named} not a service; services.json lists them.", field="service_code"
    )


async def service_definition(session: AsyncSession, code: str) -> ServiceDefinition:
    """A service's definition (no attributes); 404 unless it is a listed service."""
    if await repository.place_category(session, code) is None:
        raise _unknown_service(code, 404)
    return ServiceDefinition(service_code=code, attributes=[])


def window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    """The reported-at range a list covers: as asked, at most 90 days; by default the last 90
    days, or the 90 days after `start` or before `end` when only one is given."""
    span = timedelta(days=MAX_DAYS)
    if start is None and end is None:
        end = now()
    if start is None:
        assert end is not None
        return end - span, end
    if end is None:
        return start, start + span
    if end < start:
        raise Open311Refusal(400, "must not be before start_date.", field="end_date")
    if end - start > span:
        raise Open311Refusal(
            400,
            f"start_date and end_date may lie at most {MAX_DAYS} days apart; ask for the rest "
            "in further requests.",
            field="end_date",
        )
    return start, end


def _statuses(wanted: Iterable[str] | None) -> list[str] | None:
    """Pintu's statuses shown as the Open311 statuses `wanted`."""
    if wanted is None:
        return None
    chosen = set(wanted)
    return [s.value for s, shown in OPEN311_STATUS.items() if shown in chosen]


def _note(row: Any, name: str | None) -> str | None:
    # Pintu's latest follow-up; for a mirrored JAKI report without one, JAKI's latest.
    note: str | None = row.note
    if note is None and row.jaki_follow_ups:
        note = row.jaki_follow_ups[-1].get("note")
    return public_text(note, name=name) if isinstance(note, str) and note else None


def _request(row: Any) -> ServiceRequest:
    complaint: Complaint = row.Complaint
    name = complaint.complainant_name  # only to strike it from the text: never shown
    _, _, status = status_words(complaint)
    return ServiceRequest(
        service_request_id=complaint.tracking_number,
        status=status,
        status_notes=_note(row, name),
        service_name=row.category_name,
        service_code=complaint.category_code,
        description=public_text(complaint.description, name=name),
        agency_responsible=row.unit_name,
        service_notice=LINKED_NOTICE if complaint.duplicate_of_id is not None else None,
        requested_datetime=complaint.reported_at,
        updated_datetime=complaint.updated_at,
        expected_datetime=row.finish_by,
        address=public_text(complaint.address, name=name) if complaint.address else None,
        address_id=None,
        zipcode=None,
        lat=complaint.lat,
        long=complaint.lon,
        media_url=row.photo_urls[0] if row.photo_urls else None,
    )


async def requests(
    session: AsyncSession,
    *,
    numbers: Sequence[str] | None,
    codes: Sequence[str] | None,
    start: datetime | None,
    end: datetime | None,
    statuses: Sequence[str] | None,
) -> list[ServiceRequest]:
    """Listed requests, newest first, at most `MAX_REQUESTS`: those named by `numbers`
    (which overrides the rest), else those of `codes` with `statuses` reported in the window."""
    if numbers is not None:
        found = RequestFilter(numbers=[n.upper() for n in numbers])
    else:
        since, until = window(start, end)
        found = RequestFilter(codes=codes, since=since, until=until, statuses=_statuses(statuses))
    rows = await repository.listed_requests(session, found, limit=MAX_REQUESTS)
    return [_request(r) for r in rows]


async def request(session: AsyncSession, number: str) -> list[ServiceRequest]:
    """One listed request, in a list of one as the spec has it; 404 unless it is listed."""
    rows = await repository.listed_requests(
        session, RequestFilter(numbers=[number.upper()]), limit=1
    )
    if not rows:
        raise Open311Refusal(404, "No service request has this id.", field="service_request_id")
    return [_request(rows[0])]


class RequestForm(BaseModel):
    """The fields of a POST requests.json/.xml form that Pintu reads. Others (device_id,
    account_id, address_id, media_url, attribute[…]) are accepted and not kept."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    jurisdiction_id: str | None = None
    service_code: str = Field(min_length=1, max_length=32, pattern=r"^[a-z0-9_]+$")
    lat: float | None = None
    long: float | None = None
    address_string: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=5000)
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)


# ComplaintCreate's fields -> the form fields a client sent them as.
_FORM_FIELD = {
    "channel": "api_key",
    "category": "service_code",
    "description": "description",
    "kelurahan_code": "lat",
    "address": "address_string",
    "lat": "lat",
    "lon": "long",
    "complainant": "first_name",
    "complainant.name": "first_name",
    "complainant.nik": "phone",
    "complainant.phone": "phone",
    "complainant.email": "email",
}


def read_form(fields: Mapping[str, str]) -> RequestForm:
    """The form's fields Pintu reads, checked; 400 naming each refused one."""
    try:
        form = RequestForm.model_validate(dict(fields))
    except ValidationError as exc:
        raise refused_fields(exc) from None
    if form.jurisdiction_id not in (None, JURISDICTION):
        raise Open311Refusal(
            400, f"the only jurisdiction is {JURISDICTION}.", field="jurisdiction_id"
        )
    return form


def require_client(principal: Principal) -> str:
    """The channel a client key records in; 403 naming api_key for any other key."""
    if principal.role is not Role.CLIENT or not principal.channel_code:
        raise Open311Refusal(
            403,
            "this key may not send service requests; a key of role client is needed.",
            field="api_key",
        )
    return principal.channel_code


async def create(
    session: AsyncSession, principal: Principal, form: RequestForm
) -> list[ServiceRequestCreated]:
    """Record the service request `form` describes as a complaint of the client key's channel,
    through the desk's intake (possible duplicates are kept for review)."""
    channel = require_client(principal)
    category = await repository.place_category(session, form.service_code)
    if category is None:
        # A category about a person is no service: refused the same as an unknown code.
        raise _unknown_service(form.service_code, 400)
    if form.lat is None or form.long is None:
        raise Open311Refusal(
            400,
            "send lat and long: Pintu places a request by its point (address_string and "
            "address_id alone cannot be placed).",
            field="lat" if form.lat is None else "long",
        )
    located = await locate(session, form.lat, form.long)
    if located is None:
        raise Open311Refusal(400, "the point (lat, long) lies outside Jakarta.", field="lat")
    name = " ".join(n for n in (form.first_name, form.last_name) if n) or None
    person = {"name": name, "phone": form.phone, "email": form.email}
    try:
        body = ComplaintCreate.model_validate(
            {
                "channel": channel,
                "category": category.code,
                "description": form.description,
                "kelurahan_code": located.kelurahan_code,
                "address": form.address_string,
                "lat": form.lat,
                "lon": form.long,
                "complainant": person if any(person.values()) else None,
            }
        )
    except ValidationError as exc:
        raise refused_fields(exc, _FORM_FIELD) from None
    try:
        intake = await record_complaint(session, principal, body)
    except AppError as exc:
        if exc.field == "channel":
            raise Open311Refusal(
                403, "this key's channel no longer takes complaints.", field="api_key"
            ) from None
        if exc.field in _FORM_FIELD:
            exc.field = _FORM_FIELD[exc.field]
        raise
    number = intake.complaint.tracking_number
    notice = (
        f"Diterima sebagai {number}. Kode tanda terima {intake.receipt_code}: simpan untuk "
        "melacak laporan, kode ini hanya ditunjukkan sekali. Target selesai "
        f"{category.finish_days} hari kerja setelah diteruskan ke unit."
    )
    return [
        ServiceRequestCreated(
            service_request_id=number,
            service_notice=notice,
            account_id=None,
            receipt_code=intake.receipt_code,
        )
    ]
