/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-page-work.h"

void
hub_page_work_init (HubPageWork *work,
                    GtkWidget   *spinner)
{
  g_return_if_fail (GTK_IS_WIDGET (spinner));

  *work = (HubPageWork) { spinner, NULL, 0, 0 };
  gtk_widget_set_visible (spinner, FALSE);
}

static gboolean
show_spinner (gpointer user_data)
{
  HubPageWork *work = user_data;

  work->spinner_source = 0;
  gtk_widget_set_visible (work->spinner, TRUE);
  return G_SOURCE_REMOVE;
}

guint
hub_page_work_begin (HubPageWork *work)
{
  g_return_val_if_fail (work->spinner != NULL, 0);

  g_cancellable_cancel (work->cancellable);
  g_clear_object (&work->cancellable);
  work->cancellable = g_cancellable_new ();
  if (work->spinner_source == 0 && !gtk_widget_get_visible (work->spinner))
    work->spinner_source = g_timeout_add (HUB_PAGE_WORK_SPINNER_DELAY_MS, show_spinner, work);
  return ++work->serial;
}

gboolean
hub_page_work_finish (HubPageWork *work,
                      guint        serial)
{
  if (serial != work->serial)
    return FALSE;
  g_clear_object (&work->cancellable);
  g_clear_handle_id (&work->spinner_source, g_source_remove);
  if (work->spinner != NULL)
    gtk_widget_set_visible (work->spinner, FALSE);
  return TRUE;
}

void
hub_page_work_cancel (HubPageWork *work)
{
  g_cancellable_cancel (work->cancellable);
  hub_page_work_finish (work, work->serial);
  work->serial++;
}

gboolean
hub_page_work_is_busy (const HubPageWork *work)
{
  return work->cancellable != NULL;
}

void
hub_page_work_clear (HubPageWork *work)
{
  g_cancellable_cancel (work->cancellable);
  g_clear_object (&work->cancellable);
  g_clear_handle_id (&work->spinner_source, g_source_remove);
  work->spinner = NULL;
}
