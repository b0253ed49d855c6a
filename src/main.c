/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hub-application.h"
#include "hub-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HubApplication) app = NULL;
  /* The uninstalled app and the tests read the build's po/ (meson devenv). */
  const char *localedir = g_getenv ("HUBECO_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A subcommand runs headless: no display is opened. */
  if (hub_cli_wants (argc, argv))
    return hub_cli_run (argc, argv);

  app = hub_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
