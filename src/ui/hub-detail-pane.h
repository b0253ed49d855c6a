/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-dataset.h"

G_BEGIN_DECLS

#define HUB_TYPE_DETAIL_PANE (hub_detail_pane_get_type ())
G_DECLARE_FINAL_TYPE (HubDetailPane, hub_detail_pane, HUB, DETAIL_PANE, AdwBin)

/**
 * HubDetailPane:
 * Everything about one model: its fields from the dataset at once, then its
 * tags, parents and snapshot history read from its own store connection on
 * a worker thread. Emits "open-model" (guint model index) when the user
 * picks one of its parents.
 */
GtkWidget  *hub_detail_pane_new        (void);
void        hub_detail_pane_set_db_path (HubDetailPane *self,
                                         const char    *db_path);
const char *hub_detail_pane_get_db_path (HubDetailPane *self);
/* Shows model @index of @dataset; NULL @dataset shows "Select a model". */
void        hub_detail_pane_show_model (HubDetailPane *self,
                                        HubDataset    *dataset,
                                        guint          index);
/* The model id shown, NULL when none. */
const char *hub_detail_pane_get_model_id (HubDetailPane *self);
/* The title shown (the model id), "" when none. */
const char *hub_detail_pane_get_title  (HubDetailPane *self);
/* Points of the history sparkline (snapshots of the main series). */
guint       hub_detail_pane_get_history_n_points (HubDetailPane *self);
/* Tags shown. */
guint       hub_detail_pane_get_n_tags (HubDetailPane *self);
/* Measured scores shown (rows of "Measured Scores"). */
guint       hub_detail_pane_get_n_scores (HubDetailPane *self);
/* TRUE while the tags and history of the shown model are being read. */
gboolean    hub_detail_pane_is_loading (HubDetailPane *self);

G_END_DECLS
