/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-dataset.h"
#include "hub-lineage.h"

G_BEGIN_DECLS

#define HUB_TYPE_LINEAGE_PAGE (hub_lineage_page_get_type ())
G_DECLARE_FINAL_TYPE (HubLineagePage, hub_lineage_page, HUB, LINEAGE_PAGE, AdwBin)

/**
 * HubLineagePage:
 * The lineage explorer: a model's ancestor chain to its root(s), the tree
 * of its descendants (hub_lineage_expand(), one level at a time) and a
 * summary of its family with the family chart. Opens on the largest family
 * of the dataset. The graph and every summary are computed on a worker
 * thread. Properties: "dataset" (HubDataset boxed), "db-path".
 */
GtkWidget          *hub_lineage_page_new            (void);
void                hub_lineage_page_set_dataset    (HubLineagePage *self,
                                                     HubDataset     *dataset);
HubDataset         *hub_lineage_page_get_dataset    (HubLineagePage *self);
/* Shows the family of model @id and records it in the history; FALSE (and
 * a message with the closest ids) when no model has that id. */
gboolean            hub_lineage_page_show_model     (HubLineagePage *self,
                                                     const char     *id);
/* The model at the centre, -1 while none is shown. */
gint32              hub_lineage_page_get_centre     (HubLineagePage *self);
/* The cards' "Models in the family" and "Held by the root", as shown. */
const char         *hub_lineage_page_get_family_models_text (HubLineagePage *self);
const char         *hub_lineage_page_get_root_share_text    (HubLineagePage *self);
/* TRUE while a centring runs on the worker (its result not shown yet). */
gboolean            hub_lineage_page_is_busy        (HubLineagePage *self);
gboolean            hub_lineage_page_go_back        (HubLineagePage *self);
gboolean            hub_lineage_page_go_forward     (HubLineagePage *self);
/* Fetches the direct children of the model shown from the Hub through the
 * window's refresh bar (scope "children:<id>"); FALSE when it cannot start
 * (no model, not in a window, a refresh already running). */
gboolean            hub_lineage_page_refresh_children (HubLineagePage *self);
/* Opens the shared export dialog on the family chart (Ctrl+E). */
GtkWindow          *hub_lineage_page_export_chart   (HubLineagePage *self);

/* The root of the family with the most models (the page's default). */
gint32              hub_lineage_page_largest_family (GArray         *families);

/* For tests. */
HubLineage         *hub_lineage_page_get_lineage    (HubLineagePage *self);
GtkTreeListModel   *hub_lineage_page_get_tree_model (HubLineagePage *self);
GtkColumnView      *hub_lineage_page_get_column_view (HubLineagePage *self);
GtkEditable        *hub_lineage_page_get_search_entry (HubLineagePage *self);
GtkWidget          *hub_lineage_page_get_chart_view (HubLineagePage *self);
/* The ids shown as ancestor pills, root first (transfer full). */
GStrv               hub_lineage_page_dup_ancestor_ids (HubLineagePage *self);
/* The family downloads shown in the summary (the root's family). */
gint64              hub_lineage_page_get_family_downloads (HubLineagePage *self);

G_END_DECLS
