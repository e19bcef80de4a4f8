"""Bar charts drawn on the server as SVG: no charting library is vendored under ``static/``, none is fetched.

Accessible by construction: the SVG is an image with a title and a description, every bar
segment carries its own ``<title>`` (read by screen readers and shown on hover) and links to
the list it counts; the table beside the chart holds the same numbers. Colours come from CSS
classes (``chart-early`` …), not style attributes, so the Content-Security-Policy holds.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .report import COLUMN_LABELS, COLUMNS, Row

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH, NUMBER_WIDTH = 22, 8, 260, 440, 60


def _joined(parts: list[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def stacked_bars(rows: list[Row], *, title: str, link=None, chart_id: str = "bieu-do") -> SafeString:
    """One horizontal bar per row, split into early / on time / late / overdue / open; ``link(row, code)`` gives each segment's URL."""
    shown = [row for row in rows if row.total]
    peak = max([row.total for row in shown] + [1])
    height = GAP + len(shown) * (BAR_HEIGHT + GAP) + 40
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
    bars = []
    for index, row in enumerate(shown):
        y = GAP + index * (BAR_HEIGHT + GAP)
        x = LABEL_WIDTH
        segments = []
        for code in COLUMNS:
            count = row.counts[code]
            if not count:
                continue
            length = max(round(BAR_WIDTH * count / peak, 1), 1)
            tip = f"{row.label}: {COLUMN_LABELS[code]} {count}"
            rect = format_html('<rect class="chart-{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
                               code, x, y, length, BAR_HEIGHT, tip)
            url = link(row, code) if link else ""
            segments.append(format_html('<a href="{}">{}</a>', url, rect) if url else rect)
            x += length
        bars.append(format_html(
            '<g><text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>{}<text class="chart-number" x="{}" y="{}">{}</text></g>',
            LABEL_WIDTH - 8, y + BAR_HEIGHT - 6, row.label if len(row.label) <= 40 else row.label[:39] + "…", _joined(segments), x + 6, y + BAR_HEIGHT - 6, row.total,
        ))
    legend_y = height - 18
    legend = format_html_join("", '<rect class="chart-{}" x="{}" y="{}" width="12" height="12"></rect>'
                                  '<text class="chart-legend" x="{}" y="{}">{}</text>',
                              ((code, LABEL_WIDTH + n * 120, legend_y, LABEL_WIDTH + n * 120 + 16, legend_y + 11, COLUMN_LABELS[code])
                               for n, code in enumerate(COLUMNS)))
    description = "; ".join(
        f"{row.label}: " + ", ".join(f"{COLUMN_LABELS[code]} {row.counts[code]}" for code in COLUMNS) for row in shown
    ) or _("Không có công việc trong kỳ.")
    return format_html(
        '<svg class="chart-svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-t {id}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>{bars}{legend}</svg>',
        w=width, h=height, id=chart_id, title=title, desc=description, bars=_joined(bars), legend=legend,
    )
