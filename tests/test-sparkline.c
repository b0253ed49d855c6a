/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "hub-sparkline.h"
#include "hub-test-util.h"

#define W 200
#define H 50

static HubChartStyle
opaque_style (void)
{
  HubChartStyle style;
  HubChartColor fg = { 0.f, 0.f, 0.f, 1.f };
  HubChartColor accent = { 1.f, 0.f, 0.f, 1.f };

  hub_chart_style_init_default (&style, FALSE);
  hub_chart_style_set_colors (&style, &fg, &accent);
  style.line_width = 2.0;
  return style;
}

static void
test_range (void)
{
  const double values[] = { 5, NAN, 2, 9, 9, 4 };
  HubSparklineData data = { values, NULL, G_N_ELEMENTS (values) };
  HubSparklineRange range;

  g_assert_true (hub_sparkline_get_range (&data, &range));
  g_assert_cmpfloat (range.min, ==, 2);
  g_assert_cmpfloat (range.max, ==, 9);
  g_assert_cmpuint (range.min_index, ==, 2);
  /* The first of equal maxima. */
  g_assert_cmpuint (range.max_index, ==, 3);
  g_assert_cmpuint (range.n_valid, ==, 5);
  g_assert_cmpfloat (range.x_min, ==, 0);
  g_assert_cmpfloat (range.x_max, ==, 5);
}

static void
test_scaling (void)
{
  const double values[] = { 10, 20, 40 };
  const double xs[] = { 100, 150, 300 };
  HubSparklineData data = { values, xs, 3 };
  HubSparklineRange range;
  HubSparklineArea area = { 10, 5, 200, 100 };
  double x, y;

  g_assert_true (hub_sparkline_get_range (&data, &range));

  /* Minimum at the bottom left, maximum at the top right. */
  g_assert_true (hub_sparkline_map_point (&data, &range, &area, 0, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 105, 1e-9);
  g_assert_true (hub_sparkline_map_point (&data, &range, &area, 2, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 210, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 5, 1e-9);

  /* Uneven x: 150 is a quarter of the way from 100 to 300; 20 is a third
   * of the way from 10 to 40. */
  g_assert_true (hub_sparkline_map_point (&data, &range, &area, 1, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 10 + 200 * 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 5 + 100 * (1 - 1.0 / 3), 1e-9);
}

static void
test_single_point_and_flat (void)
{
  const double one[] = { NAN, 42, NAN };
  const double flat[] = { 7, 7, 7, 7 };
  HubSparklineData data = { one, NULL, 3 };
  HubSparklineRange range;
  HubSparklineArea area = { 0, 0, 100, 40 };
  double x, y;

  g_assert_true (hub_sparkline_get_range (&data, &range));
  g_assert_cmpuint (range.n_valid, ==, 1);
  g_assert_cmpfloat (range.min, ==, 42);
  g_assert_cmpfloat (range.max, ==, 42);
  g_assert_false (hub_sparkline_map_point (&data, &range, &area, 0, &x, &y));
  g_assert_true (hub_sparkline_map_point (&data, &range, &area, 1, &x, &y));
  g_assert_cmpfloat (x, ==, 50);
  g_assert_cmpfloat (y, ==, 20);

  data = (HubSparklineData) { flat, NULL, 4 };
  g_assert_true (hub_sparkline_get_range (&data, &range));
  g_assert_true (hub_sparkline_map_point (&data, &range, &area, 3, &x, &y));
  g_assert_cmpfloat (x, ==, 100);
  g_assert_cmpfloat (y, ==, 20);
}

static void
test_empty (void)
{
  const double missing[] = { NAN, NAN };
  HubSparklineData data = { NULL, NULL, 0 };
  HubSparklineRange range;

  g_assert_false (hub_sparkline_get_range (&data, &range));
  g_assert_cmpuint (range.n_valid, ==, 0);

  data = (HubSparklineData) { missing, NULL, 2 };
  g_assert_false (hub_sparkline_get_range (&data, &range));
}

static void
test_area (void)
{
  HubChartStyle style = opaque_style ();
  HubSparklineArea area;

  hub_sparkline_get_area (W, H, &style, &area);
  g_assert_cmpfloat (area.x, >, 0);
  g_assert_cmpfloat (area.y, >, 0);
  g_assert_cmpfloat (area.x + area.width, <, W);
  g_assert_cmpfloat (area.y + area.height, <, H);

  /* Too small for any drawing: never a negative size. */
  hub_sparkline_get_area (2, 2, &style, &area);
  g_assert_cmpfloat (area.width, ==, 0);
  g_assert_cmpfloat (area.height, ==, 0);
}

/* Returns the red and alpha bytes of the pixel at (x, y). */
static void
probe (cairo_surface_t *surface,
       int              x,
       int              y,
       guint8          *red,
       guint8          *alpha)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(guint32 *) (data + y * stride + x * 4);

  *alpha = pixel >> 24;
  *red = (pixel >> 16) & 0xff;
}

static cairo_surface_t *
render (const HubSparklineData *data)
{
  HubChartStyle style = opaque_style ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  hub_sparkline_render (cr, W, H, &style, data);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_render_rising (void)
{
  const double values[] = { 0, 100 };
  HubSparklineData data = { values, NULL, 2 };
  HubChartStyle style = opaque_style ();
  HubSparklineRange range;
  HubSparklineArea area;
  cairo_surface_t *surface = render (&data);
  double x0, y0, x1, y1;
  guint8 red, alpha;

  hub_sparkline_get_range (&data, &range);
  hub_sparkline_get_area (W, H, &style, &area);
  hub_sparkline_map_point (&data, &range, &area, 0, &x0, &y0);
  hub_sparkline_map_point (&data, &range, &area, 1, &x1, &y1);

  /* The middle of the line is drawn in the accent (pure red; the bytes are
   * premultiplied, so red equals alpha). */
  probe (surface, (int) ((x0 + x1) / 2), (int) ((y0 + y1) / 2), &red, &alpha);
  g_assert_cmpuint (alpha, >=, 200);
  g_assert_cmpuint (red, ==, alpha);

  /* The last point gets an accent dot. */
  probe (surface, (int) x1, (int) y1, &red, &alpha);
  g_assert_cmpuint (alpha, ==, 255);
  g_assert_cmpuint (red, ==, 255);

  /* Under the line, the area is filled with a light tint of the accent. */
  probe (surface, (int) (x0 + (x1 - x0) * 0.75), (int) (area.y + area.height - 3), &red, &alpha);
  g_assert_cmpuint (alpha, >, 20);
  g_assert_cmpuint (alpha, <, 100);

  /* Above the line (top left corner of the plot) nothing is drawn. */
  probe (surface, (int) (area.x + 4), (int) (area.y + 2), &red, &alpha);
  g_assert_cmpuint (alpha, ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_render_empty (void)
{
  HubSparklineData data = { NULL, NULL, 0 };
  cairo_surface_t *surface = render (&data);
  guint8 red, alpha;
  guint drawn = 0;

  /* A dashed baseline across the middle, nothing anywhere else. */
  for (int x = 0; x < W; x++)
    {
      probe (surface, x, H / 2, &red, &alpha);
      drawn += alpha > 0;
    }
  g_assert_cmpuint (drawn, >, W / 4);
  g_assert_cmpuint (drawn, <, W);
  for (int x = 0; x < W; x++)
    {
      probe (surface, x, 2, &red, &alpha);
      g_assert_cmpuint (alpha, ==, 0);
    }

  cairo_surface_destroy (surface);
}

static void
test_render_clipped (void)
{
  const double values[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
  HubSparklineData data = { values, NULL, G_N_ELEMENTS (values) };
  HubChartStyle style = opaque_style ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  guint8 red, alpha;

  /* Rendered into the left half only: the right half stays empty. */
  hub_sparkline_render (cr, W / 2, H, &style, &data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < H; y++)
    for (int x = W / 2; x < W; x++)
      {
        probe (surface, x, y, &red, &alpha);
        g_assert_cmpuint (alpha, ==, 0);
      }
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sparkline/range", test_range);
  g_test_add_func ("/sparkline/scaling", test_scaling);
  g_test_add_func ("/sparkline/single-point-and-flat", test_single_point_and_flat);
  g_test_add_func ("/sparkline/empty", test_empty);
  g_test_add_func ("/sparkline/area", test_area);
  g_test_add_func ("/sparkline/render-rising", test_render_rising);
  g_test_add_func ("/sparkline/render-empty", test_render_empty);
  g_test_add_func ("/sparkline/render-clipped", test_render_clipped);

  return g_test_run ();
}
