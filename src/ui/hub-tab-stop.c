/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-tab-stop.h"

struct _HubTabStop
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (HubTabStop, hub_tab_stop, ADW_TYPE_BIN)

static gboolean
hub_tab_stop_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child == NULL)
    return FALSE;
  /* Focus inside: Tab leaves (the parent moves on to the next sibling). */
  if (gtk_widget_get_focus_child (widget) != NULL &&
      (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
    return FALSE;
  return gtk_widget_child_focus (child, direction);
}

static void
hub_tab_stop_class_init (HubTabStopClass *klass)
{
  GTK_WIDGET_CLASS (klass)->focus = hub_tab_stop_focus;
}

static void
hub_tab_stop_init (HubTabStop *self)
{
}

GtkWidget *
hub_tab_stop_new (void)
{
  return g_object_new (HUB_TYPE_TAB_STOP, NULL);
}
