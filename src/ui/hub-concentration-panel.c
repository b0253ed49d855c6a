/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-concentration-panel.h"

#include "hub-chart-view.h"
#include "hub-display.h"
#include "hub-lorenz-chart.h"

#include <glib/gi18n.h>

/* Participants named after each k(X %) at most. */
#define NAMED 5

struct _HubConcentrationPanel
{
  GtkBox          parent_instance;

  gpointer        owner;
  GDestroyNotify  owner_release;

  GtkLabel       *heading_label;
  GtkLabel       *figures_label;
  HubChartView   *lorenz_view;
  GtkLabel       *cover_label;
  GtkBox         *columns_box;
  GtkDropDown    *over_time_dropdown;
  GtkCheckButton *intervals_check;
};

G_DEFINE_FINAL_TYPE (HubConcentrationPanel, hub_concentration_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_K90,
  PROP_INTERVALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "0.147" or "0.147 (0.131–0.162)" with the period's interval. */
static char *
with_interval (const char        *format,
               double             value,
               const HubInterval *interval,
               gboolean           percent)
{
  g_autofree char *v = percent ? hub_display_ratio (value) : g_strdup_printf (format, value);

  if (interval == NULL)
    return g_markup_printf_escaped ("<b>%s</b>", v);
  {
    g_autofree char *lo = percent ? hub_display_ratio (interval->lo) : g_strdup_printf (format, interval->lo);
    g_autofree char *hi = percent ? hub_display_ratio (interval->hi) : g_strdup_printf (format, interval->hi);

    /* Translators: a figure and its 90 % interval, "0.147 (0.131–0.162)" */
    return g_markup_printf_escaped (_("<b>%s</b> (%s–%s)"), v, lo, hi);
  }
}

static void
show_figures (HubConcentrationPanel *self,
              const HubShareResult  *r,
              guint                  p,
              const char            *period_name)
{
  const HubShareBootstrap *b = r->bootstrap != NULL && r->bootstrap[p].drawn ? &r->bootstrap[p] : NULL;
  g_autofree char *hhi = with_interval ("%.3f", r->hhi[p], b != NULL ? &b->hhi : NULL, FALSE);
  g_autofree char *gini = with_interval ("%.3f", r->gini[p], b != NULL ? &b->gini : NULL, FALSE);
  g_autofree char *top10 = with_interval (NULL, r->top10[p], b != NULL ? &b->top10 : NULL, TRUE);
  g_autofree char *n = hub_display_count (r->participants[p]);
  g_autofree char *period = g_markup_escape_text (period_name != NULL ? period_name : "", -1);
  g_autofree char *equal = g_strdup_printf ("%.1f", r->hhi[p] > 0 ? 1 / r->hhi[p] : 0.0);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "<b>%s</b>\n", period);
  /* Translators: HHI and its equivalent number of equal participants (1/HHI) */
  g_string_append_printf (text, _("HHI %s: as concentrated as <b>%s</b> equal participants"), hhi, equal);
  g_string_append_c (text, '\n');
  /* Translators: the Gini coefficient and the share of the 10 largest participants */
  g_string_append_printf (text, _("Gini %s · 10 largest %s"), gini, top10);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("over %s participants (Other is split back into its members; Unknown is left "
                                  "out)"), n);
  if (b != NULL)
    {
      g_autofree char *units = hub_display_count (b->units);
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, r->bootstrap_seed);

      g_string_append (text, "\n<small>");
      /* Translators: how the intervals were made: draws, models, seed */
      g_string_append_printf (text, _("90 %% intervals from %u draws of the %s models (seed %s)"),
                              r->bootstrap_draws, units, seed);
      g_string_append (text, "</small>");
    }
  gtk_label_set_markup (self->figures_label, text->str);
}

static void
show_cover (HubConcentrationPanel      *self,
            const HubShareParticipants *kept)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint named = kept->names != NULL ? g_strv_length (kept->names) : 0;

  for (guint m = 0; m < HUB_LORENZ_N_MARKS; m++)
    {
      guint k = hub_share_cover_count (kept->values, kept->n, FALSE, hub_lorenz_marks[m]);
      g_autofree char *count = hub_display_count (k);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < MIN (k, MIN (named, NAMED)); i++)
        {
          g_autofree char *name = g_markup_escape_text (kept->names[i], -1);

          g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
        }
      if (k > NAMED)
        {
          g_autofree char *more = hub_display_count (k - NAMED);

          /* Translators: after the first few names, "and 12 more" */
          g_string_append_printf (names, _(" and %s more"), more);
        }
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: "<b>3</b> make up 90 %: Google, Meta, OpenAI" */
      g_string_append_printf (text, ngettext ("<b>%s</b> makes up %.0f %%: %s", "<b>%s</b> make up %.0f %%: %s", k),
                              count, 100 * hub_lorenz_marks[m], names->str);
    }
  gtk_label_set_markup (self->cover_label, text->str);
}

void
hub_concentration_panel_set_result (HubConcentrationPanel *self,
                                    const HubShareResult  *result,
                                    guint                  period,
                                    const char            *period_name,
                                    gpointer               owner,
                                    GDestroyNotify         owner_release)
{
  const HubShareParticipants *kept = result != NULL ? hub_share_result_get_participants (result, period) : NULL;
  HubLorenzData *lorenz;

  g_return_if_fail (HUB_IS_CONCENTRATION_PANEL (self));

  lorenz = g_new0 (HubLorenzData, 1);
  lorenz->result = kept != NULL ? result : NULL;
  lorenz->period = period;
  hub_chart_view_set_renderer (self->lorenz_view, hub_lorenz_chart_draw_func, lorenz, g_free);
  {
    g_autofree char *description = hub_lorenz_chart_describe (lorenz);

    hub_chart_view_set_description (self->lorenz_view, _("Lorenz curve"), description);
  }
  if (self->owner_release != NULL)
    self->owner_release (self->owner);
  self->owner = owner;
  self->owner_release = owner_release;

  gtk_widget_set_visible (GTK_WIDGET (self->cover_label), kept != NULL && kept->n > 0);
  if (kept == NULL)
    {
      gtk_label_set_text (self->heading_label, _("Concentration"));
      gtk_label_set_text (self->figures_label, HUB_DISPLAY_UNKNOWN);
      return;
    }
  gtk_label_set_text (self->heading_label, period + 1 == result->n_periods ? _("Concentration, latest period")
                                                                           : _("Concentration, chosen period"));
  show_figures (self, result, period, period_name);
  show_cover (self, kept);
}

void
hub_concentration_panel_set_narrow (HubConcentrationPanel *self,
                                    gboolean               narrow)
{
  g_return_if_fail (HUB_IS_CONCENTRATION_PANEL (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

char *
hub_concentration_panel_dup_text (HubConcentrationPanel *self)
{
  g_return_val_if_fail (HUB_IS_CONCENTRATION_PANEL (self), NULL);
  return g_strdup_printf ("%s\n%s", gtk_label_get_text (self->figures_label), gtk_label_get_text (self->cover_label));
}

gboolean
hub_concentration_panel_get_k90 (HubConcentrationPanel *self)
{
  g_return_val_if_fail (HUB_IS_CONCENTRATION_PANEL (self), FALSE);
  return gtk_drop_down_get_selected (self->over_time_dropdown) == 1;
}

gboolean
hub_concentration_panel_get_intervals (HubConcentrationPanel *self)
{
  g_return_val_if_fail (HUB_IS_CONCENTRATION_PANEL (self), FALSE);
  return gtk_check_button_get_active (self->intervals_check);
}

static void
on_over_time (HubConcentrationPanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_K90]);
}

static void
on_intervals (HubConcentrationPanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVALS]);
}

static void
hub_concentration_panel_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  HubConcentrationPanel *self = HUB_CONCENTRATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_K90:
      g_value_set_boolean (value, hub_concentration_panel_get_k90 (self));
      break;
    case PROP_INTERVALS:
      g_value_set_boolean (value, hub_concentration_panel_get_intervals (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_concentration_panel_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  HubConcentrationPanel *self = HUB_CONCENTRATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_K90:
      gtk_drop_down_set_selected (self->over_time_dropdown, g_value_get_boolean (value) ? 1 : 0);
      break;
    case PROP_INTERVALS:
      gtk_check_button_set_active (self->intervals_check, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_concentration_panel_dispose (GObject *object)
{
  HubConcentrationPanel *self = HUB_CONCENTRATION_PANEL (object);

  if (self->lorenz_view != NULL)
    hub_chart_view_set_renderer (self->lorenz_view, NULL, NULL, NULL);
  if (self->owner_release != NULL)
    self->owner_release (self->owner);
  self->owner = NULL;
  self->owner_release = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), HUB_TYPE_CONCENTRATION_PANEL);
  G_OBJECT_CLASS (hub_concentration_panel_parent_class)->dispose (object);
}

static void
hub_concentration_panel_class_init (HubConcentrationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hub_concentration_panel_get_property;
  object_class->set_property = hub_concentration_panel_set_property;
  object_class->dispose = hub_concentration_panel_dispose;

  properties[PROP_K90] =
    g_param_spec_boolean ("k90", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVALS] =
    g_param_spec_boolean ("intervals", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HUB_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/HubEco/hub-concentration-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, HubConcentrationPanel, heading_label);
  gtk_widget_class_bind_template_child (widget_class, HubConcentrationPanel, figures_label);
  gtk_widget_class_bind_template_child (widget_class, HubConcentrationPanel, lorenz_view);
  gtk_widget_class_bind_template_child (widget_class, HubConcentrationPanel, cover_label);
  gtk_widget_class_bind_template_child (widget_class, HubConcentrationPanel, columns_box);
  gtk_widget_class_bind_template_child (widget_class, HubConcentrationPanel, over_time_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HubConcentrationPanel, intervals_check);
  gtk_widget_class_bind_template_callback (widget_class, on_over_time);
  gtk_widget_class_bind_template_callback (widget_class, on_intervals);
}

static void
hub_concentration_panel_init (HubConcentrationPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hub_concentration_panel_new (void)
{
  return g_object_new (HUB_TYPE_CONCENTRATION_PANEL, NULL);
}
