/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"
#include "hub-scores.h"

G_BEGIN_DECLS

/**
 * HubQualityQuadrant:
 * Where a model sits against the two lines: adoption (left/right) and
 * score (worse/better). A point on a line counts as on its upper side
 * (popular, good).
 */
typedef enum {
  HUB_QUALITY_POPULAR_GOOD = 0,     /* "popular and good" */
  HUB_QUALITY_POPULAR_WEAKER,       /* "popular but weaker" */
  HUB_QUALITY_UNDERADOPTED_GOOD,    /* "good but under-adopted" */
  HUB_QUALITY_NEITHER,              /* "neither" */
  HUB_N_QUALITY_QUADRANTS
} HubQualityQuadrant;

/* "popular-good", "popular-weaker", "underadopted-good", "neither". */
const char *hub_quality_quadrant_to_string (HubQualityQuadrant quadrant);
/* "Popular and good", ... (translated). */
const char *hub_quality_quadrant_label     (HubQualityQuadrant quadrant);

/**
 * HubQualityOptions:
 * @score_set: the stored set to read
 * @benchmarks: (array zero-terminated=1): one benchmark, or several whose
 *   mean is the score (a model counts only with a score on each; all of
 *   one direction)
 * @inherit: a model without a score of its own takes the score of the
 *   nearest ancestor that has one through a chain of quantizations
 *   (marked inherited)
 * @score_line, @adoption_line: where the quadrant lines are; NAN: at the
 *   median of the models shown
 * @at: the snapshot read: the last one at or before @at; HUB_TIME_NONE:
 *   the series' last
 * @relative: adoption relative to the model's size class: its downloads
 *   divided by the median of the %HUB_QUALITY_BASELINE_TOP most
 *   downloaded models of the same size class (reported sizes, as on the
 *   Sizes page) and task in the same snapshot; a model of unknown size has
 *   none (self attribution only)
 *
 * The adoption measure and the models shown come from the query: its
 * measure (30-day downloads by default, or likes, ...), its series (by
 * default the one whose snapshots hold the most scored models), its
 * attribution (root: a model's downloads plus every descendant's, its
 * family; self: its own) and its filters (only models passing them are
 * shown).
 */
typedef struct {
  const char         *score_set;
  const char * const *benchmarks;
  gboolean            inherit;
  double              score_line;
  double              adoption_line;
  gint64              at;
  gboolean            relative;
} HubQualityOptions;

/* The models the relative adoption's baseline is the median of. */
#define HUB_QUALITY_BASELINE_TOP 10

void hub_quality_options_init (HubQualityOptions *options);

/**
 * HubQualityPoint:
 * One model shown. @score is its score (the best of its variants and
 * settings on each benchmark; for several benchmarks their mean);
 * @inherited_from the dataset index of the ancestor whose score it took
 * (-1: its own); @variant and @setting those of the score (single
 * benchmark, own score; "" otherwise); @distance how far it sits from the
 * lines, each axis scaled to the range shown (log10 for adoption), for
 * sorting the quadrant lists. @relative is the adoption relative to the
 * model's size class and task (NAN unless asked): what the adoption axis
 * and line then measure.
 */
typedef struct {
  guint32             model;
  const char         *id;
  double              score;
  guint64             adoption;
  double              relative;
  HubQualityQuadrant  quadrant;
  double              distance;
  gint32              inherited_from;
  const char         *variant;
  const char         *setting;
} HubQualityPoint;

/**
 * HubQualityResult:
 * A quality × adoption figure: @points by quadrant, then by distance
 * (farthest first); the lines (@score_line_median: at the median); the
 * set and what was read; and who is missing and why:
 * @n_scored (ids with a score on @benchmarks; @n_incomplete more had
 * some of several benchmarks but not all), @unmatched (ids the data does
 * not know, sorted), @n_case_matched (matched only ignoring case),
 * @no_adoption (known ids the snapshot has no adoption value for),
 * @n_filtered (known, with adoption, outside the query's filters),
 * @n_unscored (models of the snapshot passing the filters without a
 * score), @n_inherited (points whose score is inherited).
 */
typedef struct {
  char               *score_set;
  char               *set_source;
  gint64              set_imported_at;
  char              **benchmarks;
  gboolean            lower_better;
  gboolean            inherit;
  gboolean            relative;
  guint               n_no_size;        /* relative: candidates of unknown size */
  char               *series;
  HubQueryMeasure     measure;
  HubQueryAttribution attribution;
  gint64              snapshot_time;    /* HUB_TIME_NONE when nothing was read */

  GArray             *points;           /* HubQualityPoint */
  guint               counts[HUB_N_QUALITY_QUADRANTS];
  double              score_line;
  double              adoption_line;
  gboolean            score_line_median;
  gboolean            adoption_line_median;

  guint               n_scored;
  guint               n_incomplete;
  GPtrArray          *unmatched;
  guint               n_case_matched;
  GPtrArray          *no_adoption;
  guint               n_filtered;
  guint               n_unscored;
  guint               n_inherited;
  HubDataset         *dataset;          /* holds the points' ids */
  GStringChunk       *strings;          /* holds their variants and settings */
} HubQualityResult;

void hub_quality_result_free (HubQualityResult *result);

/**
 * hub_quality_compute:
 * The figure for @set on @observations (one group: the one @options->at
 * picks) under @query. %G_IO_ERROR_INVALID_ARGUMENT when a benchmark is not
 * in the set (the message lists those it has) or mixes directions.
 */
HubQualityResult *hub_quality_compute (HubDataset               *dataset,
                                       const HubScoreSet        *set,
                                       const HubObservations    *observations,
                                       const HubQuery           *query,
                                       const HubQualityOptions  *options,
                                       GCancellable             *cancellable,
                                       GError                  **error);

/* What else a figure was drawn with, for an export's manifest:
 * "scores=SET;benchmark=B[,B];inherit=false;relative=false;score_line=median|X;
 * adoption_line=median|N;snapshot=ISO-TIME|none". */
char             *hub_quality_result_settings (const HubQualityResult *result);

/* The scored ids of @set on @benchmarks (those to look for in series). */
char            **hub_quality_scored_ids (const HubScoreSet  *set,
                                          const char * const *benchmarks);

/* What a point is placed by on the adoption axis: @point's relative
 * adoption when @result is relative, else its adoption. */
double            hub_quality_point_x (const HubQualityResult *result,
                                       const HubQualityPoint  *point);

/* The size class of @record as the quality figure counts it (reported
 * sizes only, as on the Sizes page), HUB_N_SIZE_BUCKETS when unknown. */
guint             hub_quality_size_class (const HubModelRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubQualityResult, hub_quality_result_free)

G_END_DECLS
