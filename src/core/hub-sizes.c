/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-sizes"

#include "config.h"

#include "hub-sizes.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* ---- Weighted statistics ------------------------------------------------ */

static int
compare_weighted (gconstpointer a,
                  gconstpointer b)
{
  const HubWeightedValue *x = a, *y = b;

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  if (x->weight != y->weight)
    return x->weight < y->weight ? -1 : 1;
  return 0;
}

void
hub_weighted_sort (HubWeightedValue *values,
                   guint             n)
{
  g_return_if_fail (n == 0 || values != NULL);

  if (n > 1)
    qsort (values, n, sizeof *values, compare_weighted);
}

double
hub_weighted_quantile (const HubWeightedValue *sorted,
                       guint                   n,
                       double                  q)
{
  double total = 0, target, cum = 0;
  double last = NAN;

  g_return_val_if_fail (n == 0 || sorted != NULL, NAN);
  g_return_val_if_fail (q >= 0 && q <= 1, NAN);

  for (guint i = 0; i < n; i++)
    if (sorted[i].weight > 0)
      total += sorted[i].weight;
  if (!(total > 0))
    return NAN;

  target = q * total - 1e-12 * total;
  for (guint i = 0; i < n; i++)
    {
      if (!(sorted[i].weight > 0))
        continue;
      cum += sorted[i].weight;
      last = sorted[i].value;
      if (cum >= target)
        return sorted[i].value;
    }
  return last;
}

double
hub_weighted_mean (const HubWeightedValue *values,
                   guint                   n)
{
  double sw = 0, swx = 0;

  g_return_val_if_fail (n == 0 || values != NULL, NAN);

  for (guint i = 0; i < n; i++)
    if (values[i].weight > 0)
      {
        sw += values[i].weight;
        swx += values[i].weight * values[i].value;
      }
  return sw > 0 ? swx / sw : NAN;
}

/* ---- Names ------------------------------------------------------------- */

static const char * const source_names[HUB_N_SIZE_SOURCES] = {
  "unknown", "reported", "base_model", "estimated",
};

const char *
hub_size_source_to_string (HubSizeSource source)
{
  g_return_val_if_fail (source < HUB_N_SIZE_SOURCES, "unknown");
  return source_names[source];
}

static const char * const family_names[HUB_N_FORMAT_FAMILIES] = {
  "gguf", "mlx", "awq", "gptq", "bnb", "safetensors", "other",
};

const char *
hub_format_family_to_string (HubFormatFamily family)
{
  g_return_val_if_fail (family < HUB_N_FORMAT_FAMILIES, "other");
  return family_names[family];
}

HubFormatFamily
hub_format_family_from_flags (guint flags)
{
  if (flags & HUB_FORMAT_GGUF)
    return HUB_FORMAT_FAMILY_GGUF;
  if (flags & HUB_FORMAT_MLX)
    return HUB_FORMAT_FAMILY_MLX;
  if (flags & HUB_FORMAT_AWQ)
    return HUB_FORMAT_FAMILY_AWQ;
  if (flags & HUB_FORMAT_GPTQ)
    return HUB_FORMAT_FAMILY_GPTQ;
  if (flags & HUB_FORMAT_BNB)
    return HUB_FORMAT_FAMILY_BNB;
  if (flags & HUB_FORMAT_SAFETENSORS)
    return HUB_FORMAT_FAMILY_SAFETENSORS;
  return HUB_FORMAT_FAMILY_OTHER;
}

guint
hub_format_flags_from_tag (const char *tag)
{
  g_autofree char *t = NULL;
  const char *p;

  if (tag == NULL)
    return 0;
  t = g_ascii_strdown (tag, -1);

  if (strcmp (t, "gguf") == 0)
    return HUB_FORMAT_GGUF;
  if (strcmp (t, "mlx") == 0 || g_str_has_prefix (t, "mlx-") || g_str_has_prefix (t, "mlx_"))
    return HUB_FORMAT_MLX;
  if (strcmp (t, "bitsandbytes") == 0 || strcmp (t, "bnb") == 0)
    return HUB_FORMAT_BNB;
  if (strcmp (t, "awq") == 0)
    return HUB_FORMAT_AWQ;
  if (strcmp (t, "gptq") == 0)
    return HUB_FORMAT_GPTQ;
  if (strcmp (t, "safetensors") == 0)
    return HUB_FORMAT_SAFETENSORS;

  /* "4-bit", "4bit", "8-bit", ...: one digit 1..8, an optional dash, "bit". */
  p = t;
  if (*p >= '1' && *p <= '8')
    {
      p++;
      if (*p == '-')
        p++;
      if (strcmp (p, "bit") == 0)
        return HUB_FORMAT_LOW_BIT;
    }
  return 0;
}

gboolean
hub_format_flags_is_packed (guint flags)
{
  if ((flags & HUB_FORMAT_MLX) && (flags & HUB_FORMAT_LOW_BIT))
    return TRUE;
  return (flags & (HUB_FORMAT_BNB | HUB_FORMAT_AWQ | HUB_FORMAT_GPTQ)) != 0;
}

static const char * const bucket_names[HUB_N_SIZE_BUCKETS] = {
  "lt_100m", "100m_500m", "500m_1b", "1b_10b", "10b_100b", "gt_100b",
};

static const char * const bucket_labels[HUB_N_SIZE_BUCKETS] = {
  "<100M", "100M–500M", "500M–1B", "1B–10B", "10B–100B", ">100B",
};

HubSizeBucket
hub_size_bucket_for (double parameters)
{
  if (parameters < 1e8)
    return HUB_SIZE_BUCKET_UNDER_100M;
  if (parameters < 5e8)
    return HUB_SIZE_BUCKET_100M_500M;
  if (parameters < 1e9)
    return HUB_SIZE_BUCKET_500M_1B;
  if (parameters < 1e10)
    return HUB_SIZE_BUCKET_1B_10B;
  if (parameters < 1e11)
    return HUB_SIZE_BUCKET_10B_100B;
  return HUB_SIZE_BUCKET_OVER_100B;
}

const char *
hub_size_bucket_to_string (HubSizeBucket bucket)
{
  g_return_val_if_fail (bucket < HUB_N_SIZE_BUCKETS, NULL);
  return bucket_names[bucket];
}

const char *
hub_size_bucket_label (HubSizeBucket bucket)
{
  g_return_val_if_fail (bucket < HUB_N_SIZE_BUCKETS, NULL);
  return bucket_labels[bucket];
}

static gboolean
lookup (const char * const *names,
        guint               n,
        const char         *str,
        int                *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (names[i], str) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static const char * const period_names[] = { "year", "quarter" };
static const char * const cohort_names[] = { "downloaded", "created" };
static const char * const weight_names[] = { "downloads", "count" };

const char *
hub_size_period_kind_to_string (HubSizePeriodKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (period_names), NULL);
  return period_names[kind];
}

gboolean
hub_size_period_kind_from_string (const char        *str,
                                  HubSizePeriodKind *out)
{
  int v;

  if (!lookup (period_names, G_N_ELEMENTS (period_names), str, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

const char *
hub_size_cohort_to_string (HubSizeCohort cohort)
{
  g_return_val_if_fail ((guint) cohort < G_N_ELEMENTS (cohort_names), NULL);
  return cohort_names[cohort];
}

gboolean
hub_size_cohort_from_string (const char    *str,
                             HubSizeCohort *out)
{
  int v;

  if (!lookup (cohort_names, G_N_ELEMENTS (cohort_names), str, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

const char *
hub_size_weight_to_string (HubSizeWeight weight)
{
  g_return_val_if_fail ((guint) weight < G_N_ELEMENTS (weight_names), NULL);
  return weight_names[weight];
}

gboolean
hub_size_weight_from_string (const char    *str,
                             HubSizeWeight *out)
{
  int v;

  if (!lookup (weight_names, G_N_ELEMENTS (weight_names), str, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

void
hub_size_options_init (HubSizeOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (HubSizeOptions) {
    .period = HUB_SIZE_PERIOD_YEAR,
    .cohort = HUB_SIZE_COHORT_CREATED,
    .weight = HUB_SIZE_WEIGHT_DOWNLOADS,
    .include_estimated = FALSE,
    .filter = NULL,
  };
}

/* ---- Coverage ------------------------------------------------------------ */

guint
hub_size_coverage_n_total (const HubSizeCoverage *coverage)
{
  guint n = 0;

  g_return_val_if_fail (coverage != NULL, 0);
  for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
    n += coverage->n_models[s];
  return n;
}

double
hub_size_coverage_weight_total (const HubSizeCoverage *coverage)
{
  double w = 0;

  g_return_val_if_fail (coverage != NULL, 0);
  for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
    w += coverage->weight[s];
  return w;
}

static gboolean
source_counts (HubSizeSource source,
               gboolean      include_estimated)
{
  return source != HUB_SIZE_SOURCE_UNKNOWN &&
         (include_estimated || source != HUB_SIZE_SOURCE_ESTIMATED);
}

guint
hub_size_coverage_n_sized (const HubSizeCoverage *coverage,
                           gboolean               include_estimated)
{
  guint n = 0;

  g_return_val_if_fail (coverage != NULL, 0);
  for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
    if (source_counts (s, include_estimated))
      n += coverage->n_models[s];
  return n;
}

double
hub_size_coverage_weight_share (const HubSizeCoverage *coverage,
                                gboolean               include_estimated)
{
  double total, sized = 0;

  g_return_val_if_fail (coverage != NULL, NAN);
  total = hub_size_coverage_weight_total (coverage);
  if (!(total > 0))
    return NAN;
  for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
    if (source_counts (s, include_estimated))
      sized += coverage->weight[s];
  return sized / total;
}

static void
coverage_add (HubSizeCoverage *coverage,
              HubSizeSource    source,
              double           weight)
{
  coverage->n_models[source]++;
  coverage->weight[source] += weight;
}

const double hub_size_quantile_levels[HUB_SIZE_N_QUANTILES] = {
  0.10, 0.25, 0.50, 0.75, 0.90,
};

/* ---- The size table ---------------------------------------------------- */

/* A download observation: the 30-day count of @model at @time in @series. */
typedef struct {
  guint32 model;
  guint32 series;
  gint64  time;
  gint64  downloads;
} Observation;

typedef struct {
  gboolean  carry_forward;
  GArray   *times;   /* gint64, sorted, distinct: the series' snapshots */
} Series;

struct _HubSizeTable
{
  gatomicrefcount  ref_count;
  HubDataset      *dataset;
  guint            n_models;
  gint64          *parameters;
  guint8          *sources;
  guint8          *flags;

  /* Sorted by (model, series, time). The last series is the dataset's
   * latest values at its data time. */
  GArray          *observations;
  GPtrArray       *series;       /* Series* */
  guint32         *obs_offsets;  /* per model, n_models + 1 */
};

static void
series_free (gpointer data)
{
  Series *s = data;

  g_array_unref (s->times);
  g_free (s);
}

HubSizeTable *
hub_size_table_ref (HubSizeTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hub_size_table_unref (HubSizeTable *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  hub_dataset_unref (self->dataset);
  g_free (self->parameters);
  g_free (self->sources);
  g_free (self->flags);
  g_clear_pointer (&self->observations, g_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_free (self->obs_offsets);
  g_free (self);
}

HubDataset *
hub_size_table_get_dataset (HubSizeTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

gint64
hub_size_table_get_parameters (HubSizeTable  *self,
                               guint          index,
                               HubSizeSource *out_source)
{
  g_return_val_if_fail (self != NULL, HUB_COUNT_NONE);
  g_return_val_if_fail (index < self->n_models, HUB_COUNT_NONE);

  if (out_source != NULL)
    *out_source = self->sources[index];
  return self->parameters[index];
}

guint
hub_size_table_get_flags (HubSizeTable *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->n_models, 0);
  return self->flags[index];
}

static gboolean
read_flags (HubSizeTable  *self,
            sqlite3       *db,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *last_id = NULL;
  gint32 last_index = -1;
  guint n_rows = 0;
  int rc;

  /* Only the tags that carry a format hint; the rest of the table is
   * skipped by SQLite without reaching us. */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT model_id, tag FROM tags"
                           " WHERE lower (tag) IN ('gguf', 'mlx', 'bitsandbytes', 'bnb', 'awq',"
                           "  'gptq', 'safetensors')"
                           " OR tag LIKE 'mlx-%' OR tag LIKE 'mlx\\_%' ESCAPE '\\'"
                           " OR tag GLOB '[1-8]-bit' OR tag GLOB '[1-8]bit'"
                           " ORDER BY model_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED,
                   _("Cannot read the model tags: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *tag = (const char *) sqlite3_column_text (stmt, 1);

      if ((++n_rows & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (id == NULL)
        continue;
      if (last_id == NULL || strcmp (id, last_id) != 0)
        {
          g_free (last_id);
          last_id = g_strdup (id);
          last_index = hub_dataset_find_model (self->dataset, id);
        }
      if (last_index >= 0)
        self->flags[last_index] |= hub_format_flags_from_tag (tag);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED,
                   _("Cannot read the model tags: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static Series *
series_new (gboolean carry_forward)
{
  Series *s = g_new0 (Series, 1);

  s->carry_forward = carry_forward;
  s->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  return s;
}

static int
compare_observations (gconstpointer a,
                      gconstpointer b)
{
  const Observation *x = a, *y = b;

  if (x->model != y->model)
    return x->model < y->model ? -1 : 1;
  if (x->series != y->series)
    return x->series < y->series ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return 0;
}

static gboolean
read_observations (HubSizeTable  *self,
                   sqlite3       *db,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) snaps = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(GHashTable) series_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *last_id = NULL;
  gint32 last_index = -1;
  guint n_rows = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT series, captured_at, max (carry_forward) FROM snapshots"
                           " GROUP BY series, captured_at ORDER BY series, captured_at",
                           -1, &snaps, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (snaps)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (snaps, 0);
      gint64 time = sqlite3_column_int64 (snaps, 1);
      gpointer idx;
      Series *s;

      if (!g_hash_table_lookup_extended (series_index, name ? name : "", NULL, &idx))
        {
          idx = GUINT_TO_POINTER (self->series->len);
          g_ptr_array_add (self->series, series_new (sqlite3_column_int (snaps, 2) != 0));
          g_hash_table_insert (series_index, g_strdup (name ? name : ""), idx);
        }
      s = g_ptr_array_index (self->series, GPOINTER_TO_UINT (idx));
      g_array_append_val (s->times, time);
    }
  if (rc != SQLITE_DONE)
    goto fail;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT r.model_id, s.series, s.captured_at, r.downloads"
                           " FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
                           " WHERE r.downloads IS NOT NULL ORDER BY r.model_id",
                           -1, &rows, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (rows, 0);
      const char *name = (const char *) sqlite3_column_text (rows, 1);
      Observation obs;

      if ((++n_rows & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (id == NULL)
        continue;
      if (last_id == NULL || strcmp (id, last_id) != 0)
        {
          g_free (last_id);
          last_id = g_strdup (id);
          last_index = hub_dataset_find_model (self->dataset, id);
        }
      if (last_index < 0)
        continue;
      obs.model = last_index;
      obs.series = GPOINTER_TO_UINT (g_hash_table_lookup (series_index, name ? name : ""));
      obs.time = sqlite3_column_int64 (rows, 2);
      obs.downloads = sqlite3_column_int64 (rows, 3);
      g_array_append_val (self->observations, obs);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  return TRUE;

fail:
  g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED,
               _("Cannot read the download snapshots: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* The dataset's latest values, as one more (non carry-forward) series. */
static void
add_latest_observations (HubSizeTable *self)
{
  gint64 t = hub_dataset_get_data_time (self->dataset);
  guint32 series = self->series->len;
  Series *s = series_new (FALSE);

  if (t == HUB_TIME_NONE)
    t = g_get_real_time () / G_USEC_PER_SEC;
  g_array_append_val (s->times, t);
  g_ptr_array_add (self->series, s);

  for (guint i = 0; i < self->n_models; i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (self->dataset, i);
      Observation obs = { i, series, t, r->downloads };

      if (r->downloads != HUB_COUNT_NONE)
        g_array_append_val (self->observations, obs);
    }
}

#define MAX_CHAIN 64

static void
resolve_size (HubSizeTable *self,
              guint8       *state,
              guint         index,
              guint         depth)
{
  const HubModelRecord *r = hub_dataset_get_model (self->dataset, index);
  gint64 own = r->parameters > 0 ? r->parameters : HUB_COUNT_NONE;
  gboolean reported = own != HUB_COUNT_NONE &&
                      (r->parameters_source == HUB_PARAM_SOURCE_SAFETENSORS ||
                       r->parameters_source == HUB_PARAM_SOURCE_GGUF);
  gboolean packed = hub_format_flags_is_packed (self->flags[index]);

  if (state[index] != 0)
    return;
  state[index] = 1;   /* in progress: a cycle back here sees no size */
  self->parameters[index] = HUB_COUNT_NONE;
  self->sources[index] = HUB_SIZE_SOURCE_UNKNOWN;

  if (r->first_parent >= 0 && (guint) r->first_parent < self->n_models &&
      r->relation != HUB_RELATION_ADAPTER &&
      (packed || r->relation == HUB_RELATION_QUANTIZED) &&
      depth < MAX_CHAIN)
    {
      guint p = r->first_parent;
      gint64 base;
      HubSizeSource base_source;

      resolve_size (self, state, p, depth + 1);
      base = self->parameters[p];
      base_source = self->sources[p];
      if (state[p] == 2 && base > 0 &&
          (base_source == HUB_SIZE_SOURCE_REPORTED || base_source == HUB_SIZE_SOURCE_BASE_MODEL) &&
          (!reported || (packed ? base > own : base >= 1.5 * own)))
        {
          self->parameters[index] = base;
          self->sources[index] = HUB_SIZE_SOURCE_BASE_MODEL;
          state[index] = 2;
          return;
        }
    }

  if (own != HUB_COUNT_NONE)
    {
      if (r->parameters_source == HUB_PARAM_SOURCE_BASE_MODEL)
        self->sources[index] = HUB_SIZE_SOURCE_BASE_MODEL;
      else if (reported)
        self->sources[index] = HUB_SIZE_SOURCE_REPORTED;
      else if (r->parameters_source == HUB_PARAM_SOURCE_ESTIMATED)
        self->sources[index] = HUB_SIZE_SOURCE_ESTIMATED;
      if (self->sources[index] != HUB_SIZE_SOURCE_UNKNOWN)
        self->parameters[index] = own;
    }
  state[index] = 2;
}

HubSizeTable *
hub_size_table_new (HubDataset    *dataset,
                    HubStore      *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(HubSizeTable) self = NULL;
  g_autofree guint8 *state = NULL;
  guint k;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (store == NULL || HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (HubSizeTable, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = hub_dataset_ref (dataset);
  self->n_models = hub_dataset_get_n_models (dataset);
  self->parameters = g_new (gint64, MAX (self->n_models, 1));
  self->sources = g_new0 (guint8, MAX (self->n_models, 1));
  self->flags = g_new0 (guint8, MAX (self->n_models, 1));
  self->observations = g_array_new (FALSE, FALSE, sizeof (Observation));
  self->series = g_ptr_array_new_with_free_func (series_free);

  for (guint i = 0; i < self->n_models; i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (dataset, i);
      const HubLibraryInfo *lib = r->library ? hub_dataset_get_library (dataset, r->library) : NULL;

      if (lib != NULL)
        self->flags[i] |= hub_format_flags_from_tag (lib->id);
    }

  if (store != NULL)
    {
      sqlite3 *db = hub_store_get_db (store);

      if (!read_flags (self, db, cancellable, error) ||
          !read_observations (self, db, cancellable, error))
        return NULL;
    }
  add_latest_observations (self);
  g_array_sort (self->observations, compare_observations);

  self->obs_offsets = g_new0 (guint32, self->n_models + 1);
  k = 0;
  for (guint i = 0; i <= self->n_models; i++)
    {
      while (k < self->observations->len &&
             g_array_index (self->observations, Observation, k).model < i)
        k++;
      self->obs_offsets[i] = k;
    }

  state = g_new0 (guint8, MAX (self->n_models, 1));
  for (guint i = 0; i < self->n_models; i++)
    resolve_size (self, state, i, 0);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Periods ------------------------------------------------------------- */

static gint64
period_start (HubSizePeriodKind kind,
              gint64            t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) start = NULL;
  int month;

  if (dt == NULL)
    return HUB_TIME_NONE;
  month = kind == HUB_SIZE_PERIOD_YEAR ? 1 : ((g_date_time_get_month (dt) - 1) / 3) * 3 + 1;
  start = g_date_time_new_utc (g_date_time_get_year (dt), month, 1, 0, 0, 0);
  return g_date_time_to_unix (start);
}

static void
period_fill (HubSizePeriod     *period,
             HubSizePeriodKind  kind,
             gint64             start)
{
  g_autoptr(GDateTime) s = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) e = g_date_time_add_months (s, kind == HUB_SIZE_PERIOD_YEAR ? 12 : 3);

  period->start = start;
  period->end = g_date_time_to_unix (e);
  if (kind == HUB_SIZE_PERIOD_YEAR)
    period->label = g_strdup_printf ("%d", g_date_time_get_year (s));
  else
    period->label = g_strdup_printf ("%d-Q%d", g_date_time_get_year (s),
                                     (g_date_time_get_month (s) - 1) / 3 + 1);
}

/* One member of a period's cohort. */
typedef struct {
  gint64  period;
  guint32 model;
  double  downloads;
} Member;

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *x = a, *y = b;

  if (x->period != y->period)
    return x->period < y->period ? -1 : 1;
  return x->model < y->model ? -1 : x->model > y->model;
}

/* For @model: per period, the 30-day downloads at its latest observation in
 * the period, over every series. A carry-forward series holds the model's
 * last value at each of its snapshots. */
static void
downloaded_members (HubSizeTable      *self,
                    HubSizePeriodKind  kind,
                    guint              model,
                    GArray            *members)
{
  const Observation *obs = &g_array_index (self->observations, Observation, self->obs_offsets[model]);
  guint n_obs = self->obs_offsets[model + 1] - self->obs_offsets[model];
  guint first_new = members->len;
  g_autoptr(GArray) best_time = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint a = 0;

  while (a < n_obs)
    {
      guint32 sid = obs[a].series;
      Series *s = g_ptr_array_index (self->series, sid);
      guint b = a;

      while (b < n_obs && obs[b].series == sid)
        b++;

      if (!s->carry_forward)
        {
          for (guint k = a; k < b; k++)
            {
              Member m = { period_start (kind, obs[k].time), model, obs[k].downloads };
              gboolean merged = FALSE;

              for (guint j = first_new; j < members->len; j++)
                {
                  Member *e = &g_array_index (members, Member, j);

                  if (e->period == m.period)
                    {
                      if (obs[k].time >= g_array_index (best_time, gint64, j - first_new))
                        {
                          e->downloads = m.downloads;
                          g_array_index (best_time, gint64, j - first_new) = obs[k].time;
                        }
                      merged = TRUE;
                    }
                }
              if (!merged)
                {
                  g_array_append_val (members, m);
                  g_array_append_val (best_time, obs[k].time);
                }
            }
        }
      else
        {
          /* Walk the series' snapshots from the model's first observation:
           * the value at each snapshot is the latest row at or before it. */
          guint k = a;

          for (guint t = 0; t < s->times->len; t++)
            {
              gint64 when = g_array_index (s->times, gint64, t);
              Member m;
              gboolean merged = FALSE;

              if (when < obs[a].time)
                continue;
              while (k + 1 < b && obs[k + 1].time <= when)
                k++;
              m = (Member) { period_start (kind, when), model, obs[k].downloads };
              for (guint j = first_new; j < members->len; j++)
                {
                  Member *e = &g_array_index (members, Member, j);

                  if (e->period == m.period)
                    {
                      if (when >= g_array_index (best_time, gint64, j - first_new))
                        {
                          e->downloads = m.downloads;
                          g_array_index (best_time, gint64, j - first_new) = when;
                        }
                      merged = TRUE;
                    }
                }
              if (!merged)
                {
                  g_array_append_val (members, m);
                  g_array_append_val (best_time, when);
                }
            }
        }
      a = b;
    }

  /* A model is in the downloaded cohort only with downloads in the period. */
  for (guint j = members->len; j > first_new; j--)
    if (!(g_array_index (members, Member, j - 1).downloads > 0))
      g_array_remove_index (members, j - 1);
}

/* The violin's outline: a weighted Gaussian kernel density of
 * log10(parameters), sampled at the bins' centres and scaled to sum 1. */
static void
period_density (HubSizePeriod          *period,
                const HubWeightedValue *v,
                guint                   n)
{
  const double h = HUB_SIZE_DENSITY_BANDWIDTH;
  double total = 0;

  memset (period->density, 0, sizeof period->density);
  for (guint i = 0; i < n; i++)
    {
      double lx;

      if (v[i].weight <= 0 || !(v[i].value > 0))
        continue;
      lx = log10 (v[i].value);
      for (guint b = 0; b < HUB_SIZE_DENSITY_BINS; b++)
        {
          double z = (lx - HUB_SIZE_DENSITY_CENTER (b)) / h;

          /* Beyond 5 bandwidths the kernel adds nothing visible. */
          if (fabs (z) < 5.0)
            period->density[b] += v[i].weight * exp (-0.5 * z * z);
        }
    }
  for (guint b = 0; b < HUB_SIZE_DENSITY_BINS; b++)
    total += period->density[b];
  for (guint b = 0; b < HUB_SIZE_DENSITY_BINS && total > 0; b++)
    period->density[b] /= total;
}

static void
period_stats (HubSizePeriod *period,
              GArray        *values)
{
  HubWeightedValue *v = (HubWeightedValue *) (gpointer) values->data;
  guint n = values->len;

  hub_weighted_sort (v, n);
  period->n = 0;
  period->weight = 0;
  for (guint i = 0; i < n; i++)
    if (v[i].weight > 0)
      {
        period->n++;
        period->weight += v[i].weight;
        period->bucket_shares[hub_size_bucket_for (v[i].value)] += v[i].weight;
      }
  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    period->bucket_shares[b] = period->weight > 0 ? period->bucket_shares[b] / period->weight : 0;
  period_density (period, v, n);
  for (guint q = 0; q < HUB_SIZE_N_QUANTILES; q++)
    period->quantiles[q] = hub_weighted_quantile (v, n, hub_size_quantile_levels[q]);
  period->mean = hub_weighted_mean (v, n);
}

HubSizeResult *
hub_sizes_compute (HubSizeTable         *table,
                   const HubSizeOptions *options,
                   GCancellable         *cancellable)
{
  g_autoptr(HubSizeResult) result = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GArray) values = NULL;
  g_autofree guint8 *mask = NULL;
  GArray *periods;
  HubDataset *dataset;
  guint i;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  dataset = table->dataset;
  mask = hub_list_query_mask (options->filter, dataset, cancellable);
  if (mask == NULL)
    return NULL;

  result = g_new0 (HubSizeResult, 1);
  result->period_kind = options->period;
  result->cohort = options->cohort;
  result->weight = options->weight;
  result->include_estimated = options->include_estimated;

  members = g_array_new (FALSE, FALSE, sizeof (Member));
  for (guint m = 0; m < table->n_models; m++)
    {
      const HubModelRecord *r;

      if (!mask[m])
        continue;
      if ((m & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      r = hub_dataset_get_model (dataset, m);
      if (options->cohort == HUB_SIZE_COHORT_CREATED)
        {
          Member e;

          if (r->created_at == HUB_TIME_NONE)
            continue;
          e = (Member) { period_start (options->period, r->created_at), m,
                         r->downloads > 0 ? (double) r->downloads : 0 };
          g_array_append_val (members, e);
        }
      else
        downloaded_members (table, options->period, m, members);
    }
  g_array_sort (members, compare_members);

  periods = g_array_new (FALSE, TRUE, sizeof (HubSizePeriod));
  values = g_array_new (FALSE, FALSE, sizeof (HubWeightedValue));
  i = 0;
  while (i < members->len)
    {
      gint64 start = g_array_index (members, Member, i).period;
      HubSizePeriod period = { 0 };

      period_fill (&period, options->period, start);
      g_array_set_size (values, 0);
      for (; i < members->len && g_array_index (members, Member, i).period == start; i++)
        {
          const Member *e = &g_array_index (members, Member, i);
          const HubModelRecord *r = hub_dataset_get_model (dataset, e->model);
          HubSizeSource source = table->sources[e->model];
          double weight = options->weight == HUB_SIZE_WEIGHT_COUNT ? 1.0 : e->downloads;

          if (options->cohort == HUB_SIZE_COHORT_CREATED && r->created_at == HUB_CREATED_AT_FLOOR)
            period.includes_earlier = TRUE;
          coverage_add (&period.coverage, source, weight);
          if (source_counts (source, options->include_estimated))
            {
              HubWeightedValue v = { (double) table->parameters[e->model], weight };

              g_array_append_val (values, v);
            }
        }
      period_stats (&period, values);
      for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
        {
          result->coverage.n_models[s] += period.coverage.n_models[s];
          result->coverage.weight[s] += period.coverage.weight[s];
        }
      g_array_append_val (periods, period);
    }

  result->n_periods = periods->len;
  result->periods = (HubSizePeriod *) (gpointer) g_array_free (periods, FALSE);
  return g_steal_pointer (&result);
}

void
hub_size_result_free (HubSizeResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < result->n_periods; i++)
    g_free (result->periods[i].label);
  g_free (result->periods);
  g_free (result);
}

void
hub_size_table_get_coverage (HubSizeTable       *table,
                             const HubListQuery *filter,
                             HubSizeCoverage    *out)
{
  g_autofree guint8 *mask = NULL;

  g_return_if_fail (table != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  mask = hub_list_query_mask (filter, table->dataset, NULL);
  for (guint i = 0; i < table->n_models; i++)
    if (mask[i])
      {
        const HubModelRecord *r = hub_dataset_get_model (table->dataset, i);

        coverage_add (out, table->sources[i], r->downloads > 0 ? (double) r->downloads : 0);
      }
}

/* ---- Estimates ----------------------------------------------------------- */

#define FIT_SEED 20260822u

/* The reported counts an estimate may reach: their 99.5th percentile (the
 * largest would let one bogus report, a safetensors total of 10^15, bound
 * nothing). */
#define ESTIMATE_BOUND_QUANTILE 0.995

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 pa = *(const gint64 *) a, pb = *(const gint64 *) b;

  return pa < pb ? -1 : pa > pb;
}

static gint64
bound_of (GArray *sizes)
{
  if (sizes->len == 0)
    return 0;
  g_array_sort (sizes, compare_int64);
  return g_array_index (sizes, gint64, (guint) floor (ESTIMATE_BOUND_QUANTILE * (sizes->len - 1)));
}

static int
compare_estimate_largest_first (gconstpointer a,
                                gconstpointer b)
{
  gint64 pa = ((const HubSizeEstimate *) a)->parameters, pb = ((const HubSizeEstimate *) b)->parameters;

  return pa > pb ? -1 : pa < pb;
}

HubSizeEstimation *
hub_size_table_estimate (HubSizeTable  *table,
                         GError       **error)
{
  g_autoptr(HubSizeEstimation) est = NULL;
  g_autoptr(GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) holdout = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) sizes_all = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *sizes[HUB_N_FORMAT_FAMILIES];
  guint n_tasks = hub_dataset_get_n_tasks (table->dataset);
  g_autoptr(GPtrArray) task_sizes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree gint64 *task_bound = g_new0 (gint64, n_tasks + 1);

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  est = g_new0 (HubSizeEstimation, 1);
  est->estimates = g_array_new (FALSE, FALSE, sizeof (HubSizeEstimate));
  est->implausible = g_array_new (FALSE, FALSE, sizeof (HubSizeEstimate));
  for (guint f = 0; f < HUB_N_FORMAT_FAMILIES; f++)
    sizes[f] = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint t = 0; t <= n_tasks; t++)
    g_ptr_array_add (task_sizes, g_array_new (FALSE, FALSE, sizeof (gint64)));

  for (guint i = 0; i < table->n_models; i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (table->dataset, i);
      HubSizeSource source = table->sources[i];
      double lx, ly;
      guint g;
      gboolean h;

      if (source != HUB_SIZE_SOURCE_REPORTED && source != HUB_SIZE_SOURCE_BASE_MODEL)
        continue;
      if (r->used_storage <= 0 || table->parameters[i] <= 0)
        continue;
      lx = log ((double) r->used_storage);
      ly = log ((double) table->parameters[i]);
      g = hub_format_family_from_flags (table->flags[i]);
      h = hub_robust_fit_is_holdout (r->id);
      g_array_append_val (x, lx);
      g_array_append_val (y, ly);
      g_array_append_val (group, g);
      g_array_append_val (holdout, h);
      est->n_family[g]++;
      g_array_append_val (sizes[g], table->parameters[i]);
      g_array_append_val (sizes_all, table->parameters[i]);
      if (r->task <= n_tasks)
        g_array_append_val (g_ptr_array_index (task_sizes, r->task), table->parameters[i]);
    }

  if (!hub_robust_fit_groups ((double *) (gpointer) x->data, (double *) (gpointer) y->data,
                              (guint *) (gpointer) group->data,
                              (gboolean *) (gpointer) holdout->data,
                              x->len, HUB_N_FORMAT_FAMILIES, HUB_SIZE_FIT_MIN_MODELS,
                              HUB_SIZE_FIT_MIN_SLOPE, FIT_SEED, est->fits, &est->pooled))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Too few models with both a parameter count and a storage size to fit (%u)"),
                   x->len);
      for (guint f = 0; f < HUB_N_FORMAT_FAMILIES; f++)
        g_array_unref (sizes[f]);
      return NULL;
    }

  /* A family on the pooled line is bounded by every model. */
  for (guint f = 0; f < HUB_N_FORMAT_FAMILIES; f++)
    {
      est->family_bound[f] = bound_of (est->fits[f].pooled ? sizes_all : sizes[f]);
      g_array_unref (sizes[f]);
    }
  /* A task with enough reported counts bounds its models too (an image
   * model is not a trillion parameters, whatever its folder holds). */
  for (guint t = 1; t <= n_tasks; t++)
    {
      GArray *task = g_ptr_array_index (task_sizes, t);

      task_bound[t] = task->len >= HUB_SIZE_FIT_MIN_MODELS ? bound_of (task) : G_MAXINT64;
    }

  for (guint i = 0; i < table->n_models; i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (table->dataset, i);
      HubSizeSource source = table->sources[i];
      HubSizeEstimate e;
      double p;

      if (source != HUB_SIZE_SOURCE_UNKNOWN && source != HUB_SIZE_SOURCE_ESTIMATED)
        continue;
      /* A reported total of 0 has no size, but is never overwritten. */
      if (r->parameters_source == HUB_PARAM_SOURCE_SAFETENSORS ||
          r->parameters_source == HUB_PARAM_SOURCE_GGUF)
        continue;
      if (r->used_storage <= 0)
        continue;
      /* A repo without a task may hold anything (checkpoints, caches,
       * assets): its storage is not known to be one model's weights. */
      if (r->task == 0 || r->task > n_tasks)
        {
          est->n_without_task++;
          continue;
        }
      e.model = i;
      e.family = hub_format_family_from_flags (table->flags[i]);
      p = exp (hub_robust_fit_predict (&est->fits[e.family], log ((double) r->used_storage)));
      if (!isfinite (p) || p < 1 || p > (double) HUB_COUNT_MAX)
        continue;
      e.parameters = (gint64) llround (p);
      /* No extrapolation past the largest model the line knows. */
      e.bound = MIN (est->family_bound[e.family], task_bound[r->task]);
      if (e.parameters > e.bound)
        g_array_append_val (est->implausible, e);
      else
        g_array_append_val (est->estimates, e);
    }
  g_array_sort (est->implausible, compare_estimate_largest_first);
  return g_steal_pointer (&est);
}

void
hub_size_estimation_free (HubSizeEstimation *estimation)
{
  if (estimation == NULL)
    return;
  g_clear_pointer (&estimation->estimates, g_array_unref);
  g_clear_pointer (&estimation->implausible, g_array_unref);
  g_free (estimation);
}

gboolean
hub_sizes_store_estimates (HubStore                *store,
                           HubDataset              *dataset,
                           const HubSizeEstimation *estimation,
                           guint                   *out_n_written,
                           GError                 **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(HubModelEntry) entry = hub_model_entry_new ();
  sqlite3 *db;
  guint n_written = 0;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (estimation != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = hub_store_get_db (store);
  rc = sqlite3_prepare_v2 (db, "SELECT parameters_source FROM models WHERE id = ?1", -1, &check, NULL);
  if (rc != SQLITE_OK)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading parameter sources"), error);
      return FALSE;
    }

  if (!hub_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < estimation->estimates->len; i++)
    {
      const HubSizeEstimate *e = &g_array_index (estimation->estimates, HubSizeEstimate, i);
      const HubModelRecord *r = hub_dataset_get_model (dataset, e->model);
      const char *stored;
      gboolean writable;

      /* Re-read inside the transaction: only a model with no count or an
       * earlier estimate takes one; a row that vanished is not recreated. */
      sqlite3_reset (check);
      sqlite3_bind_text (check, 1, r->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (check);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          hub_store_set_error_from_sqlite (store, rc, _("reading parameter sources"), error);
          sqlite3_reset (check);
          hub_store_rollback (store);
          return FALSE;
        }
      stored = (const char *) sqlite3_column_text (check, 0);
      writable = stored == NULL || strcmp (stored, "estimated") == 0 || strcmp (stored, "unknown") == 0;
      sqlite3_reset (check);
      if (!writable)
        continue;

      g_free (entry->id);
      entry->id = g_strdup (r->id);
      entry->parameters = e->parameters;
      entry->parameters_source = HUB_PARAM_SOURCE_ESTIMATED;
      if (!hub_store_upsert_model (store, entry, NULL, error))
        {
          hub_store_rollback (store);
          return FALSE;
        }
      n_written++;
    }

  if (!hub_store_commit (store, error))
    {
      hub_store_rollback (store);
      return FALSE;
    }
  if (out_n_written != NULL)
    *out_n_written = n_written;
  return TRUE;
}
