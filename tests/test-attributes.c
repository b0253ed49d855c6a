/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Attribute trends: tag classification, a hand-computed store over two
 * years with a pivot, and the embedded dataset against SQL. */
#include "config.h"

#include "hub-attributes.h"
#include "hub-import.h"
#include "hub-test-util.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

static void
classify (const char * const *tags,
          const char        **out_quant,
          const char        **out_arch,
          gboolean           *out_moe)
{
  guint8 q = 0, a = 0;
  gboolean moe = FALSE;

  for (guint i = 0; tags[i] != NULL; i++)
    hub_attribute_classify_tag (tags[i], &q, &a, &moe);
  *out_quant = hub_attribute_quantization_name (q & 0x3f);
  *out_arch = hub_attribute_architecture_name (a);
  *out_moe = moe;
}

static void
test_classify (void)
{
  static const struct {
    const char *tags[6];
    const char *quant;
    const char *arch;
    gboolean    moe;
  } cases[] = {
    { { "transformers", "llama", "gguf", NULL }, "gguf", "llama", FALSE },
    { { "4-bit", "gguf", NULL }, "gguf", "none", FALSE },            /* gguf wins */
    { { "mlx", "qwen3_5_moe", "4-bit", NULL }, "mlx", "qwen", TRUE },
    { { "4-bit", "mlx", NULL }, "mlx", "none", FALSE },              /* any order */
    { { "mlx", NULL }, "none", "none", FALSE },                      /* mlx alone: not quantized */
    { { "8bit", NULL }, "other-bits", "none", FALSE },
    { { "1.58bit", "bitnet", NULL }, "other-bits", "none", FALSE },
    { { "awq", "gptq", NULL }, "gptq", "none", FALSE },
    { { "exl3", "mistral", NULL }, "exl", "mistral", FALSE },
    { { "compressed-tensors", "fp8", NULL }, "fp8-fp4", "none", FALSE },
    { { "bitsandbytes", "8-bit", NULL }, "bitsandbytes", "none", FALSE },
    { { "mixtral", NULL }, "none", "mistral", TRUE },
    { { "gpt_oss", NULL }, "none", "gpt-oss", TRUE },
    { { "MoE", "gemma3n", NULL }, "none", "gemma", TRUE },
    { { "qwen", "qwen2", NULL }, "none", "qwen", FALSE },            /* "qwen" alone is no type */
    { { "bert", "llama", NULL }, "none", "bert", FALSE },            /* the first family stays */
    { { "base_model:quantized:x/moe-gguf", "license:mit", NULL }, "none", "none", FALSE },
    { { "gemmaverse", "olmo3", NULL }, "none", "olmo", FALSE },
    { { "xlm-roberta", "onnx", NULL }, "none", "bert", FALSE },
    { { "vit", "deepseek_v3", NULL }, "none", "vit", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *quant, *arch;
      gboolean moe;

      classify (cases[i].tags, &quant, &arch, &moe);
      g_assert_cmpstr (quant, ==, cases[i].quant);
      g_assert_cmpstr (arch, ==, cases[i].arch);
      g_assert_cmpint (moe, ==, cases[i].moe);
    }
}

static const HubAttributeRow *
find_row (const HubAttributeTrends *t,
          HubAttribute              attribute,
          const char               *category)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      const HubAttributeRow *row = g_ptr_array_index (t->rows, i);

      if (row->attribute == attribute && strcmp (row->category, category) == 0)
        return row;
    }
  return NULL;
}

/* Every attribute's shares sum to 1 per year, before and after. */
static void
check_sums (const HubAttributeTrends *t)
{
  for (guint a = 0; a < HUB_N_ATTRIBUTES; a++)
    {
      double before = 0, after = 0;
      g_autofree double *years = g_new0 (double, MAX (t->n_years, 1));

      for (guint i = 0; i < t->rows->len; i++)
        {
          const HubAttributeRow *row = g_ptr_array_index (t->rows, i);

          if (row->attribute != a)
            continue;
          before += row->before;
          after += row->after;
          for (guint y = 0; y < t->n_years; y++)
            years[y] += row->shares[y];
        }
      if (t->total_before > 0)
        g_assert_cmpfloat_with_epsilon (before, 1, 1e-9);
      if (t->total_after > 0)
        g_assert_cmpfloat_with_epsilon (after, 1, 1e-9);
      for (guint y = 0; y < t->n_years; y++)
        if (t->year_totals[y] > 0)
          g_assert_cmpfloat_with_epsilon (years[y], 1, 1e-9);
    }
}

static const char hand_models[] =
  "[{\"id\":\"a/gguf-llama\",\"author\":\"a\",\"tags\":[\"gguf\",\"llama\",\"license:apache-2.0\"],"
  "  \"createdAt\":\"2023-01-10T00:00:00.000Z\"},"
  " {\"id\":\"b/moe\",\"author\":\"b\",\"tags\":[\"qwen3_moe\",\"mlx\",\"4-bit\",\"license:mit\"],"
  "  \"createdAt\":\"2023-05-01T00:00:00.000Z\"},"
  " {\"id\":\"c/plain\",\"author\":\"c\",\"tags\":[\"bert\",\"license:mit\"],\"gated\":\"manual\","
  "  \"createdAt\":\"2024-02-01T00:00:00.000Z\"},"
  " {\"id\":\"d/bits\",\"author\":\"d\",\"tags\":[\"8-bit\"],\"createdAt\":\"2024-03-01T00:00:00.000Z\"}]";

static void
add_snapshot (HubStore   *store,
              const char *when,
              const char *ids[],
              const gint64 downloads[])
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (hub_store_begin (store, &error));
  id = hub_store_snapshot_begin (store, "hand", "test", hub_time_parse_iso8601 (when), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (hub_store_snapshot_add (store, id, ids[i], downloads[i], HUB_COUNT_NONE,
                                           HUB_COUNT_NONE, HUB_COUNT_NONE, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_finish (store, id, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
}

/* A model's architecture is the model type its config names, else its first
 * model-type tag in the Hub's order, not the alphabetically first (issue
 * 23, item 6); a store written before model types were kept (NULL) falls
 * back on its tags. */
static void
test_architecture_order (void)
{
  static const char models[] =
    "[{\"id\":\"m/mistral-first\",\"tags\":[\"transformers\",\"safetensors\",\"mistral\",\"llama\",\"text-generation\"]},"
    " {\"id\":\"q/config\",\"tags\":[\"llama\",\"gemma3\"],\"config\":{\"model_type\":\"qwen2\"}},"
    " {\"id\":\"b/odd-config\",\"tags\":[\"bert\"],\"config\":{\"model_type\":\"x y;\"}},"
    " {\"id\":\"n/none\",\"tags\":[\"transformers\"]},"
    " {\"id\":\"o/old\",\"tags\":[\"t5\",\"bert\"]}]";
  static const struct { const char *id; const char *model_type; const char *architecture; } expected[] = {
    { "m/mistral-first", "mistral", "mistral" },
    { "q/config", "qwen2", "qwen" },
    { "b/odd-config", "bert", "bert" },
    { "n/none", NULL, "none" },
    { "o/old", NULL, "bert" },   /* its model type cleared below: tags, alphabetically */
  };
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "arch.db", NULL);
  g_autofree char *json = g_build_filename (dir, "models.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubModelTraits) traits = NULL;
  g_autoptr(GError) error = NULL;

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (json, models, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 5);
  g_assert_cmpint (sqlite3_exec (hub_store_get_db (store), "UPDATE models SET model_type = NULL WHERE id = 'o/old'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  traits = hub_model_traits_load (store, dataset, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint32 m = hub_dataset_find_model (dataset, expected[i].id);
      const char *stored;

      g_assert_cmpint (m, >=, 0);
      g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), "SELECT model_type FROM models WHERE id = ?1",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, expected[i].id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      stored = (const char *) sqlite3_column_text (stmt, 0);
      g_assert_cmpstr (stored, ==, expected[i].model_type);
      g_assert_cmpstr (hub_attribute_architecture_name (traits->architecture[m]), ==, expected[i].architecture);
    }
}

/*
 * downloads30d (a stock), series "hand":
 *   2023-06-01  a 100, b 300
 *   2023-12-01  a 200, b 200     <- 2023's last snapshot: total 400
 *   2024-06-01  a 100, c 100, d 200   <- 2024: total 400
 * Pivot 2024-01-01: before pools the two 2023 snapshots (total 800),
 * after the 2024 one (400).
 */
static void
test_hand_computed (void)
{
  static const char *ids1[] = { "a/gguf-llama", "b/moe", NULL };
  static const gint64 v1[] = { 100, 300 }, v2[] = { 200, 200 };
  static const char *ids3[] = { "a/gguf-llama", "c/plain", "d/bits", NULL };
  static const gint64 v3[] = { 100, 100, 200 };
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "hubeco.db", NULL);
  g_autofree char *json = g_build_filename (dir, "models.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(HubModelTraits) traits = NULL;
  g_autoptr(HubAttributeTrends) t = NULL;
  g_autoptr(HubAttributeTrends) windowed = NULL;
  g_autoptr(GError) error = NULL;
  const HubAttributeRow *row;
  HubQuery query;

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (json, hand_models, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 4);
  add_snapshot (store, "2023-06-01", ids1, v1);
  add_snapshot (store, "2023-12-01", ids1, v2);
  add_snapshot (store, "2024-06-01", ids3, v3);

  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  obs = hub_observations_load (store, dataset, "hand", HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
  g_assert_no_error (error);
  traits = hub_model_traits_load (store, dataset, NULL, &error);
  g_assert_no_error (error);

  hub_query_init (&query);
  t = hub_attribute_trends_compute (dataset, traits, obs, &query, HUB_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->n_years, ==, 2);
  g_assert_cmpstr (t->year_labels[0], ==, "2023");
  g_assert_cmpstr (t->year_labels[1], ==, "2024");
  g_assert_cmpint (t->year_totals[0], ==, 400);
  g_assert_cmpint (t->year_totals[1], ==, 400);
  /* Default pivot: January 1 of the last year. */
  g_assert_cmpint (t->pivot, ==, hub_time_parse_iso8601 ("2024-01-01"));
  g_assert_cmpint (t->total_before, ==, 800);
  g_assert_cmpint (t->total_after, ==, 400);
  check_sums (t);

  row = find_row (t, HUB_ATTRIBUTE_QUANTIZATION, "gguf");
  g_assert_nonnull (row);
  g_assert_cmpfloat_with_epsilon (row->shares[0], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->shares[1], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->before, 300.0 / 800, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->after, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->multiplier, 0.25 / (300.0 / 800), 1e-12);
  row = find_row (t, HUB_ATTRIBUTE_QUANTIZATION, "mlx");
  g_assert_cmpfloat_with_epsilon (row->shares[0], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->multiplier, 0, 1e-12);
  row = find_row (t, HUB_ATTRIBUTE_QUANTIZATION, "other-bits");
  g_assert_cmpfloat_with_epsilon (row->shares[1], 0.5, 1e-12);
  g_assert_true (isnan (row->multiplier));
  row = find_row (t, HUB_ATTRIBUTE_QUANTIZATION, "none");
  g_assert_cmpfloat_with_epsilon (row->shares[1], 0.25, 1e-12);

  row = find_row (t, HUB_ATTRIBUTE_MOE, "moe");
  g_assert_cmpfloat_with_epsilon (row->before, 500.0 / 800, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->after, 0, 1e-12);
  row = find_row (t, HUB_ATTRIBUTE_MOE, "dense");
  g_assert_cmpfloat_with_epsilon (row->multiplier, 1.0 / (300.0 / 800), 1e-12);

  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_ARCHITECTURE, "llama")->shares[1], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_ARCHITECTURE, "qwen")->shares[0], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_ARCHITECTURE, "bert")->shares[1], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_ARCHITECTURE, "none")->shares[1], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_GATED, "gated")->shares[1], 0.25, 1e-12);
  g_assert_cmpint (find_row (t, HUB_ATTRIBUTE_GATED, "gated")->values[0], ==, 0);
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_LICENSE, "mit")->shares[0], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_LICENSE, "mit")->shares[1], 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_LICENSE, "unknown")->shares[1], 0.5, 1e-12);
  /* No taxonomy in this store: every modality is unknown. */
  g_assert_cmpfloat_with_epsilon (find_row (t, HUB_ATTRIBUTE_MODALITY, "unknown")->shares[0], 1, 1e-12);

  /* A 250-day window: in 2023-06 a and b count, in 2023-12 only b
   * (created 2023-05), in 2024-06 c and d. */
  g_assert_true (hub_query_set (&query, "window", "250d", &error));
  windowed = hub_attribute_trends_compute (dataset, traits, obs, &query,
                                           hub_time_parse_iso8601 ("2023-09-01"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (windowed->year_totals[0], ==, 200);
  g_assert_cmpint (windowed->year_totals[1], ==, 300);
  g_assert_cmpint (windowed->total_before, ==, 100 + 300);
  g_assert_cmpint (windowed->total_after, ==, 200 + 300);
  g_assert_cmpfloat_with_epsilon (find_row (windowed, HUB_ATTRIBUTE_MOE, "moe")->shares[0], 1, 1e-12);
  check_sums (windowed);
  hub_query_clear (&query);
}

static gint64
sql_int (HubStore   *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void
test_embedded (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "hubeco.db", NULL);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(HubModelTraits) traits = NULL;
  g_autoptr(HubAttributeTrends) t = NULL;
  g_autoptr(GError) error = NULL;
  guint n_gguf = 0, n_moe = 0;
  gint64 total, gguf;
  HubQuery query;

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (hub_import_ensure_populated (store, report, NULL, &error));
  g_assert_no_error (error);
  dataset = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  traits = hub_model_traits_load (store, dataset, NULL, &error);
  g_assert_no_error (error);

  /* gguf comes first: every model tagged gguf is gguf. */
  for (guint m = 0; m < traits->n_models; m++)
    {
      n_gguf += traits->quantization[m] == 1;
      n_moe += traits->moe[m];
    }
  g_assert_cmpint (n_gguf, ==, sql_int (store, "SELECT count(*) FROM tags t JOIN models m ON m.id = t.model_id"
                                               " WHERE t.tag = 'gguf'"));
  g_assert_cmpuint (n_gguf, >, 1000);
  g_assert_cmpint (n_moe, ==, sql_int (store, "SELECT count(DISTINCT t.model_id) FROM tags t"
                                              " JOIN models m ON m.id = t.model_id WHERE instr (t.tag, ':') = 0"
                                              " AND (lower (t.tag) LIKE '%moe%' OR t.tag IN ('mixtral', 'dbrx',"
                                              " 'jamba', 'arctic', 'gpt_oss', 'gpt-oss', 'deepseek_v2',"
                                              " 'deepseek_v3', 'deepseek_v4', 'llama4'))"));

  obs = hub_observations_load (store, dataset, "daily-top300", HUB_QUERY_MEASURE_DOWNLOADS_30D, NULL, &error);
  g_assert_no_error (error);
  hub_query_init (&query);
  t = hub_attribute_trends_compute (dataset, traits, obs, &query, HUB_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  check_sums (t);
  g_assert_cmpuint (t->n_years, ==, 1);

  /* The year is the series' last snapshot. */
#define LAST_DAILY "(SELECT id FROM snapshots WHERE series = 'daily-top300' AND complete" \
                   " ORDER BY captured_at DESC, id DESC LIMIT 1)"
  total = sql_int (store, "SELECT sum (r.downloads) FROM snapshot_rows r JOIN models m ON m.id = r.model_id"
                          " WHERE r.snapshot_id = " LAST_DAILY " AND r.downloads > 0");
  gguf = sql_int (store, "SELECT sum (r.downloads) FROM snapshot_rows r JOIN models m ON m.id = r.model_id"
                         " WHERE r.snapshot_id = " LAST_DAILY " AND r.downloads > 0"
                         " AND EXISTS (SELECT 1 FROM tags t WHERE t.model_id = r.model_id AND t.tag = 'gguf')");
  g_assert_cmpint (t->year_totals[0], ==, total);
  g_assert_cmpint (find_row (t, HUB_ATTRIBUTE_QUANTIZATION, "gguf")->values[0], ==, gguf);
  /* License keeps its 10 largest, then other and unknown. */
  {
    guint n_license = 0;

    for (guint i = 0; i < t->rows->len; i++)
      n_license += ((HubAttributeRow *) g_ptr_array_index (t->rows, i))->attribute == HUB_ATTRIBUTE_LICENSE;
    g_assert_cmpuint (n_license, <=, 12);
    g_assert_nonnull (find_row (t, HUB_ATTRIBUTE_LICENSE, "apache-2.0"));
  }
  hub_query_clear (&query);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attributes/classify", test_classify);
  g_test_add_func ("/attributes/hand-computed", test_hand_computed);
  g_test_add_func ("/attributes/architecture-order", test_architecture_order);
  g_test_add_func ("/attributes/embedded", test_embedded);

  return g_test_run ();
}
