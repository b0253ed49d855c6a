/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "hub-dataset.h"

G_BEGIN_DECLS

/* HubDataset as a boxed type (ref/unref), so that widgets can hold it in a
 * property and bind it (the window's "dataset" to each page's). */
#define HUB_TYPE_DATASET_BOXED (hub_dataset_boxed_get_type ())
GType hub_dataset_boxed_get_type (void) G_GNUC_CONST;

G_END_DECLS
