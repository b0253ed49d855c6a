/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "hub-stacked-area.h"
#include "hub-test-util.h"
#include "hub-ticks.h"

static gint64
utc (int y, int m, int d)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
assert_labels (GArray             *ticks,
               const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (ticks->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_array_index (ticks, HubTick, i).label, ==, expected[i]);
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat (hub_ticks_nice_step (100, 5), ==, 20);
  g_assert_cmpfloat (hub_ticks_nice_step (1, 4), ==, 0.25);
  g_assert_cmpfloat (hub_ticks_nice_step (1234567, 5), ==, 250000);
  g_assert_cmpfloat (hub_ticks_nice_step (7, 10), ==, 1);
  g_assert_cmpfloat (hub_ticks_nice_step (0, 5), ==, 1);
}

static void
test_value_ticks (void)
{
  const char * const si[] = { "0", "250K", "500K", "750K", "1M", "1.25M", NULL };
  const char * const pct[] = { "0%", "25%", "50%", "75%", "100%", NULL };
  const char * const frac[] = { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0", NULL };
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) c = NULL;
  g_autoptr(GArray) d = NULL;
  double lo, hi;

  a = hub_ticks_values (0, 1234567, 5, HUB_TICK_FORMAT_SI, &lo, &hi);
  assert_labels (a, si);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1250000);

  b = hub_ticks_values (0, 1, 4, HUB_TICK_FORMAT_PERCENT, &lo, &hi);
  assert_labels (b, pct);

  c = hub_ticks_values (0, 1, 5, HUB_TICK_FORMAT_FRACTION, &lo, &hi);
  assert_labels (c, frac);

  /* A single value is shown from zero; zero alone gets a unit range. */
  d = hub_ticks_values (42, 42, 5, HUB_TICK_FORMAT_SI, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, >=, 42);
  g_clear_pointer (&d, g_array_unref);
  d = hub_ticks_values (0, 0, 5, HUB_TICK_FORMAT_SI, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1);
  for (guint i = 1; i < d->len; i++)
    g_assert_cmpfloat (g_array_index (d, HubTick, i).value, >, g_array_index (d, HubTick, i - 1).value);
}

static void
test_format (void)
{
  const struct { double v; const char *s; } si[] = {
    { 0, "0" }, { 950, "950" }, { 1234, "1.23K" }, { 1200000, "1.2M" }, { 45e9, "45B" },
    { -3000, "−3K" }, { 999999, "1M" }, { 12.5, "12.5" }, { 100000, "100K" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (si); i++)
    {
      g_autofree char *s = hub_ticks_format_si (si[i].v);
      g_assert_cmpstr (s, ==, si[i].s);
    }
  {
    g_autofree char *a = hub_ticks_format_percent (0.45, 0);
    g_autofree char *b = hub_ticks_format_percent (0.0251, 1);
    g_autofree char *c = hub_ticks_format_percent (-0.0001, 0);

    g_assert_cmpstr (a, ==, "45%");
    g_assert_cmpstr (b, ==, "2.5%");
    g_assert_cmpstr (c, ==, "0%");
  }
}

static void
check_time_ticks (GArray *ticks,
                  gint64  t_min,
                  gint64  t_max,
                  guint   max_ticks)
{
  g_assert_cmpuint (ticks->len, <=, max_ticks);
  for (guint i = 0; i < ticks->len; i++)
    {
      double v = g_array_index (ticks, HubTick, i).value;

      g_assert_cmpfloat (v, >=, t_min);
      g_assert_cmpfloat (v, <=, t_max);
      if (i > 0)
        g_assert_cmpfloat (v, >, g_array_index (ticks, HubTick, i - 1).value);
    }
}

static void
test_time_ticks (void)
{
  struct {
    int from[3];
    int to[3];
    guint max;
    HubTimeUnit unit;
    guint step;
    const char *labels[12];
  } cases[] = {
    /* The embedded snapshots: months, the year on the first. */
    { { 2026, 3, 2 }, { 2026, 8, 22 }, 8, HUB_TIME_UNIT_MONTH, 1,
      { "Apr 2026", "May", "Jun", "Jul", "Aug", NULL } },
    /* The year is named again where it changes. */
    { { 2025, 11, 15 }, { 2026, 3, 1 }, 6, HUB_TIME_UNIT_MONTH, 1,
      { "Dec 2025", "Jan 2026", "Feb", "Mar", NULL } },
    /* Weeks start on Monday. */
    { { 2026, 3, 1 }, { 2026, 3, 30 }, 6, HUB_TIME_UNIT_WEEK, 1,
      { "2 Mar 2026", "9 Mar", "16 Mar", "23 Mar", "30 Mar", NULL } },
    { { 2024, 1, 1 }, { 2026, 1, 1 }, 10, HUB_TIME_UNIT_QUARTER, 1,
      { "Q1 2024", "Q2", "Q3", "Q4", "Q1 2025", "Q2", "Q3", "Q4", "Q1 2026", NULL } },
    { { 2000, 1, 1 }, { 2026, 6, 1 }, 6, HUB_TIME_UNIT_YEAR, 5,
      { "2000", "2005", "2010", "2015", "2020", "2025", NULL } },
    { { 2026, 3, 1 }, { 2026, 3, 5 }, 10, HUB_TIME_UNIT_DAY, 1,
      { "1 Mar 2026", "2 Mar", "3 Mar", "4 Mar", "5 Mar", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 t0 = utc (cases[i].from[0], cases[i].from[1], cases[i].from[2]);
      gint64 t1 = utc (cases[i].to[0], cases[i].to[1], cases[i].to[2]);
      g_autoptr(GArray) ticks = NULL;
      HubTimeUnit unit;
      guint step;

      ticks = hub_ticks_time (t0, t1, cases[i].max, &unit, &step);
      g_assert_cmpint (unit, ==, cases[i].unit);
      g_assert_cmpuint (step, ==, cases[i].step);
      assert_labels (ticks, cases[i].labels);
      check_time_ticks (ticks, t0, t1, cases[i].max);
    }

  /* Tick times are calendar starts: the 1st of each month at 00:00 UTC. */
  {
    g_autoptr(GArray) ticks = hub_ticks_time (utc (2026, 3, 2), utc (2026, 8, 22), 8, NULL, NULL);

    g_assert_cmpfloat (g_array_index (ticks, HubTick, 0).value, ==, utc (2026, 4, 1));
    g_assert_cmpfloat (g_array_index (ticks, HubTick, 4).value, ==, utc (2026, 8, 1));
  }

  /* Reversed and tiny ranges. */
  {
    g_autoptr(GArray) rev = hub_ticks_time (utc (2026, 8, 22), utc (2026, 3, 2), 8, NULL, NULL);
    g_autoptr(GArray) tiny = hub_ticks_time (utc (2026, 3, 2) + 3600, utc (2026, 3, 2) + 7200, 8, NULL, NULL);

    g_assert_cmpuint (rev->len, ==, 5);
    g_assert_cmpuint (tiny->len, ==, 0);
  }
}

/* A chart of months ticks months, of weeks Mondays, however much room there
 * is (issue 19: the Month axis read "2 Mar 2026, 16 Mar", the Week axis
 * ticked every two days). */
static void
test_time_ticks_from_unit (void)
{
  g_autoptr(GArray) days = hub_ticks_time (utc (2026, 3, 2), utc (2026, 5, 1), 24, NULL, NULL);
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) weeks = NULL;
  const char *month_labels[] = { "Apr 2026", "May", NULL };
  HubTimeUnit unit;
  guint step;

  /* Without a unit, room for 24 ticks over two months gives finer ones. */
  g_assert_cmpuint (days->len, >, 3);
  months = hub_ticks_time_from_unit (utc (2026, 3, 2), utc (2026, 5, 1), 24, HUB_TIME_UNIT_MONTH, &unit, &step);
  g_assert_cmpint (unit, ==, HUB_TIME_UNIT_MONTH);
  g_assert_cmpuint (step, ==, 1);
  assert_labels (months, month_labels);
  weeks = hub_ticks_time_from_unit (utc (2026, 3, 2), utc (2026, 3, 30), 24, HUB_TIME_UNIT_WEEK, &unit, &step);
  g_assert_cmpint (unit, ==, HUB_TIME_UNIT_WEEK);
  g_assert_cmpuint (step, ==, 1);
  g_assert_cmpuint (weeks->len, ==, 5);
  for (guint i = 0; i < weeks->len; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) g_array_index (weeks, HubTick, i).value);

      g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 1);
    }
}

static void
test_hide_overlaps (void)
{
  const double centers[] = { 0, 10, 20, 30, 31, 60 };
  const double widths[] = { 15, 15, 15, 15, 15, 15 };
  gboolean visible[G_N_ELEMENTS (centers)];
  double last_end = -1e9;
  guint shown;

  shown = hub_ticks_hide_overlaps (centers, widths, G_N_ELEMENTS (centers), 2, visible);
  g_assert_true (visible[0]);
  g_assert_false (visible[1]);
  g_assert_true (visible[2]);
  g_assert_false (visible[3]);
  g_assert_false (visible[4]);
  g_assert_true (visible[5]);
  g_assert_cmpuint (shown, ==, 3);
  /* No two shown labels overlap. */
  for (guint i = 0; i < G_N_ELEMENTS (centers); i++)
    if (visible[i])
      {
        g_assert_cmpfloat (centers[i] - widths[i] / 2, >=, last_end + 2);
        last_end = centers[i] + widths[i] / 2;
      }
}

static void
test_spread (void)
{
  double pos[] = { 50, 52, 51, 200 };
  double edge[] = { 1, 3 };

  hub_ticks_spread (pos, G_N_ELEMENTS (pos), 10, 0, 300);
  g_assert_cmpfloat (pos[0], ==, 50);
  g_assert_cmpfloat (pos[2], ==, 60);
  g_assert_cmpfloat (pos[1], ==, 70);
  /* A label that does not collide stays put. */
  g_assert_cmpfloat (pos[3], ==, 200);

  /* Kept inside the room, half a label from each edge. */
  hub_ticks_spread (edge, 2, 10, 0, 100);
  g_assert_cmpfloat (edge[0], ==, 5);
  g_assert_cmpfloat (edge[1], ==, 15);
  {
    double low[] = { 99, 98 };

    hub_ticks_spread (low, 2, 10, 0, 100);
    g_assert_cmpfloat (low[0], ==, 95);
    g_assert_cmpfloat (low[1], ==, 85);
  }
}

static void
test_flow (void)
{
  const double widths[] = { 40, 40, 40, 150 };
  double x[4];
  guint row[4];

  g_assert_cmpuint (hub_ticks_flow (widths, 4, 100, 10, x, row), ==, 3);
  g_assert_cmpuint (row[0], ==, 0);
  g_assert_cmpuint (row[1], ==, 0);
  g_assert_cmpfloat (x[1], ==, 50);
  g_assert_cmpuint (row[2], ==, 1);
  g_assert_cmpfloat (x[2], ==, 0);
  /* Wider than a row: a row of its own. */
  g_assert_cmpuint (row[3], ==, 2);
  g_assert_cmpfloat (x[3], ==, 0);
  g_assert_cmpuint (hub_ticks_flow (NULL, 0, 100, 10, NULL, NULL), ==, 0);
}

/* Columns A, B (categories), Other and Unknown over three periods; the
 * second period is empty. */
static gint64 values[] = { 50, 30, 15, 5,   0, 0, 0, 0,   10, 60, 20, 10 };
static gint64 totals[] = { 100, 0, 100 };
static gint64 column_totals[] = { 60, 90, 35, 15 };
static HubShareColumnKind kinds[] = {
  HUB_SHARE_COLUMN_CATEGORY, HUB_SHARE_COLUMN_CATEGORY, HUB_SHARE_COLUMN_OTHER, HUB_SHARE_COLUMN_UNKNOWN,
};

static HubShareResult
fixture (void)
{
  HubShareResult r = { 0 };

  r.n_periods = 3;
  r.n_columns = 4;
  r.column_kind = kinds;
  r.column_totals = column_totals;
  r.values = values;
  r.totals = totals;
  return r;
}

static void
test_stacking (void)
{
  HubShareResult r = fixture ();
  guint order[4];
  double bounds[5 * 3];
  double sum = 0;

  /* Categories from the bottom, then Unknown, Other on top. */
  hub_stacked_area_order (&r, order);
  g_assert_cmpuint (order[0], ==, 0);
  g_assert_cmpuint (order[1], ==, 1);
  g_assert_cmpuint (order[2], ==, 3);
  g_assert_cmpuint (order[3], ==, 2);

  hub_stacked_area_stack (&r, order, 4, HUB_STACKED_AREA_ABSOLUTE, bounds);
  for (guint p = 0; p < 3; p++)
    {
      g_assert_cmpfloat (bounds[p], ==, 0);
      g_assert_cmpfloat (bounds[4 * 3 + p], ==, (double) totals[p]);
      for (guint b = 0; b < 4; b++)
        g_assert_cmpfloat (bounds[(b + 1) * 3 + p], >=, bounds[b * 3 + p]);
    }
  /* Period 0: A 0..50, B 50..80, Unknown 80..85, Other 85..100. */
  g_assert_cmpfloat (bounds[1 * 3 + 0], ==, 50);
  g_assert_cmpfloat (bounds[2 * 3 + 0], ==, 80);
  g_assert_cmpfloat (bounds[3 * 3 + 0], ==, 85);

  hub_stacked_area_stack (&r, order, 4, HUB_STACKED_AREA_PERCENT, bounds);
  g_assert_cmpfloat_with_epsilon (bounds[4 * 3 + 0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bounds[4 * 3 + 2], 1.0, 1e-12);
  /* An empty period stacks to 0, not NaN. */
  g_assert_cmpfloat (bounds[4 * 3 + 1], ==, 0);
  g_assert_cmpfloat_with_epsilon (bounds[3 * 3 + 2], 0.8, 1e-12);

  for (guint c = 0; c < 4; c++)
    sum += hub_stacked_area_range_share (&r, c);
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (hub_stacked_area_range_share (&r, 1), 0.45, 1e-12);

  g_assert_false (hub_stacked_area_is_empty (&r));
  g_assert_true (hub_stacked_area_is_empty (NULL));
  r.totals = (gint64[]) { 0, 0, 0 };
  g_assert_true (hub_stacked_area_is_empty (&r));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticks/nice-step", test_nice_step);
  g_test_add_func ("/ticks/values", test_value_ticks);
  g_test_add_func ("/ticks/format", test_format);
  g_test_add_func ("/ticks/time", test_time_ticks);
  g_test_add_func ("/ticks/time-from-unit", test_time_ticks_from_unit);
  g_test_add_func ("/ticks/hide-overlaps", test_hide_overlaps);
  g_test_add_func ("/ticks/spread", test_spread);
  g_test_add_func ("/ticks/flow", test_flow);
  g_test_add_func ("/ticks/stacking", test_stacking);

  return g_test_run ();
}
