/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <stdio.h>

#include "hub-observations.h"
#include "hub-query.h"
#include "hub-breakdown.h"
#include "hub-attention.h"
#include "hub-compare.h"
#include "hub-quality.h"
#include "hub-sensitivity.h"
#include "hub-share.h"
#include "hub-table-writer.h"

G_BEGIN_DECLS

#define HUB_DATA_EXPORT_ERROR (hub_data_export_error_quark ())

typedef enum {
  HUB_DATA_EXPORT_ERROR_OUTPUT,   /* the rows could not be produced */
} HubDataExportError;

GQuark hub_data_export_error_quark (void);

/**
 * HubDataManifest:
 * What reproduces an exported figure: the chart @kind ("share"), its
 * @argument (nullable), the @query, for a leaderboard its @level
 * (nullable) and @since_days, the @observations read (nullable: their
 * series, data range and snapshot ids), the @title and @caption.
 */
typedef struct {
  const char            *kind;
  const char            *argument;
  const HubQuery        *query;
  const char            *level;
  guint                  since_days;
  const HubObservations *observations;
  const char            *title;
  const char            *caption;
  gboolean               ranked;    /* a ranking (leaderboard): its top rule is stated */
  const char            *settings;  /* nullable: what else drew it, "key=value;..." */
} HubDataManifest;

/* The manifest as indented JSON (no final newline). */
char           *hub_data_manifest_to_text (const HubDataManifest *manifest);
/* FILE.csv -> FILE.manifest.json */
char           *hub_data_manifest_path    (const char            *path);

/* Adds the rows of a figure to a new writer on @out; the caller finishes
 * it. */
typedef HubTableWriter *(*HubDataRowsFunc) (FILE           *out,
                                            HubTableFormat  format,
                                            gpointer        user_data);

/**
 * hub_data_export_write:
 * @format: %HUB_TABLE_FORMAT_CSV (with FILE.manifest.json next to @path)
 *   or %HUB_TABLE_FORMAT_JSON (`{"manifest": ..., "rows": [...]}`)
 *
 * Writes the rows @rows produces, replacing @path only once they are
 * complete. FALSE with a #GFileError when a file cannot be written (then
 * nothing is left behind), %HUB_DATA_EXPORT_ERROR_OUTPUT when the rows
 * could not be produced.
 */
gboolean        hub_data_export_write     (const char            *path,
                                           HubTableFormat         format,
                                           const HubDataManifest *manifest,
                                           HubDataRowsFunc        rows,
                                           gpointer               user_data,
                                           GError               **error);

/* The format a data file's name asks for: .csv or .json (any case);
 * %G_IO_ERROR_INVALID_FILENAME for any other name. */
gboolean        hub_data_export_format_for_path (const char      *path,
                                                 HubTableFormat  *out_format,
                                                 GError         **error);

/**
 * hub_data_export_write_figure:
 * @query_text: the figure's query in its text form (hub_query_to_string())
 * @settings: (nullable): what else drew it, "key=value;..."
 *
 * hub_data_export_write() of a view's figure: the format from @path's
 * extension, the manifest from @kind, the query, @settings, @title and
 * @caption.
 */
gboolean        hub_data_export_write_figure (const char      *path,
                                              const char      *kind,
                                              const char      *query_text,
                                              const char      *settings,
                                              const char      *title,
                                              const char      *caption,
                                              HubDataRowsFunc  rows,
                                              gpointer         user_data,
                                              GError         **error);

/* The rows `hubeco share` prints (period, category[, within], value,
 * share), or with @concentration those of `hubeco concentration`. */
HubTableWriter *hub_data_export_share_rows (FILE                 *out,
                                            HubTableFormat        format,
                                            const HubShareResult *res,
                                            gboolean              concentration);

/* The participants of @res's kept period (HubShareExtras.detail), largest
 * first: rank, name (#rank past the named ones), value, share, cumulative
 * share (the Lorenz curve read from the top). */
HubTableWriter *hub_data_export_participant_rows (FILE                 *out,
                                                  HubTableFormat        format,
                                                  const HubShareResult *res);

/* A line per method of a sensitivity grid: its choices, the latest
 * period, its top three and their shares, HHI and Gini (`hubeco
 * sensitivity`, `export-chart sensitivity`, the window's Export Data). */
HubTableWriter *hub_data_export_sensitivity_rows (FILE                       *out,
                                                  HubTableFormat              format,
                                                  const HubSensitivityResult *result);

/* The breakdown's table: a line per cell (row, col, value, share of the
 * set, of the row, of the column), then a "Total" column per row, a
 * "Total" row per column and the set's total (`hubeco breakdown`,
 * `export-chart breakdown`, the window's Export Data). */
HubTableWriter *hub_data_export_breakdown_rows (FILE                     *out,
                                                HubTableFormat            format,
                                                const HubBreakdownResult *result);

/* The quality figure's points, by quadrant then distance from the lines:
 * model_id, quadrant, score, adoption, relative_adoption (empty unless
 * relative), inherited_from, variant, setting,
 * task, parameters (`hubeco quality`, `export-chart quality`, the
 * window's Export Data). */
HubTableWriter *hub_data_export_quality_rows (FILE                   *out,
                                              HubTableFormat          format,
                                              const HubQualityResult *result);

/* The compare figure's points, a line per subject and snapshot from its
 * first to its last observation: subject, model_id, time, day (since
 * release; empty when unknown), value (empty: a gap), baseline, relative
 * (`hubeco compare`, `export-chart compare`, the window's Export Data). */
HubTableWriter *hub_data_export_compare_rows (FILE                   *out,
                                              HubTableFormat          format,
                                              const HubCompareResult *result);

/* The attention figure's points, most downloaded first: model_id,
 * downloads, attention (likes or trending score), age_days, quadrant
 * (`hubeco attention`, `export-chart attention`, the window's Export Data). */
HubTableWriter *hub_data_export_attention_rows (FILE                     *out,
                                                HubTableFormat            format,
                                                const HubAttentionResult *result);

G_END_DECLS
