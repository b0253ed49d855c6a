/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"

G_BEGIN_DECLS

#define HUB_TYPE_ROW_MODEL (hub_row_model_get_type ())
G_DECLARE_FINAL_TYPE (HubRowModel, hub_row_model, HUB, ROW_MODEL, GObject)

/**
 * HubRowModel:
 * A GListModel of HubModelRow over an array of model indices: the result of
 * hub_list_query_run(). Rows are created only when asked for (the rows on
 * screen), so a result of millions of models costs one guint32 each.
 */
HubRowModel *hub_row_model_new         (void);
/* Replaces the rows; takes @indices (guint32 model indices into @dataset). */
void         hub_row_model_set_results (HubRowModel *self,
                                        HubDataset  *dataset,
                                        GArray      *indices);
/* As set_results, with the family each row's root heads (HubLineageSum per
 * row, in the same order; taken): the Families list. */
void         hub_row_model_set_families (HubRowModel *self,
                                         HubDataset  *dataset,
                                         GArray      *indices,
                                         GArray      *families);
HubDataset  *hub_row_model_get_dataset (HubRowModel *self);
/* The model index at @position (G_MAXUINT when out of range). */
guint        hub_row_model_get_model_index (HubRowModel *self,
                                            guint        position);
/* The position of model @model_index, G_MAXUINT when not in the rows. */
guint        hub_row_model_find        (HubRowModel *self,
                                        guint        model_index);

G_END_DECLS
