/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-observations.h"
#include "hub-query.h"
#include "hub-store.h"

G_BEGIN_DECLS

/**
 * HubBreakdownDim:
 * What the rows or the columns of a breakdown are.
 * @HUB_BREAKDOWN_DEVELOPER: the developer (an authors.csv group)
 * @HUB_BREAKDOWN_COUNTRY, @HUB_BREAKDOWN_ORG_TYPE: the developer's
 * @HUB_BREAKDOWN_MODALITY, @HUB_BREAKDOWN_TASK, @HUB_BREAKDOWN_LIBRARY: the
 *   model's, as the share view groups them
 * @HUB_BREAKDOWN_ARCHITECTURE: the kind of the model's architecture
 *   (encoder-only, decoder-only, encoder-decoder, ...) from its model type
 *   through taxonomy/architecture-kinds.csv
 * @HUB_BREAKDOWN_LANGUAGE: the languages the model's tags name (ISO 639-1,
 *   taxonomy/languages.json); a model tagged with several counts in each
 * @HUB_BREAKDOWN_SIZE_THRESHOLD: cumulative size classes (up to 100M, 200M,
 *   500M, 1B, 10B, 100B parameters, and all sized): a model counts in every
 *   class its size is within
 * @HUB_BREAKDOWN_SIZE_BUCKET: the size class of the Sizes view
 */
typedef enum {
  HUB_BREAKDOWN_DEVELOPER = 0,
  HUB_BREAKDOWN_COUNTRY,
  HUB_BREAKDOWN_ORG_TYPE,
  HUB_BREAKDOWN_MODALITY,
  HUB_BREAKDOWN_TASK,
  HUB_BREAKDOWN_LIBRARY,
  HUB_BREAKDOWN_ARCHITECTURE,
  HUB_BREAKDOWN_LANGUAGE,
  HUB_BREAKDOWN_SIZE_THRESHOLD,
  HUB_BREAKDOWN_SIZE_BUCKET,
  HUB_N_BREAKDOWN_DIMS
} HubBreakdownDim;

/* "developer", "country", "org-type", "modality", "task", "library",
 * "architecture", "language", "size-threshold", "size-bucket". */
const char *hub_breakdown_dim_to_string   (HubBreakdownDim  dim);
/* Every dimension's name, NULL-terminated. */
const char * const *hub_breakdown_dim_names (void);
gboolean    hub_breakdown_dim_from_string (const char      *str,
                                           HubBreakdownDim *out_dim);
/* The dimension as a caption names it ("country", "size threshold"),
 * translated. */
const char *hub_breakdown_dim_label       (HubBreakdownDim  dim);

/* Categories past this many (by downloads) are summed as "Other". */
#define HUB_BREAKDOWN_MAX_CATEGORIES 24

/**
 * HubBreakdownTraits:
 * What a breakdown needs beyond the dataset, read from the store part by
 * part as dimensions ask for it: every model's architecture kind,
 * languages and size. A part once read does not change.
 */
typedef struct _HubBreakdownTraits HubBreakdownTraits;

HubBreakdownTraits *hub_breakdown_traits_new   (HubDataset          *dataset);
/* Reads the part @dim needs, unless it is there already (most dimensions
 * need none). */
gboolean            hub_breakdown_traits_load  (HubBreakdownTraits  *traits,
                                                HubBreakdownDim      dim,
                                                HubStore            *store,
                                                HubDataset          *dataset,
                                                GCancellable        *cancellable,
                                                GError             **error);
void                hub_breakdown_traits_free  (HubBreakdownTraits  *traits);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubBreakdownTraits, hub_breakdown_traits_free)

/**
 * HubBreakdownOptions:
 * @rows, @cols: the two dimensions (may be equal)
 * @top: the developer set is the @top developers with the most downloads
 *   under the query (0: every developer), unless @developers is given
 * @developers: (nullable): NULL-terminated names of developers (group or
 *   account, any case) that make up the set instead
 */
typedef struct {
  HubBreakdownDim      rows;
  HubBreakdownDim      cols;
  guint                top;
  const char * const  *developers;
} HubBreakdownOptions;

/**
 * HubBreakdownResult:
 * The downloads of a set of developers, cross-tabulated. The downloads of
 * a model are those of the query's series under its filters, window and
 * attribution: its last snapshot for a stock (downloads30d, likes), the
 * sum over the range for a flow; under root attribution a derivative's
 * downloads and every attribute are its root's.
 *
 * @values[r * n_cols + c]: downloads of the set in row r and column c.
 * @row_totals[r]: downloads of the set in row r (each model once, so with
 *   languages or size thresholds not the sum of the row's cells);
 *   @col_totals likewise; @total: the set's downloads; @all_total: every
 *   download under the query (the set's share of the whole).
 * @row_unknown, @col_unknown: the index of the "Unknown" row or column
 *   (a model whose value is not known), or -1; @row_other, @col_other the
 *   "Other" one (categories past HUB_BREAKDOWN_MAX_CATEGORIES), or -1.
 * @row_coverage, @col_coverage: share of @total whose value is known.
 * @row_names, @col_names: the labels as a person reads them (charts, what a
 *   screen reader hears); CSV and JSON keep @row_labels and @col_labels.
 * @developers: the set, by downloads.
 */
typedef struct {
  HubBreakdownDim  rows_dim;
  HubBreakdownDim  cols_dim;
  guint            n_rows;
  guint            n_cols;
  char           **row_labels;
  char           **col_labels;
  char           **row_names;     /* what a person reads: countries and org types by name */
  char           **col_names;
  gint64          *values;
  gint64          *row_totals;
  gint64          *col_totals;
  gint             row_unknown;
  gint             col_unknown;
  gint             row_other;
  gint             col_other;
  gint64           total;
  gint64           all_total;
  double           row_coverage;
  double           col_coverage;
  char           **developers;
  char            *series;
  gint64           observed_at;   /* the last snapshot read */
} HubBreakdownResult;

/**
 * hub_breakdown_compute:
 * Answers @options over @observations (the query's series) with the share
 * engine's filters, window and attribution (hub_share_run_total() by model).
 * NULL with @error when the query cannot be answered, a named developer is
 * unknown, or when cancelled.
 */
HubBreakdownResult *hub_breakdown_compute     (HubDataset                *dataset,
                                               const HubBreakdownTraits  *traits,
                                               const HubObservations     *observations,
                                               const HubQuery            *query,
                                               const HubBreakdownOptions *options,
                                               GCancellable              *cancellable,
                                               GError                   **error);
void                hub_breakdown_result_free (HubBreakdownResult        *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubBreakdownResult, hub_breakdown_result_free)

/* The share of @result's set in a cell, row or column total (0 when the
 * set has no downloads). */
double hub_breakdown_result_share (const HubBreakdownResult *result,
                                   gint64                    value);

G_END_DECLS
