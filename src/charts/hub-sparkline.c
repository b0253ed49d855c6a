/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-sparkline.h"

#include <math.h>

#define DOT_RADIUS 2.5

static double
point_x (const HubSparklineData *data,
         guint                   index)
{
  return data->x != NULL ? data->x[index] : (double) index;
}

/**
 * hub_sparkline_get_range:
 * @data: a series
 * @range: (out): receives the extent of its observed points
 *
 * Returns: %TRUE when at least one point was observed.
 */
gboolean
hub_sparkline_get_range (const HubSparklineData *data,
                         HubSparklineRange      *range)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  *range = (HubSparklineRange) { 0 };

  for (guint i = 0; i < data->n_values; i++)
    {
      double v = data->values[i];
      double x = point_x (data, i);

      if (isnan (v))
        continue;

      if (range->n_valid == 0)
        {
          range->min = range->max = v;
          range->min_index = range->max_index = i;
          range->x_min = range->x_max = x;
        }
      else
        {
          if (v < range->min)
            {
              range->min = v;
              range->min_index = i;
            }
          if (v > range->max)
            {
              range->max = v;
              range->max_index = i;
            }
          range->x_min = MIN (range->x_min, x);
          range->x_max = MAX (range->x_max, x);
        }
      range->n_valid++;
    }

  return range->n_valid > 0;
}

/**
 * hub_sparkline_get_area:
 * @width: surface width
 * @height: surface height
 * @style: the style (its line width decides the inset)
 * @area: (out): the plot rectangle
 *
 * Insets the drawing area so that the line and the dots stay inside.
 */
void
hub_sparkline_get_area (int                  width,
                        int                  height,
                        const HubChartStyle *style,
                        HubSparklineArea    *area)
{
  double inset;

  g_return_if_fail (style != NULL);
  g_return_if_fail (area != NULL);

  inset = MAX (style->line_width / 2.0, DOT_RADIUS) + 1.0;
  area->x = inset;
  area->y = inset;
  area->width = MAX (0.0, width - 2 * inset);
  area->height = MAX (0.0, height - 2 * inset);
}

/**
 * hub_sparkline_map_point:
 * @data: a series
 * @range: its range, from hub_sparkline_get_range()
 * @area: the plot rectangle
 * @index: a point of @data
 * @out_x: (out): horizontal position
 * @out_y: (out): vertical position (larger values are higher up)
 *
 * Returns: %FALSE when the point was not observed.
 */
gboolean
hub_sparkline_map_point (const HubSparklineData  *data,
                         const HubSparklineRange *range,
                         const HubSparklineArea  *area,
                         guint                    index,
                         double                  *out_x,
                         double                  *out_y)
{
  double v, fx, fy;

  g_return_val_if_fail (data != NULL && range != NULL && area != NULL, FALSE);
  g_return_val_if_fail (index < data->n_values, FALSE);

  v = data->values[index];
  if (isnan (v))
    return FALSE;

  if (range->x_max > range->x_min)
    fx = (point_x (data, index) - range->x_min) / (range->x_max - range->x_min);
  else
    fx = 0.5;

  if (range->max > range->min)
    fy = (v - range->min) / (range->max - range->min);
  else
    fy = 0.5;

  *out_x = area->x + fx * area->width;
  *out_y = area->y + (1.0 - fy) * area->height;
  return TRUE;
}

static void
set_color (cairo_t             *cr,
           const HubChartColor *color,
           double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
draw_dot (cairo_t             *cr,
          double               x,
          double               y,
          const HubChartColor *color)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, DOT_RADIUS, 0, 2 * G_PI);
  set_color (cr, color, 1.0);
  cairo_fill (cr);
}

/* Traces the observed points; a missing point breaks the line. With
 * @close_to the baseline, each run becomes a closed area. */
static void
trace (cairo_t                 *cr,
       const HubSparklineData  *data,
       const HubSparklineRange *range,
       const HubSparklineArea  *area,
       gboolean                 fill)
{
  double baseline = area->y + area->height;
  double first_x = 0, last_x = 0;
  gboolean in_run = FALSE;

  for (guint i = 0; i <= data->n_values; i++)
    {
      double x, y;

      if (i < data->n_values && hub_sparkline_map_point (data, range, area, i, &x, &y))
        {
          if (!in_run)
            {
              cairo_move_to (cr, x, y);
              first_x = x;
              in_run = TRUE;
            }
          else
            cairo_line_to (cr, x, y);
          last_x = x;
        }
      else if (in_run)
        {
          if (fill)
            {
              cairo_line_to (cr, last_x, baseline);
              cairo_line_to (cr, first_x, baseline);
              cairo_close_path (cr);
            }
          in_run = FALSE;
        }
    }
}

/**
 * hub_sparkline_render:
 * @cr: a cairo context
 * @width: width of the drawing, in user units
 * @height: height of the drawing
 * @style: colours and line width
 * @data: the series
 *
 * Draws a sparkline of @data into (0, 0, @width, @height).
 */
void
hub_sparkline_render (cairo_t                *cr,
                      int                     width,
                      int                     height,
                      const HubChartStyle    *style,
                      const HubSparklineData *data)
{
  HubSparklineRange range;
  HubSparklineArea area;
  double x, y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (style->background.alpha > 0)
    {
      set_color (cr, &style->background, 1.0);
      cairo_paint (cr);
    }

  hub_sparkline_get_area (width, height, style, &area);

  if (!hub_sparkline_get_range (data, &range))
    {
      static const double dash[] = { 3.0, 3.0 };

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, area.x, floor (area.y + area.height / 2) + 0.5);
      cairo_line_to (cr, area.x + area.width, floor (area.y + area.height / 2) + 0.5);
      set_color (cr, &style->muted, 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  /* Baseline under the series. */
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, area.x, floor (area.y + area.height) + 0.5);
  cairo_line_to (cr, area.x + area.width, floor (area.y + area.height) + 0.5);
  set_color (cr, &style->grid, 1.0);
  cairo_stroke (cr);

  if (range.n_valid > 1)
    {
      trace (cr, data, &range, &area, TRUE);
      set_color (cr, &style->accent, 0.18);
      cairo_fill (cr);

      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, style->line_width);
      trace (cr, data, &range, &area, FALSE);
      set_color (cr, &style->accent, 1.0);
      cairo_stroke (cr);

      if (hub_sparkline_map_point (data, &range, &area, range.min_index, &x, &y))
        draw_dot (cr, x, y, &style->muted);
      if (hub_sparkline_map_point (data, &range, &area, range.max_index, &x, &y))
        draw_dot (cr, x, y, &style->accent);
    }

  /* The latest observation. */
  for (guint i = data->n_values; i > 0; i--)
    if (hub_sparkline_map_point (data, &range, &area, i - 1, &x, &y))
      {
        draw_dot (cr, x, y, &style->accent);
        break;
      }

  cairo_restore (cr);
}
