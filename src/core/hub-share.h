/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-share-bootstrap.h"

G_BEGIN_DECLS

/* A model or row that is not counted (filtered out, or no category). */
#define HUB_SHARE_SKIP G_MAXUINT32

/**
 * HubShareInput:
 * The plain arrays the share computation runs on, testable without a store.
 *
 * Per model (@n_models entries):
 * @category: the category credited for the model's downloads (after
 *   attribution and filters), < @n_categories, or %HUB_SHARE_SKIP
 * @inner_category: (nullable): the second-level (`within`) category, <
 *   @n_inner_categories or %HUB_SHARE_SKIP; NULL without a second level
 * @created_at: the model's creation time, for the window;
 *   %HUB_CREATED_AT_FLOOR means "that date or earlier" and %HUB_TIME_NONE
 *   unknown: neither is ever inside a window
 *
 * Observations come in groups (a snapshot, or the interval that ends at one):
 * group g holds rows [@offsets[g], @offsets[g + 1]) of @model and of
 * @value32 or @value64 (exactly one is non-NULL), observed at @group_time[g]
 * and counted in period @group_period[g] (< @n_periods; %HUB_SHARE_SKIP
 * drops the group). Several groups of one period are summed.
 *
 * @unknown_category: the category that stands for "not known" (no country,
 *   no task, ...), or %HUB_SHARE_SKIP: it is shown as its own column, never
 *   folded into Other, and is not a participant of the concentration
 *   measures. Same for @inner_unknown_category.
 * @window_days: 0 = none; else a row at time t counts only when the model's
 *   @created_at > t - @window_days × 86400.
 * @top: 0 = a column per category; else the @top categories with the largest
 *   total over every period (ties: lower index first), the rest in "Other".
 *   The same applies to the inner categories.
 * @rank_by_last: with @top, rank by the last period's values instead
 *   (ties by the total over every period): a stock measure's top N is the
 *   N largest now (hub_share_run() sets it; see hub_share_top_rule()). 
 * @n_threads: 0 = one per processor.
 *
 * The concentration explorer's extras (both off when zeroed):
 * @detail: keep the participants of period @detail_period (their
 *   categories and values, largest first), and of every period when
 *   there are at most %HUB_SHARE_DETAIL_ALL_MAX categories
 * @bootstrap_draws: 0 = none; else resample the models of @detail_period
 *   that many times (hub_share_bootstrap_draw(), seeded with
 *   @bootstrap_seed), and of every period when all of them together hold
 *   at most %HUB_SHARE_BOOTSTRAP_BUDGET rows × draws.
 */
typedef struct {
  guint          n_models;
  const guint32 *category;
  const guint32 *inner_category;
  const gint64  *created_at;
  guint          n_categories;
  guint          unknown_category;
  guint          n_inner_categories;
  guint          inner_unknown_category;

  guint          n_groups;
  const guint64 *offsets;
  const guint32 *model;
  const guint32 *value32;
  const guint64 *value64;
  const gint64  *group_time;
  const guint32 *group_period;
  guint          n_periods;

  guint          window_days;
  guint          top;
  gboolean       rank_by_last;
  guint          n_threads;

  gboolean       detail;
  guint          detail_period;
  guint          bootstrap_draws;
  guint64        bootstrap_seed;
} HubShareInput;

/* Rows × draws up to which every period is resampled (a few hundred ms). */
#define HUB_SHARE_BOOTSTRAP_BUDGET G_GUINT64_CONSTANT (200000000)

/**
 * HubShareParticipants:
 * One period's participants, largest first (ties: lower category): their
 * @category and @values, and the @names of the first
 * %HUB_SHARE_DETAIL_NAMES (NULL-terminated; filled by the caller that
 * knows the categories, hub_share_run()). @category is NULL for a period
 * not kept.
 */
typedef struct {
  guint    n;
  guint32 *category;
  gint64  *values;
  char   **names;
} HubShareParticipants;

/* The participants of every period are kept up to this many categories
 * (countries, organisation types, tasks, ...); past it, of the one period
 * asked. */
#define HUB_SHARE_DETAIL_ALL_MAX 4096

typedef enum {
  HUB_SHARE_COLUMN_CATEGORY,
  HUB_SHARE_COLUMN_OTHER,
  HUB_SHARE_COLUMN_UNKNOWN,
} HubShareColumnKind;

/**
 * HubShareResult:
 * A dense period × column matrix and per-period concentration.
 *
 * Columns are the top categories in decreasing total, then "Other" (when
 * any category was folded), then "Unknown" (when the unknown category has
 * downloads). @values[p × @n_columns + c]; @totals[p] is the sum of row p,
 * so the shares of a period (@values / @totals) sum to 1.
 *
 * Concentration, per period, over the *participants*: the categories of the
 * group-by dimension, before any top-N folding (so "Other" is never a
 * participant), excluding the unknown category, with a value > 0 in the
 * period. With x_i the value of participant i (i = 1..n, sorted so that
 * x_1 <= ... <= x_n) and X = x_1 + ... + x_n (@participant_totals[p]):
 *  - HHI = sum of (x_i / X)^2, in 1/n..1 (0 when n = 0);
 *  - Gini = sum_i sum_j |x_i - x_j| / (2 n^2 mean)
 *         = 2 sum_i i x_i / (n X) - (n + 1) / n, in 0..1 - 1/n (0 when n = 0);
 *  - top-k share = (x_n + ... + x_{n-k+1}) / X (all of X when n <= k);
 *  - k(90 %) (@k90) = the fewest participants whose values make up at
 *    least 90 % of X (hub_share_cover_count()); 1/HHI reads as the number
 *    of equal participants that would be as concentrated.
 * Under by=model a participant is a model, under by=author an author,
 * under attribution=root the credited root's category.
 *
 * With a second level, @inner_values[(p × @n_columns + c) × @n_inner_columns
 * + i] breaks column c of period p down by inner column i.
 *
 * Labels are filled by the caller that knows the categories.
 */
typedef struct {
  guint               n_periods;
  guint               n_columns;
  guint32            *column_category;   /* HUB_SHARE_SKIP for Other */
  HubShareColumnKind *column_kind;
  char              **column_labels;     /* NULL-terminated, or NULL */
  char              **column_names;      /* what a person reads: countries and org types
                                          * by name; NULL-terminated, or NULL */
  gint64             *column_totals;

  gint64             *values;
  gint64             *totals;

  double             *hhi;
  double             *gini;
  double             *top1;
  double             *top10;
  double             *top100;
  guint              *participants;
  gint64             *participant_totals;
  guint              *k90;

  /* With HubShareInput.detail: the participants of @detail_period, and
   * of every period when the categories are few (see
   * hub_share_result_get_participants()); n_periods entries, or NULL. */
  gboolean            has_detail;
  guint               detail_period;
  HubShareParticipants *kept;

  /* With HubShareInput.bootstrap_draws: per period (.drawn says which). */
  HubShareBootstrap  *bootstrap;
  guint               bootstrap_draws;
  guint64             bootstrap_seed;

  guint               n_inner_columns;
  guint32            *inner_column_category;
  HubShareColumnKind *inner_column_kind;
  char              **inner_column_labels; /* NULL-terminated, or NULL */
  char              **inner_column_names;  /* as column_names */
  gint64             *inner_column_totals;
  gint64             *inner_values;

  char              **period_labels;     /* NULL-terminated, or NULL */
  gint64             *period_starts;     /* or NULL */
  guint              *period_joins;      /* accounts the series added in each period
                                          * (after the first); NULL when it adds none */
} HubShareResult;

/**
 * hub_share_compute:
 * Computes the matrix, totals and concentration of @input on up to
 * @input->n_threads threads. Returns NULL only when @cancellable was
 * cancelled. Cost: one pass over the rows (two when the categories are too
 * many to keep every period's values, as under by=model with top-N).
 */
HubShareResult *hub_share_compute     (const HubShareInput *input,
                                       GCancellable        *cancellable);

void            hub_share_result_free (HubShareResult *result);

char           *hub_share_result_dup_column_name       (const HubShareResult *result,
                                                        guint                 column);
char           *hub_share_result_dup_inner_column_name (const HubShareResult *result,
                                                        guint                 column);

/* @values of row @period divided by its total (0 when the total is 0). */
double          hub_share_result_get_share (const HubShareResult *result,
                                            guint                 period,
                                            guint                 column);

/* The participants of @period, or NULL when they were not kept. */
const HubShareParticipants *hub_share_result_get_participants (const HubShareResult *result,
                                                               guint                 period);

/**
 * hub_share_result_get_share_bounds:
 * The coverage band of @column in @period: its share if none of the
 * period's Unknown downloads belonged to it (@out_lo: the share as drawn,
 * the Unknown column holding them) and if all of them did (@out_hi: that
 * plus Unknown's share). For the Unknown column both are its share.
 */
void            hub_share_result_get_share_bounds (const HubShareResult *result,
                                                   guint                 period,
                                                   guint                 column,
                                                   double               *out_lo,
                                                   double               *out_hi);

/**
 * hub_share_concentration:
 * HHI, Gini and top-1/10/100 shares of @n values (any order, zeros and
 * negatives are ignored), as defined for #HubShareResult. @values is
 * sorted in place. Any out pointer may be NULL.
 */
void            hub_share_concentration (gint64 *values,
                                         guint   n,
                                         double *out_hhi,
                                         double *out_gini,
                                         double *out_top1,
                                         double *out_top10,
                                         double *out_top100,
                                         guint  *out_participants);

/* Sorts @n non-negative values in increasing order (a radix sort past a
 * few hundred). */
void            hub_share_sort_values          (gint64       *values,
                                                guint         n);

/* hub_share_concentration() of @m positive values already sorted in
 * increasing order. */
void            hub_share_concentration_sorted (const gint64 *values,
                                                guint         m,
                                                double       *out_hhi,
                                                double       *out_gini,
                                                double       *out_top1,
                                                double       *out_top10,
                                                double       *out_top100);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubShareResult, hub_share_result_free)

G_END_DECLS
