/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-client.h"
#include "hub-import.h"
#include "hub-store.h"

G_BEGIN_DECLS

/*
 * Backfill: the Hub keeps no download history, but some datasets on it are
 * histories: every daily commit of the hub-stats dataset rewrites its
 * models.parquet, so its revisions are dated full-Hub snapshots. A backfill
 * lists the dataset's commits through the Hub API, chooses revisions in a
 * date range at a given spacing, downloads each one's file (resumable, with
 * the client's retries, HF_ENDPOINT and HF_TOKEN), imports it as a snapshot
 * of one series dated by its commit, and deletes the download unless asked
 * to keep it. A revision whose snapshot is complete is skipped, so a killed
 * backfill resumes where it stopped: a partial download goes on from its
 * last byte, an interrupted import fills its incomplete snapshot again.
 */

/* The hub-stats dataset: its repository, file and the series it fills. */
#define HUB_BACKFILL_HUB_STATS_REPO   "cfahlgren1/hub-stats"
#define HUB_BACKFILL_HUB_STATS_PATH   "models.parquet"
#define HUB_BACKFILL_HUB_STATS_SERIES "hub-stats"

typedef struct {
  char   *id;      /* the commit */
  char   *title;
  gint64  date;    /* Unix seconds */
} HubRevision;

void hub_revision_free (HubRevision *revision);

/**
 * HubBackfillOptions:
 * @repo: the dataset, "owner/name"
 * @path: the file in it
 * @series: the snapshots' series
 * @since, @until: the commit dates kept, both inclusive (HUB_TIME_NONE: open)
 * @every_days: at least this many days between chosen revisions (0: all)
 * @download_dir: where downloads go (kept there while they are needed)
 * @keep_downloads: keep each file after its import
 */
typedef struct {
  const char *repo;
  const char *path;
  const char *series;
  gint64      since;
  gint64      until;
  guint       every_days;
  const char *download_dir;
  gboolean    keep_downloads;
} HubBackfillOptions;

typedef enum {
  HUB_BACKFILL_LISTING,      /* reading the commit list */
  HUB_BACKFILL_PLANNED,      /* sizes known: @n_todo, @bytes_total, @bytes_peak */
  HUB_BACKFILL_DOWNLOADING,  /* @revision: @bytes_done of @bytes_file */
  HUB_BACKFILL_IMPORTING,    /* @revision */
  HUB_BACKFILL_IMPORTED,     /* @revision done; @n_done of @n_todo */
} HubBackfillStage;

/**
 * HubBackfillStatus:
 * Where a backfill is, for progress: the chosen revisions (@n_chosen), how
 * many were imported before (@n_skipped) and are to do (@n_todo), the
 * download total, the most disk one revision needs at once, and the
 * current revision's progress.
 */
typedef struct {
  HubBackfillStage   stage;
  guint              n_chosen;
  guint              n_skipped;
  guint              n_todo;
  guint              n_done;
  guint64            bytes_total;
  guint64            bytes_peak;
  const HubRevision *revision;
  guint64            bytes_done;
  guint64            bytes_file;
} HubBackfillStatus;

/* Called on the thread that runs the backfill. */
typedef void (*HubBackfillProgress) (const HubBackfillStatus *status,
                                     gpointer                 user_data);

/* The dataset's commits, oldest first (GPtrArray of HubRevision), read
 * page by page from `GET /api/datasets/REPO/commits/main`. */
GPtrArray *hub_backfill_list_revisions (HubClient     *client,
                                        const char    *repo,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* The revisions of @all (oldest first) dated in [@since, @until], each at
 * least @every_days after the previous one chosen (the first in range is
 * always chosen). A new array sharing @all's elements. */
GPtrArray *hub_backfill_choose         (GPtrArray     *all,
                                        gint64         since,
                                        gint64         until,
                                        guint          every_days);

/**
 * hub_backfill_run:
 * @report: receives what the imports did
 *
 * Runs a backfill (see above). Before downloading, checks that the
 * download folder has room for the largest revision; @progress hears the
 * plan first. Blocking; cancel with @cancellable (a partial download is
 * kept for the next run). FALSE with @error.
 */
gboolean   hub_backfill_run            (HubStore                 *store,
                                        HubClient                *client,
                                        const HubBackfillOptions *options,
                                        HubBackfillProgress       progress,
                                        gpointer                  user_data,
                                        HubImportReport          *report,
                                        GCancellable             *cancellable,
                                        GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubRevision, hub_revision_free)

G_END_DECLS
