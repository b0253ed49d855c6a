/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-bench"

#include "config.h"

#include "hub-dataset-private.h"
#include "hub-list-query.h"
#include "hub-store.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * Times the trending list's filter + sort on a synthetic dataset:
 *   bench-list [N_MODELS]              (default 2,000,000)
 * Each query runs 5 times; the median is printed in milliseconds.
 *   bench-list --load DB [N_MODELS]
 * also writes the synthetic models into a store at DB (when it has none
 * yet) and times hub_dataset_load() over it.
 */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
time_query (HubDataset         *dataset,
            const char         *label,
            const HubListQuery *query)
{
  double runs[5];
  guint n_rows = 0;

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) rows = hub_list_query_run (query, dataset, NULL);

      runs[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_rows = rows->len;
    }
  qsort (runs, G_N_ELEMENTS (runs), sizeof (double), compare_doubles);
  printf ("%-48s %9u rows  median %7.1f ms  (min %7.1f, max %7.1f)\n",
          label, n_rows, runs[2], runs[0], runs[4]);
}

static void
fill_store (HubStore   *store,
            HubDataset *dataset)
{
  sqlite3 *db = hub_store_get_db (store);
  g_autoptr(sqlite3_stmt) model = NULL;
  g_autoptr(sqlite3_stmt) author = NULL;
  g_autoptr(sqlite3_stmt) edge = NULL;

  g_assert (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "INSERT INTO models (id, author, created_at, pipeline_tag,"
                                " library_name, parameters, parameters_source, downloads,"
                                " downloads_all_time, likes, trending_score) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                -1, &model, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "INSERT INTO authors (author, display_name, grp, country, org_type)"
                                " VALUES (?,?,?,?,?)", -1, &author, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "INSERT INTO lineage (child, parent, relation, position)"
                                " VALUES (?,?,?,0)", -1, &edge, NULL) == SQLITE_OK);

  for (guint a = 0; a < dataset->n_authors; a++)
    {
      const HubAuthorInfo *info = &dataset->authors[a];

      sqlite3_bind_text (author, 1, info->author, -1, SQLITE_STATIC);
      sqlite3_bind_text (author, 2, info->display_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (author, 3, info->group, -1, SQLITE_STATIC);
      sqlite3_bind_text (author, 4, info->country, -1, SQLITE_STATIC);
      sqlite3_bind_text (author, 5, info->org_type, -1, SQLITE_STATIC);
      g_assert (sqlite3_step (author) == SQLITE_DONE);
      sqlite3_reset (author);
    }

  for (guint m = 0; m < dataset->n_models; m++)
    {
      const HubModelRecord *r = &dataset->models[m];
#define BIND_COUNT(stmt, col, v) \
  ((v) < 0 ? sqlite3_bind_null (stmt, col) : sqlite3_bind_int64 (stmt, col, v))

      sqlite3_bind_text (model, 1, r->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (model, 2, dataset->authors[r->author].author, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (model, 3, r->created_at);
      if (r->task != 0)
        sqlite3_bind_text (model, 4, dataset->tasks[r->task].id, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (model, 4);
      if (r->library != 0)
        sqlite3_bind_text (model, 5, dataset->libraries[r->library].id, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (model, 5);
      BIND_COUNT (model, 6, r->parameters);
      sqlite3_bind_text (model, 7, r->parameters < 0 ? NULL : "safetensors", -1, SQLITE_STATIC);
      BIND_COUNT (model, 8, r->downloads);
      BIND_COUNT (model, 9, r->downloads_all_time);
      BIND_COUNT (model, 10, r->likes);
      BIND_COUNT (model, 11, r->trending_score);
#undef BIND_COUNT
      g_assert (sqlite3_step (model) == SQLITE_DONE);
      sqlite3_reset (model);

      if (r->first_parent >= 0)
        {
          HubRelation rel = r->relation == HUB_RELATION_NONE ? HUB_RELATION_UNKNOWN : r->relation;

          sqlite3_bind_text (edge, 1, r->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (edge, 2, dataset->models[r->first_parent].id, -1, SQLITE_STATIC);
          sqlite3_bind_text (edge, 3, hub_relation_to_string (rel), -1, SQLITE_STATIC);
          g_assert (sqlite3_step (edge) == SQLITE_DONE);
          sqlite3_reset (edge);
        }
    }
  g_assert (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
}

static void
time_load (const char *path,
           guint       n_models)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (path, &error);
  g_autoptr(HubDataset) loaded = NULL;
  gint64 start;

  g_assert_no_error (error);
  if (hub_store_is_empty (store))
    {
      g_autoptr(HubDataset) synthetic = hub_dataset_new_synthetic (n_models, 42);

      start = g_get_monotonic_time ();
      fill_store (store, synthetic);
      printf ("wrote %u synthetic models to %s in %.0f ms\n", n_models, path,
              (g_get_monotonic_time () - start) / 1000.0);
    }

  for (guint i = 0; i < 3; i++)
    {
      start = g_get_monotonic_time ();
      loaded = hub_dataset_load (store, NULL, &error);
      g_assert_no_error (error);
      printf ("hub_dataset_load: %u models, %u authors in %.0f ms\n",
              loaded->n_models, loaded->n_authors, (g_get_monotonic_time () - start) / 1000.0);
      g_clear_pointer (&loaded, hub_dataset_unref);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint n_models;
  g_autoptr(HubDataset) dataset = NULL;
  HubListQuery query;
  gint64 start;

  if (argc > 2 && g_strcmp0 (argv[1], "--load") == 0)
    {
      time_load (argv[2], argc > 3 ? (guint) strtoul (argv[3], NULL, 10) : 2000000);
      return 0;
    }

  n_models = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 2000000;
  start = g_get_monotonic_time ();
  dataset = hub_dataset_new_synthetic (n_models, 42);
  printf ("synthetic dataset of %u models built in %.0f ms\n", n_models,
          (g_get_monotonic_time () - start) / 1000.0);

  hub_list_query_init (&query);
  time_query (dataset, "all, by trending", &query);

  query.sort = HUB_LIST_SORT_DOWNLOADS;
  time_query (dataset, "all, by downloads", &query);

  query.limit = 100;
  time_query (dataset, "all, by downloads, limit 100", &query);
  query.limit = 0;

  query.sort = HUB_LIST_SORT_ID;
  query.descending = FALSE;
  time_query (dataset, "all, by id", &query);

  query.sort = HUB_LIST_SORT_AUTHOR;
  time_query (dataset, "all, by author", &query);

  query.sort = HUB_LIST_SORT_RECENT_RATIO;
  query.descending = TRUE;
  time_query (dataset, "all, by recent ratio", &query);

  query.sort = HUB_LIST_SORT_DOWNLOADS;
  query.task = g_strdup ("text-generation");
  time_query (dataset, "task text-generation, by downloads", &query);

  query.country = g_strdup ("US");
  query.min_params = 1000000000;
  query.max_params = 10000000000;
  time_query (dataset, "task + country US + 1B..10B, by downloads", &query);
  hub_list_query_clear (&query);

  query.search = g_strdup ("model-0012");
  time_query (dataset, "search \"model-0012\", by trending", &query);
  g_free (query.search);
  query.search = g_strdup ("AUTHOR00001");
  time_query (dataset, "search \"AUTHOR00001\", by trending", &query);
  hub_list_query_clear (&query);

  query.relation = HUB_RELATION_QUANTIZED;
  query.sort = HUB_LIST_SORT_CREATED;
  time_query (dataset, "relation quantized, by created", &query);
  hub_list_query_clear (&query);

  return 0;
}
