/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HubTick:
 * One tick of an axis: its @value (a number, or Unix seconds on a time
 * axis) and its @label (owned by the array it sits in).
 */
typedef struct {
  double  value;
  char   *label;
} HubTick;

/**
 * HubTickFormat:
 * @HUB_TICK_FORMAT_SI: "0", "500", "1.2K", "45M", "3B"
 * @HUB_TICK_FORMAT_PERCENT: fractions 0..1 as "0%", "45%", "2.5%"
 * @HUB_TICK_FORMAT_FRACTION: "0", "0.25", "1"
 */
typedef enum {
  HUB_TICK_FORMAT_SI = 0,
  HUB_TICK_FORMAT_PERCENT,
  HUB_TICK_FORMAT_FRACTION,
} HubTickFormat;

/**
 * HubTimeUnit:
 * The calendar unit of a time axis's ticks.
 */
typedef enum {
  HUB_TIME_UNIT_DAY = 0,
  HUB_TIME_UNIT_WEEK,     /* Mondays */
  HUB_TIME_UNIT_MONTH,
  HUB_TIME_UNIT_QUARTER,
  HUB_TIME_UNIT_YEAR,
} HubTimeUnit;

/* A nice step (1, 2, 2.5 or 5 × 10^k) that cuts @range into at most
 * @max_ticks intervals. */
double   hub_ticks_nice_step    (double         range,
                                 guint          max_ticks);

/**
 * hub_ticks_values:
 * Ticks from @min (rounded down to the step) to at least @max (rounded up),
 * at most @max_ticks + 1 of them, labelled in @format with as many
 * decimals as the step needs. The axis should span @out_lo .. @out_hi (the
 * first and last tick). @min = @max gives a range around the value.
 * Returns: (element-type HubTick): ticks in increasing order
 */
GArray  *hub_ticks_values       (double         min,
                                 double         max,
                                 guint          max_ticks,
                                 HubTickFormat  format,
                                 double        *out_lo,
                                 double        *out_hi);

/* A number with an SI suffix and at most three significant digits:
 * 0 -> "0", 950 -> "950", 1234 -> "1.2K", 1200000 -> "1.2M", 45e9 ->
 * "45B", -3000 -> "−3K". */
char    *hub_ticks_format_si    (double         value);
/* A fraction as a percentage with @decimals decimals: 0.45 -> "45%". */
char    *hub_ticks_format_percent (double       fraction,
                                   guint        decimals);
/* A label for @value in @format, precise enough for ticks @step apart. */
char    *hub_ticks_format       (double         value,
                                 double         step,
                                 HubTickFormat  format);

/**
 * hub_ticks_time:
 * Calendar ticks between @t_min and @t_max (Unix seconds, UTC): the finest
 * of 1 day, 2 days, 1 week, 2 weeks, 1, 2, 3 (quarters) or 6 months, 1, 2,
 * 5, 10... years that gives at most @max_ticks ticks inside the range.
 * Ticks sit on the start of their unit (midnight, Monday, the 1st, January
 * 1st). Labels are short and name the year where it changes and on the
 * first tick: "Mar 2026", "Apr", ..., "Jan 2027"; "2 Mar 2026", "9 Mar";
 * "Q1 2026", "Q2"; "2026".
 * Returns: (element-type HubTick): ticks in increasing order (may be
 *   empty when the range is shorter than a day)
 */
GArray  *hub_ticks_time         (gint64         t_min,
                                 gint64         t_max,
                                 guint          max_ticks,
                                 HubTimeUnit   *out_unit,
                                 guint         *out_step);

/**
 * hub_ticks_time_from_unit:
 * As hub_ticks_time(), with no step finer than @finest: a chart of months
 * ticks months (or coarser), never days between them.
 */
GArray  *hub_ticks_time_from_unit (gint64       t_min,
                                   gint64       t_max,
                                   guint        max_ticks,
                                   HubTimeUnit  finest,
                                   HubTimeUnit *out_unit,
                                   guint       *out_step);

/**
 * hub_ticks_hide_overlaps:
 * @centers: label centres along the axis, increasing
 * @widths: label extents along the axis
 * @gap: the least space between two shown labels
 * @out_visible: (array length=n): TRUE for each label that is shown
 *
 * Keeps the first label and, left to right, each label that clears the
 * last kept one by @gap, so that no two shown labels overlap.
 * Returns: the number of shown labels
 */
guint    hub_ticks_hide_overlaps (const double *centers,
                                  const double *widths,
                                  guint         n,
                                  double        gap,
                                  gboolean     *out_visible);

/**
 * hub_ticks_spread:
 * @positions: (inout) (array length=n): wanted centres of labels stacked
 *   along one axis (e.g. line-end labels), any order
 * @size: each label's extent along the axis
 * @lo: @hi: the room the labels must stay in
 *
 * Pushes overlapping labels apart (down, then back up where they hit @hi)
 * so that any two centres are at least @size apart and all stay within
 * [@lo + @size / 2, @hi - @size / 2] when there is room, keeping their
 * order. Labels that do not collide do not move.
 */
void     hub_ticks_spread       (double        *positions,
                                 guint          n,
                                 double         size,
                                 double         lo,
                                 double         hi);

/**
 * hub_ticks_flow:
 * @widths: (array length=n): widths of items laid out left to right
 * @max_width: the width of a row
 * @gap: space between two items of a row
 * @out_x: (array length=n): each item's left edge within its row
 * @out_row: (array length=n): each item's row
 *
 * Flows items into rows like words into lines (an item wider than a row
 * gets a row of its own).
 * Returns: the number of rows (0 when @n is 0)
 */
guint    hub_ticks_flow         (const double  *widths,
                                 guint          n,
                                 double         max_width,
                                 double         gap,
                                 double        *out_x,
                                 guint         *out_row);

/* The powers of ten in [@min, @max] (@min > 0), for a log axis: the first
 * @max_ticks go into @ticks; returns how many there are. */
guint    hub_ticks_decades      (double         min,
                                 double         max,
                                 double        *ticks,
                                 guint          max_ticks);

G_END_DECLS
