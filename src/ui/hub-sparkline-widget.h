/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HUB_TYPE_SPARKLINE_WIDGET (hub_sparkline_widget_get_type ())
G_DECLARE_FINAL_TYPE (HubSparklineWidget, hub_sparkline_widget, HUB, SPARKLINE_WIDGET, GtkWidget)

/**
 * HubSparklineWidget:
 * Shows a series with hub_sparkline_render(), in the theme's accent colour.
 */
GtkWidget *hub_sparkline_widget_new      (void);
/* Copies @values (NAN = not observed) and @x (nullable: evenly spaced). */
void       hub_sparkline_widget_set_data (HubSparklineWidget *self,
                                          const double       *values,
                                          const double       *x,
                                          guint               n_values);
guint      hub_sparkline_widget_get_n_values (HubSparklineWidget *self);

G_END_DECLS
