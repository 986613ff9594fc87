"""The IIN (ЖСН / ИИН): check digit in two passes, the encoded birth date, and making valid ones."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biliktilik.people.iin import birth_date, check_digit, is_valid_iin, make_iin


def test_check_digit_first_pass():
    # 9*1 + 0*2 + 0*3 + 3*4 + 1*5 + 5*6 + 3*7 + 0*8 + 0*9 + 0*10 + 0*11 = 77; 77 mod 11 = 0
    assert check_digit("90031530000") == 0
    # the century digit 4 instead of 3: 77 + 7 = 84; 84 mod 11 = 7
    assert check_digit("90031540000") == 7


def test_check_digit_second_pass_when_the_first_gives_ten():
    # first pass: 77 + 1*10 + 1*11 = 98; 98 mod 11 = 10, so weights 3..11, 1, 2:
    # 9*3 + 3*6 + 1*7 + 5*8 + 3*9 + 1*1 + 1*2 = 122; 122 mod 11 = 1
    assert check_digit("90031530011") == 1


def test_check_digit_is_none_when_both_passes_give_ten():
    # first pass: 77 + 1*10 = 87 -> 10; second pass: 27 + 18 + 7 + 40 + 27 + 1 = 120 -> 10
    assert check_digit("90031530010") is None


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("900315300000", id="first-pass"),
        pytest.param("900315300111", id="second-pass"),
        pytest.param("900315400007", id="woman-born-in-the-1900s"),
        pytest.param("050101500000", id="born-in-the-2000s"),
    ],
)
def test_valid_iins(value):
    assert is_valid_iin(value) is True


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("900315300001", id="wrong-check-digit"),
        pytest.param("900315300110", id="wrong-second-pass-digit"),
        pytest.param("90031530010" + "0", id="no-check-digit-possible"),
        pytest.param("90031530000", id="eleven-digits"),
        pytest.param("9003153000000", id="thirteen-digits"),
        pytest.param("90031530000a", id="a-letter"),
        pytest.param("", id="empty"),
    ],
)
def test_invalid_iins(value):
    assert is_valid_iin(value) is False


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        pytest.param("9013153", "month 13", id="month-13"),
        pytest.param("9002303", "30 February", id="30-february"),
        pytest.param("9002293", "29 February of a common year", id="29-february-1990"),
        pytest.param("9003000", "day 0", id="day-0"),
        pytest.param("9003150", "century digit 0", id="century-0"),
        pytest.param("9003157", "century digit 7", id="century-7"),
    ],
)
def test_a_correct_check_digit_does_not_save_an_impossible_date(head, reason):
    # given twelve digits with a correct check digit but no real birth date
    for serial in range(100):
        first_eleven = f"{head}{serial:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            break
    value = f"{first_eleven}{digit}"
    # then
    assert birth_date(value) is None, reason
    assert is_valid_iin(value) is False, reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("900315300000", dt.date(1990, 3, 15), id="1900s-man"),
        pytest.param("900315400007", dt.date(1990, 3, 15), id="1900s-woman"),
        pytest.param("050101500000", dt.date(2005, 1, 1), id="2000s"),
        pytest.param("991231100000", dt.date(1899, 12, 31), id="1800s"),
        pytest.param("000229500008", dt.date(2000, 2, 29), id="29-february-2000"),
    ],
)
def test_birth_date_decodes_the_century_digit(value, expected):
    assert birth_date(value) == expected


@pytest.mark.parametrize(
    ("born", "female", "century_digit"),
    [
        pytest.param(dt.date(1899, 12, 31), False, "1", id="1800s-man"),
        pytest.param(dt.date(1899, 12, 31), True, "2", id="1800s-woman"),
        pytest.param(dt.date(1975, 6, 1), False, "3", id="1900s-man"),
        pytest.param(dt.date(1975, 6, 1), True, "4", id="1900s-woman"),
        pytest.param(dt.date(2004, 2, 29), False, "5", id="2000s-man"),
        pytest.param(dt.date(2004, 2, 29), True, "6", id="2000s-woman"),
    ],
)
def test_make_iin_round_trip(born, female, century_digit):
    value = make_iin(born, 1234, female=female)
    assert is_valid_iin(value) is True
    assert value[:6] == born.strftime("%y%m%d")
    assert value[6] == century_digit
    assert birth_date(value) == born


def test_make_iin_skips_a_serial_without_a_check_digit():
    # serial 0010 on 15.03.1990 (man) has no check digit, so the next serial is used
    assert make_iin(dt.date(1990, 3, 15), 10) == "900315300111"


@settings(max_examples=300, database=None, deadline=None)
@given(
    born=st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)),
    serial=st.integers(min_value=0, max_value=9999),
    female=st.booleans(),
)
def test_make_iin_is_always_valid(born, serial, female):
    value = make_iin(born, serial, female=female)
    assert len(value) == 12
    assert is_valid_iin(value) is True
    assert birth_date(value) == born
    assert int(value[6]) % 2 == (0 if female else 1)
