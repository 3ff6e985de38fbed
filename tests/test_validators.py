import pytest
from django.core.exceptions import ValidationError

from programmes.validators import single_line


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
