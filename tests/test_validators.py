import pytest
from django.core.exceptions import ValidationError

from programmes.validators import no_personal_identifiers, single_line


@pytest.mark.parametrize("value", ["Ib Bo", "Ib & Bo <x>'s", "Søren Ærø-Østergård", ""])
def test_single_line_accepts_one_line_of_text(value):
    single_line(value)


@pytest.mark.parametrize("value", ["Ib\nBo", "Ib\rBo", "Ib\r\nBo", "Ib\u2028Bo", "Ib\x85Bo"])
def test_single_line_refuses_a_line_break_with_a_danish_message(value):
    with pytest.raises(ValidationError) as error:
        single_line(value)

    assert error.value.messages == ["Feltet må kun være én linje."]


@pytest.mark.parametrize("value", ["Ib\x00Bo", "Ib\tBo", "Ib\x1b[31mBo", "Ib\x7fBo"])
def test_single_line_refuses_other_control_characters_with_a_danish_message(value):
    with pytest.raises(ValidationError) as error:
        single_line(value)

    assert error.value.messages == ["Feltet må ikke indeholde usynlige styretegn."]


# The one guard of free text about citizens: CPR numbers, e-mail addresses, phone numbers.


def _refusal(value) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        no_personal_identifiers(value)
    return error.value


@pytest.mark.parametrize(
    "value",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "Borgeren (født 010190-1234) ønsker at flytte.",
        "Se sagen for 150875-4321 fra sidste år",
        "290296-1234",  # 29 February 1996
        "290200-1234",  # 29 February: 1900 and 2000 alike, since the century is not written
        "311299-0001",
    ],
)
def test_a_cpr_number_is_refused_in_every_spelling(value):
    error = _refusal(value)

    assert error.code == "cpr"
    assert error.messages[0].startswith("Teksten ser ud til at indeholde et CPR-nummer.")
    assert "pseudonym" in error.messages[0]


def test_a_cpr_number_that_fails_modulus_11_is_refused_too():
    # Numbers issued since 2007 need not satisfy the old modulus-11 check.
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    digits = "0101901235"
    assert sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 != 0

    assert _refusal(digits).code == "cpr"


@pytest.mark.parametrize(
    "value",
    [
        "320190-1234",  # no 32nd day
        "311390-1234",  # no 13th month
        "000190-1234",  # no day 0
        "290297-1234",  # 29 February of a year not divisible by four
        "310490-1234",  # April has 30 days
        "Mødet var 2024-05-12 kl. 13.30.",
        "Mødet var 12.05.2024.",
        "Budgettet er 1.250.000 kr. for 2024-2026.",
        "Indsatsen koster 12 500 kr. om måneden.",
        "Sag 3 i område 2",
        "",
    ],
)
def test_text_without_personal_identifiers_is_accepted(value):
    no_personal_identifiers(value)


@pytest.mark.parametrize(
    "value",
    [
        "borger@example.dk",
        "Skriv til kontakt.person@roskilde.dk i morgen.",
        "Mail: ANNA_B+sag@Kommune.DK",
    ],
)
def test_an_email_address_is_refused(value):
    error = _refusal(value)

    assert error.code == "email"
    assert error.messages[0].startswith("Teksten ser ud til at indeholde en e-mailadresse.")
    assert "kontaktperson" in error.messages[0]


@pytest.mark.parametrize(
    "value",
    [
        "12345678",
        "12 34 56 78",
        "1234 5678",
        "+45 12 34 56 78",
        "+4512345678",
        "0045 12345678",
        "+46 70 123 45 67",
        "Ring til borgeren på 12 34 56 78 efter kl. 10.",
    ],
)
def test_a_phone_number_is_refused(value):
    error = _refusal(value)

    assert error.code == "phone"
    assert error.messages[0].startswith("Teksten ser ud til at indeholde et telefonnummer.")
    assert "kontaktperson" in error.messages[0]
