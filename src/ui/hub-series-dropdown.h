/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-analysis.h"

G_BEGIN_DECLS

/* The "Series" dropdown of the Share and Entities pages: "Default" first
 * (the series the query's filters pick, as `hubeco snapshots` explains),
 * then every series with a complete snapshot, by name. */

/* Gives @dropdown its model, "Default" alone until the first refresh. */
void   hub_series_dropdown_init         (GtkDropDown *dropdown);
/* Lists @analysis's series off the main thread and keeps the chosen one
 * (or the one hub_series_dropdown_select() waits for); @handler (connected
 * with @handler_data to "notify::selected") is blocked while the list
 * changes, so that refreshing does not count as a choice. */
void   hub_series_dropdown_refresh      (GtkDropDown *dropdown,
                                         HubAnalysis *analysis,
                                         GCallback    handler,
                                         gpointer     handler_data);
/* The chosen series, NULL for the default. */
char  *hub_series_dropdown_dup_selected (GtkDropDown *dropdown);
/* Chooses @name (NULL: the default), now when it is listed, else when a
 * refresh lists it (a query restored before the list is read).
 * Returns: TRUE when @name is NULL or listed now. */
gboolean hub_series_dropdown_select     (GtkDropDown *dropdown,
                                         const char  *name);

G_END_DECLS
