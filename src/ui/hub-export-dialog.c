/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-export-dialog.h"
#include "hub-accessible.h"
#include "hub-chart-view.h"
#include "hub-window.h"

#include <adwaita.h>
#include <glib/gi18n.h>

typedef struct {
  GtkWindow          *window;
  char               *basename;
  char               *caption;
  HubChartRenderFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
  AdwComboRow        *format_row;
  GtkSpinButton      *width_spin;
  GtkSpinButton      *height_spin;
  AdwComboRow        *scale_row;
  AdwEntryRow        *title_row;
} ExportDialog;

static void
export_dialog_free (ExportDialog *d)
{
  if (d->destroy != NULL && d->data != NULL)
    d->destroy (d->data);
  g_free (d->basename);
  g_free (d->caption);
  g_free (d);
}

static HubChartFormat
chosen_format (ExportDialog *d)
{
  return (HubChartFormat) adw_combo_row_get_selected (d->format_row);
}

static void
show_error (ExportDialog *d,
            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (d->window, _("Could Not Export the Chart"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * hub_export_dialog_write:
 * @window: a dialog from hub_export_dialog_present()
 * @path: the file; .png, .svg or .pdf
 *
 * Returns: FALSE with @error (#HUB_CHART_EXPORT_ERROR) when it cannot be
 *   written; nothing is left behind then.
 */
gboolean
hub_export_dialog_write (GtkWindow   *window,
                         const char  *path,
                         GError     **error)
{
  ExportDialog *d;
  HubChartExportOptions options;
  HubChartStyle style;
  const char *title;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  d = g_object_get_data (G_OBJECT (window), "hub-export-dialog");
  g_return_val_if_fail (d != NULL, FALSE);

  hub_chart_export_options_init (&options);
  options.width = gtk_spin_button_get_value_as_int (d->width_spin);
  options.height = gtk_spin_button_get_value_as_int (d->height_spin);
  options.scale = adw_combo_row_get_selected (d->scale_row) == 1 ? 2.0 : 1.0;
  title = gtk_editable_get_text (GTK_EDITABLE (d->title_row));
  options.title = title != NULL && *title != '\0' ? title : NULL;
  options.caption = d->caption;
  hub_chart_view_style_for_screen (&style, FALSE);
  return hub_chart_export (path, &options, &style, d->func, d->data, error);
}

static void
on_file_response (GtkNativeDialog *chooser,
                  int              response,
                  ExportDialog    *d)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *with_ext = NULL;
      const char *ext = hub_chart_format_to_string (chosen_format (d));
      HubChartFormat format;

      /* A name without the format's extension gets it. */
      if (path != NULL && !hub_chart_format_from_path (path, &format, NULL))
        with_ext = g_strconcat (path, ".", ext, NULL);
      if (path == NULL)
        show_error (d, _("Only local files can be written."));
      else if (!hub_export_dialog_write (d->window, with_ext != NULL ? with_ext : path, &error))
        show_error (d, error->message);
      else
        {
          hub_export_report_saved (GTK_WIDGET (d->window), with_ext != NULL ? with_ext : path);
          gtk_window_close (d->window);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_clicked (ExportDialog *d)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *ext = hub_chart_format_to_string (chosen_format (d));
  g_autofree char *name = g_strconcat (d->basename, ".", ext, NULL);
  g_autofree char *upper = g_ascii_strup (ext, -1);
  /* Translators: a file type, e.g. "PNG images" */
  g_autofree char *filter_name = g_strdup_printf (_("%s files"), upper);

  chooser = gtk_file_chooser_native_new (_("Export Chart"), d->window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, ext);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  hub_export_propose_folder (GTK_FILE_CHOOSER (chooser), G_USER_DIRECTORY_PICTURES);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_response), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_format_changed (ExportDialog *d)
{
  gtk_widget_set_sensitive (GTK_WIDGET (d->scale_row), chosen_format (d) == HUB_CHART_FORMAT_PNG);
}

static GtkSpinButton *
add_size_row (AdwPreferencesGroup *group,
              const char          *title,
              int                  value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (HUB_CHART_EXPORT_MIN_SIZE, HUB_CHART_EXPORT_MAX_SIZE, 10);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  /* Named by the row's title, its mnemonic label. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

GtkWindow *
hub_export_dialog_present (GtkWidget          *parent,
                           const char         *basename,
                           const char         *title,
                           const char         *caption,
                           HubChartRenderFunc  func,
                           gpointer            data,
                           GDestroyNotify      destroy)
{
  ExportDialog *d;
  GtkRoot *root;
  GtkWidget *window, *toolbar, *header, *page, *button, *cancel;
  AdwPreferencesGroup *group;
  const char *formats[] = { "PNG", "SVG", "PDF", NULL };
  const char *scales[] = { "1×", "2×", NULL };
  HubChartExportOptions defaults;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (basename != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  hub_chart_export_options_init (&defaults);
  d = g_new0 (ExportDialog, 1);
  d->basename = g_strdup (basename);
  d->caption = g_strdup (caption);
  d->func = func;
  d->data = data;
  d->destroy = destroy;

  root = gtk_widget_get_root (parent);
  window = adw_window_new ();
  d->window = GTK_WINDOW (window);
  gtk_window_set_title (d->window, _("Export Chart"));
  gtk_window_set_modal (d->window, TRUE);
  gtk_window_set_default_size (d->window, 420, -1);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (d->window, GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (window), "hub-export-dialog", d, (GDestroyNotify) export_dialog_free);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_export_clicked), d);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (toolbar), header);

  page = adw_preferences_page_new ();
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (group, _("The figure has the chart, its title and its caption, drawn on a light background. PDF keeps the text as text, to search and copy; SVG draws it as outlines, sharp at any size."));
  d->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->format_row), _("_Format"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (d->format_row), TRUE);
  adw_combo_row_set_model (d->format_row, G_LIST_MODEL (gtk_string_list_new (formats)));
  g_signal_connect_swapped (d->format_row, "notify::selected", G_CALLBACK (on_format_changed), d);
  adw_preferences_group_add (group, GTK_WIDGET (d->format_row));
  d->width_spin = add_size_row (group, _("_Width (pixels)"), defaults.width);
  d->height_spin = add_size_row (group, _("_Height (pixels)"), defaults.height);
  d->scale_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->scale_row), _("_Scale"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (d->scale_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (d->scale_row), _("PNG only: 2× for sharp print and high-density screens"));
  adw_combo_row_set_model (d->scale_row, G_LIST_MODEL (gtk_string_list_new (scales)));
  adw_preferences_group_add (group, GTK_WIDGET (d->scale_row));
  d->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->title_row), _("_Title"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (d->title_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (d->title_row), title != NULL ? title : "");
  adw_preferences_group_add (group, GTK_WIDGET (d->title_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (window), toolbar);

  hub_accessible_mend (GTK_WIDGET (d->window));
  gtk_window_present (d->window);
  return d->window;
}

typedef struct {
  GtkWidget           *page;
  HubExportDataChosen  done;
} Choice;

static void
data_chosen (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  Choice *choice = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    choice->done (choice->page, path);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (choice->page);
  g_free (choice);
}

void
hub_export_data_choose (GtkWidget           *page,
                        const char          *title,
                        const char          *basename,
                        HubExportDataChosen  done)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autofree char *name = g_strconcat (basename, ".csv", NULL);
  Choice *choice = g_new0 (Choice, 1);

  choice->page = g_object_ref (page);
  choice->done = done;
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV with a manifest"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  hub_export_propose_folder (GTK_FILE_CHOOSER (dialog), G_USER_DIRECTORY_DOCUMENTS);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (data_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The folder of the last export in this run. */
static char *last_folder;

void
hub_export_propose_folder (GtkFileChooser *chooser,
                           GUserDirectory  fallback)
{
  const char *dir = last_folder != NULL ? last_folder : g_get_user_special_dir (fallback);
  g_autoptr(GFile) folder = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    dir = g_get_home_dir ();
  folder = g_file_new_for_path (dir);
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
open_folder (AdwToast  *toast,
             GtkWindow *window)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "hub-folder-uri");

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

void
hub_export_report_saved (GtkWidget  *widget,
                         const char *path)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *title = NULL;
  g_autoptr(GFile) folder = NULL;
  AdwToast *toast;

  g_free (last_folder);
  last_folder = g_path_get_dirname (path);
  /* A dialog reports to the window it belongs to. */
  if (window != NULL && !HUB_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  if (window == NULL || !HUB_IS_WINDOW (window))
    return;
  title = g_strdup_printf (_("Exported “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  folder = g_file_new_for_path (last_folder);
  g_object_set_data_full (G_OBJECT (toast), "hub-folder-uri", g_file_get_uri (folder), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_folder), window, 0);
  hub_window_add_toast (HUB_WINDOW (window), toast);
}

void
hub_export_data_report (GtkWidget    *page,
                        const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *message = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               _("Could Not Export the Data"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (message));
}

typedef struct {
  HubExportDataWrite  write;
  gpointer            data;
  GDestroyNotify      release;
  char               *path;
} WriteJob;

static void
write_job_free (gpointer user_data)
{
  WriteJob *job = user_data;

  if (job->release != NULL)
    job->release (job->data);
  g_free (job->path);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (job->write (job->data, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    hub_export_data_report (GTK_WIDGET (object), error);
  else
    hub_export_report_saved (GTK_WIDGET (object), job->path);
}

void
hub_export_data_write_async (GtkWidget          *page,
                             const char         *path,
                             HubExportDataWrite  write,
                             gpointer            data,
                             GDestroyNotify      release)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (path != NULL && write != NULL);

  job = g_new0 (WriteJob, 1);
  job->write = write;
  job->data = data;
  job->release = release;
  job->path = g_strdup (path);
  task = g_task_new (page, NULL, write_done, NULL);
  g_task_set_task_data (task, job, write_job_free);
  g_task_run_in_thread (task, write_thread);
}
