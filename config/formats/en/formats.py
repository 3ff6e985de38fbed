"""English dates, the counterpart of the Danish ones: "25 November 2026" and
"25 November 2026 at 14:30" (day first, as the Danish reader's English page would)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j F Y \a\t H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
FIRST_DAY_OF_WEEK = 1

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 25/11/2026
    "%d.%m.%Y",  # 25.11.2026
    "%d-%m-%Y",  # 25-11-2026
]
