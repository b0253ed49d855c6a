/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-backfill-dialog.h"

#include <glib/gi18n.h>

#include "hub-accessible.h"
#include "hub-backfill.h"
#include "hub-display.h"
#include "hub-preferences-window.h"
#include "hub-refresh-bar.h"
#include "hub-settings.h"
#include "hub-window.h"

typedef enum {
  STATE_IDLE,
  STATE_RUNNING,
  STATE_PAUSING,
  STATE_PAUSED,
  STATE_DONE,
} State;

struct _HubBackfillDialog
{
  AdwWindow        parent_instance;

  HubWindow       *window;       /* weak: the dialog dies with it */
  GSettings       *settings;
  GCancellable    *cancellable;
  HubClient       *client;
  State            state;
  char            *download_dir;
  gint64           since;
  guint            every_days;
  gboolean         keep;
  gint64           last_progress; /* monotonic µs of the last download update */

  GtkButton       *start_button;
  AdwEntryRow     *since_row;
  AdwComboRow     *every_row;
  GtkSwitch       *keep_switch;
  GtkListBox      *options_list;
  GtkWidget       *progress_box;
  GtkLabel        *plan_label;
  GtkLabel        *status_label;
  GtkProgressBar  *progress_bar;
};

G_DEFINE_FINAL_TYPE (HubBackfillDialog, hub_backfill_dialog, ADW_TYPE_WINDOW)

static const guint every_days[] = { 1, 7, 30 };

/* A status copied off the worker thread. */
typedef struct {
  HubBackfillDialog *dialog;
  HubBackfillStatus  status;
  char              *revision_id;
  gint64             revision_date;
} StatusCopy;

static void
status_copy_free (gpointer data)
{
  StatusCopy *copy = data;

  g_object_unref (copy->dialog);
  g_free (copy->revision_id);
  g_free (copy);
}

static void
update_buttons (HubBackfillDialog *self)
{
  const char *label = _("_Start");
  gboolean sensitive = TRUE;

  switch (self->state)
    {
    case STATE_RUNNING: label = _("_Pause"); break;
    case STATE_PAUSING: label = _("_Pause"); sensitive = FALSE; break;
    case STATE_PAUSED: label = _("_Resume"); break;
    case STATE_DONE: sensitive = FALSE; break;
    case STATE_IDLE:
    default:
      break;
    }
  gtk_button_set_label (self->start_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_list), self->state == STATE_IDLE || self->state == STATE_DONE);
}

static char *
format_day (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt != NULL ? g_date_time_format (dt, "%x") : g_strdup ("?");
}

static gboolean
show_status (gpointer data)
{
  StatusCopy *copy = data;
  HubBackfillDialog *self = copy->dialog;
  const HubBackfillStatus *s = &copy->status;

  if (self->state != STATE_RUNNING && self->state != STATE_PAUSING)
    return G_SOURCE_REMOVE;

  switch (s->stage)
    {
    case HUB_BACKFILL_LISTING:
      gtk_label_set_text (self->status_label, _("Reading the list of revisions…"));
      gtk_progress_bar_pulse (self->progress_bar);
      break;
    case HUB_BACKFILL_PLANNED:
      {
        g_autofree char *total = g_format_size (s->bytes_total);
        g_autofree char *peak = g_format_size (s->bytes_peak);
        g_autofree char *plan = NULL;

        if (s->n_todo == 0)
          plan = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u revision chosen; it was imported before.",
                                               "%u revisions chosen; all were imported before.", s->n_chosen),
                                  s->n_chosen);
        else
          /* TRANSLATORS: e.g. "52 revisions chosen, 10 imported before: 42 to download (14.2 GB), at most 340 MB on disk at once." */
          plan = g_strdup_printf (_("%u revisions chosen, %u imported before: %u to download (%s), "
                                    "at most %s on disk at once."),
                                  s->n_chosen, s->n_skipped, s->n_todo, total, peak);
        gtk_label_set_text (self->plan_label, plan);
      }
      break;
    case HUB_BACKFILL_DOWNLOADING:
    case HUB_BACKFILL_IMPORTING:
      {
        g_autofree char *day = format_day (copy->revision_date);
        g_autofree char *text = NULL;
        double done = s->n_todo > 0 ? (double) s->n_done / s->n_todo : 0;

        if (s->stage == HUB_BACKFILL_DOWNLOADING)
          {
            g_autofree char *got = g_format_size (s->bytes_done);
            g_autofree char *of = g_format_size (s->bytes_file);
            double file = s->bytes_file > 0 ? (double) s->bytes_done / s->bytes_file : 0;

            /* TRANSLATORS: "Revision of 7 Jan 2025 (3 of 42): downloading, 120 MB of 340 MB" */
            text = g_strdup_printf (_("Revision of %s (%u of %u): downloading, %s of %s"),
                                    day, s->n_done + 1, s->n_todo, got, of);
            done += 0.5 * file / MAX (s->n_todo, 1);
          }
        else
          {
            text = g_strdup_printf (_("Revision of %s (%u of %u): importing"), day, s->n_done + 1, s->n_todo);
            done += 0.5 / MAX (s->n_todo, 1);
          }
        gtk_label_set_text (self->status_label, text);
        gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (done, 0, 1));
      }
      break;
    case HUB_BACKFILL_IMPORTED:
      gtk_progress_bar_set_fraction (self->progress_bar, s->n_todo > 0 ? (double) s->n_done / s->n_todo : 1);
      break;
    default:
      break;
    }
  return G_SOURCE_REMOVE;
}

/* On the worker thread. */
static void
progress_cb (const HubBackfillStatus *status,
             gpointer                 user_data)
{
  HubBackfillDialog *self = user_data;
  StatusCopy *copy;

  /* Download updates come every 64 KB: a few a second are enough. */
  if (status->stage == HUB_BACKFILL_DOWNLOADING && status->bytes_done > 0)
    {
      gint64 now = g_get_monotonic_time ();

      if (now - self->last_progress < G_USEC_PER_SEC / 8)
        return;
      self->last_progress = now;
    }

  copy = g_new0 (StatusCopy, 1);
  copy->dialog = g_object_ref (self);
  copy->status = *status;
  copy->status.revision = NULL;
  if (status->revision != NULL)
    {
      copy->revision_id = g_strdup (status->revision->id);
      copy->revision_date = status->revision->date;
    }
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_status, copy, status_copy_free);
}

typedef struct {
  char               *db_path;
  HubBackfillOptions  options;
  char               *download_dir;
  HubImportReport    *report;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->download_dir);
  hub_import_report_free (job->report);
  g_free (job);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  HubBackfillDialog *self = source;
  Job *job = task_data;
  g_autoptr(HubStore) store = NULL;
  GError *error = NULL;

  store = hub_store_open (job->db_path, &error);
  if (store == NULL ||
      !hub_backfill_run (store, self->client, &job->options, progress_cb, self, job->report,
                         cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  HubBackfillDialog *self = HUB_BACKFILL_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  if (job->report->snapshots_written > 0 && self->window != NULL)
    hub_window_reload (self->window);

  if (ok)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Done: %u snapshot added to the series “hub-stats”.",
                                                            "Done: %u snapshots added to the series “hub-stats”.",
                                                            job->report->snapshots_written),
                                               job->report->snapshots_written);

      self->state = STATE_DONE;
      gtk_label_set_text (self->status_label, text);
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->state = STATE_PAUSED;
      gtk_label_set_text (self->status_label,
                          _("Paused. What was imported stays; Resume goes on from the revision it stopped at."));
    }
  else
    {
      g_autofree char *text = hub_refresh_describe_error (error);

      self->state = STATE_PAUSED;
      gtk_label_set_text (self->status_label, text);
    }
  update_buttons (self);
}

static void
start_job (HubBackfillDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (hub_window_get_db_path (self->window));
  job->download_dir = g_strdup (self->download_dir);
  job->report = hub_import_report_new ();
  job->options = (HubBackfillOptions) {
    HUB_BACKFILL_HUB_STATS_REPO, HUB_BACKFILL_HUB_STATS_PATH, HUB_BACKFILL_HUB_STATS_SERIES,
    self->since, HUB_TIME_NONE, self->every_days, job->download_dir, self->keep,
  };

  self->state = STATE_RUNNING;
  self->cancellable = g_cancellable_new ();
  update_buttons (self);
  gtk_widget_set_visible (self->progress_box, TRUE);

  task = g_task_new (self, self->cancellable, run_done, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, run_thread);
}

static void
token_found (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HubBackfillDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = hub_preferences_lookup_token_finish (result, &error);

  hub_client_set_token (self->client, token);
  hub_preferences_token_free (token);
  if (self->window == NULL)
    return;
  start_job (self);
}

static gboolean
read_options (HubBackfillDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->since_row));
  guint every = adw_combo_row_get_selected (self->every_row);

  self->since = hub_time_parse_iso8601 (text);
  if (self->since == HUB_TIME_NONE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->since_row), "error");
      gtk_label_set_text (self->status_label, _("Enter the first day as YYYY-MM-DD, for example 2025-01-01."));
      gtk_widget_set_visible (self->progress_box, TRUE);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->since_row), "error");
  self->every_days = every_days[MIN (every, G_N_ELEMENTS (every_days) - 1)];
  self->keep = gtk_switch_get_active (self->keep_switch);
  return TRUE;
}

static void
on_start_clicked (HubBackfillDialog *self)
{

  if (self->window == NULL)
    return;
  switch (self->state)
    {
    case STATE_RUNNING:
      /* Pause: stop now; the next run skips what is stored and resumes
       * a partial download. */
      self->state = STATE_PAUSING;
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->status_label, _("Pausing…"));
      update_buttons (self);
      return;
    case STATE_IDLE:
    case STATE_PAUSED:
      if (!read_options (self))
        return;
      break;
    case STATE_PAUSING:
    case STATE_DONE:
    default:
      return;
    }

  hub_settings_configure_client (self->settings, self->client);
  gtk_label_set_text (self->status_label, _("Connecting…"));
  gtk_widget_set_visible (self->progress_box, TRUE);
  self->state = STATE_RUNNING;
  update_buttons (self);
  /* Until the job has its cancellable, there is nothing to pause. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
  hub_preferences_lookup_token_async (NULL, token_found, g_object_ref (self));
}

static gboolean
hub_backfill_dialog_close_request (GtkWindow *window)
{
  HubBackfillDialog *self = HUB_BACKFILL_DIALOG (window);

  /* Closing stops the backfill where it is; a later one resumes. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (hub_backfill_dialog_parent_class)->close_request (window);
}

static void
hub_backfill_dialog_dispose (GObject *object)
{
  HubBackfillDialog *self = HUB_BACKFILL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_BACKFILL_DIALOG);
  G_OBJECT_CLASS (hub_backfill_dialog_parent_class)->dispose (object);
}

static void
hub_backfill_dialog_finalize (GObject *object)
{
  HubBackfillDialog *self = HUB_BACKFILL_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_free (self->download_dir);
  G_OBJECT_CLASS (hub_backfill_dialog_parent_class)->finalize (object);
}

static void
hub_backfill_dialog_class_init (HubBackfillDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hub_backfill_dialog_dispose;
  object_class->finalize = hub_backfill_dialog_finalize;
  window_class->close_request = hub_backfill_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-backfill-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, every_row);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, keep_switch);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, options_list);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, plan_label);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, HubBackfillDialog, progress_bar);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hub_backfill_dialog_init (HubBackfillDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_years (now, -1);
  g_autofree char *since = g_date_time_format (year_ago, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->client = hub_client_new (NULL);
  self->download_dir = g_build_filename (g_get_user_cache_dir (), "hubeco", "backfill", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->since_row), since);
  adw_combo_row_set_selected (self->every_row, 1);
  gtk_widget_set_visible (self->progress_box, FALSE);
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  update_buttons (self);
  hub_accessible_mend (GTK_WIDGET (self));
}

GtkWidget *
hub_backfill_dialog_new (HubWindow *window,
                         GSettings *settings)
{
  HubBackfillDialog *self;

  g_return_val_if_fail (HUB_IS_WINDOW (window), NULL);

  self = g_object_new (HUB_TYPE_BACKFILL_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  return GTK_WIDGET (self);
}

gboolean
hub_backfill_dialog_get_running (HubBackfillDialog *self)
{
  g_return_val_if_fail (HUB_IS_BACKFILL_DIALOG (self), FALSE);
  return self->state == STATE_RUNNING || self->state == STATE_PAUSING;
}
