/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-import-dialog.h"

#include <glib/gi18n.h>

#include "hub-import.h"

/* One import run: the files, the window to reload, the dialog that shows
 * the progress and then the summary. */
typedef struct {
  HubWindow       *window;      /* weak */
  char            *db_path;
  GPtrArray       *files;       /* GFile */
  AdwMessageDialog *dialog;
  GtkProgressBar  *progress;
  GCancellable    *cancellable;
  guint            pulse_source;
  gboolean         done;
  HubImportReport *report;
  GPtrArray       *errors;      /* char*: files not read */
} ImportRun;

static void
import_run_free (ImportRun *run)
{
  g_clear_handle_id (&run->pulse_source, g_source_remove);
  g_clear_weak_pointer (&run->window);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->files, g_ptr_array_unref);
  g_clear_pointer (&run->report, hub_import_report_free);
  g_clear_pointer (&run->errors, g_ptr_array_unref);
  g_free (run->db_path);
  g_free (run);
}

static gboolean
pulse_cb (gpointer data)
{
  ImportRun *run = data;

  gtk_progress_bar_pulse (run->progress);
  return G_SOURCE_CONTINUE;
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportRun *run = task_data;
  g_autoptr(HubStore) store = NULL;
  GError *error = NULL;

  store = hub_store_open (run->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < run->files->len; i++)
    {
      g_autoptr(GError) file_error = NULL;

      if (!hub_import_file (store, g_ptr_array_index (run->files, i), HUB_IMPORT_FORMAT_AUTO,
                            run->report, cancellable, &file_error))
        {
          if (g_error_matches (file_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, g_steal_pointer (&file_error));
              return;
            }
          /* The importer's messages start with the file's name. */
          g_ptr_array_add (run->errors, g_strdup (file_error->message));
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportRun *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *summary = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  run->done = TRUE;
  g_clear_handle_id (&run->pulse_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (run->progress), FALSE);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_string_append (body, _("Stopped. The batches stored before stay; importing the same file again completes it.\n\n"));
  else if (!ok)
    g_string_append_printf (body, "%s\n\n", error->message);
  for (guint i = 0; i < run->errors->len; i++)
    g_string_append_printf (body, "%s\n", (const char *) g_ptr_array_index (run->errors, i));
  if (run->errors->len > 0)
    g_string_append_c (body, '\n');
  summary = hub_import_report_summary (run->report);
  g_string_append (body, summary);

  /* The progress dialog goes (it may be closed already: Stop closes it);
   * the summary gets a dialog of its own. */
  gtk_window_close (GTK_WINDOW (run->dialog));
  if (run->window != NULL)
    {
      AdwMessageDialog *summary_dialog;

      summary_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (run->window),
                                                                   ok && run->errors->len == 0
                                                                   ? _("Import Finished")
                                                                   : _("Import Incomplete"),
                                                                   g_strchomp (body->str)));
      adw_message_dialog_add_response (summary_dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (summary_dialog));
    }

  if (run->window != NULL && (run->report->models_added + run->report->models_updated +
                              run->report->snapshot_rows + run->report->period_rows +
                              run->report->authors_written) > 0)
    hub_window_reload (run->window);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             ImportRun        *run)
{
  /* Before the end, the one button stops the import. */
  if (!run->done)
    g_cancellable_cancel (run->cancellable);
}

static void
start_import (HubWindow *window,
              GPtrArray *files)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *heading = NULL;
  ImportRun *run = g_new0 (ImportRun, 1);

  g_set_weak_pointer (&run->window, window);
  run->db_path = g_strdup (hub_window_get_db_path (window));
  run->files = g_ptr_array_ref (files);
  run->cancellable = g_cancellable_new ();
  run->report = hub_import_report_new ();
  run->errors = g_ptr_array_new_with_free_func (g_free);

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Importing %u File…", "Importing %u Files…", files->len),
                             files->len);
  run->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), heading,
                                                            _("Each file is checked and stored in batches; "
                                                              "Parquet files are read through DuckDB.")));
  adw_message_dialog_add_response (run->dialog, "close", _("_Stop"));
  adw_message_dialog_set_close_response (run->dialog, "close");
  run->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (run->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import progress"), -1);
  adw_message_dialog_set_extra_child (run->dialog, GTK_WIDGET (run->progress));
  run->pulse_source = g_timeout_add (150, pulse_cb, run);
  g_signal_connect (run->dialog, "response", G_CALLBACK (on_response), run);
  gtk_window_present (GTK_WINDOW (run->dialog));

  /* The run lives as long as the dialog. */
  g_object_set_data_full (G_OBJECT (run->dialog), "hub-import-run", run, (GDestroyNotify) import_run_free);
  task = g_task_new (run->dialog, run->cancellable, import_done, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, run, NULL);
  g_task_run_in_thread (task, import_thread);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(HubWindow) window = user_data;
  g_autoptr(GListModel) selected = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      selected = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = 0; i < g_list_model_get_n_items (selected); i++)
        g_ptr_array_add (files, g_list_model_get_item (selected, i));
    }
  g_object_unref (chooser);
  if (files->len > 0)
    start_import (window, files);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
hub_import_dialog_present (HubWindow *window)
{
  static const char * const hub_data[] = {
    "*.parquet", "*.json", "*.jsonl", "*.ndjson", "*.jsonl.gz", "*.json.gz", "*.csv", "*.csv.gz", NULL
  };
  static const char * const all[] = { "*", NULL };
  GtkFileChooserNative *chooser;

  g_return_if_fail (HUB_IS_WINDOW (window));

  chooser = gtk_file_chooser_native_new (_("Import Hub Data"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Hub data (Parquet, JSON, JSONL, CSV)"), hub_data);
  add_filter (GTK_FILE_CHOOSER (chooser), _("All files"), all);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
hub_import_dialog_import_files (HubWindow *window,
                                GPtrArray *files)
{
  g_return_if_fail (HUB_IS_WINDOW (window));
  g_return_if_fail (files != NULL && files->len > 0);

  start_import (window, files);
}
