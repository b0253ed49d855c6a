/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-accessible.h"

#include <string.h>

void
hub_accessible_name_drop_down (GtkDropDown *drop_down)
{
  GtkWidget *button = NULL;
  GList *labels = gtk_widget_list_mnemonic_labels (GTK_WIDGET (drop_down));
  gpointer target = labels != NULL ? labels->data : drop_down;

  g_list_free (labels);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      button = child;
  if (button != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY, target, NULL, -1);
}

void
hub_accessible_mend_icon (GtkImage *image)
{
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (image));

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  else
    gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

GtkWidget *
hub_accessible_icon_new (const char *icon_name)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  hub_accessible_mend_icon (GTK_IMAGE (image));
  return image;
}

void
hub_accessible_name_inner_list (GtkListView *list)
{
  GtkWidget *owner = gtk_widget_get_parent (GTK_WIDGET (list));

  if (!GTK_IS_COLUMN_VIEW (owner))
    owner = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_COMBO_ROW);
  if (owner != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY, owner, NULL, -1);
}

char *
hub_accessible_strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);
  gboolean stripped = FALSE;

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && !stripped && p[1] != '\0')
        {
          stripped = p[1] != '_';
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

void
hub_accessible_name_mnemonic (GtkWidget *button)
{
  const char *label = NULL;
  g_autofree char *text = NULL;

  if (GTK_IS_BUTTON (button) && gtk_button_get_use_underline (GTK_BUTTON (button)))
    label = gtk_button_get_label (GTK_BUTTON (button));
  else if (GTK_IS_CHECK_BUTTON (button) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (button)))
    label = gtk_check_button_get_label (GTK_CHECK_BUTTON (button));
  else if (ADW_IS_PREFERENCES_ROW (button) && adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (button)))
    label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (button));
  if (label == NULL || strchr (label, '_') == NULL)
    return;
  text = hub_accessible_strip_mnemonic (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

void
hub_accessible_mend (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root))
    {
      hub_accessible_name_drop_down (GTK_DROP_DOWN (root));
      return;
    }
  if (GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root) || ADW_IS_PREFERENCES_ROW (root))
    hub_accessible_name_mnemonic (root);
  /* libadwaita 1.2's password row shows its "Show Text" icon button with
   * a tooltip and nothing else. */
  if (GTK_IS_BUTTON (root) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root))) &&
      gtk_widget_get_ancestor (root, ADW_TYPE_PASSWORD_ENTRY_ROW) != NULL &&
      gtk_widget_get_tooltip_text (root) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_widget_get_tooltip_text (root), -1);
  else if (GTK_IS_IMAGE (root))
    hub_accessible_mend_icon (GTK_IMAGE (root));
  else if (GTK_IS_LIST_VIEW (root))
    hub_accessible_name_inner_list (GTK_LIST_VIEW (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hub_accessible_mend (child);
}
