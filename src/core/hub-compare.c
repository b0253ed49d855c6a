/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-analytics"

#include "config.h"

#include "hub-compare.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define DAY 86400

static const char * const measure_names[HUB_N_COMPARE_MEASURES] = { "cumulative", "downloads", "likes" };
static const char * const align_names[HUB_N_COMPARE_ALIGNS] = { "calendar", "release" };
static const char * const baseline_names[HUB_N_COMPARE_BASELINES] = { "median", "rank" };
static const char * const part_names[HUB_N_FAMILY_PARTS] = {
  "root", "finetune", "adapter", "quantized", "merge", "other",
};

static gboolean
lookup (const char * const *names,
        guint               n,
        const char         *str,
        guint              *out)
{
  for (guint i = 0; str != NULL && i < n; i++)
    if (strcmp (names[i], str) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hub_compare_measure_to_string (HubCompareMeasure measure)
{
  g_return_val_if_fail (measure < HUB_N_COMPARE_MEASURES, "downloads");
  return measure_names[measure];
}

gboolean
hub_compare_measure_from_string (const char        *str,
                                 HubCompareMeasure *out)
{
  guint i;

  if (!lookup (measure_names, HUB_N_COMPARE_MEASURES, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
hub_compare_measure_label (HubCompareMeasure measure)
{
  switch (measure)
    {
    case HUB_COMPARE_CUMULATIVE:
      return _("Cumulative downloads");
    case HUB_COMPARE_LIKES:
      return _("Likes");
    case HUB_COMPARE_DOWNLOADS:
    case HUB_N_COMPARE_MEASURES:
    default:
      return _("Downloads (30 days)");
    }
}

const char *
hub_compare_align_to_string (HubCompareAlign align)
{
  g_return_val_if_fail (align < HUB_N_COMPARE_ALIGNS, "release");
  return align_names[align];
}

gboolean
hub_compare_align_from_string (const char      *str,
                               HubCompareAlign *out)
{
  guint i;

  if (!lookup (align_names, HUB_N_COMPARE_ALIGNS, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
hub_compare_baseline_to_string (HubCompareBaseline baseline)
{
  g_return_val_if_fail (baseline < HUB_N_COMPARE_BASELINES, "median");
  return baseline_names[baseline];
}

gboolean
hub_compare_baseline_from_string (const char         *str,
                                  HubCompareBaseline *out)
{
  guint i;

  if (!lookup (baseline_names, HUB_N_COMPARE_BASELINES, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
hub_family_part_to_string (HubFamilyPart part)
{
  g_return_val_if_fail (part < HUB_N_FAMILY_PARTS, "other");
  return part_names[part];
}

const char *
hub_family_part_label (HubFamilyPart part)
{
  switch (part)
    {
    case HUB_FAMILY_PART_ROOT:
      return _("The base model itself");
    case HUB_FAMILY_PART_FINETUNE:
      return _("Fine-tunes");
    case HUB_FAMILY_PART_ADAPTER:
      return _("Adapters");
    case HUB_FAMILY_PART_QUANTIZED:
      return _("Quantizations");
    case HUB_FAMILY_PART_MERGE:
      return _("Merges");
    case HUB_FAMILY_PART_OTHER:
    case HUB_N_FAMILY_PARTS:
    default:
      return _("Other derivatives");
    }
}

void
hub_compare_options_init (HubCompareOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (HubCompareOptions) {
    .subjects = NULL,
    .measure = HUB_COMPARE_DOWNLOADS,
    .align = HUB_COMPARE_ALIGN_RELEASE,
    .baseline = HUB_COMPARE_BASELINE_MEDIAN,
    .rank = HUB_COMPARE_BASELINE_TOP,
    .all_tasks = FALSE,
    .day = -1,
  };
}

static void
curve_free (gpointer data)
{
  HubCompareCurve *curve = data;

  g_free (curve->subject);
  g_free (curve->id);
  g_clear_pointer (&curve->points, g_array_unref);
  g_free (curve);
}

void
hub_compare_result_free (HubCompareResult *result)
{
  if (result == NULL)
    return;
  g_free (result->series);
  g_clear_pointer (&result->curves, g_ptr_array_unref);
  g_clear_pointer (&result->unknown, g_ptr_array_unref);
  g_clear_pointer (&result->dataset, hub_dataset_unref);
  g_free (result);
}

gboolean
hub_compare_subjects_check (const char * const  *subjects,
                            GError             **error)
{
  guint n = subjects != NULL ? g_strv_length ((char **) subjects) : 0;

  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Nothing to compare: give a model or a family"));
      return FALSE;
    }
  if (n > HUB_COMPARE_MAX_SUBJECTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("At most %u models or families can be compared at once (%u given)"),
                   HUB_COMPARE_MAX_SUBJECTS, n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *id = subjects[i];

      if (g_str_has_prefix (id, HUB_COMPARE_FAMILY_PREFIX))
        id += strlen (HUB_COMPARE_FAMILY_PREFIX);
      if (*id == '\0')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("An empty model id cannot be compared"));
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (subjects[i], subjects[j]) == 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is given twice"), subjects[i]);
            return FALSE;
          }
    }
  return TRUE;
}

/* ---- Values per snapshot ---------------------------------------------------- */

/* The release of @record, or HUB_TIME_NONE when unknown (or the floor). */
static gint64
release_of (const HubModelRecord *record)
{
  return record->created_at == HUB_TIME_NONE || record->created_at <= HUB_CREATED_AT_FLOOR
         ? HUB_TIME_NONE : record->created_at;
}

/* The peers' top values in one (size class, task, day step): the largest
 * k + 1 seen (one more, so that a subject can be left out of its own
 * baseline), each unit once, in descending order. */
typedef struct {
  guint    n;
  guint    n_seen;
  guint32 *units;
  double  *values;
} Top;

static void
top_free (gpointer data)
{
  Top *top = data;

  g_free (top->units);
  g_free (top->values);
  g_free (top);
}

static void
top_add (Top     *top,
         guint    k,
         guint32  unit,
         double   value)
{
  guint i;

  for (i = 0; i < top->n; i++)
    if (top->units[i] == unit)
      {
        if (value <= top->values[i])
          return;
        /* Its value grew within the step: take it out and place it again. */
        memmove (top->units + i, top->units + i + 1, (top->n - i - 1) * sizeof (guint32));
        memmove (top->values + i, top->values + i + 1, (top->n - i - 1) * sizeof (double));
        top->n--;
        top->n_seen--;
        break;
      }
  top->n_seen++;
  if (top->n == k && value <= top->values[k - 1])
    return;
  if (top->n < k)
    top->n++;
  for (i = top->n - 1; i > 0 && top->values[i - 1] < value; i--)
    {
      top->values[i] = top->values[i - 1];
      top->units[i] = top->units[i - 1];
    }
  top->values[i] = value;
  top->units[i] = unit;
}

/* The baseline of @top without @self (a subject is not its own peer),
 * NAN when too few peers; @out_n: the peers it is taken over. */
static double
top_baseline (const Top          *top,
              HubCompareBaseline  baseline,
              guint               k,
              guint32             self,
              guint              *out_n)
{
  double values[HUB_COMPARE_BASELINE_TOP];
  guint n = 0;

  *out_n = 0;
  if (top == NULL)
    return NAN;
  if (baseline == HUB_COMPARE_BASELINE_RANK)
    {
      for (guint i = 0; i < top->n; i++)
        if (top->units[i] != self && ++n == k)
          {
            *out_n = k;
            return top->values[i];
          }
      return NAN;
    }
  for (guint i = 0; i < top->n && n < HUB_COMPARE_BASELINE_TOP; i++)
    if (top->units[i] != self)
      values[n++] = top->values[i];
  *out_n = n;
  if (n == 0)
    return NAN;
  /* The median of the top (of those there are, when fewer). */
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static gpointer
top_key (guint size_class,
         guint task,
         gint64 step)
{
  return GSIZE_TO_POINTER (((gsize) step << 20 | (gsize) size_class << 16 | task) + 1);
}

/* Where a value came from (HubCompareSource of its curve). */
#define FROM_TOTALS 1
#define FROM_YOUNG  2

typedef struct {
  guint32 unit;
  guint32 from;    /* FROM_* bits */
  double  value;   /* NAN: observed, value unknown */
} UnitValue;

typedef struct {
  HubDataset              *dataset;
  const guint32           *roots;
  const HubObservations   *downloads;
  const HubObservations   *totals;
  const HubCompareOptions *options;
  const guint8            *mask;
  guint                    k;
  int                      step_days;
  gboolean                 need_families;
  GHashTable              *model_tops;    /* key → Top */
  GHashTable              *family_tops;
  /* scratch for the families of one snapshot */
  double                  *family_sum;
  guint32                 *family_from;
  guint8                  *family_seen;
  GArray                  *touched;       /* guint32 roots */
} Pass;

/* Whether @unit is a peer, and its key's parts. */
static gboolean
peer_key (const Pass *pass,
          guint32     unit,
          gint64      t,
          gpointer   *out_key)
{
  const HubModelRecord *r = hub_dataset_get_model (pass->dataset, unit);
  gint64 release = release_of (r);
  gint64 day;

  if (release == HUB_TIME_NONE || r->parameters <= 0 || t < release ||
      (pass->mask != NULL && !pass->mask[unit]))
    return FALSE;
  day = (t - release) / DAY;
  *out_key = top_key (hub_size_bucket_for ((double) r->parameters),
                      pass->options->all_tasks ? 0 : r->task, day / pass->step_days);
  return TRUE;
}

static void
add_peer (Pass       *pass,
          GHashTable *tops,
          guint32     unit,
          double      value,
          gint64      t)
{
  gpointer key;
  Top *top;

  if (!isfinite (value) || !peer_key (pass, unit, t, &key))
    return;
  top = g_hash_table_lookup (tops, key);
  if (top == NULL)
    {
      top = g_new0 (Top, 1);
      top->units = g_new (guint32, pass->k + 1);
      top->values = g_new (double, pass->k + 1);
      g_hash_table_insert (tops, key, top);
    }
  top_add (top, pass->k + 1, unit, value);
}

/* The models' values in group @g (ascending by model): the measure as
 * observed, or cumulative downloads by the rule of HUB_COMPARE_CUMULATIVE. */
static void
model_values (const Pass *pass,
              guint       g,
              GArray     *out)
{
  const HubObservations *d = pass->downloads;
  const HubObservations *a = pass->totals;
  gint64 t = d->group_time[g];
  guint64 i = d->offsets[g], i_end = d->offsets[g + 1];
  guint64 j = 0, j_end = 0;

  g_array_set_size (out, 0);
  if (pass->options->measure != HUB_COMPARE_CUMULATIVE)
    {
      for (; i < i_end; i++)
        g_array_append_val (out, ((UnitValue) { d->model[i], 0, (double) hub_observations_value (d, i) }));
      return;
    }
  /* Both observations come from the same complete snapshots. */
  if (a != NULL && g < a->n_groups && a->group_time[g] == t)
    {
      j = a->offsets[g];
      j_end = a->offsets[g + 1];
    }
  while (i < i_end || j < j_end)
    {
      guint32 mi = i < i_end ? d->model[i] : G_MAXUINT32;
      guint32 mj = j < j_end ? a->model[j] : G_MAXUINT32;

      if (mj <= mi)
        {
          g_array_append_val (out, ((UnitValue) { mj, FROM_TOTALS, (double) hub_observations_value (a, j) }));
          j++;
          if (mi == mj)
            i++;
        }
      else
        {
          gint64 release = release_of (hub_dataset_get_model (pass->dataset, mi));
          gboolean young = release != HUB_TIME_NONE && t >= release && t - release < HUB_COMPARE_YOUNG_DAYS * DAY;

          g_array_append_val (out, ((UnitValue) { mi, young ? FROM_YOUNG : 0, young ? (double) hub_observations_value (d, i) : NAN }));
          i++;
        }
    }
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  guint32 x = ((const UnitValue *) a)->unit, y = ((const UnitValue *) b)->unit;

  return x < y ? -1 : x > y;
}

/* The value of @unit in @values (sorted), or NULL when not observed. */
static const UnitValue *
find_value (const GArray *values,
            guint32       unit)
{
  guint lo = 0, hi = values->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint32 u = g_array_index (values, UnitValue, mid).unit;

      if (u == unit)
        return &g_array_index (values, UnitValue, mid);
      if (u < unit)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* The families' values from the models': a family's is the sum of its
 * members observed, unknown when one of them is. */
static void
family_values (Pass         *pass,
               const GArray *models,
               GArray       *out)
{
  g_array_set_size (out, 0);
  g_array_set_size (pass->touched, 0);
  for (guint i = 0; i < models->len; i++)
    {
      const UnitValue *v = &g_array_index (models, UnitValue, i);
      guint32 root = pass->roots[v->unit];

      if (!pass->family_seen[root])
        {
          pass->family_seen[root] = 1;
          pass->family_sum[root] = 0;
          pass->family_from[root] = 0;
          g_array_append_val (pass->touched, root);
        }
      pass->family_sum[root] += v->value;
      pass->family_from[root] |= v->from;
    }
  for (guint i = 0; i < pass->touched->len; i++)
    {
      guint32 root = g_array_index (pass->touched, guint32, i);

      g_array_append_val (out, ((UnitValue) { root, pass->family_from[root], pass->family_sum[root] }));
      pass->family_seen[root] = 0;
    }
  g_array_sort (out, compare_units);
}

/* ---- The curves ----------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The usual spacing of @observations' snapshots in whole days (at least 1):
 * the median gap. */
static int
step_days (const HubObservations *observations)
{
  g_autofree double *gaps = NULL;
  guint n = 0;

  if (observations->n_groups < 2)
    return 1;
  gaps = g_new (double, observations->n_groups - 1);
  for (guint g = 1; g < observations->n_groups; g++)
    gaps[n++] = (double) (observations->group_time[g] - observations->group_time[g - 1]) / DAY;
  g_qsort_with_data (gaps, n, sizeof (double), compare_doubles, NULL);
  return MAX (1, (int) lround (gaps[n / 2]));
}

/* What one subject collects over the pass. */
typedef struct {
  HubCompareCurve *curve;
  double          *values;    /* per group; NAN: not observed or unknown */
  guint8          *observed;
  guint32         *from;
  gint             first;
  gint             last;
} Track;

static HubCompareCurve *
curve_new (HubDataset    *dataset,
           const guint32 *roots,
           const char    *subject,
           gboolean       all_tasks)
{
  HubCompareCurve *curve = g_new0 (HubCompareCurve, 1);
  const HubModelRecord *r;
  const char *id = subject;

  curve->subject = g_strdup (subject);
  curve->family = g_str_has_prefix (subject, HUB_COMPARE_FAMILY_PREFIX);
  if (curve->family)
    id += strlen (HUB_COMPARE_FAMILY_PREFIX);
  curve->model = hub_dataset_find_model (dataset, id);
  curve->score = NAN;
  curve->score_value = NAN;
  curve->score_baseline = NAN;
  curve->score_day = -1;
  curve->size_class = HUB_N_SIZE_BUCKETS;
  curve->created_at = HUB_TIME_NONE;
  curve->points = g_array_new (FALSE, FALSE, sizeof (HubComparePoint));
  curve->source = HUB_COMPARE_SOURCE_NONE;
  if (curve->model < 0)
    {
      curve->id = g_strdup (id);
      return curve;
    }
  /* A family is its root's, whichever member names it. */
  if (curve->family)
    curve->model = (gint32) roots[curve->model];
  r = hub_dataset_get_model (dataset, curve->model);
  curve->id = g_strdup (r->id);
  curve->n_members = 1;
  curve->created_at = r->created_at;
  curve->release_unknown = release_of (r) == HUB_TIME_NONE;
  if (r->parameters > 0)
    {
      curve->size_class = hub_size_bucket_for ((double) r->parameters);
      curve->size_estimated = r->parameters_source == HUB_PARAM_SOURCE_ESTIMATED;
    }
  if (!all_tasks && r->task != 0)
    curve->task = hub_dataset_get_task (dataset, r->task)->id;
  return curve;
}

/* The points of @track from its first to its last observation, with
 * their baselines, and the score. */
static void
finish_curve (const Pass              *pass,
              const HubCompareOptions *options,
              Track                   *track)
{
  HubCompareCurve *curve = track->curve;
  const HubObservations *d = pass->downloads;
  GHashTable *tops = curve->family ? pass->family_tops : pass->model_tops;
  gint64 release = release_of (hub_dataset_get_model (pass->dataset, curve->model));
  guint32 from = 0;
  gint score_point = -1;

  for (gint g = track->first; track->first >= 0 && g <= track->last; g++)
    {
      HubComparePoint p = { d->group_time[g], NAN, track->values[g], NAN, NAN };

      if (release != HUB_TIME_NONE && p.time >= release)
        {
          gint64 day = (p.time - release) / DAY;

          p.day = (double) (p.time - release) / DAY;
          if (curve->size_class != HUB_N_SIZE_BUCKETS)
            {
              const HubModelRecord *r = hub_dataset_get_model (pass->dataset, curve->model);
              const Top *top = g_hash_table_lookup (tops, top_key (curve->size_class, options->all_tasks ? 0 : r->task,
                                                                    day / pass->step_days));

              guint n;

              p.baseline = top_baseline (top, options->baseline, pass->k, (guint32) curve->model, &n);
              if (isfinite (p.value) && p.baseline > 0)
                p.relative = p.value / p.baseline;
              if (isfinite (p.relative) &&
                  (options->day < 0 || day / pass->step_days == options->day / pass->step_days))
                {
                  score_point = (gint) curve->points->len;
                  curve->baseline_n = n;
                }
            }
        }
      if (track->observed[g] && isfinite (p.value))
        from |= track->from[g] != 0 ? track->from[g] : 4;
      g_array_append_val (curve->points, p);
    }

  if (options->measure != HUB_COMPARE_CUMULATIVE)
    curve->source = from != 0 ? HUB_COMPARE_SOURCE_OBSERVED : HUB_COMPARE_SOURCE_NONE;
  else
    curve->source = from == FROM_TOTALS ? HUB_COMPARE_SOURCE_ALL_TIME
                    : from == FROM_YOUNG ? HUB_COMPARE_SOURCE_YOUNG
                    : from == 0 ? HUB_COMPARE_SOURCE_NONE : HUB_COMPARE_SOURCE_MIXED;

  if (score_point >= 0)
    {
      const HubComparePoint *p = &g_array_index (curve->points, HubComparePoint, score_point);

      curve->score = p->relative;
      curve->score_value = p->value;
      curve->score_baseline = p->baseline;
      curve->score_day = (int) floor (p->day);
    }
}

HubCompareResult *
hub_compare_compute (HubDataset               *dataset,
                     const guint32            *roots,
                     const HubObservations    *downloads,
                     const HubObservations    *totals,
                     const HubQuery           *query,
                     const HubCompareOptions  *options,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  g_autoptr(HubCompareResult) result = NULL;
  g_autofree guint8 *mask = NULL;
  g_autoptr(GArray) tracks = g_array_new (FALSE, TRUE, sizeof (Track));
  g_autoptr(GArray) models = g_array_new (FALSE, FALSE, sizeof (UnitValue));
  g_autoptr(GArray) families = g_array_new (FALSE, FALSE, sizeof (UnitValue));
  gboolean need_models = FALSE;
  guint n_models, n_groups;
  Pass pass = { 0 };

  g_return_val_if_fail (dataset != NULL && roots != NULL && downloads != NULL, NULL);
  g_return_val_if_fail (query != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->measure < HUB_N_COMPARE_MEASURES && options->align < HUB_N_COMPARE_ALIGNS, NULL);

  if (!hub_compare_subjects_check (options->subjects, error))
    return NULL;
  if (options->baseline == HUB_COMPARE_BASELINE_RANK && options->rank == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The baseline’s rank must be 1 or more"));
      return NULL;
    }

  n_models = hub_dataset_get_n_models (dataset);
  n_groups = downloads->n_groups;
  result = g_new0 (HubCompareResult, 1);
  result->series = g_strdup (downloads->series);
  result->measure = options->measure;
  result->align = options->align;
  result->baseline = options->baseline;
  result->rank = options->baseline == HUB_COMPARE_BASELINE_RANK ? options->rank : HUB_COMPARE_BASELINE_TOP;
  result->all_tasks = options->all_tasks;
  result->day = options->day;
  result->curves = g_ptr_array_new_with_free_func (curve_free);
  result->unknown = g_ptr_array_new_with_free_func (g_free);
  result->dataset = hub_dataset_ref (dataset);

  for (guint i = 0; options->subjects[i] != NULL; i++)
    {
      HubCompareCurve *curve = curve_new (dataset, roots, options->subjects[i], options->all_tasks);
      Track track = { curve, NULL, NULL, NULL, -1, -1 };

      g_ptr_array_add (result->curves, curve);
      if (curve->model < 0)
        {
          g_ptr_array_add (result->unknown, g_strdup (options->subjects[i]));
          continue;
        }
      track.values = g_new (double, MAX (n_groups, 1));
      track.observed = g_new0 (guint8, MAX (n_groups, 1));
      track.from = g_new0 (guint32, MAX (n_groups, 1));
      for (guint g = 0; g < n_groups; g++)
        track.values[g] = NAN;
      g_array_append_val (tracks, track);
      pass.need_families |= curve->family;
      need_models |= !curve->family;
    }
  for (guint i = 0; pass.need_families && i < tracks->len; i++)
    {
      HubCompareCurve *curve = g_array_index (tracks, Track, i).curve;

      if (curve->family)
        {
          curve->n_members = 0;
          for (guint m = 0; m < n_models; m++)
            curve->n_members += roots[m] == (guint32) curve->model;
        }
    }

  mask = hub_query_model_mask (query, dataset);
  pass.dataset = dataset;
  pass.roots = roots;
  pass.downloads = downloads;
  pass.totals = options->measure == HUB_COMPARE_CUMULATIVE ? totals : NULL;
  pass.options = options;
  pass.mask = mask;
  pass.k = result->rank;
  pass.step_days = result->step_days = step_days (downloads);
  pass.model_tops = g_hash_table_new_full (NULL, NULL, NULL, top_free);
  pass.family_tops = g_hash_table_new_full (NULL, NULL, NULL, top_free);
  pass.touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (pass.need_families)
    {
      pass.family_sum = g_new (double, MAX (n_models, 1));
      pass.family_from = g_new (guint32, MAX (n_models, 1));
      pass.family_seen = g_new0 (guint8, MAX (n_models, 1));
    }

  for (guint g = 0; g < n_groups && tracks->len > 0; g++)
    {
      gint64 t = downloads->group_time[g];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_pointer (&result, hub_compare_result_free);
          break;
        }
      model_values (&pass, g, models);
      for (guint i = 0; need_models && i < models->len; i++)
        add_peer (&pass, pass.model_tops, g_array_index (models, UnitValue, i).unit,
                  g_array_index (models, UnitValue, i).value, t);
      if (pass.need_families)
        {
          family_values (&pass, models, families);
          for (guint i = 0; i < families->len; i++)
            add_peer (&pass, pass.family_tops, g_array_index (families, UnitValue, i).unit,
                      g_array_index (families, UnitValue, i).value, t);
        }
      for (guint i = 0; i < tracks->len; i++)
        {
          Track *track = &g_array_index (tracks, Track, i);
          const UnitValue *v = find_value (track->curve->family ? families : models, (guint32) track->curve->model);

          if (v == NULL)
            continue;
          track->observed[g] = 1;
          track->values[g] = v->value;
          track->from[g] = v->from;
          if (track->first < 0)
            track->first = (gint) g;
          track->last = (gint) g;
        }
    }

  for (guint i = 0; result != NULL && i < tracks->len; i++)
    finish_curve (&pass, options, &g_array_index (tracks, Track, i));

  for (guint i = 0; i < tracks->len; i++)
    {
      Track *track = &g_array_index (tracks, Track, i);

      g_free (track->values);
      g_free (track->observed);
      g_free (track->from);
    }
  g_hash_table_unref (pass.model_tops);
  g_hash_table_unref (pass.family_tops);
  g_array_unref (pass.touched);
  g_free (pass.family_sum);
  g_free (pass.family_from);
  g_free (pass.family_seen);
  return g_steal_pointer (&result);
}

char *
hub_compare_result_settings (const HubCompareResult *result)
{
  g_autofree char *day = result->day < 0 ? g_strdup ("latest") : g_strdup_printf ("%d", result->day);

  return g_strdup_printf ("measure=%s;align=%s;baseline=%s;rank=%u;tasks=%s;day=%s;step_days=%d",
                          hub_compare_measure_to_string (result->measure),
                          hub_compare_align_to_string (result->align),
                          hub_compare_baseline_to_string (result->baseline), result->rank,
                          result->all_tasks ? "all" : "same", day, result->step_days);
}

gboolean
hub_compare_curve_is_drawn (const HubCompareResult *result,
                            const HubCompareCurve  *curve)
{
  return curve->model >= 0 && (result->align == HUB_COMPARE_ALIGN_CALENDAR || !curve->release_unknown);
}

double
hub_compare_point_x (const HubCompareResult *result,
                     const HubComparePoint  *point)
{
  return result->align == HUB_COMPARE_ALIGN_RELEASE ? point->day : (double) point->time;
}

const char *
hub_compare_source_label (HubCompareSource source)
{
  switch (source)
    {
    case HUB_COMPARE_SOURCE_ALL_TIME:
      return _("all-time totals");
    case HUB_COMPARE_SOURCE_YOUNG:
      return _("30-day downloads while under 30 days old");
    case HUB_COMPARE_SOURCE_MIXED:
      return _("all-time totals, and 30-day downloads while under 30 days old");
    case HUB_COMPARE_SOURCE_NONE:
      return _("no known value");
    case HUB_COMPARE_SOURCE_OBSERVED:
    default:
      return _("as observed");
    }
}

char *
hub_compare_curve_score_text (const HubCompareResult *result,
                              const HubCompareCurve  *curve)
{
  g_autofree char *peers = NULL;
  g_autofree char *base = NULL;
  const char *size;

  if (curve->model < 0)
    return g_strdup (_("not in the data"));
  if (curve->release_unknown)
    return g_strdup (_("no score: release date unknown"));
  if (curve->size_class == HUB_N_SIZE_BUCKETS)
    return g_strdup (_("no score: size unknown"));
  if (!isfinite (curve->score))
    return g_strdup (result->baseline == HUB_COMPARE_BASELINE_RANK
                     ? _("no score: fewer peers than the rank at every day")
                     : _("no score: no peers with a value at its days"));
  size = hub_size_bucket_label (curve->size_class);
  /* Translators: the peers a score compares with: "10B–100B text-generation models". */
  peers = curve->task != NULL
          ? g_strdup_printf (curve->family ? _("%s %s families") : _("%s %s models"), size, curve->task)
          : g_strdup_printf (curve->family ? _("%s families") : _("%s models"), size);
  if (result->baseline == HUB_COMPARE_BASELINE_RANK)
    /* Translators: "the 10th-ranked of 10B–100B models". */
    base = g_strdup_printf (_("the no. %u of %s"), result->rank, peers);
  else if (curve->baseline_n == 1)
    /* Translators: one peer with a value: "the only peer among 10B–100B models". */
    base = g_strdup_printf (_("the only peer among %s"), peers);
  else if (curve->baseline_n < HUB_COMPARE_BASELINE_TOP)
    /* Translators: fewer than 10 peers with a value: "the median of the top 4 among 10B–100B models". */
    base = g_strdup_printf (ngettext ("the median of the top %u among %s", "the median of the top %u among %s",
                                      curve->baseline_n), curve->baseline_n, peers);
  else
    base = g_strdup_printf (_("the top-%u median of %s"), HUB_COMPARE_BASELINE_TOP, peers);
  /* Translators: "1.8× the top-10 median of 10B–100B models at day 30" (× is a multiplication sign). */
  return g_strdup_printf (_("%.2g× %s at day %d%s"), curve->score, base, curve->score_day,
                          curve->size_estimated ? _(" (estimated size)") : "");
}

/* ---- The derivative economy ----------------------------------------------------- */

void
hub_family_split_free (HubFamilySplit *split)
{
  if (split == NULL)
    return;
  g_free (split->root_id);
  g_free (split->group_time);
  g_free (split->values);
  g_free (split->weeks);
  g_free (split->created);
  g_clear_pointer (&split->intermediaries, g_array_unref);
  g_free (split->series);
  g_free (split);
}

static HubFamilyPart
part_of (const HubModelRecord *r,
         gboolean              is_root)
{
  if (is_root)
    return HUB_FAMILY_PART_ROOT;
  switch (r->relation)
    {
    case HUB_RELATION_FINETUNE:
      return HUB_FAMILY_PART_FINETUNE;
    case HUB_RELATION_ADAPTER:
      return HUB_FAMILY_PART_ADAPTER;
    case HUB_RELATION_QUANTIZED:
      return HUB_FAMILY_PART_QUANTIZED;
    case HUB_RELATION_MERGE:
      return HUB_FAMILY_PART_MERGE;
    case HUB_RELATION_UNKNOWN:
    case HUB_RELATION_NONE:
    case HUB_N_RELATIONS:
    default:
      return HUB_FAMILY_PART_OTHER;
    }
}

/* Monday 00:00 UTC of the week holding @t. */
static gint64
week_of (gint64 t)
{
  gint64 days = t >= 0 ? t / DAY : -((-t + DAY - 1) / DAY);
  /* 1970-01-01 was a Thursday: Monday is 3 days before. */
  gint64 since_monday = ((days + 3) % 7 + 7) % 7;

  return (days - since_monday) * DAY;
}

static int
compare_intermediaries (gconstpointer a,
                        gconstpointer b)
{
  const HubFamilyIntermediary *x = a, *y = b;

  if (x->downloads != y->downloads)
    return x->downloads > y->downloads ? -1 : 1;
  if (x->n_models != y->n_models)
    return x->n_models > y->n_models ? -1 : 1;
  return x->author < y->author ? -1 : x->author > y->author;
}

HubFamilySplit *
hub_family_split_compute (HubDataset            *dataset,
                          const guint32         *roots,
                          const HubObservations *downloads,
                          guint32                model,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(HubFamilySplit) split = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GHashTable) authors = NULL;
  guint32 root;
  guint root_author;
  gint64 first_week = G_MAXINT64, last_week = G_MININT64;
  double total = 0;

  g_return_val_if_fail (dataset != NULL && roots != NULL && downloads != NULL, NULL);
  g_return_val_if_fail (model < hub_dataset_get_n_models (dataset), NULL);

  root = roots[model];
  root_author = hub_dataset_get_model (dataset, root)->author;
  split = g_new0 (HubFamilySplit, 1);
  split->root = root;
  split->root_id = g_strdup (hub_dataset_get_model (dataset, root)->id);
  split->series = g_strdup (downloads->series);
  split->intermediaries = g_array_new (FALSE, FALSE, sizeof (HubFamilyIntermediary));
  split->derivative_share = NAN;

  /* The members, ascending (the order of every snapshot's rows). */
  for (guint m = 0, n = hub_dataset_get_n_models (dataset); m < n; m++)
    if (roots[m] == root)
      {
        const HubModelRecord *r = hub_dataset_get_model (dataset, m);
        gint64 release = release_of (r);

        g_array_append_val (members, m);
        if (m != root && release != HUB_TIME_NONE)
          {
            first_week = MIN (first_week, week_of (release));
            last_week = MAX (last_week, week_of (release));
          }
      }
  split->n_members = members->len;

  /* Derivatives created per week, every week from the first to the last. */
  if (first_week <= last_week)
    {
      split->n_weeks = (guint) ((last_week - first_week) / (7 * DAY)) + 1;
      split->weeks = g_new (gint64, split->n_weeks);
      split->created = g_new0 (guint, split->n_weeks);
      for (guint w = 0; w < split->n_weeks; w++)
        split->weeks[w] = first_week + (gint64) w * 7 * DAY;
      for (guint i = 0; i < members->len; i++)
        {
          guint32 m = g_array_index (members, guint32, i);
          gint64 release = release_of (hub_dataset_get_model (dataset, m));

          if (m != root && release != HUB_TIME_NONE)
            split->created[(week_of (release) - first_week) / (7 * DAY)]++;
        }
    }

  /* Downloads by part per snapshot: a merge walk of the members and the
   * rows, both ascending. */
  split->n_groups = downloads->n_groups;
  split->group_time = g_memdup2 (downloads->group_time, sizeof (gint64) * MAX (downloads->n_groups, 1));
  split->values = g_new0 (guint64, (gsize) MAX (downloads->n_groups, 1) * HUB_N_FAMILY_PARTS);
  authors = g_hash_table_new (NULL, NULL);
  for (guint g = 0; g < downloads->n_groups; g++)
    {
      guint64 r = downloads->offsets[g], r_end = downloads->offsets[g + 1];
      guint64 *row = split->values + (gsize) g * HUB_N_FAMILY_PARTS;
      gboolean last = g + 1 == downloads->n_groups;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      for (guint i = 0; i < members->len && r < r_end; i++)
        {
          guint32 m = g_array_index (members, guint32, i);
          guint64 lo = r, hi = r_end;
          const HubModelRecord *rec;
          guint64 v;

          /* The first row at or after @m. */
          while (lo < hi)
            {
              guint64 mid = lo + (hi - lo) / 2;

              if (downloads->model[mid] < m)
                lo = mid + 1;
              else
                hi = mid;
            }
          r = lo;
          if (r >= r_end || downloads->model[r] != m)
            continue;
          rec = hub_dataset_get_model (dataset, m);
          v = hub_observations_value (downloads, r);
          row[part_of (rec, m == root)] += v;
          if (last && m != root && rec->author != root_author)
            {
              HubFamilyIntermediary *in;
              gpointer slot = g_hash_table_lookup (authors, GUINT_TO_POINTER (rec->author + 1));

              if (slot == NULL)
                {
                  g_array_append_val (split->intermediaries, ((HubFamilyIntermediary) { rec->author, 0, 0 }));
                  slot = GUINT_TO_POINTER (split->intermediaries->len);
                  g_hash_table_insert (authors, GUINT_TO_POINTER (rec->author + 1), slot);
                }
              in = &g_array_index (split->intermediaries, HubFamilyIntermediary, GPOINTER_TO_UINT (slot) - 1);
              in->downloads += v;
              in->n_models++;
            }
        }
    }
  g_array_sort (split->intermediaries, compare_intermediaries);
  if (split->intermediaries->len > 10)
    g_array_set_size (split->intermediaries, 10);

  for (guint p = 0; split->n_groups > 0 && p < HUB_N_FAMILY_PARTS; p++)
    total += (double) split->values[(gsize) (split->n_groups - 1) * HUB_N_FAMILY_PARTS + p];
  for (guint p = 0; p < HUB_N_FAMILY_PARTS; p++)
    split->part_share[p] = total > 0
                           ? split->values[(gsize) (split->n_groups - 1) * HUB_N_FAMILY_PARTS + p] / total : NAN;
  if (total > 0)
    split->derivative_share = 1.0 - split->part_share[HUB_FAMILY_PART_ROOT];
  return g_steal_pointer (&split);
}

HubShareResult *
hub_family_split_to_share (const HubFamilySplit *split)
{
  HubShareResult *res = g_new0 (HubShareResult, 1);
  guint parts[HUB_N_FAMILY_PARTS];
  guint n = 0, c = 0;

  g_return_val_if_fail (split != NULL, res);

  /* The parts with downloads. */
  for (guint p = 0; p < HUB_N_FAMILY_PARTS; p++)
    {
      guint64 total = 0;

      for (guint g = 0; g < split->n_groups; g++)
        total += split->values[(gsize) g * HUB_N_FAMILY_PARTS + p];
      if (total > 0)
        parts[c++] = p;
    }
  res->n_columns = c;
  res->column_category = g_new (guint32, MAX (c, 1));
  res->column_kind = g_new0 (HubShareColumnKind, MAX (c, 1));
  res->column_labels = g_new0 (char *, c + 1);
  res->column_names = g_new0 (char *, c + 1);
  res->column_totals = g_new0 (gint64, MAX (c, 1));
  for (guint k = 0; k < c; k++)
    {
      res->column_category[k] = parts[k];
      res->column_kind[k] = HUB_SHARE_COLUMN_CATEGORY;
      res->column_labels[k] = g_strdup (hub_family_part_label (parts[k]));
      res->column_names[k] = g_strdup (hub_family_part_label (parts[k]));
    }
  res->values = g_new0 (gint64, (gsize) MAX (split->n_groups, 1) * MAX (c, 1));
  res->totals = g_new0 (gint64, MAX (split->n_groups, 1));
  res->period_starts = g_new0 (gint64, MAX (split->n_groups, 1));
  res->period_labels = g_new0 (char *, split->n_groups + 1);
  for (guint g = 0; g < split->n_groups; g++)
    {
      const guint64 *row = split->values + (gsize) g * HUB_N_FAMILY_PARTS;
      gint64 total = 0;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (split->group_time[g]);

      for (guint k = 0; k < c; k++)
        total += (gint64) row[parts[k]];
      if (total <= 0)
        continue;
      for (guint k = 0; k < c; k++)
        {
          res->values[(gsize) n * c + k] = (gint64) row[parts[k]];
          res->column_totals[k] += (gint64) row[parts[k]];
        }
      res->totals[n] = total;
      res->period_starts[n] = split->group_time[g];
      res->period_labels[n] = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
      n++;
    }
  res->n_periods = n;
  res->hhi = g_new0 (double, MAX (n, 1));
  res->gini = g_new0 (double, MAX (n, 1));
  res->top1 = g_new0 (double, MAX (n, 1));
  res->top10 = g_new0 (double, MAX (n, 1));
  res->top100 = g_new0 (double, MAX (n, 1));
  res->participants = g_new0 (guint, MAX (n, 1));
  res->participant_totals = g_new0 (gint64, MAX (n, 1));
  return res;
}
