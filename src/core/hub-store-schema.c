/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-store"

/*
 * The HubEco database schema, and how it grows.
 *
 * Conventions for every table: times are INTEGER Unix seconds (UTC); counts
 * are INTEGER; NULL always means "unknown" (never 0, never -1).
 * The file carries PRAGMA application_id = 0x48756245 ("HubE") and
 * PRAGMA user_version = the schema version.
 *
 * models — one row per Hub model (the latest known state).
 *   id                 TEXT PK   "owner/name" as the Hub spells it
 *   author             TEXT      owner account
 *   created_at         INTEGER   createdAt (1646263744 = "that date or earlier")
 *   last_modified      INTEGER   lastModified
 *   pipeline_tag       TEXT      task id (tasks.id), e.g. "text-generation"
 *   library_name       TEXT      library id (libraries.id), e.g. "transformers"
 *   gated              TEXT      "false", "auto" or "manual"
 *   license            TEXT      licence id, e.g. "apache-2.0"
 *   parameters         INTEGER   parameter count
 *   parameters_source  TEXT      "safetensors", "gguf", "base_model", "estimated", "unknown"
 *   used_storage       INTEGER   usedStorage, bytes
 *   children_count     INTEGER   childrenModelCount
 *   lineage_source     TEXT      where the lineage rows came from: "base_models"
 *                                (baseModels), "tags" (base_model:* tags) or
 *                                "card_data" (cardData.base_model)
 *   downloads          INTEGER   downloads in the last 30 days, as last seen
 *   downloads_all_time INTEGER   cumulative downloads, as last seen
 *   likes              INTEGER
 *   trending_score     INTEGER
 *   first_seen         INTEGER   when this database first stored the model
 *   updated_at         INTEGER   when this database last wrote the row
 *   model_type         TEXT      config.model_type, else the first tag in the
 *                                Hub's order naming a known architecture (v4)
 *   card_first_parent  TEXT      the first base model the model card names
 *                                (cardData.base_model), whatever source the
 *                                lineage rows came from (v4)
 *
 * tags — the model's Hub tags (WITHOUT ROWID).
 *   model_id TEXT → models(id) ON DELETE CASCADE;  tag TEXT;  PK (model_id, tag)
 *   index tags_tag on (tag) (v6): the models of one tag.
 *
 * lineage — immediate parents of a model, in the order the source gave them.
 *   child    TEXT → models(id) ON DELETE CASCADE
 *   parent   TEXT NOT NULL (not a foreign key: a parent may not be stored)
 *   relation TEXT  'finetune', 'adapter', 'quantized', 'merge' or 'unknown'
 *   position INTEGER  0-based index among the child's parents
 *   PK (child, position); index lineage_parent on (parent) for "children of X".
 *
 * snapshots — one dated observation of many models.
 *   id            INTEGER PK
 *   series        TEXT NOT NULL  what was observed (one source and scope),
 *                                e.g. "hub-models-history", "top-models-daily"
 *   source        TEXT NOT NULL  where it came from (file name, URL, "sync")
 *   captured_at   INTEGER NOT NULL
 *   complete      INTEGER NOT NULL DEFAULT 0  1 once every row was written
 *   carry_forward INTEGER NOT NULL DEFAULT 0  1: the series records only
 *                                changes; a missing model keeps its last value
 *   note          TEXT
 *   index snapshots_series_time on (series, captured_at).
 *
 * snapshot_rows — one model in one snapshot (WITHOUT ROWID).
 *   snapshot_id INTEGER → snapshots(id) ON DELETE CASCADE
 *   model_id    TEXT NOT NULL (not a foreign key: history may name models
 *               the models table does not hold)
 *   downloads, downloads_all_time, likes, trending_score INTEGER (as in models)
 *   rank        INTEGER  1-based position in the observed list, or NULL
 *   PK (snapshot_id, model_id); index snapshot_rows_model on (model_id).
 *
 * authors — who is behind an account (authors.csv and user edits).
 *   author TEXT PK; display_name, grp (group), country (ISO 3166 alpha-2 or
 *   "ONLINE"), org_type (company, university, nonprofit, community,
 *   government, user), confidence, evidence TEXT;
 *   origin TEXT 'shipped' or 'user' (a shipped row never replaces a user row).
 *
 * tasks — pipeline tags: id TEXT PK, name TEXT, modality TEXT (nlp, cv, ...).
 *
 * libraries — id TEXT PK, label, repo_url, docs_url TEXT, count_rule TEXT
 *   (the Hub's rule for which file requests count as a download).
 *
 * v2:
 * settings — key TEXT PK, value TEXT: data that must survive.
 * sync_state — scope TEXT PK, cursor TEXT (the opaque next-page link),
 *   snapshot_id INTEGER (the snapshot being filled), updated_at INTEGER.
 * etags — url TEXT PK, etag TEXT, updated_at INTEGER.
 * period_downloads — downloads of a model over a period:
 *   model_id TEXT NOT NULL, period_start INTEGER NOT NULL,
 *   downloads INTEGER NOT NULL, source TEXT; PK (model_id, period_start, source).
 *
 * v3: packed copies of complete snapshots (hub-snapshot-pack.h):
 * model_keys — key INTEGER PK, id TEXT NOT NULL UNIQUE: every model id
 *   ever packed; append-only, so a key never changes.
 * snapshot_columns — one complete snapshot, packed:
 *   snapshot_id INTEGER PK → snapshots(id) ON DELETE CASCADE;
 *   n_rows INTEGER NOT NULL; model_keys, downloads, downloads_all_time,
 *   likes BLOB NOT NULL (varints, format in hub-snapshot-pack.h).
 *   Triggers delete a snapshot's packed copy when any of its rows is
 *   inserted, updated or deleted, or when it is marked incomplete again.
 *
 * v5: measured scores (hub-scores.h), one named set per imported table:
 * score_sets — name TEXT PK; source TEXT; imported_at INTEGER NOT NULL;
 *   origin TEXT NOT NULL 'shipped' or 'user'.
 * scores — set_name TEXT → score_sets(name) ON DELETE CASCADE;
 *   model_id TEXT NOT NULL (any id the table names: a model this database
 *   lacks, or an API-only one, is kept and reported unmatched);
 *   benchmark TEXT NOT NULL; variant, setting TEXT NOT NULL DEFAULT '';
 *   score REAL NOT NULL; lower_better INTEGER NOT NULL (0 or 1);
 *   source TEXT; PK (set_name, model_id, benchmark, variant, setting)
 *   (WITHOUT ROWID); index scores_model on (model_id).
 *
 * Adding v6: append one string to migration_steps and raise
 * HUB_STORE_SCHEMA_VERSION. Every step of an open runs in one transaction
 * with foreign keys on; never edit a step that has shipped.
 */

#include "config.h"

#include "hub-store-private.h"

static const char * const migration_steps[] = {
  /* v1 */
  "PRAGMA application_id = 1215652421;"
  "CREATE TABLE models ("
  "  id                 TEXT PRIMARY KEY,"
  "  author             TEXT,"
  "  created_at         INTEGER,"
  "  last_modified      INTEGER,"
  "  pipeline_tag       TEXT,"
  "  library_name       TEXT,"
  "  gated              TEXT,"
  "  license            TEXT,"
  "  parameters         INTEGER,"
  "  parameters_source  TEXT,"
  "  used_storage       INTEGER,"
  "  children_count     INTEGER,"
  "  lineage_source     TEXT,"
  "  downloads          INTEGER,"
  "  downloads_all_time INTEGER,"
  "  likes              INTEGER,"
  "  trending_score     INTEGER,"
  "  first_seen         INTEGER,"
  "  updated_at         INTEGER"
  ");"
  "CREATE TABLE tags ("
  "  model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
  "  tag      TEXT NOT NULL,"
  "  PRIMARY KEY (model_id, tag)"
  ") WITHOUT ROWID;"
  "CREATE TABLE lineage ("
  "  child    TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
  "  parent   TEXT NOT NULL,"
  "  relation TEXT NOT NULL DEFAULT 'unknown'"
  "           CHECK (relation IN ('finetune', 'adapter', 'quantized', 'merge', 'unknown')),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (child, position)"
  ");"
  "CREATE INDEX lineage_parent ON lineage (parent);"
  "CREATE TABLE snapshots ("
  "  id            INTEGER PRIMARY KEY,"
  "  series        TEXT NOT NULL,"
  "  source        TEXT NOT NULL,"
  "  captured_at   INTEGER NOT NULL,"
  "  complete      INTEGER NOT NULL DEFAULT 0,"
  "  carry_forward INTEGER NOT NULL DEFAULT 0,"
  "  note          TEXT"
  ");"
  "CREATE INDEX snapshots_series_time ON snapshots (series, captured_at);"
  "CREATE TABLE snapshot_rows ("
  "  snapshot_id        INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,"
  "  model_id           TEXT NOT NULL,"
  "  downloads          INTEGER,"
  "  downloads_all_time INTEGER,"
  "  likes              INTEGER,"
  "  trending_score     INTEGER,"
  "  rank               INTEGER,"
  "  PRIMARY KEY (snapshot_id, model_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX snapshot_rows_model ON snapshot_rows (model_id);"
  "CREATE TABLE authors ("
  "  author       TEXT PRIMARY KEY,"
  "  display_name TEXT,"
  "  grp          TEXT,"
  "  country      TEXT,"
  "  org_type     TEXT,"
  "  confidence   TEXT,"
  "  evidence     TEXT,"
  "  origin       TEXT NOT NULL DEFAULT 'shipped' CHECK (origin IN ('shipped', 'user'))"
  ");"
  "CREATE TABLE tasks ("
  "  id       TEXT PRIMARY KEY,"
  "  name     TEXT,"
  "  modality TEXT"
  ");"
  "CREATE TABLE libraries ("
  "  id         TEXT PRIMARY KEY,"
  "  label      TEXT,"
  "  repo_url   TEXT,"
  "  docs_url   TEXT,"
  "  count_rule TEXT"
  ");",

  /* v2 */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"
  "CREATE TABLE sync_state ("
  "  scope       TEXT PRIMARY KEY,"
  "  cursor      TEXT,"
  "  snapshot_id INTEGER,"
  "  updated_at  INTEGER"
  ");"
  "CREATE TABLE etags ("
  "  url        TEXT PRIMARY KEY,"
  "  etag       TEXT,"
  "  updated_at INTEGER"
  ");"
  "CREATE TABLE period_downloads ("
  "  model_id     TEXT NOT NULL,"
  "  period_start INTEGER NOT NULL,"
  "  downloads    INTEGER NOT NULL,"
  "  source       TEXT,"
  "  PRIMARY KEY (model_id, period_start, source)"
  ");",

  /* v3 */
  "CREATE TABLE model_keys ("
  "  key INTEGER PRIMARY KEY,"
  "  id  TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE snapshot_columns ("
  "  snapshot_id        INTEGER PRIMARY KEY REFERENCES snapshots (id) ON DELETE CASCADE,"
  "  n_rows             INTEGER NOT NULL,"
  "  model_keys         BLOB NOT NULL,"
  "  downloads          BLOB NOT NULL,"
  "  downloads_all_time BLOB NOT NULL,"
  "  likes              BLOB NOT NULL"
  ");"
  "CREATE TRIGGER snapshot_rows_insert_unpacks AFTER INSERT ON snapshot_rows BEGIN"
  "  DELETE FROM snapshot_columns WHERE snapshot_id = NEW.snapshot_id;"
  " END;"
  "CREATE TRIGGER snapshot_rows_update_unpacks AFTER UPDATE ON snapshot_rows BEGIN"
  "  DELETE FROM snapshot_columns WHERE snapshot_id IN (OLD.snapshot_id, NEW.snapshot_id);"
  " END;"
  "CREATE TRIGGER snapshot_rows_delete_unpacks AFTER DELETE ON snapshot_rows BEGIN"
  "  DELETE FROM snapshot_columns WHERE snapshot_id = OLD.snapshot_id;"
  " END;"
  "CREATE TRIGGER snapshots_incomplete_unpacks AFTER UPDATE OF complete ON snapshots"
  " WHEN NOT NEW.complete BEGIN"
  "  DELETE FROM snapshot_columns WHERE snapshot_id = NEW.id;"
  " END;",

  /* v4 */
  "ALTER TABLE models ADD COLUMN model_type TEXT;"
  "ALTER TABLE models ADD COLUMN card_first_parent TEXT;",

  /* v5 */
  "CREATE TABLE score_sets ("
  "  name        TEXT PRIMARY KEY,"
  "  source      TEXT,"
  "  imported_at INTEGER NOT NULL,"
  "  origin      TEXT NOT NULL CHECK (origin IN ('shipped', 'user'))"
  ");"
  "CREATE TABLE scores ("
  "  set_name     TEXT NOT NULL REFERENCES score_sets (name) ON DELETE CASCADE,"
  "  model_id     TEXT NOT NULL,"
  "  benchmark    TEXT NOT NULL,"
  "  variant      TEXT NOT NULL DEFAULT '',"
  "  setting      TEXT NOT NULL DEFAULT '',"
  "  score        REAL NOT NULL,"
  "  lower_better INTEGER NOT NULL CHECK (lower_better IN (0, 1)),"
  "  source       TEXT,"
  "  PRIMARY KEY (set_name, model_id, benchmark, variant, setting)"
  ") WITHOUT ROWID;"
  "CREATE INDEX scores_model ON scores (model_id);",

  /* v6: the models of a tag (the GGUF and MLX ones, for `exclude=`). */
  "CREATE INDEX tags_tag ON tags (tag);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migration_steps) == HUB_STORE_SCHEMA_VERSION);
G_STATIC_ASSERT (HUB_STORE_APPLICATION_ID == 1215652421);

const char * const *
hub_store_schema_get_steps (guint *n_steps)
{
  *n_steps = G_N_ELEMENTS (migration_steps);
  return migration_steps;
}

static const char * const lineage_source_names[] = {
  [HUB_LINEAGE_SOURCE_NONE]        = NULL,
  [HUB_LINEAGE_SOURCE_BASE_MODELS] = "base_models",
  [HUB_LINEAGE_SOURCE_TAGS]        = "tags",
  [HUB_LINEAGE_SOURCE_CARD_DATA]   = "card_data",
};

const char *
hub_store_lineage_source_to_string (HubLineageSource source)
{
  if ((guint) source >= G_N_ELEMENTS (lineage_source_names))
    return NULL;
  return lineage_source_names[source];
}

HubLineageSource
hub_store_lineage_source_from_string (const char *str)
{
  if (str == NULL)
    return HUB_LINEAGE_SOURCE_NONE;
  for (guint i = 1; i < G_N_ELEMENTS (lineage_source_names); i++)
    if (g_strcmp0 (str, lineage_source_names[i]) == 0)
      return i;
  return HUB_LINEAGE_SOURCE_NONE;
}
