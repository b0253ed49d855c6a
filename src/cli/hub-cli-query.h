/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-analysis.h"

#include <stdio.h>

#include "hub-cli-output.h"
#include "hub-dataset.h"
#include "hub-leaderboard.h"
#include "hub-observations.h"
#include "hub-query.h"
#include "hub-share.h"
#include "hub-store.h"

G_BEGIN_DECLS

/* QUERY-OPTIONS: the command-line face of HubQuery, shared by share,
 * concentration, leaderboard, snapshots and export-chart. */

#define HUB_CLI_N_QUERY_OPTIONS 23

/**
 * HubCliQueryOptions:
 * The strings of `--query`, one per QUERY-OPTION (`--by`, `--axis`, ...)
 * and `--format`, as parsed; zero-initialise, clear with
 * hub_cli_query_options_clear().
 */
typedef struct {
  char *query;
  char *values[HUB_CLI_N_QUERY_OPTIONS];
  char *format;
} HubCliQueryOptions;

void          hub_cli_query_options_clear   (HubCliQueryOptions *o);

/**
 * hub_cli_query_option_entries:
 * Entries for @o: `--query` and every QUERY-OPTION when @with_query,
 * `--format` when @with_format, then @extra (NULL-terminated, nullable).
 * Returns: (transfer full): NULL-terminated entries (g_free())
 */
GOptionEntry *hub_cli_query_option_entries  (HubCliQueryOptions *o,
                                             const GOptionEntry *extra,
                                             gboolean            with_query,
                                             gboolean            with_format);

/**
 * hub_cli_query_options_build:
 * @format: (nullable): receives `--format`
 *
 * Builds @query (initialised): `--query` first, then each option on top
 * of it. "developer" is accepted for `--by`/`--within` as the name of
 * the authors.csv grouping ("group"). Returns HUB_CLI_EXIT_OK or
 * HUB_CLI_EXIT_USAGE after printing the error.
 */
int           hub_cli_query_options_build   (const char         *command,
                                             HubCliQueryOptions *o,
                                             HubQuery           *query,
                                             HubCliFormat       *format);

/* TRUE when `--OPTION` was given (e.g. "top"), or its key in `--query`. */
gboolean      hub_cli_query_options_is_set  (const HubCliQueryOptions *o,
                                             const char               *option);

/* The value given as `--OPTION` (NULL: none), taken out of @o, for a
 * command that reads that option its own way (compare's --measure). */
char         *hub_cli_query_options_take    (HubCliQueryOptions       *o,
                                             const char               *option);

/* Rows of a leaderboard when no top is given. */
#define HUB_CLI_LEADERBOARD_ROWS 20

/* The rows a leaderboard lists: the query's top when one was given, as
 * `--top` or `top=` in `--query` (0 = all), else HUB_CLI_LEADERBOARD_ROWS. */
guint         hub_cli_query_options_leaderboard_rows (const HubCliQueryOptions *o,
                                                      const HubQuery           *query);

/**
 * HubCliLoaded:
 * The store, the analysis on it (the one path to every figure, shared with
 * the window), its dataset and, once asked, a share figure and its
 * observations.
 */
typedef struct {
  HubStore        *store;
  HubAnalysis     *analysis;
  HubDataset      *dataset;
  HubShareFigure  *figure;
  HubObservations *observations;  /* the figure's */
} HubCliLoaded;

/* Opens the store at @db_path (building a new database from the embedded
 * dataset) and loads the dataset. Returns an exit code after printing any
 * error. */
int           hub_cli_loaded_load           (const char                  *command,
                                             const char                  *db_path,
                                             HubCliLoaded                *l);
/* The share figure of @query (hub_analysis_share()); an unknown series is
 * a usage error. Returns an exit code after printing any error. */
int           hub_cli_loaded_share          (const char                  *command,
                                             HubCliLoaded                *l,
                                             const HubQuery              *query,
                                             const HubShareFigureOptions *options);
void          hub_cli_loaded_clear          (HubCliLoaded                *l);

/* The rows `hubeco share` prints (period, category[, within], value,
 * share), or with @concentration those of `hubeco concentration`, added
 * to a new writer on @out; the caller finishes it. */
/**
 * hub_cli_share_extras_build:
 * @draws: `--bootstrap` (0: none; at most 100000)
 * @seed: (nullable): `--seed` (default %HUB_SHARE_BOOTSTRAP_SEED)
 * @period: (nullable): `--period`, a period's label (borrowed by @extras)
 *
 * Checks the concentration options `hubeco concentration` and `export-chart`
 * share and fills @extras: the draws, the seed and the period (the last
 * when @period is NULL); its @detail is left as it is. Returns an exit
 * code after printing any error.
 */
int           hub_cli_share_extras_build   (const char     *command,
                                            int             draws,
                                            const char     *seed,
                                            const char     *period,
                                            HubShareExtras *extras);

HubCliWriter *hub_cli_share_writer_new      (FILE                 *out,
                                             HubCliFormat          format,
                                             const HubShareResult *res,
                                             gboolean              concentration);
/* The rows `hubeco leaderboard` prints. @rows: GArray of HubLeaderboardRow. */
HubCliWriter *hub_cli_leaderboard_writer_new (FILE         *out,
                                              HubCliFormat  format,
                                              const GArray *rows);

G_END_DECLS
