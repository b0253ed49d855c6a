/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "hub-bar-chart.h"
#include "hub-chart-caption.h"
#include "hub-chart-export.h"
#include "hub-concentration-chart.h"
#include "hub-leaderboard.h"
#include "hub-observations.h"
#include "hub-share-charts.h"
#include "hub-share-query.h"
#include "hub-stacked-area.h"
#include "hub-store.h"
#include "hub-test-util.h"

#define W 640
#define H 400
#define DAY 86400

/* Pixels */

static cairo_surface_t *
render (HubChartRenderFunc   func,
        gconstpointer        data,
        const HubChartStyle *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  hub_chart_set_source (cr, &style->paper, 1.0);
  cairo_paint (cr);
  func (cr, W, H, style, data);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 v = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  /* Opaque (painted on the paper), so not premultiplied in effect. */
  rgb[0] = (v >> 16) & 0xff;
  rgb[1] = (v >> 8) & 0xff;
  rgb[2] = v & 0xff;
}

static gboolean
is_color (const int            rgb[3],
          const HubChartColor *c)
{
  return abs (rgb[0] - (int) round (c->red * 255)) <= 2 &&
         abs (rgb[1] - (int) round (c->green * 255)) <= 2 &&
         abs (rgb[2] - (int) round (c->blue * 255)) <= 2;
}

/* Rows of column @x whose pixel is @c: count, first and last. */
static guint
scan_column (cairo_surface_t     *surface,
             int                  x,
             const HubChartColor *c,
             int                 *first,
             int                 *last)
{
  guint n = 0;

  *first = -1;
  *last = -1;
  for (int y = 0; y < H; y++)
    {
      int rgb[3];

      pixel (surface, x, y, rgb);
      if (is_color (rgb, c))
        {
          if (*first < 0)
            *first = y;
          *last = y;
          n++;
        }
    }
  return n;
}

static guint
count_color (cairo_surface_t     *surface,
             const HubChartColor *c)
{
  guint n = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        int rgb[3];

        pixel (surface, x, y, rgb);
        n += is_color (rgb, c);
      }
  return n;
}

/* A hand-made result: @n_periods periods a month apart, columns named by
 * @labels with @kinds, values row by row. */
typedef struct {
  HubShareResult r;
  char          *labels[8];
} Fixture;

static void
fixture_init (Fixture                  *f,
              guint                     n_periods,
              guint                     n_columns,
              const char * const       *labels,
              const HubShareColumnKind *kinds,
              const gint64             *values)
{
  HubShareResult *r = &f->r;

  memset (f, 0, sizeof *f);
  r->n_periods = n_periods;
  r->n_columns = n_columns;
  r->column_kind = g_memdup2 (kinds, sizeof (HubShareColumnKind) * n_columns);
  r->column_labels = f->labels;
  for (guint c = 0; c < n_columns; c++)
    f->labels[c] = (char *) labels[c];
  r->values = g_memdup2 (values, sizeof (gint64) * n_periods * n_columns);
  r->totals = g_new0 (gint64, n_periods);
  r->column_totals = g_new0 (gint64, n_columns);
  r->period_starts = g_new (gint64, n_periods);
  r->hhi = g_new (double, n_periods);
  r->gini = g_new (double, n_periods);
  r->top10 = g_new (double, n_periods);
  r->participants = g_new (guint, n_periods);
  for (guint p = 0; p < n_periods; p++)
    {
      r->period_starts[p] = 1772409600 + (gint64) p * 30 * DAY;  /* 2026-03-02 */
      for (guint c = 0; c < n_columns; c++)
        {
          r->totals[p] += values[p * n_columns + c];
          r->column_totals[c] += values[p * n_columns + c];
        }
      r->hhi[p] = 0.3;
      r->gini[p] = 0.6;
      r->top10[p] = 0.9;
      r->participants[p] = r->totals[p] > 0 ? n_columns : 0;
    }
}

static void
fixture_clear (Fixture *f)
{
  HubShareResult *r = &f->r;

  g_free (r->column_kind);
  g_free (r->values);
  g_free (r->totals);
  g_free (r->column_totals);
  g_free (r->period_starts);
  g_free (r->hhi);
  g_free (r->gini);
  g_free (r->top10);
  g_free (r->participants);
}

static const char * const abo[] = { "Alpha", "Beta", "Other" };
static const HubShareColumnKind abo_kinds[] = {
  HUB_SHARE_COLUMN_CATEGORY, HUB_SHARE_COLUMN_CATEGORY, HUB_SHARE_COLUMN_OTHER,
};

/* The x of a column well inside the plot (the legend sits on the right). */
#define PROBE_X 250

static void
test_other_band (void)
{
  const gint64 values[] = { 50, 30, 20,   50, 30, 20,   50, 30, 20 };
  HubStackedAreaData data = { NULL, HUB_STACKED_AREA_PERCENT, -1, "30-day downloads", "Snapshot" };
  HubChartStyle style;
  Fixture f;
  cairo_surface_t *s;
  int a0, a1, b0, b1, o0, o1;
  guint na, nb, no;

  hub_chart_style_init_default (&style, FALSE);
  fixture_init (&f, 3, 3, abo, abo_kinds, values);
  data.result = &f.r;
  s = render (hub_stacked_area_draw_func, &data, &style);

  na = scan_column (s, PROBE_X, hub_chart_style_get_series_color (&style, 0), &a0, &a1);
  nb = scan_column (s, PROBE_X, hub_chart_style_get_series_color (&style, 1), &b0, &b1);
  no = scan_column (s, PROBE_X, &style.other, &o0, &o1);
  g_assert_cmpuint (na, >, 0);
  g_assert_cmpuint (nb, >, 0);
  g_assert_cmpuint (no, >, 0);
  /* Other on top, then Beta, then Alpha at the bottom. */
  g_assert_cmpint (o1, <, b0);
  g_assert_cmpint (b1, <, a0);
  /* Band heights follow the shares 20 : 30 : 50 (a hairline between bands
   * takes a row or two). */
  {
    double all = (a1 - o0 + 1);

    g_assert_cmpfloat_with_epsilon ((o1 - o0 + 1) / all, 0.2, 0.02);
    g_assert_cmpfloat_with_epsilon ((b1 - b0 + 1) / all, 0.3, 0.02);
    g_assert_cmpfloat_with_epsilon ((a1 - a0 + 1) / all, 0.5, 0.02);
  }
  cairo_surface_destroy (s);

  /* Absolute mode doubles nothing: the same order, the same shares. */
  data.mode = HUB_STACKED_AREA_ABSOLUTE;
  s = render (hub_stacked_area_draw_func, &data, &style);
  g_assert_cmpuint (scan_column (s, PROBE_X, &style.other, &o0, &o1), >, 0);
  g_assert_cmpuint (scan_column (s, PROBE_X, hub_chart_style_get_series_color (&style, 0), &a0, &a1), >, 0);
  g_assert_cmpint (o1, <, a0);
  cairo_surface_destroy (s);

  /* In dark mode Other keeps its muted grey. */
  hub_chart_style_init_default (&style, TRUE);
  data.mode = HUB_STACKED_AREA_PERCENT;
  s = render (hub_stacked_area_draw_func, &data, &style);
  g_assert_cmpuint (scan_column (s, PROBE_X, &style.other, &o0, &o1), >, 0);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* The layout's geometry is where the renderer draws: each band's middle
 * is painted in the band's colour and hit-tests to its column; the
 * periods sit at their x; the legend entries hit-test to their columns. */
static void
test_stacked_layout (void)
{
  const gint64 values[] = { 50, 30, 20,   20, 60, 20,   70, 10, 20,   40, 40, 20 };
  HubStackedAreaData data = { NULL, HUB_STACKED_AREA_PERCENT, -1, "30-day downloads", "Snapshot" };
  HubStackedAreaLayout layout;
  HubChartStyle style;
  Fixture f;

  hub_chart_style_init_default (&style, FALSE);
  fixture_init (&f, 4, 3, abo, abo_kinds, values);
  data.result = &f.r;
  for (guint mode = 0; mode < 2; mode++)
    {
      cairo_surface_t *s;

      data.mode = mode;
      s = render (hub_stacked_area_draw_func, &data, &style);
      hub_stacked_area_layout_init (&layout, NULL, W, H, &style, &data);
      g_assert_false (layout.empty);
      g_assert_cmpuint (layout.n_periods, ==, 4);
      g_assert_cmpuint (layout.n_bands, ==, 3);
      for (guint p = 0; p < 4; p++)
        {
          g_assert_cmpfloat (layout.xs[p], >=, layout.plot.x);
          g_assert_cmpfloat (layout.xs[p], <=, layout.plot.x + layout.plot.width);
          g_assert_cmpint (hub_stacked_area_layout_period_at (&layout, layout.xs[p], layout.plot.y + 5), ==, p);
          /* Bands stack without gaps, bottom at the baseline, top at 100%. */
          g_assert_cmpfloat_with_epsilon (layout.band_bottom[p], layout.plot.y + layout.plot.height, 0.5);
          for (guint b = 1; b < 3; b++)
            g_assert_cmpfloat_with_epsilon (layout.band_bottom[b * 4 + p], layout.band_top[(b - 1) * 4 + p], 1e-9);
          if (mode == HUB_STACKED_AREA_PERCENT)
            g_assert_cmpfloat_with_epsilon (layout.band_top[2 * 4 + p], layout.plot.y, 0.5);
        }
      /* Between periods 1 and 2, at the middle of each band. */
      for (guint b = 0; b < 3; b++)
        {
          double x = (layout.xs[1] + layout.xs[2]) / 2;
          double top = (layout.band_top[b * 4 + 1] + layout.band_top[b * 4 + 2]) / 2;
          double bottom = (layout.band_bottom[b * 4 + 1] + layout.band_bottom[b * 4 + 2]) / 2;
          guint column = layout.order[b];
          HubChartColor color = hub_stacked_area_column_color (&data, &style, column);
          int rgb[3];

          pixel (s, (int) x, (int) ((top + bottom) / 2), rgb);
          g_assert_true (is_color (rgb, &color));
          g_assert_cmpint (hub_stacked_area_layout_band_at (&layout, x, (top + bottom) / 2), ==, column);
        }
      /* Outside the plot: no period, no band. */
      g_assert_cmpint (hub_stacked_area_layout_period_at (&layout, 1, layout.plot.y + 5), ==, -1);
      g_assert_cmpint (hub_stacked_area_layout_band_at (&layout, layout.xs[1], layout.plot.y - 3), ==, -1);
      /* Legend entries: the swatch is drawn in the column's colour. */
      for (guint i = 0; i < 3; i++)
        {
          const HubChartRect *r = &layout.legend[i];
          HubChartColor color = hub_stacked_area_column_color (&data, &style, layout.legend_column[i]);
          int rgb[3];

          g_assert_cmpint (hub_stacked_area_layout_legend_at (&layout, r->x + 4, r->y + r->height / 2), ==,
                           layout.legend_column[i]);
          pixel (s, (int) (r->x + 4), (int) (r->y + r->height / 2), rgb);
          g_assert_true (is_color (rgb, &color));
        }
      hub_stacked_area_layout_clear (&layout);
      cairo_surface_destroy (s);
    }

  /* One period: a single column. */
  fixture_clear (&f);
  fixture_init (&f, 1, 3, abo, abo_kinds, values);
  hub_stacked_area_layout_init (&layout, NULL, W, H, &style, &data);
  g_assert_cmpfloat (layout.bar_width, >, 0);
  g_assert_cmpint (hub_stacked_area_layout_period_at (&layout, layout.xs[0], layout.plot.y + 5), ==, 0);
  g_assert_cmpint (hub_stacked_area_layout_band_at (&layout, layout.xs[0] + layout.bar_width, layout.plot.y + 5), ==, -1);
  hub_stacked_area_layout_clear (&layout);

  /* No data: an empty layout that hits nothing. */
  data.result = NULL;
  hub_stacked_area_layout_init (&layout, NULL, W, H, &style, &data);
  g_assert_true (layout.empty);
  g_assert_cmpint (hub_stacked_area_layout_period_at (&layout, W / 2, H / 2), ==, -1);
  g_assert_cmpint (hub_stacked_area_layout_band_at (&layout, W / 2, H / 2), ==, -1);
  hub_stacked_area_layout_clear (&layout);
  fixture_clear (&f);
}

static void
test_highlight (void)
{
  const gint64 values[] = { 50, 30, 20,   40, 40, 20 };
  HubStackedAreaData data = { NULL, HUB_STACKED_AREA_PERCENT, 1, NULL, NULL };
  HubChartStyle style;
  HubChartColor faded_alpha;
  Fixture f;
  cairo_surface_t *s;
  int y0, y1;

  hub_chart_style_init_default (&style, FALSE);
  fixture_init (&f, 2, 3, abo, abo_kinds, values);
  data.result = &f.r;
  s = render (hub_stacked_area_draw_func, &data, &style);

  /* Beta keeps its colour; Alpha and Other fade toward the paper. */
  g_assert_cmpuint (scan_column (s, PROBE_X, hub_chart_style_get_series_color (&style, 1), &y0, &y1), >, 10);
  g_assert_cmpuint (scan_column (s, PROBE_X, hub_chart_style_get_series_color (&style, 0), &y0, &y1), ==, 0);
  g_assert_cmpuint (scan_column (s, PROBE_X, &style.other, &y0, &y1), ==, 0);
  faded_alpha = hub_stacked_area_column_color (&data, &style, 0);
  g_assert_cmpuint (scan_column (s, PROBE_X, &faded_alpha, &y0, &y1), >, 10);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static gboolean
has_text_near_center (cairo_surface_t *s)
{
  guint dark = 0;

  for (int y = H / 2 - 30; y < H / 2 + 30; y++)
    for (int x = W / 4; x < 3 * W / 4; x++)
      {
        int rgb[3];

        pixel (s, x, y, rgb);
        dark += rgb[0] < 100 && rgb[1] < 100 && rgb[2] < 100;
      }
  return dark > 50;
}

static gboolean
has_palette (cairo_surface_t     *s,
             const HubChartStyle *style)
{
  for (guint i = 0; i < HUB_CHART_N_PALETTE; i++)
    if (count_color (s, &style->palette[i]) > 0)
      return TRUE;
  /* Other is a grey that antialiased text also produces: only a band of
   * it counts. */
  return count_color (s, &style->other) > 200;
}

static void
test_empty_state (void)
{
  const gint64 zeros[] = { 0, 0, 0,   0, 0, 0 };
  HubStackedAreaData area = { NULL, HUB_STACKED_AREA_PERCENT, -1, NULL, NULL };
  HubConcentrationData conc = { NULL, NULL };
  g_autoptr(HubBarChartData) bars = hub_bar_chart_data_new (0, 0);
  HubChartStyle style;
  Fixture f;
  cairo_surface_t *s;

  hub_chart_style_init_default (&style, FALSE);

  /* No result, and a result of zeros: a message, no bands, no crash. */
  s = render (hub_stacked_area_draw_func, &area, &style);
  g_assert_true (has_text_near_center (s));
  g_assert_false (has_palette (s, &style));
  cairo_surface_destroy (s);

  fixture_init (&f, 2, 3, abo, abo_kinds, zeros);
  area.result = &f.r;
  s = render (hub_stacked_area_draw_func, &area, &style);
  g_assert_true (has_text_near_center (s));
  g_assert_false (has_palette (s, &style));
  cairo_surface_destroy (s);

  conc.result = &f.r;
  s = render (hub_concentration_chart_draw_func, &conc, &style);
  g_assert_true (has_text_near_center (s));
  g_assert_false (has_palette (s, &style));
  cairo_surface_destroy (s);
  fixture_clear (&f);

  s = render (hub_bar_chart_draw_func, bars, &style);
  g_assert_true (has_text_near_center (s));
  g_assert_false (has_palette (s, &style));
  cairo_surface_destroy (s);

  /* Too small to draw anything is not a crash either. */
  {
    cairo_surface_t *tiny = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t *cr = cairo_create (tiny);

    hub_stacked_area_render (cr, 10, 10, &style, &area);
    hub_stacked_area_render (cr, 0, 0, &style, &area);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (tiny);
  }
}

static void
test_single_period_and_category (void)
{
  const gint64 one_period[] = { 50, 30, 20 };
  const gint64 one_column[] = { 10, 20, 30 };
  const HubShareColumnKind cat[] = { HUB_SHARE_COLUMN_CATEGORY };
  const char * const alpha[] = { "Alpha" };
  HubStackedAreaData data = { NULL, HUB_STACKED_AREA_PERCENT, -1, NULL, NULL };
  HubChartStyle style;
  Fixture f;
  cairo_surface_t *s;
  int y0, y1;
  guint columns_with_alpha = 0;

  hub_chart_style_init_default (&style, FALSE);

  /* One period: a single stacked column in the middle of the plot. */
  fixture_init (&f, 1, 3, abo, abo_kinds, one_period);
  data.result = &f.r;
  s = render (hub_stacked_area_draw_func, &data, &style);
  for (int x = 0; x < W; x += 4)
    columns_with_alpha += scan_column (s, x, hub_chart_style_get_series_color (&style, 0), &y0, &y1) > 20;
  g_assert_cmpuint (columns_with_alpha, >, 5);
  g_assert_cmpuint (columns_with_alpha, <, W / 4 / 2);
  g_assert_cmpuint (scan_column (s, 100, hub_chart_style_get_series_color (&style, 0), &y0, &y1), ==, 0);
  cairo_surface_destroy (s);
  fixture_clear (&f);

  /* One category: it fills the plot in 100% mode. */
  fixture_init (&f, 3, 1, alpha, cat, one_column);
  data.result = &f.r;
  s = render (hub_stacked_area_draw_func, &data, &style);
  g_assert_cmpuint (scan_column (s, PROBE_X, hub_chart_style_get_series_color (&style, 0), &y0, &y1), >, H / 2);
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

static void
test_concentration (void)
{
  const gint64 values[] = { 50, 30, 20,   40, 40, 20,   30, 30, 40 };
  HubConcentrationData data = { NULL, "Snapshot" };
  HubChartStyle style;
  Fixture f;
  cairo_surface_t *s;
  int y0, y1, h0 = 0, h1 = 0;

  hub_chart_style_init_default (&style, FALSE);
  fixture_init (&f, 3, 3, abo, abo_kinds, values);
  data.result = &f.r;
  s = render (hub_concentration_chart_draw_func, &data, &style);
  /* HHI (0.3) lies below Gini (0.6), which lies below top-10 (0.9); the
   * dashed and dotted lines are probed over a few columns. */
  for (guint m = 0; m < 3; m++)
    {
      int first = H, last = -1;

      for (int x = PROBE_X; x < PROBE_X + 12; x++)
        if (scan_column (s, x, hub_chart_style_get_series_color (&style, m), &y0, &y1) > 0)
          {
            first = MIN (first, y0);
            last = MAX (last, y1);
          }
      g_assert_cmpint (last, >=, 0);
      if (m > 0)
        g_assert_cmpint (last, <, h0);
      h0 = first;
      h1 = last;
    }
  (void) h1;
  cairo_surface_destroy (s);
  fixture_clear (&f);
}

/* Longest run of non-paper pixels per row, grouped into bars. */
static guint
bar_lengths (cairo_surface_t     *s,
             const HubChartStyle *style,
             const HubChartColor *c1,
             const HubChartColor *c2,
             double              *lengths,
             guint                max)
{
  guint n = 0;
  gboolean in_bar = FALSE;

  for (int y = 0; y < H; y++)
    {
      guint run = 0;

      for (int x = 0; x < W; x++)
        {
          int rgb[3];

          pixel (s, x, y, rgb);
          run += is_color (rgb, c1) || (c2 != NULL && is_color (rgb, c2));
        }
      /* Legend swatches are 10 px (two in a row: 20); bars are longer. */
      if (run > 24 && !in_bar && n < max)
        {
          lengths[n++] = run;
          in_bar = TRUE;
        }
      else if (run > 24 && in_bar)
        lengths[n - 1] = MAX (lengths[n - 1], run);
      else if (run <= 24)
        in_bar = FALSE;
    }
  return n;
}

/* Issue 19: under the share chart, the concentration chart's plot spans
 * the same x (a date sits at one x in both); each on its own, the two had
 * different margins. The Share view and export-chart fill both through
 * HubShareCharts, which aligns them unless the main chart is bars. */
static void
test_concentration_aligned (void)
{
  const gint64 values[] = { 50, 30, 20,   20, 60, 20,   70, 10, 20,   40, 40, 20 };
  HubChartStyle style;
  HubShareCharts charts;
  HubStackedAreaLayout layout;
  HubChartRect own, aligned;
  HubQuery query;
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  Fixture f;

  hub_chart_style_init_default (&style, FALSE);
  fixture_init (&f, 4, 3, abo, abo_kinds, values);
  hub_query_init (&query);
  hub_share_charts_init (&charts, &f.r, &query, HUB_STACKED_AREA_PERCENT);
  g_assert_true (charts.concentration.align_with == &charts.area);
  g_assert_null (charts.bars);

  hub_stacked_area_layout_init (&layout, cr, W, H, &style, &charts.area);
  g_assert_false (layout.empty);
  g_assert_true (hub_concentration_chart_get_plot (cr, W, H, &style, &charts.concentration, &aligned));
  g_assert_cmpfloat_with_epsilon (aligned.x, layout.plot.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (aligned.width, layout.plot.width, 1e-9);
  charts.concentration.align_with = NULL;
  g_assert_true (hub_concentration_chart_get_plot (cr, W, H, &style, &charts.concentration, &own));
  g_assert_true (fabs (own.x - layout.plot.x) > 1 || fabs (own.width - layout.plot.width) > 1);
  hub_stacked_area_layout_clear (&layout);
  hub_share_charts_clear (&charts);

  /* A second level draws bars, not the area: nothing to align with. */
  query.within = HUB_QUERY_BY_COUNTRY;
  hub_share_charts_init (&charts, &f.r, &query, HUB_STACKED_AREA_PERCENT);
  g_assert_null (charts.concentration.align_with);
  hub_share_charts_clear (&charts);

  hub_query_clear (&query);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  fixture_clear (&f);
}

static void
test_bars (void)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (HubLeaderboardRow));
  g_autoptr(HubBarChartData) plain = NULL;
  g_autoptr(HubBarChartData) split = NULL;
  HubLeaderboardRow r[] = {
    { 1, (char *) "Big", 1000, 0.625, 500, 0.3 },
    { 2, (char *) "Middle", 500, 0.3125, 0, 0 },
    { 3, (char *) "Small", 100, 0.0625, 100, 0.06 },
  };
  HubChartStyle style;
  cairo_surface_t *s;
  double len[8];

  hub_chart_style_init_default (&style, FALSE);
  g_array_append_vals (rows, r, 3);

  /* Ranked bars, lengths in proportion. */
  plain = hub_bar_chart_data_new_leaderboard (rows, NULL);
  s = render (hub_bar_chart_draw_func, plain, &style);
  g_assert_cmpuint (bar_lengths (s, &style, hub_chart_style_get_series_color (&style, 0), NULL, len, 8), ==, 3);
  g_assert_cmpfloat_with_epsilon (len[1] / len[0], 0.5, 0.02);
  g_assert_cmpfloat_with_epsilon (len[2] / len[0], 0.1, 0.02);
  cairo_surface_destroy (s);

  /* Split into recent and older models: both colours, same total length. */
  split = hub_bar_chart_data_new_leaderboard (rows, "Recent");
  g_assert_cmpuint (split->n_segments, ==, 2);
  g_assert_cmpint (split->segment_values[0], ==, 500);
  g_assert_cmpint (split->segment_values[1], ==, 500);
  s = render (hub_bar_chart_draw_func, split, &style);
  g_assert_cmpuint (count_color (s, hub_chart_style_get_series_color (&style, 0)), >, 100);
  g_assert_cmpuint (count_color (s, hub_chart_style_get_series_color (&style, 1)), >, 100);
  g_assert_cmpuint (bar_lengths (s, &style, hub_chart_style_get_series_color (&style, 0),
                                 hub_chart_style_get_series_color (&style, 1), len, 8), ==, 3);
  g_assert_cmpfloat_with_epsilon (len[2] / len[0], 0.1, 0.02);
  cairo_surface_destroy (s);

  /* A highlighted bar keeps its colour, the others fade. */
  plain->highlight = 1;
  s = render (hub_bar_chart_draw_func, plain, &style);
  g_assert_cmpuint (bar_lengths (s, &style, hub_chart_style_get_series_color (&style, 0), NULL, len, 8), ==, 1);
  cairo_surface_destroy (s);
}

static void
test_breakdown (void)
{
  /* Two countries × org types (company, Unknown) in one period. */
  const gint64 values[] = { 80, 20 };
  gint64 inner[] = { 60, 20,   5, 15 };
  const HubShareColumnKind inner_kinds[] = { HUB_SHARE_COLUMN_CATEGORY, HUB_SHARE_COLUMN_UNKNOWN };
  char *inner_labels[] = { (char *) "company", (char *) "Unknown", NULL };
  const char * const countries[] = { "US", "CN" };
  const HubShareColumnKind kinds[] = { HUB_SHARE_COLUMN_CATEGORY, HUB_SHARE_COLUMN_CATEGORY };
  g_autoptr(HubBarChartData) data = NULL;
  HubChartStyle style;
  Fixture f;
  cairo_surface_t *s;

  hub_chart_style_init_default (&style, FALSE);
  fixture_init (&f, 1, 2, countries, kinds, values);
  f.r.n_inner_columns = 2;
  f.r.inner_values = inner;
  f.r.inner_column_kind = (HubShareColumnKind *) inner_kinds;
  f.r.inner_column_labels = inner_labels;
  data = hub_bar_chart_data_new_breakdown (&f.r, 0);
  g_assert_cmpuint (data->n_bars, ==, 2);
  g_assert_cmpuint (data->n_segments, ==, 2);
  g_assert_cmpint (data->segment_values[2], ==, 5);
  g_assert_cmpfloat_with_epsilon (data->shares[0], 0.8, 1e-12);
  s = render (hub_bar_chart_draw_func, data, &style);
  g_assert_cmpuint (count_color (s, hub_chart_style_get_series_color (&style, 0)), >, 100);
  g_assert_cmpuint (count_color (s, &style.unknown), >, 100);
  /* The stacked bar of US is company 60 then Unknown 20: 3 : 1 in length. */
  {
    double len[8];
    guint n = bar_lengths (s, &style, hub_chart_style_get_series_color (&style, 0), &style.unknown, len, 8);

    /* The bars are the last two runs (the legend's swatches come first). */
    g_assert_cmpuint (n, >=, 2);
    g_assert_cmpfloat_with_epsilon (len[n - 1] / len[n - 2], 20.0 / 80.0, 0.02);
  }
  cairo_surface_destroy (s);

  /* Segment geometry: contiguous spans whose widths follow the values. */
  {
    double x[2], w[2];

    hub_bar_chart_segment_spans (data, 0, 100, 2.0, x, w);
    g_assert_cmpfloat (x[0], ==, 100);
    g_assert_cmpfloat (w[0], ==, 120);
    g_assert_cmpfloat (x[1], ==, 220);
    g_assert_cmpfloat (w[1], ==, 40);
    hub_bar_chart_segment_spans (data, 1, 100, 2.0, x, w);
    g_assert_cmpfloat (x[1] + w[1] - 100, ==, 2.0 * data->values[1]);
  }
  /* Legend shares: company 65 of 100, Unknown 35. */
  g_assert_cmpfloat_with_epsilon (hub_bar_chart_segment_share (data, 0), 0.65, 1e-12);
  g_assert_cmpfloat_with_epsilon (hub_bar_chart_segment_share (data, 1), 0.35, 1e-12);

  /* The latest-period helper titles the value axis. */
  {
    g_autoptr(HubBarChartData) latest = hub_bar_chart_data_new_latest_breakdown (&f.r, "Downloads");

    g_assert_cmpstr (latest->value_label, ==, "Downloads");
    g_assert_cmpint (latest->segment_values[3], ==, 15);
  }
  /* ...and says the bars are the latest period: the snapshot's day, or
   * the period's label on a calendar axis. */
  {
    char *snapshot[] = { (char *) "2026-08-22T12:38:52Z", NULL };
    char *month[] = { (char *) "2026-08", NULL };
    g_autoptr(HubBarChartData) by_snapshot = NULL;
    g_autoptr(HubBarChartData) by_month = NULL;

    f.r.period_labels = snapshot;
    by_snapshot = hub_bar_chart_data_new_latest_breakdown (&f.r, "Downloads");
    g_assert_cmpstr (by_snapshot->value_label, ==, "Downloads in the latest snapshot, 22 Aug 2026");
    f.r.period_labels = month;
    by_month = hub_bar_chart_data_new_latest_breakdown (&f.r, "Downloads");
    g_assert_cmpstr (by_month->value_label, ==, "Downloads in the latest period, 2026-08");
    f.r.period_labels = NULL;
  }
  fixture_clear (&f);
}

/* The title names both levels of a two-level share, once for the view
 * and the CLI export (both call hub_chart_title). */
static void
test_title_within (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *within = NULL;
  HubQuery query;

  hub_query_init (&query);
  g_assert_true (hub_query_parse (&query, "by=country", &error));
  g_assert_no_error (error);
  plain = hub_chart_title ("share", &query, HUB_QUERY_BY_NONE);
  g_assert_cmpstr (plain, ==, "Share of 30-day downloads by country");
  g_assert_true (hub_query_parse (&query, "by=country;within=org-type", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query.within, ==, HUB_QUERY_BY_ORG_TYPE);
  within = hub_chart_title ("share", &query, HUB_QUERY_BY_NONE);
  g_assert_cmpstr (within, ==, "Share of 30-day downloads by country, by organization type within each");
  hub_query_clear (&query);
}

/* Relation colours come from the palette (so the lineage chart and its
 * dots follow the chart-palette setting); unknown and base stay neutral. */
static void
test_relation_colors (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      HubChartStyle def, cb;
      const HubRelation kinds[] = { HUB_RELATION_FINETUNE, HUB_RELATION_ADAPTER,
                                    HUB_RELATION_QUANTIZED, HUB_RELATION_MERGE };

      hub_chart_style_init_default (&def, dark);
      hub_chart_style_init_default (&cb, dark);
      hub_chart_style_set_palette (&cb, HUB_CHART_PALETTE_COLORBLIND);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          const HubChartColor *a = hub_chart_style_relation_color (&def, kinds[i]);
          const HubChartColor *b = hub_chart_style_relation_color (&cb, kinds[i]);
          gboolean in_palette = FALSE;

          for (guint j = 0; j < HUB_CHART_N_PALETTE; j++)
            in_palette |= memcmp (b, &cb.palette[j], sizeof *b) == 0;
          g_assert_true (in_palette);
          g_assert_false (memcmp (a, b, sizeof *a) == 0);
          /* Four distinct colours. */
          for (guint j = 0; j < i; j++)
            g_assert_false (memcmp (b, hub_chart_style_relation_color (&cb, kinds[j]), sizeof *b) == 0);
        }
      /* Colour-blind palette, light: the Okabe–Ito fine-tune blue. */
      if (!dark)
        g_assert_cmpfloat_with_epsilon (hub_chart_style_relation_color (&cb, HUB_RELATION_FINETUNE)->blue,
                                        0xb2 / 255.0, 1e-6);
      g_assert_true (memcmp (hub_chart_style_relation_color (&def, HUB_RELATION_NONE),
                             hub_chart_style_relation_color (&cb, HUB_RELATION_NONE), sizeof (HubChartColor)) == 0);
      g_assert_true (memcmp (hub_chart_style_relation_color (&def, HUB_RELATION_UNKNOWN),
                             hub_chart_style_relation_color (&cb, HUB_RELATION_UNKNOWN), sizeof (HubChartColor)) == 0);
    }
}

static void
test_palettes (void)
{
  HubChartStyle style;
  HubChartPalette p;

  for (guint dark = 0; dark < 2; dark++)
    for (guint kind = 0; kind < HUB_N_CHART_PALETTES; kind++)
      {
        hub_chart_style_init_default (&style, dark);
        hub_chart_style_set_palette (&style, kind);
        /* Twelve distinct colours, none too close to another or to Other. */
        for (guint i = 0; i < HUB_CHART_N_PALETTE; i++)
          {
            const HubChartColor *a = &style.palette[i];
            double dother = fabs (a->red - style.other.red) + fabs (a->green - style.other.green) +
                            fabs (a->blue - style.other.blue);

            g_assert_cmpfloat (dother, >, 0.15);
            for (guint j = i + 1; j < HUB_CHART_N_PALETTE; j++)
              {
                const HubChartColor *b = &style.palette[j];
                double d = fabs (a->red - b->red) + fabs (a->green - b->green) + fabs (a->blue - b->blue);

                g_assert_cmpfloat (d, >, 0.2);
              }
          }
      }
  g_assert_true (hub_chart_palette_from_string ("colorblind", &p));
  g_assert_cmpint (p, ==, HUB_CHART_PALETTE_COLORBLIND);
  g_assert_false (hub_chart_palette_from_string ("rainbow", &p));
  /* The colour-blind palette starts with Okabe–Ito blue and orange. */
  hub_chart_style_init_default (&style, FALSE);
  hub_chart_style_set_palette (&style, HUB_CHART_PALETTE_COLORBLIND);
  g_assert_cmpint ((int) round (style.palette[0].blue * 255), ==, 0xb2);
  g_assert_cmpint ((int) round (style.palette[1].red * 255), ==, 0xe6);
}

/* Export */

typedef struct {
  Fixture            f;
  HubStackedAreaData data;
  HubChartStyle      style;
  HubChartExportOptions options;
} ExportFixture;

static void
export_fixture_init (ExportFixture *e)
{
  const gint64 values[] = { 50, 30, 20,   40, 40, 20,   30, 30, 40 };

  fixture_init (&e->f, 3, 3, abo, abo_kinds, values);
  e->data = (HubStackedAreaData) { &e->f.r, HUB_STACKED_AREA_PERCENT, -1, "30-day downloads", "Snapshot date (UTC)" };
  hub_chart_style_init_default (&e->style, FALSE);
  hub_chart_export_options_init (&e->options);
  e->options.width = 800;
  e->options.height = 500;
  e->options.title = "Share of 30-day downloads by developer";
  e->options.caption = "A caption that says what the chart shows.";
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static gboolean run (const char * const *argv, char **out);

/* The text of @pdf on one line (pdftotext -raw, lines joined by spaces):
 * what the PDF says, whatever the line breaks. */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-raw", pdf, "-", NULL };
  char *text = NULL;

  g_assert_true (run (argv, &text));
  return g_strdelimit (text, "\n", ' ');
}

static void
test_export_svg (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "share.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  ExportFixture e;

  export_fixture_init (&e);
  g_assert_true (hub_chart_export (path, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_no_error (error);
  svg = read_file (path);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<path"));
  g_assert_true (strstr (svg, "<text") != NULL || strstr (svg, "glyph") != NULL);
  /* Vectors only: no embedded bitmap. */
  g_assert_null (strstr (svg, "<image"));
  /* The document is 800 × 500 pixels, not points (issue 19). */
  g_assert_nonnull (strstr (svg, "<svg "));
  g_assert_nonnull (strstr (strstr (svg, "<svg "), "width=\"800px\" height=\"500px\""));
  fixture_clear (&e.f);
}

static gboolean
run (const char * const *argv,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_export_pdf (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "share.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ExportFixture e;

  export_fixture_init (&e);
  g_assert_true (hub_chart_export (path, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdfinfo", path, NULL };

    g_assert_true (run (argv, &info));
  }
  g_assert_true (g_regex_match_simple ("^Pages:\\s+1$", info, G_REGEX_MULTILINE, 0));
  /* 800 × 500 pixels at 96 per inch. */
  g_assert_nonnull (strstr (info, "600 x 375 pts"));
  g_assert_nonnull (strstr (info, "Share of 30-day downloads by developer"));
  {
    const char *argv[] = { "pdftotext", path, "-", NULL };

    /* Real text: the words come back out. */
    g_assert_true (run (argv, &text));
  }
  g_assert_nonnull (strstr (text, "Share of 30-day downloads by developer"));
  g_assert_nonnull (strstr (text, "Alpha"));
  fixture_clear (&e.f);
}

static void
test_export_png_scale (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *p1 = g_build_filename (dir, "one.png", NULL);
  g_autofree char *p2 = g_build_filename (dir, "TWO.PNG", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;
  ExportFixture e;

  export_fixture_init (&e);
  g_assert_true (hub_chart_export (p1, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  e.options.scale = 2;
  g_assert_true (hub_chart_export (p2, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_no_error (error);

  s = cairo_image_surface_create_from_png (p1);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 500);
  cairo_surface_destroy (s);
  s = cairo_image_surface_create_from_png (p2);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 1000);
  /* The paper is opaque. */
  {
    const guint8 *d = cairo_image_surface_get_data (s);

    g_assert_cmpuint (d[3], ==, 0xff);
  }
  cairo_surface_destroy (s);
  fixture_clear (&e.f);
}

static void
test_export_errors (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *gif = g_build_filename (dir, "chart.gif", NULL);
  g_autofree char *none = g_build_filename (dir, "chart", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.png", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.png", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  ExportFixture e;
  HubChartFormat format;

  export_fixture_init (&e);

  g_assert_false (hub_chart_export (gif, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (hub_chart_format_from_path (none, &format, &error));
  g_assert_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  g_assert_false (hub_chart_export (missing, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (hub_chart_export (folder, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_WRITE);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  /* A failed export leaves the file that was there. */
  g_assert_true (hub_chart_export (kept, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  before = read_file (kept);
  e.options.width = 50;
  g_assert_false (hub_chart_export (kept, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_BAD_SIZE);
  g_clear_error (&error);
  e.options.width = 800;
  e.options.scale = 0.5;
  g_assert_false (hub_chart_export (kept, &e.options, &e.style, hub_stacked_area_draw_func, &e.data, &error));
  g_assert_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_BAD_SIZE);
  g_clear_error (&error);
  after = read_file (kept);
  g_assert_cmpstr (before, ==, after);
  fixture_clear (&e.f);
}

/* The command line against an in-process export of the same query. */

static char *db_path;

/* `hubeco export-chart FIRST REST… --db DB` (REST NULL-terminated). */
static int
run_hubeco_va (char       **out,
               char       **err,
               const char  *first,
               va_list      rest)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) hub_test_hubeco_bin ());
  g_ptr_array_add (argv, (gpointer) "export-chart");
  for (const char *arg = first; arg != NULL; arg = va_arg (rest, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, db_path);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static int
run_hubeco (char **out,
            char **err,
            ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_hubeco_va (out, err, va_arg (args, const char *), args);
  va_end (args);
  return status;
}

/* `hubeco export-chart ARGS…` succeeds (its output is not needed). */
static void
export_ok (const char *first,
           ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list rest;
  int status;

  va_start (rest, first);
  status = run_hubeco_va (&out, &err, first, rest);
  va_end (rest);
  if (status != 0)
    g_error ("hubeco export-chart %s… exited %d: %s", first, status, err);
}

static void
ensure_db (void)
{
  static char *dir;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;

  if (db_path != NULL)
    return;
  dir = hub_test_tmpdir ();
  db_path = g_build_filename (dir, "charts.db", NULL);
  csv = g_build_filename (dir, "first.csv", NULL);
  /* The first run builds the store from the embedded dataset. */
  g_assert_cmpint (run_hubeco (&out, &err, "share", "--by", "developer", "--top", "5", "--output", csv, NULL), ==, 0);
}

/* Quarter labels shorten instead of being cut (issue 19: "2022-Q…"), and
 * a period of too few models says so. */
static void
test_cli_size_labels (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "quarters.pdf", NULL);
  g_autofree char *text = NULL;

  ensure_db ();
  export_ok ("sizes", "--axis", "quarter", "--output", pdf, NULL);
  text = pdf_text (pdf);
  g_assert_null (strstr (text, "…"));
  g_assert_nonnull (strstr (text, "Q3 ’25"));
  g_assert_true (g_regex_match_simple ("n = [0-9], too few", text, 0, 0) ||
                 g_regex_match_simple ("\\bn = [0-9]\\b", text, 0, 0));
}

/* `export-chart sizes --violin` draws the violins (issue 19) into the
 * same figure: a PNG of the same size, other pixels, inside the boxes'
 * columns. */
static void
test_cli_size_violin (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *box_path = g_build_filename (dir, "box.png", NULL);
  g_autofree char *violin_path = g_build_filename (dir, "violin.png", NULL);
  cairo_surface_t *box, *violin;
  guint differ = 0;

  ensure_db ();
  export_ok ("sizes", "--output", box_path, NULL);
  export_ok ("sizes", "--violin", "--output", violin_path, NULL);
  box = cairo_image_surface_create_from_png (box_path);
  violin = cairo_image_surface_create_from_png (violin_path);
  g_assert_cmpint (cairo_surface_status (box), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (violin), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (box), ==, cairo_image_surface_get_width (violin));
  g_assert_cmpint (cairo_image_surface_get_height (box), ==, cairo_image_surface_get_height (violin));
  for (int y = 0; y < cairo_image_surface_get_height (box); y++)
    {
      const guint32 *a = (const guint32 *) (gpointer) (cairo_image_surface_get_data (box) + y * cairo_image_surface_get_stride (box));
      const guint32 *b = (const guint32 *) (gpointer) (cairo_image_surface_get_data (violin) + y * cairo_image_surface_get_stride (violin));

      for (int x = 0; x < cairo_image_surface_get_width (box); x++)
        differ += a[x] != b[x];
    }
  /* Five periods' violins: thousands of pixels, not a stray line. */
  g_assert_cmpuint (differ, >, 5000);
  cairo_surface_destroy (box);
  cairo_surface_destroy (violin);
}

/* The caption counts in words a person reads (issue 19): a daily series is
 * "about one snapshot a day", not "About 1 snapshots a day", and a series
 * no account stays in throughout does not offer "the 0 accounts". */
static void
test_cli_caption_counts (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "daily.pdf", NULL);
  g_autofree char *text = NULL;

  ensure_db ();
  export_ok ("share", "--task", "text-to-speech", "--series", "trending-top10", "--output", pdf, NULL);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "About one snapshot a day."));
  g_assert_null (strstr (text, "About 1 snapshots"));
  g_assert_null (strstr (text, "the 0 accounts"));
  g_assert_nonnull (strstr (text, "no account is present in every snapshot"));
}

/* A leaderboard with no bar beside a figure that counted downloads says
 * that none of them has a known country, not "Nothing was downloaded"
 * (issue 19). The embedded radar-export series holds reinforcement-learning
 * models of accounts authors.csv does not list. */
static void
test_cli_leaderboard_unknown (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "board.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;

  ensure_db ();
  export_ok ("leaderboard", "--task", "reinforcement-learning", "--series", "radar-export", "--output", pdf, NULL);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "None of these downloads has a known country."));
  g_assert_null (strstr (text, "Nothing was downloaded"));
  /* The share chart beside it does count downloads, all of unknown country. */
  {
    g_autofree char *path = g_build_filename (dir, "share.csv", NULL);

    export_ok ("share", "--by", "country", "--task", "reinforcement-learning", "--series", "radar-export",
               "--output", path, NULL);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  }
  g_assert_nonnull (strstr (csv, ",Unknown,"));
}

/* Countries by name in what a person reads, codes in the data (issue 19: the
 * chart's legend and the leaderboard showed "US", "CN"): the PDF of a share
 * by country and of the leaderboard say "United States", the CSV "US". */
static void
test_cli_country_names (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "countries.pdf", NULL);
  g_autofree char *board = g_build_filename (dir, "board.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "countries.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *board_text = NULL;
  g_autofree char *data = NULL;

  ensure_db ();
  export_ok ("share", "--by", "country", "--top", "5", "--output", pdf, NULL);
  export_ok ("leaderboard", "--output", board, NULL);
  export_ok ("share", "--by", "country", "--top", "5", "--output", csv, NULL);
  text = pdf_text (pdf);
  board_text = pdf_text (board);
  g_assert_nonnull (strstr (text, "United States"));
  g_assert_nonnull (strstr (text, "Germany"));
  g_assert_null (strstr (text, "US "));
  g_assert_nonnull (strstr (board_text, "United States"));
  g_assert_true (g_file_get_contents (csv, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, ",US,"));
  g_assert_null (strstr (data, "United States"));
}

static void
test_cli_equals_in_process (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *cli_png = g_build_filename (dir, "cli.png", NULL);
  g_autofree char *own_png = g_build_filename (dir, "own.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *series = NULL;
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *cli_bytes = NULL;
  g_autofree char *own_bytes = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubShareResult) res = NULL;
  g_autoptr(GError) error = NULL;
  HubObservations *obs;
  HubFigureInfo info = { 0 };
  HubStackedAreaData data;
  HubChartExportOptions options;
  HubChartStyle style;
  HubQuery query;
  gsize cli_len, own_len;

  ensure_db ();
  store = hub_store_open (db_path, &error);
  g_assert_no_error (error);
  series = hub_observations_default_series (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (series);

  g_assert_cmpint (run_hubeco (&out, &err, "share", "--by", "developer", "--axis", "snapshot", "--top", "10",
                               "--series", series, "--output", cli_png, NULL), ==, 0);

  /* What the Share view does: the same query, caption, title and style. */
  hub_query_init (&query);
  g_assert_true (hub_query_parse (&query, "by=group;axis=snapshot;top=10", &error));
  query.series = g_strdup (series);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  obs = hub_observations_load (store, dataset, query.series, query.measure, NULL, &error);
  g_assert_no_error (error);
  res = hub_share_run (dataset, obs, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (res->n_periods, >, 1);
  g_assert_true (hub_figure_info_init (&info, dataset, obs, &query, NULL, NULL, &error));
  caption = hub_chart_caption (&query, &info);
  title = hub_chart_title ("share", &query, HUB_QUERY_BY_NONE);
  data = (HubStackedAreaData) { res, HUB_STACKED_AREA_PERCENT, -1,
                                hub_chart_measure_label (query.measure), hub_chart_axis_label (query.axis) };
  hub_chart_style_init_default (&style, FALSE);
  hub_chart_export_options_init (&options);
  options.title = title;
  options.caption = caption;
  g_assert_true (hub_chart_export (own_png, &options, &style, hub_stacked_area_draw_func, &data, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (cli_png, &cli_bytes, &cli_len, NULL));
  g_assert_true (g_file_get_contents (own_png, &own_bytes, &own_len, NULL));
  g_assert_cmpuint (cli_len, ==, own_len);
  g_assert_true (memcmp (cli_bytes, own_bytes, cli_len) == 0);

  /* The caption states the data range and the coverage. */
  g_assert_nonnull (strstr (caption, series));
  g_assert_nonnull (strstr (caption, "Coverage"));
  g_assert_nonnull (strstr (caption, "10 largest"));

  hub_figure_info_clear (&info);
  hub_observations_unref (obs);
  hub_query_clear (&query);
}

static void
test_cli_errors (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *gif = g_build_filename (dir, "chart.gif", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope", "chart.png", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  struct {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { "share", "--output", gif, NULL }, "Unknown file type" },
    { { "share", "--output", missing, NULL }, "does not exist" },
    { { "share", "--output", dir, NULL }, "" },
    { { "share", NULL }, "--output FILE is required" },
    { { "pie", "--output", png, NULL }, "Unknown chart kind “pie”" },
    { { NULL }, "Valid kinds: share, concentration, leaderboard" },
    { { "share", "--output", png, "--width", "20", NULL }, "out of range" },
    { { "share", "--output", png, "--mode", "stacked", NULL }, "Valid values: percent, absolute" },
    { { "share", "--output", png, "--by", "colour", NULL }, "--by" },
    { { "share", "--output", png, "--highlight", "Nobody", NULL }, "no category “Nobody”" },
    { { "leaderboard", "--output", png, "--level", "planet", NULL }, "--level" },
  };

  ensure_db ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char **a = cases[i].args;

      g_assert_cmpint (run_hubeco (&out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL), ==, 2);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    }
}

static void
test_cli_data_export (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "share.csv", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "share.manifest.json", NULL);
  g_autofree char *json = g_build_filename (dir, "conc.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *manifest;

  ensure_db ();
  g_assert_cmpint (run_hubeco (&out, &err, "share", "--by", "country", "--top", "3", "--output", csv, NULL), ==, 0);
  text = read_file (csv);
  g_assert_true (g_str_has_prefix (text, "period,category,value,share\n"));
  g_assert_true (json_parser_load_from_file (parser, manifest_path, &error));
  g_assert_no_error (error);
  manifest = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (manifest, "query"), ==, "by=country;axis=snapshot;top=3");
  g_assert_cmpstr (json_object_get_string_member (manifest, "app_version"), ==, PACKAGE_VERSION);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "snapshot_ids")), >, 1);
  g_assert_true (json_object_has_member (json_object_get_object_member (manifest, "data_range"), "first"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (&out, &err, "concentration", "--by", "developer", "--output", json, NULL), ==, 0);
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  manifest = json_object_get_object_member (root, "manifest");
  g_assert_cmpstr (json_object_get_string_member (manifest, "kind"), ==, "concentration");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rows")), ==,
                    json_array_get_length (json_object_get_array_member (manifest, "snapshot_ids")));
  {
    JsonObject *row = json_array_get_object_element (json_object_get_array_member (root, "rows"), 0);

    g_assert_true (json_object_has_member (row, "hhi"));
    g_assert_true (json_object_has_member (row, "gini"));
  }

  /* The sizes chart has its numbers too (issue 23, item 4): the table
   * `hubeco sizes` prints, with a manifest naming its settings. */
  {
    g_autofree char *sizes_csv = g_build_filename (dir, "sizes.csv", NULL);
    g_autofree char *sizes_manifest = g_build_filename (dir, "sizes.manifest.json", NULL);
    g_autofree char *sizes_json = g_build_filename (dir, "sizes.json", NULL);
    g_autofree char *sizes_text = NULL;
    g_auto(GStrv) lines = NULL;
    JsonArray *rows;

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_hubeco (&out, &err, "sizes", "--weight", "count", "--output", sizes_csv, NULL), ==, 0);
    sizes_text = read_file (sizes_csv);
    g_assert_true (g_str_has_prefix (sizes_text, "period,start,includes_earlier,n,weight,p10,p25,p50,p75,p90,mean,"));
    lines = g_strsplit (sizes_text, "\n", -1);
    g_assert_true (json_parser_load_from_file (parser, sizes_manifest, &error));
    g_assert_no_error (error);
    manifest = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (manifest, "kind"), ==, "sizes");
    /* The cohort is named: by default the models created in each period,
     * as `hubeco sizes` and the window count them (issue 19). */
    g_assert_cmpstr (json_object_get_string_member (manifest, "settings"), ==,
                     "weight=count;cohort=created;include_estimated=false");
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) again = json_parser_new ();

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_hubeco (&out, &err, "sizes", "--weight", "count", "--cohort", "downloaded",
                                   "--output", sizes_csv, NULL), ==, 0);
      g_assert_true (json_parser_load_from_file (again, sizes_manifest, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (again)), "settings"),
                       ==, "weight=count;cohort=downloaded;include_estimated=false");
      text = read_file (sizes_csv);
      g_assert_cmpstr (text, !=, sizes_text);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_hubeco (&out, &err, "sizes", "--cohort", "sideways", "--output", sizes_csv, NULL), ==, 2);
      g_assert_nonnull (strstr (err, "created, downloaded"));
    }

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_hubeco (&out, &err, "sizes", "--weight", "count", "--output", sizes_json, NULL), ==, 0);
    g_assert_true (json_parser_load_from_file (parser, sizes_json, &error));
    g_assert_no_error (error);
    rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "rows");
    /* A header, a line per period and the final newline. */
    g_assert_cmpuint (json_array_get_length (rows), >, 1);
    g_assert_cmpuint (json_array_get_length (rows), ==, g_strv_length (lines) - 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "n"), >, 0);
  }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @rows' @member, without Other and Unknown, sorted. */
static char *
names_of (JsonArray  *rows,
          const char *member)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (rows, i), member);

      if (g_str_equal (name, "Other") || g_str_equal (name, "Unknown") || !g_hash_table_add (seen, (gpointer) name))
        continue;
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s;", (const char *) g_ptr_array_index (names, i));
  return g_string_free (s, FALSE);
}

/* One rule for "top N" (issue 23, items 3 and 5): the share chart's top N
 * and the leaderboard of the same query are the same set, `top` inside
 * --query sets the leaderboard's rows, and both manifests say how the top
 * was ranked; the leaderboard's manifest names its level's grouping. */
static void
test_cli_top_rule (void)
{
  static const char *queries[] = {
    "by=developer;top=5;series=osir-monthly",
    "by=developer;top=8;series=radar-export;axis=month",
    "by=country;top=3;series=daily-top300;window=1y",
  };
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *share_json = g_build_filename (dir, "share.json", NULL);
  g_autofree char *board_json = g_build_filename (dir, "board.json", NULL);

  ensure_db ();
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(JsonParser) share = json_parser_new ();
      g_autoptr(JsonParser) board = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *share_names = NULL;
      g_autofree char *board_names = NULL;
      g_autofree char *board_query = NULL;
      const char *level = strstr (queries[i], "by=country") != NULL ? "country" : "developer";
      JsonObject *share_root, *board_root, *share_manifest, *board_manifest;
      HubQuery q;

      g_assert_true (hub_query_parse (&q, queries[i], &error));
      g_assert_cmpint (run_hubeco (&out, &err, "share", "--query", queries[i], "--output", share_json, NULL), ==, 0);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_hubeco (&out, &err, "leaderboard", "--level", level, "--query", queries[i],
                                   "--output", board_json, NULL), ==, 0);
      g_assert_true (json_parser_load_from_file (share, share_json, &error));
      g_assert_true (json_parser_load_from_file (board, board_json, &error));
      g_assert_no_error (error);
      share_root = json_node_get_object (json_parser_get_root (share));
      board_root = json_node_get_object (json_parser_get_root (board));

      /* The leaderboard lists the query's top, not 20. */
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (board_root, "rows")), ==, q.top);
      share_names = names_of (json_object_get_array_member (share_root, "rows"), "category");
      board_names = names_of (json_object_get_array_member (board_root, "rows"), "name");
      g_test_message ("%s: share %s leaderboard %s", queries[i], share_names, board_names);
      g_assert_cmpstr (share_names, ==, board_names);

      share_manifest = json_object_get_object_member (share_root, "manifest");
      board_manifest = json_object_get_object_member (board_root, "manifest");
      g_assert_cmpstr (json_object_get_string_member (share_manifest, "top_ranked_by"), ==, "last-snapshot");
      g_assert_cmpstr (json_object_get_string_member (board_manifest, "top_ranked_by"), ==, "last-snapshot");
      board_query = g_strdup (json_object_get_string_member (board_manifest, "query"));
      g_assert_true (g_str_has_prefix (board_query, g_str_equal (level, "country") ? "by=country;" : "by=group;"));
      hub_query_clear (&q);
      g_assert_true (hub_query_parse (&q, board_query, &error));
      g_assert_cmpuint (q.top, ==, json_array_get_length (json_object_get_array_member (board_root, "rows")));
      hub_query_clear (&q);
    }
}

/* export-chart breakdown: the heat map and the bars as PNG and SVG, the
 * table as CSV with its manifest, the same lines `hubeco breakdown` prints. */
static void
test_cli_breakdown (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "breakdown.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "breakdown.svg", NULL);
  g_autofree char *csv = g_build_filename (dir, "breakdown.csv", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "breakdown.manifest.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *image;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *manifest;

  ensure_db ();
  g_assert_cmpint (run_hubeco (&out, &err, "breakdown", "--top", "10", "--rows", "country", "--cols", "size-threshold",
                               "--output", png, NULL), ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1000);
  cairo_surface_destroy (image);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (&out, &err, "breakdown", "--top", "10", "--view", "bars", "--output", svg, NULL), ==, 0);
  text = read_file (svg);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_clear_pointer (&text, g_free);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (&out, &err, "breakdown", "--top", "10", "--rows", "developer", "--cols", "modality",
                               "--output", csv, NULL), ==, 0);
  text = read_file (csv);
  g_assert_true (g_str_has_prefix (text, "row,col,value,share,row_share,col_share\n"));
  g_assert_nonnull (strstr (text, "\nTotal,Total,"));
  g_assert_true (json_parser_load_from_file (parser, manifest_path, &error));
  g_assert_no_error (error);
  manifest = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (manifest, "kind"), ==, "breakdown");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (manifest, "settings"),
                                   "rows=developer;cols=modality;developers="));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (&out, &err, "breakdown", "--view", "pie", "--output", png, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--view"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/stacked/other-band", test_other_band);
  g_test_add_func ("/charts/stacked/highlight", test_highlight);
  g_test_add_func ("/charts/stacked/layout", test_stacked_layout);
  g_test_add_func ("/charts/empty-state", test_empty_state);
  g_test_add_func ("/charts/stacked/single", test_single_period_and_category);
  g_test_add_func ("/charts/concentration", test_concentration);
  g_test_add_func ("/charts/concentration/aligned", test_concentration_aligned);
  g_test_add_func ("/charts/bars", test_bars);
  g_test_add_func ("/charts/bars/breakdown", test_breakdown);
  g_test_add_func ("/charts/title/within", test_title_within);
  g_test_add_func ("/charts/palettes", test_palettes);
  g_test_add_func ("/charts/relation-colors", test_relation_colors);
  g_test_add_func ("/charts/export/svg", test_export_svg);
  g_test_add_func ("/charts/export/pdf", test_export_pdf);
  g_test_add_func ("/charts/export/png-scale", test_export_png_scale);
  g_test_add_func ("/charts/export/errors", test_export_errors);
  g_test_add_func ("/charts/cli/equals-in-process", test_cli_equals_in_process);
  g_test_add_func ("/charts/cli/errors", test_cli_errors);
  g_test_add_func ("/charts/cli/data-export", test_cli_data_export);
  g_test_add_func ("/charts/cli/top-rule", test_cli_top_rule);
  g_test_add_func ("/charts/cli/breakdown", test_cli_breakdown);
  g_test_add_func ("/charts/cli/country-names", test_cli_country_names);
  g_test_add_func ("/charts/cli/leaderboard-unknown", test_cli_leaderboard_unknown);
  g_test_add_func ("/charts/cli/caption-counts", test_cli_caption_counts);
  g_test_add_func ("/charts/cli/size-labels", test_cli_size_labels);
  g_test_add_func ("/charts/cli/size-violin", test_cli_size_violin);

  return g_test_run ();
}
