/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-dataset"

#include "config.h"

#include "hub-dataset.h"
#include "hub-dataset-private.h"
#include "hub-import.h"
#include "hub-memory.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* How many rows are read between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 65536

/* Strings of a dataset that repeat (authors, licences, countries, ...) are
 * stored once; ids are unique and go straight into the chunk. */
static const char *
intern (HubDataset *self,
        const char *str)
{
  const char *found;

  if (str == NULL)
    return NULL;
  found = g_hash_table_lookup (self->interned, str);
  if (found != NULL)
    return found;
  found = g_string_chunk_insert (self->strings, str);
  g_hash_table_add (self->interned, (gpointer) found);
  return found;
}

typedef struct {
  gpointer       value;
  GDestroyNotify free_func;
} CacheEntry;

static void
cache_entry_free (CacheEntry *entry)
{
  if (entry->free_func != NULL && entry->value != NULL)
    entry->free_func (entry->value);
  g_free (entry);
}

static HubDataset *
hub_dataset_new_empty (void)
{
  HubDataset *self = g_new0 (HubDataset, 1);

  g_mutex_init (&self->cache_lock);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cache_entry_free);

  g_atomic_ref_count_init (&self->ref_count);
  self->strings = g_string_chunk_new (1 << 20);
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->data_time = HUB_TIME_NONE;
  return self;
}

static void
hub_dataset_free (HubDataset *self)
{
  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->cache_lock);
  g_string_chunk_free (self->strings);
  g_hash_table_unref (self->interned);
  g_free (self->models);
  g_free (self->authors);
  g_free (self->tasks);
  g_free (self->libraries);
  g_free (self->parents);
  g_free (self->parent_relations);
  g_free (self->child_offsets);
  g_free (self->child_models);
  g_free (self->child_relations);
  g_free (self->card_first_parent);
  g_free (self->countries);
  g_free (self->org_types);
  g_free (self);
}

gpointer
hub_dataset_get_cached (HubDataset           *self,
                        const char           *key,
                        HubDatasetCacheBuild  build,
                        gpointer              user_data,
                        GDestroyNotify        free_func,
                        gboolean             *owned)
{
  g_autoptr(GMutexLocker) locker = NULL;
  CacheEntry *entry;
  gpointer value;

  g_return_val_if_fail (self != NULL && key != NULL && build != NULL && owned != NULL, NULL);

  locker = g_mutex_locker_new (&self->cache_lock);
  entry = g_hash_table_lookup (self->cache, key);
  if (entry != NULL)
    {
      *owned = FALSE;
      return entry->value;
    }
  value = build (self, user_data);
  if (value == NULL || g_hash_table_size (self->cache) >= HUB_DATASET_CACHE_MAX)
    {
      *owned = value != NULL;
      return value;
    }
  entry = g_new (CacheEntry, 1);
  entry->value = value;
  entry->free_func = free_func;
  g_hash_table_insert (self->cache, g_strdup (key), entry);
  *owned = FALSE;
  return value;
}

/**
 * hub_dataset_ref:
 * Returns: (transfer full): @self, with one more reference.
 */
HubDataset *
hub_dataset_ref (HubDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * hub_dataset_unref:
 * Drops a reference; the last one frees the dataset and its strings.
 */
void
hub_dataset_unref (HubDataset *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    hub_dataset_free (self);
}

/* Loading -------------------------------------------------------------- */

typedef struct {
  HubDataset  *self;
  sqlite3     *db;
  GHashTable  *task_index;     /* interned id -> index */
  GHashTable  *library_index;  /* interned id -> index */
  GHashTable  *author_rows;    /* interned author -> AuthorRow* */
  GHashTable  *author_index;   /* author (by content; interned keys) -> index + 1 */
  GArray      *tasks;
  GArray      *libraries;
  GArray      *authors;
} Loader;

typedef struct {
  const char *display_name;
  const char *group;
  const char *country;
  const char *org_type;
} AuthorRow;

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->task_index, g_hash_table_unref);
  g_clear_pointer (&loader->library_index, g_hash_table_unref);
  g_clear_pointer (&loader->author_rows, g_hash_table_unref);
  g_clear_pointer (&loader->author_index, g_hash_table_unref);
  if (loader->tasks != NULL)
    g_array_unref (loader->tasks);
  if (loader->libraries != NULL)
    g_array_unref (loader->libraries);
  if (loader->authors != NULL)
    g_array_unref (loader->authors);
}

static gboolean
set_sqlite_error (sqlite3     *db,
                  const char  *what,
                  GError     **error)
{
  g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED,
               _("Could not read %s from the database: %s"),
               what, sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, what, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  /* An empty text is as good as unknown for every field of the dataset. */
  return (text != NULL && *text != '\0') ? text : NULL;
}

static gint64
column_count (sqlite3_stmt *stmt,
              int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return HUB_COUNT_NONE;
  return sqlite3_column_int64 (stmt, col);
}

static gint64
column_time (sqlite3_stmt *stmt,
             int           col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      return HUB_TIME_NONE;
    case SQLITE_TEXT:
      return hub_time_parse_iso8601 ((const char *) sqlite3_column_text (stmt, col));
    default:
      return sqlite3_column_int64 (stmt, col);
    }
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
step_done (sqlite3      *db,
           int           rc,
           const char   *what,
           GError      **error)
{
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, what, error);
  return TRUE;
}

static gboolean
load_tasks (Loader  *loader,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  HubTaskInfo none = { "", NULL, NULL };
  int rc;

  g_array_append_val (loader->tasks, none);
  stmt = prepare (loader->db, "SELECT id, name, modality FROM tasks ORDER BY id",
                  "tasks", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubTaskInfo info;
      const char *id = column_text (stmt, 0);

      if (id == NULL || loader->tasks->len > G_MAXUINT16)
        continue;
      info.id = intern (loader->self, id);
      if (g_hash_table_contains (loader->task_index, info.id))
        continue;
      info.name = intern (loader->self, column_text (stmt, 1));
      if (info.name == NULL)
        info.name = info.id;
      info.modality = intern (loader->self, column_text (stmt, 2));
      g_hash_table_insert (loader->task_index, (gpointer) info.id,
                           GUINT_TO_POINTER (loader->tasks->len));
      g_array_append_val (loader->tasks, info);
    }
  return step_done (loader->db, rc, "tasks", error);
}

static gboolean
load_libraries (Loader  *loader,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  HubLibraryInfo none = { "", NULL, NULL };
  int rc;

  g_array_append_val (loader->libraries, none);
  stmt = prepare (loader->db, "SELECT id, label, count_rule FROM libraries ORDER BY id",
                  "libraries", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubLibraryInfo info;
      const char *id = column_text (stmt, 0);

      if (id == NULL || loader->libraries->len > G_MAXUINT16)
        continue;
      info.id = intern (loader->self, id);
      if (g_hash_table_contains (loader->library_index, info.id))
        continue;
      info.label = intern (loader->self, column_text (stmt, 1));
      if (info.label == NULL)
        info.label = info.id;
      info.count_rule = intern (loader->self, column_text (stmt, 2));
      g_hash_table_insert (loader->library_index, (gpointer) info.id,
                           GUINT_TO_POINTER (loader->libraries->len));
      g_array_append_val (loader->libraries, info);
    }
  return step_done (loader->db, rc, "libraries", error);
}

static gboolean
load_author_rows (Loader  *loader,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (loader->db,
                  "SELECT author, display_name, grp, country, org_type FROM authors",
                  "authors", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *author = column_text (stmt, 0);
      AuthorRow *row;

      if (author == NULL)
        continue;
      row = g_new (AuthorRow, 1);
      row->display_name = intern (loader->self, column_text (stmt, 1));
      row->group = intern (loader->self, column_text (stmt, 2));
      row->country = intern (loader->self, column_text (stmt, 3));
      row->org_type = intern (loader->self, column_text (stmt, 4));
      g_hash_table_replace (loader->author_rows,
                            (gpointer) intern (loader->self, author), row);
    }
  return step_done (loader->db, rc, "authors", error);
}

/* Task and library names a model uses that the taxonomy does not know are
 * added at the end of their table. */
static guint16
lookup_or_add (Loader     *loader,
               GHashTable *index,
               GArray     *table,
               gboolean    is_task,
               const char *id)
{
  const char *interned;
  gpointer value;

  if (id == NULL)
    return 0;
  interned = intern (loader->self, id);
  if (g_hash_table_lookup_extended (index, interned, NULL, &value))
    return GPOINTER_TO_UINT (value);
  if (table->len > G_MAXUINT16)
    return 0;

  if (is_task)
    {
      HubTaskInfo info = { interned, interned, NULL };
      g_array_append_val (table, info);
    }
  else
    {
      HubLibraryInfo info = { interned, interned, NULL };
      g_array_append_val (table, info);
    }
  g_hash_table_insert (index, (gpointer) interned, GUINT_TO_POINTER (table->len - 1));
  return table->len - 1;
}

static guint32
lookup_author (Loader     *loader,
               const char *author)
{
  gpointer value = g_hash_table_lookup (loader->author_index, author);
  const char *interned;
  HubAuthorInfo info;
  AuthorRow *row;

  /* One lookup for an author seen before (the common case). */
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;
  interned = intern (loader->self, author);

  row = g_hash_table_lookup (loader->author_rows, interned);
  info.author = interned;
  info.display_name = (row != NULL && row->display_name != NULL) ? row->display_name : interned;
  info.group = (row != NULL && row->group != NULL) ? row->group : interned;
  info.country = row != NULL ? row->country : NULL;
  info.org_type = row != NULL ? row->org_type : NULL;
  g_array_append_val (loader->authors, info);
  g_hash_table_insert (loader->author_index, (gpointer) interned,
                       GUINT_TO_POINTER (loader->authors->len));
  return loader->authors->len - 1;
}

static int
compare_records_by_id (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (((const HubModelRecord *) a)->id, ((const HubModelRecord *) b)->id);
}

static gboolean
load_models (Loader        *loader,
             GCancellable  *cancellable,
             GError       **error)
{
  HubDataset *self = loader->self;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *last_author = NULL;
  guint32 last_author_index = 0;
  gboolean sorted = TRUE;
  gsize capacity;
  int rc;

  count = prepare (loader->db, "SELECT count(*) FROM models", "models", error);
  if (count == NULL)
    return FALSE;
  if (sqlite3_step (count) != SQLITE_ROW)
    return set_sqlite_error (loader->db, "models", error);
  capacity = MAX (sqlite3_column_int64 (count, 0), 16);
  if (capacity > G_MAXSIZE / sizeof (HubModelRecord) ||
      (self->models = hub_memory_try_alloc_large (sizeof (HubModelRecord) * capacity)) == NULL)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED,
                   _("Could not read models from the database: not enough memory for %llu models"),
                   (unsigned long long) capacity);
      return FALSE;
    }
  memset (self->models, 0, sizeof (HubModelRecord) * capacity);

  /* BINARY collation is strcmp order: the primary key index hands the rows
   * over already sorted by id. */
  stmt = prepare (loader->db,
                  "SELECT id, author, created_at, last_modified, pipeline_tag,"
                  " library_name, gated, license, parameters, parameters_source,"
                  " used_storage, downloads, downloads_all_time, likes, trending_score,"
                  " model_type FROM models ORDER BY id",
                  "models", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HubModelRecord *record;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *author = column_text (stmt, 1);
      const char *gated = column_text (stmt, 6);
      const char *source = column_text (stmt, 9);
      g_autofree char *owner = NULL;
      HubParamSource param_source = HUB_PARAM_SOURCE_UNKNOWN;

      if (id == NULL)
        continue;
      if (self->n_models == capacity)
        {
          capacity *= 2;
          self->models = g_renew (HubModelRecord, self->models, capacity);
        }
      if ((self->n_models % CANCEL_CHECK_ROWS) == 0 && check_cancelled (cancellable, error))
        return FALSE;

      record = &self->models[self->n_models];
      record->id = g_string_chunk_insert (self->strings, id);
      if (self->n_models > 0 && sorted && strcmp (self->models[self->n_models - 1].id, record->id) >= 0)
        sorted = FALSE;

      /* The Hub's author is the owner part of the id; use it when missing. */
      if (author == NULL)
        {
          const char *slash = strchr (id, '/');

          owner = slash != NULL ? g_strndup (id, slash - id) : g_strdup (id);
          author = owner;
        }
      if (last_author == NULL || strcmp (last_author, author) != 0)
        {
          last_author_index = lookup_author (loader, author);
          last_author = g_array_index (loader->authors, HubAuthorInfo, last_author_index).author;
        }
      record->author = last_author_index;

      record->task = lookup_or_add (loader, loader->task_index, loader->tasks, TRUE,
                                    column_text (stmt, 4));
      record->library = lookup_or_add (loader, loader->library_index, loader->libraries, FALSE,
                                       column_text (stmt, 5));
      record->created_at = column_time (stmt, 2);
      record->last_modified = column_time (stmt, 3);
      record->gated = (gated != NULL && g_ascii_strcasecmp (gated, "false") != 0 &&
                       strcmp (gated, "0") != 0) ? 1 : 0;
      record->license = intern (self, column_text (stmt, 7));
      record->model_type = intern (self, column_text (stmt, 15));
      record->parameters = column_count (stmt, 8);
      if (source != NULL && !hub_param_source_from_string (source, &param_source))
        param_source = HUB_PARAM_SOURCE_UNKNOWN;
      record->parameters_source = param_source;
      record->used_storage = column_count (stmt, 10);
      record->downloads = column_count (stmt, 11);
      record->downloads_all_time = column_count (stmt, 12);
      record->likes = column_count (stmt, 13);
      record->trending_score = column_count (stmt, 14);
      record->relation = HUB_RELATION_NONE;
      record->first_parent = -1;
      record->parents_offset = 0;
      record->n_parents = 0;
      self->n_models++;
    }
  if (!step_done (loader->db, rc, "models", error))
    return FALSE;

  /* Only an unusual collation could get here; index order must be id order. */
  if (!sorted)
    qsort (self->models, self->n_models, sizeof (HubModelRecord), compare_records_by_id);

  return TRUE;
}

typedef struct {
  guint32 child;
  gint32  parent;
  gint32  position;
  guint8  relation;
} Edge;

/* An open-addressing table of model indices by id, for the load only: at
 * two million models a binary search per lineage edge costs seconds in
 * cache misses, this costs 4 bytes a slot. */
typedef struct {
  guint32 *slots;   /* model index + 1; 0 = empty */
  guint32  mask;
} IdIndex;

static inline guint32
id_hash (const char *id)
{
  guint32 h = 2166136261u;  /* FNV-1a */

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

static void
id_index_init (IdIndex    *index,
               HubDataset *self)
{
  guint32 size = 16;

  while (size < self->n_models * 2)
    size *= 2;
  index->slots = g_new0 (guint32, size);
  index->mask = size - 1;
  for (guint m = 0; m < self->n_models; m++)
    {
      guint32 slot = id_hash (self->models[m].id) & index->mask;

      while (index->slots[slot] != 0)
        slot = (slot + 1) & index->mask;
      index->slots[slot] = m + 1;
    }
}

static gint32
id_index_find (const IdIndex *index,
               HubDataset    *self,
               const char    *id)
{
  guint32 slot = id_hash (id) & index->mask;

  while (index->slots[slot] != 0)
    {
      guint32 m = index->slots[slot] - 1;

      if (strcmp (self->models[m].id, id) == 0)
        return m;
      slot = (slot + 1) & index->mask;
    }
  return -1;
}

/* Parents are looked up in batches: each lookup is three dependent cache
 * misses (slot, record, id string), so the batch first prefetches every
 * slot, then every record, then every string, and the misses overlap. */
#define PARENT_BATCH 64

typedef struct {
  GString *text;                      /* the batch's parent ids, NUL-separated */
  gsize    offsets[PARENT_BATCH];
  guint    edges[PARENT_BATCH];       /* where each result goes */
  guint    len;
} ParentBatch;

static void
parent_batch_resolve (ParentBatch   *batch,
                      const IdIndex *ids,
                      HubDataset    *self,
                      GArray        *edges)
{
  guint32 slot[PARENT_BATCH];

  for (guint i = 0; i < batch->len; i++)
    {
      slot[i] = id_hash (batch->text->str + batch->offsets[i]) & ids->mask;
      __builtin_prefetch (&ids->slots[slot[i]]);
    }
  for (guint i = 0; i < batch->len; i++)
    if (ids->slots[slot[i]] != 0)
      __builtin_prefetch (&self->models[ids->slots[slot[i]] - 1].id);
  for (guint i = 0; i < batch->len; i++)
    if (ids->slots[slot[i]] != 0)
      __builtin_prefetch (self->models[ids->slots[slot[i]] - 1].id);
  for (guint i = 0; i < batch->len; i++)
    g_array_index (edges, Edge, batch->edges[i]).parent =
      id_index_find (ids, self, batch->text->str + batch->offsets[i]);
  batch->len = 0;
  g_string_truncate (batch->text, 0);
}

static gboolean
load_lineage (Loader        *loader,
              GCancellable  *cancellable,
              GError       **error)
{
  HubDataset *self = loader->self;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autofree guint32 *counts = NULL;
  g_autofree Edge *sorted = NULL;
  g_autofree guint32 *slots = NULL;
  const char *last_child = NULL;
  gint32 last_child_index = -1;
  ParentBatch batch = { g_string_sized_new (PARENT_BATCH * 64), { 0 }, { 0 }, 0 };
  IdIndex ids;
  guint rows = 0;
  int rc;

  stmt = prepare (loader->db, "SELECT child, parent, relation, position FROM lineage",
                  "lineage", error);
  if (stmt == NULL)
    return FALSE;
  id_index_init (&ids, self);
  slots = ids.slots;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *child = (const char *) sqlite3_column_text (stmt, 0);
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);
      const char *relation = column_text (stmt, 2);
      HubRelation rel = HUB_RELATION_UNKNOWN;
      Edge edge;

      if ((rows++ % CANCEL_CHECK_ROWS) == 0 && check_cancelled (cancellable, error))
        {
          g_string_free (batch.text, TRUE);
          return FALSE;
        }
      if (child == NULL || parent == NULL)
        continue;
      if (last_child == NULL || strcmp (last_child, child) != 0)
        {
          /* Rows written child by child in id order name the next models:
           * a look a few records ahead saves a random hash probe. */
          guint next = last_child_index + 1;   /* 0 after an unknown child */
          guint end = MIN (next + 4, self->n_models);
          gint32 found = -1;

          for (guint k = next; found < 0 && k < end; k++)
            if (strcmp (self->models[k].id, child) == 0)
              found = k;
          last_child_index = found >= 0 ? found : id_index_find (&ids, self, child);
          last_child = last_child_index >= 0 ? self->models[last_child_index].id : NULL;
        }
      if (last_child_index < 0)
        continue;
      if (relation == NULL || !hub_relation_from_string (relation, &rel) || rel == HUB_RELATION_NONE)
        rel = HUB_RELATION_UNKNOWN;

      edge.child = last_child_index;
      edge.parent = -1;
      edge.position = sqlite3_column_int (stmt, 3);
      edge.relation = rel;
      batch.edges[batch.len] = edges->len;
      batch.offsets[batch.len++] = batch.text->len;
      g_string_append_len (batch.text, parent, strlen (parent) + 1);
      g_array_append_val (edges, edge);
      if (batch.len == PARENT_BATCH)
        parent_batch_resolve (&batch, &ids, self, edges);
    }
  parent_batch_resolve (&batch, &ids, self, edges);
  g_string_free (batch.text, TRUE);
  if (!step_done (loader->db, rc, "lineage", error))
    return FALSE;

  /* Counting sort by child, then each child's few edges by position. */
  counts = g_new0 (guint32, self->n_models + 1);
  for (guint i = 0; i < edges->len; i++)
    counts[g_array_index (edges, Edge, i).child + 1]++;
  for (guint i = 0; i < self->n_models; i++)
    counts[i + 1] += counts[i];
  sorted = g_new (Edge, MAX (edges->len, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (counts, sizeof (guint32) * (self->n_models + 1));

    for (guint i = 0; i < edges->len; i++)
      {
        const Edge *edge = &g_array_index (edges, Edge, i);
        sorted[fill[edge->child]++] = *edge;
      }
  }

  self->n_edges = edges->len;
  self->parents = g_new (gint32, MAX (self->n_edges, 1));
  self->parent_relations = g_new (guint8, MAX (self->n_edges, 1));

  for (guint m = 0; m < self->n_models; m++)
    {
      HubModelRecord *record = &self->models[m];
      guint start = counts[m];
      guint end = counts[m + 1];

      for (guint i = start + 1; i < end; i++)
        {
          Edge key = sorted[i];
          guint j = i;

          while (j > start && sorted[j - 1].position > key.position)
            {
              sorted[j] = sorted[j - 1];
              j--;
            }
          sorted[j] = key;
        }
      for (guint i = start; i < end; i++)
        {
          self->parents[i] = sorted[i].parent;
          self->parent_relations[i] = sorted[i].relation;
        }
      record->parents_offset = start;
      record->n_parents = MIN (end - start, G_MAXUINT16);
      if (end > start)
        {
          record->first_parent = sorted[start].parent;
          record->relation = sorted[start].relation;
        }
    }

  /* Reverse index for children counts. */
  self->child_offsets = g_new0 (guint32, self->n_models + 1);
  for (guint i = 0; i < self->n_edges; i++)
    if (self->parents[i] >= 0)
      self->child_offsets[self->parents[i] + 1]++;
  for (guint i = 0; i < self->n_models; i++)
    self->child_offsets[i + 1] += self->child_offsets[i];
  self->child_models = g_new (guint32, MAX (self->child_offsets[self->n_models], 1));
  self->child_relations = g_new (guint8, MAX (self->child_offsets[self->n_models], 1));
  {
    g_autofree guint32 *fill = g_memdup2 (self->child_offsets,
                                          sizeof (guint32) * (self->n_models + 1));

    for (guint m = 0; m < self->n_models; m++)
      for (guint i = counts[m]; i < counts[m + 1]; i++)
        if (self->parents[i] >= 0)
          {
            guint slot = fill[self->parents[i]]++;

            self->child_models[slot] = m;
            self->child_relations[slot] = self->parent_relations[i];
          }
  }

  return TRUE;
}

/* The card's first parent of every model (parent_order=card). */
static gboolean
load_card_parents (Loader  *loader,
                   GError **error)
{
  HubDataset *self = loader->self;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (loader->db, "SELECT id, card_first_parent FROM models WHERE card_first_parent IS NOT NULL",
                  "card parents", error);
  if (stmt == NULL)
    return FALSE;
  self->card_first_parent = g_new (gint32, MAX (self->n_models, 1));
  for (guint m = 0; m < self->n_models; m++)
    self->card_first_parent[m] = -2;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 m = hub_dataset_find_model (self, (const char *) sqlite3_column_text (stmt, 0));

      if (m >= 0)
        self->card_first_parent[m] = hub_dataset_find_model (self, (const char *) sqlite3_column_text (stmt, 1));
    }
  return step_done (loader->db, rc, "card parents", error);
}

/* What each model is for `exclude=` (hub_model_kinds_of() and the tags
 * "gguf" and "mlx"); after the lineage, which sets the relations. */
static gboolean
load_kinds (Loader  *loader,
            GError **error)
{
  HubDataset *self = loader->self;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *libraries = loader->libraries, *tasks = loader->tasks;
  g_autofree guint8 *library_kinds = g_new0 (guint8, MAX (libraries->len, 1));
  g_autofree guint8 *task_kinds = g_new0 (guint8, MAX (tasks->len, 1));
  guint8 relation_kinds[HUB_N_RELATIONS];
  int rc;

  for (guint i = 1; i < libraries->len; i++)
    library_kinds[i] = hub_model_kinds_of (g_array_index (libraries, HubLibraryInfo, i).id, NULL, HUB_RELATION_NONE);
  for (guint i = 1; i < tasks->len; i++)
    task_kinds[i] = hub_model_kinds_of (NULL, g_array_index (tasks, HubTaskInfo, i).id, HUB_RELATION_NONE);
  for (guint r = 0; r < HUB_N_RELATIONS; r++)
    relation_kinds[r] = hub_model_kinds_of (NULL, NULL, r);
  for (guint m = 0; m < self->n_models; m++)
    {
      HubModelRecord *record = &self->models[m];

      record->kinds = library_kinds[record->library] | task_kinds[record->task] |
                      relation_kinds[record->relation];
    }

  stmt = prepare (loader->db, "SELECT model_id, tag FROM tags WHERE tag IN ('gguf', 'mlx')", "tags", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 m = hub_dataset_find_model (self, (const char *) sqlite3_column_text (stmt, 0));
      const char *tag = (const char *) sqlite3_column_text (stmt, 1);

      if (m >= 0)
        self->models[m].kinds |= hub_model_kinds_of (tag, NULL, HUB_RELATION_NONE);
    }
  return step_done (loader->db, rc, "tags", error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The distinct non-NULL values of one author field, sorted. */
static const char **
collect_distinct (HubDataset *self,
                  gsize       field_offset)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i < self->n_authors; i++)
    {
      const char *value = G_STRUCT_MEMBER (const char *, &self->authors[i], field_offset);

      /* Interned strings: pointer identity is string identity. */
      if (value != NULL && g_hash_table_add (seen, (gpointer) value))
        g_ptr_array_add (values, (gpointer) value);
    }
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);
  return (const char **) g_ptr_array_free (values, FALSE);
}

static void
finish_tables (Loader *loader)
{
  HubDataset *self = loader->self;

  self->n_tasks = loader->tasks->len;
  self->tasks = (HubTaskInfo *) g_array_free (g_steal_pointer (&loader->tasks), FALSE);
  self->n_libraries = loader->libraries->len;
  self->libraries = (HubLibraryInfo *) g_array_free (g_steal_pointer (&loader->libraries), FALSE);
  self->n_authors = loader->authors->len;
  self->authors = (HubAuthorInfo *) g_array_free (g_steal_pointer (&loader->authors), FALSE);
  self->countries = collect_distinct (self, G_STRUCT_OFFSET (HubAuthorInfo, country));
  self->org_types = collect_distinct (self, G_STRUCT_OFFSET (HubAuthorInfo, org_type));
}

static gboolean
load_data_time (Loader  *loader,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (loader->db,
                  "SELECT max(captured_at) FROM snapshots WHERE complete",
                  "snapshots", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_sqlite_error (loader->db, "snapshots", error);
  loader->self->data_time = column_time (stmt, 0);
  return TRUE;
}

HubDataset *
hub_dataset_load_from_db (sqlite3       *db,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(HubDataset) self = hub_dataset_new_empty ();
  Loader loader = { 0 };
  gint64 t_start = g_get_monotonic_time (), t_tables = t_start, t_models = t_start;
  gboolean ok;

  loader.self = self;
  loader.db = db;
  loader.task_index = g_hash_table_new (NULL, NULL);
  loader.library_index = g_hash_table_new (NULL, NULL);
  loader.author_rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  loader.author_index = g_hash_table_new (g_str_hash, g_str_equal);
  loader.tasks = g_array_new (FALSE, FALSE, sizeof (HubTaskInfo));
  loader.libraries = g_array_new (FALSE, FALSE, sizeof (HubLibraryInfo));
  loader.authors = g_array_new (FALSE, FALSE, sizeof (HubAuthorInfo));

  /* One read transaction, so the tables agree with each other. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  ok = load_tasks (&loader, error) &&
       load_libraries (&loader, error) &&
       load_author_rows (&loader, error);
  t_tables = g_get_monotonic_time ();
  ok = ok && load_models (&loader, cancellable, error);
  t_models = g_get_monotonic_time ();
  ok = ok && load_lineage (&loader, cancellable, error) &&
       load_card_parents (&loader, error) &&
       load_kinds (&loader, error) &&
       load_data_time (&loader, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (ok)
    {
      finish_tables (&loader);
      g_debug ("Loaded %u models, %u authors, %u edges in %.0f ms"
               " (taxonomy and authors %.0f, models %.0f, lineage %.0f)",
               self->n_models, self->n_authors, self->n_edges,
               (g_get_monotonic_time () - t_start) / 1000.0,
               (t_tables - t_start) / 1000.0, (t_models - t_tables) / 1000.0,
               (g_get_monotonic_time () - t_models) / 1000.0);
    }
  loader_clear (&loader);

  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * hub_dataset_load:
 * @store: an open store, used from this thread only for the duration
 * @cancellable: (nullable): checked between batches of rows
 * @error: a database error, or G_IO_ERROR_CANCELLED
 *
 * Reads the whole store into memory with plain SELECTs: models in id order,
 * interned strings, author annotations, taxonomy and the parent index.
 *
 * Returns: (transfer full) (nullable): a new dataset, or NULL with @error
 */
HubDataset *
hub_dataset_load (HubStore      *store,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return hub_dataset_load_from_db (hub_store_get_db (store), cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *db_path = task_data;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  GError *error = NULL;

  /* Each thread gets its own SQLite connection. */
  store = hub_store_open (db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* First launch (or an interrupted first build): the embedded data. */
  {
    g_autoptr(HubImportReport) report = hub_import_report_new ();

    if (!hub_import_ensure_populated (store, report, cancellable, &error))
      {
        g_task_return_error (task, error);
        return;
      }
  }

  dataset = hub_dataset_load (store, cancellable, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&dataset), (GDestroyNotify) hub_dataset_unref);
}

/**
 * hub_dataset_load_async:
 * @db_path: the store's file
 *
 * Opens the store on a worker thread (its own connection), builds it from
 * the embedded dataset when it holds no model, and loads the dataset.
 */
void
hub_dataset_load_async (const char          *db_path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_dataset_load_async);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * hub_dataset_load_finish:
 * Returns: (transfer full) (nullable): the dataset, or NULL with @error
 */
HubDataset *
hub_dataset_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors ------------------------------------------------------------ */

guint
hub_dataset_get_n_models (HubDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_models;
}

const HubModelRecord *
hub_dataset_get_model (HubDataset *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_models, NULL);
  return &self->models[index];
}

/**
 * hub_dataset_find_model:
 * Returns: the index of the model called @id, -1 when there is none
 */
gint64
hub_model_release (const HubModelRecord *record)
{
  return record->created_at == HUB_TIME_NONE || record->created_at <= HUB_CREATED_AT_FLOOR
         ? HUB_TIME_NONE : record->created_at;
}

gint32
hub_dataset_find_model (HubDataset *self,
                        const char *id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);
  if (id == NULL)
    return -1;

  hi = self->n_models;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (self->models[mid].id, id);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

const HubAuthorInfo *
hub_dataset_get_author (HubDataset *self,
                        guint32     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_authors, NULL);
  return &self->authors[index];
}

guint
hub_dataset_get_n_tasks (HubDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_tasks;
}

const HubTaskInfo *
hub_dataset_get_task (HubDataset *self,
                      guint16     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_tasks, NULL);
  return &self->tasks[index];
}

guint
hub_dataset_get_n_libraries (HubDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_libraries;
}

const HubLibraryInfo *
hub_dataset_get_library (HubDataset *self,
                         guint16     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_libraries, NULL);
  return &self->libraries[index];
}

/**
 * hub_dataset_get_parents:
 * @n_parents: (out): how many
 *
 * Returns: the model indices of the parents of model @index in documented
 *   order, -1 for a parent that is not in the dataset; owned by @self
 */
const gint32 *
hub_dataset_get_parents (HubDataset *self,
                         guint       index,
                         guint      *n_parents)
{
  const HubModelRecord *record;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_models, NULL);
  g_return_val_if_fail (n_parents != NULL, NULL);

  record = &self->models[index];
  *n_parents = record->n_parents;
  return self->parents + record->parents_offset;
}

/**
 * hub_dataset_count_children:
 * @counts: (out caller-allocates): HUB_N_RELATIONS counters
 *
 * Counts the children of model @index by the relation of their edge to it.
 */
void
hub_dataset_count_children (HubDataset *self,
                            guint       index,
                            guint      *counts)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n_models);
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * HUB_N_RELATIONS);
  if (self->child_offsets == NULL)
    return;
  for (guint i = self->child_offsets[index]; i < self->child_offsets[index + 1]; i++)
    counts[self->child_relations[i]]++;
}

const char * const *
hub_dataset_list_countries (HubDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->countries;
}

const char * const *
hub_dataset_list_org_types (HubDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->org_types;
}

gint64
hub_dataset_get_data_time (HubDataset *self)
{
  g_return_val_if_fail (self != NULL, HUB_TIME_NONE);
  return self->data_time;
}

/* Synthetic data --------------------------------------------------------- */

static gint64
log_uniform (GRand  *rand,
             double  max_log10)
{
  return (gint64) pow (10.0, g_rand_double_range (rand, 0.0, max_log10));
}

HubDataset *
hub_dataset_new_synthetic (guint   n_models,
                           guint32 seed)
{
  static const char * const task_names[] = {
    "text-generation", "image-text-to-text", "text-classification",
    "automatic-speech-recognition", "text-to-image", "feature-extraction",
    "sentence-similarity", "image-classification", "translation",
    "token-classification", "fill-mask", "text-to-speech",
  };
  static const char * const library_names[] = {
    "transformers", "diffusers", "gguf", "mlx", "peft", "sentence-transformers",
    "timm", "onnx", "keras", "pytorch",
  };
  static const char * const countries[] = { "US", "CN", "FR", "DE", "GB", "KR", "JP", "CA" };
  static const char * const org_types[] = { "company", "university", "nonprofit", "community", "user" };
  g_autoptr(HubDataset) self = hub_dataset_new_empty ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Loader loader = { 0 };
  guint n_authors = MAX (n_models / 8, 1);
  guint per_author = (n_models + n_authors - 1) / n_authors;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  loader.self = self;
  loader.tasks = g_array_new (FALSE, FALSE, sizeof (HubTaskInfo));
  loader.libraries = g_array_new (FALSE, FALSE, sizeof (HubLibraryInfo));
  loader.authors = g_array_new (FALSE, FALSE, sizeof (HubAuthorInfo));

  {
    HubTaskInfo none_task = { "", NULL, NULL };
    HubLibraryInfo none_library = { "", NULL, NULL };

    g_array_append_val (loader.tasks, none_task);
    g_array_append_val (loader.libraries, none_library);
  }
  for (guint i = 0; i < G_N_ELEMENTS (task_names); i++)
    {
      HubTaskInfo info = { task_names[i], task_names[i], "nlp" };
      g_array_append_val (loader.tasks, info);
    }
  for (guint i = 0; i < G_N_ELEMENTS (library_names); i++)
    {
      HubLibraryInfo info = { library_names[i], library_names[i], NULL };
      g_array_append_val (loader.libraries, info);
    }
  for (guint a = 0; a < n_authors; a++)
    {
      HubAuthorInfo info;
      char name[32];

      g_snprintf (name, sizeof name, "author%07u", a);
      info.author = g_string_chunk_insert (self->strings, name);
      info.display_name = info.author;
      info.group = info.author;
      info.country = g_rand_int_range (rand, 0, 4) == 0 ? NULL
                       : countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))];
      info.org_type = g_rand_int_range (rand, 0, 5) == 0 ? NULL
                        : org_types[g_rand_int_range (rand, 0, G_N_ELEMENTS (org_types))];
      g_array_append_val (loader.authors, info);
    }

  self->models = g_new0 (HubModelRecord, MAX (n_models, 1));
  for (guint m = 0; m < n_models; m++)
    {
      HubModelRecord *record = &self->models[m];
      guint a = m / per_author;
      char id[64];

      g_snprintf (id, sizeof id, "author%07u/Model-%08u", a, m);
      record->id = g_string_chunk_insert (self->strings, id);
      record->author = a;
      record->task = g_rand_int_range (rand, 0, 5) == 0 ? 0
                       : g_rand_int_range (rand, 1, loader.tasks->len);
      record->library = g_rand_int_range (rand, 0, 6) == 0 ? 0
                          : g_rand_int_range (rand, 1, loader.libraries->len);
      record->created_at = 1646263744 + g_rand_int_range (rand, 0, 140000000);
      record->last_modified = record->created_at;
      record->downloads = g_rand_int_range (rand, 0, 10) == 0 ? HUB_COUNT_NONE : log_uniform (rand, 7);
      record->downloads_all_time = record->downloads == HUB_COUNT_NONE
                                     ? HUB_COUNT_NONE : record->downloads * 3;
      record->likes = log_uniform (rand, 4) - 1;
      record->trending_score = g_rand_int_range (rand, 0, 3) == 0 ? log_uniform (rand, 3) : 0;
      record->parameters = g_rand_int_range (rand, 0, 3) == 0 ? HUB_COUNT_NONE
                             : log_uniform (rand, 12);
      record->used_storage = HUB_COUNT_NONE;
      record->parameters_source = record->parameters == HUB_COUNT_NONE
                                    ? HUB_PARAM_SOURCE_UNKNOWN : HUB_PARAM_SOURCE_SAFETENSORS;
      record->relation = HUB_RELATION_NONE;
      record->first_parent = -1;
      record->license = "apache-2.0";
      if (m > 0 && g_rand_int_range (rand, 0, 5) < 2)
        {
          Edge edge = { m, g_rand_int_range (rand, 0, m), 0,
                        g_rand_int_range (rand, HUB_RELATION_UNKNOWN, HUB_RELATION_MERGE + 1) };
          g_array_append_val (edges, edge);
        }
    }
  self->n_models = n_models;

  /* Edges are made in child order: fill the indices directly. */
  self->n_edges = edges->len;
  self->parents = g_new (gint32, MAX (edges->len, 1));
  self->parent_relations = g_new (guint8, MAX (edges->len, 1));
  self->child_offsets = g_new0 (guint32, n_models + 1);
  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *edge = &g_array_index (edges, Edge, i);
      HubModelRecord *record = &self->models[edge->child];

      self->parents[i] = edge->parent;
      self->parent_relations[i] = edge->relation;
      record->parents_offset = i;
      record->n_parents = 1;
      record->first_parent = edge->parent;
      record->relation = edge->relation;
      self->child_offsets[edge->parent + 1]++;
    }
  for (guint i = 0; i < n_models; i++)
    self->child_offsets[i + 1] += self->child_offsets[i];
  self->child_models = g_new (guint32, MAX (edges->len, 1));
  self->child_relations = g_new (guint8, MAX (edges->len, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (self->child_offsets, sizeof (guint32) * (n_models + 1));

    for (guint i = 0; i < edges->len; i++)
      {
        const Edge *edge = &g_array_index (edges, Edge, i);
        guint slot = fill[edge->parent]++;

        self->child_models[slot] = edge->child;
        self->child_relations[slot] = edge->relation;
      }
  }

  finish_tables (&loader);
  loader_clear (&loader);
  return g_steal_pointer (&self);
}

const char *
hub_author_org_type (const HubAuthorInfo *info,
                     gboolean             individuals)
{
  return info->org_type != NULL ? info->org_type : (individuals ? "user" : NULL);
}
