/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-observations.h"
#include "hub-panel.h"

#include "hub-dataset-private.h"
#include "hub-memory.h"
#include "hub-share-query.h"
#include "hub-snapshot-pack.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

void
hub_snapshot_info_free (HubSnapshotInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->series);
  g_free (info->source);
  g_free (info);
}

void
hub_series_info_free (HubSeriesInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->source);
  g_free (info);
}

static gboolean
prepare (HubStore      *store,
         const char    *sql,
         sqlite3_stmt **out,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, out, NULL);

  if (rc != SQLITE_OK)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading snapshots"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_done (HubStore     *store,
           int           rc,
           GError      **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  hub_store_set_error_from_sqlite (store, rc, _("reading snapshots"), error);
  return FALSE;
}

GPtrArray *
hub_observations_list_snapshots (HubStore  *store,
                                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);

  if (!prepare (store,
                "SELECT s.id, s.series, s.source, s.captured_at, s.complete, s.carry_forward,"
                "       coalesce ((SELECT c.n_rows FROM snapshot_columns c WHERE c.snapshot_id = s.id),"
                "                 (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id))"
                " FROM snapshots s ORDER BY s.series, s.captured_at, s.id",
                &stmt, error))
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_snapshot_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubSnapshotInfo *info = g_new0 (HubSnapshotInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->series = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->source = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->captured_at = sqlite3_column_int64 (stmt, 3);
      info->complete = sqlite3_column_int (stmt, 4) != 0;
      info->carry_forward = sqlite3_column_int (stmt, 5) != 0;
      info->n_models = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (list, info);
    }
  if (!step_done (store, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
hub_observations_list_series (HubStore  *store,
                              GError   **error)
{
  g_autoptr(GPtrArray) snapshots = hub_observations_list_snapshots (store, error);
  g_autoptr(GPtrArray) list = NULL;
  HubSeriesInfo *cur = NULL;

  if (snapshots == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_series_info_free);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const HubSnapshotInfo *s = g_ptr_array_index (snapshots, i);

      if (cur == NULL || strcmp (cur->name, s->series) != 0)
        {
          cur = g_new0 (HubSeriesInfo, 1);
          cur->name = g_strdup (s->series);
          cur->source = g_strdup (s->source);
          cur->first_captured_at = s->captured_at;
          cur->first_complete_at = HUB_TIME_NONE;
          cur->last_complete_at = HUB_TIME_NONE;
          g_ptr_array_add (list, cur);
        }
      cur->n_snapshots++;
      if (s->complete)
        {
          cur->n_complete++;
          if (cur->first_complete_at == HUB_TIME_NONE)
            cur->first_complete_at = s->captured_at;
          cur->last_complete_at = s->captured_at;
        }
      cur->last_captured_at = s->captured_at;
      cur->max_models = MAX (cur->max_models, s->n_models);
      cur->carry_forward |= s->carry_forward;
    }
  return g_steal_pointer (&list);
}

/* Whether a series of @n snapshots from @first to @last makes a better
 * default than the best so far: the longer span, then more snapshots. */
static gboolean
longer_series (guint  n,
               gint64 first,
               gint64 last,
               guint  best_n,
               gint64 best_span)
{
  gint64 span = last - first;

  if (n == 0)
    return FALSE;
  if (best_n == 0 || span > best_span)
    return TRUE;
  return span == best_span && n > best_n;
}

char *
hub_observations_default_series (HubStore  *store,
                                 GError   **error)
{
  g_autoptr(GPtrArray) list = hub_observations_list_series (store, error);
  const HubSeriesInfo *best = NULL;

  if (list == NULL)
    return NULL;
  /* The list is sorted by name: ties keep the first name. */
  for (guint i = 0; i < list->len; i++)
    {
      const HubSeriesInfo *s = g_ptr_array_index (list, i);

      if (longer_series (s->n_complete, s->first_complete_at, s->last_complete_at,
                         best != NULL ? best->n_complete : 0,
                         best != NULL ? best->last_complete_at - best->first_complete_at : 0))
        best = s;
    }
  return best != NULL ? g_strdup (best->name) : NULL;
}

static gboolean
query_has_filters (const HubQuery *q)
{
  return q->task != NULL || q->library != NULL || q->country != NULL || q->org_type != NULL ||
         q->relation != HUB_N_RELATIONS || q->created_from != HUB_TIME_NONE ||
         q->created_to != HUB_TIME_NONE || q->min_params != HUB_COUNT_NONE ||
         q->max_params != HUB_COUNT_NONE;
}

typedef struct {
  guint  n;
  gint64 first;
  gint64 last;
} Coverage;

/* Under this many matching models, their snapshots are found through the
 * index on snapshot_rows (model_id); above, each snapshot is scanned until
 * its first matching row, which comes early when matches are common. */
#define FEW_MODELS 2000

char *
hub_observations_default_series_for_query (HubStore        *store,
                                           HubDataset      *dataset,
                                           const HubQuery  *query,
                                           GCancellable    *cancellable,
                                           GError         **error)
{
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GHashTable) covered = NULL;   /* snapshot id (gint64 *) set */
  g_autoptr(GHashTable) counts = NULL;    /* series name -> covered count */
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *match = NULL;
  g_autofree gint64 *ids = NULL;
  const HubSeriesInfo *best = NULL;
  guint best_count = 0;
  gint64 best_span = 0;
  guint n_models, n_match = 0;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!query_has_filters (query))
    return hub_observations_default_series (store, error);

  n_models = hub_dataset_get_n_models (dataset);
  match = hub_query_model_mask (query, dataset);
  for (guint m = 0; m < n_models; m++)
    n_match += match[m];

  snapshots = hub_observations_list_snapshots (store, error);
  if (snapshots == NULL)
    return NULL;
  series = hub_observations_list_series (store, error);
  if (series == NULL)
    return NULL;

  covered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (n_match > 0 && n_match <= FEW_MODELS)
    {
      if (!prepare (store, "SELECT snapshot_id FROM snapshot_rows WHERE model_id = ?1", &stmt, error))
        return NULL;
      for (guint m = 0; m < n_models; m++)
        {
          if (!match[m])
            continue;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, hub_dataset_get_model (dataset, m)->id, -1, SQLITE_STATIC);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              if (!g_hash_table_contains (covered, &id))
                g_hash_table_add (covered, g_memdup2 (&id, sizeof id));
            }
          if (!step_done (store, rc, error))
            return NULL;
        }
    }
  else if (n_match > 0)
    {
      if (!prepare (store, "SELECT model_id FROM snapshot_rows WHERE snapshot_id = ?1", &stmt, error))
        return NULL;
      for (guint i = 0; i < snapshots->len; i++)
        {
          const HubSnapshotInfo *s = g_ptr_array_index (snapshots, i);

          if (!s->complete)
            continue;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, s->id);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint32 m = hub_dataset_find_model (dataset, (const char *) sqlite3_column_text (stmt, 0));

              if (m >= 0 && match[m])
                {
                  g_hash_table_add (covered, g_memdup2 (&s->id, sizeof s->id));
                  break;
                }
            }
          if (rc != SQLITE_ROW && !step_done (store, rc, error))
            return NULL;
        }
    }

  /* Per series: how many covering snapshots, from when to when. */
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const HubSnapshotInfo *s = g_ptr_array_index (snapshots, i);
      Coverage *c;

      if (!s->complete || !g_hash_table_contains (covered, &s->id))
        continue;
      if ((c = g_hash_table_lookup (counts, s->series)) == NULL)
        {
          c = g_new0 (Coverage, 1);
          c->first = s->captured_at;
          g_hash_table_insert (counts, s->series, c);
        }
      c->n++;
      c->last = s->captured_at;
    }
  /* The series list is sorted by name: ties keep the first name. */
  for (guint i = 0; i < series->len; i++)
    {
      const HubSeriesInfo *s = g_ptr_array_index (series, i);
      const Coverage *c = g_hash_table_lookup (counts, s->name);

      if (c != NULL &&
          (longer_series (c->n, c->first, c->last, best_count, best_span) ||
           (best != NULL && c->n == best_count && c->last - c->first == best_span &&
            s->n_complete > best->n_complete)))
        {
          best = s;
          best_count = c->n;
          best_span = c->last - c->first;
        }
    }
  if (best == NULL)
    return hub_observations_default_series (store, error);
  return g_strdup (best->name);
}

/* ---- Building the columns ---- */

typedef struct {
  GArray *offsets;   /* guint64 */
  GArray *time;      /* gint64 */
  GArray *snapshot;  /* gint64 */
  GArray *model;     /* guint32 */
  GArray *v32;       /* guint32, until a value needs 64 bits */
  GArray *v64;       /* guint64 */
  guint64 group_start;
} Builder;

static void
builder_init (Builder *b)
{
  guint64 zero = 0;

  memset (b, 0, sizeof *b);
  b->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  b->time = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->snapshot = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->model = g_array_new (FALSE, FALSE, sizeof (guint32));
  b->v32 = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (b->offsets, zero);
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->offsets, g_array_unref);
  g_clear_pointer (&b->time, g_array_unref);
  g_clear_pointer (&b->snapshot, g_array_unref);
  g_clear_pointer (&b->model, g_array_unref);
  g_clear_pointer (&b->v32, g_array_unref);
  g_clear_pointer (&b->v64, g_array_unref);
}

static void
builder_add (Builder *b,
             guint32  model,
             guint64  value)
{
  g_array_append_val (b->model, model);
  if (b->v64 == NULL && value > G_MAXUINT32)
    {
      b->v64 = g_array_sized_new (FALSE, FALSE, sizeof (guint64), b->v32->len + 1);
      for (guint64 i = 0; i < b->v32->len; i++)
        {
          guint64 v = g_array_index (b->v32, guint32, i);
          g_array_append_val (b->v64, v);
        }
      g_clear_pointer (&b->v32, g_array_unref);
    }
  if (b->v64 != NULL)
    g_array_append_val (b->v64, value);
  else
    {
      guint32 v = (guint32) value;
      g_array_append_val (b->v32, v);
    }
}

static guint64
builder_value (Builder *b,
               guint64  i)
{
  return b->v64 != NULL ? g_array_index (b->v64, guint64, i) : g_array_index (b->v32, guint32, i);
}

typedef struct {
  guint32 model;
  guint64 value;
} Row;

static int
cmp_row (gconstpointer a,
         gconstpointer b)
{
  const Row *x = a, *y = b;
  return (x->model > y->model) - (x->model < y->model);
}

/* Closes the current group; sorts its rows by model when the ids did not
 * come in the dataset's order. */
static void
builder_end_group (Builder *b,
                   gint64   time,
                   gint64   snapshot_id)
{
  guint64 end = b->model->len;
  gboolean sorted = TRUE;

  for (guint64 i = b->group_start + 1; i < end && sorted; i++)
    if (g_array_index (b->model, guint32, i - 1) >= g_array_index (b->model, guint32, i))
      sorted = FALSE;
  if (!sorted)
    {
      guint64 n = end - b->group_start;
      g_autofree Row *rows = g_new (Row, n);
      guint64 k = 0;

      for (guint64 i = 0; i < n; i++)
        rows[i] = (Row) { g_array_index (b->model, guint32, b->group_start + i),
                          builder_value (b, b->group_start + i) };
      qsort (rows, n, sizeof (Row), cmp_row);
      g_array_set_size (b->model, b->group_start);
      if (b->v64 != NULL)
        g_array_set_size (b->v64, b->group_start);
      else
        g_array_set_size (b->v32, b->group_start);
      /* A model twice in one group keeps its last row. */
      for (guint64 i = 0; i < n; i++)
        if (i + 1 == n || rows[i + 1].model != rows[i].model)
          builder_add (b, rows[i].model, rows[i].value), k++;
      end = b->model->len;
    }

  g_array_append_val (b->offsets, end);
  g_array_append_val (b->time, time);
  g_array_append_val (b->snapshot, snapshot_id);
  b->group_start = end;
}

static HubObservations *
builder_finish (Builder         *b,
                const char      *series,
                HubQueryMeasure  measure)
{
  HubObservations *self;
  guint n_groups = b->time->len;
  guint64 n_rows = b->model->len;

  self = hub_observations_new (series, measure, n_groups,
                               (gint64 *) g_array_free (g_steal_pointer (&b->time), FALSE),
                               (guint64 *) g_array_free (g_steal_pointer (&b->offsets), FALSE),
                               (guint32 *) g_array_free (g_steal_pointer (&b->model), FALSE),
                               b->v32 != NULL ? (guint32 *) g_array_free (g_steal_pointer (&b->v32), FALSE) : NULL,
                               b->v64 != NULL ? (guint64 *) g_array_free (g_steal_pointer (&b->v64), FALSE) : NULL);
  self->snapshot_ids = (gint64 *) g_array_free (g_steal_pointer (&b->snapshot), FALSE);
  self->n_rows = n_rows;
  builder_clear (b);
  return self;
}

/* Model ids as read from the store are looked up in the dataset's sorted
 * ids. Comparing whole strings costs a cache miss on each record's id, so
 * every model also gets an 8-byte key: its first 8 bytes, big-endian and
 * zero-padded. Keys order like strcmp() does; only equal keys need the
 * strings, reached through a dense array of their pointers (the records
 * are 112 bytes apart: one cache miss each). */
typedef struct {
  HubDataset  *dataset;
  guint        n_models;
  guint64     *keys;
  const char **ids;
} IdFinder;

static inline guint64
id_key (const char *id)
{
  guint64 key = 0;

  for (guint i = 0; i < 8; i++)
    {
      key <<= 8;
      if (*id != '\0')
        key |= (guchar) *id++;
    }
  return key;
}

static void
id_finder_init (IdFinder   *finder,
                HubDataset *dataset)
{
  finder->dataset = dataset;
  finder->n_models = hub_dataset_get_n_models (dataset);
  finder->keys = g_new (guint64, MAX (finder->n_models, 1));
  finder->ids = g_new (const char *, MAX (finder->n_models, 1));
  for (guint m = 0; m < finder->n_models; m++)
    {
      finder->ids[m] = dataset->models[m].id;
      finder->keys[m] = id_key (finder->ids[m]);
    }
}

static void
id_finder_clear (IdFinder *finder)
{
  g_clear_pointer (&finder->keys, g_free);
  g_clear_pointer (&finder->ids, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IdFinder, id_finder_clear)

/* strcmp (id of model @k, @id), @key being id_key (@id). */
static inline int
id_compare (const IdFinder *finder,
            guint           k,
            guint64         key,
            const char     *id)
{
  if (finder->keys[k] != key)
    return finder->keys[k] < key ? -1 : 1;
  return strcmp (finder->ids[k], id);
}

/* Finds @id starting the search at *@cursor: ids come in the dataset's
 * order (SQLite's BINARY collation), so a scan forward from the last hit
 * costs a few key comparisons. Falls back to a full binary search. */
static gint32
find_model_from (const IdFinder *finder,
                 const char     *id,
                 guint          *cursor)
{
  guint n_models = finder->n_models;
  guint64 key = id_key (id);
  guint lo = *cursor, hi, step = 1;
  gint32 found;

  if (lo >= n_models || id_compare (finder, lo, key, id) > 0)
    {
      found = hub_dataset_find_model (finder->dataset, id);
      if (found >= 0)
        *cursor = found;
      return found;
    }

  /* Rows of a snapshot are a dense subset of the models: the next id is
   * most often one of the next few. */
  for (guint k = lo; k < MIN (lo + 32, n_models); k++)
    {
      int c = id_compare (finder, k, key, id);

      if (c == 0)
        {
          *cursor = k;
          return k;
        }
      if (c > 0)
        {
          *cursor = k > 0 ? k - 1 : 0;
          return -1;
        }
      lo = k;
    }

  /* id(lo) <= id: gallop until id < id(hi). */
  hi = lo + 1;
  while (hi < n_models && id_compare (finder, hi, key, id) <= 0)
    {
      lo = hi;
      hi = lo + step;
      step *= 2;
    }
  hi = MIN (hi, n_models);
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (id_compare (finder, mid, key, id) <= 0)
        lo = mid;
      else
        hi = mid;
    }
  *cursor = lo;
  return id_compare (finder, lo, key, id) == 0 ? (gint32) lo : -1;
}

/* ---- Reading one snapshot, packed or row by row ---- */

/* Reading the measure's column of one snapshot, from its packed copy and
 * from its rows (literals: docs/security.md). */
typedef struct {
  const char *packed;
  const char *rows;
} MeasureSql;

static const MeasureSql *
measure_sql (HubQueryMeasure measure)
{
  static const MeasureSql downloads = {
    "SELECT n_rows, model_keys, downloads FROM snapshot_columns WHERE snapshot_id = ?1",
    "SELECT model_id, downloads FROM snapshot_rows WHERE snapshot_id = ?1 ORDER BY model_id",
  };
  static const MeasureSql all_time = {
    "SELECT n_rows, model_keys, downloads_all_time FROM snapshot_columns WHERE snapshot_id = ?1",
    "SELECT model_id, downloads_all_time FROM snapshot_rows WHERE snapshot_id = ?1 ORDER BY model_id",
  };
  static const MeasureSql likes = {
    "SELECT n_rows, model_keys, likes FROM snapshot_columns WHERE snapshot_id = ?1",
    "SELECT model_id, likes FROM snapshot_rows WHERE snapshot_id = ?1 ORDER BY model_id",
  };

  return measure == HUB_QUERY_MEASURE_LIKES ? &likes :
         measure == HUB_QUERY_MEASURE_INTERVAL || measure == HUB_OBSERVATIONS_ALL_TIME ? &all_time : &downloads;
}

/* model_keys' key → model index (-1: not in the dataset). */
typedef struct {
  gint32  *map;
  guint64  n_keys;
} KeyMap;

static void
key_map_clear (KeyMap *keys)
{
  g_clear_pointer (&keys->map, g_free);
  keys->n_keys = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyMap, key_map_clear)

/* Reads the dictionary in id order, so that finding each id in the
 * dataset is a merge, not a search. */
static gboolean
key_map_load (KeyMap          *keys,
              HubStore        *store,
              const IdFinder  *finder,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) max = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint cursor = 0;
  gint64 max_key = 0;
  int rc;

  if (!prepare (store, "SELECT max(key) FROM model_keys", &max, error) ||
      !prepare (store, "SELECT key, id FROM model_keys ORDER BY id", &stmt, error))
    return FALSE;
  if ((rc = sqlite3_step (max)) != SQLITE_ROW)
    return step_done (store, rc, error);
  max_key = sqlite3_column_int64 (max, 0);
  if (max_key < 0 || max_key >= G_MAXINT32)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_CORRUPT,
                   _("Could not read snapshots: model key %lld is out of range"), (long long) max_key);
      return FALSE;
    }
  keys->n_keys = (guint64) max_key + 1;
  keys->map = g_new (gint32, keys->n_keys);
  for (guint64 k = 0; k < keys->n_keys; k++)
    keys->map[k] = -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);

      if (key >= 0 && (guint64) key < keys->n_keys && id != NULL)
        keys->map[key] = find_model_from (finder, id, &cursor);
    }
  return step_done (store, rc, error);
}

/* One snapshot's rows of one measure: from its packed copy when it has a
 * sound one, else from snapshot_rows. */
typedef struct {
  const IdFinder  *finder;
  const KeyMap    *keys;
  sqlite3_stmt    *packed;   /* n_rows, model_keys, the measure's blob */
  sqlite3_stmt    *rows;     /* model_id, the measure's column */
  gboolean         use_packed;
  HubPackedReader  reader;
  guint            cursor;
  guint64          n_unknown;  /* rows of models not in the dataset, so far */
} SnapshotRows;

static int
snapshot_rows_prepare (SnapshotRows     *sr,
                       sqlite3          *db,
                       const IdFinder   *finder,
                       const KeyMap     *keys,
                       HubQueryMeasure   measure)
{
  const MeasureSql *sql = measure_sql (measure);
  int rc;

  memset (sr, 0, sizeof *sr);
  sr->finder = finder;
  sr->keys = keys;
  if ((rc = sqlite3_prepare_v2 (db, sql->packed, -1, &sr->packed, NULL)) != SQLITE_OK)
    return rc;
  return sqlite3_prepare_v2 (db, sql->rows, -1, &sr->rows, NULL);
}

static void
snapshot_rows_clear (SnapshotRows *sr)
{
  g_clear_pointer (&sr->packed, sqlite3_finalize);
  g_clear_pointer (&sr->rows, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SnapshotRows, snapshot_rows_clear)

/* SQLITE_OK, or the error of reading the packed copy. */
static int
snapshot_rows_start (SnapshotRows *sr,
                     gint64        snapshot_id)
{
  int rc;

  sqlite3_reset (sr->packed);
  sqlite3_reset (sr->rows);
  sr->use_packed = FALSE;
  sr->cursor = 0;
  sqlite3_bind_int64 (sr->packed, 1, snapshot_id);
  sqlite3_bind_int64 (sr->rows, 1, snapshot_id);
  rc = sqlite3_step (sr->packed);
  if (rc == SQLITE_ROW)
    {
      gint64 n_rows = sqlite3_column_int64 (sr->packed, 0);
      const void *keys = sqlite3_column_blob (sr->packed, 1);
      gsize keys_len = sqlite3_column_bytes (sr->packed, 1);
      const void *values = sqlite3_column_blob (sr->packed, 2);
      gsize values_len = sqlite3_column_bytes (sr->packed, 2);

      sr->use_packed = n_rows >= 0 &&
                       hub_packed_reader_init (&sr->reader, (guint64) n_rows,
                                               keys, keys_len, values, values_len);
      if (!sr->use_packed)
        g_debug ("Snapshot %" G_GINT64_FORMAT ": its packed copy is damaged, reading its rows",
                 snapshot_id);
      return SQLITE_OK;
    }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* SQLITE_ROW with the next row that counts: a model of the dataset
 * (others are counted in n_unknown) with a known, non-negative value;
 * SQLITE_DONE after the last, or an SQLite error. */
static inline int
snapshot_rows_next (SnapshotRows *sr,
                    gint32       *model,
                    guint64      *value)
{
  for (;;)
    {
      gboolean has_value;
      int rc;

      if (sr->use_packed)
        {
          guint64 key;

          if (sr->reader.left == 0)
            return SQLITE_DONE;
          hub_packed_reader_next (&sr->reader, &key, &has_value, value);
          *model = key < sr->keys->n_keys ? sr->keys->map[key] : -1;
        }
      else
        {
          if ((rc = sqlite3_step (sr->rows)) != SQLITE_ROW)
            return rc;
          *model = find_model_from (sr->finder, (const char *) sqlite3_column_text (sr->rows, 0),
                                    &sr->cursor);
          has_value = sqlite3_column_type (sr->rows, 1) != SQLITE_NULL &&
                      sqlite3_column_int64 (sr->rows, 1) >= 0;
          *value = (guint64) sqlite3_column_int64 (sr->rows, 1);
        }
      if (*model < 0)
        sr->n_unknown++;
      else if (has_value)
        return SQLITE_ROW;
    }
}

static gboolean
load_period_downloads (HubStore        *store,
                       const IdFinder  *finder,
                       const char      *source,
                       Builder         *b,
                       guint64         *n_unknown,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint cursor = 0;
  gint64 current = HUB_TIME_NONE;
  int rc;

  if (!prepare (store,
                "SELECT period_start, model_id, downloads FROM period_downloads"
                " WHERE source IS ?1 ORDER BY period_start, model_id",
                &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 start = sqlite3_column_int64 (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      gint64 v = sqlite3_column_int64 (stmt, 2);
      gint32 m;

      if (start != current)
        {
          if (current != HUB_TIME_NONE)
            builder_end_group (b, current, 0);
          current = start;
          cursor = 0;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      m = find_model_from (finder, id, &cursor);
      if (m < 0)
        {
          (*n_unknown)++;
          continue;
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL && v > 0)
        builder_add (b, m, v);
    }
  if (!step_done (store, rc, error))
    return FALSE;
  if (current != HUB_TIME_NONE)
    builder_end_group (b, current, 0);
  return TRUE;
}

/* ---- Reading a series on both cores ----
 *
 * For a measure read as stored (downloads30d, likes) of a series without
 * carry forward, every snapshot is independent: two threads, each with its
 * own read-only connection, take snapshots in turn. A first pass counts the
 * rows of each snapshot, so the columns are allocated once at their final
 * size and each thread writes its snapshots in place (no growing arrays, no
 * copy); rows left out (unknown model, no value) are squeezed out after. */

typedef struct {
  const IdFinder *finder;
  const KeyMap  *keys;
  const char    *path;
  const gint64  *snapshot_ids;
  guint          n_snapshots;
  HubQueryMeasure measure;
  gboolean       counting;
  guint64       *offsets;     /* per snapshot: counts, then start offsets */
  guint64       *kept;        /* rows kept per snapshot */
  guint32       *model;
  guint32       *value;
  GCancellable  *cancellable;
  gint           next;        /* atomic: next snapshot to take */
  gint           failed;      /* atomic */
  gint           fallback;    /* atomic: a value needs 64 bits, or the rows changed */
  guint64        n_unknown;   /* under lock */
  GMutex         lock;
  char          *message;     /* first SQLite error, under lock */
} ParallelRead;

static void
parallel_fail (ParallelRead *pr,
               sqlite3      *db)
{
  g_mutex_lock (&pr->lock);
  if (pr->message == NULL)
    pr->message = g_strdup (db != NULL ? sqlite3_errmsg (db) : "out of memory");
  g_mutex_unlock (&pr->lock);
  g_atomic_int_set (&pr->failed, 1);
}

static gpointer
parallel_worker (gpointer data)
{
  ParallelRead *pr = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *count = NULL;
  SnapshotRows sr = { 0 };
  int rc;

  if (sqlite3_open_v2 (pr->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      (pr->counting ?
       sqlite3_prepare_v2 (db,
                           "SELECT coalesce ((SELECT n_rows FROM snapshot_columns WHERE snapshot_id = ?1),"
                           " (SELECT count(*) FROM snapshot_rows WHERE snapshot_id = ?1))",
                           -1, &count, NULL) :
       snapshot_rows_prepare (&sr, db, pr->finder, pr->keys, pr->measure)) != SQLITE_OK)
    {
      /* No second connection (a locked or odd file): read sequentially. */
      g_atomic_int_set (&pr->fallback, 1);
      g_clear_pointer (&count, sqlite3_finalize);
      snapshot_rows_clear (&sr);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);

  for (;;)
    {
      guint g = g_atomic_int_add (&pr->next, 1);
      guint64 at, end, kept = 0;

      if (g >= pr->n_snapshots || g_atomic_int_get (&pr->failed) || g_atomic_int_get (&pr->fallback))
        break;
      if (g_cancellable_is_cancelled (pr->cancellable))
        break;
      if (pr->counting)
        {
          sqlite3_reset (count);
          sqlite3_bind_int64 (count, 1, pr->snapshot_ids[g]);
          if (sqlite3_step (count) != SQLITE_ROW)
            {
              parallel_fail (pr, db);
              break;
            }
          pr->offsets[g] = sqlite3_column_int64 (count, 0);
          continue;
        }

      at = pr->offsets[g];
      end = pr->offsets[g + 1];
      if ((rc = snapshot_rows_start (&sr, pr->snapshot_ids[g])) != SQLITE_OK)
        {
          parallel_fail (pr, db);
          break;
        }
      for (;;)
        {
          gint32 m;
          guint64 v;

          if ((rc = snapshot_rows_next (&sr, &m, &v)) != SQLITE_ROW)
            break;
          if (v > G_MAXUINT32 || at + kept >= end ||
              (kept > 0 && pr->model[at + kept - 1] >= (guint32) m))
            {
              /* 64-bit values, rows added since the count, or ids out of
               * the dataset's order: the sequential reader handles them. */
              g_atomic_int_set (&pr->fallback, 1);
              break;
            }
          pr->model[at + kept] = m;
          pr->value[at + kept] = (guint32) v;
          kept++;
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          parallel_fail (pr, db);
          break;
        }
      pr->kept[g] = kept;
    }

  g_mutex_lock (&pr->lock);
  pr->n_unknown += sr.n_unknown;
  g_mutex_unlock (&pr->lock);
  g_clear_pointer (&count, sqlite3_finalize);
  snapshot_rows_clear (&sr);
  sqlite3_close (db);
  return NULL;
}

/* Runs parallel_worker() on this thread and one more. */
static void
parallel_pass (ParallelRead *pr)
{
  GThread *thread;

  pr->next = 0;
  thread = g_thread_new ("hub-observations", parallel_worker, pr);
  parallel_worker (pr);
  g_thread_join (thread);
}

/* NULL without @error when the sequential reader must do it (values over
 * 32 bits, the rows changed during the read). */
static HubObservations *
load_parallel (HubStore        *store,
               const IdFinder  *finder,
               const KeyMap    *keys,
               const char      *series,
               HubQueryMeasure  measure,
               GArray          *snapshot_ids,
               GArray          *captured,
               GCancellable    *cancellable,
               GError         **error)
{
  ParallelRead pr = { 0 };
  HubObservations *self = NULL;
  guint n = snapshot_ids->len;
  guint64 total = 0, w = 0;
  g_autofree guint64 *offsets = g_new0 (guint64, n + 1);
  g_autofree guint64 *kept = g_new0 (guint64, MAX (n, 1));
  guint32 *model = NULL;
  guint32 *value = NULL;

  pr.finder = finder;
  pr.keys = keys;
  pr.path = hub_store_get_path (store);
  pr.snapshot_ids = (const gint64 *) snapshot_ids->data;
  pr.n_snapshots = n;
  pr.measure = measure;
  pr.offsets = offsets;
  pr.kept = kept;
  pr.cancellable = cancellable;
  g_mutex_init (&pr.lock);

  pr.counting = TRUE;
  parallel_pass (&pr);
  if (!pr.failed && !g_cancellable_is_cancelled (cancellable))
    {
      for (guint g = 0; g < n; g++)
        {
          guint64 c = offsets[g];

          offsets[g] = total;
          total += c;
        }
      offsets[n] = total;
      if (total < G_MAXSIZE / sizeof (guint32))
        {
          model = hub_memory_try_alloc_large (sizeof (guint32) * MAX (total, 1));
          value = hub_memory_try_alloc_large (sizeof (guint32) * MAX (total, 1));
        }
      if (model == NULL || value == NULL)
        parallel_fail (&pr, NULL);
      else
        {
          pr.model = model;
          pr.value = value;
          pr.counting = FALSE;
          parallel_pass (&pr);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ;
  else if (pr.failed)
    g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED,
                 _("Could not read snapshots from the database: %s"), pr.message);
  else if (!pr.fallback)
    {
      /* Squeeze out the rows left out; offsets become the kept ranges. */
      for (guint g = 0; g < n; g++)
        {
          guint64 start = offsets[g];

          if (w != start)
            {
              memmove (model + w, model + start, kept[g] * sizeof (guint32));
              memmove (value + w, value + start, kept[g] * sizeof (guint32));
            }
          offsets[g] = w;
          w += kept[g];
        }
      offsets[n] = w;
      if (w < total)
        {
          model = g_renew (guint32, model, MAX (w, 1));
          value = g_renew (guint32, value, MAX (w, 1));
        }
      self = hub_observations_new (series, measure, n,
                                   g_memdup2 (captured->data, sizeof (gint64) * MAX (n, 1)),
                                   g_steal_pointer (&offsets), g_steal_pointer (&model),
                                   g_steal_pointer (&value), NULL);
      self->snapshot_ids = g_memdup2 (snapshot_ids->data, sizeof (gint64) * MAX (n, 1));
      self->n_unknown_rows = pr.n_unknown;
    }

  g_free (model);
  g_free (value);
  g_free (pr.message);
  g_mutex_clear (&pr.lock);
  return self;
}

HubObservations *
hub_observations_load (HubStore         *store,
                       HubDataset       *dataset,
                       const char       *series,
                       HubQueryMeasure   measure,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(sqlite3_stmt) snaps = NULL;
  g_auto(SnapshotRows) rows = { 0 };
  g_auto(KeyMap) keys = { 0 };
  g_autofree char *default_series = NULL;
  g_autofree gint64 *last_total = NULL;
  g_autoptr(GArray) prev = NULL;   /* Row: last materialised group (carry forward) */
  g_autoptr(GArray) cur = NULL;
  g_auto(IdFinder) finder = { 0 };
  HubObservations *self;
  Builder b;
  guint n_models;
  guint64 n_unknown = 0;
  gboolean carry = FALSE;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (measure <= HUB_OBSERVATIONS_ALL_TIME, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_models = hub_dataset_get_n_models (dataset);
  builder_init (&b);
  id_finder_init (&finder, dataset);

  if (measure == HUB_QUERY_MEASURE_PERIOD)
    {
      if (series == NULL)
        {
          g_autoptr(sqlite3_stmt) best = NULL;

          if (!prepare (store, "SELECT source FROM period_downloads GROUP BY source"
                               " ORDER BY count(*) DESC, source LIMIT 1", &best, error))
            goto fail;
          if (sqlite3_step (best) == SQLITE_ROW)
            series = default_series = g_strdup ((const char *) sqlite3_column_text (best, 0));
        }
      if (!load_period_downloads (store, &finder, series, &b, &n_unknown, cancellable, error))
        goto fail;
      self = builder_finish (&b, series, measure);
      self->n_unknown_rows = n_unknown;
      return self;
    }

  if (series == NULL)
    {
      series = default_series = hub_observations_default_series (store, error);
      if (series == NULL && error != NULL && *error != NULL)
        goto fail;
    }

  if (!prepare (store,
                "SELECT id, captured_at, carry_forward FROM snapshots"
                " WHERE series = ?1 AND complete ORDER BY captured_at, id",
                &snaps, error) ||
      !key_map_load (&keys, store, &finder, error))
    goto fail;
  if ((rc = snapshot_rows_prepare (&rows, hub_store_get_db (store), &finder, &keys, measure)) != SQLITE_OK)
    {
      step_done (store, rc, error);
      goto fail;
    }
  sqlite3_bind_text (snaps, 1, series, -1, SQLITE_TRANSIENT);

  /* Both cores when every snapshot stands alone. */
  if (measure != HUB_QUERY_MEASURE_INTERVAL && g_get_num_processors () > 1 &&
      sqlite3_get_autocommit (hub_store_get_db (store)) &&
      hub_store_get_path (store) != NULL && g_strcmp0 (hub_store_get_path (store), ":memory:") != 0)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean any_carry = FALSE;

      while ((rc = sqlite3_step (snaps)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (snaps, 0);
          gint64 t = sqlite3_column_int64 (snaps, 1);

          g_array_append_val (ids, id);
          g_array_append_val (times, t);
          any_carry = any_carry || sqlite3_column_int (snaps, 2) != 0;
        }
      if (!step_done (store, rc, error))
        goto fail;
      sqlite3_reset (snaps);
      if (!any_carry && ids->len >= 2)
        {
          GError *local = NULL;

          self = load_parallel (store, &finder, &keys, series, measure, ids, times, cancellable, &local);
          if (self != NULL || local != NULL)
            {
              builder_clear (&b);
              if (local != NULL)
                g_propagate_error (error, local);
              return self;
            }
        }
    }

  if (measure == HUB_QUERY_MEASURE_INTERVAL)
    {
      last_total = g_new (gint64, MAX (n_models, 1));
      for (guint m = 0; m < n_models; m++)
        last_total[m] = HUB_COUNT_NONE;
    }
  prev = g_array_new (FALSE, FALSE, sizeof (Row));
  cur = g_array_new (FALSE, FALSE, sizeof (Row));

  while ((rc = sqlite3_step (snaps)) == SQLITE_ROW)
    {
      gint64 snapshot_id = sqlite3_column_int64 (snaps, 0);
      gint64 captured_at = sqlite3_column_int64 (snaps, 1);

      carry = carry || sqlite3_column_int (snaps, 2) != 0;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      g_array_set_size (cur, 0);
      if ((rc = snapshot_rows_start (&rows, snapshot_id)) != SQLITE_OK)
        {
          step_done (store, rc, error);
          goto fail;
        }
      for (;;)
        {
          gint32 m;
          guint64 v;

          if ((rc = snapshot_rows_next (&rows, &m, &v)) != SQLITE_ROW)
            break;
          if (measure == HUB_QUERY_MEASURE_INTERVAL)
            {
              gint64 last = last_total[m];

              last_total[m] = (gint64) v;
              if (last == HUB_COUNT_NONE || (gint64) v < last)
                continue;
              v -= last;
            }
          g_array_append_val (cur, ((Row) { m, v }));
        }
      if (!step_done (store, rc, error))
        goto fail;
      /* Rows come in id order, which is the dataset's order. */
      for (guint k = 1; k < cur->len; k++)
        if (g_array_index (cur, Row, k - 1).model >= g_array_index (cur, Row, k).model)
          {
            g_array_sort (cur, cmp_row);
            break;
          }

      if (carry && measure != HUB_QUERY_MEASURE_INTERVAL)
        {
          /* Merge: this snapshot's rows win, the others carry forward. */
          g_autoptr(GArray) merged = g_array_sized_new (FALSE, FALSE, sizeof (Row), MAX (prev->len, cur->len));
          guint i = 0, j = 0;

          while (i < prev->len || j < cur->len)
            {
              const Row *a = i < prev->len ? &g_array_index (prev, Row, i) : NULL;
              const Row *c = j < cur->len ? &g_array_index (cur, Row, j) : NULL;

              if (c != NULL && (a == NULL || c->model <= a->model))
                {
                  g_array_append_val (merged, *c);
                  if (a != NULL && a->model == c->model)
                    i++;
                  j++;
                }
              else
                {
                  g_array_append_val (merged, *a);
                  i++;
                }
            }
          g_array_unref (prev);
          prev = g_steal_pointer (&merged);
          for (guint k = 0; k < prev->len; k++)
            builder_add (&b, g_array_index (prev, Row, k).model, g_array_index (prev, Row, k).value);
        }
      else
        for (guint k = 0; k < cur->len; k++)
          builder_add (&b, g_array_index (cur, Row, k).model, g_array_index (cur, Row, k).value);

      builder_end_group (&b, captured_at, snapshot_id);
    }
  if (!step_done (store, rc, error))
    goto fail;

  self = builder_finish (&b, series, measure);
  self->carry_forward = carry;
  self->n_unknown_rows = rows.n_unknown;
  return self;

fail:
  builder_clear (&b);
  return NULL;
}

HubObservations *
hub_observations_new (const char       *series,
                      HubQueryMeasure   measure,
                      guint             n_groups,
                      gint64           *group_time,
                      guint64          *offsets,
                      guint32          *model,
                      guint32          *value32,
                      guint64          *value64)
{
  HubObservations *self;

  g_return_val_if_fail (offsets != NULL, NULL);
  g_return_val_if_fail (value32 == NULL || value64 == NULL, NULL);

  self = g_new0 (HubObservations, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->series = g_strdup (series);
  self->measure = measure;
  self->n_groups = n_groups;
  self->group_time = group_time;
  self->offsets = offsets;
  self->model = model;
  self->value32 = value32;
  self->value64 = value64;
  self->n_rows = offsets[n_groups];
  /* An empty value column is a 32-bit one. */
  if (self->value32 == NULL && self->value64 == NULL)
    self->value32 = g_new0 (guint32, 1);
  return self;
}

HubObservations *
hub_observations_ref (HubObservations *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hub_observations_unref (HubObservations *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->series);
  g_free (self->group_time);
  g_free (self->snapshot_ids);
  g_free (self->offsets);
  g_free (self->model);
  g_free (self->value32);
  g_free (self->value64);
  hub_panel_free ((HubPanel *) self->panel);
  g_free (self);
}

guint64
hub_observations_row_at (const HubObservations *self,
                         guint                  g,
                         guint32                model)
{
  guint64 lo, hi;

  g_return_val_if_fail (self != NULL && g < self->n_groups, 0);

  lo = self->offsets[g];
  hi = self->offsets[g + 1];
  while (lo < hi)
    {
      guint64 mid = lo + (hi - lo) / 2;

      if (self->model[mid] < model)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}
