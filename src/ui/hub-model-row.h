/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hub-dataset.h"

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

G_END_DECLS
