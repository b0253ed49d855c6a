/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-adaptive-bin.h"

struct _HubAdaptiveBin
{
  AdwBin                parent_instance;

  int                   narrow_width;
  HubAdaptiveNarrowFunc narrow_func;
  gpointer              narrow_data;
  gboolean              narrow;
  int                   wide_minimum;   /* the child's minimum width when it last turned narrow */
  guint                 layout_source;
};

G_DEFINE_FINAL_TYPE (HubAdaptiveBin, hub_adaptive_bin, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_NARROW_WIDTH,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
child_minimum_width (GtkWidget *child)
{
  int minimum = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static void
hub_adaptive_bin_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HubAdaptiveBin *self = HUB_ADAPTIVE_BIN (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    /* Given less than its minimum width, the child gets its minimum. */
    for_size = MAX (for_size, child_minimum_width (child));
  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && !self->narrow)
    *minimum = MIN (*minimum, HUB_ADAPTIVE_BIN_NARROWEST);
}

static gboolean
ask_narrow (HubAdaptiveBin *self,
            int             width)
{
  if (self->narrow_func != NULL)
    return self->narrow_func (self, width, self->narrow_data);
  return width < self->narrow_width;
}

/* Whether @width asks for the narrow layout, the child measuring
 * @child_minimum in the layout it is in. */
static gboolean
want_narrow (HubAdaptiveBin *self,
             int             width,
             int             child_minimum)
{

  if (!self->narrow)
    return width < child_minimum || ask_narrow (self, width);
  /* Wide again only where the wide layout fits. */
  return width < self->wide_minimum || ask_narrow (self, width);
}

static gboolean
update_layout (gpointer user_data)
{
  HubAdaptiveBin *self = user_data;
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int child_minimum;
  gboolean narrow;

  self->layout_source = 0;
  if (child == NULL || width <= 0)
    return G_SOURCE_REMOVE;

  child_minimum = child_minimum_width (child);
  narrow = want_narrow (self, width, child_minimum);
  if (narrow == self->narrow)
    return G_SOURCE_REMOVE;

  g_debug ("%s: %s at %d px (the layout shown needs %d px)",
           gtk_widget_get_parent (GTK_WIDGET (self)) != NULL
             ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (GTK_WIDGET (self))) : "HubAdaptiveBin",
           narrow ? "narrow" : "wide", width, child_minimum);
  if (narrow)
    self->wide_minimum = child_minimum;
  self->narrow = narrow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
hub_adaptive_bin_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HubAdaptiveBin *self = HUB_ADAPTIVE_BIN (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  int child_minimum, child_height;

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  /* Never below the child's minimum: the rest is clipped until the
   * narrow layout applies. */
  child_minimum = child_minimum_width (child);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, MAX (width, child_minimum), &child_height, NULL, NULL, NULL);
  gtk_widget_allocate (child, MAX (width, child_minimum), MAX (height, child_height),
                       width >= child_minimum ? baseline : -1, NULL);

  /* Changing the layout during an allocation is not allowed: next idle
   * (default priority: redraws would starve a low-priority idle). */
  if (self->layout_source == 0 && want_narrow (self, width, child_minimum) != self->narrow)
    self->layout_source = g_idle_add_full (G_PRIORITY_DEFAULT, update_layout, self, NULL);
}

static void
hub_adaptive_bin_dispose (GObject *object)
{
  HubAdaptiveBin *self = HUB_ADAPTIVE_BIN (object);

  self->narrow_func = NULL;
  g_clear_handle_id (&self->layout_source, g_source_remove);
  G_OBJECT_CLASS (hub_adaptive_bin_parent_class)->dispose (object);
}

static void
hub_adaptive_bin_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HubAdaptiveBin *self = HUB_ADAPTIVE_BIN (object);

  switch (prop_id)
    {
    case PROP_NARROW_WIDTH:
      g_value_set_int (value, hub_adaptive_bin_get_narrow_width (self));
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, hub_adaptive_bin_get_narrow (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_adaptive_bin_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HubAdaptiveBin *self = HUB_ADAPTIVE_BIN (object);

  switch (prop_id)
    {
    case PROP_NARROW_WIDTH:
      hub_adaptive_bin_set_narrow_width (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_adaptive_bin_class_init (HubAdaptiveBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_adaptive_bin_dispose;
  object_class->get_property = hub_adaptive_bin_get_property;
  object_class->set_property = hub_adaptive_bin_set_property;
  widget_class->measure = hub_adaptive_bin_measure;
  widget_class->size_allocate = hub_adaptive_bin_size_allocate;

  properties[PROP_NARROW_WIDTH] =
    g_param_spec_int ("narrow-width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hub_adaptive_bin_init (HubAdaptiveBin *self)
{
  /* measure() and size_allocate() lay the child out, not AdwBin's layout
   * manager, to see the width on every allocation. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/**
 * hub_adaptive_bin_new:
 * Returns: a new adaptive bin, wide, with no narrow width
 */
GtkWidget *
hub_adaptive_bin_new (void)
{
  return g_object_new (HUB_TYPE_ADAPTIVE_BIN, NULL);
}

/**
 * hub_adaptive_bin_set_narrow_width:
 * @self: an adaptive bin
 * @narrow_width: the width in pixels below which the narrow layout applies
 *   (0: only when the wide layout does not fit)
 */
void
hub_adaptive_bin_set_narrow_width (HubAdaptiveBin *self,
                                   int             narrow_width)
{
  g_return_if_fail (HUB_IS_ADAPTIVE_BIN (self));
  g_return_if_fail (narrow_width >= 0);

  if (self->narrow_width == narrow_width)
    return;
  self->narrow_width = narrow_width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW_WIDTH]);
  hub_adaptive_bin_update (self);
}

/**
 * hub_adaptive_bin_set_narrow_func:
 * @self: an adaptive bin
 * @func: (nullable): decides whether a width asks for the narrow layout,
 *   instead of `narrow-width`
 * @user_data: for @func (not owned: a page passes itself)
 */
void
hub_adaptive_bin_set_narrow_func (HubAdaptiveBin        *self,
                                  HubAdaptiveNarrowFunc  func,
                                  gpointer               user_data)
{
  g_return_if_fail (HUB_IS_ADAPTIVE_BIN (self));

  self->narrow_func = func;
  self->narrow_data = user_data;
  hub_adaptive_bin_update (self);
}

/**
 * hub_adaptive_bin_get_narrow_width:
 * Returns: the width below which the narrow layout applies
 */
int
hub_adaptive_bin_get_narrow_width (HubAdaptiveBin *self)
{
  g_return_val_if_fail (HUB_IS_ADAPTIVE_BIN (self), 0);
  return self->narrow_width;
}

/**
 * hub_adaptive_bin_get_narrow:
 * Returns: %TRUE while the narrow layout applies
 */
gboolean
hub_adaptive_bin_get_narrow (HubAdaptiveBin *self)
{
  g_return_val_if_fail (HUB_IS_ADAPTIVE_BIN (self), FALSE);
  return self->narrow;
}

/**
 * hub_adaptive_bin_update:
 * @self: an adaptive bin
 *
 * Decides the layout again after the next allocation, for a subclass
 * whose want_narrow() criterion changed.
 */
void
hub_adaptive_bin_update (HubAdaptiveBin *self)
{
  g_return_if_fail (HUB_IS_ADAPTIVE_BIN (self));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
