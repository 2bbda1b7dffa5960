"""Bar charts drawn on the server as inline SVG (no JavaScript library, nothing from a CDN; the strict CSP allows it).

The template draws what this computes: one row per unit, a stacked bar of this month's approvals (on time, late)
scaled to the largest unit, and a thin bar of its completeness in percent.
"""

from dataclasses import dataclass

from hoso.monitoring.selectors import UnitRow

ROW_HEIGHT = 28
LABEL_WIDTH = 260
BAR_WIDTH = 420
TOP = 24
LABEL_LENGTH = 38


@dataclass(frozen=True)
class ChartRow:
    label: str
    y: int
    on_time_width: float
    late_width: float
    on_time: int
    late: int
    completeness_width: float
    completeness: int | None

    @property
    def late_x(self) -> float:
        return LABEL_WIDTH + self.on_time_width

    @property
    def text_y(self) -> int:
        return self.y + 13

    @property
    def bar_y(self) -> int:
        return self.y + 2

    @property
    def completeness_y(self) -> int:
        return self.y + 18

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.on_time_width + self.late_width + 6


@dataclass(frozen=True)
class Chart:
    rows: list[ChartRow]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def timeliness_chart(rows: list[UnitRow]) -> Chart:
    largest = max((row.figures.approved_this_month for row in rows), default=0) or 1
    chart_rows = []
    for index, row in enumerate(rows):
        figures = row.figures
        percent = row.completeness_percent
        chart_rows.append(
            ChartRow(
                label=_short(row.unit.name),
                y=TOP + index * ROW_HEIGHT,
                on_time_width=round(BAR_WIDTH * figures.approved_on_time / largest, 1),
                late_width=round(BAR_WIDTH * figures.approved_late / largest, 1),
                on_time=figures.approved_on_time,
                late=figures.approved_late,
                completeness_width=round(BAR_WIDTH * (percent or 0) / 100, 1),
                completeness=percent,
            )
        )
    return Chart(chart_rows, LABEL_WIDTH + BAR_WIDTH + 60, TOP + len(rows) * ROW_HEIGHT + 8)
