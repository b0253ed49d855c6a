/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-store.h"

G_BEGIN_DECLS

typedef enum {
  HUB_IMPORT_FORMAT_AUTO = 0,
  HUB_IMPORT_FORMAT_JSON_ARRAY,     /* an /api/models page, or one object */
  HUB_IMPORT_FORMAT_JSONL,          /* one entry a line */
  HUB_IMPORT_FORMAT_HISTORY_CSV,    /* captured_at,id,downloads,likes,trendingScore */
  HUB_IMPORT_FORMAT_DAILY_TOP,      /* {date, fetched_at, models:[...]} */
  HUB_IMPORT_FORMAT_TRENDING_CAPTURES, /* JSONL with captured_utc, rank, id, ... */
  HUB_IMPORT_FORMAT_AUTHORS_CSV,    /* authors.csv */
  HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS, /* model_id,date,downloads as CSV or JSONL */
  HUB_IMPORT_FORMAT_PARQUET,        /* a models snapshot or a per-model series */
  HUB_IMPORT_FORMAT_MONTHLY_CRAWL,  /* date,institution,hf_account,model,downloads_last_month,... */
  HUB_IMPORT_FORMAT_SCORES,         /* measured scores: model_id,benchmark,score (hub-scores.h) */
} HubImportFormat;

/*
 * Parquet (%HUB_IMPORT_FORMAT_PARQUET, told by its "PAR1" magic), read
 * through DuckDB; local files only. Two shapes, told by the columns:
 *  - a models snapshot, as the hub-stats dataset's daily models.parquet: a
 *    row per model with the fields of an /api/models entry (id, author,
 *    createdAt, downloads, downloadsAllTime, likes, trendingScore,
 *    pipeline_tag, library_name, tags, baseModels, safetensors, gguf,
 *    cardData, ...), each row read by the one entry parser. Nested fields
 *    may be structs, maps or JSON text. The rows are one snapshot of
 *    HubImportOptions.series (default "import:<file name>") dated by
 *    HubImportOptions.captured_at, else per row by a captured_at,
 *    snapshot_date or fetched_at column, else by a date in the file's name
 *    (YYYY-MM-DD or YYYYMMDD), else by the file's modification time (with a
 *    warning);
 *  - a series of period downloads: model_id (or id, model, repo_id, or
 *    organization and name), date (or period_start, week, week_start, day)
 *    and downloads (or downloads_30d), stored as the CSV form below is.
 * The report's notes say which columns were used, lacked and left unused.
 * A file that is not Parquet, is cut short, has no rows, or has a known
 * column of the wrong type stores nothing.
 */

/**
 * HubImportOptions:
 * @captured_at: the time of a dump's snapshot; %HUB_TIME_NONE: from the
 *   file (see above; JSON dumps use the file's modification time)
 * @series: (nullable): the series of a dump's snapshot; NULL:
 *   "import:<file name>"
 */
typedef struct {
  gint64      captured_at;
  const char *series;
} HubImportOptions;

#define HUB_IMPORT_OPTIONS_INIT { G_MININT64, NULL }

/*
 * Period downloads (%HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS): the downloads of a
 * model over a period starting on a day, as CSV (header required) or JSONL
 * (one object a line), into the store's period_downloads table with the
 * file's base name as source (the `series` of measure=period). Columns,
 * matched by name without regard to case, extra ones ignored:
 *   model_id   the model id; or `id`; or `organization` and `name`, joined
 *              by "/" (the kb-labb/huggingface_stats shape)
 *   date       ISO day of the period start (or `period_start`)
 *   downloads  a count >= 0; or `downloads_30d`: the 30 days ending on
 *              `date`, stored with period_start = date - 30 days
 * With a `repo_type` column, rows whose repo_type is not "model" are
 * skipped (counted in @rows_skipped). A row with a missing field, a
 * non-number, a negative count or a bad date is rejected with its line
 * number; the rest imports. Rows of models the store does not hold are kept
 * (the model may come later) and listed in @unknown_models. Importing the
 * same file again replaces its rows.
 */

/**
 * HubImportReport:
 * What an import did. @rejections holds one message per rejected entry or
 * row, naming the file, line (or array index) and field.
 */
typedef struct {
  guint      models_added;
  guint      models_updated;
  guint      models_rejected;
  guint      fields_dropped;
  guint      snapshots_written;
  guint      snapshot_rows;
  guint      rows_rejected;
  GPtrArray *rejections;  /* char* */
  GPtrArray *warnings;    /* char* */
  guint      authors_written;
  guint      tasks_written;
  guint      libraries_written;
  guint      period_rows;       /* period-downloads rows stored */
  guint      period_unknown_rows; /* ... of them for models not in the store */
  guint      rows_skipped;      /* rows of other repo types */
  GPtrArray *unknown_models;    /* char*: distinct ids of those models */
  GPtrArray *notes;             /* char*: what a file was read as (Parquet columns) */
  guint      rows_already_stored; /* rows of snapshots imported before, skipped */
  guint      scores_written;    /* measured scores stored (score sets) */
} HubImportReport;

HubImportReport *hub_import_report_new  (void);
/* What an import did, in lines a person reads (the command line prints it,
 * the window shows it): the notes, the counts, the first 20 messages of
 * each kind. */
char            *hub_import_report_summary (const HubImportReport *report);
void             hub_import_report_free (HubImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubImportReport, hub_import_report_free)

/* Guesses the format from the name (.gz stripped) and the first bytes
 * (already decompressed); %HUB_IMPORT_FORMAT_AUTO when it cannot tell. */
HubImportFormat  hub_import_detect_format (const char  *name,
                                           const guint8 *head,
                                           gsize        head_len);

/**
 * hub_import_stream:
 * Reads @stream (gzip-compressed when @name ends in .gz) and stores what it
 * holds. One bad entry never aborts the file; a file that cannot be read at
 * all (malformed JSON array, unknown format) is an error and stores nothing.
 * Each batch is one transaction; snapshots stay incomplete until the file is
 * fully read.
 */
gboolean hub_import_stream (HubStore        *store,
                            GInputStream    *stream,
                            const char      *name,
                            HubImportFormat  format,
                            HubImportReport *report,
                            GCancellable    *cancellable,
                            GError         **error);

gboolean hub_import_file   (HubStore        *store,
                            GFile           *file,
                            HubImportFormat  format,
                            HubImportReport *report,
                            GCancellable    *cancellable,
                            GError         **error);

/* hub_import_file() with @options (NULL: the defaults). */
gboolean hub_import_file_full (HubStore               *store,
                               GFile                  *file,
                               HubImportFormat         format,
                               const HubImportOptions *options,
                               HubImportReport        *report,
                               GCancellable           *cancellable,
                               GError                **error);

/**
 * hub_import_embedded:
 * Builds the database from the dataset embedded in the binary (GResource
 * /org/example/HubEco/dataset/): taxonomy, authors, the model snapshot, its
 * history, the daily top-300 lists and the trending captures. Called on first
 * launch, when hub_store_is_empty().
 */
gboolean hub_import_embedded (HubStore        *store,
                              HubImportReport *report,
                              GCancellable    *cancellable,
                              GError         **error);

/**
 * hub_import_ensure_populated:
 * Builds the database from the embedded dataset when it holds no model yet,
 * or when an earlier build from it was interrupted (first launch, or any
 * command run before it). Does nothing otherwise.
 */
gboolean hub_import_ensure_populated (HubStore        *store,
                                      HubImportReport *report,
                                      GCancellable    *cancellable,
                                      GError         **error);

G_END_DECLS
