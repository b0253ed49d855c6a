/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-share-query.h"
#include "hub-category-names.h"
#include "hub-panel.h"

#include "hub-attribution.h"
#include "hub-dataset-private.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <string.h>

/* ---- Categories ---- */

/* Interns @label into @names/@index; NULL gives the unknown slot. */
static guint32
intern_label (GHashTable *index,
              GPtrArray  *names,
              const char *label)
{
  gpointer found;

  if (label == NULL || *label == '\0')
    label = "";
  if (g_hash_table_lookup_extended (index, label, NULL, &found))
    return GPOINTER_TO_UINT (found);
  g_ptr_array_add (names, g_strdup (label));
  g_hash_table_insert (index, (gpointer) label, GUINT_TO_POINTER (names->len - 1));
  return names->len - 1;
}

HubCategories *
hub_categories_new (HubDataset  *dataset,
                    HubQueryBy   by,
                    gboolean     individuals,
                    GError     **error)
{
  g_autoptr(HubCategories) self = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree guint32 *per_author = NULL;
  g_autofree guint32 *per_task = NULL;
  guint n_models;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (by > HUB_QUERY_BY_NONE && by < HUB_N_QUERY_BYS, NULL);

  if (by == HUB_QUERY_BY_LANGUAGE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Grouping by language is not available yet"));
      return NULL;
    }

  n_models = dataset->n_models;
  self = g_new0 (HubCategories, 1);
  self->by = by;
  self->unknown = HUB_SHARE_SKIP;
  self->category = g_new (guint32, MAX (n_models, 1));
  index = g_hash_table_new (g_str_hash, g_str_equal);
  names = g_ptr_array_new ();
  /* Slot 0 is "unknown" for the interned dimensions; dropped below when
   * nothing uses it. */
  intern_label (index, names, NULL);

  switch (by)
    {
    case HUB_QUERY_BY_MODEL:
      for (guint m = 0; m < n_models; m++)
        self->category[m] = m;
      self->n_categories = n_models;
      self->labels = g_new0 (char *, n_models + 1);
      for (guint m = 0; m < n_models; m++)
        self->labels[m] = g_strdup (dataset->models[m].id);
      /* Frees the unknown label interned above, unused here. */
      g_ptr_array_set_free_func (names, g_free);
      return g_steal_pointer (&self);

    case HUB_QUERY_BY_AUTHOR:
    case HUB_QUERY_BY_GROUP:
    case HUB_QUERY_BY_COUNTRY:
    case HUB_QUERY_BY_ORG_TYPE:
      per_author = g_new (guint32, MAX (dataset->n_authors, 1));
      for (guint a = 0; a < dataset->n_authors; a++)
        {
          const HubAuthorInfo *info = &dataset->authors[a];
          const char *label = by == HUB_QUERY_BY_AUTHOR ? info->author :
                              by == HUB_QUERY_BY_GROUP ? (info->group != NULL ? info->group : info->author) :
                              by == HUB_QUERY_BY_COUNTRY ? info->country : hub_author_org_type (info, individuals);
          per_author[a] = intern_label (index, names, label);
        }
      for (guint m = 0; m < n_models; m++)
        self->category[m] = per_author[dataset->models[m].author];
      break;

    case HUB_QUERY_BY_MODALITY:
    case HUB_QUERY_BY_TASK:
      per_task = g_new (guint32, MAX (dataset->n_tasks, 1));
      for (guint t = 0; t < dataset->n_tasks; t++)
        {
          const HubTaskInfo *info = &dataset->tasks[t];
          per_task[t] = intern_label (index, names, t == 0 ? NULL :
                                      by == HUB_QUERY_BY_TASK ? info->id : info->modality);
        }
      for (guint m = 0; m < n_models; m++)
        self->category[m] = per_task[dataset->models[m].task];
      break;

    case HUB_QUERY_BY_LIBRARY:
      for (guint l = 0; l < dataset->n_libraries; l++)
        intern_label (index, names, l == 0 ? NULL : dataset->libraries[l].id);
      for (guint m = 0; m < n_models; m++)
        {
          guint16 l = dataset->models[m].library;
          self->category[m] = intern_label (index, names, l == 0 ? NULL : dataset->libraries[l].id);
        }
      break;

    case HUB_QUERY_BY_RELATION:
      for (guint m = 0; m < n_models; m++)
        {
          HubRelation r = dataset->models[m].relation;
          self->category[m] = intern_label (index, names,
                                            r == HUB_RELATION_UNKNOWN ? NULL : hub_relation_to_string (r));
        }
      break;

    case HUB_QUERY_BY_NONE:
    case HUB_QUERY_BY_LANGUAGE:
    case HUB_N_QUERY_BYS:
    default:
      g_assert_not_reached ();
    }

  self->unknown = 0;
  self->n_categories = names->len;
  g_ptr_array_add (names, NULL);
  self->labels = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return g_steal_pointer (&self);
}

void
hub_categories_free (HubCategories *self)
{
  if (self == NULL)
    return;
  g_free (self->category);
  g_strfreev (self->labels);
  g_free (self);
}

/* Flags of compute_roots(): the query's lineage choices. */
enum {
  ROOTS_MISSING_OWN = 1 << 0,
  ROOTS_CARD_ORDER  = 1 << 1,
};

static guint32 *
compute_roots (HubDataset *dataset,
               guint       flags)
{
  guint n = dataset->n_models;
  g_autofree gint32 *first = g_new (gint32, MAX (n, 1));
  g_autofree gboolean *missing = g_new (gboolean, MAX (n, 1));
  guint32 *roots = g_new (guint32, MAX (n, 1));

  /* Each model's first parent: the relations' (HubEco's), or with
   * parent_order=card the card's first base model where it names one. */
  for (guint m = 0; m < n; m++)
    {
      const HubModelRecord *r = &dataset->models[m];
      gint32 card = (flags & ROOTS_CARD_ORDER) && dataset->card_first_parent != NULL
                    ? dataset->card_first_parent[m] : -2;

      first[m] = card != -2 ? card : r->first_parent;
      missing[m] = card != -2 ? card == -1 : (r->n_parents > 0 && r->first_parent < 0);
    }
  hub_attribution_compute_roots (first, n, roots);

  /* missing_parent=own: a lineage that ends at a parent missing from the
   * data credits the model itself, not the last ancestor reached. */
  if (flags & ROOTS_MISSING_OWN)
    for (guint m = 0; m < n; m++)
      if (roots[m] != m && missing[roots[m]])
        roots[m] = m;
  return roots;
}

guint32 *
hub_dataset_compute_roots (HubDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);

  return compute_roots (dataset, 0);
}

/* ---- Periods ---- */

/* A sortable key of the period holding @t, and its start. */
static gint64
period_key (HubQueryAxis axis,
            gint64       t,
            gint64      *out_start)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo;

  switch (axis)
    {
    case HUB_QUERY_AXIS_WEEK:
      {
        /* 1970-01-01 was a Thursday: Monday-based weeks start 3 days earlier. */
        gint64 days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
        gint64 week = (days + 3) >= 0 ? (days + 3) / 7 : -((-(days + 3) + 6) / 7);
        *out_start = (week * 7 - 3) * 86400;
        return week;
      }
    case HUB_QUERY_AXIS_MONTH:
    case HUB_QUERY_AXIS_COHORT:
    case HUB_QUERY_AXIS_QUARTER:
    case HUB_QUERY_AXIS_YEAR:
      dt = g_date_time_new_from_unix_utc (t);
      if (dt == NULL)
        {
          *out_start = t;
          return G_MININT64;
        }
      y = g_date_time_get_year (dt);
      mo = g_date_time_get_month (dt);
      if (axis == HUB_QUERY_AXIS_QUARTER)
        mo = (mo - 1) / 3 * 3 + 1;
      else if (axis == HUB_QUERY_AXIS_YEAR)
        mo = 1;
      {
        g_autoptr(GDateTime) start = g_date_time_new_utc (y, mo, 1, 0, 0, 0);
        *out_start = g_date_time_to_unix (start);
      }
      return (gint64) y * 12 + (mo - 1);
    case HUB_QUERY_AXIS_SNAPSHOT:
    case HUB_N_QUERY_AXES:
    default:
      *out_start = t;
      return t;
    }
}

gint64
hub_query_axis_period_start (HubQueryAxis axis,
                             gint64       t)
{
  gint64 start;

  period_key (axis, t, &start);
  return start;
}

static char *
period_label (HubQueryAxis axis,
              gint64       start)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (start);

  if (dt == NULL)
    return g_strdup ("?");
  switch (axis)
    {
    case HUB_QUERY_AXIS_WEEK:
      return g_date_time_format (dt, "%Y-%m-%d");
    case HUB_QUERY_AXIS_MONTH:
    case HUB_QUERY_AXIS_COHORT:
      return g_date_time_format (dt, "%Y-%m");
    case HUB_QUERY_AXIS_QUARTER:
      return g_strdup_printf ("%d-Q%d", g_date_time_get_year (dt), (g_date_time_get_month (dt) - 1) / 3 + 1);
    case HUB_QUERY_AXIS_YEAR:
      return g_date_time_format (dt, "%Y");
    case HUB_QUERY_AXIS_SNAPSHOT:
    case HUB_N_QUERY_AXES:
    default:
      return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
    }
}

typedef struct {
  gint64 key;
  gint64 start;
} PeriodKey;

static int
cmp_period_key (gconstpointer a,
                gconstpointer b)
{
  const PeriodKey *x = a, *y = b;
  return (x->key > y->key) - (x->key < y->key);
}

/* Distinct sorted keys of @keys (n), their labels and starts; fills
 * @out_index[i] with the period of keys[i]. */
static guint
make_periods (HubQueryAxis     axis,
              const PeriodKey *keys,
              guint            n,
              guint32         *out_index,
              char          ***out_labels,
              gint64         **out_starts)
{
  g_autofree PeriodKey *sorted = g_memdup2 (keys, sizeof (PeriodKey) * MAX (n, 1));
  guint n_periods = 0;

  qsort (sorted, n, sizeof (PeriodKey), cmp_period_key);
  for (guint i = 0; i < n; i++)
    if (n_periods == 0 || sorted[n_periods - 1].key != sorted[i].key)
      sorted[n_periods++] = sorted[i];

  *out_labels = g_new0 (char *, n_periods + 1);
  *out_starts = g_new (gint64, MAX (n_periods, 1));
  for (guint p = 0; p < n_periods; p++)
    {
      (*out_labels)[p] = period_label (axis, sorted[p].start);
      (*out_starts)[p] = sorted[p].start;
    }
  for (guint i = 0; i < n; i++)
    {
      const PeriodKey *hit = bsearch (&keys[i], sorted, n_periods, sizeof (PeriodKey), cmp_period_key);
      out_index[i] = hit != NULL ? (guint32) (hit - sorted) : HUB_SHARE_SKIP;
    }
  return n_periods;
}

static char **
column_labels (const HubCategories      *cats,
               guint                     n_columns,
               const guint32            *column_category,
               const HubShareColumnKind *kinds)
{
  char **labels = g_new0 (char *, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    {
      if (kinds[c] == HUB_SHARE_COLUMN_OTHER)
        labels[c] = g_strdup (_("Other"));
      else if (kinds[c] == HUB_SHARE_COLUMN_UNKNOWN)
        labels[c] = g_strdup (_("Unknown"));
      else
        labels[c] = g_strdup (cats->labels[column_category[c]]);
    }
  return labels;
}

/* What charts and the window show for each column: countries and
 * organisation types by name (hub-category-names.h). */
static char **
column_names (HubQueryBy                by,
              char             * const *labels,
              const HubShareColumnKind *kinds)
{
  guint n = g_strv_length ((char **) labels);
  char **names = g_new0 (char *, n + 1);

  for (guint c = 0; c < n; c++)
    names[c] = g_strdup (kinds[c] == HUB_SHARE_COLUMN_CATEGORY ? hub_category_name (by, labels[c]) : labels[c]);
  return names;
}

static gboolean
is_flow (HubQueryMeasure measure)
{
  return measure == HUB_QUERY_MEASURE_INTERVAL || measure == HUB_QUERY_MEASURE_PERIOD;
}

/* Cohorts that no counted row falls in (months whose models are all
 * filtered out or unobserved) are dropped, not shown as "0 of 0": @counts
 * (offsets + 1) and @labels, @starts are compacted, @model_period remapped.
 * Returns the periods kept. */
static guint
drop_empty_cohorts (guint     n_periods,
                    guint64  *offsets,
                    guint32  *model_period,
                    guint     n_models,
                    char    **labels,
                    gint64   *starts)
{
  g_autofree guint32 *kept = g_new (guint32, MAX (n_periods, 1));
  guint n_kept = 0;

  for (guint p = 0; p < n_periods; p++)
    {
      if (offsets[p + 1] == 0)
        {
          kept[p] = HUB_SHARE_SKIP;
          g_clear_pointer (&labels[p], g_free);
          continue;
        }
      kept[p] = n_kept;
      offsets[n_kept + 1] = offsets[p + 1];
      labels[n_kept] = labels[p];
      starts[n_kept] = starts[p];
      n_kept++;
    }
  for (guint p = n_kept; p < n_periods; p++)
    {
      offsets[p + 1] = 0;
      labels[p] = NULL;
    }
  for (guint m = 0; m < n_models; m++)
    if (model_period[m] != HUB_SHARE_SKIP)
      model_period[m] = kept[model_period[m]];
  return n_kept;
}

/* The cohort axis: rows regrouped by the month their model was created,
 * with the window applied on the way (the regrouped rows lose their time). */
static HubObservations *
regroup_by_cohort (HubDataset            *dataset,
                   const HubObservations *obs,
                   const HubQuery        *query,
                   const guint32         *category,
                   guint32               *out_n_periods,
                   char                ***out_labels,
                   gint64               **out_starts)
{
  guint n_models = dataset->n_models;
  g_autofree PeriodKey *model_keys = g_new (PeriodKey, MAX (n_models, 1));
  g_autofree guint32 *model_period = g_new (guint32, MAX (n_models, 1));
  guint first_group = is_flow (query->measure) || obs->n_groups == 0 ? 0 : obs->n_groups - 1;
  guint n_periods;
  guint64 *offsets, n_rows = 0;
  guint32 *model;
  guint64 *value;
  g_autofree guint64 *fill = NULL;
  g_autofree gint64 *times = NULL;

  for (guint m = 0; m < n_models; m++)
    {
      gint64 t = dataset->models[m].created_at;
      model_keys[m].key = t == HUB_TIME_NONE ? G_MININT64 : period_key (HUB_QUERY_AXIS_COHORT, t, &model_keys[m].start);
      if (t == HUB_TIME_NONE)
        model_keys[m].start = HUB_TIME_NONE;
    }
  n_periods = make_periods (HUB_QUERY_AXIS_COHORT, model_keys, n_models, model_period, out_labels, out_starts);
  /* Models without a creation time have no cohort: drop their period. */
  if (n_periods > 0 && (*out_starts)[0] == HUB_TIME_NONE)
    {
      g_free ((*out_labels)[0]);
      memmove (*out_labels, *out_labels + 1, sizeof (char *) * n_periods);
      memmove (*out_starts, *out_starts + 1, sizeof (gint64) * (n_periods - 1));
      n_periods--;
      for (guint m = 0; m < n_models; m++)
        model_period[m] = dataset->models[m].created_at == HUB_TIME_NONE ? HUB_SHARE_SKIP : model_period[m] - 1;
    }

  offsets = g_new0 (guint64, n_periods + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint g = first_group; g < obs->n_groups; g++)
        {
          gint64 cutoff = query->window_days > 0 ? obs->group_time[g] - (gint64) query->window_days * 86400 : G_MININT64;

          for (guint64 i = obs->offsets[g]; i < obs->offsets[g + 1]; i++)
            {
              guint32 m = obs->model[i];
              gint64 created = dataset->models[m].created_at;
              guint32 p = model_period[m];

              if (p == HUB_SHARE_SKIP || category[m] == HUB_SHARE_SKIP)
                continue;
              if (query->window_days > 0 &&
                  (created == HUB_TIME_NONE || created == HUB_CREATED_AT_FLOOR || created <= cutoff))
                continue;
              if (pass == 0)
                offsets[p + 1]++;
              else
                {
                  model[fill[p]] = m;
                  value[fill[p]++] = hub_observations_value (obs, i);
                }
            }
        }
      if (pass == 0)
        {
          n_periods = drop_empty_cohorts (n_periods, offsets, model_period, n_models, *out_labels, *out_starts);
          for (guint p = 0; p < n_periods; p++)
            offsets[p + 1] += offsets[p];
          n_rows = offsets[n_periods];
          model = g_new (guint32, MAX (n_rows, 1));
          value = g_new (guint64, MAX (n_rows, 1));
          fill = g_memdup2 (offsets, sizeof (guint64) * (n_periods + 1));
        }
    }
  times = g_new0 (gint64, MAX (n_periods, 1));
  *out_n_periods = n_periods;
  return hub_observations_new (obs->series, obs->measure, n_periods, g_steal_pointer (&times),
                               offsets, model, NULL, value);
}

/* ---- Per-dataset caches ----
 *
 * What a query derives from the dataset alone (roots, the categories of a
 * dimension, each model's credited category under given filters and
 * attribution, the created column) is built once per dataset and kept with
 * it (hub_dataset_get_cached()), so a repeated query with another window,
 * axis, measure or top-N only runs the engine. */

static gpointer
build_roots (HubDataset *dataset,
             gpointer    user_data)
{
  return compute_roots (dataset, GPOINTER_TO_UINT (user_data));
}

const guint32 *
hub_dataset_get_roots (HubDataset  *dataset,
                       guint32    **out_owned)
{
  gboolean owned = FALSE;
  guint32 *roots;

  g_return_val_if_fail (dataset != NULL && out_owned != NULL, NULL);

  /* The key and flags root attribution uses (no counting-rule flag). */
  roots = hub_dataset_get_cached (dataset, "roots:0", build_roots, GUINT_TO_POINTER (0), g_free, &owned);
  *out_owned = owned ? roots : NULL;
  return roots;
}

static gpointer
build_created (HubDataset *dataset,
               gpointer    user_data)
{
  gint64 *created = g_new (gint64, MAX (dataset->n_models, 1));

  for (guint m = 0; m < dataset->n_models; m++)
    created[m] = dataset->models[m].created_at;
  return created;
}

static gpointer
build_categories (HubDataset *dataset,
                  gpointer    user_data)
{
  guint key = GPOINTER_TO_UINT (user_data);

  /* by=language fails without a dataset lookup: never cached as NULL. */
  return hub_categories_new (dataset, key & 0xff, (key >> 8) != 0, NULL);
}

/* A cached value, or one the caller owns (@to_free). */
typedef struct {
  gpointer       value;
  gpointer       to_free;
  GDestroyNotify free_func;
} Cached;

static void
cached_clear (Cached *c)
{
  if (c->to_free != NULL)
    c->free_func (c->to_free);
  c->to_free = NULL;
}

static gpointer
cached_get (Cached               *c,
            HubDataset           *dataset,
            const char           *key,
            HubDatasetCacheBuild  build,
            gpointer              user_data,
            GDestroyNotify        free_func)
{
  gboolean owned = FALSE;

  c->value = hub_dataset_get_cached (dataset, key, build, user_data, free_func, &owned);
  c->free_func = free_func;
  c->to_free = owned ? c->value : NULL;
  return c->value;
}

typedef struct {
  guint32 *category;        /* per model, HUB_SHARE_SKIP when filtered out */
  guint32 *inner_category;  /* NULL without within */
} Credit;

static void
credit_free (Credit *credit)
{
  g_free (credit->category);
  g_free (credit->inner_category);
  g_free (credit);
}

typedef struct {
  const HubQuery      *query;
  const HubCategories *cats;
  const HubCategories *inner;
  const guint32       *roots;
} CreditArgs;

/* Per model: the credited category (filters apply to the model itself,
 * attribution picks whose category gets the credit). */
static gpointer
build_credit (HubDataset *dataset,
              gpointer    user_data)
{
  const CreditArgs *args = user_data;
  guint n_models = dataset->n_models;
  Credit *credit = g_new0 (Credit, 1);
  g_autofree guint8 *keep = hub_query_model_mask (args->query, dataset);

  credit->category = g_new (guint32, MAX (n_models, 1));
  if (args->inner != NULL)
    credit->inner_category = g_new (guint32, MAX (n_models, 1));
  for (guint m = 0; m < n_models; m++)
    {
      guint32 credited = args->roots != NULL ? args->roots[m] : m;

      if (!keep[m])
        {
          credit->category[m] = HUB_SHARE_SKIP;
          if (credit->inner_category != NULL)
            credit->inner_category[m] = HUB_SHARE_SKIP;
          continue;
        }
      credit->category[m] = args->cats->category[credited];
      if (credit->inner_category != NULL)
        credit->inner_category[m] = args->inner->category[credited];
    }
  return credit;
}

/* The cache key of everything build_credit() reads from @q. */
static char *
credit_key (const HubQuery *q,
            gboolean        rooted)
{
  return g_strdup_printf ("credit:%d:%d:%d:%d:%d:%" G_GINT64_FORMAT ":%s%s:%s%s:%s%s:%s%s:%d:%" G_GINT64_FORMAT
                          ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%u",
                          q->by, q->within, rooted,
                          rooted ? (q->missing_parent_own ? 1 : 0) | (q->parent_order_card ? 2 : 0) : 0,
                          q->individuals, q->min_downloads,
                          q->task != NULL ? "=" : "-", q->task != NULL ? q->task : "",
                          q->library != NULL ? "=" : "-", q->library != NULL ? q->library : "",
                          q->country != NULL ? "=" : "-", q->country != NULL ? q->country : "",
                          q->org_type != NULL ? "=" : "-", q->org_type != NULL ? q->org_type : "",
                          q->relation, q->created_from, q->created_to, q->min_params, q->max_params,
                          q->exclude);
}

/* Accounts that joined the series in each period (NULL when none joined
 * after the first): what the chart marks. */
static guint *
joins_per_period (HubDataset            *dataset,
                  const HubObservations *obs,
                  const guint32         *index,
                  guint                  n_periods)
{
  const HubPanel *panel = hub_observations_get_panel ((HubObservations *) obs, dataset);
  guint *joins;

  if (!hub_panel_grows (panel) || n_periods == 0)
    return NULL;
  joins = g_new0 (guint, n_periods);
  for (guint g = 1; g < obs->n_groups; g++)
    if (index[g] != index[0])
      joins[index[g]] += panel->joined[g];
  return joins;
}

/* Names the first participants kept in each period (at most
 * HUB_SHARE_DETAIL_NAMES). */
static void
name_participants (const HubCategories *cats,
                   HubQueryBy           by,
                   HubShareResult      *res)
{
  for (guint p = 0; p < res->n_periods; p++)
    {
      HubShareParticipants *kept = &res->kept[p];
      guint n = MIN (kept->n, HUB_SHARE_DETAIL_NAMES);

      if (kept->category == NULL)
        continue;
      kept->names = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        kept->names[i] = g_strdup (hub_category_name (by, cats->labels[kept->category[i]]));
    }
}

static HubShareResult *
share_run (HubDataset            *dataset,
           const HubObservations *observations,
           const HubQuery        *query,
           const guint32         *roots,
           gboolean               collapse,
           const HubShareExtras  *extras,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(HubObservations) cohort = NULL;
  g_autofree guint32 *group_period = NULL;
  g_autofree guint32 *panel_category = NULL;
  g_autofree guint *period_joins = NULL;
  g_autofree PeriodKey *keys = NULL;
  g_auto(GStrv) period_labels = NULL;
  g_autofree gint64 *period_starts = NULL;
  g_autofree char *cats_key = NULL;
  g_autofree char *inner_key = NULL;
  g_autofree char *roots_key = NULL;
  g_autofree char *key = NULL;
  Cached cached_cats = { 0 }, cached_inner = { 0 }, cached_roots = { 0 };
  Cached cached_credit = { 0 }, cached_created = { 0 };
  const HubCategories *cats;
  const HubCategories *inner = NULL;
  const guint32 *category;
  const guint32 *inner_category;
  const gint64 *created;
  const Credit *credit;
  CreditArgs args;
  const HubObservations *obs = observations;
  HubShareInput in = { 0 };
  HubShareResult *res = NULL;
  guint n_models, n_periods = 0;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (observations != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query->by == HUB_QUERY_BY_LANGUAGE || query->within == HUB_QUERY_BY_LANGUAGE)
    {
      g_autoptr(HubCategories) none = hub_categories_new (dataset, HUB_QUERY_BY_LANGUAGE, FALSE, error);
      return NULL;
    }

  n_models = dataset->n_models;
  cats_key = g_strdup_printf ("categories:%d:%d", query->by, query->individuals);
  cats = cached_get (&cached_cats, dataset, cats_key, build_categories,
                     GUINT_TO_POINTER (query->by | (query->individuals << 8)), (GDestroyNotify) hub_categories_free);
  if (cats == NULL)
    goto out;
  if (query->within != HUB_QUERY_BY_NONE)
    {
      inner_key = g_strdup_printf ("categories:%d:%d", query->within, query->individuals);
      inner = cached_get (&cached_inner, dataset, inner_key, build_categories,
                          GUINT_TO_POINTER (query->within | (query->individuals << 8)),
                          (GDestroyNotify) hub_categories_free);
      if (inner == NULL)
        goto out;
      if ((guint64) cats->n_categories * inner->n_categories >= G_MAXUINT32 - 1)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Too many combinations of “%s” within “%s”"),
                       hub_query_by_to_string (query->within), hub_query_by_to_string (query->by));
          goto out;
        }
    }
  /* @roots, when given, is hub_dataset_compute_roots() of @dataset: the
   * same array as the cached one (and, as always, credits the roots). */
  if (query->attribution == HUB_QUERY_ATTRIBUTION_ROOT && roots == NULL)
    {
      guint flags = (query->missing_parent_own ? ROOTS_MISSING_OWN : 0) |
                    (query->parent_order_card ? ROOTS_CARD_ORDER : 0);

      roots_key = g_strdup_printf ("roots:%u", flags);
      roots = cached_get (&cached_roots, dataset, roots_key, build_roots, GUINT_TO_POINTER (flags), g_free);
    }

  args = (CreditArgs) { query, cats, inner, roots };
  key = credit_key (query, roots != NULL);
  credit = cached_get (&cached_credit, dataset, key, build_credit, &args, (GDestroyNotify) credit_free);
  category = credit->category;
  inner_category = credit->inner_category;
  created = cached_get (&cached_created, dataset, "created", build_created, NULL, g_free);

  /* A constant panel: only the models of authors observed in every
   * snapshot of the series count. */
  if (query->constant_panel)
    {
      const HubPanel *panel = hub_observations_get_panel ((HubObservations *) observations, dataset);

      panel_category = g_new (guint32, MAX (n_models, 1));
      for (guint m = 0; m < n_models; m++)
        panel_category[m] = panel->constant[dataset->models[m].author] ? category[m] : HUB_SHARE_SKIP;
      category = panel_category;
    }

  if (collapse)
    {
      /* One period: the last snapshot (stocks) or all of them (flows). */
      n_periods = obs->n_groups > 0 ? 1 : 0;
      group_period = g_new (guint32, MAX (obs->n_groups, 1));
      for (guint g = 0; g < obs->n_groups; g++)
        group_period[g] = is_flow (query->measure) || g + 1 == obs->n_groups ? 0 : HUB_SHARE_SKIP;
      period_labels = g_new0 (char *, n_periods + 1);
      period_starts = g_new (gint64, 1);
      if (n_periods > 0)
        {
          guint first = is_flow (query->measure) ? 0 : obs->n_groups - 1;
          period_starts[0] = obs->group_time[first];
          period_labels[0] = period_label (HUB_QUERY_AXIS_SNAPSHOT, obs->group_time[obs->n_groups - 1]);
        }
      in.window_days = query->window_days;
    }
  else if (query->axis == HUB_QUERY_AXIS_COHORT)
    {
      guint32 np = 0;

      cohort = regroup_by_cohort (dataset, observations, query, category, &np, &period_labels, &period_starts);
      obs = cohort;
      n_periods = np;
      group_period = g_new (guint32, MAX (n_periods, 1));
      for (guint p = 0; p < n_periods; p++)
        group_period[p] = p;
      in.window_days = 0;
    }
  else
    {
      g_autofree guint32 *index = NULL;

      keys = g_new (PeriodKey, MAX (obs->n_groups, 1));
      index = g_new (guint32, MAX (obs->n_groups, 1));
      for (guint g = 0; g < obs->n_groups; g++)
        keys[g].key = period_key (query->axis, obs->group_time[g], &keys[g].start);
      n_periods = make_periods (query->axis, keys, obs->n_groups, index, &period_labels, &period_starts);
      period_joins = joins_per_period (dataset, obs, index, n_periods);
      group_period = g_new (guint32, MAX (obs->n_groups, 1));
      for (guint g = 0; g < obs->n_groups; g++)
        {
          group_period[g] = index[g];
          /* A stock takes the last snapshot of each period. */
          if (!is_flow (query->measure) && g + 1 < obs->n_groups && index[g + 1] == index[g])
            group_period[g] = HUB_SHARE_SKIP;
        }
      in.window_days = query->window_days;
    }

  in.n_models = n_models;
  in.category = category;
  in.inner_category = inner_category;
  in.created_at = created;
  in.n_categories = cats->n_categories;
  in.unknown_category = cats->unknown;
  in.n_inner_categories = inner != NULL ? inner->n_categories : 0;
  in.inner_unknown_category = inner != NULL ? inner->unknown : HUB_SHARE_SKIP;
  in.n_groups = obs->n_groups;
  in.offsets = obs->offsets;
  in.model = obs->model;
  in.value32 = obs->value32;
  in.value64 = obs->value64;
  in.group_time = obs->group_time;
  in.group_period = group_period;
  in.n_periods = n_periods;
  in.top = query->top;
  /* On the cohort axis a stock's periods already split its last snapshot. */
  in.rank_by_last = hub_share_top_by_last (query) && query->axis != HUB_QUERY_AXIS_COHORT;

  if (extras != NULL)
    {
      in.detail = extras->detail;
      in.detail_period = extras->detail_period < 0 || (guint) extras->detail_period >= n_periods
                         ? (n_periods > 0 ? n_periods - 1 : 0) : (guint) extras->detail_period;
      if (extras->detail_label != NULL)
        {
          in.detail_period = n_periods;
          for (guint p = 0; p < n_periods; p++)
            if (g_strcmp0 (period_labels[p], extras->detail_label) == 0)
              in.detail_period = p;
          if (in.detail_period == n_periods)
            {
              if (n_periods == 0)
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No period “%s”: the query has none"),
                             extras->detail_label);
              else
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("No period “%s”: the query’s run from %s to %s"), extras->detail_label,
                             period_labels[0], period_labels[n_periods - 1]);
              goto out;
            }
        }
      in.bootstrap_draws = extras->bootstrap_draws;
      in.bootstrap_seed = extras->bootstrap_seed;
    }

  res = hub_share_compute (&in, cancellable);
  if (res == NULL)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      goto out;
    }
  res->period_labels = g_steal_pointer (&period_labels);
  res->period_starts = g_steal_pointer (&period_starts);
  res->period_joins = g_steal_pointer (&period_joins);
  res->column_labels = column_labels (cats, res->n_columns, res->column_category, res->column_kind);
  res->column_names = column_names (query->by, res->column_labels, res->column_kind);
  if (res->kept != NULL)
    name_participants (cats, query->by, res);
  if (inner != NULL)
    {
      res->inner_column_labels = column_labels (inner, res->n_inner_columns,
                                                res->inner_column_category, res->inner_column_kind);
      res->inner_column_names = column_names (query->within, res->inner_column_labels, res->inner_column_kind);
    }
out:
  cached_clear (&cached_created);
  cached_clear (&cached_credit);
  cached_clear (&cached_roots);
  cached_clear (&cached_inner);
  cached_clear (&cached_cats);
  return res;
}

HubShareResult *
hub_share_run (HubDataset            *dataset,
               const HubObservations *observations,
               const HubQuery        *query,
               const guint32         *roots,
               GCancellable          *cancellable,
               GError               **error)
{
  return share_run (dataset, observations, query, roots, FALSE, NULL, cancellable, error);
}

HubShareResult *
hub_share_run_extras (HubDataset            *dataset,
                      const HubObservations *observations,
                      const HubQuery        *query,
                      const HubShareExtras  *extras,
                      GCancellable          *cancellable,
                      GError               **error)
{
  return share_run (dataset, observations, query, NULL, FALSE, extras, cancellable, error);
}

gboolean
hub_share_top_by_last (const HubQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);
  return !is_flow (query->measure);
}

const char *
hub_share_top_rule_name (const HubQuery *query)
{
  return hub_share_top_by_last (query) ? "last-snapshot" : "sum-over-range";
}

HubShareResult *
hub_share_run_total (HubDataset            *dataset,
                     const HubObservations *observations,
                     const HubQuery        *query,
                     const guint32         *roots,
                     GCancellable          *cancellable,
                     GError               **error)
{
  return share_run (dataset, observations, query, roots, TRUE, NULL, cancellable, error);
}
