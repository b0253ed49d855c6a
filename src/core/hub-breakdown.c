/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-breakdown.h"
#include "hub-category-names.h"

#include "hub-attributes.h"
#include "hub-csv.h"
#include "hub-dataset-private.h"
#include "hub-share-query.h"
#include "hub-sizes.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define NO_CATEGORY G_MAXUINT32

/* NULL-terminated: also the list of valid names. */
static const char * const dim_names[HUB_N_BREAKDOWN_DIMS + 1] = {
  [HUB_BREAKDOWN_DEVELOPER]      = "developer",
  [HUB_BREAKDOWN_COUNTRY]        = "country",
  [HUB_BREAKDOWN_ORG_TYPE]       = "org-type",
  [HUB_BREAKDOWN_MODALITY]       = "modality",
  [HUB_BREAKDOWN_TASK]           = "task",
  [HUB_BREAKDOWN_LIBRARY]        = "library",
  [HUB_BREAKDOWN_ARCHITECTURE]   = "architecture",
  [HUB_BREAKDOWN_LANGUAGE]       = "language",
  [HUB_BREAKDOWN_SIZE_THRESHOLD] = "size-threshold",
  [HUB_BREAKDOWN_SIZE_BUCKET]    = "size-bucket",
  NULL,
};

const char *
hub_breakdown_dim_to_string (HubBreakdownDim dim)
{
  g_return_val_if_fail (dim < HUB_N_BREAKDOWN_DIMS, NULL);
  return dim_names[dim];
}

const char * const *
hub_breakdown_dim_names (void)
{
  return dim_names;
}

gboolean
hub_breakdown_dim_from_string (const char      *str,
                               HubBreakdownDim *out_dim)
{
  for (guint d = 0; str != NULL && d < HUB_N_BREAKDOWN_DIMS; d++)
    if (g_ascii_strcasecmp (str, dim_names[d]) == 0)
      {
        *out_dim = d;
        return TRUE;
      }
  return FALSE;
}

const char *
hub_breakdown_dim_label (HubBreakdownDim dim)
{
  switch (dim)
    {
    case HUB_BREAKDOWN_DEVELOPER: return _("developer");
    case HUB_BREAKDOWN_COUNTRY: return _("country");
    case HUB_BREAKDOWN_ORG_TYPE: return _("organization type");
    case HUB_BREAKDOWN_MODALITY: return _("modality");
    case HUB_BREAKDOWN_TASK: return _("task");
    case HUB_BREAKDOWN_LIBRARY: return _("library");
    case HUB_BREAKDOWN_ARCHITECTURE: return _("architecture kind");
    case HUB_BREAKDOWN_LANGUAGE: return _("language");
    case HUB_BREAKDOWN_SIZE_THRESHOLD: return _("size threshold");
    case HUB_BREAKDOWN_SIZE_BUCKET: return _("size class");
    case HUB_N_BREAKDOWN_DIMS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- Traits ---------------------------------------------------------------- */

struct _HubBreakdownTraits {
  guint     n_models;
  guint32  *kind;            /* per model: index into kind_labels, NO_CATEGORY unknown */
  GPtrArray *kind_labels;    /* char* */
  guint32  *lang_offsets;    /* n_models + 1 */
  guint16  *langs;           /* indices into lang_labels */
  GPtrArray *lang_labels;    /* char*: "English" */
  gint64   *parameters;      /* HUB_COUNT_NONE when unknown (estimates not used) */
};

void
hub_breakdown_traits_free (HubBreakdownTraits *traits)
{
  if (traits == NULL)
    return;
  g_free (traits->kind);
  g_clear_pointer (&traits->kind_labels, g_ptr_array_unref);
  g_free (traits->lang_offsets);
  g_free (traits->langs);
  g_clear_pointer (&traits->lang_labels, g_ptr_array_unref);
  g_free (traits->parameters);
  g_free (traits);
}

static GBytes *
embedded_file (const char  *relative,
               GError     **error)
{
  g_autofree char *path = g_strconcat (HUB_DATASET_RESOURCE_PREFIX, relative, NULL);

  return g_resource_lookup_data (hub_dataset_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* The copy of architecture-kinds.csv next to the database when there is
 * one (a user's edits), else the shipped one. */
static GInputStream *
open_kinds (HubStore  *store,
            GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (hub_store_get_path (store));
  g_autofree char *own = g_build_filename (dir, "architecture-kinds.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (own);

  if (g_file_test (own, G_FILE_TEST_IS_REGULAR))
    return G_INPUT_STREAM (g_file_read (file, NULL, error));
  return g_resource_open_stream (hub_dataset_get_resource (),
                                 HUB_DATASET_RESOURCE_PREFIX "taxonomy/architecture-kinds.csv",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* model type or family -> kind index + 1, from the model_type and kind
 * columns of architecture-kinds.csv; @labels gets the kinds. */
static GHashTable *
load_kinds (HubStore   *store,
            GPtrArray  *labels,
            GError    **error)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GInputStream) stream = open_kinds (store, error);
  g_autoptr(HubCsvReader) reader = NULL;
  g_auto(GStrv) header = NULL;
  GStrv record;
  guint line;

  if (stream == NULL)
    return NULL;
  reader = hub_csv_reader_new (stream);
  if ((header = hub_csv_reader_next (reader, &line, NULL, error)) == NULL && error != NULL && *error != NULL)
    return NULL;
  while ((record = hub_csv_reader_next (reader, &line, NULL, error)) != NULL)
    {
      g_auto(GStrv) fields = record;
      guint k;

      if (g_strv_length (fields) < 2 || *fields[0] == '\0' || *fields[1] == '\0')
        continue;
      for (k = 0; k < labels->len; k++)
        if (strcmp (g_ptr_array_index (labels, k), fields[1]) == 0)
          break;
      if (k == labels->len)
        g_ptr_array_add (labels, g_strdup (fields[1]));
      g_hash_table_replace (kinds, g_ascii_strdown (fields[0], -1), GUINT_TO_POINTER (k + 1));
    }
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&kinds);
}

static gboolean
load_architecture (HubBreakdownTraits  *traits,
                   HubStore            *store,
                   HubDataset          *dataset,
                   GError             **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) kinds = NULL;
  g_autofree guint32 *kind = NULL;

  if ((kinds = load_kinds (store, labels, error)) == NULL)
    return FALSE;
  kind = g_new (guint32, MAX (traits->n_models, 1));
  for (guint m = 0; m < traits->n_models; m++)
    {
      const char *type = dataset->models[m].model_type;
      g_autofree char *lower = type != NULL ? g_ascii_strdown (type, -1) : NULL;
      gpointer k = NULL;

      /* The exact model type first, then its family. */
      if (lower != NULL && (k = g_hash_table_lookup (kinds, lower)) == NULL)
        k = g_hash_table_lookup (kinds, hub_attribute_architecture_name (hub_attribute_architecture_of (lower)));
      kind[m] = k != NULL ? GPOINTER_TO_UINT (k) - 1 : NO_CATEGORY;
    }
  traits->kind = g_steal_pointer (&kind);
  traits->kind_labels = g_steal_pointer (&labels);
  return TRUE;
}

/* code -> language index, from taxonomy/languages.json. */
static GHashTable *
load_language_names (GPtrArray  *labels,
                     GError    **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) bytes = embedded_file ("taxonomy/languages.json", error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *languages;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;
  languages = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "languages");
  for (guint i = 0; i < json_array_get_length (languages); i++)
    {
      JsonObject *l = json_array_get_object_element (languages, i);

      g_ptr_array_add (labels, g_strdup (json_object_get_string_member (l, "name")));
      g_hash_table_insert (codes, g_strdup (json_object_get_string_member (l, "code")), GUINT_TO_POINTER (i + 1));
    }
  return g_steal_pointer (&codes);
}

typedef struct {
  guint32 model;
  guint16 lang;
} ModelLang;

static gboolean
load_languages (HubBreakdownTraits  *traits,
                HubStore            *store,
                HubDataset          *dataset,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (ModelLang));
  g_autofree char *current = NULL;
  gint32 m = -1;
  guint64 n_rows = 0;
  int rc;

  if ((codes = load_language_names (labels, error)) == NULL)
    return FALSE;

  /* The Hub tags a model's languages with their ISO 639-1 codes. */
  rc = sqlite3_prepare_v2 (hub_store_get_db (store),
                           "SELECT model_id, tag FROM tags WHERE length (tag) = 2 ORDER BY model_id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      gpointer lang = g_hash_table_lookup (codes, (const char *) sqlite3_column_text (stmt, 1));

      rc = SQLITE_OK;
      if ((++n_rows & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (lang == NULL)
        continue;
      if (current == NULL || strcmp (current, id) != 0)
        {
          g_free (current);
          current = g_strdup (id);
          m = hub_dataset_find_model (dataset, id);
        }
      if (m >= 0)
        {
          ModelLang pair = { m, GPOINTER_TO_UINT (lang) - 1 };

          g_array_append_val (pairs, pair);
        }
    }
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (store, rc, _("reading tags"), error);
      return FALSE;
    }

  /* Rows come by model id, the dataset's order: a CSR index as read. */
  traits->lang_offsets = g_new0 (guint32, traits->n_models + 1);
  traits->langs = g_new (guint16, MAX (pairs->len, 1));
  for (guint i = 0; i < pairs->len; i++)
    traits->lang_offsets[g_array_index (pairs, ModelLang, i).model + 1]++;
  for (guint i = 0; i < traits->n_models; i++)
    traits->lang_offsets[i + 1] += traits->lang_offsets[i];
  {
    g_autofree guint32 *fill = g_memdup2 (traits->lang_offsets, sizeof (guint32) * (traits->n_models + 1));

    for (guint i = 0; i < pairs->len; i++)
      {
        const ModelLang *p = &g_array_index (pairs, ModelLang, i);

        traits->langs[fill[p->model]++] = p->lang;
      }
  }
  traits->lang_labels = g_steal_pointer (&labels);
  return TRUE;
}

/* The sizes the Sizes view uses by default: reported and base model. */
static gboolean
load_parameters (HubBreakdownTraits  *traits,
                 HubStore            *store,
                 HubDataset          *dataset,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(HubSizeTable) sizes = hub_size_table_new (dataset, store, cancellable, error);

  if (sizes == NULL)
    return FALSE;
  traits->parameters = g_new (gint64, MAX (traits->n_models, 1));
  for (guint m = 0; m < traits->n_models; m++)
    {
      HubSizeSource source;
      gint64 p = hub_size_table_get_parameters (sizes, m, &source);

      traits->parameters[m] = source == HUB_SIZE_SOURCE_REPORTED || source == HUB_SIZE_SOURCE_BASE_MODEL
                              ? p : HUB_COUNT_NONE;
    }
  return TRUE;
}

HubBreakdownTraits *
hub_breakdown_traits_new (HubDataset *dataset)
{
  HubBreakdownTraits *traits;

  g_return_val_if_fail (dataset != NULL, NULL);

  traits = g_new0 (HubBreakdownTraits, 1);
  traits->n_models = dataset->n_models;
  return traits;
}

gboolean
hub_breakdown_traits_load (HubBreakdownTraits  *traits,
                           HubBreakdownDim      dim,
                           HubStore            *store,
                           HubDataset          *dataset,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_return_val_if_fail (traits != NULL && dataset != NULL, FALSE);
  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (traits->n_models == dataset->n_models, FALSE);

  switch (dim)
    {
    case HUB_BREAKDOWN_ARCHITECTURE:
      return traits->kind != NULL || load_architecture (traits, store, dataset, error);
    case HUB_BREAKDOWN_LANGUAGE:
      return traits->langs != NULL || load_languages (traits, store, dataset, cancellable, error);
    case HUB_BREAKDOWN_SIZE_THRESHOLD:
    case HUB_BREAKDOWN_SIZE_BUCKET:
      return traits->parameters != NULL || load_parameters (traits, store, dataset, cancellable, error);
    default:
      return TRUE;
    }
}

/* ---- Dimensions ----------------------------------------------------------- */

static const struct {
  gint64      below;
  const char *label;
} thresholds[] = {
  { G_GINT64_CONSTANT (100000000), "<100M" },
  { G_GINT64_CONSTANT (200000000), "<200M" },
  { G_GINT64_CONSTANT (500000000), "<500M" },
  { G_GINT64_CONSTANT (1000000000), "<1B" },
  { G_GINT64_CONSTANT (10000000000), "<10B" },
  { G_GINT64_CONSTANT (100000000000), "<100B" },
  { G_MAXINT64, NULL },   /* every sized model */
};

/* One dimension over the dataset: a model's raw categories (several for
 * languages and thresholds), their labels, which are ordered by value and
 * which by nature (sizes), and which raw category is "unknown". */
typedef struct {
  HubBreakdownDim  dim;
  HubCategories   *cats;        /* developer .. library */
  const HubBreakdownTraits *traits;
  guint            n_raw;
  char           **raw_labels;  /* borrowed or owned (owned_labels) */
  GPtrArray       *owned_labels;
  guint            unknown;     /* raw index, or NO_CATEGORY */
  gboolean         natural;     /* keep the raw order (sizes) */
} Dim;

static void
dim_clear (Dim *d)
{
  g_clear_pointer (&d->cats, hub_categories_free);
  g_clear_pointer (&d->owned_labels, g_ptr_array_unref);
}

/* The share dimension a breakdown dimension counts by; HUB_QUERY_BY_NONE for
 * the ones the share engine does not have (architecture, language, sizes). */
static HubQueryBy
dim_query_by (HubBreakdownDim dim)
{
  static const HubQueryBy by[HUB_N_BREAKDOWN_DIMS] = {
    [HUB_BREAKDOWN_DEVELOPER] = HUB_QUERY_BY_GROUP,
    [HUB_BREAKDOWN_COUNTRY] = HUB_QUERY_BY_COUNTRY,
    [HUB_BREAKDOWN_ORG_TYPE] = HUB_QUERY_BY_ORG_TYPE,
    [HUB_BREAKDOWN_MODALITY] = HUB_QUERY_BY_MODALITY,
    [HUB_BREAKDOWN_TASK] = HUB_QUERY_BY_TASK,
    [HUB_BREAKDOWN_LIBRARY] = HUB_QUERY_BY_LIBRARY,
  };

  return dim < HUB_N_BREAKDOWN_DIMS ? by[dim] : HUB_QUERY_BY_NONE;
}

static gboolean
dim_init (Dim                      *d,
          HubBreakdownDim           dim,
          HubDataset               *dataset,
          const HubBreakdownTraits *traits,
          gboolean                  individuals,
          GError                  **error)
{
  memset (d, 0, sizeof *d);
  d->dim = dim;
  d->traits = traits;
  d->unknown = NO_CATEGORY;
  d->owned_labels = g_ptr_array_new_with_free_func (g_free);
  switch (dim)
    {
    case HUB_BREAKDOWN_DEVELOPER:
    case HUB_BREAKDOWN_COUNTRY:
    case HUB_BREAKDOWN_ORG_TYPE:
    case HUB_BREAKDOWN_MODALITY:
    case HUB_BREAKDOWN_TASK:
    case HUB_BREAKDOWN_LIBRARY:
      if ((d->cats = hub_categories_new (dataset, dim_query_by (dim), individuals, error)) == NULL)
        return FALSE;
      d->n_raw = d->cats->n_categories;
      d->raw_labels = d->cats->labels;
      d->unknown = d->cats->unknown < d->n_raw ? d->cats->unknown : NO_CATEGORY;
      break;
    case HUB_BREAKDOWN_ARCHITECTURE:
      g_return_val_if_fail (traits->kind != NULL, FALSE);  /* hub_breakdown_traits_load() */
      for (guint k = 0; k < traits->kind_labels->len; k++)
        g_ptr_array_add (d->owned_labels, g_strdup (g_ptr_array_index (traits->kind_labels, k)));
      d->unknown = d->owned_labels->len;
      g_ptr_array_add (d->owned_labels, NULL);
      break;
    case HUB_BREAKDOWN_LANGUAGE:
      g_return_val_if_fail (traits->langs != NULL, FALSE);
      for (guint k = 0; k < traits->lang_labels->len; k++)
        g_ptr_array_add (d->owned_labels, g_strdup (g_ptr_array_index (traits->lang_labels, k)));
      d->unknown = d->owned_labels->len;
      g_ptr_array_add (d->owned_labels, NULL);
      break;
    case HUB_BREAKDOWN_SIZE_THRESHOLD:
      g_return_val_if_fail (traits->parameters != NULL, FALSE);
      for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
        g_ptr_array_add (d->owned_labels, g_strdup (thresholds[t].label != NULL ? thresholds[t].label : _("All sized")));
      d->unknown = d->owned_labels->len;
      g_ptr_array_add (d->owned_labels, NULL);
      d->natural = TRUE;
      break;
    case HUB_BREAKDOWN_SIZE_BUCKET:
      g_return_val_if_fail (traits->parameters != NULL, FALSE);
      for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
        g_ptr_array_add (d->owned_labels, g_strdup (hub_size_bucket_label (b)));
      d->unknown = d->owned_labels->len;
      g_ptr_array_add (d->owned_labels, NULL);
      d->natural = TRUE;
      break;
    case HUB_N_BREAKDOWN_DIMS:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (d->cats == NULL)
    {
      d->n_raw = d->owned_labels->len;
      d->raw_labels = (char **) d->owned_labels->pdata;
    }
  return TRUE;
}

/* The raw categories of model @m into @out (at most @room); returns how
 * many. An unknown value gives the unknown category. */
static guint
dim_categories (const Dim *d,
                guint      m,
                guint32   *out,
                guint      room)
{
  const HubBreakdownTraits *t = d->traits;
  guint n = 0;

  switch (d->dim)
    {
    case HUB_BREAKDOWN_ARCHITECTURE:
      out[n++] = t->kind[m] != NO_CATEGORY ? t->kind[m] : d->unknown;
      return n;
    case HUB_BREAKDOWN_LANGUAGE:
      for (guint32 i = t->lang_offsets[m]; i < t->lang_offsets[m + 1] && n < room; i++)
        out[n++] = t->langs[i];
      if (n == 0)
        out[n++] = d->unknown;
      return n;
    case HUB_BREAKDOWN_SIZE_THRESHOLD:
      if (t->parameters[m] == HUB_COUNT_NONE)
        out[n++] = d->unknown;
      else
        for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
          if (t->parameters[m] < thresholds[i].below || thresholds[i].label == NULL)
            out[n++] = i;
      return n;
    case HUB_BREAKDOWN_SIZE_BUCKET:
      out[n++] = t->parameters[m] == HUB_COUNT_NONE ? d->unknown
                 : (guint32) hub_size_bucket_for ((double) t->parameters[m]);
      return n;
    case HUB_BREAKDOWN_DEVELOPER:
    case HUB_BREAKDOWN_COUNTRY:
    case HUB_BREAKDOWN_ORG_TYPE:
    case HUB_BREAKDOWN_MODALITY:
    case HUB_BREAKDOWN_TASK:
    case HUB_BREAKDOWN_LIBRARY:
    case HUB_N_BREAKDOWN_DIMS:
    default:
      out[n++] = d->cats->category[m];
      return n;
    }
}

/* ---- The cross-tabulation ---------------------------------------------------- */

typedef struct {
  guint32 raw;
  gint64  value;
} RawTotal;

static int
cmp_raw_total (gconstpointer a,
               gconstpointer b)
{
  const RawTotal *x = a, *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->raw > y->raw) - (x->raw < y->raw);
}

/* Output slots of one axis: @slot_of[raw] (NO_CATEGORY: not shown, no
 * value), the labels, and where Unknown and Other went. */
typedef struct {
  guint32  *slot_of;
  GPtrArray *labels;
  gint      unknown;
  gint      other;
} Axis;

static void
axis_build (Axis          *axis,
            const Dim     *d,
            const gint64  *raw_totals,
            guint          max_categories)
{
  g_autofree RawTotal *order = g_new (RawTotal, MAX (d->n_raw, 1));
  guint n = 0, shown;

  axis->slot_of = g_new (guint32, MAX (d->n_raw, 1));
  axis->labels = g_ptr_array_new_with_free_func (g_free);
  axis->unknown = -1;
  axis->other = -1;
  for (guint r = 0; r < d->n_raw; r++)
    {
      axis->slot_of[r] = NO_CATEGORY;
      if (r != d->unknown && raw_totals[r] > 0)
        order[n++] = (RawTotal) { r, raw_totals[r] };
    }
  if (!d->natural)
    qsort (order, n, sizeof (RawTotal), cmp_raw_total);
  shown = max_categories > 0 && n > max_categories ? max_categories - 1 : n;
  for (guint i = 0; i < shown; i++)
    {
      axis->slot_of[order[i].raw] = axis->labels->len;
      g_ptr_array_add (axis->labels, g_strdup (d->raw_labels[order[i].raw]));
    }
  if (shown < n)
    {
      axis->other = axis->labels->len;
      g_ptr_array_add (axis->labels, g_strdup (_("Other")));
      for (guint i = shown; i < n; i++)
        axis->slot_of[order[i].raw] = axis->other;
    }
  if (d->unknown != NO_CATEGORY && raw_totals[d->unknown] > 0)
    {
      axis->unknown = axis->labels->len;
      axis->slot_of[d->unknown] = axis->unknown;
      g_ptr_array_add (axis->labels, g_strdup (_("Unknown")));
    }
}

/* What a person reads for an axis's labels: countries and organisation
 * types by name (hub-category-names.h); Other and Unknown as they are. */
static char **
axis_names (const Axis      *axis,
            HubBreakdownDim  dim)
{
  char **names = g_new0 (char *, axis->labels->len + 1);

  for (guint i = 0; i < axis->labels->len; i++)
    {
      const char *label = g_ptr_array_index (axis->labels, i);

      names[i] = g_strdup ((gint) i == axis->other || (gint) i == axis->unknown
                           ? label : hub_category_name (dim_query_by (dim), label));
    }
  return names;
}

static void
axis_clear (Axis *axis)
{
  g_clear_pointer (&axis->slot_of, g_free);
  g_clear_pointer (&axis->labels, g_ptr_array_unref);
}

/* Sorts and removes repeats of @v (n small). */
static guint
unique_slots (guint32 *v,
              guint    n)
{
  guint m = 0;

  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        guint32 tmp = v[j];
        v[j] = v[j - 1];
        v[j - 1] = tmp;
      }
  for (guint i = 0; i < n; i++)
    if (v[i] != NO_CATEGORY && (m == 0 || v[m - 1] != v[i]))
      v[m++] = v[i];
  return m;
}

/* The developer set: named (any case, a group or an account), or the @top
 * groups by downloads. Fills @in_set per group category. */
static gboolean
choose_developers (HubDataset                *dataset,
                   const Dim                 *dev,
                   const gint64              *group_totals,
                   const HubBreakdownOptions *options,
                   gboolean                  *in_set,
                   GPtrArray                 *names,
                   GError                   **error)
{
  g_autofree RawTotal *order = g_new (RawTotal, MAX (dev->n_raw, 1));
  guint n = 0;

  if (options->developers != NULL)
    {
      for (guint i = 0; options->developers[i] != NULL; i++)
        {
          const char *wanted = options->developers[i];
          gboolean found = FALSE;

          for (guint g = 0; g < dev->n_raw && !found; g++)
            if (g != dev->unknown && dev->raw_labels[g] != NULL && g_ascii_strcasecmp (dev->raw_labels[g], wanted) == 0)
              found = in_set[g] = TRUE;
          for (guint a = 0; a < dataset->n_authors && !found; a++)
            if (g_ascii_strcasecmp (dataset->authors[a].author, wanted) == 0)
              for (guint m = 0; m < dataset->n_models && !found; m++)
                if (dataset->models[m].author == a)
                  found = in_set[dev->cats->category[m]] = TRUE;
          if (!found)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No developer or account “%s” in the data"), wanted);
              return FALSE;
            }
        }
    }
  for (guint g = 0; g < dev->n_raw; g++)
    if (g != dev->unknown && group_totals[g] > 0 && (options->developers == NULL || in_set[g]))
      order[n++] = (RawTotal) { g, group_totals[g] };
  qsort (order, n, sizeof (RawTotal), cmp_raw_total);
  if (options->developers == NULL && options->top > 0)
    n = MIN (n, options->top);
  for (guint i = 0; i < n; i++)
    {
      in_set[order[i].raw] = TRUE;
      g_ptr_array_add (names, g_strdup (dev->raw_labels[order[i].raw]));
    }
  return TRUE;
}

#define MAX_VALUES 64

HubBreakdownResult *
hub_breakdown_compute (HubDataset                *dataset,
                       const HubBreakdownTraits  *traits,
                       const HubObservations     *observations,
                       const HubQuery            *query,
                       const HubBreakdownOptions *options,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  g_autoptr(HubBreakdownResult) res = NULL;
  g_autoptr(HubShareResult) by_model = NULL;
  g_autoptr(GPtrArray) developers = g_ptr_array_new_with_free_func (g_free);
  g_autofree gint64 *credited = NULL;
  g_autofree gint64 *group_totals = NULL;
  g_autofree gboolean *in_set = NULL;
  g_autofree gint64 *row_raw = NULL;
  g_autofree gint64 *col_raw = NULL;
  Dim dev = { 0 }, rows = { 0 }, cols = { 0 };
  Axis row_axis = { 0 }, col_axis = { 0 };
  gint64 row_known = 0, col_known = 0;
  guint n_models;
  HubQuery q;

  g_return_val_if_fail (dataset != NULL && traits != NULL && observations != NULL, NULL);
  g_return_val_if_fail (query != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->rows < HUB_N_BREAKDOWN_DIMS && options->cols < HUB_N_BREAKDOWN_DIMS, NULL);
  g_return_val_if_fail (traits->n_models == dataset->n_models, NULL);

  /* Every model's downloads as the share engine credits them: by model,
   * one period (the last snapshot of a stock, the range of a flow). */
  hub_query_copy (&q, query);
  q.by = HUB_QUERY_BY_MODEL;
  q.within = HUB_QUERY_BY_NONE;
  q.top = 0;
  by_model = hub_share_run_total (dataset, observations, &q, NULL, cancellable, error);
  hub_query_clear (&q);
  if (by_model == NULL)
    return NULL;

  n_models = dataset->n_models;
  credited = g_new0 (gint64, MAX (n_models, 1));
  for (guint c = 0; by_model->n_periods > 0 && c < by_model->n_columns; c++)
    if (by_model->column_kind[c] == HUB_SHARE_COLUMN_CATEGORY && by_model->column_category[c] < n_models)
      credited[by_model->column_category[c]] = by_model->values[c];

  res = g_new0 (HubBreakdownResult, 1);
  res->rows_dim = options->rows;
  res->cols_dim = options->cols;
  res->all_total = by_model->n_periods > 0 ? by_model->totals[0] : 0;
  res->series = g_strdup (observations->series);
  res->observed_at = observations->n_groups > 0 ? observations->group_time[observations->n_groups - 1] : HUB_TIME_NONE;

  if (!dim_init (&dev, HUB_BREAKDOWN_DEVELOPER, dataset, traits, query->individuals, error) ||
      !dim_init (&rows, options->rows, dataset, traits, query->individuals, error) ||
      !dim_init (&cols, options->cols, dataset, traits, query->individuals, error))
    goto fail;

  group_totals = g_new0 (gint64, MAX (dev.n_raw, 1));
  for (guint m = 0; m < n_models; m++)
    group_totals[dev.cats->category[m]] += credited[m];
  in_set = g_new0 (gboolean, MAX (dev.n_raw, 1));
  if (!choose_developers (dataset, &dev, group_totals, options, in_set, developers, error))
    goto fail;

  /* Totals per raw category (each model once per category), then the axes. */
  row_raw = g_new0 (gint64, MAX (rows.n_raw, 1));
  col_raw = g_new0 (gint64, MAX (cols.n_raw, 1));
  for (guint m = 0; m < n_models; m++)
    {
      guint32 r[MAX_VALUES], c[MAX_VALUES];
      guint nr, nc;

      if (credited[m] == 0 || !in_set[dev.cats->category[m]])
        continue;
      res->total += credited[m];
      nr = unique_slots (r, dim_categories (&rows, m, r, MAX_VALUES));
      nc = unique_slots (c, dim_categories (&cols, m, c, MAX_VALUES));
      for (guint i = 0; i < nr; i++)
        row_raw[r[i]] += credited[m];
      for (guint i = 0; i < nc; i++)
        col_raw[c[i]] += credited[m];
      if (!(nr == 1 && r[0] == rows.unknown))
        row_known += credited[m];
      if (!(nc == 1 && c[0] == cols.unknown))
        col_known += credited[m];
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  axis_build (&row_axis, &rows, row_raw,
              options->rows == HUB_BREAKDOWN_DEVELOPER ? 0 : HUB_BREAKDOWN_MAX_CATEGORIES);
  axis_build (&col_axis, &cols, col_raw, HUB_BREAKDOWN_MAX_CATEGORIES);

  res->n_rows = row_axis.labels->len;
  res->n_cols = col_axis.labels->len;
  res->row_unknown = row_axis.unknown;
  res->col_unknown = col_axis.unknown;
  res->row_other = row_axis.other;
  res->col_other = col_axis.other;
  res->values = g_new0 (gint64, MAX ((gsize) res->n_rows * res->n_cols, 1));
  res->row_totals = g_new0 (gint64, MAX (res->n_rows, 1));
  res->col_totals = g_new0 (gint64, MAX (res->n_cols, 1));
  for (guint m = 0; m < n_models; m++)
    {
      guint32 r[MAX_VALUES], c[MAX_VALUES];
      guint nr, nc;

      if (credited[m] == 0 || !in_set[dev.cats->category[m]])
        continue;
      nr = dim_categories (&rows, m, r, MAX_VALUES);
      nc = dim_categories (&cols, m, c, MAX_VALUES);
      for (guint i = 0; i < nr; i++)
        r[i] = row_axis.slot_of[r[i]];
      for (guint i = 0; i < nc; i++)
        c[i] = col_axis.slot_of[c[i]];
      /* Two folded categories are one Other: count it once. */
      nr = unique_slots (r, nr);
      nc = unique_slots (c, nc);
      for (guint i = 0; i < nr; i++)
        {
          res->row_totals[r[i]] += credited[m];
          for (guint j = 0; j < nc; j++)
            res->values[(gsize) r[i] * res->n_cols + c[j]] += credited[m];
        }
      for (guint j = 0; j < nc; j++)
        res->col_totals[c[j]] += credited[m];
    }
  res->row_coverage = res->total > 0 ? (double) row_known / res->total : 0;
  res->col_coverage = res->total > 0 ? (double) col_known / res->total : 0;

  res->row_names = axis_names (&row_axis, res->rows_dim);
  res->col_names = axis_names (&col_axis, res->cols_dim);
  g_ptr_array_add (row_axis.labels, NULL);
  g_ptr_array_add (col_axis.labels, NULL);
  res->row_labels = (char **) g_ptr_array_steal (row_axis.labels, NULL);
  res->col_labels = (char **) g_ptr_array_steal (col_axis.labels, NULL);
  g_ptr_array_add (developers, NULL);
  res->developers = (char **) g_ptr_array_steal (developers, NULL);

  axis_clear (&row_axis);
  axis_clear (&col_axis);
  dim_clear (&dev);
  dim_clear (&rows);
  dim_clear (&cols);
  return g_steal_pointer (&res);

fail:
  axis_clear (&row_axis);
  axis_clear (&col_axis);
  dim_clear (&dev);
  dim_clear (&rows);
  dim_clear (&cols);
  return NULL;
}

void
hub_breakdown_result_free (HubBreakdownResult *result)
{
  if (result == NULL)
    return;
  g_strfreev (result->row_labels);
  g_strfreev (result->row_names);
  g_strfreev (result->col_names);
  g_strfreev (result->col_labels);
  g_free (result->values);
  g_free (result->row_totals);
  g_free (result->col_totals);
  g_strfreev (result->developers);
  g_free (result->series);
  g_free (result);
}

double
hub_breakdown_result_share (const HubBreakdownResult *result,
                            gint64                    value)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->total > 0 ? (double) value / (double) result->total : 0;
}
