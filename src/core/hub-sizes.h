/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-list-query.h"
#include "hub-robust-fit.h"
#include "hub-store.h"

G_BEGIN_DECLS

/* ---- Weighted statistics (pure) ---------------------------------------- */

typedef struct {
  double value;
  double weight;   /* >= 0 */
} HubWeightedValue;

/* Sorts by value, ascending (ties by weight, so the order is total). */
void     hub_weighted_sort     (HubWeightedValue       *values,
                                guint                   n);

/**
 * hub_weighted_quantile:
 * @sorted: values sorted by hub_weighted_sort()
 * @q: in [0, 1]
 *
 * With W the sum of the weights and only entries of positive weight
 * considered: the smallest value x_k (in sorted order) whose cumulative
 * weight w_1 + ... + w_k is ≥ q · W. So q = 0.5 gives the lower weighted
 * median (for weights 1,1 on values 1,2 it is 1), q = 0 the smallest value of
 * positive weight, q = 1 the largest. A relative tolerance of 1e-12 · W
 * absorbs rounding in q · W.
 *
 * Returns: the quantile, NaN when W is 0.
 */
double   hub_weighted_quantile (const HubWeightedValue *sorted,
                                guint                   n,
                                double                  q);

/* Σ w·x / Σ w; NaN when Σ w is 0. */
double   hub_weighted_mean     (const HubWeightedValue *values,
                                guint                   n);

/* ---- Sources, formats, buckets ----------------------------------------- */

/**
 * HubSizeSource:
 * Where the size HubEco uses for a model comes from.
 * @HUB_SIZE_SOURCE_REPORTED: safetensors.total or gguf.total as the Hub
 *   reports it
 * @HUB_SIZE_SOURCE_BASE_MODEL: the base model's count, for packed quantized
 *   repos (see hub_size_table_new())
 * @HUB_SIZE_SOURCE_ESTIMATED: fitted from the storage size
 *   (`hubeco estimate-params`)
 */
typedef enum {
  HUB_SIZE_SOURCE_UNKNOWN = 0,
  HUB_SIZE_SOURCE_REPORTED,
  HUB_SIZE_SOURCE_BASE_MODEL,
  HUB_SIZE_SOURCE_ESTIMATED,
  HUB_N_SIZE_SOURCES
} HubSizeSource;

/* "unknown", "reported", "base_model", "estimated". */
const char *hub_size_source_to_string (HubSizeSource source);

/* Format hints from a model's tags and library. */
typedef enum {
  HUB_FORMAT_GGUF        = 1 << 0,
  HUB_FORMAT_MLX         = 1 << 1,
  HUB_FORMAT_BNB         = 1 << 2,   /* bitsandbytes */
  HUB_FORMAT_AWQ         = 1 << 3,
  HUB_FORMAT_GPTQ        = 1 << 4,
  HUB_FORMAT_SAFETENSORS = 1 << 5,
  HUB_FORMAT_LOW_BIT     = 1 << 6,   /* "4-bit", "8bit", "3-bit", ... */
} HubFormatFlags;

/* The flags one tag implies (case-insensitive); 0 for any other tag. */
guint    hub_format_flags_from_tag (const char *tag);
/* TRUE when weights are packed so that a count of stored tensors
 * undercounts parameters: MLX with a low-bit tag, bnb, AWQ, GPTQ. */
gboolean hub_format_flags_is_packed (guint flags);

/**
 * HubFormatFamily:
 * The group a model's storage-to-parameters line is fitted in; the first
 * that applies of GGUF, MLX, AWQ, GPTQ, bnb, safetensors, other.
 */
typedef enum {
  HUB_FORMAT_FAMILY_GGUF = 0,
  HUB_FORMAT_FAMILY_MLX,
  HUB_FORMAT_FAMILY_AWQ,
  HUB_FORMAT_FAMILY_GPTQ,
  HUB_FORMAT_FAMILY_BNB,
  HUB_FORMAT_FAMILY_SAFETENSORS,
  HUB_FORMAT_FAMILY_OTHER,
  HUB_N_FORMAT_FAMILIES
} HubFormatFamily;

HubFormatFamily hub_format_family_from_flags (guint flags);
/* "gguf", "mlx", "awq", "gptq", "bnb", "safetensors", "other". */
const char     *hub_format_family_to_string  (HubFormatFamily family);

/**
 * HubSizeBucket:
 * Size classes, lower bound inclusive: < 100M, [100M, 500M), [500M, 1B),
 * [1B, 10B), [10B, 100B), ≥ 100B parameters.
 */
typedef enum {
  HUB_SIZE_BUCKET_UNDER_100M = 0,
  HUB_SIZE_BUCKET_100M_500M,
  HUB_SIZE_BUCKET_500M_1B,
  HUB_SIZE_BUCKET_1B_10B,
  HUB_SIZE_BUCKET_10B_100B,
  HUB_SIZE_BUCKET_OVER_100B,
  HUB_N_SIZE_BUCKETS
} HubSizeBucket;

HubSizeBucket hub_size_bucket_for       (double        parameters);
/* Machine name: "lt_100m", "100m_500m", "500m_1b", "1b_10b", "10b_100b", "gt_100b". */
const char   *hub_size_bucket_to_string (HubSizeBucket bucket);
/* Display label: "<100M", "100M–500M", ... (not translated: units). */
const char   *hub_size_bucket_label     (HubSizeBucket bucket);

/* ---- The per-model size table ------------------------------------------ */

/**
 * HubSizeTable:
 * The size HubEco uses for every model of a dataset, with its source and
 * format flags, plus the download observations the "downloaded" cohort
 * needs. Immutable and reference-counted once built.
 */
typedef struct _HubSizeTable HubSizeTable;

/**
 * hub_size_table_new:
 * @dataset: the models
 * @store: (nullable): where tags and snapshots are read (one pass each);
 *   without it no format flags are known and the only download observation
 *   is the dataset's latest one
 *
 * The effective size of a model, first match wins:
 *  1. a packed quantized repo whose first parent (relation not adapter) has a
 *     known non-estimated size takes the parent's size, source BASE_MODEL,
 *     when it has no reported count, or when the parent's is larger (packed
 *     format flags), or at least 1.5 times larger (relation quantized without
 *     packed flags: a small difference is a trimmed head, not packing).
 *     "Packed quantized" means hub_format_flags_is_packed() or relation
 *     quantized. Parents are resolved first, so chains work; cycles stop.
 *  2. a stored BASE_MODEL count;
 *  3. a reported count (safetensors, gguf): REPORTED;
 *  4. a stored estimate: ESTIMATED;
 *  5. otherwise UNKNOWN.
 */
HubSizeTable *hub_size_table_new   (HubDataset    *dataset,
                                    HubStore      *store,
                                    GCancellable  *cancellable,
                                    GError       **error);
HubSizeTable *hub_size_table_ref   (HubSizeTable  *self);
void          hub_size_table_unref (HubSizeTable  *self);

HubDataset   *hub_size_table_get_dataset    (HubSizeTable  *self);
/* HUB_COUNT_NONE with UNKNOWN when no size. */
gint64        hub_size_table_get_parameters (HubSizeTable  *self,
                                             guint          index,
                                             HubSizeSource *out_source);
guint         hub_size_table_get_flags      (HubSizeTable  *self,
                                             guint          index);

/* ---- Distributions per period ------------------------------------------ */

typedef enum {
  HUB_SIZE_PERIOD_YEAR = 0,
  HUB_SIZE_PERIOD_QUARTER,
} HubSizePeriodKind;

/**
 * HubSizeCohort:
 * @HUB_SIZE_COHORT_DOWNLOADED: the models observed with downloads in the
 *   period; a model's weight is its 30-day download count at its last
 *   observation inside the period (snapshots, carried forward in series that
 *   record only changes, and the dataset's latest values at its data time)
 * @HUB_SIZE_COHORT_CREATED: the models created in the period, weighted by
 *   their latest 30-day downloads; models at the createdAt floor count in its
 *   period, flagged as "that date or earlier". The default of
 *   hub_size_options_init(), the window and `hubeco sizes`: one period per
 *   year of models even when every snapshot is recent.
 */
typedef enum {
  HUB_SIZE_COHORT_DOWNLOADED = 0,
  HUB_SIZE_COHORT_CREATED,
} HubSizeCohort;

typedef enum {
  HUB_SIZE_WEIGHT_DOWNLOADS = 0,
  HUB_SIZE_WEIGHT_COUNT,
} HubSizeWeight;

/**
 * HubSizeOptions:
 * @filter: (nullable): task, library, country, org type, relation and
 *   search filters (as hub_list_query_run() applies them; sort and limit
 *   are ignored)
 * @include_estimated: estimated sizes enter the distribution; they are
 *   counted in the coverage either way
 */
typedef struct {
  HubSizePeriodKind   period;
  HubSizeCohort       cohort;
  HubSizeWeight       weight;
  gboolean            include_estimated;
  const HubListQuery *filter;
} HubSizeOptions;

void hub_size_options_init (HubSizeOptions *options);

const char *hub_size_period_kind_to_string   (HubSizePeriodKind kind);
gboolean    hub_size_period_kind_from_string (const char *str, HubSizePeriodKind *out);
const char *hub_size_cohort_to_string        (HubSizeCohort cohort);
gboolean    hub_size_cohort_from_string      (const char *str, HubSizeCohort *out);
const char *hub_size_weight_to_string        (HubSizeWeight weight);
gboolean    hub_size_weight_from_string      (const char *str, HubSizeWeight *out);

/**
 * HubSizeCoverage:
 * Models of a cohort by the source of their size, with their weight (as
 * the options weigh them).
 */
typedef struct {
  guint  n_models[HUB_N_SIZE_SOURCES];
  double weight[HUB_N_SIZE_SOURCES];
} HubSizeCoverage;

guint  hub_size_coverage_n_total     (const HubSizeCoverage *coverage);
double hub_size_coverage_weight_total (const HubSizeCoverage *coverage);
/* Models / weight with a size (every source but UNKNOWN; estimated only
 * when @include_estimated). Shares are NaN when the total is 0. */
guint  hub_size_coverage_n_sized     (const HubSizeCoverage *coverage,
                                      gboolean               include_estimated);
double hub_size_coverage_weight_share (const HubSizeCoverage *coverage,
                                       gboolean               include_estimated);

/* The density of log10(parameters) drawn as a violin: bins of an eighth
 * of a decade from 10^5 to 10^13 parameters. */
#define HUB_SIZE_DENSITY_BINS    64
#define HUB_SIZE_DENSITY_LOG_MIN 5.0
#define HUB_SIZE_DENSITY_LOG_MAX 13.0
/* The centre of density bin @i, in log10(parameters). */
#define HUB_SIZE_DENSITY_CENTER(i) \
  (HUB_SIZE_DENSITY_LOG_MIN + ((i) + 0.5) * (HUB_SIZE_DENSITY_LOG_MAX - HUB_SIZE_DENSITY_LOG_MIN) / HUB_SIZE_DENSITY_BINS)

/* The kernel's standard deviation, in decades. */
#define HUB_SIZE_DENSITY_BANDWIDTH 0.2

#define HUB_SIZE_N_QUANTILES 5
/* 0.10, 0.25, 0.50, 0.75, 0.90 */
extern const double hub_size_quantile_levels[HUB_SIZE_N_QUANTILES];

/**
 * HubSizePeriod:
 * One period of the distribution.
 * @start, @end: [start, end) in Unix seconds, UTC
 * @label: "2026" or "2026-Q3"
 * @includes_earlier: models at the createdAt floor are in it ("or earlier")
 * @n: models in the distribution (a size, weight > 0)
 * @weight: their total weight
 * @quantiles: weighted quantiles at hub_size_quantile_levels (parameters;
 *   NaN when @weight is 0)
 * @mean: weighted mean (NaN when @weight is 0)
 * @bucket_shares: share of @weight per HubSizeBucket (sum 1; 0 when empty)
 * @density: the weighted density of log10(parameters) at each bin's centre
 *   (a Gaussian kernel of %HUB_SIZE_DENSITY_BANDWIDTH decades), as shares
 *   that sum to 1 (all 0 when empty): the violin's outline
 * @coverage: every model of the cohort in the period, sized or not
 */
typedef struct {
  gint64          start;
  gint64          end;
  char           *label;
  gboolean        includes_earlier;
  guint           n;
  double          weight;
  double          quantiles[HUB_SIZE_N_QUANTILES];
  double          mean;
  double          bucket_shares[HUB_N_SIZE_BUCKETS];
  double          density[HUB_SIZE_DENSITY_BINS];
  HubSizeCoverage coverage;
} HubSizePeriod;

/**
 * HubSizeResult:
 * @periods: in time order
 * @coverage: the sum of the periods' coverages
 */
typedef struct {
  HubSizePeriodKind period_kind;
  HubSizeCohort     cohort;
  HubSizeWeight     weight;
  gboolean          include_estimated;
  HubSizePeriod    *periods;
  guint             n_periods;
  HubSizeCoverage   coverage;
} HubSizeResult;

/**
 * hub_sizes_compute:
 * The size distribution per period for @options.
 * Returns: (transfer full): the result; NULL only when cancelled.
 */
HubSizeResult *hub_sizes_compute     (HubSizeTable         *table,
                                      const HubSizeOptions *options,
                                      GCancellable         *cancellable);
void           hub_size_result_free  (HubSizeResult        *result);

/**
 * hub_size_table_get_coverage:
 * Every model of the dataset that passes @filter (nullable) once, weighted
 * by its latest 30-day downloads: the numbers shown before and after
 * estimating.
 */
void           hub_size_table_get_coverage (HubSizeTable       *table,
                                            const HubListQuery *filter,
                                            HubSizeCoverage    *out);

/* ---- Estimates from storage size --------------------------------------- */

/* Fewest training models a family needs for its own line. */
#define HUB_SIZE_FIT_MIN_MODELS 30
/* A family line flatter than this (in log-log: parameters barely growing
 * with storage) is not trusted; the pooled line is used instead. */
#define HUB_SIZE_FIT_MIN_SLOPE 0.25

typedef struct {
  guint32          model;       /* dataset index */
  gint64           parameters;
  HubFormatFamily  family;
  gint64           bound;       /* the most it may reach (its family's, its task's) */
} HubSizeEstimate;

/**
 * HubSizeEstimation:
 * The fit of log(parameters) on log(used storage bytes), one line per
 * format family with at least %HUB_SIZE_FIT_MIN_MODELS training models,
 * else the pooled line; and the estimates it gives.
 * @fits: per family (with hold-out R² of the family's held-out models)
 * @n_family: training + held-out models with a size and storage, per family
 * @pooled: the pooled line; its r2_holdout is over every held-out model,
 *   each predicted by its family's line
 * @estimates: (element-type HubSizeEstimate): models with storage but no
 *   non-estimated size, in index order (a model whose reported total is 0
 *   is left alone: it is not overwritten)
 * @family_bound: the largest count an estimate may reach, per family: the 99.5th
 *   percentile of the reported counts its line was fitted on (for a family
 *   on the pooled line, of all of them; a few reports are bogus)
 * @implausible: (element-type HubSizeEstimate): models whose storage gives
 *   more parameters than @family_bound of their family, or than the same
 *   percentile of their task's reported counts (a task with at least
 *   %HUB_SIZE_FIT_MIN_MODELS), largest first, with the count the line
 *   gives: left without an estimate
 * @n_without_task: models with storage and no task, left without an
 *   estimate: a compiler cache or a folder of checkpoints is storage, not
 *   one model's weights
 */
typedef struct {
  HubRobustFit  fits[HUB_N_FORMAT_FAMILIES];
  guint         n_family[HUB_N_FORMAT_FAMILIES];
  HubRobustFit  pooled;
  GArray       *estimates;
  gint64        family_bound[HUB_N_FORMAT_FAMILIES];
  GArray       *implausible;
  guint         n_without_task;
} HubSizeEstimation;

/**
 * hub_size_table_estimate:
 * Fits on every model with a reported or base-model size and a storage
 * size (models whose id hub_robust_fit_is_holdout() picks are held out for
 * R²) and estimates the models with storage and no such size.
 * Returns: NULL with @error when there are too few models to fit a line.
 */
HubSizeEstimation *hub_size_table_estimate (HubSizeTable  *table,
                                            GError       **error);
void               hub_size_estimation_free (HubSizeEstimation *estimation);

/**
 * hub_sizes_store_estimates:
 * Writes the estimates (parameters, source "estimated") in one transaction.
 * A model whose stored count is not an estimate (or unknown) is skipped, so
 * nothing reported is ever overwritten. On error nothing is written.
 */
gboolean           hub_sizes_store_estimates (HubStore                *store,
                                              HubDataset              *dataset,
                                              const HubSizeEstimation *estimation,
                                              guint                   *out_n_written,
                                              GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubSizeTable, hub_size_table_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubSizeResult, hub_size_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubSizeEstimation, hub_size_estimation_free)

G_END_DECLS
