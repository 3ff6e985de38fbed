"""Danish dates: one spelling everywhere, "25. november 2026" and "25. november 2026 kl. 14.30".

Read through FORMAT_MODULE_PATH before Django's own Danish module, so `{{ value|date }}`,
`date_format(value, "DATE_FORMAT")` and `localize` all give the same words. What is not set
here falls back to Django's Danish formats (separators, first day of the week).
"""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
# The short formats are the long ones: the usability review found "25. nov 2026" and
# "02.12.2026" beside "25. november 2026" and asked for one.
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
FIRST_DAY_OF_WEEK = 1

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 25.11.2026
    "%d-%m-%Y",  # 25-11-2026
    "%d/%m/%Y",  # 25/11/2026
    "%d.%m.%y",  # 25.11.26
]
