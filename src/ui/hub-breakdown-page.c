/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-breakdown-page.h"
#include "hub-series-dropdown.h"

#include "hub-analysis.h"
#include "hub-chart-frame.h"
#include "hub-chart-view.h"
#include "hub-data-export.h"
#include "hub-dataset-boxed.h"
#include "hub-export-dialog.h"
#include "hub-page-work.h"
#include "hub-settings.h"

#include <glib/gi18n.h>

#define DEFAULT_TOP 50

/* The dropdowns' entries, in this order (an enum value per position). */
static const struct {
  HubBreakdownDim  dim;
  const char      *label;
} dims[] = {
  { HUB_BREAKDOWN_DEVELOPER, N_("Developer") },
  { HUB_BREAKDOWN_COUNTRY, N_("Country") },
  { HUB_BREAKDOWN_ORG_TYPE, N_("Organization type") },
  { HUB_BREAKDOWN_MODALITY, N_("Modality") },
  { HUB_BREAKDOWN_TASK, N_("Task") },
  { HUB_BREAKDOWN_LIBRARY, N_("Library") },
  { HUB_BREAKDOWN_ARCHITECTURE, N_("Architecture kind") },
  { HUB_BREAKDOWN_LANGUAGE, N_("Language") },
  { HUB_BREAKDOWN_SIZE_THRESHOLD, N_("Size threshold") },
  { HUB_BREAKDOWN_SIZE_BUCKET, N_("Size class") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (dims) == HUB_N_BREAKDOWN_DIMS);

/* What is shown: shared by the chart view, the export dialog and an export
 * thread (a GRcBox). The chart data comes first: the view's data pointer
 * is the box. */
typedef struct {
  HubBreakdownChartData  chart;
  HubBreakdownResult    *result;
  char                  *query_text;
  char                  *caption;
} Shown;

static void
shown_clear (gpointer data)
{
  Shown *shown = data;

  hub_breakdown_result_free (shown->result);
  g_free (shown->query_text);
  g_free (shown->caption);
}

static void
shown_unref (gpointer data)
{
  g_rc_box_release_full (data, shown_clear);
}

struct _HubBreakdownPage
{
  AdwBin          parent_instance;

  GtkSpinButton  *top_spin;
  GtkDropDown    *rows_dropdown;
  GtkDropDown    *cols_dropdown;
  GtkDropDown    *series_dropdown;
  GtkDropDown    *view_dropdown;
  GtkSpinner     *spinner;
  GtkStack       *content_stack;
  GtkLabel       *title_label;
  GtkBox         *chart_box;
  GtkLabel       *readout_label;
  GtkLabel       *caption_label;
  AdwStatusPage  *error_page;
  HubChartView   *chart;
  GSettings      *settings;      /* NULL when the schema is not installed */

  HubDataset     *dataset;
  char           *db_path;
  HubAnalysis    *analysis;
  Shown          *shown;
  HubPageWork     work;
  char           *readout;
};

G_DEFINE_FINAL_TYPE (HubBreakdownPage, hub_breakdown_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_compute (HubBreakdownPage *self);

/* The focused cell ----------------------------------------------------------- */

static void
show_focus (HubBreakdownPage *self)
{
  const HubBreakdownResult *res = self->shown != NULL ? self->shown->result : NULL;
  g_autofree char *title = NULL;

  g_clear_pointer (&self->readout, g_free);
  if (res != NULL && self->shown->chart.focus_row >= 0 && self->shown->chart.focus_col >= 0)
    self->readout = hub_breakdown_chart_readout (res, self->shown->chart.focus_row, self->shown->chart.focus_col);
  gtk_label_set_text (self->readout_label, self->readout != NULL ? self->readout : "");
  gtk_widget_set_visible (GTK_WIDGET (self->readout_label), self->readout != NULL);
  if (res != NULL)
    {
      g_autofree char *description = hub_breakdown_chart_describe (res);

      /* A screen reader hears the focused cell, else the whole chart. */
      title = hub_breakdown_chart_title (res);
      hub_chart_view_set_description (self->chart, title, self->readout != NULL ? self->readout : description);
    }
  hub_chart_view_redraw (self->chart);
}

const char *
hub_breakdown_page_move_focus (HubBreakdownPage *self,
                               int               d_row,
                               int               d_col)
{
  HubBreakdownChartData *chart;
  int n_rows, n_cols;

  g_return_val_if_fail (HUB_IS_BREAKDOWN_PAGE (self), NULL);

  if (self->shown == NULL || self->shown->result->n_rows == 0)
    return NULL;
  chart = &self->shown->chart;
  n_rows = self->shown->result->n_rows;
  n_cols = self->shown->result->n_cols;
  if (chart->focus_row < 0)
    chart->focus_row = chart->focus_col = 0;
  else
    {
      /* Home and End (G_MININT, G_MAXINT) go to the ends of the row. */
      gint64 row = CLAMP ((gint64) chart->focus_row + d_row, 0, n_rows - 1);
      gint64 col = CLAMP ((gint64) chart->focus_col + d_col, 0, n_cols - 1);

      chart->focus_row = row;
      chart->focus_col = col;
    }
  show_focus (self);
  return self->readout;
}

static void
on_step (HubChartView     *view,
         int               delta,
         HubBreakdownPage *self)
{
  hub_breakdown_page_move_focus (self, 0, delta);
}

static void
on_step_row (HubChartView     *view,
             int               delta,
             HubBreakdownPage *self)
{
  hub_breakdown_page_move_focus (self, delta, 0);
}

static gboolean
hit (HubBreakdownPage *self,
     double            x,
     double            y,
     int               width,
     int               height,
     gint             *row,
     gint             *col)
{
  HubBreakdownChartLayout layout;
  HubChartStyle style;
  cairo_t *cr;
  gboolean found;

  if (self->shown == NULL)
    return FALSE;
  hub_chart_view_get_style (self->chart, &style);
  cr = hub_chart_measure_context ();
  hub_breakdown_chart_layout (cr, width, height, &style, &self->shown->chart, &layout);
  found = hub_breakdown_chart_hit (&layout, &self->shown->chart, x, y, row, col);
  cairo_destroy (cr);
  return found;
}

static char *
chart_hover (HubChartView *view,
             double        x,
             double        y,
             int           width,
             int           height,
             gpointer      user_data)
{
  HubBreakdownPage *self = user_data;
  g_autofree char *readout = NULL;
  gint row, col;

  if (!hit (self, x, y, width, height, &row, &col))
    return NULL;
  readout = hub_breakdown_chart_readout (self->shown->result, row, col);
  return g_markup_escape_text (readout, -1);
}

static void
on_pressed (HubChartView     *view,
            double            x,
            double            y,
            HubBreakdownPage *self)
{
  gint row, col;

  if (!hit (self, x, y, gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)),
            &row, &col))
    return;
  self->shown->chart.focus_row = row;
  self->shown->chart.focus_col = col;
  show_focus (self);
}

/* Computing ----------------------------------------------------------------- */

static void
show_result (HubBreakdownPage   *self,
             HubBreakdownResult *result,
             const char         *query_text)
{
  g_autofree char *title = hub_breakdown_chart_title (result);
  g_autofree char *caption = NULL;
  Shown *shown = g_rc_box_new0 (Shown);

  shown->result = result;
  shown->query_text = g_strdup (query_text);
  shown->chart = (HubBreakdownChartData) { result, gtk_drop_down_get_selected (self->view_dropdown), -1, -1 };
  g_clear_pointer (&self->shown, shown_unref);
  self->shown = g_rc_box_acquire (shown);
  hub_chart_view_set_renderer (self->chart, hub_breakdown_chart_draw_func, shown, shown_unref);
  /* A row of text per row: fifty developers make the page scroll. */
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, MAX (420, 90 + 22 * (result->n_rows + 1)));

  shown->caption = hub_breakdown_chart_caption (result);
  caption = g_strdup_printf ("%s %s", shown->caption, _("Arrow keys move between cells."));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->caption_label, caption);
  gtk_stack_set_visible_child_name (self->content_stack, result->total > 0 ? "content" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "breakdown.export-chart", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "breakdown.export-data", TRUE);
  show_focus (self);
}

typedef struct {
  HubBreakdownPage *self;
  guint             serial;
  char             *query_text;
} ComputeData;

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ComputeData *data = user_data;
  g_autoptr(HubBreakdownPage) self = data->self;
  g_autoptr(GError) error = NULL;
  HubBreakdownResult *res = hub_analysis_breakdown_finish (HUB_ANALYSIS (object), result, &error);

  if (hub_page_work_finish (&self->work, data->serial))
    {
      if (res != NULL)
        show_result (self, g_steal_pointer (&res), data->query_text);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->content_stack, "error");
        }
    }
  g_clear_pointer (&res, hub_breakdown_result_free);
  g_free (data->query_text);
  g_free (data);
}

static void
run_compute (HubBreakdownPage *self)
{
  HubBreakdownOptions options = { 0 };
  ComputeData *data;
  HubQuery query;

  if (self->dataset == NULL || self->analysis == NULL)
    return;

  hub_query_init (&query);
  query.series = hub_series_dropdown_dup_selected (self->series_dropdown);
  options.rows = dims[MIN (gtk_drop_down_get_selected (self->rows_dropdown), HUB_N_BREAKDOWN_DIMS - 1)].dim;
  options.cols = dims[MIN (gtk_drop_down_get_selected (self->cols_dropdown), HUB_N_BREAKDOWN_DIMS - 1)].dim;
  options.top = (guint) gtk_spin_button_get_value_as_int (self->top_spin);
  query.top = options.top;

  data = g_new0 (ComputeData, 1);
  data->self = g_object_ref (self);
  data->serial = hub_page_work_begin (&self->work);
  data->query_text = hub_query_to_string (&query);
  hub_analysis_set_dataset (self->analysis, self->dataset);
  hub_analysis_breakdown_async (self->analysis, &query, &options, self->work.cancellable, compute_done, data);
  hub_query_clear (&query);
}

/* Export -------------------------------------------------------------------- */

/* The figure for export: the chart without the focus outline. */
typedef struct {
  HubBreakdownChartData  chart;
  Shown                 *shown;
} ExportFigure;

static void
export_figure_free (gpointer data)
{
  ExportFigure *figure = data;

  shown_unref (figure->shown);
  g_free (figure);
}

GtkWindow *
hub_breakdown_page_export_chart (HubBreakdownPage *self)
{
  g_autofree char *title = NULL;
  ExportFigure *figure;

  g_return_val_if_fail (HUB_IS_BREAKDOWN_PAGE (self), NULL);

  if (self->shown == NULL)
    return NULL;
  figure = g_new0 (ExportFigure, 1);
  figure->shown = g_rc_box_acquire (self->shown);
  figure->chart = self->shown->chart;
  figure->chart.focus_row = figure->chart.focus_col = -1;
  title = hub_breakdown_chart_title (self->shown->result);
  return hub_export_dialog_present (GTK_WIDGET (self), "breakdown", title,
                                    self->shown->caption,
                                    hub_breakdown_chart_draw_func, figure, export_figure_free);
}

static HubTableWriter *
export_rows (FILE           *out,
             HubTableFormat  format,
             gpointer        user_data)
{
  const Shown *shown = user_data;

  return hub_data_export_breakdown_rows (out, format, shown->result);
}

/* A HubExportDataWrite of a Shown. */
static gboolean
write_data (gpointer     data,
            const char  *path,
            GError     **error)
{
  Shown *shown = data;
  g_autofree char *title = hub_breakdown_chart_title (shown->result);
  g_autofree char *developers = g_strjoinv (",", shown->result->developers);
  g_autofree char *settings = g_strdup_printf ("rows=%s;cols=%s;developers=%s",
                                               hub_breakdown_dim_to_string (shown->result->rows_dim),
                                               hub_breakdown_dim_to_string (shown->result->cols_dim), developers);

  return hub_data_export_write_figure (path, "breakdown", shown->query_text, settings, title, shown->caption,
                                       export_rows, shown, error);
}

gboolean
hub_breakdown_page_export_data (HubBreakdownPage  *self,
                                const char        *path,
                                GError           **error)
{
  g_return_val_if_fail (HUB_IS_BREAKDOWN_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->shown == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no data to export yet"));
      return FALSE;
    }
  return write_data (self->shown, path, error);
}

static void
export_data_chosen (GtkWidget  *widget,
                    const char *path)
{
  Shown *shown = HUB_BREAKDOWN_PAGE (widget)->shown;

  if (shown != NULL)
    hub_export_data_write_async (widget, path, write_data, g_rc_box_acquire (shown), shown_unref);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (HUB_BREAKDOWN_PAGE (widget)->shown != NULL)
    hub_export_data_choose (widget, _("Export Breakdown Data"), "breakdown", export_data_chosen);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hub_breakdown_page_export_chart (HUB_BREAKDOWN_PAGE (widget));
}

/* Controls and properties --------------------------------------------------- */

static void
on_view_changed (HubBreakdownPage *self)
{
  if (self->shown == NULL)
    return;
  self->shown->chart.mode = gtk_drop_down_get_selected (self->view_dropdown);
  hub_chart_view_redraw (self->chart);
}

static void
set_dataset (HubBreakdownPage *self,
             HubDataset       *dataset)
{
  if (self->dataset == dataset)
    return;
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  self->dataset = dataset != NULL ? hub_dataset_ref (dataset) : NULL;
  if (self->analysis != NULL && self->dataset != NULL)
    {
      hub_series_dropdown_refresh (self->series_dropdown, self->analysis, G_CALLBACK (run_compute), self);
      run_compute (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
set_db_path (HubBreakdownPage *self,
             const char       *db_path)
{
  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  g_clear_object (&self->analysis);
  if (db_path != NULL)
    self->analysis = hub_analysis_new (db_path);
  if (self->analysis != NULL && self->dataset != NULL)
    {
      hub_series_dropdown_refresh (self->series_dropdown, self->analysis, G_CALLBACK (run_compute), self);
      run_compute (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

static void
hub_breakdown_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HubBreakdownPage *self = HUB_BREAKDOWN_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET: g_value_set_boxed (value, self->dataset); break;
    case PROP_DB_PATH: g_value_set_string (value, self->db_path); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_breakdown_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HubBreakdownPage *self = HUB_BREAKDOWN_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET: set_dataset (self, g_value_get_boxed (value)); break;
    case PROP_DB_PATH: set_db_path (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_breakdown_page_dispose (GObject *object)
{
  HubBreakdownPage *self = HUB_BREAKDOWN_PAGE (object);

  hub_page_work_clear (&self->work);
  g_clear_pointer (&self->shown, shown_unref);
  g_clear_object (&self->analysis);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_BREAKDOWN_PAGE);
  G_OBJECT_CLASS (hub_breakdown_page_parent_class)->dispose (object);
}

static void
hub_breakdown_page_finalize (GObject *object)
{
  HubBreakdownPage *self = HUB_BREAKDOWN_PAGE (object);

  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_free (self->db_path);
  g_free (self->readout);
  G_OBJECT_CLASS (hub_breakdown_page_parent_class)->finalize (object);
}

static void
hub_breakdown_page_class_init (HubBreakdownPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hub_breakdown_page_get_property;
  object_class->set_property = hub_breakdown_page_set_property;
  object_class->dispose = hub_breakdown_page_dispose;
  object_class->finalize = hub_breakdown_page_finalize;

  properties[PROP_DATASET] = g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] = g_param_spec_string ("db-path", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-breakdown-page.ui");
  gtk_widget_class_set_css_name (widget_class, "breakdownpage");
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, top_spin);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, rows_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, cols_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, readout_label);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, caption_label);
  gtk_widget_class_bind_template_child (widget_class, HubBreakdownPage, error_page);

  gtk_widget_class_install_action (widget_class, "breakdown.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "breakdown.export-data", NULL, export_data_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "breakdown.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "breakdown.export-data", NULL);
}

static void
bind_settings (HubBreakdownPage *self)
{
  self->settings = hub_settings_new ();
  if (self->settings == NULL)
    return;
  g_settings_bind (self->settings, "breakdown-top", self->top_spin, "value", G_SETTINGS_BIND_DEFAULT);
  /* The dims table and the view list are in enum order. */
  hub_settings_bind_choice (self->settings, "breakdown-rows", G_OBJECT (self->rows_dropdown),
                            hub_breakdown_dim_names ());
  hub_settings_bind_choice (self->settings, "breakdown-cols", G_OBJECT (self->cols_dropdown),
                            hub_breakdown_dim_names ());
  hub_settings_bind_choice (self->settings, "breakdown-view", G_OBJECT (self->view_dropdown),
                            hub_breakdown_chart_mode_names ());
}

static GtkStringList *
dim_labels (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    gtk_string_list_append (list, _(dims[i].label));
  return list;
}

static void
hub_breakdown_page_init (HubBreakdownPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));

  gtk_drop_down_set_model (self->rows_dropdown, G_LIST_MODEL (dim_labels ()));
  gtk_drop_down_set_model (self->cols_dropdown, G_LIST_MODEL (dim_labels ()));
  g_object_unref (gtk_drop_down_get_model (self->rows_dropdown));
  g_object_unref (gtk_drop_down_get_model (self->cols_dropdown));
  /* The article's first table (the top developers by modality) unless the
   * settings remember another choice. */
  gtk_drop_down_set_selected (self->rows_dropdown, HUB_BREAKDOWN_DEVELOPER);
  gtk_drop_down_set_selected (self->cols_dropdown, HUB_BREAKDOWN_MODALITY);
  bind_settings (self);
  hub_series_dropdown_init (self->series_dropdown);

  self->chart = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 420);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->chart));
  hub_chart_view_set_description (self->chart, _("Breakdown of downloads"), NULL);
  hub_chart_view_set_hover_func (self->chart, chart_hover, self);
  g_signal_connect (self->chart, "step", G_CALLBACK (on_step), self);
  g_signal_connect (self->chart, "step-row", G_CALLBACK (on_step_row), self);
  g_signal_connect (self->chart, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_set_visible (GTK_WIDGET (self->readout_label), FALSE);

  g_signal_connect_swapped (self->top_spin, "value-changed", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->rows_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->cols_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->series_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->view_dropdown, "notify::selected", G_CALLBACK (on_view_changed), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "breakdown.export-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "breakdown.export-data", FALSE);
}

GtkWidget *
hub_breakdown_page_new (void)
{
  return g_object_new (HUB_TYPE_BREAKDOWN_PAGE, NULL);
}

void
hub_breakdown_page_set_dims (HubBreakdownPage *self,
                             HubBreakdownDim   rows,
                             HubBreakdownDim   cols)
{
  g_return_if_fail (HUB_IS_BREAKDOWN_PAGE (self));
  g_return_if_fail (rows < HUB_N_BREAKDOWN_DIMS && cols < HUB_N_BREAKDOWN_DIMS);

  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    {
      if (dims[i].dim == rows)
        gtk_drop_down_set_selected (self->rows_dropdown, i);
      if (dims[i].dim == cols)
        gtk_drop_down_set_selected (self->cols_dropdown, i);
    }
}

void
hub_breakdown_page_set_top (HubBreakdownPage *self,
                            guint             top)
{
  g_return_if_fail (HUB_IS_BREAKDOWN_PAGE (self));
  gtk_spin_button_set_value (self->top_spin, top);
}

void
hub_breakdown_page_set_view (HubBreakdownPage      *self,
                             HubBreakdownChartMode  mode)
{
  g_return_if_fail (HUB_IS_BREAKDOWN_PAGE (self));
  gtk_drop_down_set_selected (self->view_dropdown, mode);
}

gboolean
hub_breakdown_page_set_series (HubBreakdownPage *self,
                               const char       *name)
{
  g_return_val_if_fail (HUB_IS_BREAKDOWN_PAGE (self), FALSE);
  return hub_series_dropdown_select (self->series_dropdown, name);
}

const HubBreakdownResult *
hub_breakdown_page_get_result (HubBreakdownPage *self)
{
  g_return_val_if_fail (HUB_IS_BREAKDOWN_PAGE (self), NULL);
  return self->shown != NULL ? self->shown->result : NULL;
}

gboolean
hub_breakdown_page_is_busy (HubBreakdownPage *self)
{
  g_return_val_if_fail (HUB_IS_BREAKDOWN_PAGE (self), FALSE);
  return hub_page_work_is_busy (&self->work);
}
