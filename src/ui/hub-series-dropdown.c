/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-series-dropdown.h"

#include <glib/gi18n.h>

#define PENDING "hub-series-pending"

typedef struct {
  HubAnalysis *analysis;
  GCallback    handler;
  gpointer     handler_data;
} Refresh;

static void
refresh_free (gpointer data)
{
  Refresh *refresh = data;

  g_object_unref (refresh->analysis);
  g_free (refresh);
}

void
hub_series_dropdown_init (GtkDropDown *dropdown)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  gtk_string_list_append (names, _("Default"));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  g_object_unref (names);
}

static GtkStringList *
names_of (GtkDropDown *dropdown)
{
  return GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
}

/* The position of @name, 0 (the default) when it is not listed. */
static guint
position_of (GtkDropDown *dropdown,
             const char  *name)
{
  GtkStringList *names = names_of (dropdown);

  for (guint i = 1; name != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (names, i), name) == 0)
      return i;
  return 0;
}

char *
hub_series_dropdown_dup_selected (GtkDropDown *dropdown)
{
  guint selected;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  if (g_object_get_data (G_OBJECT (dropdown), PENDING) != NULL)
    return g_strdup (g_object_get_data (G_OBJECT (dropdown), PENDING));
  selected = gtk_drop_down_get_selected (dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return NULL;
  return g_strdup (gtk_string_list_get_string (names_of (dropdown), selected));
}

gboolean
hub_series_dropdown_select (GtkDropDown *dropdown,
                            const char  *name)
{
  guint position;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), FALSE);

  position = position_of (dropdown, name);
  /* Not listed yet: chosen when a refresh lists it. */
  g_object_set_data_full (G_OBJECT (dropdown), PENDING, name != NULL && position == 0 ? g_strdup (name) : NULL,
                          g_free);
  gtk_drop_down_set_selected (dropdown, position);
  return name == NULL || position > 0;
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Refresh *refresh = task_data;
  GError *error = NULL;
  GPtrArray *series = hub_analysis_list_series (refresh->analysis, &error);

  if (series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, series, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (object);
  Refresh *refresh = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *chosen = NULL;
  GtkStringList *names = names_of (dropdown);

  if (series == NULL)
    {
      g_debug ("No series list: %s", error->message);
      return;
    }
  chosen = hub_series_dropdown_dup_selected (dropdown);
  if (refresh->handler != NULL)
    g_signal_handlers_block_by_func (dropdown, refresh->handler, refresh->handler_data);
  gtk_string_list_splice (names, 1, g_list_model_get_n_items (G_LIST_MODEL (names)) - 1, NULL);
  for (guint i = 0; i < series->len; i++)
    {
      const HubSeriesInfo *info = g_ptr_array_index (series, i);

      if (info->n_complete > 0)
        gtk_string_list_append (names, info->name);
    }
  /* A series not listed yet (the store is still being built from the
   * embedded dataset) stays chosen for the next refresh. */
  if (chosen == NULL || position_of (dropdown, chosen) > 0)
    g_object_set_data (G_OBJECT (dropdown), PENDING, NULL);
  gtk_drop_down_set_selected (dropdown, position_of (dropdown, chosen));
  if (refresh->handler != NULL)
    g_signal_handlers_unblock_by_func (dropdown, refresh->handler, refresh->handler_data);
}

void
hub_series_dropdown_refresh (GtkDropDown *dropdown,
                             HubAnalysis *analysis,
                             GCallback    handler,
                             gpointer     handler_data)
{
  g_autoptr(GTask) task = NULL;
  Refresh *refresh;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (HUB_IS_ANALYSIS (analysis));

  refresh = g_new0 (Refresh, 1);
  refresh->analysis = g_object_ref (analysis);
  refresh->handler = handler;
  refresh->handler_data = handler_data;
  task = g_task_new (dropdown, NULL, list_done, NULL);
  g_task_set_task_data (task, refresh, refresh_free);
  g_task_run_in_thread (task, list_thread);
}
