/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-cli"

#include "config.h"

#include "hub-cli.h"
#include "hub-cli-private.h"
#include "hub-cli-export.h"
#include "hub-format.h"
#include "hub-import.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

/* Adding a subcommand: one line here, its hub-cli-<name>.c, and its
 * declaration in hub-cli-private.h. */
static const HubCliCommand commands[] = {
  { "list",   N_("List models, filtered and sorted like the Trending view"), hub_cli_cmd_list },
  { "import", N_("Import Hub model files (JSON, JSONL, CSV, Parquet) into the database"), hub_cli_cmd_import },
  { "sync",   N_("Fetch models from the Hub API into the database as a dated snapshot"), hub_cli_cmd_sync },
  { "backfill", N_("Import dated revisions of hub-stats' models.parquet from the Hub as snapshots"), hub_cli_cmd_backfill },
  { "history", N_("Show a model's stored observations and the downloads between them"), hub_cli_cmd_history },
  { "sizes",  N_("Model sizes per period: weighted quantiles, mean, size-bucket shares, coverage"), hub_cli_cmd_sizes },
  { "estimate-params", N_("Estimate parameter counts from storage size (robust fit per format)"), hub_cli_cmd_estimate_params },
  { "lineage", N_("Show a model's ancestors and descendants with their downloads"), hub_cli_cmd_lineage },
  { "families", N_("Rank model families (a root and its derivatives) by downloads"), hub_cli_cmd_families },
  { "intermediaries", N_("Rank authors by downloads of their derivatives of others' models"), hub_cli_cmd_intermediaries },
  { "share",  N_("Download shares per period and category (QUERY-OPTIONS)"), hub_cli_cmd_share },
  { "concentration", N_("HHI, Gini and top-k shares per period (QUERY-OPTIONS)"), hub_cli_cmd_concentration },
  { "leaderboard", N_("Top countries, developers or models with their share"), hub_cli_cmd_leaderboard },
  { "snapshots", N_("List the stored snapshots by series"), hub_cli_cmd_snapshots },
  { "export-chart", N_("Draw a chart to PNG, SVG or PDF, or its numbers to CSV/JSON"), hub_cli_cmd_export_chart },
  { "attributes", N_("Share of downloads per year by license, format, architecture and more"), hub_cli_cmd_attributes },
  { "breakdown", N_("The top developers' downloads cross-tabulated by two of country, size, modality, …"), hub_cli_cmd_breakdown },
  { "import-scores", N_("Import measured scores (a CSV table: model, benchmark, score) as a named set"), hub_cli_cmd_import_scores },
  { "score-sets", N_("List the stored score sets and their benchmarks, or remove one"), hub_cli_cmd_score_sets },
  { "quality", N_("Measured scores against adoption: each model's quadrant (popular and good, …)"), hub_cli_cmd_quality },
  { "compare", N_("Models or families side by side: curves by days since release, relative adoption, family split"),
    hub_cli_cmd_compare },
  { "attention", N_("Likes or trending score against downloads: each model's quadrant (used and talked about, …)"),
    hub_cli_cmd_attention },
  { "sensitivity", N_("The query under each counting choice side by side: top three, HHI, Gini, the largest change"),
    hub_cli_cmd_sensitivity },
};

static const HubCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 ||
         g_strcmp0 (arg, "help") == 0 || g_strcmp0 (arg, "-?") == 0;
}

/* How many arguments a leading `--db PATH` or `--db=PATH` takes (0, 1 or 2)
 * when a subcommand follows it: `hubeco --db X list` is `hubeco list --db X`. */
static int
leading_db_args (int    argc,
                 char **argv)
{
  int n = 0;

  if (argc >= 3 && g_str_has_prefix (argv[1], "--db="))
    n = 1;
  else if (argc >= 4 && g_strcmp0 (argv[1], "--db") == 0)
    n = 2;
  return n > 0 && argv[1 + n][0] != '-' ? n : 0;
}

/**
 * hub_cli_wants:
 * A word in first place (anything not starting with '-') is a subcommand,
 * known or not: an unknown one gets a usage error rather than the window.
 * `--help` and `--version` are answered on the command line too, and a
 * subcommand may follow a leading `--db PATH`.
 */
gboolean
hub_cli_wants (int    argc,
               char **argv)
{
  if (argc < 2 || argv[1] == NULL)
    return FALSE;
  if (is_help (argv[1]) || g_strcmp0 (argv[1], "--version") == 0)
    return TRUE;
  return argv[1][0] != '-' || leading_db_args (argc, argv) > 0;
}

static void
print_usage (FILE *out)
{
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));

  fprintf (out, _("Usage:\n  hubeco                 Open the window\n"
                  "  hubeco COMMAND [OPTION…] [--db PATH]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-*s  %s\n", width, commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nEvery command takes --db PATH (default: %s).\n"
                  "Run “hubeco COMMAND --help” for a command’s options.\n"),
           "$XDG_DATA_HOME/hubeco/hubeco.db");
  fprintf (out, "\n%s\n", _("Exit status: 0 done, 1 the work failed (unreadable file, unknown id, network, "
                            "full disk), 2 a bad option or value, 130 interrupted."));
}

static GString *
list_command_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", commands[i].name);
  return names;
}

/**
 * hub_cli_run:
 * Returns: the exit code of the subcommand, HUB_CLI_EXIT_USAGE for an
 *   unknown one
 */
int
hub_cli_run (int    argc,
             char **argv)
{
  const HubCliCommand *command;
  int n_db = leading_db_args (argc, argv);

  g_return_val_if_fail (argc >= 2, HUB_CLI_EXIT_USAGE);

  /* `hubeco --db X COMMAND ...` runs as `hubeco COMMAND --db X ...`. */
  if (n_db > 0)
    {
      char *name = argv[1 + n_db];

      memmove (&argv[2], &argv[1], sizeof (char *) * n_db);
      argv[1] = name;
    }

  if (is_help (argv[1]))
    {
      print_usage (stdout);
      return HUB_CLI_EXIT_OK;
    }
  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      printf ("hubeco %s\n", PACKAGE_VERSION);
      return HUB_CLI_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autoptr(GString) names = list_command_names ();

      return hub_cli_fail (NULL, HUB_CLI_EXIT_USAGE,
                           _("Unknown command “%s”. Valid commands: %s"),
                           argv[1], names->str);
    }

  return command->run (argc - 1, argv + 1);
}

/**
 * hub_cli_fail:
 * Prints "hubeco COMMAND: MESSAGE" (or "hubeco: MESSAGE" when @command is
 * NULL) to stderr.
 *
 * Returns: @exit_code, for `return hub_cli_fail (...)`
 */
int
hub_cli_fail_error (const char   *command,
                    const GError *error)
{
  return hub_cli_fail (command,
                       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
                       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                       ? HUB_CLI_EXIT_USAGE : HUB_CLI_EXIT_FAILED, "%s", error->message);
}

int
hub_cli_fail (const char *command,
              int         exit_code,
              const char *format,
              ...)
{
  g_autofree char *raw = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  raw = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote files, ids and servers: no escape sequence gets out. */
  message = hub_text_sanitize (raw, TRUE);

  fflush (stdout);
  if (command != NULL)
    fprintf (stderr, "hubeco %s: %s\n", command, message);
  else
    fprintf (stderr, "hubeco: %s\n", message);
  return exit_code;
}

static gboolean
interrupt_cb (gpointer data)
{
  HubCliInterrupt *interrupt = data;

  if (!interrupt->interrupted)
    fprintf (stderr, "%s\n", interrupt->message);
  interrupt->interrupted = TRUE;
  g_cancellable_cancel (interrupt->cancellable);
  return G_SOURCE_CONTINUE;
}

void
hub_cli_interrupt_begin (HubCliInterrupt *interrupt,
                         GCancellable    *cancellable,
                         const char      *message)
{
  *interrupt = (HubCliInterrupt) { cancellable, message, FALSE, { 0, 0 } };
  interrupt->sources[0] = g_unix_signal_add (SIGINT, interrupt_cb, interrupt);
  interrupt->sources[1] = g_unix_signal_add (SIGTERM, interrupt_cb, interrupt);
}

void
hub_cli_interrupt_end (HubCliInterrupt *interrupt)
{
  g_clear_handle_id (&interrupt->sources[0], g_source_remove);
  g_clear_handle_id (&interrupt->sources[1], g_source_remove);
}

HubClient *
hub_cli_network_client (const char    *command,
                        HubCliNetwork *net,
                        int           *out_rc)
{
  HubClient *client;

  if (net->timeout < 0)
    {
      *out_rc = hub_cli_fail (command, HUB_CLI_EXIT_USAGE, _("--timeout must be a positive number of seconds"));
      return NULL;
    }
  client = hub_client_new (net->endpoint);
  if (net->timeout > 0)
    hub_client_set_deadline (client, (guint) net->timeout);
  return client;
}

void
hub_cli_network_clear (HubCliNetwork *net)
{
  g_clear_pointer (&net->endpoint, g_free);
}

/**
 * hub_cli_open_store:
 * @db_path: (nullable): the database, NULL for hub_store_default_path()
 *
 * Returns: (transfer full) (nullable): the open store, built from the
 *   embedded dataset when it held no model; NULL with @error
 */
HubStore *
hub_cli_open_store (const char  *db_path,
                    GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(HubStore) store = NULL;

  if (db_path == NULL)
    db_path = default_path = hub_store_default_path ();
  else
    {
      /* A typo in --db would make a new empty database somewhere
       * unexpected: only the default database's folder is created. */
      g_autofree char *dir = g_path_get_dirname (db_path);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Could not open the database %s: the folder %s does not exist "
                         "(create it first, or leave out --db for the default database)"),
                       db_path, dir);
          return NULL;
        }
    }

  store = hub_store_open (db_path, error);
  if (store == NULL)
    return NULL;

  {
    g_autoptr(HubImportReport) report = hub_import_report_new ();
    gboolean empty = hub_store_is_empty (store);
    gint64 start = g_get_monotonic_time ();

    if (empty)
      fprintf (stderr, _("Building the database %s from the embedded dataset…\n"), db_path);
    if (!hub_import_ensure_populated (store, report, NULL, error))
      return NULL;
    if (empty)
      fprintf (stderr, _("Done in %.1f s.\n"), (g_get_monotonic_time () - start) / 1e6);
  }

  return g_steal_pointer (&store);
}

/**
 * hub_cli_load_dataset:
 * Returns: (transfer full) (nullable): the dataset of the store at @db_path
 */
HubDataset *
hub_cli_load_dataset (const char  *db_path,
                      GError     **error)
{
  g_autoptr(HubStore) store = hub_cli_open_store (db_path, error);

  if (store == NULL)
    return NULL;
  return hub_dataset_load (store, NULL, error);
}

/**
 * hub_cli_parse_options:
 * Shared option parsing of every subcommand, so that each takes `--db`,
 * answers `--help`, and exits 2 with the valid options on a bad one.
 */
int
hub_cli_parse_options (const char          *command,
                       const char          *parameter_string,
                       const char          *summary,
                       const GOptionEntry  *entries,
                       char               **out_db_path,
                       int                 *argc,
                       char              ***argv)
{
  const GOptionEntry db_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, out_db_path,
      N_("The database file (default: $XDG_DATA_HOME/hubeco/hubeco.db)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("hubeco %s", command);

  g_return_val_if_fail (command != NULL, HUB_CLI_EXIT_USAGE);
  g_return_val_if_fail (out_db_path != NULL, HUB_CLI_EXIT_USAGE);

  /* GOptionContext names the program in its usage line. */
  g_set_prgname (prgname);
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, FALSE, NULL);

      return hub_cli_fail (command, HUB_CLI_EXIT_USAGE, "%s\n\n%s", error->message, help);
    }

  /* "--" is left in argv by GOptionContext: drop it. */
  for (int i = 1; i < *argc; i++)
    if (strcmp ((*argv)[i], "--") == 0)
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], sizeof (char *) * (*argc - i));
        (*argc)--;
        break;
      }

  return HUB_CLI_EXIT_OK;
}

char *
hub_cli_format_day (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

/**
 * hub_cli_fail_value:
 * Returns: HUB_CLI_EXIT_USAGE
 */
int
hub_cli_fail_value (const char         *command,
                    const char         *option,
                    const char         *value,
                    const char * const *valid)
{
  g_autofree char *list = NULL;

  list = valid != NULL ? g_strjoinv (", ", (char **) valid) : g_strdup ("");
  return hub_cli_fail (command, HUB_CLI_EXIT_USAGE,
                       _("Unknown value “%s” for %s. Valid values: %s"),
                       value, option, list);
}
