/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-dataset.h"
#include "hub-dataset-private.h"
#include "hub-import.h"
#include "hub-list-query.h"
#include "hub-store.h"
#include "hub-test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* Reference ordering, written from the record fields alone ------------------ */

typedef struct {
  gboolean    known;
  gboolean    is_text;
  gint64      number;
  double      real;
  const char *text;
} RefValue;

static RefValue
ref_value (HubDataset           *dataset,
           const HubModelRecord *r,
           HubListSort           sort)
{
  RefValue v = { TRUE, FALSE, 0, 0, NULL };

  switch (sort)
    {
    case HUB_LIST_SORT_TRENDING: v.number = r->trending_score; v.known = r->trending_score >= 0; break;
    case HUB_LIST_SORT_DOWNLOADS: v.number = r->downloads; v.known = r->downloads >= 0; break;
    case HUB_LIST_SORT_DOWNLOADS_ALL_TIME: v.number = r->downloads_all_time; v.known = r->downloads_all_time >= 0; break;
    case HUB_LIST_SORT_LIKES: v.number = r->likes; v.known = r->likes >= 0; break;
    case HUB_LIST_SORT_PARAMETERS: v.number = r->parameters; v.known = r->parameters >= 0; break;
    case HUB_LIST_SORT_CREATED: v.number = r->created_at; v.known = r->created_at != HUB_TIME_NONE; break;
    case HUB_LIST_SORT_ID: v.is_text = TRUE; v.text = r->id; break;
    case HUB_LIST_SORT_AUTHOR: v.is_text = TRUE; v.text = hub_dataset_get_author (dataset, r->author)->author; break;
    case HUB_LIST_SORT_COUNTRY:
      v.is_text = TRUE;
      v.text = hub_dataset_get_author (dataset, r->author)->country;
      v.known = v.text != NULL;
      break;
    case HUB_LIST_SORT_TASK:
      v.is_text = TRUE;
      v.text = hub_dataset_get_task (dataset, r->task)->id;
      v.known = r->task != 0;
      break;
    case HUB_LIST_SORT_LIBRARY:
      v.is_text = TRUE;
      v.text = hub_dataset_get_library (dataset, r->library)->id;
      v.known = r->library != 0;
      break;
    case HUB_LIST_SORT_RECENT_RATIO:
      v.known = r->downloads >= 0 && r->downloads_all_time > 0;
      v.real = v.known ? (double) r->downloads / r->downloads_all_time : 0;
      break;
    default:
      g_assert_not_reached ();
    }
  return v;
}

/* <0 when a must come before b. */
static int
ref_compare (HubDataset         *dataset,
             const HubListQuery *query,
             guint32             a,
             guint32             b)
{
  const HubModelRecord *ra = hub_dataset_get_model (dataset, a);
  const HubModelRecord *rb = hub_dataset_get_model (dataset, b);
  RefValue va = ref_value (dataset, ra, query->sort);
  RefValue vb = ref_value (dataset, rb, query->sort);
  int cmp = 0;

  if (va.known != vb.known)
    return va.known ? -1 : 1;
  if (va.known)
    {
      if (va.is_text && query->sort == HUB_LIST_SORT_ID)
        cmp = strcmp (va.text, vb.text);  /* ids sort in byte order */
      else if (va.is_text)
        {
          cmp = g_ascii_strcasecmp (va.text, vb.text);
          if (cmp == 0)
            cmp = strcmp (va.text, vb.text);
        }
      else if (query->sort == HUB_LIST_SORT_RECENT_RATIO)
        cmp = (va.real > vb.real) - (va.real < vb.real);
      else
        cmp = (va.number > vb.number) - (va.number < vb.number);
      if (query->descending)
        cmp = -cmp;
    }
  if (cmp == 0)
    cmp = strcmp (ra->id, rb->id);
  return cmp;
}

static gboolean
ref_passes (HubDataset         *dataset,
            const HubListQuery *q,
            guint               i)
{
  const HubModelRecord *r = hub_dataset_get_model (dataset, i);
  const HubAuthorInfo *author = hub_dataset_get_author (dataset, r->author);

  if (q->task != NULL && strcmp (hub_dataset_get_task (dataset, r->task)->id, q->task) != 0)
    return FALSE;
  if (q->library != NULL && strcmp (hub_dataset_get_library (dataset, r->library)->id, q->library) != 0)
    return FALSE;
  if (q->country != NULL && g_strcmp0 (author->country, q->country) != 0)
    return FALSE;
  if (q->org_type != NULL && g_strcmp0 (author->org_type, q->org_type) != 0)
    return FALSE;
  if (q->relation != HUB_N_RELATIONS && r->relation != q->relation)
    return FALSE;
  if ((q->min_params != HUB_COUNT_NONE || q->max_params != HUB_COUNT_NONE) && r->parameters < 0)
    return FALSE;
  if (q->min_params != HUB_COUNT_NONE && r->parameters < q->min_params)
    return FALSE;
  if (q->max_params != HUB_COUNT_NONE && r->parameters > q->max_params)
    return FALSE;
  if (q->search != NULL)
    {
      g_autofree char *needle = g_utf8_strdown (q->search, -1);
      g_autofree char *id = g_utf8_strdown (r->id, -1);
      g_autofree char *name = g_utf8_strdown (author->author, -1);

      if (strstr (id, needle) == NULL && strstr (name, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Checks @rows against the reference: the right set, each once, in order. */
static void
check_rows (HubDataset         *dataset,
            const HubListQuery *query,
            GArray             *rows)
{
  guint n = hub_dataset_get_n_models (dataset);
  g_autofree guint8 *seen = g_new0 (guint8, n);
  guint expected = 0;

  g_assert_nonnull (rows);
  for (guint i = 0; i < n; i++)
    if (ref_passes (dataset, query, i))
      expected++;
  if (query->limit > 0)
    expected = MIN (expected, query->limit);
  g_assert_cmpuint (rows->len, ==, expected);

  for (guint i = 0; i < rows->len; i++)
    {
      guint32 index = g_array_index (rows, guint32, i);

      g_assert_cmpuint (index, <, n);
      g_assert_cmpuint (seen[index], ==, 0);
      seen[index] = 1;
      g_assert_true (ref_passes (dataset, query, index));
      if (i > 0)
        g_assert_cmpint (ref_compare (dataset, query, g_array_index (rows, guint32, i - 1), index), <, 0);
    }

  /* With a limit, nothing left out may come before the last row kept. */
  if (query->limit > 0 && rows->len > 0)
    {
      guint32 last = g_array_index (rows, guint32, rows->len - 1);

      for (guint i = 0; i < n; i++)
        if (!seen[i] && ref_passes (dataset, query, i))
          g_assert_cmpint (ref_compare (dataset, query, last, i), <, 0);
    }
}

static void
check_all_sorts (guint n_models)
{
  g_autoptr(HubDataset) dataset = hub_dataset_new_synthetic (n_models, 7);

  for (guint sort = 0; sort < HUB_N_LIST_SORTS; sort++)
    for (guint dir = 0; dir < 2; dir++)
      {
        HubListQuery query;
        g_autoptr(GArray) rows = NULL;
        g_autoptr(GArray) again = NULL;

        hub_list_query_init (&query);
        query.sort = sort;
        query.descending = dir == 1;
        rows = hub_list_query_run (&query, dataset, NULL);
        check_rows (dataset, &query, rows);
        /* Again: the order the dataset kept (issue 18), the same rows. */
        again = hub_list_query_run (&query, dataset, NULL);
        g_assert_cmpuint (again->len, ==, rows->len);
        g_assert_cmpint (memcmp (again->data, rows->data, rows->len * sizeof (guint32)), ==, 0);
        hub_list_query_clear (&query);
      }
}

static void
test_sort_small (void)
{
  check_all_sorts (5000);
}

/* Above the threshold both cores filter and sort: same answers. */
static void
test_sort_parallel (void)
{
  if (!g_test_slow () && !g_test_thorough ())
    {
      /* One sort and direction is enough to cover the two-thread path. */
      g_autoptr(HubDataset) dataset = hub_dataset_new_synthetic (250000, 11);
      HubListQuery query;
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GArray) rows_asc = NULL;

      hub_list_query_init (&query);
      query.sort = HUB_LIST_SORT_DOWNLOADS;
      rows = hub_list_query_run (&query, dataset, NULL);
      check_rows (dataset, &query, rows);
      query.sort = HUB_LIST_SORT_CREATED;
      query.descending = FALSE;
      rows_asc = hub_list_query_run (&query, dataset, NULL);
      check_rows (dataset, &query, rows_asc);
      hub_list_query_clear (&query);
      return;
    }
  check_all_sorts (250000);
}

static void
test_limit (void)
{
  g_autoptr(HubDataset) dataset = hub_dataset_new_synthetic (250000, 3);
  const guint limits[] = { 1, 10, 100, 1000, 100000, 249999, 250000, 300000 };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      HubListQuery query;
      g_autoptr(GArray) rows = NULL;

      hub_list_query_init (&query);
      query.sort = i % 2 ? HUB_LIST_SORT_LIKES : HUB_LIST_SORT_TRENDING;
      query.limit = limits[i];
      rows = hub_list_query_run (&query, dataset, NULL);
      check_rows (dataset, &query, rows);
      hub_list_query_clear (&query);
    }
}

static void
test_filters_synthetic (void)
{
  g_autoptr(HubDataset) dataset = hub_dataset_new_synthetic (20000, 5);
  struct {
    const char *task, *library, *country, *org_type, *search;
    HubRelation relation;
    gint64 min_params, max_params;
  } cases[] = {
    { "text-generation", NULL, NULL, NULL, NULL, HUB_N_RELATIONS, -1, -1 },
    { NULL, "gguf", "US", NULL, NULL, HUB_N_RELATIONS, -1, -1 },
    { NULL, NULL, NULL, "university", NULL, HUB_RELATION_NONE, -1, -1 },
    { NULL, NULL, NULL, NULL, "MODEL-0001", HUB_N_RELATIONS, -1, -1 },
    { NULL, NULL, NULL, NULL, "Author00012", HUB_N_RELATIONS, -1, -1 },
    { NULL, NULL, NULL, NULL, NULL, HUB_RELATION_QUANTIZED, 1000000000, -1 },
    { NULL, NULL, NULL, NULL, NULL, HUB_N_RELATIONS, -1, 5000000 },
    { "translation", NULL, "FR", "company", "0", HUB_N_RELATIONS, 1000, 1000000000000 },
    { "no-such-task", NULL, NULL, NULL, NULL, HUB_N_RELATIONS, -1, -1 },
    { NULL, NULL, "ZZ", NULL, NULL, HUB_N_RELATIONS, -1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HubListQuery query;
      g_autoptr(GArray) rows = NULL;

      hub_list_query_init (&query);
      query.task = g_strdup (cases[i].task);
      query.library = g_strdup (cases[i].library);
      query.country = g_strdup (cases[i].country);
      query.org_type = g_strdup (cases[i].org_type);
      query.search = g_strdup (cases[i].search);
      query.relation = cases[i].relation;
      query.min_params = cases[i].min_params;
      query.max_params = cases[i].max_params;
      query.sort = HUB_LIST_SORT_PARAMETERS;
      rows = hub_list_query_run (&query, dataset, NULL);
      check_rows (dataset, &query, rows);
      /* Cases 0..7 select something, the last two nothing. */
      if (i < 8)
        g_assert_cmpuint (rows->len, >, 0);
      else
        g_assert_cmpuint (rows->len, ==, 0);
      hub_list_query_clear (&query);
    }
}

static void
test_cancel (void)
{
  g_autoptr(HubDataset) dataset = hub_dataset_new_synthetic (1000, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  HubListQuery query;

  hub_list_query_init (&query);
  g_cancellable_cancel (cancellable);
  g_assert_null (hub_list_query_run (&query, dataset, cancellable));
}

static void
test_query_helpers (void)
{
  HubListQuery query, copy;
  HubListSort sort;
  HubModelRecord record = { 0 };

  for (guint i = 0; i < HUB_N_LIST_SORTS; i++)
    {
      g_assert_true (hub_list_sort_from_string (hub_list_sort_to_string (i), &sort));
      g_assert_cmpint (sort, ==, i);
    }
  g_assert_false (hub_list_sort_from_string ("popularity", &sort));
  g_assert_false (hub_list_sort_from_string (NULL, &sort));

  hub_list_query_init (&query);
  g_assert_cmpint (query.relation, ==, HUB_N_RELATIONS);
  g_assert_cmpint (query.min_params, ==, HUB_COUNT_NONE);
  query.search = g_strdup ("llama");
  query.task = g_strdup ("text-generation");
  hub_list_query_copy (&copy, &query);
  g_assert_cmpstr (copy.search, ==, "llama");
  g_assert_true (copy.search != query.search);
  hub_list_query_clear (&query);
  g_assert_null (query.search);
  g_assert_cmpstr (copy.task, ==, "text-generation");
  hub_list_query_clear (&copy);

  record.downloads = 50;
  record.downloads_all_time = 200;
  g_assert_cmpfloat (hub_model_recent_ratio (&record), ==, 0.25);
  record.downloads_all_time = 0;
  g_assert_cmpfloat (hub_model_recent_ratio (&record), ==, -1);
  record.downloads_all_time = HUB_COUNT_NONE;
  g_assert_cmpfloat (hub_model_recent_ratio (&record), ==, -1);
  record.downloads = HUB_COUNT_NONE;
  record.downloads_all_time = 10;
  g_assert_cmpfloat (hub_model_recent_ratio (&record), ==, -1);
}

/* A store filled with plain SQL ------------------------------------------- */

static const char fixture_sql[] =
  "INSERT INTO tasks VALUES ('text-generation', 'Text Generation', 'nlp'),"
  "  ('text-to-image', 'Text-to-Image', 'cv');"
  "INSERT INTO libraries VALUES ('transformers', 'Transformers', NULL, NULL, 'path:\"config.json\"');"
  "INSERT INTO authors (author, display_name, grp, country, org_type, origin) VALUES"
  "  ('meta-llama', 'Meta Llama', 'Meta', 'US', 'company', 'shipped'),"
  "  ('Qwen', 'Qwen', 'Alibaba', 'CN', 'company', 'shipped'),"
  "  ('unused', 'Unused', 'Unused', 'FR', 'university', 'shipped');"
  "INSERT INTO models (id, author, created_at, pipeline_tag, library_name, gated, license,"
  "  parameters, parameters_source, downloads, downloads_all_time, likes, trending_score) VALUES"
  "  ('meta-llama/Llama-3.1-8B', 'meta-llama', 1721000000, 'text-generation', 'transformers', 'manual', 'llama3.1',"
  "   8030261248, 'safetensors', 9000000, 90000000, 5000, 40),"
  "  ('Qwen/Qwen2.5-7B', 'Qwen', 1726000000, 'text-generation', 'transformers', 'false', 'apache-2.0',"
  "   7615616512, 'safetensors', 800000, NULL, 900, 12),"
  "  ('someone/llama-merge', 'someone', NULL, 'text-generation', 'mergekit', NULL, NULL,"
  "   NULL, NULL, 10, 10, 0, 0),"
  "  ('someone/llama-gguf', NULL, 1730000000, NULL, NULL, NULL, NULL,"
  "   8030261248, 'gguf', NULL, NULL, NULL, NULL),"
  "  ('other/lora', 'other', 1731000000, 'text-to-image', NULL, NULL, NULL,"
  "   NULL, NULL, 3, NULL, 1, 0);"
  /* Positions out of insertion order; a parent that is not in the store. */
  "INSERT INTO lineage VALUES ('someone/llama-merge', 'Qwen/Qwen2.5-7B', 'merge', 1),"
  "  ('someone/llama-merge', 'meta-llama/Llama-3.1-8B', 'merge', 0),"
  "  ('someone/llama-merge', 'gone/missing', 'merge', 2),"
  "  ('someone/llama-gguf', 'meta-llama/Llama-3.1-8B', 'quantized', 0),"
  "  ('other/lora', 'nowhere/base', 'adapter', 0);"
  "INSERT INTO snapshots (series, source, captured_at, complete) VALUES"
  "  ('hub', 'test', 1750000000, 1), ('hub', 'test', 1760000000, 0);";

static HubStore *
open_fixture_store (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fixture.db", NULL);
  g_autoptr(GError) error = NULL;
  HubStore *store = hub_store_open (path, &error);
  char *message = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (hub_store_get_db (store), fixture_sql, NULL, NULL, &message), ==, SQLITE_OK);
  return store;
}

static void
test_load_fixture (void)
{
  g_autoptr(HubStore) store = open_fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDataset) dataset = hub_dataset_load (store, NULL, &error);
  const HubModelRecord *llama, *merge, *gguf, *lora, *qwen;
  const HubAuthorInfo *author;
  const gint32 *parents;
  guint n_parents, counts[HUB_N_RELATIONS];
  gint32 i_llama, i_qwen;

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (hub_dataset_get_n_models (dataset), ==, 5);

  /* Index order is id order. */
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (strcmp (hub_dataset_get_model (dataset, i - 1)->id,
                             hub_dataset_get_model (dataset, i)->id), <, 0);

  i_llama = hub_dataset_find_model (dataset, "meta-llama/Llama-3.1-8B");
  i_qwen = hub_dataset_find_model (dataset, "Qwen/Qwen2.5-7B");
  g_assert_cmpint (i_llama, >=, 0);
  g_assert_cmpint (i_qwen, >=, 0);
  g_assert_cmpint (hub_dataset_find_model (dataset, "gone/missing"), ==, -1);
  g_assert_cmpint (hub_dataset_find_model (dataset, "meta-llama/llama-3.1-8b"), ==, -1);

  llama = hub_dataset_get_model (dataset, i_llama);
  qwen = hub_dataset_get_model (dataset, i_qwen);
  merge = hub_dataset_get_model (dataset, hub_dataset_find_model (dataset, "someone/llama-merge"));
  gguf = hub_dataset_get_model (dataset, hub_dataset_find_model (dataset, "someone/llama-gguf"));
  lora = hub_dataset_get_model (dataset, hub_dataset_find_model (dataset, "other/lora"));

  g_assert_cmpint (llama->created_at, ==, 1721000000);
  g_assert_cmpint (llama->downloads, ==, 9000000);
  g_assert_cmpint (llama->downloads_all_time, ==, 90000000);
  g_assert_cmpint (llama->parameters, ==, 8030261248);
  g_assert_cmpint (llama->parameters_source, ==, HUB_PARAM_SOURCE_SAFETENSORS);
  g_assert_cmpint (llama->gated, ==, 1);
  g_assert_cmpstr (llama->license, ==, "llama3.1");
  g_assert_cmpint (llama->relation, ==, HUB_RELATION_NONE);
  g_assert_cmpint (llama->first_parent, ==, -1);
  g_assert_cmpint (qwen->gated, ==, 0);
  g_assert_cmpint (qwen->downloads_all_time, ==, HUB_COUNT_NONE);
  g_assert_cmpint (merge->created_at, ==, HUB_TIME_NONE);
  g_assert_cmpint (merge->parameters, ==, HUB_COUNT_NONE);
  g_assert_null (merge->license);
  g_assert_cmpint (gguf->downloads, ==, HUB_COUNT_NONE);
  g_assert_cmpint (gguf->parameters_source, ==, HUB_PARAM_SOURCE_GGUF);

  /* Taxonomy: index 0 is none; a library the taxonomy lacks is added. */
  g_assert_cmpstr (hub_dataset_get_task (dataset, 0)->id, ==, "");
  g_assert_cmpstr (hub_dataset_get_task (dataset, llama->task)->id, ==, "text-generation");
  g_assert_cmpstr (hub_dataset_get_task (dataset, llama->task)->modality, ==, "nlp");
  g_assert_cmpstr (hub_dataset_get_task (dataset, lora->task)->name, ==, "Text-to-Image");
  g_assert_cmpint (gguf->task, ==, 0);
  g_assert_cmpstr (hub_dataset_get_library (dataset, llama->library)->count_rule, ==, "path:\"config.json\"");
  g_assert_cmpstr (hub_dataset_get_library (dataset, merge->library)->id, ==, "mergekit");
  g_assert_null (hub_dataset_get_library (dataset, merge->library)->count_rule);
  g_assert_cmpint (gguf->library, ==, 0);

  /* Authors: joined with the authors table; no row = unknown country. */
  author = hub_dataset_get_author (dataset, llama->author);
  g_assert_cmpstr (author->author, ==, "meta-llama");
  g_assert_cmpstr (author->display_name, ==, "Meta Llama");
  g_assert_cmpstr (author->group, ==, "Meta");
  g_assert_cmpstr (author->country, ==, "US");
  g_assert_cmpstr (author->org_type, ==, "company");
  author = hub_dataset_get_author (dataset, merge->author);
  g_assert_cmpstr (author->author, ==, "someone");
  g_assert_null (author->country);
  g_assert_null (author->org_type);
  /* A NULL author column falls back to the id's owner. */
  g_assert_cmpuint (gguf->author, ==, merge->author);

  /* Countries and org types of the models' authors only, sorted. */
  g_assert_cmpuint (g_strv_length ((char **) hub_dataset_list_countries (dataset)), ==, 2);
  g_assert_cmpstr (hub_dataset_list_countries (dataset)[0], ==, "CN");
  g_assert_cmpstr (hub_dataset_list_countries (dataset)[1], ==, "US");
  g_assert_cmpuint (g_strv_length ((char **) hub_dataset_list_org_types (dataset)), ==, 1);

  /* Parents in position order; a missing parent is -1. */
  parents = hub_dataset_get_parents (dataset, merge - hub_dataset_get_model (dataset, 0), &n_parents);
  g_assert_cmpuint (n_parents, ==, 3);
  g_assert_cmpint (parents[0], ==, i_llama);
  g_assert_cmpint (parents[1], ==, i_qwen);
  g_assert_cmpint (parents[2], ==, -1);
  g_assert_cmpint (merge->first_parent, ==, i_llama);
  g_assert_cmpint (merge->relation, ==, HUB_RELATION_MERGE);
  g_assert_cmpint (gguf->relation, ==, HUB_RELATION_QUANTIZED);
  g_assert_cmpint (lora->relation, ==, HUB_RELATION_ADAPTER);
  g_assert_cmpint (lora->first_parent, ==, -1);

  hub_dataset_count_children (dataset, i_llama, counts);
  g_assert_cmpuint (counts[HUB_RELATION_MERGE], ==, 1);
  g_assert_cmpuint (counts[HUB_RELATION_QUANTIZED], ==, 1);
  g_assert_cmpuint (counts[HUB_RELATION_FINETUNE], ==, 0);
  hub_dataset_count_children (dataset, i_qwen, counts);
  g_assert_cmpuint (counts[HUB_RELATION_MERGE], ==, 1);
  g_assert_cmpuint (counts[HUB_RELATION_QUANTIZED], ==, 0);

  /* Only complete snapshots date the data. */
  g_assert_cmpint (hub_dataset_get_data_time (dataset), ==, 1750000000);
}

static void
test_query_fixture (void)
{
  g_autoptr(HubStore) store = open_fixture_store ();
  g_autoptr(HubDataset) dataset = hub_dataset_load (store, NULL, NULL);
  HubListQuery query;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) by_created = NULL;
  g_autoptr(GArray) sized = NULL;

  hub_list_query_init (&query);
  query.sort = HUB_LIST_SORT_DOWNLOADS;
  query.search = g_strdup ("LLAMA");
  rows = hub_list_query_run (&query, dataset, NULL);
  /* Unknown downloads come last; search matches id or author. */
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (hub_dataset_get_model (dataset, g_array_index (rows, guint32, 0))->id, ==, "meta-llama/Llama-3.1-8B");
  g_assert_cmpstr (hub_dataset_get_model (dataset, g_array_index (rows, guint32, 1))->id, ==, "someone/llama-merge");
  g_assert_cmpstr (hub_dataset_get_model (dataset, g_array_index (rows, guint32, 2))->id, ==, "someone/llama-gguf");

  /* Unknown creation time stays last in both directions. */
  hub_list_query_clear (&query);
  query.sort = HUB_LIST_SORT_CREATED;
  query.descending = FALSE;
  by_created = hub_list_query_run (&query, dataset, NULL);
  g_assert_cmpuint (by_created->len, ==, 5);
  g_assert_cmpstr (hub_dataset_get_model (dataset, g_array_index (by_created, guint32, 4))->id, ==, "someone/llama-merge");
  g_assert_cmpstr (hub_dataset_get_model (dataset, g_array_index (by_created, guint32, 0))->id, ==, "meta-llama/Llama-3.1-8B");

  /* A size bound drops models of unknown size. */
  query.min_params = 7000000000;
  query.max_params = 8000000000;
  sized = hub_list_query_run (&query, dataset, NULL);
  g_assert_cmpuint (sized->len, ==, 1);
  g_assert_cmpstr (hub_dataset_get_model (dataset, g_array_index (sized, guint32, 0))->id, ==, "Qwen/Qwen2.5-7B");
  hub_list_query_clear (&query);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HubDataset **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = hub_dataset_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async (void)
{
  g_autoptr(HubStore) store = open_fixture_store ();
  g_autoptr(HubDataset) dataset = NULL;

  hub_dataset_load_async (hub_store_get_path (store), NULL, on_loaded, &dataset);
  while (dataset == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (hub_dataset_get_n_models (dataset), ==, 5);
}

static void
test_load_cancelled (void)
{
  g_autoptr(HubStore) store = open_fixture_store ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDataset) dataset = NULL;

  g_cancellable_cancel (cancellable);
  dataset = hub_dataset_load (store, cancellable, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_load_not_a_store (void)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDataset) dataset = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  dataset = hub_dataset_load_from_db (db, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED);
  sqlite3_close (db);
}

/* The real dataset, checked against the JSONL read independently ---------- */

typedef struct {
  char   *id;
  char   *author;
  char   *task;
  gint64  downloads;
  gint64  params;
  char   *base_relation;   /* baseModels.relation, or NULL */
  gboolean has_lineage_hint; /* base_model tags or cardData.base_model */
} RefModel;

static void
ref_model_free (gpointer data)
{
  RefModel *m = data;

  g_free (m->id);
  g_free (m->author);
  g_free (m->task);
  g_free (m->base_relation);
  g_free (m);
}

static GPtrArray *
read_reference_jsonl (void)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GConverter) gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GInputStream) plain = g_converter_input_stream_new (raw, gunzip);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (plain);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *models = g_ptr_array_new_with_free_func (ref_model_free);
  char *line;

  g_assert_no_error (error);
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      JsonObject *o;
      RefModel *m;

      g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
      g_free (line);
      o = json_node_get_object (json_parser_get_root (parser));
      m = g_new0 (RefModel, 1);
      m->id = g_strdup (json_object_get_string_member (o, "id"));
      m->author = g_strdup (json_object_get_string_member_with_default (o, "author", NULL));
      m->task = g_strdup (json_object_get_string_member_with_default (o, "pipeline_tag", NULL));
      m->downloads = json_object_get_int_member_with_default (o, "downloads", -1);
      m->params = -1;
      if (json_object_has_member (o, "safetensors") && !json_object_get_null_member (o, "safetensors"))
        m->params = json_object_get_int_member_with_default (json_object_get_object_member (o, "safetensors"), "total", -1);
      if (m->params < 0 && json_object_has_member (o, "gguf") && !json_object_get_null_member (o, "gguf"))
        m->params = json_object_get_int_member_with_default (json_object_get_object_member (o, "gguf"), "total", -1);
      if (json_object_has_member (o, "baseModels") && !json_object_get_null_member (o, "baseModels"))
        {
          JsonObject *base = json_object_get_object_member (o, "baseModels");
          JsonArray *parents = json_object_get_array_member (base, "models");
          gboolean other_than_self = FALSE;

          /* Self-loops and invalid ids ("/cache/models/x") are dropped by
           * the parser; a model left with none is not checked here. */
          for (guint i = 0; i < json_array_get_length (parents); i++)
            {
              const char *parent = json_object_get_string_member (json_array_get_object_element (parents, i), "id");

              if (g_strcmp0 (parent, m->id) != 0 && hub_model_id_is_valid (parent))
                other_than_self = TRUE;
            }
          if (other_than_self)
            m->base_relation = g_strdup (json_object_get_string_member_with_default (base, "relation", NULL));
          else
            m->has_lineage_hint = TRUE;
        }
      if (json_object_has_member (o, "cardData") && !json_object_get_null_member (o, "cardData") &&
          json_object_has_member (json_object_get_object_member (o, "cardData"), "base_model"))
        m->has_lineage_hint = TRUE;
      if (json_object_has_member (o, "tags"))
        {
          JsonArray *tags = json_object_get_array_member (o, "tags");

          for (guint i = 0; i < json_array_get_length (tags); i++)
            if (g_str_has_prefix (json_array_get_string_element (tags, i), "base_model:"))
              m->has_lineage_hint = TRUE;
        }
      g_ptr_array_add (models, m);
    }
  g_assert_no_error (error);
  return models;
}

static HubDataset *real_dataset;
static GPtrArray *real_reference;

static void
ensure_real (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *jsonl = NULL;
  g_autofree char *authors = NULL;
  g_autoptr(GFile) jsonl_file = NULL;
  g_autoptr(GFile) authors_file = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;

  if (real_dataset != NULL)
    return;

  dir = hub_test_tmpdir ();
  db_path = g_build_filename (dir, "real.db", NULL);
  jsonl = hub_test_dataset_path ("hub-models.jsonl.gz");
  authors = hub_test_dataset_path ("authors.csv");
  store = hub_store_open (db_path, &error);
  g_assert_no_error (error);
  jsonl_file = g_file_new_for_path (jsonl);
  authors_file = g_file_new_for_path (authors);
  g_assert_true (hub_import_file (store, jsonl_file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, authors_file, HUB_IMPORT_FORMAT_AUTHORS_CSV, report, NULL, &error));
  g_assert_no_error (error);

  real_dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  real_reference = read_reference_jsonl ();
}

static int
compare_ref_downloads (gconstpointer a,
                       gconstpointer b)
{
  const RefModel *ma = *(RefModel * const *) a, *mb = *(RefModel * const *) b;

  if (ma->downloads != mb->downloads)
    return ma->downloads > mb->downloads ? -1 : 1;
  return strcmp (ma->id, mb->id);
}

static void
test_real_top_text_generation (void)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GArray) rows = NULL;
  HubListQuery query;

  ensure_real ();
  g_assert_cmpuint (hub_dataset_get_n_models (real_dataset), ==, real_reference->len);

  for (guint i = 0; i < real_reference->len; i++)
    {
      RefModel *m = g_ptr_array_index (real_reference, i);

      if (g_strcmp0 (m->task, "text-generation") == 0 && m->downloads >= 0)
        g_ptr_array_add (expected, m);
    }
  g_ptr_array_sort (expected, compare_ref_downloads);
  g_assert_cmpuint (expected->len, >=, 10);

  hub_list_query_init (&query);
  query.task = g_strdup ("text-generation");
  query.sort = HUB_LIST_SORT_DOWNLOADS;
  query.limit = 10;
  rows = hub_list_query_run (&query, real_dataset, NULL);
  g_assert_cmpuint (rows->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (real_dataset, g_array_index (rows, guint32, i));
      RefModel *m = g_ptr_array_index (expected, i);

      g_assert_cmpstr (r->id, ==, m->id);
      g_assert_cmpint (r->downloads, ==, m->downloads);
    }
  hub_list_query_clear (&query);
}

static void
test_real_counts_per_task (void)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint n_checked = 0;

  ensure_real ();
  for (guint i = 0; i < real_reference->len; i++)
    {
      RefModel *m = g_ptr_array_index (real_reference, i);

      if (m->task != NULL)
        g_hash_table_insert (counts, m->task,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, m->task)) + 1));
    }
  g_assert_cmpuint (g_hash_table_size (counts), >, 10);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      HubListQuery query;
      g_autoptr(GArray) rows = NULL;

      hub_list_query_init (&query);
      query.task = g_strdup (key);
      rows = hub_list_query_run (&query, real_dataset, NULL);
      g_assert_cmpuint (rows->len, ==, GPOINTER_TO_UINT (value));
      hub_list_query_clear (&query);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, g_hash_table_size (counts));
}

static void
test_real_size_range (void)
{
  HubListQuery query;
  g_autoptr(GArray) rows = NULL;
  guint expected = 0;

  ensure_real ();
  for (guint i = 0; i < real_reference->len; i++)
    {
      RefModel *m = g_ptr_array_index (real_reference, i);

      if (m->params >= 1000000000 && m->params <= 10000000000)
        expected++;
    }
  g_assert_cmpuint (expected, >, 100);

  hub_list_query_init (&query);
  query.min_params = 1000000000;
  query.max_params = 10000000000;
  rows = hub_list_query_run (&query, real_dataset, NULL);
  g_assert_cmpuint (rows->len, ==, expected);
  hub_list_query_clear (&query);
}

static void
test_real_search (void)
{
  const char *needles[] = { "qwen", "UNSLOTH", "gguf", "-7b-" };

  ensure_real ();
  for (guint n = 0; n < G_N_ELEMENTS (needles); n++)
    {
      g_autofree char *needle = g_ascii_strdown (needles[n], -1);
      HubListQuery query;
      g_autoptr(GArray) rows = NULL;
      guint expected = 0;

      for (guint i = 0; i < real_reference->len; i++)
        {
          RefModel *m = g_ptr_array_index (real_reference, i);
          g_autofree char *id = g_ascii_strdown (m->id, -1);
          g_autofree char *author = g_ascii_strdown (m->author != NULL ? m->author : "", -1);

          if (strstr (id, needle) != NULL || strstr (author, needle) != NULL)
            expected++;
        }
      g_assert_cmpuint (expected, >, 0);

      hub_list_query_init (&query);
      query.search = g_strdup (needles[n]);
      rows = hub_list_query_run (&query, real_dataset, NULL);
      g_assert_cmpuint (rows->len, ==, expected);
      hub_list_query_clear (&query);
    }
}

static void
test_real_relations (void)
{
  guint expected[HUB_N_RELATIONS] = { 0 };
  guint n_base = 0, n_with_base_models = 0;

  ensure_real ();
  for (guint i = 0; i < real_reference->len; i++)
    {
      RefModel *m = g_ptr_array_index (real_reference, i);
      gint32 index = hub_dataset_find_model (real_dataset, m->id);
      const HubModelRecord *r;

      g_assert_cmpint (index, >=, 0);
      r = hub_dataset_get_model (real_dataset, index);
      if (m->base_relation != NULL)
        {
          const char *want = m->base_relation;

          n_with_base_models++;
          /* The Hub says "finetune", "adapter", "quantized", "merge". */
          g_assert_cmpstr (hub_relation_to_string (r->relation), ==, want);
          expected[r->relation]++;
        }
      else if (!m->has_lineage_hint)
        {
          g_assert_cmpint (r->relation, ==, HUB_RELATION_NONE);
          n_base++;
        }
    }
  g_assert_cmpuint (n_with_base_models, >, 1000);
  g_assert_cmpuint (n_base, >, 1000);

  for (HubRelation rel = HUB_RELATION_FINETUNE; rel <= HUB_RELATION_MERGE; rel++)
    {
      HubListQuery query;
      g_autoptr(GArray) rows = NULL;

      hub_list_query_init (&query);
      query.relation = rel;
      rows = hub_list_query_run (&query, real_dataset, NULL);
      /* Lineage from tags or the card adds to what baseModels says. */
      g_assert_cmpuint (rows->len, >=, expected[rel]);
      g_assert_cmpuint (expected[rel], >, 0);
      hub_list_query_clear (&query);
    }
}

static void
test_real_country (void)
{
  const char * const *countries;
  guint total = 0;

  ensure_real ();
  countries = hub_dataset_list_countries (real_dataset);
  g_assert_true (g_strv_contains (countries, "US"));
  g_assert_true (g_strv_contains (countries, "CN"));

  /* Every model is in at most one country; the sum is the models whose
   * author has one. */
  for (guint c = 0; countries[c] != NULL; c++)
    {
      HubListQuery query;
      g_autoptr(GArray) rows = NULL;

      hub_list_query_init (&query);
      query.country = g_strdup (countries[c]);
      rows = hub_list_query_run (&query, real_dataset, NULL);
      for (guint i = 0; i < rows->len; i++)
        {
          const HubModelRecord *r = hub_dataset_get_model (real_dataset, g_array_index (rows, guint32, i));
          g_assert_cmpstr (hub_dataset_get_author (real_dataset, r->author)->country, ==, countries[c]);
        }
      total += rows->len;
      hub_list_query_clear (&query);
    }
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (total, <=, hub_dataset_get_n_models (real_dataset));
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/list/query-helpers", test_query_helpers);
  g_test_add_func ("/list/sort/small", test_sort_small);
  g_test_add_func ("/list/sort/parallel", test_sort_parallel);
  g_test_add_func ("/list/limit", test_limit);
  g_test_add_func ("/list/filters/synthetic", test_filters_synthetic);
  g_test_add_func ("/list/cancel", test_cancel);
  g_test_add_func ("/dataset/load/fixture", test_load_fixture);
  g_test_add_func ("/dataset/load/async", test_load_async);
  g_test_add_func ("/dataset/load/cancelled", test_load_cancelled);
  g_test_add_func ("/dataset/load/not-a-store", test_load_not_a_store);
  g_test_add_func ("/list/fixture", test_query_fixture);
  g_test_add_func ("/list/real/top-text-generation", test_real_top_text_generation);
  g_test_add_func ("/list/real/counts-per-task", test_real_counts_per_task);
  g_test_add_func ("/list/real/size-range", test_real_size_range);
  g_test_add_func ("/list/real/search", test_real_search);
  g_test_add_func ("/list/real/relations", test_real_relations);
  g_test_add_func ("/list/real/country", test_real_country);

  rc = g_test_run ();
  g_clear_pointer (&real_dataset, hub_dataset_unref);
  g_clear_pointer (&real_reference, g_ptr_array_unref);
  return rc;
}
