/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-store.h"

G_BEGIN_DECLS

/* "HubE": PRAGMA application_id of every HubEco database. */
#define HUB_STORE_APPLICATION_ID 0x48756245

/* The forward migrations: step i (0-based) takes a file from user_version i
 * to i + 1. There are exactly HUB_STORE_SCHEMA_VERSION steps. */
const char * const *hub_store_schema_get_steps (guint *n_steps);

/* The values of models.lineage_source (NULL for HUB_LINEAGE_SOURCE_NONE). */
const char *hub_store_lineage_source_to_string   (HubLineageSource  source);
HubLineageSource hub_store_lineage_source_from_string (const char *str);

G_END_DECLS
