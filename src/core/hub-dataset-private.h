/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "hub-dataset.h"

G_BEGIN_DECLS

/* The embedded dataset (data/dataset/hubeco-dataset.gresource.xml),
 * generated into the core library; calling it also keeps the resource's
 * registration in the link. Its files are under this prefix. */
GResource *hub_dataset_get_resource (void);
#define HUB_DATASET_RESOURCE_PREFIX "/org/example/HubEco/dataset/"

/*
 * The dataset's memory layout, shared with the list query. Models are kept
 * in id order (SQLite's BINARY collation, i.e. strcmp), so a model's index
 * is its rank by id: ties are broken by comparing indices, and ids are found
 * by binary search without a hash table of millions of entries.
 */
struct _HubDataset
{
  gatomicrefcount  ref_count;

  GStringChunk    *strings;      /* every string of the dataset */
  GHashTable      *interned;     /* const char* -> itself, for small tables */

  HubModelRecord  *models;
  guint            n_models;

  HubAuthorInfo   *authors;
  guint            n_authors;
  HubTaskInfo     *tasks;        /* [0] = none */
  guint            n_tasks;
  HubLibraryInfo  *libraries;    /* [0] = none */
  guint            n_libraries;

  /* Parent index: parents[models[i].parents_offset + k], k < n_parents,
   * with the relation of each edge alongside. */
  gint32          *parents;
  guint8          *parent_relations;
  guint            n_edges;

  /* Reverse index: children of model i are child_models[child_offsets[i]
   * .. child_offsets[i + 1]), with the relation of each edge. */
  guint32         *child_offsets;
  guint32         *child_models;
  guint8          *child_relations;
  /* Per model, the first base model its card names: an index, -1 when the
   * card names one that is not in the data, -2 when it names none; NULL
   * when not loaded (parent_order=card then reads as the relations'). */
  gint32          *card_first_parent;

  const char     **countries;    /* NULL-terminated, sorted */
  const char     **org_types;    /* NULL-terminated, sorted */

  gint64           data_time;

  /* Derived per-dataset columns (roots, categories, ...) built once on
   * first use by hub_dataset_get_cached(); never evicted, freed with the
   * dataset. */
  GMutex           cache_lock;
  GHashTable      *cache;        /* key -> CacheEntry */
};

/* Reads the dataset from an open SQLite connection (the store's). */
HubDataset *hub_dataset_load_from_db     (sqlite3       *db,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* A synthetic dataset of @n_models models with plausible distributions, for
 * benchmarks and scale tests. Deterministic for a given @seed. */
HubDataset *hub_dataset_new_synthetic    (guint          n_models,
                                          guint32        seed);

/* Builds a derived value of @self (returned owned), or NULL. */
typedef gpointer (*HubDatasetCacheBuild) (HubDataset *self,
                                          gpointer    user_data);

/* At most this many entries are kept per dataset; past it
 * hub_dataset_get_cached() builds an uncached value. (The list's orders
 * take at most 12, one per sort.) */
#define HUB_DATASET_CACHE_MAX 36

/*
 * hub_dataset_get_cached:
 * Returns the value cached under @key, building it with @build the first
 * time (under a lock: concurrent callers of one key wait for one build).
 * The value belongs to the dataset (*@owned = FALSE) and lives as long as
 * it; when the cache is full the value is built for the caller alone
 * (*@owned = TRUE: the caller frees it with @free_func). The value must
 * depend only on the dataset and @key. NULL when @build returns NULL.
 */
gpointer    hub_dataset_get_cached       (HubDataset           *self,
                                          const char           *key,
                                          HubDatasetCacheBuild  build,
                                          gpointer              user_data,
                                          GDestroyNotify        free_func,
                                          gboolean             *owned);

G_END_DECLS
