/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-quality-page.h"
#include "hub-series-dropdown.h"

#include "hub-accessible.h"
#include "hub-analysis.h"
#include "hub-chart-frame.h"
#include "hub-chart-view.h"
#include "hub-data-export.h"
#include "hub-dataset-boxed.h"
#include "hub-export-dialog.h"
#include "hub-format.h"
#include "hub-page-work.h"
#include "hub-settings.h"

#include <glib/gi18n.h>
#include <math.h>

/* HubQualityPageAdoption's names (the settings keep them). */
static const char * const adoption_names[] = { "downloads", "family", "relative", NULL };

/* The benchmark setting's value for the mean of the higher-is-better ones. */
#define MEAN "mean"
/* Models listed under each quadrant; the rest are counted. */
#define LISTED_PER_QUADRANT 8

/* What is shown: shared by the chart view, the export dialog and an export
 * thread (a GRcBox). The chart data comes first: the view's data pointer
 * is the box. */
typedef struct {
  HubQualityChartData  chart;
  HubQualityResult    *result;
  char                *query_text;
  char                *caption;
} Shown;

static void
shown_clear (gpointer data)
{
  Shown *shown = data;

  hub_quality_result_free (shown->result);
  g_free (shown->query_text);
  g_free (shown->caption);
}

static void
shown_unref (gpointer data)
{
  g_rc_box_release_full (data, shown_clear);
}

struct _HubQualityPage
{
  AdwBin          parent_instance;

  GtkDropDown    *set_dropdown;
  GtkDropDown    *benchmark_dropdown;
  GtkDropDown    *adoption_dropdown;
  GtkDropDown    *series_dropdown;
  GtkDropDown    *color_dropdown;
  GtkCheckButton *inherit_check;
  GtkCheckButton *median_check;
  GtkSpinButton  *score_line_spin;
  GtkSpinButton  *adoption_line_spin;
  GtkSpinner     *spinner;
  GtkStack       *content_stack;
  GtkLabel       *title_label;
  GtkBox         *chart_box;
  GtkLabel       *readout_label;
  GtkFlowBox     *quadrant_box;
  GtkLabel       *caption_label;
  AdwStatusPage  *error_page;
  HubChartView   *chart;
  GSettings      *settings;       /* NULL when the schema is not installed */

  HubDataset     *dataset;
  char           *db_path;
  HubAnalysis    *analysis;
  GPtrArray      *sets;           /* HubScoreSetInfo, as listed */
  char           *wanted_set;     /* hub_quality_page_select() before the list */
  char           *wanted_benchmark;
  gboolean        filling;        /* the dropdowns change: not a choice */
  gboolean        deferred;       /* a figure is due once the view shows */
  Shown          *shown;
  HubPageWork     work;
  char           *readout;
};

G_DEFINE_FINAL_TYPE (HubQualityPage, hub_quality_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_compute (HubQualityPage *self);

/* Sets and benchmarks ------------------------------------------------------- */

static const HubScoreSetInfo *
selected_set (HubQualityPage *self)
{
  guint i = gtk_drop_down_get_selected (self->set_dropdown);

  return self->sets != NULL && i < self->sets->len ? g_ptr_array_index (self->sets, i) : NULL;
}

/* The set's higher-is-better benchmarks when they can be averaged (two
 * or more), else NULL. Free with g_free(). */
static const char **
mean_benchmarks (const HubScoreSetInfo *info)
{
  const char **higher = hub_score_set_info_higher_benchmarks (info);

  if (g_strv_length ((char **) higher) < 2)
    g_clear_pointer (&higher, g_free);
  return higher;
}

/* The benchmarks chosen: one, or all the higher-is-better ones for their
 * mean (the entry after the benchmarks). Free with g_free(). */
static const char **
selected_benchmarks (HubQualityPage *self)
{
  const HubScoreSetInfo *info = selected_set (self);
  guint i = gtk_drop_down_get_selected (self->benchmark_dropdown);
  guint n = info != NULL ? g_strv_length (info->benchmarks) : 0;
  const char **one;

  if (info == NULL || i > n)
    return NULL;
  if (i == n)
    return mean_benchmarks (info);
  one = g_new0 (const char *, 2);
  one[0] = info->benchmarks[i];
  return one;
}

/* The benchmarks of the chosen set and the mean of its higher-is-better
 * ones, with @wanted (a benchmark or MEAN; else the set's default)
 * chosen. */
static void
fill_benchmarks (HubQualityPage *self,
                 const char     *wanted)
{
  const HubScoreSetInfo *info = selected_set (self);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *pick;
  guint position = 0;

  if (info != NULL)
    {
      guint n = g_strv_length (info->benchmarks);
      g_autofree const char **mean = mean_benchmarks (info);

      pick = wanted != NULL && g_strv_contains ((const char * const *) info->benchmarks, wanted)
             ? wanted : hub_score_set_info_default_benchmark (info);
      for (guint i = 0; i < n; i++)
        {
          gtk_string_list_append (list, info->benchmarks[i]);
          if (g_strcmp0 (info->benchmarks[i], pick) == 0)
            position = i;
        }
      if (mean != NULL)
        {
          g_autofree char *label = g_strdup_printf (_("Mean of %u benchmarks"), g_strv_length ((char **) mean));

          gtk_string_list_append (list, label);
          if (g_strcmp0 (wanted, MEAN) == 0)
            position = n;
        }
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->benchmark_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->benchmark_dropdown, position);
  self->filling = FALSE;
}

static void
fill_sets (HubQualityPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const HubScoreSetInfo *current = selected_set (self);
  g_autofree char *saved = self->settings != NULL ? g_settings_get_string (self->settings, "quality-set") : NULL;
  g_autofree char *saved_benchmark = self->settings != NULL
                                     ? g_settings_get_string (self->settings, "quality-benchmark") : NULL;
  g_autofree char *keep = g_strdup (self->wanted_set != NULL ? self->wanted_set
                                    : current != NULL ? current->name : saved);
  guint position = 0;

  for (guint i = 0; self->sets != NULL && i < self->sets->len; i++)
    {
      const HubScoreSetInfo *info = g_ptr_array_index (self->sets, i);

      gtk_string_list_append (list, info->name);
      if (g_strcmp0 (info->name, keep) == 0)
        position = i;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->set_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->set_dropdown, position);
  self->filling = FALSE;
  /* The benchmark asked for, else the one last shown when its set is. */
  fill_benchmarks (self, self->wanted_benchmark != NULL ? self->wanted_benchmark
                         : selected_set (self) != NULL && g_strcmp0 (selected_set (self)->name, saved) == 0
                         ? saved_benchmark : NULL);
  g_clear_pointer (&self->wanted_set, g_free);
  g_clear_pointer (&self->wanted_benchmark, g_free);
}

static void
list_sets_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *sets = hub_analysis_list_score_sets (task_data, &error);

  if (sets == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sets, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_sets_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HubQualityPage *self = HUB_QUALITY_PAGE (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *sets = g_task_propagate_pointer (G_TASK (result), &error);

  if (sets == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  self->sets = sets;
  fill_sets (self);
  run_compute (self);
}

/* Lists the sets off the main thread, then computes. */
static void
refresh (HubQualityPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->analysis == NULL || self->dataset == NULL)
    return;
  hub_series_dropdown_refresh (self->series_dropdown, self->analysis, G_CALLBACK (run_compute), self);
  task = g_task_new (self, NULL, list_sets_done, NULL);
  g_task_set_task_data (task, g_object_ref (self->analysis), g_object_unref);
  g_task_run_in_thread (task, list_sets_thread);
}

/* The focused point ---------------------------------------------------------- */

static void
show_focus (HubQualityPage *self)
{
  const HubQualityResult *res = self->shown != NULL ? self->shown->result : NULL;

  g_clear_pointer (&self->readout, g_free);
  if (res != NULL && self->shown->chart.focus >= 0)
    self->readout = hub_quality_chart_readout (res, self->shown->chart.focus);
  gtk_label_set_text (self->readout_label, self->readout != NULL ? self->readout : "");
  gtk_widget_set_visible (GTK_WIDGET (self->readout_label), self->readout != NULL);
  if (res != NULL)
    {
      g_autofree char *title = hub_quality_chart_title (res);
      g_autofree char *description = hub_quality_chart_describe (res);

      /* A screen reader hears the focused point, else the whole chart. */
      hub_chart_view_set_description (self->chart, title, self->readout != NULL ? self->readout : description);
    }
  hub_chart_view_redraw (self->chart);
}

static void
on_step (HubChartView   *view,
         int             delta,
         HubQualityPage *self)
{
  gint64 n, focus;

  if (self->shown == NULL || self->shown->result->points->len == 0)
    return;
  n = self->shown->result->points->len;
  focus = self->shown->chart.focus < 0 ? 0 : CLAMP ((gint64) self->shown->chart.focus + delta, 0, n - 1);
  self->shown->chart.focus = focus;
  show_focus (self);
}

static gboolean
hit (HubQualityPage *self,
     double          x,
     double          y,
     int             width,
     int             height,
     guint          *index)
{
  HubQualityChartLayout layout;
  HubChartStyle style;
  cairo_t *cr;
  gboolean found;

  if (self->shown == NULL || self->shown->result->points->len == 0)
    return FALSE;
  hub_chart_view_get_style (self->chart, &style);
  cr = hub_chart_measure_context ();
  hub_quality_chart_layout (cr, width, height, &style, &self->shown->chart, &layout);
  found = hub_quality_chart_hit (&layout, &self->shown->chart, x, y, index);
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
  HubQualityPage *self = user_data;
  g_autofree char *readout = NULL;
  guint index;

  if (!hit (self, x, y, width, height, &index))
    return NULL;
  readout = hub_quality_chart_readout (self->shown->result, index);
  return g_markup_escape_text (readout, -1);
}

static void
open_model (HubQualityPage *self,
            const char     *id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-model", "s", id);
}

static void
on_pressed (HubChartView   *view,
            double          x,
            double          y,
            HubQualityPage *self)
{
  guint index;

  if (!hit (self, x, y, gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)),
            &index))
    return;
  self->shown->chart.focus = index;
  show_focus (self);
  open_model (self, g_array_index (self->shown->result->points, HubQualityPoint, index).id);
}

/* The quadrant lists ---------------------------------------------------------- */

static void
on_row_activated (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  HubQualityPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "model-id");

  if (id != NULL)
    open_model (self, id);
}

static GtkWidget *
quadrant_card (HubQualityPage         *self,
               const HubQualityResult *result,
               HubQualityQuadrant      quadrant)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *count = hub_format_count (result->counts[quadrant]);
  g_autofree char *heading = g_strdup_printf ("%s · %s", hub_quality_quadrant_label (quadrant), count);
  GtkWidget *label = gtk_label_new (heading);
  guint listed = 0;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  for (guint i = 0; i < result->points->len && listed < LISTED_PER_QUADRANT; i++)
    {
      const HubQualityPoint *p = &g_array_index (result->points, HubQualityPoint, i);
      g_autofree char *adoption = NULL;
      g_autofree char *detail = NULL;
      GtkWidget *row, *row_box, *name, *numbers;

      if (p->quadrant != quadrant)
        continue;
      adoption = hub_format_count ((gint64) MIN (p->adoption, (guint64) G_MAXINT64));
      if (result->relative)
        {
          g_autofree char *ratio = g_strdup_printf ("%.2g× · %s", p->relative, adoption);

          detail = g_strdup_printf (p->inherited_from >= 0 ? _("%.4g (inherited) · %s") : "%.4g · %s",
                                    p->score, ratio);
        }
      else
        detail = g_strdup_printf (p->inherited_from >= 0 ? _("%.4g (inherited) · %s") : "%.4g · %s",
                                  p->score, adoption);
      row = gtk_list_box_row_new ();
      row_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      name = gtk_label_new (p->id);
      numbers = gtk_label_new (detail);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_xalign (GTK_LABEL (numbers), 0);
      gtk_widget_add_css_class (numbers, "dim-label");
      gtk_widget_add_css_class (numbers, "numeric");
      gtk_widget_set_margin_start (row_box, 8);
      gtk_widget_set_margin_end (row_box, 8);
      gtk_widget_set_margin_top (row_box, 4);
      gtk_widget_set_margin_bottom (row_box, 4);
      gtk_box_append (GTK_BOX (row_box), name);
      gtk_box_append (GTK_BOX (row_box), numbers);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), row_box);
      gtk_widget_set_tooltip_text (row, _("Show this model in Trending"));
      g_object_set_data_full (G_OBJECT (row), "model-id", g_strdup (p->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      listed++;
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (box), list);
  gtk_widget_set_visible (list, listed > 0);
  if (result->counts[quadrant] > listed)
    {
      g_autofree char *more = hub_format_count (result->counts[quadrant] - listed);
      g_autofree char *text = g_strdup_printf (_("and %s more (Export Data lists every model)"), more);
      GtkWidget *rest = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (rest), 0);
      gtk_label_set_wrap (GTK_LABEL (rest), TRUE);
      gtk_widget_add_css_class (rest, "dim-label");
      gtk_box_append (GTK_BOX (box), rest);
    }
  return box;
}

static void
fill_quadrants (HubQualityPage         *self,
                const HubQualityResult *result)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quadrant_box))) != NULL)
    gtk_flow_box_remove (self->quadrant_box, child);
  for (guint q = 0; q < HUB_N_QUALITY_QUADRANTS; q++)
    gtk_flow_box_append (self->quadrant_box, quadrant_card (self, result, q));
  /* The flow box's children are containers, not choices: Tab goes into
   * the lists. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->quadrant_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

/* Computing ----------------------------------------------------------------- */

/* @query: the query asked; its series is set to the one read */
static void
show_result (HubQualityPage   *self,
             HubQualityResult *result,
             HubQuery         *query)
{
  g_autofree char *title = hub_quality_chart_title (result);
  Shown *shown = g_rc_box_new0 (Shown);

  shown->result = result;
  /* The query as answered names the series read, so that an export's
   * manifest gives the same points. */
  if (query->series == NULL)
    query->series = g_strdup (result->series);
  shown->query_text = hub_query_to_string (query);
  shown->chart = (HubQualityChartData) { result, gtk_drop_down_get_selected (self->color_dropdown), -1 };
  g_clear_pointer (&self->shown, shown_unref);
  self->shown = g_rc_box_acquire (shown);
  hub_chart_view_set_renderer (self->chart, hub_quality_chart_draw_func, shown, shown_unref);

  /* Lines at the medians: setting them starts from there. */
  self->filling = TRUE;
  /* A relative adoption is a ratio, a count is whole. */
  gtk_spin_button_set_digits (self->adoption_line_spin, result->relative ? 3 : 0);
  gtk_spin_button_set_increments (self->adoption_line_spin, result->relative ? 0.1 : 1000,
                                  result->relative ? 1 : 100000);
  if (gtk_check_button_get_active (self->median_check) && result->points->len > 0)
    {
      gtk_spin_button_set_value (self->score_line_spin, result->score_line);
      gtk_spin_button_set_value (self->adoption_line_spin,
                                 result->relative ? result->adoption_line : round (result->adoption_line));
    }
  self->filling = FALSE;
  shown->caption = hub_quality_chart_caption (result);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->caption_label, shown->caption);
  fill_quadrants (self, result);
  gtk_stack_set_visible_child_name (self->content_stack, "content");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.export-chart", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.export-data", TRUE);
  show_focus (self);
}

typedef struct {
  HubQualityPage *self;
  guint           serial;
  HubQuery        query;
} ComputeData;

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ComputeData *data = user_data;
  g_autoptr(HubQualityPage) self = data->self;
  g_autoptr(GError) error = NULL;
  HubQualityResult *res = hub_analysis_quality_finish (HUB_ANALYSIS (object), result, &error);

  if (hub_page_work_finish (&self->work, data->serial))
    {
      if (res != NULL)
        show_result (self, g_steal_pointer (&res), &data->query);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->content_stack, "error");
        }
    }
  g_clear_pointer (&res, hub_quality_result_free);
  hub_query_clear (&data->query);
  g_free (data);
}

static void
run_compute (HubQualityPage *self)
{
  const HubScoreSetInfo *info;
  g_autofree const char **benchmarks = NULL;
  HubQualityOptions options;
  ComputeData *data;
  HubQuery query;

  if (self->dataset == NULL || self->analysis == NULL || self->filling || self->sets == NULL)
    return;
  /* A hidden view computes nothing: not at start-up, not after a reload
   * while another view is shown. */
  self->deferred = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->deferred)
    return;
  info = selected_set (self);
  benchmarks = selected_benchmarks (self);
  if (info == NULL || benchmarks == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "quality-set", info->name);
      g_settings_set_string (self->settings, "quality-benchmark", benchmarks[1] != NULL ? MEAN : benchmarks[0]);
    }

  hub_query_init (&query);
  query.series = hub_series_dropdown_dup_selected (self->series_dropdown);
  query.attribution = gtk_drop_down_get_selected (self->adoption_dropdown) == HUB_QUALITY_PAGE_FAMILY
                      ? HUB_QUERY_ATTRIBUTION_ROOT : HUB_QUERY_ATTRIBUTION_SELF;
  hub_quality_options_init (&options);
  options.score_set = info->name;
  options.benchmarks = benchmarks;
  options.inherit = gtk_check_button_get_active (self->inherit_check);
  options.relative = gtk_drop_down_get_selected (self->adoption_dropdown) == HUB_QUALITY_PAGE_RELATIVE;
  if (!gtk_check_button_get_active (self->median_check))
    {
      options.score_line = gtk_spin_button_get_value (self->score_line_spin);
      options.adoption_line = gtk_spin_button_get_value (self->adoption_line_spin);
    }

  data = g_new0 (ComputeData, 1);
  data->self = g_object_ref (self);
  data->serial = hub_page_work_begin (&self->work);
  hub_query_copy (&data->query, &query);
  hub_analysis_set_dataset (self->analysis, self->dataset);
  hub_analysis_quality_async (self->analysis, &query, &options, self->work.cancellable, compute_done, data);
  hub_query_clear (&query);
}

static void
on_set_changed (HubQualityPage *self)
{
  if (self->filling)
    return;
  fill_benchmarks (self, NULL);
  run_compute (self);
}

static void
on_median_toggled (HubQualityPage *self)
{
  gboolean median = gtk_check_button_get_active (self->median_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->score_line_spin), !median);
  gtk_widget_set_sensitive (GTK_WIDGET (self->adoption_line_spin), !median);
  run_compute (self);
}

static void
on_line_changed (HubQualityPage *self)
{
  if (!gtk_check_button_get_active (self->median_check))
    run_compute (self);
}

static void
on_color_changed (HubQualityPage *self)
{
  if (self->shown == NULL)
    return;
  self->shown->chart.color = gtk_drop_down_get_selected (self->color_dropdown);
  hub_chart_view_redraw (self->chart);
}

/* Export -------------------------------------------------------------------- */

typedef struct {
  HubQualityChartData  chart;
  Shown               *shown;
} ExportFigure;

static void
export_figure_free (gpointer data)
{
  ExportFigure *figure = data;

  shown_unref (figure->shown);
  g_free (figure);
}

GtkWindow *
hub_quality_page_export_chart (HubQualityPage *self)
{
  g_autofree char *title = NULL;
  ExportFigure *figure;

  g_return_val_if_fail (HUB_IS_QUALITY_PAGE (self), NULL);

  if (self->shown == NULL)
    return NULL;
  figure = g_new0 (ExportFigure, 1);
  figure->shown = g_rc_box_acquire (self->shown);
  figure->chart = self->shown->chart;
  figure->chart.focus = -1;
  title = hub_quality_chart_title (self->shown->result);
  return hub_export_dialog_present (GTK_WIDGET (self), "quality", title, self->shown->caption,
                                    hub_quality_chart_draw_func, figure, export_figure_free);
}

static HubTableWriter *
export_rows (FILE           *out,
             HubTableFormat  format,
             gpointer        user_data)
{
  const Shown *shown = user_data;

  return hub_data_export_quality_rows (out, format, shown->result);
}

/* A HubExportDataWrite of a Shown. */
static gboolean
write_data (gpointer     data,
            const char  *path,
            GError     **error)
{
  Shown *shown = data;
  g_autofree char *title = hub_quality_chart_title (shown->result);
  g_autofree char *figure = hub_quality_result_settings (shown->result);
  g_autofree char *settings = g_strdup_printf ("%s;color=%s", figure,
                                               hub_quality_chart_color_to_string (shown->chart.color));

  return hub_data_export_write_figure (path, "quality", shown->query_text, settings, title, shown->caption,
                                       export_rows, shown, error);
}

gboolean
hub_quality_page_export_data (HubQualityPage  *self,
                              const char      *path,
                              GError         **error)
{
  g_return_val_if_fail (HUB_IS_QUALITY_PAGE (self), FALSE);
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
  Shown *shown = HUB_QUALITY_PAGE (widget)->shown;

  if (shown != NULL)
    hub_export_data_write_async (widget, path, write_data, g_rc_box_acquire (shown), shown_unref);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (HUB_QUALITY_PAGE (widget)->shown != NULL)
    hub_export_data_choose (widget, _("Export Quality Data"), "quality", export_data_chosen);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hub_quality_page_export_chart (HUB_QUALITY_PAGE (widget));
}

/* Properties ------------------------------------------------------------------ */

static void
set_dataset (HubQualityPage *self,
             HubDataset     *dataset)
{
  if (self->dataset == dataset)
    return;
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  self->dataset = dataset != NULL ? hub_dataset_ref (dataset) : NULL;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
set_db_path (HubQualityPage *self,
             const char     *db_path)
{
  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  g_clear_object (&self->analysis);
  if (db_path != NULL)
    self->analysis = hub_analysis_new (db_path);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

static void
hub_quality_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HubQualityPage *self = HUB_QUALITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET: g_value_set_boxed (value, self->dataset); break;
    case PROP_DB_PATH: g_value_set_string (value, self->db_path); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_quality_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HubQualityPage *self = HUB_QUALITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET: set_dataset (self, g_value_get_boxed (value)); break;
    case PROP_DB_PATH: set_db_path (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_quality_page_map (GtkWidget *widget)
{
  HubQualityPage *self = HUB_QUALITY_PAGE (widget);

  GTK_WIDGET_CLASS (hub_quality_page_parent_class)->map (widget);
  if (self->deferred)
    run_compute (self);
}

static void
hub_quality_page_dispose (GObject *object)
{
  HubQualityPage *self = HUB_QUALITY_PAGE (object);

  hub_page_work_clear (&self->work);
  g_clear_pointer (&self->shown, shown_unref);
  g_clear_object (&self->analysis);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_QUALITY_PAGE);
  G_OBJECT_CLASS (hub_quality_page_parent_class)->dispose (object);
}

static void
hub_quality_page_finalize (GObject *object)
{
  HubQualityPage *self = HUB_QUALITY_PAGE (object);

  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_free (self->wanted_set);
  g_free (self->wanted_benchmark);
  g_free (self->db_path);
  g_free (self->readout);
  G_OBJECT_CLASS (hub_quality_page_parent_class)->finalize (object);
}

static void
hub_quality_page_class_init (HubQualityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hub_quality_page_get_property;
  object_class->set_property = hub_quality_page_set_property;
  object_class->dispose = hub_quality_page_dispose;
  object_class->finalize = hub_quality_page_finalize;
  widget_class->map = hub_quality_page_map;

  properties[PROP_DATASET] = g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] = g_param_spec_string ("db-path", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-quality-page.ui");
  gtk_widget_class_set_css_name (widget_class, "qualitypage");
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, set_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, benchmark_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, adoption_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, inherit_check);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, median_check);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, score_line_spin);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, adoption_line_spin);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, readout_label);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, quadrant_box);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, caption_label);
  gtk_widget_class_bind_template_child (widget_class, HubQualityPage, error_page);

  gtk_widget_class_install_action (widget_class, "quality.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "quality.export-data", NULL, export_data_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "quality.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "quality.export-data", NULL);
}



static void
bind_settings (HubQualityPage *self)
{
  self->settings = hub_settings_new ();
  if (self->settings == NULL)
    return;
  hub_settings_bind_choice (self->settings, "quality-adoption", G_OBJECT (self->adoption_dropdown), adoption_names);
  hub_settings_bind_choice (self->settings, "quality-color", G_OBJECT (self->color_dropdown),
                            hub_quality_chart_color_names ());
  g_settings_bind (self->settings, "quality-inherit", self->inherit_check, "active", G_SETTINGS_BIND_DEFAULT);
}

static void
hub_quality_page_init (HubQualityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));
  bind_settings (self);
  hub_series_dropdown_init (self->series_dropdown);

  self->chart = HUB_CHART_VIEW (hub_chart_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 440);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->chart));
  hub_chart_view_set_description (self->chart, _("Scores against adoption"), NULL);
  hub_chart_view_set_hover_func (self->chart, chart_hover, self);
  g_signal_connect (self->chart, "step", G_CALLBACK (on_step), self);
  g_signal_connect (self->chart, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_set_visible (GTK_WIDGET (self->readout_label), FALSE);

  g_signal_connect_swapped (self->set_dropdown, "notify::selected", G_CALLBACK (on_set_changed), self);
  g_signal_connect_swapped (self->benchmark_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->adoption_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->series_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->inherit_check, "toggled", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->median_check, "toggled", G_CALLBACK (on_median_toggled), self);
  g_signal_connect_swapped (self->score_line_spin, "value-changed", G_CALLBACK (on_line_changed), self);
  g_signal_connect_swapped (self->adoption_line_spin, "value-changed", G_CALLBACK (on_line_changed), self);
  g_signal_connect_swapped (self->color_dropdown, "notify::selected", G_CALLBACK (on_color_changed), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.export-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.export-data", FALSE);
}

GtkWidget *
hub_quality_page_new (void)
{
  return g_object_new (HUB_TYPE_QUALITY_PAGE, NULL);
}

void
hub_quality_page_select (HubQualityPage *self,
                         const char     *set,
                         const char     *benchmark)
{
  g_return_if_fail (HUB_IS_QUALITY_PAGE (self));

  g_free (self->wanted_set);
  g_free (self->wanted_benchmark);
  self->wanted_set = g_strdup (set);
  self->wanted_benchmark = g_strdup (benchmark);
  if (self->sets != NULL)
    {
      fill_sets (self);
      run_compute (self);
    }
}

void
hub_quality_page_set_color (HubQualityPage       *self,
                            HubQualityChartColor  color)
{
  g_return_if_fail (HUB_IS_QUALITY_PAGE (self));
  gtk_drop_down_set_selected (self->color_dropdown, color);
}

const HubQualityResult *
hub_quality_page_get_result (HubQualityPage *self)
{
  g_return_val_if_fail (HUB_IS_QUALITY_PAGE (self), NULL);
  return self->shown != NULL ? self->shown->result : NULL;
}

gboolean
hub_quality_page_is_busy (HubQualityPage *self)
{
  g_return_val_if_fail (HUB_IS_QUALITY_PAGE (self), FALSE);
  return hub_page_work_is_busy (&self->work) || self->sets == NULL;
}

void
hub_quality_page_set_lines (HubQualityPage *self,
                            double          score,
                            double          adoption)
{
  g_return_if_fail (HUB_IS_QUALITY_PAGE (self));

  if (isnan (score) || isnan (adoption))
    {
      gtk_check_button_set_active (self->median_check, TRUE);
      return;
    }
  self->filling = TRUE;
  gtk_spin_button_set_value (self->score_line_spin, score);
  gtk_spin_button_set_value (self->adoption_line_spin, adoption);
  self->filling = FALSE;
  if (gtk_check_button_get_active (self->median_check))
    gtk_check_button_set_active (self->median_check, FALSE);
  else
    run_compute (self);
}

void
hub_quality_page_set_adoption (HubQualityPage         *self,
                               HubQualityPageAdoption  adoption)
{
  g_return_if_fail (HUB_IS_QUALITY_PAGE (self));
  gtk_drop_down_set_selected (self->adoption_dropdown, adoption);
}
