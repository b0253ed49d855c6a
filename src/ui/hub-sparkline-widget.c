/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-sparkline-widget.h"

#include <adwaita.h>

#include "hub-chart-view.h"
#include "hub-sparkline.h"

struct _HubSparklineWidget
{
  GtkWidget  parent_instance;
  double    *values;
  double    *x;
  guint      n_values;
};

G_DEFINE_FINAL_TYPE (HubSparklineWidget, hub_sparkline_widget, GTK_TYPE_WIDGET)

static void
color_from_rgba (HubChartColor *out,
                 const GdkRGBA *rgba)
{
  out->red = rgba->red;
  out->green = rgba->green;
  out->blue = rgba->blue;
  out->alpha = rgba->alpha;
}

static void
hub_sparkline_widget_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  HubSparklineWidget *self = HUB_SPARKLINE_WIDGET (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  HubSparklineData data = { self->values, self->x, self->n_values };
  HubChartStyle style;
  HubChartColor fg, accent;
  GdkRGBA rgba;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  hub_chart_view_style_for_screen (&style, adw_style_manager_get_dark (adw_style_manager_get_default ()));

  /* The theme's colours, so that the line follows dark mode and accents. */
  gtk_style_context_get_color (context, &rgba);
  color_from_rgba (&fg, &rgba);
  accent = style.accent;
  if (gtk_style_context_lookup_color (context, "accent_color", &rgba))
    color_from_rgba (&accent, &rgba);
  hub_chart_style_set_colors (&style, &fg, &accent);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  hub_sparkline_render (cr, width, height, &style, &data);
  cairo_destroy (cr);
}

static void
hub_sparkline_widget_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 80;
      *natural = 240;
    }
  else
    {
      *minimum = 32;
      *natural = 56;
    }
}

static void
hub_sparkline_widget_finalize (GObject *object)
{
  HubSparklineWidget *self = HUB_SPARKLINE_WIDGET (object);

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->x, g_free);

  G_OBJECT_CLASS (hub_sparkline_widget_parent_class)->finalize (object);
}

static void
hub_sparkline_widget_class_init (HubSparklineWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hub_sparkline_widget_finalize;
  widget_class->snapshot = hub_sparkline_widget_snapshot;
  widget_class->measure = hub_sparkline_widget_measure;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hub_sparkline_widget_init (HubSparklineWidget *self)
{
}

/**
 * hub_sparkline_widget_new:
 *
 * Returns: (transfer full): a new, empty sparkline.
 */
GtkWidget *
hub_sparkline_widget_new (void)
{
  return g_object_new (HUB_TYPE_SPARKLINE_WIDGET, NULL);
}

/**
 * hub_sparkline_widget_set_data:
 * @self: a sparkline
 * @values: (array length=n_values): the series, NAN where not observed
 * @x: (array length=n_values) (nullable): positions (e.g. capture times)
 * @n_values: number of points
 *
 * Replaces the series and redraws.
 */
void
hub_sparkline_widget_set_data (HubSparklineWidget *self,
                               const double       *values,
                               const double       *x,
                               guint               n_values)
{
  g_return_if_fail (HUB_IS_SPARKLINE_WIDGET (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->x, g_free);
  self->n_values = n_values;
  if (n_values > 0)
    {
      self->values = g_memdup2 (values, n_values * sizeof (double));
      if (x != NULL)
        self->x = g_memdup2 (x, n_values * sizeof (double));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * hub_sparkline_widget_get_n_values:
 * Returns: the number of points shown.
 */
guint
hub_sparkline_widget_get_n_values (HubSparklineWidget *self)
{
  g_return_val_if_fail (HUB_IS_SPARKLINE_WIDGET (self), 0);
  return self->n_values;
}
