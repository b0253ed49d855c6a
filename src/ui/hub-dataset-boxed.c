/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-dataset-boxed.h"

G_DEFINE_BOXED_TYPE (HubDataset, hub_dataset_boxed, hub_dataset_ref, hub_dataset_unref)
