"""The OpenAPI page is a product: every operation documented, with errors and examples."""


def _operations(app):
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_summary_and_a_success_response(app):
    for name, operation in _operations(app):
        assert operation.get("summary"), name
        assert any(code.startswith("2") for code in operation["responses"]), name


def test_operations_with_parameters_or_bodies_document_their_refusals(app):
    for name, operation in _operations(app):
        takes_input = operation.get("parameters") or operation.get("requestBody")
        if takes_input:
            assert "422" in operation["responses"], name
        if operation.get("security"):
            assert {"401", "403"} <= set(operation["responses"]), name


def test_request_bodies_carry_an_example(app):
    schemas = app.openapi()["components"]["schemas"]
    for name, operation in _operations(app):
        body = operation.get("requestBody")
        if not body:
            continue
        ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        assert schemas[ref].get("examples"), f"{name}: {ref} has no example"


def test_problem_responses_are_problem_json(app):
    for name, operation in _operations(app):
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")) and code != "422":
                assert "application/problem+json" in response.get("content", {}), (name, code)
