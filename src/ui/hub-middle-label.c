/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-middle-label.h"

#define ELLIPSIS "…"

struct _HubMiddleLabel
{
  GtkWidget  parent_instance;

  char      *text;
  char      *shown;        /* the text fitted to shown_width */
  int        shown_width;
};

G_DEFINE_FINAL_TYPE (HubMiddleLabel, hub_middle_label, GTK_TYPE_WIDGET)

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int width = 0;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* @n_keep characters of @text kept: the first half (rounded up) and the last
 * half around the ellipsis. */
static char *
cut_text (const char *text,
          glong       n_chars,
          glong       n_keep)
{
  glong head = (n_keep + 1) / 2;
  glong tail = n_keep - head;
  const char *head_end = g_utf8_offset_to_pointer (text, head);
  const char *tail_start = g_utf8_offset_to_pointer (text, n_chars - tail);
  g_autofree char *start = g_strndup (text, head_end - text);

  return g_strconcat (start, ELLIPSIS, tail_start, NULL);
}

/**
 * hub_middle_label_fit:
 * @self: a middle label
 * @width: the width available, in px
 *
 * Returns: (transfer full): the text as shown in @width px: whole when it
 *   fits, else as many of its characters as fit, split around "…".
 */
char *
hub_middle_label_fit (HubMiddleLabel *self,
                      int             width)
{
  g_autoptr(PangoLayout) layout = NULL;
  glong n_chars, low, high;

  g_return_val_if_fail (HUB_IS_MIDDLE_LABEL (self), NULL);

  if (self->text == NULL)
    return g_strdup ("");
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  if (text_width (layout, self->text) <= width)
    return g_strdup (self->text);

  /* The most characters kept whose cut text fits. */
  n_chars = g_utf8_strlen (self->text, -1);
  low = 0;
  high = n_chars - 1;
  while (low < high)
    {
      glong mid = (low + high + 1) / 2;
      g_autofree char *cut = cut_text (self->text, n_chars, mid);

      if (text_width (layout, cut) <= width)
        low = mid;
      else
        high = mid - 1;
    }
  return cut_text (self->text, n_chars, low);
}

static const char *
shown_text (HubMiddleLabel *self,
            int             width)
{
  if (self->shown == NULL || self->shown_width != width)
    {
      g_free (self->shown);
      self->shown = hub_middle_label_fit (self, width);
      self->shown_width = width;
    }
  return self->shown;
}

static void
hub_middle_label_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HubMiddleLabel *self = HUB_MIDDLE_LABEL (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = text_width (layout, ELLIPSIS);
      *natural = MAX (*minimum, width);
    }
  else
    {
      *minimum = *natural = height;
      *minimum_baseline = *natural_baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;
    }
}

static void
hub_middle_label_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  HubMiddleLabel *self = HUB_MIDDLE_LABEL (widget);
  int width = gtk_widget_get_width (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, shown_text (self, width));
  GdkRGBA color;
  int height;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  pango_layout_get_pixel_size (layout, NULL, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (gtk_widget_get_height (widget) - height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
hub_middle_label_finalize (GObject *object)
{
  HubMiddleLabel *self = HUB_MIDDLE_LABEL (object);

  g_free (self->text);
  g_free (self->shown);

  G_OBJECT_CLASS (hub_middle_label_parent_class)->finalize (object);
}

static void
hub_middle_label_class_init (HubMiddleLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hub_middle_label_finalize;
  widget_class->measure = hub_middle_label_measure;
  widget_class->snapshot = hub_middle_label_snapshot;
  /* Styled as a label (font, colours of selected rows). */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
hub_middle_label_init (HubMiddleLabel *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/**
 * hub_middle_label_new:
 *
 * Returns: (transfer floating): a new empty middle label.
 */
GtkWidget *
hub_middle_label_new (void)
{
  return g_object_new (HUB_TYPE_MIDDLE_LABEL, NULL);
}

/**
 * hub_middle_label_set_text:
 * @self: a middle label
 * @text: (nullable): the text
 */
void
hub_middle_label_set_text (HubMiddleLabel *self,
                           const char     *text)
{
  g_return_if_fail (HUB_IS_MIDDLE_LABEL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->shown, g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * hub_middle_label_get_text:
 * Returns: (transfer none) (nullable): the whole text.
 */
const char *
hub_middle_label_get_text (HubMiddleLabel *self)
{
  g_return_val_if_fail (HUB_IS_MIDDLE_LABEL (self), NULL);
  return self->text;
}

/**
 * hub_middle_label_is_ellipsized:
 * Returns: %TRUE when the text shown at the current width is cut.
 */
gboolean
hub_middle_label_is_ellipsized (HubMiddleLabel *self)
{
  g_return_val_if_fail (HUB_IS_MIDDLE_LABEL (self), FALSE);
  return self->text != NULL && g_strcmp0 (shown_text (self, gtk_widget_get_width (GTK_WIDGET (self))), self->text) != 0;
}
