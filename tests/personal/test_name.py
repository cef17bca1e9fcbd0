import pytest

from app.personal.name import mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Siti Rahmawati", "S*** R***"),
        ("Budi", "B***"),
        ("  Nur   Aini ", "N*** A***"),
        ("Muhammad Rizki Pratama", "M*** R*** P***"),
    ],
)
def test_names_are_masked_to_initials(name, masked):
    assert mask_name(name) == masked
