/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-store"

#include "config.h"

#include "hub-history.h"
#include "hub-store-private.h"

#include <glib/gi18n.h>

static const char history_sql[] =
  "SELECT s.id, s.series, s.captured_at, s.complete, r.downloads,"
  " r.downloads_all_time, r.likes, r.trending_score, r.rank"
  " FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
  " WHERE r.model_id = ?1 AND (?2 IS NULL OR s.series = ?2)"
  " ORDER BY s.series, s.captured_at, s.id";

static const char model_sql[] =
  "SELECT id, author, created_at, last_modified, pipeline_tag, library_name,"
  " gated, license, parameters, parameters_source, used_storage, children_count,"
  " lineage_source, downloads, downloads_all_time, likes, trending_score"
  " FROM models WHERE id = ?1";

static const char tags_sql[] =
  "SELECT tag FROM tags WHERE model_id = ?1 ORDER BY tag";

static const char parents_sql[] =
  "SELECT parent, relation FROM lineage WHERE child = ?1 ORDER BY position";

static inline gint64
column_count (sqlite3_stmt *stmt,
              int           i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return HUB_COUNT_NONE;
  return sqlite3_column_int64 (stmt, i);
}

static inline gint64
column_time (sqlite3_stmt *stmt,
             int           i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return HUB_TIME_NONE;
  return sqlite3_column_int64 (stmt, i);
}

static inline char *
column_strdup (sqlite3_stmt *stmt,
               int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/**
 * hub_history_load:
 * @series: (nullable): one series, or NULL for every series
 *
 * The snapshot history of @model_id, ordered by series then time, with the
 * derived interval downloads.
 *
 * The @series strings of the points are interned with g_intern_string():
 * they stay valid for the life of the process, longer than the array (the
 * number of distinct series names is small and bounded).
 *
 * Returns: (transfer full) (element-type HubHistoryPoint): the points, or
 *   %NULL with @error set
 */
GArray *
hub_history_load (HubStore    *store,
                  const char  *model_id,
                  const char  *series,
                  GError     **error)
{
  g_autoptr(GArray) points = NULL;
  sqlite3_stmt *stmt;
  HubHistoryPoint *prev = NULL;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = hub_store_prepare (store, history_sql, error)) == NULL)
    return NULL;

  points = g_array_new (FALSE, TRUE, sizeof (HubHistoryPoint));
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  if (series != NULL)
    sqlite3_bind_text (stmt, 2, series, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubHistoryPoint p = { 0, };

      p.snapshot_id = sqlite3_column_int64 (stmt, 0);
      p.series = g_intern_string ((const char *) sqlite3_column_text (stmt, 1));
      p.captured_at = sqlite3_column_int64 (stmt, 2);
      p.complete = sqlite3_column_int (stmt, 3) != 0;
      p.downloads = column_count (stmt, 4);
      p.downloads_all_time = column_count (stmt, 5);
      p.likes = column_count (stmt, 6);
      p.trending_score = column_count (stmt, 7);
      p.rank = column_count (stmt, 8);
      p.interval_downloads = HUB_COUNT_NONE;
      p.decreased = FALSE;

      /* Interned strings compare by pointer. */
      if (prev != NULL && prev->series == p.series &&
          prev->downloads_all_time != HUB_COUNT_NONE &&
          p.downloads_all_time != HUB_COUNT_NONE)
        {
          if (p.downloads_all_time >= prev->downloads_all_time)
            p.interval_downloads = p.downloads_all_time - prev->downloads_all_time;
          else
            p.decreased = TRUE;
        }

      g_array_append_val (points, p);
      prev = &g_array_index (points, HubHistoryPoint, points->len - 1);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Could not read the history of model %s"),
                                               model_id);
      hub_store_set_error_from_sqlite (store, rc, what, error);
      return NULL;
    }

  return g_steal_pointer (&points);
}

static gboolean
read_fail (HubStore    *store,
           int          rc,
           const char  *model_id,
           GError     **error)
{
  g_autofree char *what = g_strdup_printf (_("Could not read model %s"), model_id);

  hub_store_set_error_from_sqlite (store, rc, what, error);
  return FALSE;
}

/**
 * hub_store_get_model:
 *
 * Everything stored for one model: fields, tags (sorted) and parents in
 * their stored order. Unknown values are NULL / %HUB_COUNT_NONE /
 * %HUB_TIME_NONE.
 *
 * Returns: (transfer full) (nullable): the entry (free with
 *   hub_model_entry_free()), or %NULL when there is no such model (no error)
 *   or on a database error (@error set)
 */
HubModelEntry *
hub_store_get_model (HubStore    *store,
                     const char  *model_id,
                     GError     **error)
{
  g_autoptr(HubModelEntry) entry = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = hub_store_prepare (store, model_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *source;

      entry = hub_model_entry_new ();
      g_free (entry->id);
      entry->id = column_strdup (stmt, 0);
      entry->author = column_strdup (stmt, 1);
      entry->created_at = column_time (stmt, 2);
      entry->last_modified = column_time (stmt, 3);
      entry->pipeline_tag = column_strdup (stmt, 4);
      entry->library_name = column_strdup (stmt, 5);
      entry->gated = column_strdup (stmt, 6);
      entry->license = column_strdup (stmt, 7);
      entry->parameters = column_count (stmt, 8);
      source = (const char *) sqlite3_column_text (stmt, 9);
      if (source == NULL || !hub_param_source_from_string (source, &entry->parameters_source))
        entry->parameters_source = HUB_PARAM_SOURCE_UNKNOWN;
      entry->used_storage = column_count (stmt, 10);
      entry->children_count = column_count (stmt, 11);
      entry->lineage_source =
        hub_store_lineage_source_from_string ((const char *) sqlite3_column_text (stmt, 12));
      entry->downloads = column_count (stmt, 13);
      entry->downloads_all_time = column_count (stmt, 14);
      entry->likes = column_count (stmt, 15);
      entry->trending_score = column_count (stmt, 16);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      read_fail (store, rc, model_id, error);
      return NULL;
    }

  if (entry->tags == NULL)
    entry->tags = g_ptr_array_new_with_free_func (g_free);
  if ((stmt = hub_store_prepare (store, tags_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entry->tags, column_strdup (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      read_fail (store, rc, model_id, error);
      return NULL;
    }

  if ((stmt = hub_store_prepare (store, parents_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubRelation relation = HUB_RELATION_UNKNOWN;

      if (!hub_relation_from_string ((const char *) sqlite3_column_text (stmt, 1), &relation))
        relation = HUB_RELATION_UNKNOWN;
      hub_model_entry_add_parent (entry, (const char *) sqlite3_column_text (stmt, 0), relation);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      read_fail (store, rc, model_id, error);
      return NULL;
    }

  return g_steal_pointer (&entry);
}
