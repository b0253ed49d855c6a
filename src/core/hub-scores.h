/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-store.h"

G_BEGIN_DECLS

/**
 * HubScoreField:
 * The columns of a score table (a long table: one measured score a row).
 * @HUB_SCORE_FIELD_MODEL and @HUB_SCORE_FIELD_SCORE are required, and
 * @HUB_SCORE_FIELD_BENCHMARK; the others are optional.
 */
typedef enum {
  HUB_SCORE_FIELD_MODEL = 0,   /* model_id (or model, id) */
  HUB_SCORE_FIELD_BENCHMARK,   /* benchmark (or task) */
  HUB_SCORE_FIELD_SCORE,       /* score (or main_score, value) */
  HUB_SCORE_FIELD_BETTER,      /* "higher" (default) or "lower" */
  HUB_SCORE_FIELD_VARIANT,     /* e.g. a "#thinking" run of the model */
  HUB_SCORE_FIELD_SETTING,     /* e.g. "zero-shot" */
  HUB_SCORE_FIELD_SOURCE,      /* where the row's score comes from */
  HUB_N_SCORE_FIELDS
} HubScoreField;

/* "model_id", "benchmark", "score", "better", "variant", "setting",
 * "source": the names `--map FIELD=COLUMN` takes. */
const char *hub_score_field_to_string   (HubScoreField  field);
gboolean    hub_score_field_from_string (const char    *str,
                                         HubScoreField *out_field);

/* Whether a CSV header (lower case, unquoted) names a score table's
 * model, benchmark and score columns under their usual names. */
gboolean    hub_scores_header_matches   (const char    *header);

/* The set a file makes by default: its base name without its extension. */
char       *hub_score_set_name_for_file (const char    *path);

/* A set name: 1–64 characters, none of them a control character or "/". */
gboolean    hub_score_set_name_is_valid (const char    *name);

/**
 * HubScoreImportOptions:
 * @name: the score set (a set of that name is replaced)
 * @source: (nullable): where the set comes from (a URL, a paper, a team)
 * @columns: per field, the column that holds it; NULL: the field's own
 *   name or one of its usual aliases (above)
 * @shipped: the set is one of HubEco's own (first launch)
 * @missing: (nullable) (array zero-terminated=1): score texts that mean
 *   "not measured" in this table (EuroEval writes -1.0 for a task not run
 *   and ranks such a model 100.0): those rows are left out and counted
 */
typedef struct {
  const char         *name;
  const char         *source;
  const char         *columns[HUB_N_SCORE_FIELDS];
  gboolean            shipped;
  const char * const *missing;
} HubScoreImportOptions;

/**
 * HubScoreImportReport:
 * What an import stored: @n_scores rows of @n_models models on
 * @n_benchmarks benchmarks (@n_missing rows said "not measured"); @replaced when a set of that name was there;
 * @ignored_columns (NULL-terminated) the header's columns no field reads.
 */
typedef struct {
  guint    n_scores;
  guint    n_missing;
  guint    n_models;
  guint    n_benchmarks;
  gboolean replaced;
  char   **ignored_columns;
} HubScoreImportReport;

void      hub_score_import_report_clear (HubScoreImportReport *report);

/**
 * hub_scores_import:
 * Reads a score table (CSV with a header) from @stream whole, checks every
 * row, then stores it as the set @options->name in one transaction,
 * replacing a set of that name. A file that is empty, lacks the model,
 * benchmark or score column, holds a score that is not a finite number,
 * repeats a model and benchmark (with the same variant and setting), mixes
 * "higher" and "lower" on one benchmark or has a malformed line is a
 * %HUB_INGEST_ERROR naming the line, and stores nothing.
 */
gboolean  hub_scores_import (HubStore                    *store,
                             GInputStream                *stream,
                             const HubScoreImportOptions *options,
                             HubScoreImportReport        *report,
                             GCancellable                *cancellable,
                             GError                     **error);

/* Removes a set; %G_IO_ERROR_NOT_FOUND when there is none of that name. */
gboolean  hub_scores_delete_set (HubStore    *store,
                                 const char  *name,
                                 GError     **error);

/**
 * HubScoreSetInfo:
 * One stored set, for lists and choosers. @benchmarks is sorted;
 * @benchmark_models[i] counts the models scored on @benchmarks[i],
 * @benchmark_lower[i] says whether lower is better on it.
 */
typedef struct {
  char     *name;
  char     *source;
  gint64    imported_at;
  gboolean  shipped;
  guint     n_scores;
  guint     n_models;
  char    **benchmarks;
  guint    *benchmark_models;
  gboolean *benchmark_lower;
} HubScoreSetInfo;

/* The benchmark a view starts on: an overall "rank" when the set has one,
 * else the one with the most models (ties: by name). */
const char *hub_score_set_info_default_benchmark (const HubScoreSetInfo *info);
/* The set's higher-is-better benchmarks, the ones a mean can take
 * (NULL-terminated, borrowed strings; free the array with g_free()). */
const char **hub_score_set_info_higher_benchmarks (const HubScoreSetInfo *info);

void       hub_score_set_info_free (HubScoreSetInfo *info);
/* Every set, by name. GPtrArray of HubScoreSetInfo. */
GPtrArray *hub_scores_list_sets    (HubStore  *store,
                                    GError   **error);

/**
 * HubScore:
 * One stored score. Strings are owned by the set that holds it.
 */
typedef struct {
  const char *model_id;
  const char *benchmark;
  const char *variant;   /* "" when none */
  const char *setting;   /* "" when none */
  const char *source;    /* NULL when none */
  double      score;
  gboolean    lower_better;
} HubScore;

/**
 * HubScoreSet:
 * A stored set, read whole: its scores ordered by model, benchmark,
 * variant, setting. Immutable, reference-counted.
 */
typedef struct {
  gatomicrefcount  ref_count;
  char            *name;
  char            *source;
  gint64           imported_at;
  GArray          *scores;       /* HubScore */
  char           **benchmarks;   /* sorted */
  GStringChunk    *strings;
} HubScoreSet;

/* %G_IO_ERROR_NOT_FOUND naming the stored sets when there is no @name. */
HubScoreSet *hub_scores_load_set   (HubStore     *store,
                                    const char   *name,
                                    GError      **error);
HubScoreSet *hub_score_set_ref     (HubScoreSet  *set);
void         hub_score_set_unref   (HubScoreSet  *set);
/* Whether @benchmark is lower-is-better in @set; FALSE if absent. */
gboolean     hub_score_set_has_benchmark (const HubScoreSet *set,
                                          const char        *benchmark,
                                          gboolean          *out_lower_better);

/**
 * HubModelScore:
 * A score of one model, for its detail pane: with its set's name, source
 * and import time.
 */
typedef struct {
  char    *set;
  char    *set_source;
  gint64   imported_at;
  char    *benchmark;
  char    *variant;
  char    *setting;
  double   score;
  gboolean lower_better;
} HubModelScore;

void       hub_model_score_free  (HubModelScore *score);
/* The scores stored for @model_id (exact id), by set then benchmark.
 * GPtrArray of HubModelScore. */
GPtrArray *hub_scores_for_model  (HubStore    *store,
                                  const char  *model_id,
                                  GError     **error);

/**
 * hub_scores_best_series:
 * The snapshot series whose complete snapshots hold the most of @ids
 * (ties: by name); NULL (no error) when none holds any.
 */
char      *hub_scores_best_series (HubStore           *store,
                                   const char * const *ids,
                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubScoreSet, hub_score_set_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubScoreSetInfo, hub_score_set_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubModelScore, hub_model_score_free)

G_END_DECLS
