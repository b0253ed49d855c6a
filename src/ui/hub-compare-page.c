/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-compare-page.h"

#include "hub-analysis.h"
#include "hub-attention-chart.h"
#include "hub-chart-frame.h"
#include "hub-chart-view.h"
#include "hub-compare-chart.h"
#include "hub-data-export.h"
#include "hub-dataset-boxed.h"
#include "hub-export-dialog.h"
#include "hub-format.h"
#include "hub-model-suggest.h"
#include "hub-page-work.h"
#include "hub-series-dropdown.h"
#include "hub-settings.h"
#include "hub-stacked-area.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

static const char * const measure_names[] = { "cumulative", "downloads", "likes", NULL };
static const char * const align_names[] = { "calendar", "release", NULL };
static const char * const baseline_names[] = { "median", "rank", NULL };
static const char * const attention_names[] = { "likes", "trending", NULL };

/* Suggestions offered for an id that is not in the data. */
#define N_SUGGESTIONS 3

/* What is shown: shared by the chart views, the export dialog and an
 * export thread (a GRcBox). */
typedef struct {
  HubCompareChartData  curves;
  HubCompareChartData  relative;
  HubStackedAreaData   family;
  HubCompareResult    *result;
  HubFamilySplit      *split;        /* of the first family, or NULL */
  HubShareResult      *split_share;
  HubAttentionResult  *attention;
  HubAttentionChartData attention_chart;
  GArray              *marked;       /* guint32: the compared models, ringed in the attention chart */
  char                *attention_task;
  char                *query_text;
  char                *caption;
} Shown;

static void
shown_clear (gpointer data)
{
  Shown *shown = data;

  hub_compare_result_free (shown->result);
  g_clear_pointer (&shown->split, hub_family_split_free);
  g_clear_pointer (&shown->split_share, hub_share_result_free);
  g_clear_pointer (&shown->attention, hub_attention_result_unref);
  g_clear_pointer (&shown->marked, g_array_unref);
  g_free (shown->attention_task);
  g_free (shown->query_text);
  g_free (shown->caption);
}

static void
shown_unref (gpointer data)
{
  g_rc_box_release_full (data, shown_clear);
}

static void
draw_curves (cairo_t *cr, int width, int height, const HubChartStyle *style, gconstpointer data)
{
  hub_compare_chart_draw_func (cr, width, height, style, &((const Shown *) data)->curves);
}

static void
draw_relative (cairo_t *cr, int width, int height, const HubChartStyle *style, gconstpointer data)
{
  hub_compare_chart_draw_func (cr, width, height, style, &((const Shown *) data)->relative);
}

static void
draw_family (cairo_t *cr, int width, int height, const HubChartStyle *style, gconstpointer data)
{
  hub_stacked_area_draw_func (cr, width, height, style, &((const Shown *) data)->family);
}

static void
draw_attention (cairo_t *cr, int width, int height, const HubChartStyle *style, gconstpointer data)
{
  hub_attention_chart_draw_func (cr, width, height, style, &((const Shown *) data)->attention_chart);
}

struct _HubComparePage
{
  AdwBin          parent_instance;

  GtkEntry       *add_entry;
  GtkCheckButton *family_check;
  GtkDropDown    *measure_dropdown;
  GtkDropDown    *align_dropdown;
  GtkCheckButton *log_check;
  GtkDropDown    *baseline_dropdown;
  GtkSpinButton  *rank_spin;
  GtkCheckButton *all_tasks_check;
  GtkDropDown    *series_dropdown;
  GtkSpinner     *spinner;
  GtkBox         *suggest_box;
  GtkLabel       *suggest_label;
  GtkFlowBox     *subjects_box;
  GtkStack       *content_stack;
  GtkLabel       *title_label;
  GtkBox         *chart_box;
  GtkLabel       *readout_label;
  GtkLabel       *relative_title;
  GtkBox         *relative_box;
  GtkListBox     *scores_list;
  GtkBox         *family_section;
  GtkLabel       *family_title;
  GtkLabel       *family_label;
  GtkBox         *family_box;
  GtkBox         *attention_section;
  GtkLabel       *attention_title;
  GtkDropDown    *attention_dropdown;
  GtkBox         *attention_box;
  GtkLabel       *attention_caption;
  GtkLabel       *caption_label;
  AdwStatusPage  *error_page;
  GtkButton      *top_button;
  HubChartView   *curves_view;
  HubChartView   *relative_view;
  HubChartView   *family_view;
  HubChartView   *attention_view;
  GSettings      *settings;       /* NULL when the schema is not installed */

  HubDataset     *dataset;
  char           *db_path;
  HubAnalysis    *analysis;
  GPtrArray      *subjects;       /* char *: ids and "family:ID", NULL-terminated */
  gboolean        deferred;       /* a figure is due once the view shows */
  Shown          *shown;
  HubPageWork     work;
};

G_DEFINE_FINAL_TYPE (HubComparePage, hub_compare_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_compute (HubComparePage *self);

/* Subjects ------------------------------------------------------------------ */

static void
save_subjects (HubComparePage *self)
{
  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "compare-subjects", (const char * const *) self->subjects->pdata);
}

static void
on_remove_clicked (GtkButton      *button,
                   HubComparePage *self)
{
  const char *subject = g_object_get_data (G_OBJECT (button), "subject");

  for (guint i = 0; i < self->subjects->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->subjects, i), subject) == 0)
      {
        g_ptr_array_remove_index (self->subjects, i);
        break;
      }
  save_subjects (self);
  run_compute (self);
}

/* A chip per subject: its name and a button that removes it. */
static void
fill_subjects (HubComparePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->subjects_box))) != NULL)
    gtk_flow_box_remove (self->subjects_box, child);
  for (guint i = 0; i < self->subjects->len; i++)
    {
      const char *subject = g_ptr_array_index (self->subjects, i);
      g_autofree char *text = hub_compare_subject_label (subject);
      /* Translators: the tooltip of a compared model's remove button. */
      g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), text);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_margin_start (label, 10);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      g_object_set_data_full (G_OBJECT (remove), "subject", g_strdup (subject), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_widget_add_css_class (box, "card");
      gtk_widget_add_css_class (box, "compare-chip");
      /* As wide as its name, whatever width its place in the row has. */
      gtk_widget_set_halign (box, GTK_ALIGN_START);
      gtk_flow_box_append (self->subjects_box, box);
    }
  /* The chips are containers, not choices: Tab goes to their buttons. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->subjects_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->subjects_box), self->subjects->len > 0);
}

static void
show_message (HubComparePage *self,
              const char     *message)
{
  GtkWidget *child;

  /* Only the label stays: suggestion buttons go. */
  while ((child = gtk_widget_get_last_child (GTK_WIDGET (self->suggest_box))) != GTK_WIDGET (self->suggest_label))
    gtk_box_remove (self->suggest_box, child);
  gtk_label_set_text (self->suggest_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->suggest_box), message != NULL);
}

static void
on_suggestion_clicked (GtkButton      *button,
                       HubComparePage *self)
{
  hub_compare_page_add (self, g_object_get_data (G_OBJECT (button), "subject"));
}

/* "No model … Did you mean" with a button per close id. */
static void
offer_suggestions (HubComparePage *self,
                   const char     *id,
                   gboolean        family)
{
  g_autoptr(GPtrArray) close = hub_model_suggest (self->dataset, id, N_SUGGESTIONS);
  g_autofree char *message = close->len > 0
                             /* Translators: an unknown id in the Compare view, then buttons with close ids. */
                             ? g_strdup_printf (_("No model “%s”. Did you mean:"), id)
                             : g_strdup_printf (_("No model “%s” in the data."), id);

  show_message (self, message);
  for (guint i = 0; i < close->len; i++)
    {
      const char *candidate = g_ptr_array_index (close, i);
      GtkWidget *button = gtk_button_new_with_label (candidate);

      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "subject",
                              family ? g_strconcat (HUB_COMPARE_FAMILY_PREFIX, candidate, NULL) : g_strdup (candidate),
                              g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_suggestion_clicked), self);
      gtk_box_append (self->suggest_box, button);
    }
}

gboolean
hub_compare_page_add (HubComparePage *self,
                      const char     *subject)
{
  const char *id;
  gboolean family;

  g_return_val_if_fail (HUB_IS_COMPARE_PAGE (self), FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);

  family = g_str_has_prefix (subject, HUB_COMPARE_FAMILY_PREFIX);
  id = family ? subject + strlen (HUB_COMPARE_FAMILY_PREFIX) : subject;
  if (self->dataset != NULL && hub_dataset_find_model (self->dataset, id) < 0)
    {
      offer_suggestions (self, id, family);
      return FALSE;
    }
  for (guint i = 0; i < self->subjects->len; i++)
    if (strcmp (g_ptr_array_index (self->subjects, i), subject) == 0)
      {
        g_autofree char *label = hub_compare_subject_label (subject);
        g_autofree char *message = g_strdup_printf (_("%s is already compared."), label);

        show_message (self, message);
        return FALSE;
      }
  if (self->subjects->len >= HUB_COMPARE_MAX_SUBJECTS)
    {
      g_autofree char *message = g_strdup_printf (_("At most %u models or families can be compared: remove one first."),
                                                  HUB_COMPARE_MAX_SUBJECTS);

      show_message (self, message);
      return FALSE;
    }
  show_message (self, NULL);
  g_ptr_array_add (self->subjects, g_strdup (subject));
  save_subjects (self);
  run_compute (self);
  return TRUE;
}

void
hub_compare_page_clear (HubComparePage *self)
{
  g_return_if_fail (HUB_IS_COMPARE_PAGE (self));

  g_ptr_array_set_size (self->subjects, 0);
  save_subjects (self);
  run_compute (self);
}

static void
on_add_activate (HubComparePage *self)
{
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_entry))));
  g_autofree char *subject = NULL;
  gboolean family = gtk_check_button_get_active (self->family_check);

  if (*id == '\0' || self->dataset == NULL)
    return;
  /* A prefix or part of an id: the best match. */
  if (hub_dataset_find_model (self->dataset, id) < 0)
    {
      g_autoptr(GArray) matches = hub_model_complete (self->dataset, id, 1);

      if (matches->len > 0)
        {
          g_free (id);
          id = g_strdup (hub_dataset_get_model (self->dataset, g_array_index (matches, guint32, 0))->id);
        }
    }
  subject = family ? g_strconcat (HUB_COMPARE_FAMILY_PREFIX, id, NULL) : g_strdup (id);
  if (hub_compare_page_add (self, subject))
    gtk_editable_set_text (GTK_EDITABLE (self->add_entry), "");
}

/* The three models of the highest trending score. */
static void
on_top_clicked (HubComparePage *self)
{
  guint32 best[3] = { G_MAXUINT32, G_MAXUINT32, G_MAXUINT32 };

  if (self->dataset == NULL)
    return;
  for (guint m = 0, n = hub_dataset_get_n_models (self->dataset); m < n; m++)
    {
      gint64 score = hub_dataset_get_model (self->dataset, m)->trending_score;

      for (guint k = 0; k < G_N_ELEMENTS (best); k++)
        if (best[k] == G_MAXUINT32 || score > hub_dataset_get_model (self->dataset, best[k])->trending_score)
          {
            memmove (best + k + 1, best + k, (G_N_ELEMENTS (best) - k - 1) * sizeof (guint32));
            best[k] = m;
            break;
          }
    }
  for (guint k = 0; k < G_N_ELEMENTS (best); k++)
    if (best[k] != G_MAXUINT32)
      hub_compare_page_add (self, hub_dataset_get_model (self->dataset, best[k])->id);
}

/* The focused point ------------------------------------------------------------ */

static void
show_focus (HubComparePage *self)
{
  const HubCompareChartData *c = self->shown != NULL ? &self->shown->curves : NULL;
  g_autofree char *readout = NULL;

  if (c != NULL && c->focus_curve >= 0)
    readout = hub_compare_chart_readout (c->result, c->view, c->focus_curve, c->focus_point);
  gtk_label_set_text (self->readout_label, readout != NULL ? readout : "");
  gtk_widget_set_visible (GTK_WIDGET (self->readout_label), readout != NULL);
  if (c != NULL)
    {
      g_autofree char *title = hub_compare_chart_title (c->result, HUB_COMPARE_CHART_CURVES);
      g_autofree char *description = hub_compare_chart_describe (c->result, HUB_COMPARE_CHART_CURVES);

      hub_chart_view_set_description (self->curves_view, title, readout != NULL ? readout : description);
    }
  hub_chart_view_redraw (self->curves_view);
}

/* Arrows walk the attention chart's points, most downloaded first; a
 * screen reader hears the point. */
static void
attention_step (HubComparePage *self,
                int             delta)
{
  HubAttentionChartData *a = &self->shown->attention_chart;
  g_autofree char *title = NULL;
  g_autofree char *readout = NULL;
  gint n;

  if (a->result == NULL || a->result->points->len == 0)
    return;
  n = (gint) a->result->points->len;
  a->focus = a->focus < 0 ? 0 : CLAMP (a->focus + delta, 0, n - 1);
  title = hub_attention_chart_title (a->result);
  readout = hub_attention_chart_readout (a->result, a->focus);
  hub_chart_view_set_description (self->attention_view, title, readout);
  hub_chart_view_redraw (self->attention_view);
}

/* Arrows walk the drawn points of every curve in order. */
static void
on_step (HubChartView   *view,
         int             delta,
         HubComparePage *self)
{
  HubCompareChartData *c;
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  gint at = -1;

  if (self->shown == NULL)
    return;
  if (view == self->attention_view)
    {
      attention_step (self, delta);
      return;
    }
  c = view == self->relative_view ? &self->shown->relative : &self->shown->curves;
  for (guint k = 0; k < c->result->curves->len; k++)
    {
      const HubCompareCurve *curve = g_ptr_array_index (c->result->curves, k);

      if (!hub_compare_curve_is_drawn (c->result, curve))
        continue;
      for (guint i = 0; i < curve->points->len; i++)
        if (isfinite (c->view == HUB_COMPARE_CHART_RELATIVE ? g_array_index (curve->points, HubComparePoint, i).relative
                                                            : g_array_index (curve->points, HubComparePoint, i).value))
          {
            guint pair[2] = { k, i };

            if ((gint) k == c->focus_curve && (gint) i == c->focus_point)
              at = (gint) drawn->len;
            g_array_append_vals (drawn, pair, 1);
          }
    }
  if (drawn->len == 0)
    return;
  at = at < 0 ? 0 : CLAMP (at + delta, 0, (gint) drawn->len - 1);
  c->focus_curve = (gint) ((guint *) drawn->data)[2 * at];
  c->focus_point = (gint) ((guint *) drawn->data)[2 * at + 1];
  if (view == self->relative_view)
    {
      g_autofree char *title = hub_compare_chart_title (c->result, HUB_COMPARE_CHART_RELATIVE);
      g_autofree char *readout = hub_compare_chart_readout (c->result, c->view, c->focus_curve, c->focus_point);

      hub_chart_view_set_description (view, title, readout);
      hub_chart_view_redraw (view);
      return;
    }
  show_focus (self);
}

static gboolean
hit (HubComparePage            *self,
     const HubCompareChartData *data,
     HubChartView              *view,
     double                     x,
     double                     y,
     int                        width,
     int                        height,
     guint                     *curve,
     guint                     *point)
{
  HubCompareChartLayout layout;
  HubChartStyle style;
  cairo_t *cr = hub_chart_measure_context ();
  gboolean found;

  hub_chart_view_get_style (view, &style);
  hub_compare_chart_layout (cr, width, height, &style, data, &layout);
  found = hub_compare_chart_hit (&layout, data, x, y, curve, point);
  cairo_destroy (cr);
  return found;
}

/* The attention chart's point under (@x, @y): TRUE with its index. */
static gboolean
attention_hit (HubComparePage *self,
               double          x,
               double          y,
               int             width,
               int             height,
               guint          *index)
{
  HubAttentionChartLayout layout;
  HubChartStyle style;
  cairo_t *cr;
  gboolean found;

  if (self->shown == NULL || self->shown->attention == NULL)
    return FALSE;
  hub_chart_view_get_style (self->attention_view, &style);
  cr = hub_chart_measure_context ();
  hub_attention_chart_layout (cr, width, height, &style, &self->shown->attention_chart, &layout);
  found = hub_attention_chart_hit (&layout, &self->shown->attention_chart, x, y, index);
  cairo_destroy (cr);
  return found;
}

static char *
attention_hover (HubComparePage *self,
                 double          x,
                 double          y,
                 int             width,
                 int             height)
{
  g_autofree char *readout = NULL;
  guint index;

  if (!attention_hit (self, x, y, width, height, &index))
    return NULL;
  readout = hub_attention_chart_readout (self->shown->attention, index);
  return g_markup_escape_text (readout, -1);
}

/* A click on a point of the attention chart opens the model in Trending. */
static void
on_attention_pressed (HubChartView   *view,
                      double          x,
                      double          y,
                      HubComparePage *self)
{
  guint index;

  if (!attention_hit (self, x, y, gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)),
                      &index))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-model", "s",
                              hub_dataset_get_model (self->shown->attention->dataset,
                                                     g_array_index (self->shown->attention->points, HubAttentionPoint,
                                                                    index).model)->id);
}

/* The family split's band and snapshot under (@x, @y): "Quantizations,
 * 2026-08-20: 1 234 567 (81.2%)". */
static char *
family_hover (HubComparePage *self,
              double          x,
              double          y,
              int             width,
              int             height)
{
  const HubShareResult *r = self->shown->split_share;
  HubStackedAreaLayout layout;
  HubChartStyle style;
  char *text = NULL;
  int period, column;

  if (r == NULL)
    return NULL;
  hub_chart_view_get_style (self->family_view, &style);
  hub_stacked_area_layout_init (&layout, NULL, width, height, &style, &self->shown->family);
  column = layout.empty ? -1 : hub_stacked_area_layout_band_at (&layout, x, y);
  period = layout.empty ? -1 : hub_stacked_area_layout_period_at (&layout, x, y);
  if (column >= 0 && period >= 0)
    {
      g_autofree char *name = hub_share_result_dup_column_name (r, column);
      g_autofree char *value = hub_format_count (r->values[(gsize) period * r->n_columns + column]);
      g_autofree char *line = g_strdup_printf ("%s, %s: %s (%.1f%%)", name, r->period_labels[period], value,
                                               100 * hub_share_result_get_share (r, period, column));

      text = g_markup_escape_text (line, -1);
    }
  hub_stacked_area_layout_clear (&layout);
  return text;
}

static char *
chart_hover (HubChartView *view,
             double        x,
             double        y,
             int           width,
             int           height,
             gpointer      user_data)
{
  HubComparePage *self = user_data;
  const HubCompareChartData *data;
  g_autofree char *readout = NULL;
  guint curve, point;

  if (self->shown == NULL)
    return NULL;
  if (view == self->attention_view)
    return attention_hover (self, x, y, width, height);
  if (view == self->family_view)
    return family_hover (self, x, y, width, height);
  data = view == self->relative_view ? &self->shown->relative : &self->shown->curves;
  if (!hit (self, data, view, x, y, width, height, &curve, &point))
    return NULL;
  readout = hub_compare_chart_readout (data->result, data->view, curve, point);
  return g_markup_escape_text (readout, -1);
}

static void
on_pressed (HubChartView   *view,
            double          x,
            double          y,
            HubComparePage *self)
{
  guint curve, point;

  if (self->shown == NULL ||
      !hit (self, &self->shown->curves, view, x, y, gtk_widget_get_width (GTK_WIDGET (view)),
            gtk_widget_get_height (GTK_WIDGET (view)), &curve, &point))
    return;
  self->shown->curves.focus_curve = (gint) curve;
  self->shown->curves.focus_point = (gint) point;
  show_focus (self);
}

/* Showing ------------------------------------------------------------------- */

static void
fill_scores (HubComparePage         *self,
             const HubCompareResult *result)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scores_list))) != NULL)
    gtk_list_box_remove (self->scores_list, child);
  for (guint i = 0; i < result->curves->len; i++)
    {
      const HubCompareCurve *curve = g_ptr_array_index (result->curves, i);
      g_autofree char *name = hub_compare_subject_label (curve->subject);
      g_autofree char *score = hub_compare_curve_score_text (result, curve);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (name);
      GtkWidget *detail = gtk_label_new (score);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), detail);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->scores_list, row);
    }
}

static void
fill_family (HubComparePage *self,
             Shown          *shown)
{
  const HubFamilySplit *split = shown->split;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_dated = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->family_section), split != NULL);
  if (split == NULL)
    return;
  {
    g_autofree char *title = g_strdup_printf (_("Where the family of %s is used"), split->root_id);

    gtk_label_set_text (self->family_title, title);
  }
  for (guint w = 0; w < split->n_weeks; w++)
    n_dated += split->created[w];
  if (isfinite (split->derivative_share))
    {
      g_autofree char *members = hub_format_count (split->n_members);

      /* Translators: "62.1% of the family's downloads go to its derivatives (1 234 models)". */
      g_string_append_printf (text, _("%.1f%% of the family’s downloads in the last snapshot go to its derivatives "
                                      "(%s models)."), 100 * split->derivative_share, members);
    }
  else
    g_string_append (text, _("The family had no downloads in the last snapshot."));
  for (guint i = 0; i < split->intermediaries->len && i < 5; i++)
    {
      const HubFamilyIntermediary *in = &g_array_index (split->intermediaries, HubFamilyIntermediary, i);
      g_autofree char *downloads = hub_format_count ((gint64) in->downloads);

      if (i == 0)
        g_string_append_printf (text, " %s ", _("Intermediaries:"));
      else
        g_string_append (text, ", ");
      /* Translators: an intermediary and its derivatives' downloads: "unsloth (5 804 917)". */
      g_string_append_printf (text, _("%s (%s)"), hub_dataset_get_author (shown->result->dataset, in->author)->author,
                              downloads);
    }
  if (split->intermediaries->len > 0)
    g_string_append_c (text, '.');
  if (n_dated > 0 && split->n_weeks > 0)
    {
      g_autofree char *dated = hub_format_count (n_dated);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%s derivative created over %u weeks.",
                                              "%s derivatives created over %u weeks.", n_dated),
                              dated, split->n_weeks);
    }
  gtk_label_set_text (self->family_label, text->str);
  hub_chart_view_set_renderer (self->family_view, draw_family, g_rc_box_acquire (shown), shown_unref);
  hub_chart_view_set_description (self->family_view, gtk_label_get_text (self->family_title), text->str);
}

static void
fill_attention (HubComparePage *self,
                Shown          *shown)
{
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->attention_section), shown->attention != NULL);
  if (shown->attention == NULL)
    return;
  shown->attention_chart = (HubAttentionChartData) { shown->attention, (const guint32 *) shown->marked->data,
                                                     shown->marked->len, -1 };
  title = hub_attention_chart_title (shown->attention);
  if (shown->attention_task != NULL)
    {
      /* Translators: "Likes against 30-day downloads, among text-generation models". */
      g_autofree char *among = g_strdup_printf (_("%s, among %s models"), title, shown->attention_task);

      g_free (title);
      title = g_steal_pointer (&among);
    }
  caption = hub_attention_chart_caption (shown->attention);
  description = hub_attention_chart_describe (shown->attention);
  gtk_label_set_text (self->attention_title, title);
  gtk_label_set_text (self->attention_caption, caption);
  hub_chart_view_set_renderer (self->attention_view, draw_attention, g_rc_box_acquire (shown), shown_unref);
  hub_chart_view_set_description (self->attention_view, title, description);
}

static void
show_result (HubComparePage   *self,
             Shown            *shown,
             HubQuery         *query)
{
  const HubCompareResult *result = shown->result;
  g_autofree char *title = hub_compare_chart_title (result, HUB_COMPARE_CHART_CURVES);
  g_autofree char *relative_title = hub_compare_chart_title (result, HUB_COMPARE_CHART_RELATIVE);
  g_autofree char *relative_description = hub_compare_chart_describe (result, HUB_COMPARE_CHART_RELATIVE);

  if (query->series == NULL)
    query->series = g_strdup (result->series);
  shown->query_text = hub_query_to_string (query);
  shown->curves = (HubCompareChartData) { result, HUB_COMPARE_CHART_CURVES,
                                          gtk_check_button_get_active (self->log_check), -1, -1 };
  shown->relative = (HubCompareChartData) { result, HUB_COMPARE_CHART_RELATIVE, TRUE, -1, -1 };
  if (shown->split != NULL)
    {
      shown->split_share = hub_family_split_to_share (shown->split);
      shown->family = (HubStackedAreaData) { shown->split_share, HUB_STACKED_AREA_PERCENT, -1,
                                             _("30-day downloads"), NULL, HUB_TIME_UNIT_DAY, FALSE };
    }
  shown->caption = hub_compare_chart_caption (result);
  g_clear_pointer (&self->shown, shown_unref);
  self->shown = g_rc_box_acquire (shown);
  hub_chart_view_set_renderer (self->curves_view, draw_curves, shown, shown_unref);
  hub_chart_view_set_renderer (self->relative_view, draw_relative, g_rc_box_acquire (shown), shown_unref);
  hub_chart_view_set_description (self->relative_view, relative_title, relative_description);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->relative_title, relative_title);
  gtk_label_set_text (self->caption_label, shown->caption);
  fill_scores (self, result);
  fill_family (self, shown);
  fill_attention (self, shown);
  gtk_stack_set_visible_child_name (self->content_stack, "content");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-chart", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-data", TRUE);
  show_focus (self);
}

/* Computing ----------------------------------------------------------------- */

typedef struct {
  HubComparePage    *self;
  HubAnalysis       *analysis;
  guint              serial;
  HubQuery           query;
  HubCompareOptions  options;
  HubAttentionMeasure attention;
  Shown             *previous;     /* the figure shown: its attention is reused when it answers the same */
  char             **subjects;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *d = data;

  g_clear_object (&d->self);
  g_clear_object (&d->analysis);
  hub_query_clear (&d->query);
  g_strfreev (d->subjects);
  g_clear_pointer (&d->previous, shown_unref);
  g_free (d);
}

/* The curves, then the split of the first family. */
static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *d = task_data;
  HubAnalysis *analysis = d->analysis;
  GError *error = NULL;
  Shown *shown = g_rc_box_new0 (Shown);

  shown->result = hub_analysis_compare (analysis, &d->query, &d->options, cancellable, &error);
  for (guint i = 0; shown->result != NULL && i < shown->result->curves->len && shown->split == NULL; i++)
    {
      const HubCompareCurve *curve = g_ptr_array_index (shown->result->curves, i);
      HubQuery query;

      if (!curve->family || curve->model < 0)
        continue;
      hub_query_init (&query);
      hub_query_copy (&query, &d->query);
      g_free (query.series);
      query.series = g_strdup (shown->result->series);
      shown->split = hub_analysis_family_split (analysis, &query, curve->id, cancellable, &error);
      hub_query_clear (&query);
      if (shown->split == NULL)
        g_clear_pointer (&shown->result, hub_compare_result_free);
    }
  /* Attention against adoption among the models of the first compared
   * model's task (every task when the peers are of every task), the
   * compared ones ringed. */
  if (shown->result != NULL)
    {
      HubQuery query;

      shown->marked = g_array_new (FALSE, FALSE, sizeof (guint32));
      hub_query_init (&query);
      for (guint i = 0; i < shown->result->curves->len; i++)
        {
          const HubCompareCurve *curve = g_ptr_array_index (shown->result->curves, i);
          guint32 model = (guint32) curve->model;
          gboolean seen = FALSE;

          if (curve->model < 0)
            continue;
          /* A model and its family are one point. */
          for (guint k = 0; k < shown->marked->len; k++)
            seen |= g_array_index (shown->marked, guint32, k) == model;
          if (!seen)
            g_array_append_val (shown->marked, model);
          if (query.task == NULL && curve->task != NULL)
            query.task = g_strdup (curve->task);
        }
      shown->attention_task = g_strdup (query.task);
      /* The chart before answers the same unless the task, the measure or
       * the data changed (the other controls do not touch it). */
      if (d->previous != NULL && d->previous->attention != NULL && d->previous->attention->measure == d->attention &&
          d->previous->attention->dataset == shown->result->dataset &&
          g_strcmp0 (d->previous->attention_task, query.task) == 0)
        shown->attention = hub_attention_result_ref (d->previous->attention);
      else
        shown->attention = hub_analysis_attention (analysis, &query, d->attention, HUB_ATTENTION_MAX_POINTS,
                                                   cancellable, &error);
      hub_query_clear (&query);
      if (shown->attention == NULL)
        g_clear_pointer (&shown->result, hub_compare_result_free);
    }
  if (shown->result == NULL)
    {
      shown_unref (shown);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, shown, shown_unref);
}

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HubComparePage *self = HUB_COMPARE_PAGE (object);
  ComputeData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Shown *shown = g_task_propagate_pointer (G_TASK (result), &error);

  if (hub_page_work_finish (&self->work, d->serial))
    {
      if (shown != NULL)
        show_result (self, g_steal_pointer (&shown), &d->query);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->content_stack, "error");
        }
    }
  g_clear_pointer (&shown, shown_unref);
}

static void
run_compute (HubComparePage *self)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *d;

  fill_subjects (self);
  if (self->dataset == NULL || self->analysis == NULL)
    return;
  if (self->subjects->len == 0)
    {
      hub_page_work_cancel (&self->work);
      g_clear_pointer (&self->shown, shown_unref);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-chart", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-data", FALSE);
      return;
    }
  /* A hidden view computes nothing. */
  self->deferred = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->deferred)
    return;

  d = g_new0 (ComputeData, 1);
  d->self = g_object_ref (self);
  d->analysis = g_object_ref (self->analysis);
  hub_query_init (&d->query);
  d->query.series = hub_series_dropdown_dup_selected (self->series_dropdown);
  d->subjects = g_strdupv ((char **) self->subjects->pdata);
  hub_compare_options_init (&d->options);
  d->options.subjects = (const char * const *) d->subjects;
  d->options.measure = gtk_drop_down_get_selected (self->measure_dropdown);
  d->options.align = gtk_drop_down_get_selected (self->align_dropdown);
  d->options.baseline = gtk_drop_down_get_selected (self->baseline_dropdown);
  d->options.rank = (guint) gtk_spin_button_get_value_as_int (self->rank_spin);
  d->options.all_tasks = gtk_check_button_get_active (self->all_tasks_check);
  d->attention = gtk_drop_down_get_selected (self->attention_dropdown);
  d->previous = self->shown != NULL ? g_rc_box_acquire (self->shown) : NULL;
  d->serial = hub_page_work_begin (&self->work);
  hub_analysis_set_dataset (self->analysis, self->dataset);
  task = g_task_new (self, self->work.cancellable, compute_done, NULL);
  g_task_set_task_data (task, d, compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
on_baseline_changed (HubComparePage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->rank_spin),
                            gtk_drop_down_get_selected (self->baseline_dropdown) == HUB_COMPARE_BASELINE_RANK);
  run_compute (self);
}

static void
on_log_toggled (HubComparePage *self)
{
  if (self->shown == NULL)
    return;
  self->shown->curves.log_scale = gtk_check_button_get_active (self->log_check);
  hub_chart_view_redraw (self->curves_view);
}

/* Export -------------------------------------------------------------------- */

GtkWindow *
hub_compare_page_export_chart (HubComparePage *self)
{
  g_autofree char *title = NULL;
  Shown *shown;

  g_return_val_if_fail (HUB_IS_COMPARE_PAGE (self), NULL);

  if (self->shown == NULL)
    return NULL;
  shown = g_rc_box_acquire (self->shown);
  title = hub_compare_chart_title (shown->result, HUB_COMPARE_CHART_CURVES);
  return hub_export_dialog_present (GTK_WIDGET (self), "compare", title, shown->caption, draw_curves, shown,
                                    shown_unref);
}

static HubTableWriter *
export_rows (FILE           *out,
             HubTableFormat  format,
             gpointer        user_data)
{
  const Shown *shown = user_data;

  return hub_data_export_compare_rows (out, format, shown->result);
}

/* A HubExportDataWrite of a Shown. */
static gboolean
write_data (gpointer     data,
            const char  *path,
            GError     **error)
{
  Shown *shown = data;
  g_autofree char *title = hub_compare_chart_title (shown->result, HUB_COMPARE_CHART_CURVES);
  g_autofree char *figure = hub_compare_result_settings (shown->result);
  g_autoptr(GString) subjects = g_string_new (NULL);
  g_autofree char *settings = NULL;

  for (guint i = 0; i < shown->result->curves->len; i++)
    g_string_append_printf (subjects, "%s%s", i > 0 ? "," : "",
                            ((HubCompareCurve *) g_ptr_array_index (shown->result->curves, i))->subject);
  settings = g_strdup_printf ("subjects=%s;%s;view=curves;scale=%s", subjects->str, figure,
                              shown->curves.log_scale ? "log" : "linear");
  return hub_data_export_write_figure (path, "compare", shown->query_text, settings, title, shown->caption,
                                       export_rows, shown, error);
}

gboolean
hub_compare_page_export_data (HubComparePage  *self,
                              const char      *path,
                              GError         **error)
{
  g_return_val_if_fail (HUB_IS_COMPARE_PAGE (self), FALSE);
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
  Shown *shown = HUB_COMPARE_PAGE (widget)->shown;

  if (shown != NULL)
    hub_export_data_write_async (widget, path, write_data, g_rc_box_acquire (shown), shown_unref);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (HUB_COMPARE_PAGE (widget)->shown != NULL)
    hub_export_data_choose (widget, _("Export Compare Data"), "compare", export_data_chosen);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hub_compare_page_export_chart (HUB_COMPARE_PAGE (widget));
}

/* Properties ------------------------------------------------------------------ */

static void
set_dataset (HubComparePage *self,
             HubDataset     *dataset)
{
  if (self->dataset == dataset)
    return;
  g_clear_pointer (&self->dataset, hub_dataset_unref);
  self->dataset = dataset != NULL ? hub_dataset_ref (dataset) : NULL;
  if (self->analysis != NULL && self->dataset != NULL)
    hub_series_dropdown_refresh (self->series_dropdown, self->analysis, G_CALLBACK (run_compute), self);
  run_compute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
set_db_path (HubComparePage *self,
             const char     *db_path)
{
  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  g_clear_object (&self->analysis);
  if (db_path != NULL)
    self->analysis = hub_analysis_new (db_path);
  if (self->analysis != NULL && self->dataset != NULL)
    hub_series_dropdown_refresh (self->series_dropdown, self->analysis, G_CALLBACK (run_compute), self);
  run_compute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

static void
hub_compare_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HubComparePage *self = HUB_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET: g_value_set_boxed (value, self->dataset); break;
    case PROP_DB_PATH: g_value_set_string (value, self->db_path); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_compare_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HubComparePage *self = HUB_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET: set_dataset (self, g_value_get_boxed (value)); break;
    case PROP_DB_PATH: set_db_path (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_compare_page_map (GtkWidget *widget)
{
  HubComparePage *self = HUB_COMPARE_PAGE (widget);

  GTK_WIDGET_CLASS (hub_compare_page_parent_class)->map (widget);
  if (self->deferred)
    run_compute (self);
}

static void
hub_compare_page_dispose (GObject *object)
{
  HubComparePage *self = HUB_COMPARE_PAGE (object);

  hub_page_work_clear (&self->work);
  g_clear_pointer (&self->shown, shown_unref);
  g_clear_object (&self->analysis);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_COMPARE_PAGE);
  G_OBJECT_CLASS (hub_compare_page_parent_class)->dispose (object);
}

static void
hub_compare_page_finalize (GObject *object)
{
  HubComparePage *self = HUB_COMPARE_PAGE (object);

  g_clear_pointer (&self->dataset, hub_dataset_unref);
  g_ptr_array_unref (self->subjects);
  g_free (self->db_path);
  G_OBJECT_CLASS (hub_compare_page_parent_class)->finalize (object);
}

static void
hub_compare_page_class_init (HubComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hub_compare_page_get_property;
  object_class->set_property = hub_compare_page_set_property;
  object_class->dispose = hub_compare_page_dispose;
  object_class->finalize = hub_compare_page_finalize;
  widget_class->map = hub_compare_page_map;

  properties[PROP_DATASET] = g_param_spec_boxed ("dataset", NULL, NULL, HUB_TYPE_DATASET_BOXED,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB_PATH] = g_param_spec_string ("db-path", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-compare-page.ui");
  gtk_widget_class_set_css_name (widget_class, "comparepage");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, HubComparePage, name)
  BIND (add_entry);
  BIND (family_check);
  BIND (measure_dropdown);
  BIND (align_dropdown);
  BIND (log_check);
  BIND (baseline_dropdown);
  BIND (rank_spin);
  BIND (all_tasks_check);
  BIND (series_dropdown);
  BIND (spinner);
  BIND (suggest_box);
  BIND (suggest_label);
  BIND (subjects_box);
  BIND (content_stack);
  BIND (title_label);
  BIND (chart_box);
  BIND (readout_label);
  BIND (relative_title);
  BIND (relative_box);
  BIND (scores_list);
  BIND (family_section);
  BIND (family_title);
  BIND (family_label);
  BIND (family_box);
  BIND (attention_section);
  BIND (attention_title);
  BIND (attention_dropdown);
  BIND (attention_box);
  BIND (attention_caption);
  BIND (caption_label);
  BIND (error_page);
  BIND (top_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "compare.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "compare.export-data", NULL, export_data_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "compare.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "compare.export-data", NULL);
}

static void
bind_settings (HubComparePage *self)
{
  g_auto(GStrv) saved = NULL;

  self->settings = hub_settings_new ();
  if (self->settings == NULL)
    return;
  hub_settings_bind_choice (self->settings, "compare-measure", G_OBJECT (self->measure_dropdown), measure_names);
  hub_settings_bind_choice (self->settings, "compare-align", G_OBJECT (self->align_dropdown), align_names);
  hub_settings_bind_choice (self->settings, "compare-baseline", G_OBJECT (self->baseline_dropdown), baseline_names);
  g_settings_bind (self->settings, "compare-rank", self->rank_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "compare-all-tasks", self->all_tasks_check, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "compare-log", self->log_check, "active", G_SETTINGS_BIND_DEFAULT);
  hub_settings_bind_choice (self->settings, "compare-attention", G_OBJECT (self->attention_dropdown), attention_names);
  saved = g_settings_get_strv (self->settings, "compare-subjects");
  for (guint i = 0; saved[i] != NULL && self->subjects->len < HUB_COMPARE_MAX_SUBJECTS; i++)
    g_ptr_array_add (self->subjects, g_strdup (saved[i]));
}

static GtkWidget *
chart_view_new (HubComparePage *self,
                GtkBox         *box,
                int             height,
                const char     *name)
{
  GtkWidget *view = hub_chart_view_new ();

  gtk_widget_set_size_request (view, -1, height);
  gtk_box_append (box, view);
  hub_chart_view_set_description (HUB_CHART_VIEW (view), name, NULL);
  return view;
}

static void
hub_compare_page_init (HubComparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* NULL-terminated: its pdata is the strv the settings and the figure take. */
  self->subjects = g_ptr_array_new_null_terminated (HUB_COMPARE_MAX_SUBJECTS, g_free, TRUE);
  hub_page_work_init (&self->work, GTK_WIDGET (self->spinner));
  bind_settings (self);
  hub_series_dropdown_init (self->series_dropdown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rank_spin),
                            gtk_drop_down_get_selected (self->baseline_dropdown) == HUB_COMPARE_BASELINE_RANK);

  self->curves_view = HUB_CHART_VIEW (chart_view_new (self, self->chart_box, 400, _("Curves")));
  self->relative_view = HUB_CHART_VIEW (chart_view_new (self, self->relative_box, 300, _("Relative adoption")));
  self->family_view = HUB_CHART_VIEW (chart_view_new (self, self->family_box, 300, _("The family’s downloads")));
  hub_chart_view_set_hover_func (self->family_view, chart_hover, self);
  self->attention_view = HUB_CHART_VIEW (chart_view_new (self, self->attention_box, 420, _("Attention and adoption")));
  hub_chart_view_set_hover_func (self->attention_view, chart_hover, self);
  g_signal_connect (self->attention_view, "pressed", G_CALLBACK (on_attention_pressed), self);
  g_signal_connect (self->attention_view, "step", G_CALLBACK (on_step), self);
  g_signal_connect (self->relative_view, "step", G_CALLBACK (on_step), self);
  hub_chart_view_set_hover_func (self->curves_view, chart_hover, self);
  hub_chart_view_set_hover_func (self->relative_view, chart_hover, self);
  g_signal_connect (self->curves_view, "step", G_CALLBACK (on_step), self);
  g_signal_connect (self->curves_view, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_set_visible (GTK_WIDGET (self->readout_label), FALSE);

  g_signal_connect_swapped (self->add_entry, "activate", G_CALLBACK (on_add_activate), self);
  g_signal_connect_swapped (self->top_button, "clicked", G_CALLBACK (on_top_clicked), self);
  g_signal_connect_swapped (self->measure_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->align_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->baseline_dropdown, "notify::selected", G_CALLBACK (on_baseline_changed), self);
  g_signal_connect_swapped (self->rank_spin, "value-changed", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->all_tasks_check, "toggled", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->series_dropdown, "notify::selected", G_CALLBACK (run_compute), self);
  g_signal_connect_swapped (self->log_check, "toggled", G_CALLBACK (on_log_toggled), self);
  g_signal_connect_swapped (self->attention_dropdown, "notify::selected", G_CALLBACK (run_compute), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-data", FALSE);
  fill_subjects (self);
}

GtkWidget *
hub_compare_page_new (void)
{
  return g_object_new (HUB_TYPE_COMPARE_PAGE, NULL);
}

void
hub_compare_page_set_measure (HubComparePage    *self,
                              HubCompareMeasure  measure)
{
  g_return_if_fail (HUB_IS_COMPARE_PAGE (self));
  gtk_drop_down_set_selected (self->measure_dropdown, measure);
}

const HubCompareResult *
hub_compare_page_get_result (HubComparePage *self)
{
  g_return_val_if_fail (HUB_IS_COMPARE_PAGE (self), NULL);
  return self->shown != NULL ? self->shown->result : NULL;
}

const HubAttentionResult *
hub_compare_page_get_attention (HubComparePage *self)
{
  g_return_val_if_fail (HUB_IS_COMPARE_PAGE (self), NULL);
  return self->shown != NULL ? self->shown->attention : NULL;
}

const HubFamilySplit *
hub_compare_page_get_split (HubComparePage *self)
{
  g_return_val_if_fail (HUB_IS_COMPARE_PAGE (self), NULL);
  return self->shown != NULL ? self->shown->split : NULL;
}

gboolean
hub_compare_page_is_busy (HubComparePage *self)
{
  g_return_val_if_fail (HUB_IS_COMPARE_PAGE (self), FALSE);
  return hub_page_work_is_busy (&self->work);
}
