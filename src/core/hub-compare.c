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

  if (!hub_name_lookup (measure_names, HUB_N_COMPARE_MEASURES, str, &i))
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

  if (!hub_name_lookup (align_names, HUB_N_COMPARE_ALIGNS, str, &i))
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

  if (!hub_name_lookup (baseline_names, HUB_N_COMPARE_BASELINES, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
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

/* The peers' top values in one (size class, task, day step): the largest
 * k + 1 seen (one more, so that a subject can be left out of its own
 * baseline), each unit once, in descending order. */
typedef struct {
  guint   *n;
  guint32 *units;
  double  *values;
} Top;

static void
top_add (Top     *top,
         guint    k,
         guint32  unit,
         double   value)
{
  guint i, n = *top->n;

  /* Most values are not among the top: one comparison. (A unit already
   * there holds at least the smallest value, so it is not lost.) */
  if (n == k && value <= top->values[k - 1])
    return;
  for (i = 0; i < n; i++)
    if (top->units[i] == unit)
      {
        if (value <= top->values[i])
          return;
        /* Its value grew within the step: take it out and place it again. */
        memmove (top->units + i, top->units + i + 1, (n - i - 1) * sizeof (guint32));
        memmove (top->values + i, top->values + i + 1, (n - i - 1) * sizeof (double));
        n--;
        break;
      }
  if (n < k)
    n++;
  for (i = n - 1; i > 0 && top->values[i - 1] < value; i--)
    {
      top->values[i] = top->values[i - 1];
      top->units[i] = top->units[i - 1];
    }
  top->values[i] = value;
  top->units[i] = unit;
  *top->n = n;
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
      for (guint i = 0; i < *top->n; i++)
        if (top->units[i] != self && ++n == k)
          {
            *out_n = k;
            return top->values[i];
          }
      return NAN;
    }
  for (guint i = 0; i < *top->n && n < HUB_COMPARE_BASELINE_TOP; i++)
    if (top->units[i] != self)
      values[n++] = top->values[i];
  *out_n = n;
  if (n == 0)
    return NAN;
  /* The median of the top (of those there are, when fewer). */
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The peers of one kind (models, or families by their root): each peer's
 * group (size class × task) and release, and its top per (group, day
 * step), found through a dense index (a hash lookup per row costs more
 * than the rest of the pass). */
typedef struct {
  guint32   *group;          /* per unit; G_MAXUINT32: not a peer */
  gint64    *release;        /* per unit */
  guint      n_task_slots;
  gint64     first_release;
  gint64     n_steps;
  gsize      n_slots;
  gint32    *index;          /* slot → @tops, -1: none yet */
  double    *threshold;      /* slot → the value a peer must beat to enter its top (-1: any) */
  guint      cap;            /* entries per top: k + 1 */
  GArray    *top_n;          /* guint per top */
  GArray    *top_units;      /* guint32 × cap per top */
  GArray    *top_values;     /* double × cap per top */
} Peers;

static void
peers_clear (Peers *peers)
{
  g_clear_pointer (&peers->group, g_free);
  g_clear_pointer (&peers->release, g_free);
  g_clear_pointer (&peers->index, g_free);
  g_clear_pointer (&peers->threshold, g_free);
  g_clear_pointer (&peers->top_n, g_array_unref);
  g_clear_pointer (&peers->top_units, g_array_unref);
  g_clear_pointer (&peers->top_values, g_array_unref);
}

/* The group of a peer of size class @size_class and task @task. */
static guint32
peer_group (const Peers *peers,
            guint        size_class,
            guint16      task)
{
  return size_class * peers->n_task_slots + (peers->n_task_slots > 1 ? task : 0);
}

/* Top @id of @peers, as a view into its arrays (valid until a top is added). */
static Top
top_at (const Peers *peers,
        gint32       id)
{
  return (Top) { &g_array_index (peers->top_n, guint, id),
                 &g_array_index (peers->top_units, guint32, (gsize) id * peers->cap),
                 &g_array_index (peers->top_values, double, (gsize) id * peers->cap) };
}

/* The top of @group at @step into @out: FALSE when none, or out of range. */
static gboolean
peers_top (const Peers *peers,
           guint32      group,
           gint64       step,
           Top         *out)
{
  gsize slot;

  if (peers->index == NULL || step < 0 || step >= peers->n_steps)
    return FALSE;
  slot = (gsize) group * (gsize) peers->n_steps + (gsize) step;
  if (slot >= peers->n_slots || peers->index[slot] < 0)
    return FALSE;
  *out = top_at (peers, peers->index[slot]);
  return TRUE;
}

/* Where a value came from (HubCompareSource of its curve). */
#define FROM_TOTALS   1
#define FROM_YOUNG    2
#define FROM_OBSERVED 4    /* the measure as observed */

typedef struct {
  guint32 unit;
  guint32 from;    /* FROM_* bits */
  double  value;   /* NAN: observed, value unknown */
} UnitValue;

/* A family's sum in one snapshot (one cache line's worth, read at once). */
typedef struct {
  double  sum;
  guint32 from;
  guint32 seen;
} FamilySum;

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
  Peers                    models;
  Peers                    families;
  /* scratch for the families of one snapshot */
  FamilySum               *family;        /* per root */
  guint32                 *family_of;     /* per model: its root when its family counts, else G_MAXUINT32 */
  GArray                  *touched;       /* guint32 roots */
} Pass;

/* Empty tops for @peers' slots. */
static void
peers_init_tops (Peers *peers,
                 guint  cap)
{
  peers->cap = cap;
  peers->top_n = g_array_new (FALSE, TRUE, sizeof (guint));
  peers->top_units = g_array_new (FALSE, TRUE, sizeof (guint32));
  peers->top_values = g_array_new (FALSE, TRUE, sizeof (double));
  peers->index = g_new (gint32, MAX (peers->n_slots, 1));
  memset (peers->index, 0xff, sizeof (gint32) * MAX (peers->n_slots, 1));
  peers->threshold = g_new (double, MAX (peers->n_slots, 1));
  for (gsize i = 0; i < peers->n_slots; i++)
    peers->threshold[i] = -1;
}

/* Who can be a peer (of models, or with @families of families: roots
 * only) and the index for the series' time span. */
static void
peers_init (Pass    *pass,
            Peers   *peers,
            gboolean families)
{
  HubDataset *dataset = pass->dataset;
  guint n = hub_dataset_get_n_models (dataset);
  const HubObservations *d = pass->downloads;
  gint64 last = d->n_groups > 0 ? d->group_time[d->n_groups - 1] : 0;
  gsize n_groups;

  peers->n_task_slots = pass->options->all_tasks ? 1 : hub_dataset_get_n_tasks (dataset) + 1;
  peers->group = g_new (guint32, MAX (n, 1));
  peers->release = g_new (gint64, MAX (n, 1));
  peers->first_release = G_MAXINT64;
  for (guint m = 0; m < n; m++)
    {
      const HubModelRecord *r = hub_dataset_get_model (dataset, m);
      gint64 release = hub_model_release (r);

      peers->release[m] = release;
      peers->group[m] = G_MAXUINT32;
      if (release == HUB_TIME_NONE || r->parameters <= 0 || (families && pass->roots[m] != m) ||
          (pass->mask != NULL && !pass->mask[m]))
        continue;
      peers->group[m] = peer_group (peers, hub_size_bucket_for ((double) r->parameters), r->task);
      peers->first_release = MIN (peers->first_release, release);
    }
  if (peers->first_release == G_MAXINT64 || last < peers->first_release)
    return;
  peers->n_steps = (last - peers->first_release) / DAY / pass->step_days + 1;
  n_groups = (gsize) HUB_N_SIZE_BUCKETS * peers->n_task_slots;
  peers->n_slots = n_groups * (gsize) peers->n_steps;
  peers_init_tops (peers, pass->k + 1);
}

/* The day step of age @t - @release (≥ 0): whole days, pooled by the
 * series' spacing (a division by a constant is a multiplication; the
 * spacing is most often 1). */
static inline gint64
age_step (gint64 t,
          gint64 release,
          int    step_days)
{
  gint64 days = (t - release) / DAY;

  return step_days == 1 ? days : days / step_days;
}

/* @unit's @value into the top of @slot. */
static void
add_to_slot (Peers   *peers,
             gsize    slot,
             guint32  unit,
             double   value)
{
  gint32 id = peers->index[slot];
  Top top;

  /* Most values are not among their slot's top: one dense read. */
  if (value <= peers->threshold[slot])
    return;
  if (id < 0)
    {
      id = peers->index[slot] = (gint32) peers->top_n->len;
      g_array_set_size (peers->top_n, id + 1);
      g_array_set_size (peers->top_units, (gsize) (id + 1) * peers->cap);
      g_array_set_size (peers->top_values, (gsize) (id + 1) * peers->cap);
    }
  top = top_at (peers, id);
  top_add (&top, peers->cap, unit, value);
  if (*top.n == peers->cap)
    peers->threshold[slot] = top.values[peers->cap - 1];
}

static void
add_peer (Pass    *pass,
          Peers   *peers,
          guint32  unit,
          double   value,
          gint64   t)
{
  guint32 group = peers->group[unit];
  gint64 release = peers->release[unit];
  gsize slot;

  if (group == G_MAXUINT32 || t < release || !isfinite (value) || peers->index == NULL)
    return;
  slot = (gsize) group * (gsize) peers->n_steps + (gsize) age_step (t, release, pass->step_days);
  if (slot < peers->n_slots)
    add_to_slot (peers, slot, unit, value);
}

/* @from's tops into @into's (the same slots; their units apart). */
static void
peers_merge (Peers       *into,
             const Peers *from)
{
  for (gsize slot = 0; from->index != NULL && slot < from->n_slots; slot++)
    if (from->index[slot] >= 0)
      {
        Top top = top_at (from, from->index[slot]);

        for (guint i = 0; i < *top.n; i++)
          add_to_slot (into, slot, top.units[i], top.values[i]);
      }
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
          gint64 release = hub_model_release (hub_dataset_get_model (pass->dataset, mi));
          gboolean young = release != HUB_TIME_NONE && t >= release && t - release < HUB_COMPARE_YOUNG_DAYS * DAY;

          g_array_append_val (out, ((UnitValue) { mi, young ? FROM_YOUNG : 0, young ? (double) hub_observations_value (d, i) : NAN }));
          i++;
        }
    }
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

/* The families' values in one snapshot from the models': a family's is
 * the sum of its members observed, unknown when one of them is. Only the
 * families that count (peers, subjects: family_of) are summed. They stay
 * in @pass->family (the roots in touched) until families_reset(). */
static void
families_sum (Pass         *pass,
              const GArray *models)
{
  g_array_set_size (pass->touched, 0);
  for (guint i = 0; i < models->len; i++)
    {
      const UnitValue *v = &g_array_index (models, UnitValue, i);
      guint32 root = pass->family_of[v->unit];
      FamilySum *f;

      if (root == G_MAXUINT32)
        continue;
      f = &pass->family[root];
      if (!f->seen)
        {
          *f = (FamilySum) { 0, 0, 1 };
          g_array_append_val (pass->touched, root);
        }
      f->sum += v->value;
      f->from |= v->from;
    }
}

static void
families_reset (Pass *pass)
{
  for (guint i = 0; i < pass->touched->len; i++)
    pass->family[g_array_index (pass->touched, guint32, i)].seen = 0;
}

/* ---- The curves ----------------------------------------------------------------- */

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
  return MAX (1, (int) lround (hub_median (gaps, n)));
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
  curve->score_day = -1;
  curve->size_class = HUB_N_SIZE_BUCKETS;
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
  curve->release_unknown = hub_model_release (r) == HUB_TIME_NONE;
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
  const Peers *peers = curve->family ? &pass->families : &pass->models;
  gint64 release = hub_model_release (hub_dataset_get_model (pass->dataset, curve->model));
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
              Top found;
              const Top *top = peers_top (peers, peer_group (peers, curve->size_class, r->task),
                                          age_step (p.time, release, pass->step_days), &found) ? &found : NULL;
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
        from |= track->from[g] != 0 ? track->from[g] : FROM_OBSERVED;
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
      curve->score_day = (int) floor (p->day);
    }
}

/* One part of hub_compare_compute()'s pass over the snapshots: the
 * models (their peers, the models' tracks) or the families (their sums,
 * peers and tracks). */
typedef struct {
  Pass         *pass;
  GArray       *tracks;
  gboolean      families;
  GCancellable *cancellable;
} ComputePart;

static gpointer
compute_part (gpointer data)
{
  ComputePart *part = data;
  Pass *pass = part->pass;
  const HubObservations *d = pass->downloads;
  g_autoptr(GArray) models = g_array_new (FALSE, FALSE, sizeof (UnitValue));

  for (guint g = 0; g < d->n_groups && !g_cancellable_is_cancelled (part->cancellable); g++)
    {
      gint64 t = d->group_time[g];

      model_values (pass, g, models);
      if (part->families)
        {
          families_sum (pass, models);
          for (guint i = 0; i < pass->touched->len; i++)
            {
              guint32 root = g_array_index (pass->touched, guint32, i);

              add_peer (pass, &pass->families, root, pass->family[root].sum, t);
            }
        }
      else
        for (guint i = 0; i < models->len; i++)
          add_peer (pass, &pass->models, g_array_index (models, UnitValue, i).unit,
                    g_array_index (models, UnitValue, i).value, t);
      for (guint i = 0; i < part->tracks->len; i++)
        {
          Track *track = &g_array_index (part->tracks, Track, i);
          guint32 unit = (guint32) track->curve->model;
          UnitValue family;
          const UnitValue *v;

          if (track->curve->family != part->families)
            continue;
          if (part->families)
            {
              if (!pass->family[unit].seen)
                continue;
              family = (UnitValue) { unit, pass->family[unit].from, pass->family[unit].sum };
              v = &family;
            }
          else if ((v = find_value (models, unit)) == NULL)
            continue;
          track->observed[g] = 1;
          track->values[g] = v->value;
          track->from[g] = v->from;
          if (track->first < 0)
            track->first = (gint) g;
          track->last = (gint) g;
        }
      if (part->families)
        families_reset (pass);
    }
  return NULL;
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
  mask = hub_query_model_mask (query, dataset);
  pass.dataset = dataset;
  pass.roots = roots;
  pass.downloads = downloads;
  pass.totals = options->measure == HUB_COMPARE_CUMULATIVE ? totals : NULL;
  pass.options = options;
  pass.mask = mask;
  pass.k = result->rank;
  pass.step_days = result->step_days = step_days (downloads);
  pass.touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (need_models)
    peers_init (&pass, &pass.models, FALSE);
  if (pass.need_families)
    {
      peers_init (&pass, &pass.families, TRUE);
      /* Per root, its family subject (track index + 1; 0: none). */
      g_autofree guint8 *subject_of = g_new0 (guint8, MAX (n_models, 1));

      pass.family = g_new0 (FamilySum, MAX (n_models, 1));
      pass.family_of = g_new (guint32, MAX (n_models, 1));
      for (guint i = 0; i < tracks->len; i++)
        if (g_array_index (tracks, Track, i).curve->family)
          {
            g_array_index (tracks, Track, i).curve->n_members = 0;
            subject_of[g_array_index (tracks, Track, i).curve->model] = (guint8) (i + 1);
          }
      /* The families that count: peers, and the subjects (whose members
       * are counted on the way). */
      for (guint m = 0; m < n_models; m++)
        {
          guint32 root = roots[m];
          guint8 subject = subject_of[root];

          pass.family_of[m] = pass.families.group[root] != G_MAXUINT32 || subject != 0 ? root : G_MAXUINT32;
          if (subject != 0)
            g_array_index (tracks, Track, subject - 1).curve->n_members++;
        }
      /* Two members named as families are one family. */
      for (guint i = 0; i < tracks->len; i++)
        {
          HubCompareCurve *curve = g_array_index (tracks, Track, i).curve;

          if (curve->family && subject_of[curve->model] != i + 1)
            curve->n_members = g_array_index (tracks, Track, subject_of[curve->model] - 1).curve->n_members;
        }
    }

  /* The models' peers and the families' on two cores when both are
   * needed and the series is large; each part fills its own tracks. */
  {
    ComputePart model_part = { &pass, tracks, FALSE, cancellable };
    ComputePart family_part = { &pass, tracks, TRUE, cancellable };
    GThread *thread = NULL;

    if (tracks->len > 0 && need_models && pass.need_families && g_get_num_processors () > 1 &&
        downloads->n_rows > 200000)
      thread = g_thread_new ("hub-compare", compute_part, &family_part);
    else if (tracks->len > 0 && pass.need_families)
      compute_part (&family_part);
    if (tracks->len > 0 && need_models)
      compute_part (&model_part);
    if (thread != NULL)
      g_thread_join (thread);
    if (g_cancellable_set_error_if_cancelled (cancellable, error))
      g_clear_pointer (&result, hub_compare_result_free);
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
  peers_clear (&pass.models);
  peers_clear (&pass.families);
  g_array_unref (pass.touched);
  g_free (pass.family);
  g_free (pass.family_of);
  return g_steal_pointer (&result);
}

/* One part of hub_compare_score_all()'s pass: the models [@lo, @hi), their
 * peers into @peers. */
typedef struct {
  Pass         *pass;
  Peers        *peers;
  guint32       lo;
  guint32       hi;
  guint32      *last_group;
  double       *last_value;
  GCancellable *cancellable;
} ScorePart;

static gpointer
score_part (gpointer data)
{
  ScorePart *part = data;
  Pass *pass = part->pass;
  const HubObservations *d = pass->downloads;
  g_autoptr(GArray) models = g_array_new (FALSE, FALSE, sizeof (UnitValue));

  for (guint g = 0; g < d->n_groups && !g_cancellable_is_cancelled (part->cancellable); g++)
    {
      gint64 t = d->group_time[g];

      if (pass->options->measure != HUB_COMPARE_CUMULATIVE)
        {
          /* The rows as they are: no copy. */
          for (guint64 r = hub_observations_row_at (d, g, part->lo), end = hub_observations_row_at (d, g, part->hi);
               r < end; r++)
            {
              guint32 m = d->model[r];
              double v = (double) hub_observations_value (d, r);

              add_peer (pass, part->peers, m, v, t);
              part->last_group[m] = g;
              part->last_value[m] = v;
            }
          continue;
        }
      model_values (pass, g, models);
      for (guint i = 0; i < models->len; i++)
        {
          const UnitValue *v = &g_array_index (models, UnitValue, i);

          if (v->unit < part->lo || v->unit >= part->hi)
            continue;
          add_peer (pass, part->peers, v->unit, v->value, t);
          part->last_group[v->unit] = g;
          part->last_value[v->unit] = v->value;
        }
    }
  return NULL;
}

double *
hub_compare_score_all (HubDataset               *dataset,
                       const HubObservations    *downloads,
                       const HubObservations    *totals,
                       const HubQuery           *query,
                       const HubCompareOptions  *options,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_autofree guint8 *mask = NULL;
  g_autofree guint32 *last_group = NULL;
  g_autofree double *last_value = NULL;
  double *scores = NULL;
  guint n_models;
  Pass pass = { 0 };
  Peers second = { 0 };
  ScorePart parts[2];
  GThread *thread = NULL;

  g_return_val_if_fail (dataset != NULL && downloads != NULL && query != NULL && options != NULL, NULL);

  n_models = hub_dataset_get_n_models (dataset);
  mask = hub_query_model_mask (query, dataset);
  pass.dataset = dataset;
  pass.downloads = downloads;
  pass.totals = options->measure == HUB_COMPARE_CUMULATIVE ? totals : NULL;
  pass.options = options;
  pass.mask = mask;
  pass.k = options->baseline == HUB_COMPARE_BASELINE_RANK ? MAX (options->rank, 1) : HUB_COMPARE_BASELINE_TOP;
  pass.step_days = step_days (downloads);
  peers_init (&pass, &pass.models, FALSE);
  last_group = g_new (guint32, MAX (n_models, 1));
  last_value = g_new (double, MAX (n_models, 1));
  memset (last_group, 0xff, sizeof (guint32) * MAX (n_models, 1));

  /* Two halves of the models on two cores when there are many rows: the
   * second half's tops are merged into the first's. */
  parts[0] = (ScorePart) { &pass, &pass.models, 0, n_models, last_group, last_value, cancellable };
  if (g_get_num_processors () > 1 && downloads->n_rows > 200000 && pass.models.index != NULL)
    {
      second = pass.models;
      peers_init_tops (&second, pass.k + 1);
      parts[0].hi = n_models / 2;
      parts[1] = (ScorePart) { &pass, &second, n_models / 2, n_models, last_group, last_value, cancellable };
      thread = g_thread_new ("hub-compare", score_part, &parts[1]);
    }
  score_part (&parts[0]);
  if (thread != NULL)
    {
      g_thread_join (thread);
      peers_merge (&pass.models, &second);
      second.group = NULL;
      second.release = NULL;
      peers_clear (&second);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  scores = g_new (double, MAX (n_models, 1));
  for (guint m = 0; m < n_models; m++)
    {
      const HubModelRecord *r = hub_dataset_get_model (dataset, m);
      gint64 release = hub_model_release (r), t;
      double baseline;
      guint n;
      Top top;

      scores[m] = NAN;
      if (last_group[m] == G_MAXUINT32 || release == HUB_TIME_NONE || r->parameters <= 0 || !isfinite (last_value[m]))
        continue;
      t = downloads->group_time[last_group[m]];
      if (t < release)
        continue;
      if (!peers_top (&pass.models, peer_group (&pass.models, hub_size_bucket_for ((double) r->parameters), r->task),
                      age_step (t, release, pass.step_days), &top))
        continue;
      baseline = top_baseline (&top, options->baseline, pass.k, m, &n);
      if (baseline > 0)
        scores[m] = last_value[m] / baseline;
    }

out:
  peers_clear (&pass.models);
  return scores;
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

char *
hub_compare_subject_label (const char *subject)
{
  if (g_str_has_prefix (subject, HUB_COMPARE_FAMILY_PREFIX))
    /* Translators: a family in the Compare view: "Qwen/Qwen3-8B (family)". */
    return g_strdup_printf (_("%s (family)"), subject + strlen (HUB_COMPARE_FAMILY_PREFIX));
  return g_strdup (subject);
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

