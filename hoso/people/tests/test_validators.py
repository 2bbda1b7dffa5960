import datetime

import pytest
from django.core.exceptions import ValidationError

from hoso.people.validators import citizen_id_errors, normalise_citizen_id, parse_citizen_id, validate_citizen_id_shape


@pytest.mark.parametrize("value", ["08718500012", "0871850001234", "08718500012a", "", "087 185 000 123"])
def test_an_id_number_is_exactly_twelve_digits(value):
    with pytest.raises(ValidationError):
        validate_citizen_id_shape(value)


def test_spaces_and_dots_typed_between_groups_are_dropped():
    assert normalise_citizen_id("087 185.000-123") == "087185000123"


@pytest.mark.parametrize(
    ("value", "century", "female", "year"),
    [
        ("087185000123", 1900, True, 85),
        ("001090000001", 1900, False, 90),
        ("079303000001", 2000, True, 3),
        ("079202000001", 2000, False, 2),
    ],
)
def test_digit_four_gives_century_and_sex(value, century, female, year):
    facts = parse_citizen_id(value)
    assert (facts.century_start, facts.is_female, facts.year_two_digits) == (century, female, year)


def test_a_consistent_number_has_no_errors():
    assert citizen_id_errors("087185000123", date_of_birth=datetime.date(1985, 3, 15), is_female=True) == []


def test_each_mismatch_is_its_own_message():
    errors = citizen_id_errors("087085000123", date_of_birth=datetime.date(1986, 3, 15), is_female=True)
    assert len(errors) == 2  # digit 4 says male, digits 5-6 say 1985
    assert any("85" in e and "1986" in e for e in errors)


def test_a_birth_in_the_2000s_needs_digit_four_two_or_three():
    errors = citizen_id_errors("087185000123", date_of_birth=datetime.date(2001, 1, 1), is_female=True)
    assert any("2001" in e for e in errors)
