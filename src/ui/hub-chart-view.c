/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-chart-view.h"
#include "hub-settings.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _HubChartView
{
  GtkWidget              parent_instance;

  HubChartRenderFunc     func;
  gpointer               data;
  GDestroyNotify         destroy;
  HubChartViewHoverFunc  hover_func;
  gpointer               hover_data;
  cairo_surface_t       *cache;   /* for hub_chart_view_pick() */
};

G_DEFINE_FINAL_TYPE (HubChartView, hub_chart_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_PRESSED,
  SIGNAL_STEP,
  SIGNAL_STEP_ROW,
  SIGNAL_RESIZED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
color_from_rgba (HubChartColor *out,
                 const GdkRGBA *rgba)
{
  out->red = rgba->red;
  out->green = rgba->green;
  out->blue = rgba->blue;
  out->alpha = rgba->alpha;
}

/* The app's settings for chart looks, opened once (NULL without the
 * schema): every view and page reads the palette through it. */
static GSettings *
chart_settings (void)
{
  static GSettings *settings;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      settings = hub_settings_new ();
      g_once_init_leave (&once, 1);
    }
  return settings;
}

/**
 * hub_chart_view_style_for_screen:
 * @out: (out caller-allocates): the style
 * @dark: the dark variant (adw_style_manager_get_dark() for the screen,
 *   FALSE for export)
 *
 * The default style with the palette chosen in Preferences
 * ("chart-palette"). Every chart of the window starts from this.
 */
void
hub_chart_view_style_for_screen (HubChartStyle *out,
                                 gboolean       dark)
{
  GSettings *settings = chart_settings ();
  HubChartPalette palette = HUB_CHART_PALETTE_DEFAULT;

  g_return_if_fail (out != NULL);

  hub_chart_style_init_default (out, dark);
  if (settings != NULL)
    {
      g_autofree char *name = g_settings_get_string (settings, "chart-palette");

      if (hub_chart_palette_from_string (name, &palette))
        hub_chart_style_set_palette (out, palette);
    }
}

static void
queue_draw_on_change (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
}

/**
 * hub_chart_view_watch_style:
 * @widget: a widget that draws a chart
 *
 * Redraws @widget whenever the palette setting or dark mode changes (for
 * the size of @widget's life). HubChartView does this itself.
 */
void
hub_chart_view_watch_style (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (chart_settings () != NULL)
    g_signal_connect_object (chart_settings (), "changed::chart-palette",
                             G_CALLBACK (queue_draw_on_change), widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (queue_draw_on_change), widget, G_CONNECT_SWAPPED);
}

/**
 * hub_chart_view_get_style:
 * @self: a chart view
 * @out_style: (out caller-allocates): the style
 *
 * The default style in the theme's variant, with its text and accent
 * colours.
 */
void
hub_chart_view_get_style (HubChartView  *self,
                          HubChartStyle *out_style)
{
  GtkStyleContext *context;
  HubChartColor fg, accent;
  GdkRGBA rgba;

  g_return_if_fail (HUB_IS_CHART_VIEW (self));
  g_return_if_fail (out_style != NULL);

  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  hub_chart_view_style_for_screen (out_style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &rgba);
  color_from_rgba (&fg, &rgba);
  accent = out_style->accent;
  if (gtk_style_context_lookup_color (context, "accent_color", &rgba))
    color_from_rgba (&accent, &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  hub_chart_style_set_colors (out_style, &fg, &accent);
}

static void
invalidate (HubChartView *self)
{
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
hub_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  HubChartView *self = HUB_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  HubChartStyle style;
  cairo_t *cr;

  if (self->func == NULL || width <= 0 || height <= 0)
    return;
  hub_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->func (cr, width, height, &style, self->data);
  cairo_destroy (cr);
}

static void
hub_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  g_clear_pointer (&HUB_CHART_VIEW (widget)->cache, cairo_surface_destroy);
  g_signal_emit (widget, signals[SIGNAL_RESIZED], 0, width, height);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  HubChartView *self = HUB_CHART_VIEW (widget);
  g_autofree char *markup = NULL;

  if (keyboard)
    return FALSE;
  markup = hub_chart_view_dup_hover_text (self, x, y);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            HubChartView    *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_PRESSED], 0, x, y);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HubChartView          *self)
{
  int delta;

  /* Up and Down move between rows of a chart that has them (a grid);
   * elsewhere they scroll the page as usual. */
  if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_signal_has_handler_pending (self, signals[SIGNAL_STEP_ROW], 0, FALSE))
    {
      g_signal_emit (self, signals[SIGNAL_STEP_ROW], 0,
                     keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1);
      return GDK_EVENT_STOP;
    }
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: delta = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: delta = 1; break;
    case GDK_KEY_Home: delta = G_MININT; break;
    case GDK_KEY_End: delta = G_MAXINT; break;
    default: return GDK_EVENT_PROPAGATE;
    }
  g_signal_emit (self, signals[SIGNAL_STEP], 0, delta);
  return GDK_EVENT_STOP;
}

static void
hub_chart_view_dispose (GObject *object)
{
  HubChartView *self = HUB_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), invalidate, self);
  if (chart_settings () != NULL)
    g_signal_handlers_disconnect_by_func (chart_settings (), invalidate, self);
  hub_chart_view_set_renderer (self, NULL, NULL, NULL);
  G_OBJECT_CLASS (hub_chart_view_parent_class)->dispose (object);
}

static void
hub_chart_view_class_init (HubChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_chart_view_dispose;
  widget_class->snapshot = hub_chart_view_snapshot;
  widget_class->size_allocate = hub_chart_view_size_allocate;

  /**
   * HubChartView::pressed:
   * A click at (x, y).
   */
  signals[SIGNAL_PRESSED] = g_signal_new ("pressed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * HubChartView::step:
   * A key asked to move by delta (-1, 1; G_MININT for Home, G_MAXINT for End).
   */
  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * HubChartView::step-row:
   * Up or Down asked to move a row (-1, 1); emitted only when connected.
   */
  signals[SIGNAL_STEP_ROW] = g_signal_new ("step-row", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * HubChartView::resized:
   * Allocated (width, height): for a chart laid out after another one.
   */
  signals[SIGNAL_RESIZED] = g_signal_new ("resized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hub_chart_view_init (HubChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (invalidate), self);
  if (chart_settings () != NULL)
    g_signal_connect_swapped (chart_settings (), "changed::chart-palette", G_CALLBACK (invalidate), self);
}

/**
 * hub_chart_view_new:
 * Returns: (transfer full): a chart view that draws nothing yet.
 */
GtkWidget *
hub_chart_view_new (void)
{
  return g_object_new (HUB_TYPE_CHART_VIEW, NULL);
}

/**
 * hub_chart_view_set_renderer:
 * @self: a chart view
 * @func: (nullable): the renderer
 * @data: (nullable): its data
 * @destroy: (nullable): frees @data
 *
 * Replaces what the view draws.
 */
void
hub_chart_view_set_renderer (HubChartView       *self,
                             HubChartRenderFunc  func,
                             gpointer            data,
                             GDestroyNotify      destroy)
{
  g_return_if_fail (HUB_IS_CHART_VIEW (self));

  if (self->destroy != NULL && self->data != NULL)
    self->destroy (self->data);
  self->func = func;
  self->data = data;
  self->destroy = destroy;
  invalidate (self);
}

/**
 * hub_chart_view_get_data:
 * Returns: (transfer none) (nullable): the renderer's data.
 */
gpointer
hub_chart_view_get_data (HubChartView *self)
{
  g_return_val_if_fail (HUB_IS_CHART_VIEW (self), NULL);
  return self->data;
}

/**
 * hub_chart_view_set_hover_func:
 * @func: (nullable): gives the tooltip of a point
 */
void
hub_chart_view_set_hover_func (HubChartView          *self,
                               HubChartViewHoverFunc  func,
                               gpointer               user_data)
{
  g_return_if_fail (HUB_IS_CHART_VIEW (self));
  self->hover_func = func;
  self->hover_data = user_data;
}

/**
 * hub_chart_view_dup_hover_text:
 * @x: (in widget coordinates)
 *
 * What the tooltip shows with the pointer at (@x, @y) at the view's
 * current size.
 * Returns: (transfer full) (nullable): Pango markup, NULL for no tooltip
 */
char *
hub_chart_view_dup_hover_text (HubChartView *self,
                               double        x,
                               double        y)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_val_if_fail (HUB_IS_CHART_VIEW (self), NULL);

  if (self->hover_func == NULL)
    return NULL;
  return self->hover_func (self, x, y, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                           self->hover_data);
}

/**
 * hub_chart_view_set_description:
 * @label: the chart's name
 * @description: (nullable): its main numbers in a sentence
 */
void
hub_chart_view_set_description (HubChartView *self,
                                const char   *label,
                                const char   *description)
{
  g_return_if_fail (HUB_IS_CHART_VIEW (self));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

/**
 * hub_chart_view_pick:
 * @out_color: (out): the colour at (@x, @y), opaque
 *
 * Returns: FALSE outside the view or when nothing is drawn.
 */
gboolean
hub_chart_view_pick (HubChartView  *self,
                     double         x,
                     double         y,
                     HubChartColor *out_color)
{
  int width, height, ix = (int) x, iy = (int) y, stride;
  const guint8 *row;
  guint32 pixel;

  g_return_val_if_fail (HUB_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (out_color != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->func == NULL || ix < 0 || iy < 0 || ix >= width || iy >= height)
    return FALSE;
  if (self->cache == NULL || cairo_image_surface_get_width (self->cache) != width ||
      cairo_image_surface_get_height (self->cache) != height)
    {
      HubChartStyle style;
      cairo_t *cr;

      g_clear_pointer (&self->cache, cairo_surface_destroy);
      hub_chart_view_get_style (self, &style);
      self->cache = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cr = cairo_create (self->cache);
      /* Antialiasing would blend neighbouring colours at the edges. */
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      hub_chart_set_source (cr, &style.paper, 1.0);
      cairo_paint (cr);
      self->func (cr, width, height, &style, self->data);
      cairo_destroy (cr);
      cairo_surface_flush (self->cache);
    }
  stride = cairo_image_surface_get_stride (self->cache);
  row = cairo_image_surface_get_data (self->cache) + (gsize) iy * stride;
  pixel = ((const guint32 *) row)[ix];
  out_color->red = ((pixel >> 16) & 0xff) / 255.0;
  out_color->green = ((pixel >> 8) & 0xff) / 255.0;
  out_color->blue = (pixel & 0xff) / 255.0;
  out_color->alpha = 1.0;
  return TRUE;
}

/**
 * hub_chart_view_redraw:
 * Draws again after the renderer's data changed in place.
 */
void
hub_chart_view_redraw (HubChartView *self)
{
  g_return_if_fail (HUB_IS_CHART_VIEW (self));
  invalidate (self);
}
