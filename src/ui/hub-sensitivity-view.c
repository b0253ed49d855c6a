/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-sensitivity-view.h"

#include "hub-chart-caption.h"
#include "hub-chart-view.h"
#include "hub-page-work.h"
#include "hub-sensitivity-chart.h"
#include "hub-settings.h"

#include <glib/gi18n.h>

#define SETTINGS_KEY "share-vary"

/* The dropdown's choices, in its order. */
static const guint vary_items[] = {
  HUB_SENSITIVITY_VARY_ATTRIBUTION | HUB_SENSITIVITY_VARY_WINDOW,
  HUB_SENSITIVITY_VARY_ATTRIBUTION | HUB_SENSITIVITY_VARY_EXCLUDE,
  HUB_SENSITIVITY_VARY_WINDOW | HUB_SENSITIVITY_VARY_EXCLUDE,
};

struct _HubSensitivityView
{
  GtkBox                parent_instance;

  HubPageWork           work;
  GSettings            *settings;
  HubAnalysis          *analysis;
  HubDataset           *dataset;       /* the one @query was asked on */
  HubQuery              query;
  gboolean              has_query;
  HubSensitivityResult *result;

  GtkDropDown          *vary_dropdown;
  GtkSpinner           *spinner;
  GtkLabel             *change_label;
  HubChartView         *chart_view;
  GtkGrid              *table_grid;
};

G_DEFINE_FINAL_TYPE (HubSensitivityView, hub_sensitivity_view, GTK_TYPE_BOX)

typedef struct {
  HubSensitivityView *self;
  guint               serial;
} ComputeData;

void
hub_sensitivity_view_chart_free (gpointer data)
{
  HubSensitivityChartData *chart = data;

  hub_sensitivity_result_unref ((HubSensitivityResult *) chart->result);
  g_free (chart);
}

static HubSensitivityChartData *
chart_new (HubSensitivityView *self)
{
  HubSensitivityChartData *chart = g_new0 (HubSensitivityChartData, 1);

  chart->result = hub_sensitivity_result_ref (self->result);
  chart->time_label = hub_chart_axis_label (self->query.axis);
  chart->time_unit = hub_chart_axis_time_unit (self->query.axis);
  return chart;
}

gpointer
hub_sensitivity_view_dup_chart (HubSensitivityView *self)
{
  g_return_val_if_fail (HUB_IS_SENSITIVITY_VIEW (self), NULL);
  return self->result != NULL ? chart_new (self) : NULL;
}

static void
add_cell (HubSensitivityView *self,
          const char         *text,
          guint               column,
          guint               row,
          gboolean            numeric,
          const char         *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (self->table_grid, label, column, row, 1, 1);
}

/* The headline figures per method: leader, top three, HHI, Gini; the
 * method of the largest change in the accent colour. */
static void
fill_table (HubSensitivityView *self)
{
  const HubSensitivityResult *r = self->result;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
  add_cell (self, _("Method"), 0, 0, FALSE, "heading");
  add_cell (self, _("Latest top three"), 1, 0, FALSE, "heading");
  add_cell (self, _("HHI"), 2, 0, TRUE, "heading");
  add_cell (self, _("Gini"), 3, 0, TRUE, "heading");
  for (guint i = 0; i < r->n_methods; i++)
    {
      const HubSensitivityMethod *m = &r->methods[i];
      const char *css = r->change_category != NULL && r->change_method == i ? "accent" : NULL;
      g_autoptr(GString) top = g_string_new (NULL);
      g_autofree char *hhi = m->empty ? g_strdup ("—") : g_strdup_printf ("%.3f", m->hhi);
      g_autofree char *gini = m->empty ? g_strdup ("—") : g_strdup_printf ("%.3f", m->gini);

      for (guint k = 0; k < m->n_top; k++)
        g_string_append_printf (top, "%s%s %.1f %%", k > 0 ? ", " : "", m->top_names[k], 100 * m->top_shares[k]);
      add_cell (self, m->label, 0, i + 1, FALSE, i == 0 ? "heading" : css);
      add_cell (self, top->len > 0 ? top->str : "—", 1, i + 1, FALSE, css);
      add_cell (self, hhi, 2, i + 1, TRUE, css);
      add_cell (self, gini, 3, i + 1, TRUE, css);
    }
}

static void
show_result (HubSensitivityView *self)
{
  HubSensitivityChartData *chart = chart_new (self);
  g_autofree char *change = hub_sensitivity_change_text (self->result);
  g_autofree char *description = hub_sensitivity_chart_describe (self->result);

  chart->hide_change = TRUE;
  hub_chart_view_set_renderer (self->chart_view, hub_sensitivity_chart_draw_func, chart,
                               hub_sensitivity_view_chart_free);
  hub_chart_view_set_description (self->chart_view, _("Shares under each counting choice"), description);
  gtk_label_set_text (self->change_label, change != NULL ? change : _("No category’s share moves between these methods."));
  fill_table (self);
}

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ComputeData *d = user_data;
  HubSensitivityView *self = d->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubSensitivityResult) grid = hub_analysis_sensitivity_finish (HUB_ANALYSIS (object), result, &error);

  if (hub_page_work_finish (&self->work, d->serial))
    {
      if (grid != NULL)
        {
          g_clear_pointer (&self->result, hub_sensitivity_result_unref);
          self->result = g_steal_pointer (&grid);
          show_result (self);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          hub_chart_view_set_renderer (self->chart_view, NULL, NULL, NULL);
          gtk_label_set_text (self->change_label, error->message);
        }
    }
  g_object_unref (self);
  g_free (d);
}

static void
run_compute (HubSensitivityView *self)
{
  ComputeData *d;
  guint vary = vary_items[MIN (gtk_drop_down_get_selected (self->vary_dropdown), G_N_ELEMENTS (vary_items) - 1)];

  if (self->analysis == NULL || !self->has_query)
    return;
  d = g_new0 (ComputeData, 1);
  d->self = g_object_ref (self);
  d->serial = hub_page_work_begin (&self->work);
  hub_analysis_sensitivity_async (self->analysis, &self->query, vary, self->work.cancellable, compute_done, d);
}

void
hub_sensitivity_view_set_query (HubSensitivityView *self,
                                HubAnalysis        *analysis,
                                HubDataset         *dataset,
                                const HubQuery     *query)
{
  g_return_if_fail (HUB_IS_SENSITIVITY_VIEW (self));
  g_return_if_fail (HUB_IS_ANALYSIS (analysis));
  g_return_if_fail (query != NULL);

  /* The leaderboard's level and such change the page, not the grid. */
  if (self->has_query && self->analysis == analysis && self->dataset == dataset &&
      hub_query_equal (&self->query, query) && (self->result != NULL || hub_page_work_is_busy (&self->work)))
    return;
  g_set_object (&self->analysis, analysis);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  self->dataset = hub_dataset_ref (dataset);
  hub_query_clear (&self->query);
  hub_query_init (&self->query);
  hub_query_copy (&self->query, query);
  self->has_query = TRUE;
  run_compute (self);
}

HubSensitivityResult *
hub_sensitivity_view_get_result (HubSensitivityView *self)
{
  g_return_val_if_fail (HUB_IS_SENSITIVITY_VIEW (self), NULL);
  return self->result;
}

gboolean
hub_sensitivity_view_is_busy (HubSensitivityView *self)
{
  g_return_val_if_fail (HUB_IS_SENSITIVITY_VIEW (self), FALSE);
  return hub_page_work_is_busy (&self->work);
}

static void
on_vary_changed (HubSensitivityView *self)
{
  guint selected = MIN (gtk_drop_down_get_selected (self->vary_dropdown), G_N_ELEMENTS (vary_items) - 1);

  if (self->settings != NULL)
    {
      g_autofree char *text = hub_sensitivity_vary_to_string (vary_items[selected]);

      g_settings_set_string (self->settings, SETTINGS_KEY, text);
    }
  run_compute (self);
}

static void
hub_sensitivity_view_dispose (GObject *object)
{
  HubSensitivityView *self = HUB_SENSITIVITY_VIEW (object);

  hub_page_work_clear (&self->work);
  g_clear_object (&self->settings);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_clear_pointer (&self->result, hub_sensitivity_result_unref);
  if (self->has_query)
    hub_query_clear (&self->query);
  self->has_query = FALSE;
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_SENSITIVITY_VIEW);
  G_OBJECT_CLASS (hub_sensitivity_view_parent_class)->dispose (object);
}

static void
hub_sensitivity_view_class_init (HubSensitivityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hub_sensitivity_view_dispose;
  g_type_ensure (HUB_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-sensitivity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HubSensitivityView, vary_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubSensitivityView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HubSensitivityView, change_label);
  gtk_widget_class_bind_template_child (widget_class, HubSensitivityView, chart_view);
  gtk_widget_class_bind_template_child (widget_class, HubSensitivityView, table_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_vary_changed);
}

static void
hub_sensitivity_view_init (HubSensitivityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));
  hub_query_init (&self->query);
  self->has_query = FALSE;
  self->settings = hub_settings_new ();
  if (self->settings != NULL)
    {
      g_autofree char *text = g_settings_get_string (self->settings, SETTINGS_KEY);
      guint vary;

      if (hub_sensitivity_vary_from_string (text, &vary, NULL))
        for (guint i = 0; i < G_N_ELEMENTS (vary_items); i++)
          if (vary_items[i] == vary)
            gtk_drop_down_set_selected (self->vary_dropdown, i);
    }
}

GtkWidget *
hub_sensitivity_view_new (void)
{
  return g_object_new (HUB_TYPE_SENSITIVITY_VIEW, NULL);
}
