/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hub-peak-rss OUT COMMAND [ARG...]: runs COMMAND, writes its peak resident
 * set size in KB to the file OUT and exits with its exit status.
 *
 * Tests that bound the memory of a hubeco run go through this small process
 * because Linux carries a process's peak RSS across fork and exec: a command
 * forked straight from a test process that has grown to 400 MB reports at
 * least 400 MB. Forked from this helper, it starts from a few hundred KB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  struct rusage usage;
  FILE *out;
  int status;
  pid_t pid;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s OUT COMMAND [ARG...]\n", argv[0]);
      return 2;
    }
  pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      return 2;
    }
  if (pid == 0)
    {
      execvp (argv[2], argv + 2);
      perror (argv[2]);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &usage) != pid)
    {
      perror ("wait4");
      return 2;
    }
  out = fopen (argv[1], "w");
  if (out == NULL || fprintf (out, "%ld\n", usage.ru_maxrss) < 0 || fclose (out) != 0)
    {
      perror (argv[1]);
      return 2;
    }
  if (!WIFEXITED (status))
    return 128 + (WIFSIGNALED (status) ? WTERMSIG (status) : 0);
  return WEXITSTATUS (status);
}
