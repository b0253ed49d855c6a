/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-deadline.h"

struct _HubDeadline {
  GCancellable *cancellable;
  GCancellable *parent;
  gulong        parent_handler;
  GThread      *timer;
  GMutex        lock;
  GCond         cond;
  gint64        end;        /* monotonic µs */
  gboolean      done;       /* freed: the timer thread stops */
  gboolean      expired;
};

/* The timer thread sleeps until the end or until it is told to stop. */
static gpointer
timer_main (gpointer data)
{
  HubDeadline *self = data;
  gboolean fire = FALSE;

  g_mutex_lock (&self->lock);
  while (!self->done)
    if (!g_cond_wait_until (&self->cond, &self->lock, self->end) && !self->done)
      {
        self->expired = fire = TRUE;
        break;
      }
  g_mutex_unlock (&self->lock);
  if (fire)
    g_cancellable_cancel (self->cancellable);
  return NULL;
}

static void
parent_cancelled_cb (GCancellable *parent,
                     GCancellable *child)
{
  g_cancellable_cancel (child);
}

HubDeadline *
hub_deadline_new (guint         seconds,
                  GCancellable *parent)
{
  HubDeadline *self = g_new0 (HubDeadline, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->cancellable = g_cancellable_new ();
  if (parent != NULL)
    {
      self->parent = g_object_ref (parent);
      self->parent_handler = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb),
                                                    self->cancellable, NULL);
    }
  if (seconds > 0)
    {
      self->end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
      self->timer = g_thread_new ("hubeco-deadline", timer_main, self);
    }
  return self;
}

GCancellable *
hub_deadline_get_cancellable (HubDeadline *self)
{
  return self->cancellable;
}

gboolean
hub_deadline_expired (HubDeadline *self)
{
  gboolean expired;

  g_mutex_lock (&self->lock);
  expired = self->expired;
  g_mutex_unlock (&self->lock);
  return expired && (self->parent == NULL || !g_cancellable_is_cancelled (self->parent));
}

void
hub_deadline_free (HubDeadline *self)
{
  if (self == NULL)
    return;
  if (self->timer != NULL)
    {
      g_mutex_lock (&self->lock);
      self->done = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->lock);
      g_thread_join (self->timer);
    }
  if (self->parent != NULL)
    {
      g_cancellable_disconnect (self->parent, self->parent_handler);
      g_object_unref (self->parent);
    }
  g_object_unref (self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
