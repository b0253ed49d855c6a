/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-sizes-page.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hub-adaptive-bin.h"
#include "hub-chart-view.h"
#include "hub-dataset-boxed.h"
#include "hub-display.h"
#include "hub-export-dialog.h"
#include "hub-page-work.h"
#include "hub-settings.h"
#include "hub-sizes-estimate.h"
#include "hub-size-chart.h"
#include "hub-store.h"
#include "hub-tab-stop.h"


typedef enum {
  COL_PERIOD,
  COL_N,
  COL_MEDIAN,
  COL_MEAN,
  COL_P10,
  COL_P90,
  COL_SHARES,
  N_COLUMNS = COL_SHARES + HUB_N_SIZE_BUCKETS
} Column;

static const struct {
  const char *id;
  const char *title;
} column_info[COL_SHARES] = {
  [COL_PERIOD] = { "period", N_("Period") },
  [COL_N]      = { "n",      N_("Models") },
  [COL_MEDIAN] = { "median", N_("Median") },
  [COL_MEAN]   = { "mean",   N_("Mean") },
  [COL_P10]    = { "p10",    N_("P10") },
  [COL_P90]    = { "p90",    N_("P90") },
};

typedef struct {
  HubDataset     *dataset;
  char           *db_path;
  HubSizeTable   *table;      /* nullable: built on the worker */
  HubListQuery    filter;
  HubSizeOptions  options;
  guint           serial;
  gint64          started;
} ComputeData;

typedef struct {
  HubSizeTable  *table;
  HubSizeResult *result;
} ComputeResult;

static void
compute_data_free (ComputeData *data)
{
  hub_list_query_clear (&data->filter);
  hub_dataset_unref (data->dataset);
  g_clear_pointer (&data->table, hub_size_table_unref);
  g_free (data->db_path);
  g_free (data);
}

static void
compute_result_free (ComputeResult *res)
{
  g_clear_pointer (&res->table, hub_size_table_unref);
  g_clear_pointer (&res->result, hub_size_result_free);
  g_free (res);
}

/* A result shared by the page, its chart view and an export dialog. The
 * chart data comes first: the struct is the renderer's data. */
typedef struct {
  HubSizeChartData  chart;
  HubSizeResult    *result;
} Shown;

static void
shown_clear (Shown *shown)
{
  hub_size_result_free (shown->result);
}

static void
shown_unref (gpointer shown)
{
  g_rc_box_release_full (shown, (GDestroyNotify) shown_clear);
}

static Shown *
shown_new (HubSizeResult *result)
{
  Shown *shown = g_rc_box_new0 (Shown);

  shown->result = result;
  shown->chart.result = result;
  return shown;
}

struct _HubSizesPage
{
  AdwBin          parent_instance;

  HubDataset     *dataset;
  char           *db_path;
  HubSizeTable   *table;      /* for dataset, once built */
  Shown          *shown;      /* nullable */
  HubPageWork     work;
  GSettings      *settings;   /* nullable: no schema installed */
  GtkStringList  *rows;       /* one item per period: its index */

  GtkDropDown    *period_dropdown;
  GtkDropDown    *cohort_dropdown;
  GtkDropDown    *weight_dropdown;
  GtkDropDown    *shape_dropdown;
  GtkSwitch      *estimated_switch;
  GtkSpinner     *spinner;
  HubAdaptiveBin *adaptive_bin;
  GtkBox         *controls_box;
  GtkMenuButton  *filters_button;
  GtkPopover     *filters_popover;
  HubFilterBar   *filter_bar;
  GtkStack       *content_stack;
  GtkLabel       *title_label;
  GtkBox         *chart_box;
  HubChartView   *chart;
  GtkLabel       *caption_label;
  GtkBox         *estimate_box;
  GtkLabel       *estimate_label;
  GtkButton      *estimate_button;
  GtkColumnView  *column_view;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (HubSizesPage, hub_sizes_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_compute (HubSizesPage *self);

/* Chart ------------------------------------------------------------------- */

static char *cell_text (const HubSizeResult *result, guint row, int column);

/* The period under the pointer, as a tooltip with its numbers. */
static char *
chart_hover (HubChartView *view,
             double        x,
             double        y,
             int           width,
             int           height,
             gpointer      user_data)
{
  HubSizesPage *self = user_data;
  const HubSizeResult *result = hub_sizes_page_get_result (self);
  HubSizeChartLayout layout;
  HubChartStyle style;
  const HubSizePeriod *p;
  g_autofree char *median = NULL, *mean = NULL, *p10 = NULL, *p90 = NULL, *n = NULL, *label = NULL;
  guint index;

  if (result == NULL || result->n_periods == 0)
    return NULL;
  hub_chart_view_get_style (view, &style);
  hub_size_chart_get_layout (width, height, &style, result->n_periods, &layout);
  if (x < layout.box_plot.x || x >= layout.box_plot.x + layout.box_plot.width ||
      y < layout.box_plot.y || y >= layout.bars.y + layout.bars.height || layout.band_width <= 0)
    return NULL;

  index = MIN ((guint) ((x - layout.box_plot.x) / layout.band_width), result->n_periods - 1);
  p = &result->periods[index];
  if (p->n == 0)
    return NULL;
  label = g_markup_escape_text (p->label, -1);
  median = cell_text (result, index, COL_MEDIAN);
  mean = cell_text (result, index, COL_MEAN);
  p10 = cell_text (result, index, COL_P10);
  p90 = cell_text (result, index, COL_P90);
  n = cell_text (result, index, COL_N);
  /* Translators: a tooltip; period, median, mean, p10, p90, number of models */
  return g_strdup_printf (_("<b>%s</b>\nMedian %s · mean %s\n80%% between %s and %s\n%s models"),
                          label, median, mean, p10, p90, n);
}

static gint64
params_or_none (double value)
{
  return isfinite (value) ? (gint64) llround (value) : HUB_COUNT_NONE;
}

/* "2026: median 1.5B, mean 27B (n = 3,208); ..." for screen readers. */
static char *
describe_result (const HubSizeResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append (text, _("Parameter counts per period on a log axis."));
  for (guint i = 0; result != NULL && i < result->n_periods; i++)
    {
      const HubSizePeriod *p = &result->periods[i];
      g_autofree char *median = NULL;
      g_autofree char *mean = NULL;
      g_autofree char *n = hub_display_count (p->n);

      if (p->n == 0)
        continue;
      median = hub_display_parameters (params_or_none (p->quantiles[2]));
      mean = hub_display_parameters (params_or_none (p->mean));
      g_string_append_c (text, ' ');
      /* Translators: period, median, mean, number of models */
      g_string_append_printf (text, p->n < HUB_SIZE_CHART_FEW_MODELS
                                    ? _("%s: median %s, mean %s (%s models, too few to compare).")
                                    : _("%s: median %s, mean %s (%s models)."),
                              p->label, median, mean, n);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Table ------------------------------------------------------------------- */

static char *
cell_text (const HubSizeResult *result,
           guint                row,
           int                  column)
{
  const HubSizePeriod *p;

  if (result == NULL || row >= result->n_periods)
    return NULL;
  p = &result->periods[row];

  switch (column)
    {
    case COL_PERIOD:
      if (p->includes_earlier)
        /* Translators: a period that holds the models at the createdAt floor */
        return g_strdup_printf (_("%s or earlier"), p->label);
      return g_strdup (p->label);
    case COL_N:
      return hub_display_count (p->n);
    case COL_MEDIAN:
      return hub_display_parameters (params_or_none (p->quantiles[2]));
    case COL_MEAN:
      return hub_display_parameters (params_or_none (p->mean));
    case COL_P10:
      return hub_display_parameters (params_or_none (p->quantiles[0]));
    case COL_P90:
      return hub_display_parameters (params_or_none (p->quantiles[4]));
    case N_COLUMNS:
      g_assert_not_reached ();
    default:
      return hub_display_ratio (p->weight > 0 ? p->bucket_shares[column - COL_SHARES] : -1);
    }
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_PERIOD ? 0.0 : 1.0);
  if (column != COL_PERIOD)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  HubSizesPage *self = g_object_get_data (G_OBJECT (factory), "hub-page");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = cell_text (hub_sizes_page_get_result (self), gtk_list_item_get_position (item), column);
  gboolean unknown = text == NULL || g_str_equal (text, HUB_DISPLAY_UNKNOWN);

  gtk_label_set_text (label, unknown ? HUB_DISPLAY_UNKNOWN : text);
  if (unknown)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
add_columns (HubSizesPage *self)
{
  for (Column c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      const char *title = c < COL_SHARES ? _(column_info[c].title) : hub_size_bucket_label (c - COL_SHARES);

      g_object_set_data (G_OBJECT (factory), "hub-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (title, g_object_ref (factory));
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Results ------------------------------------------------------------------ */

/* Offers to estimate sizes while there are models without one and no
 * estimate has been made yet, saying so plainly: the "estimated sizes"
 * switch is on by default and would otherwise look like it counts some. */
static void
show_estimate_hint (HubSizesPage        *self,
                    const HubSizeResult *result)
{
  guint n_unknown = result->coverage.n_models[HUB_SIZE_SOURCE_UNKNOWN];
  gboolean offer = n_unknown > 0 && result->coverage.n_models[HUB_SIZE_SOURCE_ESTIMATED] == 0 &&
                   self->db_path != NULL;

  if (offer)
    {
      g_autofree char *count = hub_display_count (n_unknown);
      g_autofree char *text = g_strdup_printf (_("No size has been estimated yet: %s of these models report "
                                                 "no parameter count. HubEco can estimate it from the size "
                                                 "of their files."),
                                               count);

      gtk_label_set_text (self->estimate_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_box), offer);
}

/* Shows @result (taking it). */
static void
show_result (HubSizesPage  *self,
             HubSizeResult *result)
{
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) labels = NULL;

  g_clear_pointer (&self->shown, shown_unref);
  self->shown = shown_new (result);
  self->shown->chart.violin = gtk_drop_down_get_selected (self->shape_dropdown) == 1;
  hub_chart_view_set_renderer (self->chart, hub_size_chart_draw_func,
                               g_rc_box_acquire (self->shown), shown_unref);

  title = hub_size_chart_default_title (result);
  caption = hub_size_chart_describe_coverage (result);
  description = describe_result (result);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->caption_label, caption);
  show_estimate_hint (self, result);
  hub_chart_view_set_description (self->chart, title, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sizes.export-chart", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sizes.export-data", TRUE);

  /* New items, so that every row binds again. */
  labels = g_new0 (char *, result->n_periods + 1);
  for (guint i = 0; i < result->n_periods; i++)
    labels[i] = g_strdup (result->periods[i].label);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                          (const char * const *) labels);

  gtk_stack_set_visible_child_name (self->content_stack,
                                    hub_size_chart_has_data (result) ? "content" : "empty");
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  ComputeResult *res = g_new0 (ComputeResult, 1);
  GError *error = NULL;

  if (data->table != NULL)
    res->table = hub_size_table_ref (data->table);
  else
    {
      g_autoptr(HubStore) store = NULL;

      /* Without a store the table knows no format flags and no snapshots. */
      if (data->db_path != NULL && (store = hub_store_open (data->db_path, &error)) == NULL)
        {
          compute_result_free (res);
          g_task_return_error (task, error);
          return;
        }
      res->table = hub_size_table_new (data->dataset, store, cancellable, &error);
      if (res->table == NULL)
        {
          compute_result_free (res);
          g_task_return_error (task, error);
          return;
        }
    }

  data->options.filter = &data->filter;
  res->result = hub_sizes_compute (res->table, &data->options, cancellable);
  if (res->result == NULL)
    {
      compute_result_free (res);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return;
    }
  g_task_return_pointer (task, res, (GDestroyNotify) compute_result_free);
}

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HubSizesPage *self = HUB_SIZES_PAGE (object);
  ComputeData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  ComputeResult *res;

  res = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A newer computation was started: this result is stale. */
  if (data->dataset != self->dataset || !hub_page_work_finish (&self->work, data->serial))
    {
      g_clear_pointer (&res, compute_result_free);
      return;
    }

  if (res == NULL)
    {
      g_autofree char *description = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      g_debug ("Sizes: %s", error->message);
      return;
    }

  if (self->table == NULL)
    self->table = hub_size_table_ref (res->table);
  show_result (self, g_steal_pointer (&res->result));
  compute_result_free (res);
  g_debug ("Sizes %u: %u periods in %.1f ms", data->serial, self->shown->result->n_periods,
           (g_get_monotonic_time () - data->started) / 1000.0);
}

static void
run_compute (HubSizesPage *self)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  if (self->dataset == NULL)
    return;

  data = g_new0 (ComputeData, 1);
  hub_sizes_page_get_options (self, &data->options, &data->filter);
  data->dataset = hub_dataset_ref (self->dataset);
  data->db_path = g_strdup (self->db_path);
  data->table = self->table != NULL ? hub_size_table_ref (self->table) : NULL;
  data->serial = hub_page_work_begin (&self->work);
  data->started = g_get_monotonic_time ();

  task = g_task_new (self, self->work.cancellable, compute_done, NULL);
  g_task_set_source_tag (task, run_compute);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

/* Export -------------------------------------------------------------------- */

static char *
csv_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

/* A parameter count, rounded to a whole number; "" when unknown. */
static char *
csv_params (double value)
{
  gint64 params = params_or_none (value);

  return params == HUB_COUNT_NONE ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, params);
}

/* The table as CSV: the columns of `hubeco sizes --format csv` that the
 * view shows, plus the coverage by source. */
static char *
result_to_csv (const HubSizeResult *result)
{
  static const char * const quantiles[] = { "p10", "p25", "p50", "p75", "p90" };
  g_autoptr(GString) csv = g_string_new ("period,includes_earlier,n,weight");

  for (guint q = 0; q < HUB_SIZE_N_QUANTILES; q++)
    g_string_append_printf (csv, ",%s", quantiles[q]);
  g_string_append (csv, ",mean");
  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    g_string_append_printf (csv, ",share_%s", hub_size_bucket_to_string (b));
  for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
    g_string_append_printf (csv, ",models_%s,weight_%s",
                            hub_size_source_to_string (s), hub_size_source_to_string (s));
  g_string_append_c (csv, '\n');

  for (guint i = 0; i < result->n_periods; i++)
    {
      const HubSizePeriod *p = &result->periods[i];
      g_autofree char *weight = csv_number (p->weight);
      g_autofree char *mean = csv_params (p->mean);

      g_string_append_printf (csv, "%s,%s,%u,%s", p->label, p->includes_earlier ? "true" : "false", p->n, weight);
      for (guint q = 0; q < HUB_SIZE_N_QUANTILES; q++)
        {
          g_autofree char *v = csv_params (p->quantiles[q]);

          g_string_append_printf (csv, ",%s", v);
        }
      g_string_append_printf (csv, ",%s", mean);
      for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
        {
          g_autofree char *v = csv_number (p->weight > 0 ? p->bucket_shares[b] : NAN);

          g_string_append_printf (csv, ",%s", v);
        }
      for (guint s = 0; s < HUB_N_SIZE_SOURCES; s++)
        {
          g_autofree char *w = csv_number (p->coverage.weight[s]);

          g_string_append_printf (csv, ",%u,%s", p->coverage.n_models[s], w);
        }
      g_string_append_c (csv, '\n');
    }
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/**
 * hub_sizes_page_export_data:
 * @self: a sizes page
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes the distribution shown as CSV (the columns of `hubeco sizes
 * --format csv`: period, n, weight, p10..p90, mean, bucket shares, models
 * and weight per size source), replacing @file only once it is written.
 *
 * Returns: FALSE with @error when nothing is shown yet or @file cannot be
 *   written.
 */
gboolean
hub_sizes_page_export_data (HubSizesPage  *self,
                            GFile         *file,
                            GError       **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->shown == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no data to export yet"));
      return FALSE;
    }
  csv = result_to_csv (self->shown->result);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
export_data_response (GtkNativeDialog *dialog,
                      int              response,
                      HubSizesPage    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (!hub_sizes_page_export_data (self, file, &error))
        hub_export_data_report (GTK_WIDGET (self), error);
      else if (path != NULL)
        hub_export_report_saved (GTK_WIDGET (self), path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HubSizesPage *self = HUB_SIZES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->shown == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Size Data"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  hub_export_propose_folder (GTK_FILE_CHOOSER (dialog), G_USER_DIRECTORY_DOCUMENTS);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "sizes.csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_data_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * hub_sizes_page_export_chart:
 * @self: a sizes page
 *
 * Opens the shared "Export Chart" dialog on the distribution shown (PNG,
 * SVG or PDF with its title and coverage caption).
 * Returns: (transfer none) (nullable): the dialog, NULL when nothing is
 *   shown yet.
 */
GtkWindow *
hub_sizes_page_export_chart (HubSizesPage *self)
{
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;

  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);

  if (self->shown == NULL)
    return NULL;
  title = hub_size_chart_default_title (self->shown->result);
  caption = hub_size_chart_describe_coverage (self->shown->result);
  return hub_export_dialog_present (GTK_WIDGET (self), "sizes", title, caption,
                                    hub_size_chart_draw_func, g_rc_box_acquire (self->shown), shown_unref);
}

/**
 * hub_sizes_page_estimate:
 * @self: a sizes page
 *
 * "Estimate Missing Sizes": estimates parameter counts from storage size
 * for the models that report none, stores them, tells the user what was
 * done and reloads the window's data (hub_sizes_estimate_start()).
 */
void
hub_sizes_page_estimate (HubSizesPage *self)
{
  g_return_if_fail (HUB_IS_SIZES_PAGE (self));

  if (self->dataset == NULL || self->db_path == NULL)
    return;
  hub_sizes_estimate_start (GTK_WIDGET (self), self->db_path, self->dataset, NULL);
}

static void
estimate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  hub_sizes_page_estimate (HUB_SIZES_PAGE (widget));
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hub_sizes_page_export_chart (HUB_SIZES_PAGE (widget));
}

/* Signals ---------------------------------------------------------------- */

/* Box or violin: the same result drawn again (nothing to compute). */
static void
on_shape_changed (HubSizesPage *self)
{
  if (self->shown == NULL)
    return;
  self->shown->chart.violin = gtk_drop_down_get_selected (self->shape_dropdown) == 1;
  hub_chart_view_redraw (self->chart);
}

static void
on_control_changed (HubSizesPage *self)
{
  run_compute (self);
}

/* Adaptive layout --------------------------------------------------------- */

/* Below this width the filters move into a popover, the chart asks for no
 * width and the estimate button goes under its sentence. */
#define NARROW_WIDTH 700

static void
update_filters_button (HubSizesPage *self)
{
  guint n_active = hub_filter_bar_get_n_active (self->filter_bar);
  g_autofree char *label = NULL;

  if (n_active == 0)
    label = g_strdup (_("Filters"));
  else
    label = g_strdup_printf (_("Filters (%u)"), n_active);
  gtk_menu_button_set_label (self->filters_button, label);
}

/* One filter bar, moved between the controls and the popover, so its
 * choices stay as they are. */
static void
apply_layout (HubSizesPage *self)
{
  gboolean narrow = hub_adaptive_bin_get_narrow (self->adaptive_bin);
  GtkWidget *bar = GTK_WIDGET (self->filter_bar);

  g_object_ref (bar);
  if (narrow && gtk_widget_get_parent (bar) == GTK_WIDGET (self->controls_box))
    {
      gtk_box_remove (self->controls_box, bar);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_VERTICAL);
      gtk_popover_set_child (self->filters_popover, bar);
    }
  else if (!narrow && gtk_widget_get_parent (bar) != GTK_WIDGET (self->controls_box))
    {
      gtk_popover_popdown (self->filters_popover);
      gtk_popover_set_child (self->filters_popover, NULL);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_HORIZONTAL);
      gtk_box_append (self->controls_box, bar);
    }
  g_object_unref (bar);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), narrow);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->filters_button)), narrow);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), narrow ? -1 : 480, narrow ? 320 : 420);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->estimate_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (GTK_WIDGET (self->estimate_button), narrow ? GTK_ALIGN_START : GTK_ALIGN_FILL);
}

/* GObject ---------------------------------------------------------------- */

static void
hub_sizes_page_dispose (GObject *object)
{
  HubSizesPage *self = HUB_SIZES_PAGE (object);

  hub_page_work_clear (&self->work);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_SIZES_PAGE);
  g_clear_object (&self->rows);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hub_sizes_page_parent_class)->dispose (object);
}

static void
hub_sizes_page_finalize (GObject *object)
{
  HubSizesPage *self = HUB_SIZES_PAGE (object);

  g_clear_pointer (&self->shown, shown_unref);
  g_clear_pointer (&self->table, hub_size_table_unref);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_free (self->db_path);

  G_OBJECT_CLASS (hub_sizes_page_parent_class)->finalize (object);
}

static void
hub_sizes_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HubSizesPage *self = HUB_SIZES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_sizes_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HubSizesPage *self = HUB_SIZES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      hub_sizes_page_set_dataset (self, g_value_get_boxed (value));
      break;
    case PROP_DB_PATH:
      if (g_strcmp0 (self->db_path, g_value_get_string (value)) != 0)
        {
          g_free (self->db_path);
          self->db_path = g_value_dup_string (value);
          /* The size table reads tags and snapshots from the store. */
          g_clear_pointer (&self->table, hub_size_table_unref);
          run_compute (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_sizes_page_class_init (HubSizesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_sizes_page_dispose;
  object_class->finalize = hub_sizes_page_finalize;
  object_class->get_property = hub_sizes_page_get_property;
  object_class->set_property = hub_sizes_page_set_property;

  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HUB_TYPE_FILTER_BAR);
  g_type_ensure (HUB_TYPE_ADAPTIVE_BIN);
  g_type_ensure (HUB_TYPE_TAB_STOP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-sizes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, adaptive_bin);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, controls_box);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, filters_popover);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, cohort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, weight_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, shape_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_shape_changed);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, estimated_switch);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, estimate_box);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, estimate_button);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, caption_label);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, HubSizesPage, error_page);

  gtk_widget_class_install_action (widget_class, "sizes.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "sizes.export-data", NULL, export_data_action);
  gtk_widget_class_install_action (widget_class, "sizes.estimate", NULL, estimate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "sizes.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "sizes.export-data", NULL);
  gtk_widget_class_set_css_name (widget_class, "sizespage");
}

static void
hub_sizes_page_init (HubSizesPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));

  self->chart = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  hub_chart_view_set_description (self->chart, _("Model sizes per period"), NULL);
  hub_chart_view_set_hover_func (self->chart, chart_hover, self);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->chart));

  /* Nothing to export until a result is shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sizes.export-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sizes.export-data", FALSE);

  self->rows = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);

  /* The switch is the "count estimated sizes" preference, both ways. */
  self->settings = hub_settings_new ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "count-estimated-sizes", self->estimated_switch, "active",
                     G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->cohort_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->weight_dropdown, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->estimated_switch, "notify::active", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->filter_bar, "changed", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->filter_bar, "notify::n-active", G_CALLBACK (update_filters_button), self);

  hub_adaptive_bin_set_narrow_width (self->adaptive_bin, NARROW_WIDTH);
  g_signal_connect_swapped (self->adaptive_bin, "notify::narrow", G_CALLBACK (apply_layout), self);
  apply_layout (self);
}

/* Public ------------------------------------------------------------------ */

/**
 * hub_sizes_page_new:
 * Returns: (transfer full): a new sizes page, empty until a dataset is set.
 */
GtkWidget *
hub_sizes_page_new (void)
{
  return g_object_new (HUB_TYPE_SIZES_PAGE, NULL);
}

/**
 * hub_sizes_page_set_dataset:
 * @self: a sizes page
 * @dataset: (nullable): the models
 *
 * Builds the size table of @dataset and the distribution for the current
 * options on a worker thread.
 */
void
hub_sizes_page_set_dataset (HubSizesPage *self,
                            HubDataset   *dataset)
{
  g_return_if_fail (HUB_IS_SIZES_PAGE (self));

  if (self->dataset == dataset)
    return;

  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->table, hub_size_table_unref);
  if (dataset != NULL)
    {
      self->dataset = hub_dataset_ref (dataset);
      g_signal_handlers_block_by_func (self->filter_bar, on_control_changed, self);
      hub_filter_bar_set_dataset (self->filter_bar, dataset);
      g_signal_handlers_unblock_by_func (self->filter_bar, on_control_changed, self);
      run_compute (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/**
 * hub_sizes_page_is_busy:
 * Returns: %TRUE while a computation runs.
 */
gboolean
hub_sizes_page_is_busy (HubSizesPage *self)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), FALSE);
  return hub_page_work_is_busy (&self->work);
}

/**
 * hub_sizes_page_get_options:
 * @self: a sizes page
 * @options: (out caller-allocates): the options the controls show
 * @out_filter: (out caller-allocates): the filters; @options->filter
 *   points to it; clear it with hub_list_query_clear()
 */
void
hub_sizes_page_get_options (HubSizesPage   *self,
                            HubSizeOptions *options,
                            HubListQuery   *out_filter)
{
  g_return_if_fail (HUB_IS_SIZES_PAGE (self));
  g_return_if_fail (options != NULL && out_filter != NULL);

  hub_size_options_init (options);
  hub_list_query_init (out_filter);
  hub_filter_bar_apply (self->filter_bar, out_filter);
  options->period = gtk_drop_down_get_selected (self->period_dropdown) == 1
                    ? HUB_SIZE_PERIOD_QUARTER : HUB_SIZE_PERIOD_YEAR;
  options->cohort = gtk_drop_down_get_selected (self->cohort_dropdown) == 1
                    ? HUB_SIZE_COHORT_CREATED : HUB_SIZE_COHORT_DOWNLOADED;
  options->weight = gtk_drop_down_get_selected (self->weight_dropdown) == 1
                    ? HUB_SIZE_WEIGHT_COUNT : HUB_SIZE_WEIGHT_DOWNLOADS;
  options->include_estimated = gtk_switch_get_active (self->estimated_switch);
  options->filter = out_filter;
}

/**
 * hub_sizes_page_get_result:
 * Returns: (transfer none) (nullable): the distribution shown.
 */
const HubSizeResult *
hub_sizes_page_get_result (HubSizesPage *self)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);
  return self->shown != NULL ? self->shown->result : NULL;
}

/* Whether the chart shown draws violins (the Shape control). */
gboolean
hub_sizes_page_get_violin (HubSizesPage *self)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), FALSE);
  return self->shown != NULL && self->shown->chart.violin;
}

/**
 * hub_sizes_page_get_control:
 * Returns: (transfer none): the widget of @control.
 */
GtkWidget *
hub_sizes_page_get_control (HubSizesPage    *self,
                            HubSizesControl  control)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);

  switch (control)
    {
    case HUB_SIZES_CONTROL_PERIOD:
      return GTK_WIDGET (self->period_dropdown);
    case HUB_SIZES_CONTROL_COHORT:
      return GTK_WIDGET (self->cohort_dropdown);
    case HUB_SIZES_CONTROL_WEIGHT:
      return GTK_WIDGET (self->weight_dropdown);
    case HUB_SIZES_CONTROL_ESTIMATED:
      return GTK_WIDGET (self->estimated_switch);
    case HUB_SIZES_CONTROL_ESTIMATE:
      return GTK_WIDGET (self->estimate_button);
    case HUB_SIZES_CONTROL_SHAPE:
      return GTK_WIDGET (self->shape_dropdown);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * hub_sizes_page_get_filter_bar:
 * Returns: (transfer none): the filters.
 */
HubFilterBar *
hub_sizes_page_get_filter_bar (HubSizesPage *self)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);
  return self->filter_bar;
}

/**
 * hub_sizes_page_get_table:
 * Returns: (transfer none): the per-period table.
 */
GtkColumnView *
hub_sizes_page_get_table (HubSizesPage *self)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);
  return self->column_view;
}

/**
 * hub_sizes_page_dup_cell_text:
 * @self: a sizes page
 * @row: a row of the table (a period)
 * @column_id: "period", "n", "median", "mean", "p10", "p90" or
 *   "share-<bucket>" (hub_size_bucket_to_string())
 *
 * Returns: (transfer full) (nullable): the text the table shows there.
 */
char *
hub_sizes_page_dup_cell_text (HubSizesPage *self,
                              guint         row,
                              const char   *column_id)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);
  g_return_val_if_fail (column_id != NULL, NULL);

  if (row >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    return NULL;
  for (Column c = 0; c < COL_SHARES; c++)
    if (g_str_equal (column_id, column_info[c].id))
      return cell_text (hub_sizes_page_get_result (self), row, c);
  if (g_str_has_prefix (column_id, "share-"))
    for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
      if (g_str_equal (column_id + strlen ("share-"), hub_size_bucket_to_string (b)))
        return cell_text (hub_sizes_page_get_result (self), row, COL_SHARES + b);
  return NULL;
}

/**
 * hub_sizes_page_get_caption:
 * Returns: (transfer none): the coverage caption.
 */
GtkLabel *
hub_sizes_page_get_caption (HubSizesPage *self)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);
  return self->caption_label;
}

/**
 * hub_sizes_page_get_state:
 * Returns: "content", "empty" (no sized model for the options) or "error"
 *   (the size table could not be built).
 */
const char *
hub_sizes_page_get_state (HubSizesPage *self)
{
  g_return_val_if_fail (HUB_IS_SIZES_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}
