/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-ticks.h"

#include <glib/gi18n.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAY_SECONDS 86400
/* 1970-01-05 was the first Monday of the Unix epoch. */
#define FIRST_MONDAY_DAY 4

static void
tick_clear (gpointer data)
{
  HubTick *tick = data;

  g_free (tick->label);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (HubTick));

  g_array_set_clear_func (ticks, tick_clear);
  return ticks;
}

static void
tick_append (GArray *ticks,
             double  value,
             char   *label)
{
  HubTick tick = { value, label };

  g_array_append_val (ticks, tick);
}

/**
 * hub_ticks_nice_step:
 * Returns: the step, > 0
 */
double
hub_ticks_nice_step (double range,
                     guint  max_ticks)
{
  static const double mantissas[] = { 1, 2, 2.5, 5, 10 };
  double raw, magnitude;

  if (max_ticks == 0)
    max_ticks = 1;
  if (!(range > 0) || !isfinite (range))
    return 1;

  raw = range / max_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * magnitude >= raw * (1 - 1e-9))
      return mantissas[i] * magnitude;
  return 10 * magnitude;
}

/* Decimals needed to write multiples of @step (2.5 needs one more than 2). */
static guint
step_decimals (double step)
{
  for (guint d = 0; d < 9; d++)
    {
      double scaled = step * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-6 * MAX (1, scaled))
        return d;
    }
  return 9;
}

/**
 * hub_ticks_format_si:
 * Returns: (transfer full): the label
 */
char *
hub_ticks_format_si (double value)
{
  /* Translated: French writes "2,1 M" and "3 Md", German "2,1 Mio." */
  const char * const suffixes[] = {
    "", C_("tick label unit, thousands", "K"), C_("tick label unit, millions", "M"),
    C_("tick label unit, billions", "B"), C_("tick label unit, trillions", "T"),
    C_("tick label unit, quadrillions", "P"),
  };
  const char *sign = value < 0 ? "−" : "";
  double v = fabs (value);
  guint k = 0;
  g_autofree char *digits = NULL;

  if (!isfinite (value))
    return g_strdup ("?");
  if (v < 1e-12)
    return g_strdup ("0");

  while (v >= 999.5 && k + 1 < G_N_ELEMENTS (suffixes))
    {
      v /= 1000;
      k++;
    }
  /* Three significant digits, trailing zeros dropped. */
  if (v >= 99.95)
    digits = g_strdup_printf ("%.0f", v);
  else if (v >= 9.995)
    digits = g_strdup_printf ("%.1f", v);
  else
    digits = g_strdup_printf ("%.2f", v);
  if (strchr (digits, '.') != NULL || strchr (digits, ',') != NULL)
    {
      char *end = digits + strlen (digits) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.' || *end == ',')
        *end = '\0';
    }
  if (k == 0)
    return g_strconcat (sign, digits, NULL);
  /* TRANSLATORS: a number and its unit on a chart axis, e.g. "2.1M";
   * put a (narrow) no-break space between them if your language does. */
  return g_strdup_printf (C_("tick label", "%s%s%s"), sign, digits, suffixes[k]);
}

/**
 * hub_ticks_format_percent:
 * Returns: (transfer full): the label
 */
char *
hub_ticks_format_percent (double fraction,
                          guint  decimals)
{
  double pct = fraction * 100;

  if (!isfinite (fraction))
    return g_strdup ("?");
  /* No "−0%". */
  if (fabs (pct) < 0.5 * pow (10, -(int) decimals))
    pct = 0;
  /* TRANSLATORS: a percentage on a chart axis, e.g. "25%". */
  return g_strdup_printf (C_("tick label", "%.*f%%"), (int) decimals, pct);
}

/**
 * hub_ticks_format:
 * Returns: (transfer full): the label
 */
char *
hub_ticks_format (double        value,
                  double        step,
                  HubTickFormat format)
{
  switch (format)
    {
    case HUB_TICK_FORMAT_PERCENT:
      return hub_ticks_format_percent (value, step_decimals (step * 100));
    case HUB_TICK_FORMAT_FRACTION:
      if (fabs (value) < step * 1e-9)
        value = 0;
      return g_strdup_printf ("%.*f", (int) step_decimals (step), value);
    case HUB_TICK_FORMAT_SI:
    default:
      if (fabs (value) < step * 1e-9)
        value = 0;
      return hub_ticks_format_si (value);
    }
}

/**
 * hub_ticks_values:
 * Returns: (transfer full) (element-type HubTick): the ticks
 */
GArray *
hub_ticks_values (double         min,
                  double         max,
                  guint          max_ticks,
                  HubTickFormat  format,
                  double        *out_lo,
                  double        *out_hi)
{
  GArray *ticks = tick_array_new ();
  double step, lo, hi;
  gint64 first, last;

  if (!isfinite (min) || !isfinite (max))
    min = max = 0;
  if (min > max)
    {
      double t = min;

      min = max;
      max = t;
    }
  if (max - min < 1e-12 * MAX (1, fabs (max)))
    {
      /* A single value: show it from zero, or a unit around zero. */
      if (fabs (max) < 1e-12)
        max = format == HUB_TICK_FORMAT_SI ? 1 : 1;
      else if (max > 0)
        min = 0;
      else
        max = 0;
    }

  step = hub_ticks_nice_step (max - min, MAX (max_ticks, 1));
  first = (gint64) floor (min / step + 1e-9);
  last = (gint64) ceil (max / step - 1e-9);
  for (gint64 i = first; i <= last; i++)
    {
      double v = i * step;

      tick_append (ticks, v, hub_ticks_format (v, step, format));
    }
  lo = first * step;
  hi = last * step;
  if (out_lo != NULL)
    *out_lo = lo;
  if (out_hi != NULL)
    *out_hi = hi;
  return ticks;
}

typedef struct {
  HubTimeUnit unit;
  guint       step;
} TimeStep;

static const TimeStep time_steps[] = {
  { HUB_TIME_UNIT_DAY, 1 }, { HUB_TIME_UNIT_DAY, 2 },
  { HUB_TIME_UNIT_WEEK, 1 }, { HUB_TIME_UNIT_WEEK, 2 },
  { HUB_TIME_UNIT_MONTH, 1 }, { HUB_TIME_UNIT_MONTH, 2 },
  { HUB_TIME_UNIT_QUARTER, 1 }, { HUB_TIME_UNIT_MONTH, 6 },
  { HUB_TIME_UNIT_YEAR, 1 }, { HUB_TIME_UNIT_YEAR, 2 }, { HUB_TIME_UNIT_YEAR, 5 },
  { HUB_TIME_UNIT_YEAR, 10 }, { HUB_TIME_UNIT_YEAR, 20 }, { HUB_TIME_UNIT_YEAR, 50 },
  { HUB_TIME_UNIT_YEAR, 100 }, { HUB_TIME_UNIT_YEAR, 1000 },
};

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static gint64
month_start (gint64 month_index)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc ((int) floor_div (month_index, 12) ,
                                                 (int) (month_index - floor_div (month_index, 12) * 12) + 1,
                                                 1, 0, 0, 0);

  return dt != NULL ? g_date_time_to_unix (dt) : G_MAXINT64;
}

/* The @k-th tick time of @ts at or after @t_min, or G_MAXINT64. */
static gint64
nth_tick (const TimeStep *ts,
          gint64          t_min,
          guint           k)
{
  gint64 day = floor_div (t_min + DAY_SECONDS - 1, DAY_SECONDS);

  switch (ts->unit)
    {
    case HUB_TIME_UNIT_DAY:
      {
        gint64 d = floor_div (day + ts->step - 1, ts->step) * ts->step;

        return (d + (gint64) k * ts->step) * DAY_SECONDS;
      }
    case HUB_TIME_UNIT_WEEK:
      {
        gint64 span = 7 * (gint64) ts->step;
        gint64 w = floor_div (day - FIRST_MONDAY_DAY + span - 1, span);

        return ((w + k) * span + FIRST_MONDAY_DAY) * DAY_SECONDS;
      }
    case HUB_TIME_UNIT_MONTH:
    case HUB_TIME_UNIT_QUARTER:
    case HUB_TIME_UNIT_YEAR:
    default:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t_min);
        guint months = ts->unit == HUB_TIME_UNIT_MONTH ? ts->step
                       : ts->unit == HUB_TIME_UNIT_QUARTER ? 3 * ts->step : 12 * ts->step;
        gint64 m;

        if (dt == NULL)
          return G_MAXINT64;
        m = (gint64) g_date_time_get_year (dt) * 12 + g_date_time_get_month (dt) - 1;
        m = floor_div (m, months) * months;
        if (month_start (m) < t_min)
          m += months;
        m += (gint64) k * months;
        if (m / 12 > 9999)
          return G_MAXINT64;
        return month_start (m);
      }
    }
}

static char *
time_label (HubTimeUnit unit,
            gint64      t,
            gboolean    with_year)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup ("?");
  switch (unit)
    {
    case HUB_TIME_UNIT_DAY:
    case HUB_TIME_UNIT_WEEK:
      return g_date_time_format (dt, with_year ? "%-d %b %Y" : "%-d %b");
    case HUB_TIME_UNIT_MONTH:
      return g_date_time_format (dt, with_year ? "%b %Y" : "%b");
    case HUB_TIME_UNIT_QUARTER:
      if (with_year)
        return g_strdup_printf ("Q%d %d", (g_date_time_get_month (dt) - 1) / 3 + 1, g_date_time_get_year (dt));
      return g_strdup_printf ("Q%d", (g_date_time_get_month (dt) - 1) / 3 + 1);
    case HUB_TIME_UNIT_YEAR:
    default:
      return g_date_time_format (dt, "%Y");
    }
}

static int
year_of (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt != NULL ? g_date_time_get_year (dt) : 0;
}

/**
 * hub_ticks_time:
 * Returns: (transfer full) (element-type HubTick): the ticks
 */
GArray *
hub_ticks_time (gint64       t_min,
                gint64       t_max,
                guint        max_ticks,
                HubTimeUnit *out_unit,
                guint       *out_step)
{
  return hub_ticks_time_from_unit (t_min, t_max, max_ticks, HUB_TIME_UNIT_DAY, out_unit, out_step);
}

/**
 * hub_ticks_time_from_unit:
 * Returns: (transfer full) (element-type HubTick): the ticks
 */
GArray *
hub_ticks_time_from_unit (gint64       t_min,
                          gint64       t_max,
                          guint        max_ticks,
                          HubTimeUnit  finest,
                          HubTimeUnit *out_unit,
                          guint       *out_step)
{
  GArray *ticks = tick_array_new ();
  const TimeStep *chosen = &time_steps[G_N_ELEMENTS (time_steps) - 1];

  if (t_max < t_min)
    {
      gint64 t = t_min;

      t_min = t_max;
      t_max = t;
    }
  if (max_ticks == 0)
    max_ticks = 1;

  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    {
      guint n = 0;

      if (time_steps[i].unit < finest)
        continue;
      while (n <= max_ticks && nth_tick (&time_steps[i], t_min, n) <= t_max)
        n++;
      if (n <= max_ticks)
        {
          chosen = &time_steps[i];
          break;
        }
    }

  for (guint k = 0; k <= max_ticks; k++)
    {
      gint64 t = nth_tick (chosen, t_min, k);
      gboolean with_year;

      if (t > t_max)
        break;
      with_year = k == 0 || year_of (t) != year_of ((gint64) g_array_index (ticks, HubTick, k - 1).value);
      tick_append (ticks, (double) t, time_label (chosen->unit, t, with_year));
    }

  if (out_unit != NULL)
    *out_unit = chosen->unit;
  if (out_step != NULL)
    *out_step = chosen->step;
  return ticks;
}

/**
 * hub_ticks_hide_overlaps:
 * Returns: the number of shown labels
 */
guint
hub_ticks_hide_overlaps (const double *centers,
                         const double *widths,
                         guint         n,
                         double        gap,
                         gboolean     *out_visible)
{
  double last_end = -G_MAXDOUBLE;
  guint shown = 0;

  g_return_val_if_fail (n == 0 || (centers != NULL && widths != NULL && out_visible != NULL), 0);

  for (guint i = 0; i < n; i++)
    {
      double start = centers[i] - widths[i] / 2;

      out_visible[i] = shown == 0 || start >= last_end + gap;
      if (out_visible[i])
        {
          last_end = centers[i] + widths[i] / 2;
          shown++;
        }
    }
  return shown;
}

static int
compare_index (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const double *positions = user_data;
  double pa = positions[*(const guint *) a];
  double pb = positions[*(const guint *) b];

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

/**
 * hub_ticks_spread:
 */
void
hub_ticks_spread (double *positions,
                  guint   n,
                  double  size,
                  double  lo,
                  double  hi)
{
  g_autofree guint *order = NULL;
  double first = lo + size / 2;
  double last = hi - size / 2;

  g_return_if_fail (n == 0 || positions != NULL);

  if (n == 0)
    return;
  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_index, positions);

  /* Down from the top, then up from the bottom, then down again so that
   * @lo wins when there is not room for all. */
  for (guint i = 0; i < n; i++)
    {
      double min = i == 0 ? first : positions[order[i - 1]] + size;

      positions[order[i]] = MAX (positions[order[i]], min);
    }
  for (guint i = n; i-- > 0;)
    {
      double max = i == n - 1 ? last : positions[order[i + 1]] - size;

      positions[order[i]] = MIN (positions[order[i]], max);
    }
  for (guint i = 0; i < n; i++)
    {
      double min = i == 0 ? first : positions[order[i - 1]] + size;

      positions[order[i]] = MAX (positions[order[i]], min);
    }
}

/**
 * hub_ticks_flow:
 * Returns: the number of rows
 */
guint
hub_ticks_flow (const double *widths,
                guint         n,
                double        max_width,
                double        gap,
                double       *out_x,
                guint        *out_row)
{
  double x = 0;
  guint row = 0;

  g_return_val_if_fail (n == 0 || (widths != NULL && out_x != NULL && out_row != NULL), 0);

  if (n == 0)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      if (x > 0 && x + widths[i] > max_width)
        {
          row++;
          x = 0;
        }
      out_x[i] = x;
      out_row[i] = row;
      x += widths[i] + gap;
    }
  return row + 1;
}

/**
 * hub_ticks_decades:
 * @min: the low end (> 0)
 * @max: the high end (≥ @min)
 * @ticks: (out) (array length=max_ticks): receives the ticks
 * @max_ticks: room in @ticks
 *
 * Returns: the number of powers of ten in [@min, @max].
 */
guint
hub_ticks_decades (double  min,
                   double  max,
                   double *ticks,
                   guint   max_ticks)
{
  int first, last;
  guint n = 0;

  g_return_val_if_fail (min > 0 && max >= min, 0);
  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  /* A small tolerance, so 1e6 computed as 999999.9999 still counts. */
  first = (int) ceil (log10 (min) - 1e-9);
  last = (int) floor (log10 (max) + 1e-9);
  for (int e = first; e <= last; e++, n++)
    if (n < max_ticks)
      ticks[n] = pow (10.0, e);
  return n;
}
