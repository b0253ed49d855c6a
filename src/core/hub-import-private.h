/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-import.h"

G_BEGIN_DECLS

/* Entries written per transaction. */
#define HUB_IMPORT_BATCH_SIZE 2000

/* Series of the snapshots that imports write. */
#define HUB_SERIES_RADAR_EXPORT  "radar-export"
#define HUB_SERIES_DAILY_TOP     "daily-top300"
#define HUB_SERIES_TRENDING      "trending-top10"
#define HUB_SERIES_MONTHLY_CRAWL "osir-monthly"
#define HUB_SERIES_IMPORT_PREFIX "import:"

/**
 * HubImportContext:
 * One file being imported: where it goes, what it is called in messages, the
 * open batch and the snapshots to finish once the file is fully read.
 */
typedef struct {
  HubStore        *store;
  HubImportReport *report;
  GCancellable    *cancellable;
  char            *name;         /* base name, for messages and snapshot sources */
  char            *series;       /* of a user dump's snapshots: "import:<name>" */
  gint64           captured_at;  /* of a user dump's snapshot (file time or now) */
  gboolean         captured_at_given; /* by the caller (HubImportOptions) */
  gboolean         embedded;     /* the embedded dataset: JSONL writes no snapshot */

  gboolean         in_batch;
  guint            batch_len;
  /* What the open batch wrote: counted into the report when it commits,
   * dropped when it rolls back, so that a summary never counts rows that
   * are not stored. */
  guint            pending_added;
  guint            pending_updated;
  guint            pending_rows;
  guint            pending_period_rows;
  guint            pending_period_unknown;
  GArray          *to_finish;    /* gint64 snapshot ids */
  GHashTable      *snapshots;    /* "series\ncaptured_at" → snapshot id, 0 = skip */
  GPtrArray       *warnings;     /* scratch for one entry */
  GHashTable      *said_before;  /* "series\ncaptured_at" of snapshots said imported before */
} HubImportContext;

void      hub_import_context_init   (HubImportContext *ctx,
                                     HubStore         *store,
                                     HubImportReport  *report,
                                     const char       *name,
                                     GCancellable     *cancellable);
void      hub_import_context_clear  (HubImportContext *ctx);

/* Opens a batch if none is open, counts one entry into it and commits it
 * when full. Checks for cancellation. */
gboolean  hub_import_context_step   (HubImportContext  *ctx,
                                     GError           **error);
/* Commits the open batch, then marks every snapshot of the file complete. */
gboolean  hub_import_context_finish (HubImportContext  *ctx,
                                     GError           **error);
/* Rolls the open batch back; the file's snapshots stay incomplete. */
void      hub_import_context_abort  (HubImportContext  *ctx);

/* The snapshot of @series at @captured_at for this file: an existing
 * incomplete one is resumed, a complete one is skipped (returns 0 with no
 * error: its rows are already stored), else a new one is begun and committed
 * at once, so that an interrupted import leaves it incomplete. */
gint64    hub_import_context_snapshot (HubImportContext  *ctx,
                                       const char        *series,
                                       gint64             captured_at,
                                       gboolean           carry_forward,
                                       gboolean          *out_skip,
                                       GError           **error);

/**
 * HubImportDump:
 * The snapshot that a user's dump (JSON, JSONL, Parquet) is writing: the
 * last capture time seen and its snapshot; @skip once that snapshot was
 * found complete (imported before).
 */
typedef struct {
  gint64   captured_at;
  gint64   snapshot_id;
  gboolean skip;
} HubImportDump;

#define HUB_IMPORT_DUMP_INIT { HUB_TIME_NONE, 0, FALSE }

/* Stores a dump's @entry and its counts as a row of the snapshot of
 * ctx->series at @captured_at (begun on first use). A snapshot that was
 * complete before is not written again: @dump->skip is set, a warning says
 * so once, and the entry is not stored. The embedded dataset stores the
 * model only. */
gboolean  hub_import_context_store_entry (HubImportContext     *ctx,
                                          HubImportDump        *dump,
                                          gint64                captured_at,
                                          const HubModelEntry  *entry,
                                          GError              **error);

/* A row of a snapshot that was imported before: counted, and said once
 * per snapshot (rows of history files are never dropped silently). */
void      hub_import_context_row_stored_before (HubImportContext *ctx,
                                                const char       *series,
                                                gint64            captured_at);

/* "NAME:WHERE: message" into the report's rejections. */
void      hub_import_context_reject (HubImportContext *ctx,
                                     const char       *where,
                                     const char       *message);
/* Moves ctx->warnings into the report as "NAME:WHERE: field ...". */
void      hub_import_context_flush_warnings (HubImportContext *ctx,
                                             const char       *where);
/* Parses one entry; a rejected one is reported (models_rejected) and gives
 * NULL. Dropped fields go to the report's warnings. */
HubModelEntry *hub_import_context_parse_entry (HubImportContext *ctx,
                                               JsonNode         *node,
                                               const char       *where);
/* Stores @entry in the open batch (added / updated counts). */
gboolean  hub_import_context_upsert (HubImportContext     *ctx,
                                     const HubModelEntry  *entry,
                                     GError              **error);
/* Adds one row to a snapshot in the open batch. */
gboolean  hub_import_context_snapshot_add (HubImportContext  *ctx,
                                           gint64             snapshot_id,
                                           const char        *model_id,
                                           gint64             downloads,
                                           gint64             downloads_all_time,
                                           gint64             likes,
                                           gint64             trending_score,
                                           gint64             rank,
                                           GError           **error);

/* A count in a text field (CSV): "" → HUB_COUNT_NONE; a bad value is
 * dropped with a warning naming @field into ctx->warnings. */
gint64    hub_import_parse_count    (HubImportContext *ctx,
                                     const char       *text,
                                     const char       *field);

/* The format readers. */
gboolean  hub_import_json_document  (HubImportContext  *ctx,
                                     GInputStream      *stream,
                                     HubImportFormat    format,
                                     GError           **error);
gboolean  hub_import_jsonl          (HubImportContext  *ctx,
                                     GDataInputStream  *stream,
                                     GError           **error);
gboolean  hub_import_trending_captures (HubImportContext  *ctx,
                                        GDataInputStream  *stream,
                                        GError           **error);
gboolean  hub_import_history_csv    (HubImportContext  *ctx,
                                     GInputStream      *stream,
                                     GError           **error);
gboolean  hub_import_monthly_crawl  (HubImportContext  *ctx,
                                     GInputStream      *stream,
                                     GError           **error);
gboolean  hub_import_authors_csv    (HubImportContext  *ctx,
                                     GInputStream      *stream,
                                     GError           **error);

/* Period downloads (see hub-import.h), CSV or JSONL. */
gboolean  hub_import_period_csv     (HubImportContext  *ctx,
                                     GInputStream      *stream,
                                     GError           **error);
gboolean  hub_import_period_jsonl   (HubImportContext  *ctx,
                                     GDataInputStream  *stream,
                                     GError           **error);
gboolean  hub_import_context_period_add (HubImportContext  *ctx,
                                         const char        *where,
                                         const char        *model_id,
                                         const char        *date,
                                         const char        *downloads,
                                         gint64             shift,
                                         GHashTable        *unknown,
                                         GError           **error);

/* A Parquet file (hub-import-parquet.c): a models snapshot or a per-model
 * series of period downloads, told by its columns. */
gboolean  hub_import_parquet        (HubImportContext  *ctx,
                                     const char        *path,
                                     GError           **error);

/* Taxonomy files of the embedded dataset (@tasks/pipelines.json,
 * model_libraries.json). */
gboolean  hub_import_pipelines      (HubImportContext  *ctx,
                                     GInputStream      *stream,
                                     GError           **error);
gboolean  hub_import_libraries      (HubImportContext  *ctx,
                                     GInputStream      *stream,
                                     GError           **error);

G_END_DECLS
