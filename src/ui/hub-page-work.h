/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long work may take before its spinner shows (a quick answer shows
 * none, so the page does not flicker). */
#define HUB_PAGE_WORK_SPINNER_DELAY_MS 200

/**
 * HubPageWork:
 * The work a page runs off the main thread, one piece at a time: the
 * latest piece's serial (an answer with another serial is stale), its
 * cancellable (a new piece cancels the one before) and the spinner shown
 * while it runs for longer than %HUB_PAGE_WORK_SPINNER_DELAY_MS. Every page
 * embeds one.
 */
typedef struct {
  GtkWidget    *spinner;
  GCancellable *cancellable;     /* of the running piece; NULL when idle */
  guint         serial;
  guint         spinner_source;
} HubPageWork;

/* @spinner: (transfer none): the page's spinner, hidden until needed. */
void          hub_page_work_init    (HubPageWork *work,
                                     GtkWidget   *spinner);
/* Cancels the running piece and starts the next: returns its serial; its
 * cancellable is @work->cancellable. */
guint         hub_page_work_begin   (HubPageWork *work);
/* An answer for @serial arrived: TRUE when it is the latest piece's (the
 * spinner goes, the work is idle), FALSE when it is stale (nothing
 * changes). */
gboolean      hub_page_work_finish  (HubPageWork *work,
                                     guint        serial);
gboolean      hub_page_work_is_busy (const HubPageWork *work);
/* Cancels the running piece: the work is idle, and answers on their way
 * are stale. */
void          hub_page_work_cancel  (HubPageWork *work);
/* Cancels the running piece and forgets the spinner (dispose). */
void          hub_page_work_clear   (HubPageWork *work);

G_END_DECLS
