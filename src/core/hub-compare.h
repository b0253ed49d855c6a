/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"
#include "hub-sizes.h"

G_BEGIN_DECLS

/* At most this many models or families side by side. */
#define HUB_COMPARE_MAX_SUBJECTS 12
/* The baseline "median of the top N" takes this N. */
#define HUB_COMPARE_BASELINE_TOP 10
/* Cumulative downloads without all-time totals: until a model is this many
 * days old, its 30-day downloads are all its downloads. */
#define HUB_COMPARE_YOUNG_DAYS 30
/* A subject written "family:ID" is the family of the root ID. */
#define HUB_COMPARE_FAMILY_PREFIX "family:"

/**
 * HubCompareMeasure:
 * @HUB_COMPARE_CUMULATIVE: downloads since release: the all-time totals
 *   where the series has them; otherwise, while a model is under
 *   %HUB_COMPARE_YOUNG_DAYS days old, its 30-day downloads (which then
 *   are all its downloads); unknown after that (a gap)
 * @HUB_COMPARE_DOWNLOADS: the 30-day downloads as observed
 * @HUB_COMPARE_LIKES: likes as observed
 */
typedef enum {
  HUB_COMPARE_CUMULATIVE = 0,
  HUB_COMPARE_DOWNLOADS,
  HUB_COMPARE_LIKES,
  HUB_N_COMPARE_MEASURES
} HubCompareMeasure;

/* "cumulative", "downloads", "likes". */
const char *hub_compare_measure_to_string   (HubCompareMeasure  measure);
gboolean    hub_compare_measure_from_string (const char        *str,
                                             HubCompareMeasure *out);
/* "Cumulative downloads", "Downloads (30 days)", "Likes" (translated). */
const char *hub_compare_measure_label       (HubCompareMeasure  measure);

/**
 * HubCompareAlign:
 * The time axis: calendar time, or days since each model's release
 * (createdAt; a model whose release is unknown, or the 2022-03-02 floor
 * the Hub gives repositories older than its records, is not aligned).
 */
typedef enum {
  HUB_COMPARE_ALIGN_CALENDAR = 0,
  HUB_COMPARE_ALIGN_RELEASE,
  HUB_N_COMPARE_ALIGNS
} HubCompareAlign;

/* "calendar", "release". */
const char *hub_compare_align_to_string   (HubCompareAlign  align);
gboolean    hub_compare_align_from_string (const char      *str,
                                           HubCompareAlign *out);

/**
 * HubCompareBaseline:
 * What a model is compared with at day t: the median of the
 * %HUB_COMPARE_BASELINE_TOP largest values of its peers (the other models
 * of its size class, and task, at day t after their release), or the value
 * of the k-th largest (HubCompareOptions.rank). A model is never its own
 * peer.
 */
typedef enum {
  HUB_COMPARE_BASELINE_MEDIAN = 0,
  HUB_COMPARE_BASELINE_RANK,
  HUB_N_COMPARE_BASELINES
} HubCompareBaseline;

/* "median", "rank". */
const char *hub_compare_baseline_to_string   (HubCompareBaseline  baseline);
gboolean    hub_compare_baseline_from_string (const char         *str,
                                              HubCompareBaseline *out);

/**
 * HubCompareOptions:
 * @subjects: (array zero-terminated=1): model ids, and "family:ID" for the
 *   family of the root ID (the root and every model whose first-parent
 *   chain reaches it); at most %HUB_COMPARE_MAX_SUBJECTS
 * @baseline, @rank: the relative adoption's baseline (@rank: the k of
 *   %HUB_COMPARE_BASELINE_RANK, 1 or more)
 * @all_tasks: the baseline's peers are the models of the size class of any
 *   task (default: of the subject's task)
 * @day: the day after release the score is read at; -1: each subject's
 *   latest day with a baseline
 *
 * The series read and the peers come from the query: its series (by
 * default the one whose snapshots hold the most subjects) and its model
 * filters (a peer must pass them; the subjects are shown whatever they
 * are).
 */
typedef struct {
  const char * const *subjects;
  HubCompareMeasure   measure;
  HubCompareAlign     align;
  HubCompareBaseline  baseline;
  guint               rank;
  gboolean            all_tasks;
  int                 day;
} HubCompareOptions;

void hub_compare_options_init (HubCompareOptions *options);

/**
 * HubCompareSource:
 * Where a curve's cumulative downloads come from.
 */
typedef enum {
  HUB_COMPARE_SOURCE_OBSERVED = 0,    /* the measure as observed (30-day downloads, likes) */
  HUB_COMPARE_SOURCE_ALL_TIME,        /* all-time totals */
  HUB_COMPARE_SOURCE_YOUNG,           /* 30-day downloads of the first 30 days */
  HUB_COMPARE_SOURCE_MIXED,           /* some points of each */
  HUB_COMPARE_SOURCE_NONE             /* no point known */
} HubCompareSource;

/**
 * HubComparePoint:
 * A subject at one snapshot of the series: @time, @day since release
 * (NAN when the release is unknown), @value (NAN: the subject was not
 * observed there, or its value cannot be known: drawn as a gap), and the
 * @baseline at that day and @relative = @value / @baseline (NAN when
 * there is none).
 */
typedef struct {
  gint64 time;
  double day;
  double value;
  double baseline;
  double relative;
} HubComparePoint;

/**
 * HubCompareCurve:
 * One subject. @model is its dataset index (the family's root; -1 when the
 * data does not know the id: then nothing else is set). @points run from
 * its first to its last observation in the series, one per snapshot, with
 * the snapshots it is missing from as gaps; @n_members counts a family's
 * models (1 for a model). The score: @score (NAN: none) at @score_day,
 * over a baseline of @baseline_n peers of size class @size_class (HUB_N_SIZE_BUCKETS when
 * the size is unknown; @size_estimated when it comes from the storage
 * fit) and task @task (NULL: any).
 */
typedef struct {
  char             *subject;
  char             *id;
  gboolean          family;
  gint32            model;
  guint             n_members;
  gboolean          release_unknown;
  HubSizeBucket     size_class;
  gboolean          size_estimated;
  const char       *task;
  HubCompareSource  source;
  GArray           *points;   /* HubComparePoint */
  double            score;
  int               score_day;
  guint             baseline_n;
} HubCompareCurve;

/**
 * HubCompareResult:
 * The curves in the subjects' order; @unknown holds the subjects the data
 * does not know (their curves have @model -1); @step_days is the width of
 * the days a baseline pools (the series' usual spacing between snapshots).
 */
typedef struct {
  char               *series;
  HubCompareMeasure   measure;
  HubCompareAlign     align;
  HubCompareBaseline  baseline;
  guint               rank;
  gboolean            all_tasks;
  int                 day;
  int                 step_days;
  GPtrArray          *curves;   /* HubCompareCurve */
  GPtrArray          *unknown;  /* char * */
  HubDataset         *dataset;
} HubCompareResult;

void hub_compare_result_free (HubCompareResult *result);

/**
 * hub_compare_subjects_check:
 * %G_IO_ERROR_INVALID_ARGUMENT when @subjects is empty, longer than
 * %HUB_COMPARE_MAX_SUBJECTS, repeats one or holds an empty id.
 */
gboolean hub_compare_subjects_check (const char * const  *subjects,
                                     GError             **error);

/**
 * hub_compare_compute:
 * @downloads: the series' 30-day downloads (the measure @options names
 *   when it is not cumulative: its likes for likes)
 * @totals: (nullable): the series' all-time totals
 *   (%HUB_OBSERVATIONS_ALL_TIME), for cumulative downloads
 * @roots: hub_dataset_compute_roots() of @dataset
 *
 * The curves and scores of @options->subjects. Peers are the models (or,
 * for a family, the families) of known release and size passing @query's
 * filters.
 */
HubCompareResult *hub_compare_compute (HubDataset               *dataset,
                                       const guint32            *roots,
                                       const HubObservations    *downloads,
                                       const HubObservations    *totals,
                                       const HubQuery           *query,
                                       const HubCompareOptions  *options,
                                       GCancellable             *cancellable,
                                       GError                  **error);

/**
 * hub_compare_score_all:
 * Every model's relative adoption at its last observation in @downloads,
 * by the measure and baseline of @options (its subjects are not read):
 * what a list of every model by relative adoption shows.
 *
 * Returns: (transfer full): one score per model of @dataset, NAN when it
 *   has none (not observed, release or size unknown, no peer); NULL when
 *   cancelled
 */
double *hub_compare_score_all (HubDataset               *dataset,
                               const HubObservations    *downloads,
                               const HubObservations    *totals,
                               const HubQuery           *query,
                               const HubCompareOptions  *options,
                               GCancellable             *cancellable,
                               GError                  **error);

/* "measure=cumulative;align=release;baseline=median;rank=10;tasks=same;day=latest". */
char *hub_compare_result_settings (const HubCompareResult *result);
/* The curve's release is known and the result is aligned by release, or
 * the result is on calendar time: its points have an x. */
gboolean hub_compare_curve_is_drawn (const HubCompareResult *result,
                                     const HubCompareCurve  *curve);
/* A point's x: its day since release, or its time (Unix seconds). */
double   hub_compare_point_x        (const HubCompareResult *result,
                                     const HubComparePoint  *point);

/* A subject as people read it: "Qwen/Qwen3-8B", "Qwen/Qwen3-8B (family)"
 * for "family:Qwen/Qwen3-8B". (transfer full) */
char    *hub_compare_subject_label    (const char             *subject);

/**
 * hub_compare_curve_score_text:
 * The curve's score in words: "1.8× the top-10 median of 10B–100B
 * text-generation models at day 30", or why it has none ("release date
 * unknown", "size unknown", "too few peers", "not in the data").
 * (transfer full)
 */
char    *hub_compare_curve_score_text (const HubCompareResult *result,
                                       const HubCompareCurve  *curve);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubCompareResult, hub_compare_result_free)

G_END_DECLS
