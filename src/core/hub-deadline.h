/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GCancellable that is cancelled when its parent is, or when @seconds
 * have passed: the whole of a request (connecting, waiting between
 * retries, every byte of the body) ends by then, however slowly a server
 * trickles its answer. An idle timeout alone never fires while one byte
 * arrives every few seconds. */
typedef struct _HubDeadline HubDeadline;

/* @seconds: 0 for none (then only @parent cancels) */
HubDeadline  *hub_deadline_new             (guint         seconds,
                                            GCancellable *parent);
GCancellable *hub_deadline_get_cancellable (HubDeadline  *deadline);
/* Whether the time ran out and the parent was not cancelled: the one
 * case where the caller reports its time limit. */
gboolean      hub_deadline_expired         (HubDeadline  *deadline);
void          hub_deadline_free            (HubDeadline  *deadline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubDeadline, hub_deadline_free)

G_END_DECLS
