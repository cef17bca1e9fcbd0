"""Open311 GeoReport v2 endpoints under /open311/v2: thin wrappers that parse, call the service
and render JSON or XML by the path's suffix (`services.json`, `services.xml`).

Reading needs no key. Sending a request takes a client key as the form's `api_key`, as the spec
has it, instead of the bearer header the rest of the API reads. Every refusal comes in
Open311's error format (app.open311.errors).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel

from app.auth import Principal, get_principal
from app.kit.db import SessionDep
from app.kit.errors import Unauthorized, echoable
from app.kit.openapi import CACHE_CONTROL, RATE_LIMIT, sends
from app.kit.validation import CleanStr, Timestamp, renderable
from app.open311 import service, xml
from app.open311.errors import JSON_MEDIA, XML_MEDIA, Open311Refusal, Open311Route
from app.open311.schemas import (
    JURISDICTION,
    Discovery,
    Format,
    Open311Error,
    Service,
    ServiceDefinition,
    ServiceRequest,
    ServiceRequestCreated,
)

PREFIX = "/open311/v2"
FORM = "application/x-www-form-urlencoded"
# More fields than any GeoReport v2 form has, with room for attribute[…].
MAX_FORM_FIELDS = 100

router = APIRouter(route_class=Open311Route, prefix=PREFIX, tags=["Open311"])

FormatPath = Annotated[
    Format, Path(description="The representation: `json` or `xml` (the path's suffix)")
]
Jurisdiction = Annotated[
    Literal["jakarta.go.id"] | None,
    Query(description="The only jurisdiction; may be left out", examples=[JURISDICTION]),
]


def _example(model: type[BaseModel]) -> dict[str, Any]:
    extra = model.model_config.get("json_schema_extra")
    assert isinstance(extra, dict) and isinstance(extra["examples"], list)
    example = extra["examples"][0]
    assert isinstance(example, dict)
    return example


def _xml_example(root: str, item: str | None, model: type[BaseModel]) -> str:
    record = model.model_validate(_example(model))
    return xml.render(root, item, record if item is None else [record]).decode()


# An example refusal per documented status, as the server words it.
_ERROR_EXAMPLES: dict[int | str, Open311Error] = {
    400: Open311Error(code=400, description="end_date: must not be before start_date."),
    403: Open311Error(
        code=403, description="api_key: the key is not valid (unknown, revoked or expired)."
    ),
    404: Open311Error(code=404, description="service_request_id: No service request has this id."),
    429: Open311Error(code=429, description="Too many requests"),
    "default": Open311Error(code=503, description="The database cannot be reached; retry shortly."),
}
_ERROR_DESCRIPTIONS: dict[int | str, str] = {
    400: "A parameter or field is not valid; the description names it",
    403: "No api_key, one that is not valid, or a key that is not a client key",
    404: "No such service or service request (or it is not public), or a suffix other than "
    ".json and .xml",
    429: "The key has used its requests for this minute; see Retry-After",
    "default": "Any other refusal, in the same format: 503 while the database is unreachable, "
    "409 when two requests crossed (retry)",
}


def _documented(root: str, item: str | None, model: type[BaseModel], *errors: int | str) -> Any:
    """OpenAPI responses: the XML twin of the JSON success, and Open311 errors in both."""
    responses: dict[int | str, dict[str, Any]] = {
        200: {
            "content": {
                "text/xml": {
                    "schema": {"type": "string"},
                    "example": _xml_example(root, item, model),
                }
            }
        }
    }
    # "default" also keeps FastAPI from documenting its 422: Open311 refuses bad input with 400.
    for status in (*errors, "default"):
        example = _ERROR_EXAMPLES[status]
        responses[status] = {
            "model": list[Open311Error],
            "description": _ERROR_DESCRIPTIONS[status],
            "content": {
                "application/json": {"example": [example.model_dump()]},
                "text/xml": {
                    "schema": {"type": "string"},
                    "example": xml.render("errors", "error", [example]).decode(),
                },
            },
        }
    return responses


def _answer(
    form: Format,
    records: BaseModel | Sequence[BaseModel],
    *,
    root: str,
    item: str | None,
    headers: Response | None = None,
) -> Response:
    """`records` as the path's format asks; `headers` adds what dependencies set (rate limit)."""
    if form is Format.XML:
        body, media = xml.render(root, item, records), XML_MEDIA
    else:
        if isinstance(records, BaseModel):
            payload: Any = records.model_dump(mode="json")
        else:
            payload = [r.model_dump(mode="json") for r in records]
        body, media = json.dumps(renderable(payload), ensure_ascii=False).encode(), JSON_MEDIA
    answer = Response(body, media_type=media)
    if headers is not None:
        for name, value in headers.headers.items():
            if name not in ("content-length", "content-type"):
                answer.headers[name] = value
    return answer


@router.get(
    "/discovery.{format}",
    response_model=Discovery,
    summary="Open311 discovery",
    description="Where the GeoReport v2 endpoint is (built from the address this server was "
    "reached at), which formats it speaks and how to get a key.",
    responses=_documented("discovery", None, Discovery, 404),
)
async def open311_discovery(request: Request, format: FormatPath) -> Response:
    found = service.discovery(request.app.state.settings.public_base_url or "")
    return _answer(format, found, root="discovery", item=None)


@router.get(
    "/services.{format}",
    response_model=list[Service],
    summary="Open311 services",
    description="The categories of problems about a place (roads, drains, waste, street "
    "lights, public order, …). Problems about a person (social aid, land, civil registry, "
    "health, education) are no Open311 service: they are handled at the desk, with the "
    "complainant's identity.",
    responses=_documented("services", "service", Service, 400, 404),
)
async def open311_list_services(
    session: SessionDep, format: FormatPath, jurisdiction_id: Jurisdiction = None
) -> Response:
    found = await service.services(session)
    return _answer(format, found, root="services", item="service")


@router.get(
    "/services/{service_code}.{format}",
    response_model=ServiceDefinition,
    summary="Open311 service definition",
    description="A service's extra attributes: none for any Pintu service (`metadata` is "
    "false for all).",
    responses=_documented("service_definition", None, ServiceDefinition, 400, 404),
)
async def open311_get_service_definition(
    session: SessionDep,
    service_code: Annotated[CleanStr, Path(min_length=1, max_length=32, examples=["jalan"])],
    format: FormatPath,
    jurisdiction_id: Jurisdiction = None,
) -> Response:
    found = await service.service_definition(session, service_code)
    return _answer(format, found, root="service_definition", item=None)


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [part for part in value.split(",") if part]


@router.get(
    "/requests.{format}",
    response_model=list[ServiceRequest],
    summary="Open311 service requests",
    description="Public complaints about a place, newest first by the time reported: every "
    "channel's, except JAKI reports their reporters kept private. No name, NIK, phone or "
    "e-mail is shown, and free text has them struck out. By default the last 90 days; "
    "`start_date` and `end_date` may lie at most 90 days apart (400 otherwise). At most "
    f"{service.MAX_REQUESTS:,} requests per answer: narrow the window for the rest. "
    "`service_request_id` overrides every other filter.",
    responses=_documented("service_requests", "request", ServiceRequest, 400, 404),
)
async def open311_list_requests(
    session: SessionDep,
    format: FormatPath,
    service_request_id: Annotated[
        str | None,
        Query(
            max_length=41_000,
            pattern=r"^[A-Za-z0-9-]{1,40}(,[A-Za-z0-9-]{1,40})*$",
            description="Tracking numbers, comma-separated; overrides the other filters",
            examples=["WI-2026-000042,JK-2026-000123"],
        ),
    ] = None,
    service_code: Annotated[
        str | None,
        Query(
            max_length=1000,
            pattern=r"^[a-z0-9_]{1,32}(,[a-z0-9_]{1,32})*$",
            description="Services, comma-separated",
            examples=["jalan,saluran"],
        ),
    ] = None,
    start_date: Annotated[
        Timestamp | None,
        Query(
            description="Reported at or after this time (W3C datetime; naive means Jakarta "
            "time); default 90 days before end_date",
            examples=["2026-11-01T00:00:00+07:00"],
        ),
    ] = None,
    end_date: Annotated[
        Timestamp | None,
        Query(
            description="Reported at or before this time; default now, or 90 days after start_date",
            examples=["2026-12-01T00:00:00+07:00"],
        ),
    ] = None,
    status: Annotated[
        str | None,
        Query(
            pattern=r"^(open|closed)(,(open|closed))*$",
            description="`open`, `closed` or both, comma-separated; default both",
            examples=["open"],
        ),
    ] = None,
    jurisdiction_id: Jurisdiction = None,
) -> Response:
    found = await service.requests(
        session,
        numbers=_split(service_request_id),
        codes=_split(service_code),
        start=start_date,
        end=end_date,
        statuses=_split(status),
    )
    return _answer(format, found, root="service_requests", item="request")


@router.get(
    "/requests/{service_request_id}.{format}",
    response_model=list[ServiceRequest],
    summary="Open311 service request",
    description="One public request by its tracking number, in a list of one as the spec has "
    "it; a complaint that is not public (about a person, or a private JAKI report) is 404 "
    "like a missing one.",
    responses=_documented("service_requests", "request", ServiceRequest, 400, 404),
)
async def open311_get_request(
    session: SessionDep,
    service_request_id: Annotated[
        CleanStr, Path(min_length=1, max_length=40, examples=["WI-2026-000042"])
    ],
    format: FormatPath,
    jurisdiction_id: Jurisdiction = None,
) -> Response:
    found = await service.request(session, service_request_id)
    return _answer(format, found, root="service_requests", item="request")


_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["api_key", "service_code", "lat", "long", "description"],
    # Other fields (attribute[…], a client's own) are taken and not kept; each comes once.
    "additionalProperties": {"type": "string"},
    "properties": {
        "api_key": {"type": "string", "description": "A Pintu API key of role client"},
        "jurisdiction_id": {"type": "string", "enum": [JURISDICTION]},
        "service_code": {"type": "string", "examples": ["jalan"]},
        "lat": {"type": "number", "examples": [-6.1754]},
        "long": {"type": "number", "examples": [106.8272]},
        "address_string": {"type": "string", "maxLength": 500},
        "address_id": {"type": "string", "description": "Not used: Pintu has no address ids"},
        "description": {"type": "string", "minLength": 1, "maxLength": 5000},
        "media_url": {"type": "string", "description": "Not kept"},
        "first_name": {"type": "string", "maxLength": 100},
        "last_name": {"type": "string", "maxLength": 100},
        "email": {"type": "string", "maxLength": 254},
        "phone": {"type": "string", "maxLength": 32},
        "device_id": {"type": "string", "description": "Not kept"},
        "account_id": {"type": "string", "description": "Not kept"},
    },
    "examples": [
        {
            "api_key": "pintu_…",
            "service_code": "jalan",
            "lat": -6.1754,
            "long": 106.8272,
            "address_string": "Jl. Medan Merdeka Barat No. 5",
            "description": "Jalan berlubang di depan halte, membahayakan pengendara motor.",
        }
    ],
}


def _fields(request_body: bytes) -> dict[str, str]:
    """The form's fields, blank ones left out; 400 for a body that is no form."""
    try:
        pairs = parse_qsl(
            request_body.decode("utf-8"),
            keep_blank_values=True,
            max_num_fields=MAX_FORM_FIELDS,
        )
    except UnicodeDecodeError:
        raise Open311Refusal(400, "the form is not UTF-8.", field="body") from None
    except ValueError:
        raise Open311Refusal(
            400, f"a form has at most {MAX_FORM_FIELDS} fields.", field="body"
        ) from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields:
            # The name may be anything the client sent: named back only if it cannot be data.
            raise Open311Refusal(
                400, "a field came twice; send each once.", field=name if echoable(name) else "body"
            )
        if value.strip():
            fields[name] = value
    return fields


async def _client(
    request: Request, response: Response, session: SessionDep, api_key: str | None
) -> Principal:
    """The caller the form's `api_key` names, within its rate limit (as a bearer key would
    be); 403 naming api_key when there is none or it is not valid."""
    if not api_key:
        raise Open311Refusal(403, "send a client key as api_key.", field="api_key")
    try:
        return await get_principal(
            request,
            response,
            session,
            HTTPAuthorizationCredentials(scheme="Bearer", credentials=api_key),
        )
    except Unauthorized:
        raise Open311Refusal(
            403, "the key is not valid (unknown, revoked or expired).", field="api_key"
        ) from None


@router.post(
    "/requests.{format}",
    response_model=list[ServiceRequestCreated],
    summary="Send an Open311 service request",
    description="Records a problem about a place as a complaint of the client key's channel "
    "(form-encoded, `api_key` in the form). Needs `service_code` (a listed service), `lat` and "
    "`long` inside Jakarta (the kelurahan is the one whose reference point is nearest) and a "
    "`description`; a name, phone or e-mail is kept encrypted and never shown through Open311. "
    "The answer (200, as the spec has it) is a list of one with the tracking number, a notice "
    "and Pintu's `receipt_code`, the secret the citizen tracks it with (shown once).",
    responses=_documented("service_requests", "request", ServiceRequestCreated, 400, 403, 429),
    openapi_extra=sends(
        CACHE_CONTROL,
        RATE_LIMIT,
        requestBody={"required": True, "content": {FORM: {"schema": _FORM_SCHEMA}}},
    ),
)
async def open311_create_request(
    request: Request, response: Response, session: SessionDep, format: FormatPath
) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != FORM:
        raise Open311Refusal(400, f"send the fields as {FORM}.", field="body")
    fields = _fields(await request.body())
    principal = await _client(request, response, session, fields.get("api_key"))
    form = service.read_form(fields)
    created = await service.create(session, principal, form)
    answer = _answer(format, created, root="service_requests", item="request", headers=response)
    # It holds the receipt code, a secret: no cache keeps it (the key came in the form, where
    # app.server.nostore does not look).
    answer.headers["Cache-Control"] = "no-store"
    return answer
