/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-attributes.h"

#include "hub-dataset-private.h"
#include "hub-share-query.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* License and library keep this many categories, the rest is "other". */
#define KEEP_LARGEST 10

static const char * const attribute_names[HUB_N_ATTRIBUTES] = {
  [HUB_ATTRIBUTE_LICENSE]      = "license",
  [HUB_ATTRIBUTE_GATED]        = "gated",
  [HUB_ATTRIBUTE_MODALITY]     = "modality",
  [HUB_ATTRIBUTE_LIBRARY]      = "library",
  [HUB_ATTRIBUTE_RELATION]     = "relation",
  [HUB_ATTRIBUTE_QUANTIZATION] = "quantization",
  [HUB_ATTRIBUTE_MOE]          = "moe",
  [HUB_ATTRIBUTE_ARCHITECTURE] = "architecture",
};

const char *
hub_attribute_to_string (HubAttribute attribute)
{
  g_return_val_if_fail (attribute < HUB_N_ATTRIBUTES, NULL);
  return attribute_names[attribute];
}

/* Quantization formats, in order of precedence (index = value). */
enum {
  Q_NONE, Q_GGUF, Q_GPTQ, Q_AWQ, Q_EXL, Q_BNB, Q_FP8, Q_COMPRESSED, Q_MLX, Q_BITS, N_Q,
  /* Not a value: "mlx" seen without a bit width yet. */
  Q_MLX_PENDING = 0x80,
  Q_BITS_SEEN = 0x40,
};

static const char * const quantization_names[N_Q] = {
  "none", "gguf", "gptq", "awq", "exl", "bitsandbytes", "fp8-fp4", "compressed-tensors", "mlx",
  "other-bits",
};

const char *
hub_attribute_quantization_name (guint8 quantization)
{
  return quantization < N_Q ? quantization_names[quantization] : NULL;
}

enum {
  A_NONE, A_LLAMA, A_QWEN, A_GEMMA, A_MISTRAL, A_PHI, A_DEEPSEEK, A_GPT_OSS, A_GLM, A_OLMO,
  A_GPT2, A_BERT, A_T5, A_WHISPER, A_CLIP, A_VIT, N_A
};

static const char * const architecture_names[N_A] = {
  "none", "llama", "qwen", "gemma", "mistral", "phi", "deepseek", "gpt-oss", "glm", "olmo",
  "gpt2", "bert", "t5", "whisper", "clip", "vit",
};

const char *
hub_attribute_architecture_name (guint8 architecture)
{
  return architecture < N_A ? architecture_names[architecture] : NULL;
}

static const struct {
  const char *tag;
  guint8      family;
} model_types[] = {
  { "llama", A_LLAMA }, { "llama4", A_LLAMA }, { "mllama", A_LLAMA },
  { "mistral", A_MISTRAL }, { "mixtral", A_MISTRAL }, { "ministral", A_MISTRAL }, { "mistral3", A_MISTRAL },
  { "phi", A_PHI }, { "phi3", A_PHI }, { "phi4", A_PHI }, { "phimoe", A_PHI },
  { "deepseek_v2", A_DEEPSEEK }, { "deepseek_v3", A_DEEPSEEK }, { "deepseek_v4", A_DEEPSEEK },
  { "gpt_oss", A_GPT_OSS }, { "chatglm", A_GLM }, { "gpt2", A_GPT2 },
  { "bert", A_BERT }, { "roberta", A_BERT }, { "xlm-roberta", A_BERT }, { "distilbert", A_BERT },
  { "deberta", A_BERT }, { "deberta-v2", A_BERT }, { "modernbert", A_BERT }, { "electra", A_BERT },
  { "albert", A_BERT },
  { "t5", A_T5 }, { "mt5", A_T5 }, { "umt5", A_T5 },
  { "whisper", A_WHISPER }, { "clip", A_CLIP }, { "siglip", A_CLIP }, { "vit", A_VIT },
};

static const char * const moe_types[] = {
  "mixtral", "dbrx", "jamba", "arctic", "gpt_oss", "gpt-oss", "deepseek_v2", "deepseek_v3",
  "deepseek_v4", "llama4",
};

/* "4-bit", "8bit", "1.58bit", "sub-4-bit": a bit width. */
static gboolean
is_bit_width (const char *tag)
{
  gsize len = strlen (tag);
  const char *p;

  if (len >= 4 && strcmp (tag + len - 4, "-bit") == 0)
    p = tag + len - 4;
  else if (len >= 3 && strcmp (tag + len - 3, "bit") == 0)
    p = tag + len - 3;
  else
    return FALSE;
  return p > tag && g_ascii_isdigit (p[-1]);
}

/* A type named "<prefix><digit or end>...": qwen2_5_vl, gemma3n, olmo2. */
static gboolean
is_family (const char *tag,
           const char *prefix,
           gboolean    need_digit)
{
  gsize n = strlen (prefix);

  if (strncmp (tag, prefix, n) != 0)
    return FALSE;
  if (need_digit)
    return g_ascii_isdigit (tag[n]);
  return tag[n] == '\0' || g_ascii_isdigit (tag[n]) || tag[n] == '_';
}

void
hub_attribute_classify_tag (const char *tag,
                            guint8     *quantization,
                            guint8     *architecture,
                            gboolean   *moe)
{
  guint8 q = 0, a = A_NONE;
  guint8 state = *quantization;
  guint8 value = state & 0x3f;

  g_return_if_fail (tag != NULL);

  if (strchr (tag, ':') != NULL)
    return;

  /* Quantization: the lowest value wins; mlx needs a bit width too. */
  if (strcmp (tag, "gguf") == 0)
    q = Q_GGUF;
  else if (strcmp (tag, "gptq") == 0)
    q = Q_GPTQ;
  else if (strcmp (tag, "awq") == 0)
    q = Q_AWQ;
  else if (strcmp (tag, "exl2") == 0 || strcmp (tag, "exl3") == 0)
    q = Q_EXL;
  else if (strcmp (tag, "bitsandbytes") == 0)
    q = Q_BNB;
  else if (strcmp (tag, "fp8") == 0 || strcmp (tag, "nvfp4") == 0 || strcmp (tag, "mxfp4") == 0)
    q = Q_FP8;
  else if (strcmp (tag, "compressed-tensors") == 0)
    q = Q_COMPRESSED;
  else if (strcmp (tag, "mlx") == 0)
    state |= Q_MLX_PENDING;
  else if (is_bit_width (tag))
    state |= Q_BITS_SEEN;
  if (q != 0 && (value == 0 || q < value))
    value = q;
  if (value == 0 || value >= Q_MLX)
    {
      if ((state & Q_MLX_PENDING) && (state & Q_BITS_SEEN))
        value = Q_MLX;
      else if (state & Q_BITS_SEEN)
        value = Q_BITS;
    }
  *quantization = (state & (Q_MLX_PENDING | Q_BITS_SEEN)) | value;

  /* Mixture of experts. */
  if (!*moe)
    {
      g_autofree char *lower = g_ascii_strdown (tag, -1);

      if (strstr (lower, "moe") != NULL)
        *moe = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (moe_types) && !*moe; i++)
        *moe = strcmp (tag, moe_types[i]) == 0;
    }

  /* Architecture: the first family found stays. */
  if (*architecture != A_NONE)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (model_types) && a == A_NONE; i++)
    if (strcmp (tag, model_types[i].tag) == 0)
      a = model_types[i].family;
  if (a == A_NONE)
    {
      if (is_family (tag, "qwen", TRUE))
        a = A_QWEN;
      else if (is_family (tag, "gemma", FALSE))
        a = A_GEMMA;
      else if (is_family (tag, "glm", FALSE))
        a = A_GLM;
      else if (is_family (tag, "olmo", FALSE) || strcmp (tag, "olmoe") == 0)
        a = A_OLMO;
    }
  *architecture = a;
}

guint8
hub_attribute_architecture_of (const char *model_type)
{
  guint8 quantization = 0, architecture = A_NONE;
  gboolean moe = FALSE;

  if (model_type != NULL)
    hub_attribute_classify_tag (model_type, &quantization, &architecture, &moe);
  return architecture;
}

void
hub_model_traits_free (HubModelTraits *traits)
{
  if (traits == NULL)
    return;
  g_free (traits->quantization);
  g_free (traits->architecture);
  g_free (traits->moe);
  g_free (traits);
}

HubModelTraits *
hub_model_traits_load (HubStore      *store,
                       HubDataset    *dataset,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(HubModelTraits) traits = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *current = NULL;
  gint32 m = -1;
  guint64 n_rows = 0;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (store), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  traits = g_new0 (HubModelTraits, 1);
  traits->n_models = dataset->n_models;
  traits->quantization = g_new0 (guint8, MAX (dataset->n_models, 1));
  traits->architecture = g_new0 (guint8, MAX (dataset->n_models, 1));
  traits->moe = g_new0 (guint8, MAX (dataset->n_models, 1));

  /* The model type the Hub's config names (or its first model-type tag in
   * the Hub's order), kept at ingest: the family it names stays. Models
   * stored before it was kept fall back on their tags below. */
  for (guint i = 0; i < dataset->n_models; i++)
    traits->architecture[i] = hub_attribute_architecture_of (dataset->models[i].model_type);

  /* Tags with a ":" never count: leave them in SQLite. */
  rc = sqlite3_prepare_v2 (hub_store_get_db (store),
                           "SELECT model_id, tag FROM tags WHERE instr (tag, ':') = 0 ORDER BY model_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading tags"), error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *tag = (const char *) sqlite3_column_text (stmt, 1);
      gboolean moe;

      if ((++n_rows & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (current == NULL || strcmp (current, id) != 0)
        {
          g_free (current);
          current = g_strdup (id);
          m = hub_dataset_find_model (dataset, id);
        }
      if (m < 0 || tag == NULL)
        continue;
      moe = traits->moe[m];
      hub_attribute_classify_tag (tag, &traits->quantization[m], &traits->architecture[m], &moe);
      traits->moe[m] = moe;
    }
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading tags"), error);
      return NULL;
    }
  /* Drop the pending flags: only the value stays. */
  for (guint i = 0; i < traits->n_models; i++)
    traits->quantization[i] &= 0x3f;
  return g_steal_pointer (&traits);
}

/* ---- Trends ---- */

static void
row_free (HubAttributeRow *row)
{
  g_free (row->category);
  g_free (row->values);
  g_free (row->shares);
  g_free (row);
}

void
hub_attribute_trends_free (HubAttributeTrends *trends)
{
  if (trends == NULL)
    return;
  g_strfreev (trends->year_labels);
  g_free (trends->year_totals);
  g_clear_pointer (&trends->rows, g_ptr_array_unref);
  g_free (trends);
}

/* The categories of one attribute: per model an index into @labels. */
typedef struct {
  guint16    *category;
  GPtrArray  *labels;   /* char*, owned */
  guint       unknown;  /* the "unknown"/"none" slot, G_MAXUINT if none */
  gboolean    fold;     /* keep the largest, the rest as "other" */
} Dimension;

static guint16
intern (GHashTable *index,
        GPtrArray  *labels,
        const char *label)
{
  gpointer found;

  if (g_hash_table_lookup_extended (index, label, NULL, &found))
    return GPOINTER_TO_UINT (found);
  g_ptr_array_add (labels, g_strdup (label));
  g_hash_table_insert (index, g_ptr_array_index (labels, labels->len - 1),
                       GUINT_TO_POINTER (labels->len - 1));
  return labels->len - 1;
}

static void
dimension_build (Dimension            *d,
                 HubAttribute          attribute,
                 HubDataset           *dataset,
                 const HubModelTraits *traits)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = dataset->n_models;

  d->category = g_new (guint16, MAX (n, 1));
  d->labels = g_ptr_array_new_with_free_func (g_free);
  d->fold = attribute == HUB_ATTRIBUTE_LICENSE || attribute == HUB_ATTRIBUTE_LIBRARY;
  d->unknown = intern (index, d->labels,
                       attribute == HUB_ATTRIBUTE_QUANTIZATION || attribute == HUB_ATTRIBUTE_ARCHITECTURE
                       ? "none" : "unknown");

  for (guint m = 0; m < n; m++)
    {
      const HubModelRecord *r = &dataset->models[m];
      const char *label = NULL;
      guint16 c;

      switch (attribute)
        {
        case HUB_ATTRIBUTE_LICENSE:
          label = r->license;
          break;
        case HUB_ATTRIBUTE_GATED:
          label = r->gated ? "gated" : "open";
          break;
        case HUB_ATTRIBUTE_MODALITY:
          label = r->task != 0 ? dataset->tasks[r->task].modality : NULL;
          break;
        case HUB_ATTRIBUTE_LIBRARY:
          label = r->library != 0 ? dataset->libraries[r->library].id : NULL;
          break;
        case HUB_ATTRIBUTE_RELATION:
          label = r->relation == HUB_RELATION_UNKNOWN ? NULL : hub_relation_to_string (r->relation);
          break;
        case HUB_ATTRIBUTE_QUANTIZATION:
          label = traits->quantization[m] != Q_NONE ? quantization_names[traits->quantization[m]] : NULL;
          break;
        case HUB_ATTRIBUTE_MOE:
          label = traits->moe[m] ? "moe" : "dense";
          break;
        case HUB_ATTRIBUTE_ARCHITECTURE:
          label = traits->architecture[m] != A_NONE ? architecture_names[traits->architecture[m]] : NULL;
          break;
        case HUB_N_ATTRIBUTES:
        default:
          g_assert_not_reached ();
        }
      if (label == NULL || *label == '\0')
        c = d->unknown;
      else if (d->labels->len >= G_MAXUINT16 - 1 && !g_hash_table_contains (index, label))
        c = d->unknown;  /* cannot happen with real data: 65,000 licenses */
      else
        c = intern (index, d->labels, label);
      d->category[m] = c;
    }
}

static void
dimension_clear (Dimension *d)
{
  g_free (d->category);
  g_ptr_array_unref (d->labels);
}

typedef struct {
  guint   index;
  gint64  total;
} Ranked;

static int
cmp_ranked (gconstpointer a,
            gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static HubAttributeRow *
row_new (HubAttribute attribute,
         const char  *category,
         guint        n_years)
{
  HubAttributeRow *row = g_new0 (HubAttributeRow, 1);

  row->attribute = attribute;
  row->category = g_strdup (category);
  row->values = g_new0 (gint64, MAX (n_years, 1));
  row->shares = g_new0 (double, MAX (n_years, 1));
  return row;
}

HubAttributeTrends *
hub_attribute_trends_compute (HubDataset            *dataset,
                              const HubModelTraits  *traits,
                              const HubObservations *observations,
                              const HubQuery        *query,
                              gint64                 pivot,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(HubAttributeTrends) trends = NULL;
  g_autofree guint8 *keep = NULL;
  g_autofree guint32 *group_year = NULL;
  g_autofree gboolean *year_end = NULL;
  g_autofree int *year_of = NULL;
  Dimension dims[HUB_N_ATTRIBUTES];
  /* Per attribute: cells[c × (n_years + 2) + y], y = n_years before,
   * n_years + 1 after. */
  gint64 *cells[HUB_N_ATTRIBUTES];
  const HubObservations *obs = observations;
  guint n_years = 0, stride;
  int first_year = 0;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (traits != NULL && traits->n_models == dataset->n_models, NULL);
  g_return_val_if_fail (observations != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  trends = g_new0 (HubAttributeTrends, 1);
  trends->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  /* Years of the groups. */
  year_of = g_new (int, MAX (obs->n_groups, 1));
  for (guint g = 0; g < obs->n_groups; g++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (obs->group_time[g]);

      year_of[g] = dt != NULL ? g_date_time_get_year (dt) : 0;
      if (g == 0 || year_of[g] < first_year)
        first_year = year_of[g];
      n_years = MAX ((int) n_years, year_of[g] - first_year + 1);
    }
  if (obs->n_groups == 0)
    n_years = 0;
  trends->n_years = n_years;
  trends->year_labels = g_new0 (char *, n_years + 1);
  for (guint y = 0; y < n_years; y++)
    trends->year_labels[y] = g_strdup_printf ("%d", first_year + y);
  trends->year_totals = g_new0 (gint64, MAX (n_years, 1));

  if (pivot == HUB_TIME_NONE && obs->n_groups > 0)
    {
      int last = year_of[obs->n_groups - 1];

      if (last > first_year)
        {
          g_autoptr(GDateTime) start = g_date_time_new_utc (last, 1, 1, 0, 0, 0);
          pivot = g_date_time_to_unix (start);
        }
      else
        pivot = obs->group_time[obs->n_groups / 2];
    }
  trends->pivot = pivot;

  /* A stock's year is its last snapshot; a flow's is every group. */
  group_year = g_new (guint32, MAX (obs->n_groups, 1));
  year_end = g_new0 (gboolean, MAX (obs->n_groups, 1));
  for (guint g = 0; g < obs->n_groups; g++)
    {
      gboolean flow = obs->measure == HUB_QUERY_MEASURE_INTERVAL || obs->measure == HUB_QUERY_MEASURE_PERIOD;

      group_year[g] = year_of[g] - first_year;
      year_end[g] = flow || g + 1 == obs->n_groups || year_of[g + 1] != year_of[g];
    }

  keep = hub_query_model_mask (query, dataset);

  stride = n_years + 2;
  for (guint a = 0; a < HUB_N_ATTRIBUTES; a++)
    {
      dimension_build (&dims[a], a, dataset, traits);
      cells[a] = g_new0 (gint64, (gsize) dims[a].labels->len * stride);
    }

  for (guint g = 0; g < obs->n_groups; g++)
    {
      gint64 cutoff = obs->group_time[g] - (gint64) query->window_days * 86400;
      guint side = obs->group_time[g] < pivot ? n_years : n_years + 1;
      guint y = group_year[g];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      for (guint64 i = obs->offsets[g]; i < obs->offsets[g + 1]; i++)
        {
          guint32 m = obs->model[i];
          gint64 v = (gint64) hub_observations_value (obs, i);
          gint64 created = dataset->models[m].created_at;

          if (!keep[m] || v <= 0)
            continue;
          if (query->window_days > 0 &&
              (created == HUB_TIME_NONE || created == HUB_CREATED_AT_FLOOR || created <= cutoff))
            continue;
          if (side == n_years)
            trends->total_before += v;
          else
            trends->total_after += v;
          if (year_end[g])
            trends->year_totals[y] += v;
          for (guint a = 0; a < HUB_N_ATTRIBUTES; a++)
            {
              gint64 *cell = cells[a] + (gsize) dims[a].category[m] * stride;

              cell[side] += v;
              if (year_end[g])
                cell[y] += v;
            }
        }
    }

  for (guint a = 0; a < HUB_N_ATTRIBUTES; a++)
    {
      guint n_cats = dims[a].labels->len;
      g_autofree Ranked *ranked = g_new (Ranked, n_cats);
      HubAttributeRow *other = NULL;
      HubAttributeRow *unknown = NULL;
      guint kept = 0;

      for (guint c = 0; c < n_cats; c++)
        {
          gint64 *cell = cells[a] + (gsize) c * stride;
          ranked[c] = (Ranked) { c, cell[n_years] + cell[n_years + 1] };
          for (guint y = 0; y < n_years; y++)
            ranked[c].total += cell[y];
        }
      qsort (ranked, n_cats, sizeof (Ranked), cmp_ranked);

      for (guint k = 0; k < n_cats; k++)
        {
          guint c = ranked[k].index;
          const gint64 *cell = cells[a] + (gsize) c * stride;
          HubAttributeRow *row;

          if (ranked[k].total == 0)
            continue;
          if (c == dims[a].unknown)
            row = unknown = row_new (a, g_ptr_array_index (dims[a].labels, c), n_years);
          else if (dims[a].fold && kept >= KEEP_LARGEST)
            {
              if (other == NULL)
                other = row_new (a, "other", n_years);
              row = other;
            }
          else
            {
              row = row_new (a, g_ptr_array_index (dims[a].labels, c), n_years);
              g_ptr_array_add (trends->rows, row);
              kept++;
            }
          for (guint y = 0; y < n_years; y++)
            row->values[y] += cell[y];
          row->before += cell[n_years];
          row->after += cell[n_years + 1];
        }
      if (other != NULL)
        g_ptr_array_add (trends->rows, other);
      if (unknown != NULL)
        g_ptr_array_add (trends->rows, unknown);
    }

  for (guint i = 0; i < trends->rows->len; i++)
    {
      HubAttributeRow *row = g_ptr_array_index (trends->rows, i);

      for (guint y = 0; y < n_years; y++)
        row->shares[y] = trends->year_totals[y] > 0 ? (double) row->values[y] / trends->year_totals[y] : 0;
      row->before = trends->total_before > 0 ? row->before / trends->total_before : 0;
      row->after = trends->total_after > 0 ? row->after / trends->total_after : 0;
      row->multiplier = row->before > 0 ? row->after / row->before : NAN;
    }

  for (guint a = 0; a < HUB_N_ATTRIBUTES; a++)
    {
      dimension_clear (&dims[a]);
      g_free (cells[a]);
    }
  return g_steal_pointer (&trends);

fail:
  for (guint a = 0; a < HUB_N_ATTRIBUTES; a++)
    {
      dimension_clear (&dims[a]);
      g_free (cells[a]);
    }
  return NULL;
}
