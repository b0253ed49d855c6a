/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hub-dataset.h"
#include "hub-lineage.h"

G_BEGIN_DECLS

#define HUB_TYPE_MODEL_ROW (hub_model_row_get_type ())
G_DECLARE_FINAL_TYPE (HubModelRow, hub_model_row, HUB, MODEL_ROW, GObject)

/**
 * HubModelRow:
 * One row of the trending list: a model of a dataset, by index. Created on
 * demand by HubRowModel for the rows on screen only.
 */
HubModelRow          *hub_model_row_new         (HubDataset  *dataset,
                                                 guint        index);
HubDataset           *hub_model_row_get_dataset (HubModelRow *self);
guint                 hub_model_row_get_index   (HubModelRow *self);
const HubModelRecord *hub_model_row_get_record  (HubModelRow *self);
/* In the Families list, the family the row's root heads (its whole
 * downloads); NULL for a plain model row. */
const HubLineageSum  *hub_model_row_get_family  (HubModelRow *self);
void                  hub_model_row_set_family  (HubModelRow         *self,
                                                 const HubLineageSum *family);

G_END_DECLS
