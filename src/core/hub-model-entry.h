/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hub-types.h"

G_BEGIN_DECLS

#define HUB_INGEST_ERROR (hub_ingest_error_quark ())

typedef enum {
  HUB_INGEST_ERROR_MALFORMED,     /* not JSON / CSV, truncated */
  HUB_INGEST_ERROR_WRONG_SHAPE,   /* valid JSON of the wrong shape (object for array, ...) */
  HUB_INGEST_ERROR_INVALID_ENTRY, /* an entry that cannot be stored (no id, bad id, ...) */
  HUB_INGEST_ERROR_UNSUPPORTED,   /* an unknown file format */
} HubIngestError;

GQuark hub_ingest_error_quark (void);

typedef struct {
  char        *id;
  HubRelation  relation;
} HubParentRef;

typedef enum {
  HUB_LINEAGE_SOURCE_NONE = 0,
  HUB_LINEAGE_SOURCE_BASE_MODELS,  /* baseModels */
  HUB_LINEAGE_SOURCE_TAGS,         /* base_model:<relation>:<id> tags */
  HUB_LINEAGE_SOURCE_CARD_DATA,    /* cardData.base_model, relation unknown */
} HubLineageSource;

/**
 * HubModelEntry:
 * One Hub model as an API entry describes it. Unknown values are NULL,
 * %HUB_TIME_NONE or %HUB_COUNT_NONE. Owned strings; free with
 * hub_model_entry_free().
 */
typedef struct {
  char             *id;
  char             *author;
  gint64            created_at;
  gint64            last_modified;
  char             *pipeline_tag;
  char             *library_name;
  char             *gated;            /* "false", "auto", "manual" or NULL */
  char             *license;
  gint64            parameters;
  HubParamSource    parameters_source;
  gint64            used_storage;
  gint64            children_count;
  gint64            downloads;         /* last 30 days */
  gint64            downloads_all_time;
  gint64            likes;
  gint64            trending_score;
  GPtrArray        *tags;              /* char*, in the Hub's order */
  char             *model_type;        /* config.model_type, else the first
                                        * tag naming a known model type */
  char             *card_first_parent; /* cardData.base_model's first id */
  GArray           *parents;           /* HubParentRef, in documented order */
  HubLineageSource  lineage_source;
} HubModelEntry;

HubModelEntry *hub_model_entry_new  (void);
void           hub_model_entry_free (HubModelEntry *entry);
void           hub_model_entry_add_parent (HubModelEntry *entry,
                                           const char    *parent_id,
                                           HubRelation    relation);

/**
 * hub_model_entry_from_json:
 * @node: one entry as `GET /api/models?expand[]=...` returns it
 * @warnings: (nullable): receives a message (char*) per field dropped
 *   because of a wrong type or an impossible value, naming the field
 * @error: set when the entry as a whole cannot be used (not an object,
 *   missing or invalid id)
 *
 * The one parser for a Hub model entry, whatever carried it. Unknown fields
 * are ignored; null or missing ones stay unknown. Lineage comes from
 * `baseModels`, else from `base_model:<relation>:<id>` tags, else from
 * `cardData.base_model`; self-loops and invalid parent ids are dropped with a
 * warning. Parameters come from `safetensors.total`, else `gguf.total`.
 */
HubModelEntry *hub_model_entry_from_json (JsonNode   *node,
                                          GPtrArray  *warnings,
                                          GError    **error);

/* Lineage from raw Hub tags alone (`base_model:<id>`,
 * `base_model:<relation>:<id>`), for sources that carry only tags. */
void           hub_model_entry_parents_from_tags (HubModelEntry *entry,
                                                  GPtrArray     *warnings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubModelEntry, hub_model_entry_free)

G_END_DECLS
