/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-list-query.h"

G_BEGIN_DECLS

#define HUB_TYPE_COLUMN_SORTER (hub_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (HubColumnSorter, hub_column_sorter, HUB, COLUMN_SORTER, GtkSorter)

/**
 * HubColumnSorter:
 * The sorter of one column of the trending list. It never sorts rows itself
 * (hub_list_query_run() does, on a worker thread); it only lets the page
 * find which column the user sorted by: GTK 4.8 has no getter for the column
 * view's primary sort column, so hub_column_sorter_probe() asks the column
 * view's sorter to compare two items and sees which column answers first.
 */
HubColumnSorter *hub_column_sorter_new      (HubListSort  sort);
HubListSort      hub_column_sorter_get_sort (HubColumnSorter *self);

/* TRUE with the primary column's sort and direction (@out_descending: the
 * largest first) when @view_sorter (gtk_column_view_get_sorter()) sorts by
 * a HubColumnSorter column; FALSE when it sorts by nothing. Main thread. */
gboolean         hub_column_sorter_probe    (GtkSorter    *view_sorter,
                                             HubListSort  *out_sort,
                                             gboolean     *out_descending);

G_END_DECLS
