/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "hub-chart-export.h"
#include "hub-import.h"
#include "hub-size-chart.h"
#include "hub-ticks.h"
#include "hub-test-util.h"

#define W 720
#define H 520

static HubChartStyle
opaque_style (void)
{
  HubChartStyle style;
  HubChartColor fg = { 0.f, 0.f, 0.f, 1.f };
  HubChartColor accent = { 1.f, 0.f, 0.f, 1.f };

  hub_chart_style_init_default (&style, FALSE);
  hub_chart_style_set_colors (&style, &fg, &accent);
  return style;
}

typedef struct {
  guint8 r, g, b, a;
} Pixel;

/* Un-premultiplied colour of a pixel of an ARGB32 surface. */
static Pixel
probe (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 v = *(const guint32 *) (data + y * stride + 4 * x);
  Pixel p = { 0 };

  p.a = v >> 24;
  if (p.a > 0)
    {
      p.r = (((v >> 16) & 0xff) * 255 + p.a / 2) / p.a;
      p.g = (((v >> 8) & 0xff) * 255 + p.a / 2) / p.a;
      p.b = ((v & 0xff) * 255 + p.a / 2) / p.a;
    }
  return p;
}

static gboolean
pixel_is (Pixel                p,
          const HubChartColor *c,
          int                  tolerance)
{
  return p.a > 200 &&
         ABS (p.r - (int) lround (c->red * 255)) <= tolerance &&
         ABS (p.g - (int) lround (c->green * 255)) <= tolerance &&
         ABS (p.b - (int) lround (c->blue * 255)) <= tolerance;
}

static cairo_surface_t *
render (const HubChartStyle    *style,
        const HubSizeChartData *data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  hub_size_chart_render (cr, W, H, style, data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Writes @surface to $HUBECO_CHART_DIR/@name when that is set, to look at. */
static void
maybe_save (cairo_surface_t *surface,
            const char      *name)
{
  const char *dir = g_getenv ("HUBECO_CHART_DIR");

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
    }
}

static void
set_period (HubSizePeriod *p,
            const char    *label,
            const double   quantiles[HUB_SIZE_N_QUANTILES],
            double         mean)
{
  p->label = (char *) label;
  p->n = 100;
  p->weight = 1000;
  memcpy (p->quantiles, quantiles, sizeof p->quantiles);
  p->mean = mean;
  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    p->bucket_shares[b] = 1.0 / HUB_N_SIZE_BUCKETS;
  p->coverage.n_models[HUB_SIZE_SOURCE_REPORTED] = 100;
  p->coverage.weight[HUB_SIZE_SOURCE_REPORTED] = 1000;
}

static void
test_ticks (void)
{
  double ticks[10];

  /* 1M .. 2T: the seven decades 1M, 10M, ..., 1T. */
  g_assert_cmpuint (hub_ticks_decades (1e6, 2e12, ticks, G_N_ELEMENTS (ticks)), ==, 7);
  g_assert_cmpfloat (ticks[0], ==, 1e6);
  g_assert_cmpfloat (ticks[3], ==, 1e9);
  g_assert_cmpfloat (ticks[6], ==, 1e12);

  /* No decade inside: none. */
  g_assert_cmpuint (hub_ticks_decades (1.5e6, 9e6, ticks, G_N_ELEMENTS (ticks)), ==, 0);
  /* Bounds on a decade count; rounding of log10 does not lose them. */
  g_assert_cmpuint (hub_ticks_decades (1e3, 1e3, ticks, 1), ==, 1);
  g_assert_cmpfloat (ticks[0], ==, 1e3);
  /* More ticks than room: the count, and only the room written. */
  ticks[2] = -1;
  g_assert_cmpuint (hub_ticks_decades (1, 1e9, ticks, 2), ==, 10);
  g_assert_cmpfloat (ticks[1], ==, 10);
  g_assert_cmpfloat (ticks[2], ==, -1);
}

static void
test_layout (void)
{
  HubChartStyle style = opaque_style ();
  HubSizeChartLayout layout;
  const cairo_rectangle_t *r;
  double frac;

  hub_size_chart_get_layout (W, H, &style, 4, &layout);
  r = &layout.box_plot;
  g_assert_cmpfloat (r->width, >, 0);
  g_assert_cmpfloat (r->height, >, 100);
  g_assert_cmpfloat (layout.bars.height, >, 50);
  /* The plots stack: box plot, bars, labels, legend, caption, inside. */
  g_assert_cmpfloat (r->y + r->height, <, layout.bars.y);
  g_assert_cmpfloat (layout.bars.y + layout.bars.height, <=, layout.labels_y);
  g_assert_cmpfloat (layout.labels_y, <, layout.legend_y);
  g_assert_cmpfloat (layout.legend_y, <, H);
  g_assert_cmpfloat (r->x + r->width, <=, W);

  /* The log axis: 1M at the bottom, 2T at the top, 1B where log10 puts it. */
  g_assert_cmpfloat_with_epsilon (hub_size_chart_param_to_y (&layout, 1e6), r->y + r->height, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_param_to_y (&layout, 2e12), r->y, 1e-9);
  frac = 3.0 / log10 (2e6);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_param_to_y (&layout, 1e9), r->y + r->height * (1 - frac), 1e-9);
  /* Out of range and unknown values are clamped to the axis. */
  g_assert_cmpfloat_with_epsilon (hub_size_chart_param_to_y (&layout, 5e3), r->y + r->height, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_param_to_y (&layout, 1e15), r->y, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_param_to_y (&layout, NAN), r->y + r->height, 1e-9);

  /* Columns: equal bands, centred. */
  g_assert_cmpfloat_with_epsilon (layout.band_width, r->width / 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_period_x (&layout, 0), r->x + r->width / 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_period_x (&layout, 3), r->x + 7 * r->width / 8, 1e-9);

  /* Shares: 0 at the bottom of the bars, 1 at the top. */
  g_assert_cmpfloat_with_epsilon (hub_size_chart_share_to_y (&layout, 0), layout.bars.y + layout.bars.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_share_to_y (&layout, 1), layout.bars.y, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub_size_chart_share_to_y (&layout, 0.25),
                                  layout.bars.y + 0.75 * layout.bars.height, 1e-9);

  /* A surface too small for the chart gives empty plots, not negative ones. */
  hub_size_chart_get_layout (40, 30, &style, 4, &layout);
  g_assert_cmpfloat (layout.box_plot.height, >=, 0);
  g_assert_cmpfloat (layout.bars.height, >=, 0);
  g_assert_cmpfloat (layout.box_plot.width, >=, 0);
}

/* The median line sits where the log axis puts the median: probed just
 * right of the box (the line is wider than the box), and it moves when the
 * median does. The mean diamond has the mean's colour at its place. */
static void
test_render_median (void)
{
  HubChartStyle style = opaque_style ();
  HubSizePeriod periods[2] = { { 0 } };
  HubSizeResult result = { 0 };
  HubSizeChartData data = { &result };
  HubSizeChartLayout layout;
  const double q_small[] = { 1e8, 3e8, 1e9, 5e9, 2e10 };
  const double q_large[] = { 2e9, 7e9, 7e10, 1e11, 4e11 };
  const HubChartColor *mean_color = hub_chart_style_get_series_color (&style, 1);
  cairo_surface_t *surface;

  set_period (&periods[0], "2024", q_small, 3e11);
  set_period (&periods[1], "2025", q_large, 2e8);
  result.periods = periods;
  result.n_periods = 2;
  result.coverage = periods[0].coverage;

  surface = render (&style, &data);
  maybe_save (surface, "size-synthetic.png");
  hub_size_chart_get_layout (W, H, &style, 2, &layout);

  for (guint i = 0; i < 2; i++)
    {
      const HubSizePeriod *p = &periods[i];
      int x = (int) round (hub_size_chart_period_x (&layout, i)) + (int) (layout.box_width / 2) + 2;
      int y_med = (int) floor (hub_size_chart_param_to_y (&layout, p->quantiles[2]));
      int y_other = (int) floor (hub_size_chart_param_to_y (&layout, periods[1 - i].quantiles[2]));
      int cx = (int) round (hub_size_chart_period_x (&layout, i));
      int y_mean = (int) floor (hub_size_chart_param_to_y (&layout, p->mean));
      Pixel med = probe (surface, x, y_med);

      g_assert_true (pixel_is (med, &style.foreground, 40));
      /* Where the other period's median is, this column has no line. */
      g_assert_cmpint (probe (surface, x, y_other).a, <, 60);
      g_assert_true (pixel_is (probe (surface, cx, y_mean), mean_color, 10));
    }

  /* The box's fill (accent at 30%) between p25 and p75, left of centre. */
  {
    double y = (hub_size_chart_param_to_y (&layout, q_small[1]) + hub_size_chart_param_to_y (&layout, q_small[2])) / 2;
    Pixel p = probe (surface, (int) (hub_size_chart_period_x (&layout, 0) - layout.box_width / 4), (int) y);

    g_assert_cmpint (p.r, >, 200);
    g_assert_cmpint (p.g, <, 40);
    g_assert_cmpint (p.a, >, 40);
    g_assert_cmpint (p.a, <, 120);
  }
  cairo_surface_destroy (surface);
}

/* Pixels of @color (within @tolerance) in rows [@y0, @y1). */
static guint
count_in_rows (cairo_surface_t     *surface,
               const HubChartColor *color,
               int                  tolerance,
               int                  y0,
               int                  y1)
{
  int w = cairo_image_surface_get_width (surface);
  guint n = 0;

  y0 = MAX (y0, 0);
  y1 = MIN (y1, cairo_image_surface_get_height (surface));
  for (int y = y0; y < y1; y++)
    for (int x = 0; x < w; x++)
      if (pixel_is (probe (surface, x, y), color, tolerance))
        n++;
  return n;
}

/* At a phone's width (issue 8) the key and the bucket legend wrap onto
 * more rows instead of running off the right edge: the key's mean
 * diamond and every bucket's swatch are drawn. */
static void
test_render_narrow (void)
{
  enum { NW = 340, NH = 520 };
  HubChartStyle style = opaque_style ();
  HubSizePeriod periods[2] = { { 0 } };
  HubSizeResult result = { 0 };
  HubSizeChartData data = { &result };
  HubSizeChartLayout layout, wide;
  const double q[] = { 1e8, 3e8, 1e9, 5e9, 2e10 };
  const HubChartColor *mean_color = hub_chart_style_get_series_color (&style, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  double lh;

  set_period (&periods[0], "2024", q, 3e9);
  set_period (&periods[1], "2025", q, 3e9);
  result.periods = periods;
  result.n_periods = 2;
  result.coverage = periods[0].coverage;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, NW, NH);
  cr = cairo_create (surface);
  hub_size_chart_render (cr, NW, NH, &style, &data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  maybe_save (surface, "size-narrow.png");

  hub_size_chart_get_layout (NW, NH, &style, 2, &layout);
  hub_size_chart_get_layout (1400, NH, &style, 2, &wide);
  g_assert_cmpuint (wide.key_rows, ==, 1);
  g_assert_cmpuint (wide.legend_rows, ==, 1);
  g_assert_cmpuint (layout.key_rows, >=, 2);
  g_assert_cmpuint (layout.legend_rows, >=, 2);
  g_assert_cmpfloat (layout.box_plot.y, >, wide.box_plot.y);
  g_assert_cmpfloat (layout.legend_y, <, wide.legend_y);

  /* The key's rows end 1.5 lines above the plot (the axis title between):
   * the mean diamond is among them. */
  lh = (layout.box_plot.y - 12.0) / (layout.key_rows + 1.5);
  g_assert_cmpuint (count_in_rows (surface, mean_color, 10, 0, (int) (layout.box_plot.y - 1.5 * lh)), >, 20);

  /* Each bucket's colour, taken from the stacked bar (a sixth each), has
   * its swatch in the legend rows. */
  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    {
      int x = (int) round (hub_size_chart_period_x (&layout, 0));
      int y = (int) round (hub_size_chart_share_to_y (&layout, (b + 0.5) / HUB_N_SIZE_BUCKETS));
      Pixel p = probe (surface, x, y);
      HubChartColor c = { p.r / 255.f, p.g / 255.f, p.b / 255.f, 1.f };

      g_assert_cmpint (p.a, ==, 255);
      g_assert_cmpuint (count_in_rows (surface, &c, 3, (int) layout.legend_y, NH), >, 50);
    }
  cairo_surface_destroy (surface);
}

/* WCAG relative luminance of an sRGB colour given in bytes. */
static double
relative_luminance (guint8 r,
                    guint8 g,
                    guint8 b)
{
  double c[3] = { r / 255.0, g / 255.0, b / 255.0 };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* Bucket bars: a period with all its weight in 1B–10B fills the whole bar
 * with that bucket's colour; one with half under 100M and half over 100B
 * splits it at 50%. */
static void
test_render_buckets (void)
{
  HubChartStyle style = opaque_style ();
  HubSizePeriod periods[2] = { { 0 } };
  HubSizeResult result = { 0 };
  HubSizeChartData data = { &result };
  HubSizeChartLayout layout;
  const double q[] = { 1e8, 3e8, 1e9, 5e9, 2e10 };
  cairo_surface_t *surface;
  Pixel low, high, whole_top, whole_bottom;
  double bar_top, bar_bottom;
  int x0, x1;

  set_period (&periods[0], "2024", q, 3e9);
  set_period (&periods[1], "2025", q, 3e9);
  memset (periods[0].bucket_shares, 0, sizeof periods[0].bucket_shares);
  periods[0].bucket_shares[HUB_SIZE_BUCKET_1B_10B] = 1.0;
  memset (periods[1].bucket_shares, 0, sizeof periods[1].bucket_shares);
  periods[1].bucket_shares[HUB_SIZE_BUCKET_UNDER_100M] = 0.5;
  periods[1].bucket_shares[HUB_SIZE_BUCKET_OVER_100B] = 0.5;
  result.periods = periods;
  result.n_periods = 2;

  surface = render (&style, &data);
  hub_size_chart_get_layout (W, H, &style, 2, &layout);
  bar_top = hub_size_chart_share_to_y (&layout, 1.0);
  bar_bottom = hub_size_chart_share_to_y (&layout, 0.0);
  /* Off the centre, away from the share labels. */
  x0 = (int) (hub_size_chart_period_x (&layout, 0) - layout.bar_width / 2 + 3);
  x1 = (int) (hub_size_chart_period_x (&layout, 1) - layout.bar_width / 2 + 3);

  whole_top = probe (surface, x0, (int) bar_top + 3);
  whole_bottom = probe (surface, x0, (int) bar_bottom - 3);
  low = probe (surface, x1, (int) (0.75 * bar_bottom + 0.25 * bar_top));
  high = probe (surface, x1, (int) (0.25 * bar_bottom + 0.75 * bar_top));
  g_assert_cmpint (whole_top.a, ==, 255);
  g_assert_cmpmem (&whole_top, sizeof whole_top, &whole_bottom, sizeof whole_bottom);
  /* Under 100M is the light end of the ramp, over 100B the dark end. */
  g_assert_cmpint (low.a, ==, 255);
  g_assert_cmpint (high.a, ==, 255);
  g_assert_cmpint (low.r + low.g + low.b, >, 500);
  g_assert_cmpint (high.r + high.g + high.b, <, 250);
  cairo_surface_destroy (surface);

  /* In dark mode over 100B stays visible: luminance contrast of at least 3
   * against the dark window background (#242424). */
  {
    HubChartStyle dark;
    double l_high, l_bg = relative_luminance (0x24, 0x24, 0x24);

    hub_chart_style_init_default (&dark, TRUE);
    surface = render (&dark, &data);
    high = probe (surface, x1, (int) (0.25 * bar_bottom + 0.75 * bar_top));
    g_assert_cmpint (high.a, ==, 255);
    l_high = relative_luminance (high.r, high.g, high.b);
    g_assert_cmpfloat ((l_high + 0.05) / (l_bg + 0.05), >=, 3.0);
    cairo_surface_destroy (surface);
  }
}

static guint
count_drawn (cairo_surface_t *surface,
             int              x0,
             int              y0,
             int              x1,
             int              y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (probe (surface, x, y).a > 0)
        n++;
  return n;
}

/* No result, or periods without a sized model: the empty state, its
 * message "No data for these filters" centred in the foreground colour
 * inside a dashed frame; no axis, no box, no bar. */
static void
test_render_empty (void)
{
  HubChartStyle style = opaque_style ();
  HubSizePeriod periods[1] = { { 0 } };
  HubSizeResult result = { 0 };
  HubSizeChartData none = { NULL };
  HubSizeChartData empty = { &result };
  HubSizeChartLayout layout;

  periods[0].label = (char *) "2026";
  for (guint q = 0; q < HUB_SIZE_N_QUANTILES; q++)
    periods[0].quantiles[q] = NAN;
  periods[0].mean = NAN;
  periods[0].coverage.n_models[HUB_SIZE_SOURCE_UNKNOWN] = 12;
  result.periods = periods;
  result.n_periods = 1;
  result.coverage = periods[0].coverage;
  g_assert_false (hub_size_chart_has_data (NULL));
  g_assert_false (hub_size_chart_has_data (&result));

  hub_size_chart_get_layout (W, H, &style, 1, &layout);
  for (guint i = 0; i < 2; i++)
    {
      cairo_surface_t *surface = render (&style, i == 0 ? &none : &empty);
      gboolean text_seen = FALSE;

      if (i == 1)
        maybe_save (surface, "size-empty.png");
      /* The message, in the (opaque black) foreground, above the centre
       * when a detail line follows. */
      for (int y = H / 2 - 20; y < H / 2 + 10 && !text_seen; y++)
        for (int x = W / 4; x < 3 * W / 4 && !text_seen; x++)
          text_seen = pixel_is (probe (surface, x, y), &style.foreground, 30);
      g_assert_true (text_seen);
      g_assert_cmpuint (count_drawn (surface, W / 4, H / 2 - 20, 3 * W / 4, H / 2 + 20), >, 100);
      /* The rest is empty but for the frame: no axis labels left of the
       * plot, no bars, no key. */
      g_assert_cmpuint (count_drawn (surface, 4, (int) layout.box_plot.y,
                                     (int) layout.box_plot.x, (int) layout.box_plot.y + 100), ==, 0);
      g_assert_cmpuint (count_drawn (surface, 4, (int) layout.bars.y, W - 4, (int) layout.bars.y + 40), ==, 0);
      g_assert_cmpuint (count_drawn (surface, 4, 4, W - 4, H / 2 - 40), ==, 0);
      /* The dashed frame: some pixels of the border row drawn, not all. */
      {
        guint n = count_drawn (surface, 0, 0, W, 1);

        g_assert_cmpuint (n, >, W / 4);
        g_assert_cmpuint (n, <, 3 * W / 4);
      }
      cairo_surface_destroy (surface);
    }
}

/* The real embedded data, per year and per quarter, weighted by downloads:
 * every period with sized models gets its box where its median is. */
static void
test_render_real (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "real.db", NULL);
  g_autofree char *models = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *history = hub_test_dataset_path ("hub-models-history.csv.gz");
  g_autoptr(GFile) models_file = g_file_new_for_path (models);
  g_autoptr(GFile) history_file = g_file_new_for_path (history);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (db, &error);
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  HubChartStyle style;
  HubSizeOptions options;
  const struct {
    HubSizePeriodKind period;
    HubSizeCohort     cohort;
    gboolean          dark;
    const char       *name;
  } cases[] = {
    { HUB_SIZE_PERIOD_YEAR, HUB_SIZE_COHORT_DOWNLOADED, FALSE, "size-year-downloaded.png" },
    { HUB_SIZE_PERIOD_QUARTER, HUB_SIZE_COHORT_DOWNLOADED, FALSE, "size-quarter-downloaded.png" },
    { HUB_SIZE_PERIOD_YEAR, HUB_SIZE_COHORT_CREATED, TRUE, "size-year-created-dark.png" },
  };

  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, models_file, HUB_IMPORT_FORMAT_JSONL, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, history_file, HUB_IMPORT_FORMAT_HISTORY_CSV, report, NULL, &error));
  g_assert_no_error (error);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  table = hub_size_table_new (dataset, store, NULL, &error);
  g_assert_no_error (error);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(HubSizeResult) result = NULL;
      HubSizeChartData data = { NULL };
      HubSizeChartLayout layout;
      cairo_surface_t *surface;
      guint n_drawn = 0;
      guint n_faint = 0;

      hub_size_options_init (&options);
      options.period = cases[c].period;
      options.cohort = cases[c].cohort;
      result = hub_sizes_compute (table, &options, NULL);
      g_assert_nonnull (result);
      g_assert_true (hub_size_chart_has_data (result));
      data.result = result;
      /* The caption says which models its total counts (issue 19: the
       * Sizes total read 16,327 beside the Trending list's 25,370). */
      {
        g_autofree char *coverage = hub_size_chart_describe_coverage (result);

        g_assert_nonnull (strstr (coverage, options.cohort == HUB_SIZE_COHORT_CREATED
                                            ? "the models with a creation date" : "the models with downloads observed"));
      }

      hub_chart_style_init_default (&style, cases[c].dark);
      surface = render (&style, &data);
      if (g_getenv ("HUBECO_CHART_DIR") != NULL)
        {
          /* The whole figure, as export writes it, to look at. */
          g_autofree char *path = g_build_filename (g_getenv ("HUBECO_CHART_DIR"), cases[c].name, NULL);
          g_autofree char *title = hub_size_chart_default_title (result);
          g_autofree char *caption = hub_size_chart_describe_coverage (result);
          HubChartExportOptions export;

          hub_chart_export_options_init (&export);
          export.width = 900;
          export.height = 620;
          export.title = title;
          export.caption = caption;
          g_assert_true (hub_chart_export (path, &export, &style, hub_size_chart_draw_func, &data, &error));
          g_assert_no_error (error);
        }
      hub_size_chart_get_layout (W, H, &style, result->n_periods, &layout);
      for (guint i = 0; i < result->n_periods; i++)
        {
          const HubSizePeriod *p = &result->periods[i];
          int x = (int) round (hub_size_chart_period_x (&layout, i)) + (int) (layout.box_width / 2) + 2;
          int y = (int) floor (hub_size_chart_param_to_y (&layout, p->quantiles[2]));

          if (p->n == 0)
            continue;
          if (p->n < HUB_SIZE_CHART_FEW_MODELS)
            {
              /* Too few models to compare: the same median, at 35 %
               * opacity (issue 19: n = 3 was drawn like n = 9,519). */
              Pixel px = probe (surface, x, y);

              g_assert_cmpint (px.a, >, 60);
              g_assert_cmpint (px.a, <, 120);
              g_assert_cmpint (ABS (px.r - (int) lround (style.foreground.red * 255)), <=, 40);
              g_assert_cmpint (ABS (px.b - (int) lround (style.foreground.blue * 255)), <=, 40);
              n_faint++;
              continue;
            }
          g_assert_true (pixel_is (probe (surface, x, y), &style.foreground, 40));
          n_drawn++;
        }
      g_assert_cmpuint (n_drawn, >, 0);

      /* Violins (issue 19: the paper draws them, HubEco drew boxes only):
       * at the densest size of the last period, left of the box, the
       * violin is drawn, and nothing is without it. */
      {
        const HubSizePeriod *p = &result->periods[result->n_periods - 1];
        HubSizeChartData violin = { result, TRUE };
        cairo_surface_t *with = render (&style, &violin);
        double vhalf = MIN (0.3 * layout.band_width, 60.0);
        guint peak = 0;
        int x, y;

        for (guint b = 0; b < HUB_SIZE_DENSITY_BINS; b++)
          if (p->density[b] > p->density[peak])
            peak = b;
        x = (int) round (hub_size_chart_period_x (&layout, result->n_periods - 1) - 0.7 * vhalf);
        y = (int) round (hub_size_chart_param_to_y (&layout, pow (10, HUB_SIZE_DENSITY_CENTER (peak))));
        /* (A row off the axis's grid lines.) */
        for (int dy = -3; dy <= 3 && probe (surface, x, y).a != 0; dy++)
          y = (int) round (hub_size_chart_param_to_y (&layout, pow (10, HUB_SIZE_DENSITY_CENTER (peak)))) + dy;
        g_assert_cmpint (probe (surface, x, y).a, ==, 0);
        g_assert_cmpint (probe (with, x, y).a, >, 0);
        maybe_save (with, "size-violin.png");
        cairo_surface_destroy (with);
      }
      /* The embedded data holds such periods: 2022 and 2023 by creation. */
      if (cases[c].cohort == HUB_SIZE_COHORT_CREATED)
        g_assert_cmpuint (n_faint, >, 0);
      cairo_surface_destroy (surface);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/size-chart/ticks", test_ticks);
  g_test_add_func ("/size-chart/layout", test_layout);
  g_test_add_func ("/size-chart/render/median", test_render_median);
  g_test_add_func ("/size-chart/render/buckets", test_render_buckets);
  g_test_add_func ("/size-chart/render/narrow", test_render_narrow);
  g_test_add_func ("/size-chart/render/empty", test_render_empty);
  g_test_add_func ("/size-chart/render/real", test_render_real);

  return g_test_run ();
}
